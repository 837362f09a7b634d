/*
 * error.h — internal helpers to set the thread-local last-error message.
 */
#ifndef GALACTA_ERROR_INTERNAL_H
#define GALACTA_ERROR_INTERNAL_H

#include "galacta/common.h"

#include <stdbool.h>

/* Formats the last-error message and returns code (so callers can
 * `return error__set(GALACTA_EINVALID, "…")`). */
int error__set(int code, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
void error__clear(void);
/* While muted, error__set() returns its code without formatting a
 * message: for callers that discard the errors of what they call (a
 * z-score that cannot be computed is no error for observe.c), since
 * formatting one costs as much as the computation. Returns the previous
 * state, to be given back. */
bool error__mute(bool mute);

#endif
