/*
 * error.h — internal helpers to set the thread-local last-error message.
 */
#ifndef GALACTA_ERROR_INTERNAL_H
#define GALACTA_ERROR_INTERNAL_H

#include "galacta/common.h"

/* Formats the last-error message and returns code (so callers can
 * `return error__set(GALACTA_EINVALID, "…")`). */
int error__set(int code, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
void error__clear(void);

#endif
