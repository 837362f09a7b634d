/*
 * request_parse.c — the readers of untrusted request text for the HTTP
 * server (request_parse.h): Accept-Language, the web page's file names,
 * percent-decoding, the body's content type, the JSON path of an error
 * message, and the access log's copy of a path. Pure: no I/O, no
 * libmicrohttpd; fuzzed by fuzz/fuzz_http.c.
 */
#include "request_parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Our language for one language range, or -1. Every Chinese tag maps to
 * Simplified Chinese: a reader of Traditional Chinese is better served by
 * it than by English. */
static int tag_lang(const char *tag, size_t n)
{
	if ((n == 2 || (n > 2 && tag[2] == '-')) && !strncasecmp(tag, "en", 2))
		return GALACTA_LANG_EN;
	if ((n == 2 || (n > 2 && tag[2] == '-')) && !strncasecmp(tag, "zh", 2))
		return GALACTA_LANG_ZH_HANS;
	return -1;
}

/* The quality of ";q=0.8" parameters (1 when none; 0 on a bad value). */
static double quality(const char *params, size_t n)
{
	const char *p = params, *end = params + n;

	while (p < end) {
		while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
			p++;
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
			char num[8];
			size_t k = 0;
			char *stop;
			double q;
			p += 2;
			while (p < end && k + 1 < sizeof(num) && (isdigit((unsigned char)*p) || *p == '.'))
				num[k++] = *p++;
			num[k] = '\0';
			q = strtod(num, &stop);
			return (k && *stop == '\0' && q >= 0 && q <= 1) ? q : 0;
		}
		while (p < end && *p != ';')
			p++;
	}
	return 1;
}

int request_parse__accept_language(const char *header, galacta_lang *out)
{
	const char *p = header;
	double best_q = 0;
	int best = -1;

	if (!header)
		return GALACTA_ENOTFOUND;
	while (*p) {
		const char *item = p, *semi;
		size_t n, tag_n;
		int l;
		double q;

		while (*p && *p != ',')
			p++;
		n = (size_t)(p - item);
		if (*p == ',')
			p++;
		while (n && (*item == ' ' || *item == '\t')) {
			item++;
			n--;
		}
		semi = memchr(item, ';', n);
		tag_n = semi ? (size_t)(semi - item) : n;
		while (tag_n && (item[tag_n - 1] == ' ' || item[tag_n - 1] == '\t'))
			tag_n--;
		l = tag_lang(item, tag_n);
		if (l < 0)
			continue;
		q = semi ? quality(semi, n - (size_t)(semi - item)) : 1;
		/* Ties go to the first listed, as the client ordered them. */
		if (q > best_q) {
			best_q = q;
			best = l;
		}
	}
	if (best < 0)
		return GALACTA_ENOTFOUND;
	*out = (galacta_lang)best;
	return 0;
}

const char *request_parse__web_name(const char *url, char *buf, size_t size)
{
	const char *p;
	size_t n;

	if (!url || url[0] != '/')
		return NULL;
	if (!strcmp(url, "/"))
		return "index.html";
	n = strlen(url + 1);
	if (n == 0 || n >= size || n > REQUEST_WEB_PATH_MAX)
		return NULL;
	for (p = url + 1; *p; p++) {
		char ch = *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			  ch == '-' || ch == '_' || ch == '.' || ch == '/';
		if (!ok)
			return NULL;
		/* Each segment starts with a letter or digit: no "", ".", "..",
		 * hidden files, or trailing '/'. */
		if (p[-1] == '/' && (ch == '/' || ch == '.' || ch == '-' || ch == '_'))
			return NULL;
	}
	if (url[n] == '/')
		return NULL;
	memcpy(buf, url + 1, n + 1);
	return buf;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t request_parse__unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		int hi, lo;
		if (r[0] == '%' && (hi = hex_value(r[1])) >= 0 && (lo = hex_value(r[2])) >= 0) {
			char c = (char)(hi * 16 + lo);
			*w++ = c ? c : 0x7f;
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

bool request_parse__json_content_type(const char *ct)
{
	if (!ct)
		return false;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, "application/json", 16))
		return false;
	ct += 16;
	return *ct == '\0' || *ct == ';' || *ct == ' ' || *ct == '\t';
}

const char *request_parse__error_path(const char *msg, char *buf, size_t size)
{
	const char *sep = strstr(msg, ": ");
	size_t n;

	if (!sep)
		return NULL;
	n = (size_t)(sep - msg);
	if (n == 6 && !strncmp(msg, "(root)", 6))
		return "";
	if (msg[0] == '(' || n == 0 || n >= size || memchr(msg, ' ', n))
		return NULL;
	memcpy(buf, msg, n);
	buf[n] = '\0';
	return buf;
}

void request_parse__log_path(char *dst, size_t size, const char *path)
{
	size_t i = 0;

	if (!size)
		return;
	for (; path && path[i] && i + 1 < size; i++) {
		unsigned char ch = (unsigned char)path[i];
		dst[i] = (ch < 0x21 || ch >= 0x7f) ? '?' : (char)ch;
	}
	dst[i] = '\0';
	/* A cut path says so. */
	if (path && path[i] && size > 4)
		memcpy(dst + size - 4, "...", 4);
}
