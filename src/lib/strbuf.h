/*
 * strbuf.h — a growable NUL-terminated string for the renderers.
 */
#ifndef GALACTA_STRBUF_H
#define GALACTA_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *s;
	size_t len, cap;
	bool oom;
} strbuf;

void strbuf__printf(strbuf *b, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
void strbuf__puts(strbuf *b, const char *s);
/* Text that came from a case (an id, a medicine name), with control
 * characters replaced by '?', so input cannot move the cursor or fake a
 * banner on a terminal. */
void strbuf__puts_plain(strbuf *b, const char *s);

#endif
