/*
 * strbuf.c — a growable string; on allocation failure it sets oom and
 * ignores further writes, so callers check once at the end.
 */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(strbuf *b, size_t need)
{
	size_t cap;
	char *p;

	if (b->oom)
		return false;
	if (b->len + need + 1 <= b->cap)
		return true;
	cap = b->cap ? b->cap : 1024;
	while (cap < b->len + need + 1) {
		if (cap > ((size_t)-1) / 2) {
			b->oom = true;
			return false;
		}
		cap *= 2;
	}
	p = realloc(b->s, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->s = p;
	b->cap = cap;
	return true;
}

void strbuf__printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void strbuf__puts(strbuf *b, const char *s)
{
	size_t n = strlen(s);

	if (!grow(b, n))
		return;
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

void strbuf__puts_plain(strbuf *b, const char *s)
{
	char buf[256];
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		buf[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
		if (n == sizeof(buf) - 1) {
			buf[n] = '\0';
			strbuf__puts(b, buf);
			n = 0;
		}
	}
	buf[n] = '\0';
	strbuf__puts(b, buf);
}
