/*
 * json_build.c — streaming JSON output on yajl's generator, written so the
 * text is the same as jansson's json_dumps() of the same document (which
 * galacta used before: a tree of json_t per answer cost 10 times more than
 * writing the text as it goes; bench/run measures it).
 */
#include "json_build.h"

#include "galacta/assess.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The documents are 40-75 KB: one allocation covers most of them. */
enum { INITIAL_CAP = 64 * 1024 };

/* yajl's print callback: append to the buffer (always leaving room for
 * the final NUL). */
static void append(void *ctx, const char *s, size_t n)
{
	json_build *j = ctx;

	/* Most calls are a few bytes (quotes, commas, colons, brackets, an
	 * indentation step): copied here rather than through memcpy(). */
	if (n <= 8 && n < j->cap - j->len) {
		char *d = j->buf + j->len;
		j->len += n;
		while (n--)
			*d++ = *s++;
		return;
	}
	if (n >= j->cap - j->len) {
		size_t cap = j->cap;
		char *p;
		if (j->failed)
			return;
		while (n >= cap - j->len) {
			if (cap > ((size_t)-1) / 2) {
				j->failed = true;
				return;
			}
			cap *= 2;
		}
		p = realloc(j->buf, cap);
		if (!p) {
			j->failed = true;
			return;
		}
		j->buf = p;
		j->cap = cap;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

bool jb__start(json_build *j, const struct galacta_kb *kb, galacta_lang lang, int flags)
{
	memset(j, 0, sizeof(*j));
	j->kb = kb;
	j->lang = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	j->indent = !(flags & GALACTA_RENDER_COMPACT);
	j->buf = malloc(INITIAL_CAP);
	j->cap = INITIAL_CAP;
	j->g = yajl_gen_alloc(NULL);
	if (!j->buf || !j->g ||
	    !yajl_gen_config(j->g, yajl_gen_print_callback, append, j) ||
	    (j->indent && (!yajl_gen_config(j->g, yajl_gen_beautify, 1) ||
			   !yajl_gen_config(j->g, yajl_gen_indent_string, "  ")))) {
		free(j->buf);
		if (j->g)
			yajl_gen_free(j->g);
		memset(j, 0, sizeof(*j));
		return false;
	}
	/* Strings are not re-validated as UTF-8 here: KB texts are checked
	 * when the KB is loaded (kb_yaml.c) and case strings by jansson's
	 * parser; checking again would cost a tenth of the time. */
	return true;
}

char *jb__finish(json_build *j, size_t *len)
{
	char *out = j->buf;

	if (j->g)
		yajl_gen_free(j->g);
	if (j->failed || j->pending || !out) {
		free(out);
		out = NULL;
	} else {
		/* yajl ends an indented document with a newline; json_dumps did not. */
		if (j->indent && j->len && out[j->len - 1] == '\n')
			j->len--;
		out[j->len] = '\0';
		if (len)
			*len = j->len;
	}
	j->g = NULL;
	j->buf = NULL;
	return out;
}

static void check(json_build *j, yajl_gen_status st)
{
	if (st != yajl_gen_status_ok)
		j->failed = true;
}

/* Writes a container opened by jb__object/jb__array once it turns out to
 * have something in it. */
static void flush(json_build *j)
{
	char open = j->pending;

	if (!open)
		return;
	j->pending = 0;
	check(j, open == '{' ? yajl_gen_map_open(j->g) : yajl_gen_array_open(j->g));
}

/* Opening is put off to the first member: yajl's beautifier writes an
 * empty container over two lines where json_dumps wrote "{}" or "[]". */
void jb__object(json_build *j)
{
	flush(j);
	j->pending = '{';
}

void jb__array(json_build *j)
{
	flush(j);
	j->pending = '[';
}

/* An empty container as one token: yajl_gen_number() writes its text as
 * given, with the separator and indentation of a value in that place. */
static void close_container(json_build *j, char open, const char *empty,
	yajl_gen_status (*close)(yajl_gen))
{
	if (j->pending == open) {
		j->pending = 0;
		check(j, yajl_gen_number(j->g, empty, 2));
	} else {
		check(j, close(j->g));
	}
}

void jb__object_end(json_build *j)
{
	close_container(j, '{', "{}", yajl_gen_map_close);
}

void jb__array_end(json_build *j)
{
	close_container(j, '[', "[]", yajl_gen_array_close);
}

void jb__key(json_build *j, const char *key)
{
	flush(j);
	check(j, yajl_gen_string(j->g, (const unsigned char *)key, strlen(key)));
}

void jb__str(json_build *j, const char *s)
{
	if (!s)
		s = "";
	flush(j);
	check(j, yajl_gen_string(j->g, (const unsigned char *)s, strlen(s)));
}

/* jansson's jsonp_dtostr() with precision 6: "%.6g", the locale's decimal
 * point turned into '.', ".0" added when the text has neither '.' nor an
 * exponent, and the exponent without '+' or leading zeros. Returns the
 * length written to num (at least 32 bytes), 0 on failure. */
static size_t format_real(double x, char *num)
{
	char raw[40];
	size_t i, n = 0;
	bool point = false, exp = false;
	int len = snprintf(raw, sizeof(raw), "%.6g", x);

	if (len < 0 || (size_t)len >= sizeof(raw) - 8)
		return 0;
	for (i = 0; raw[i]; i++) {
		char c = raw[i];
		if (c == 'e') {
			exp = true;
			num[n++] = 'e';
			if (raw[i + 1] == '+')
				i++;
			else if (raw[i + 1] == '-')
				num[n++] = raw[++i];
			while (raw[i + 1] == '0' && raw[i + 2])
				i++;
		} else if ((c >= '0' && c <= '9') || c == '-') {
			num[n++] = c;
		} else if (!point) {
			/* the decimal point, whatever the locale spells it with */
			point = true;
			num[n++] = '.';
		}
	}
	if (!point && !exp) {
		num[n++] = '.';
		num[n++] = '0';
	}
	num[n] = '\0';
	return n;
}

/* snprintf() of one number costs as much as writing a hundred bytes of
 * text, and most numbers in a document are the KB's priors and likelihood
 * ratios, the same in every answer: the text of recent numbers is kept
 * per thread, by the double's bits (no locking; a collision only costs a
 * snprintf). */
enum { REAL_CACHE_SIZE = 256 };
typedef struct {
	uint64_t bits;
	unsigned char len; /* 0: empty */
	char text[23];
} real_text;
static _Thread_local real_text real_cache[REAL_CACHE_SIZE];

void jb__real(json_build *j, double x)
{
	real_text *e;
	uint64_t bits;
	char num[40];
	size_t n;

	if (!isfinite(x)) {
		j->failed = true; /* json_real() refuses them too: JSON has no such number */
		return;
	}
	memcpy(&bits, &x, sizeof(bits));
	e = &real_cache[(bits * UINT64_C(0x9E3779B97F4A7C15)) >> 56];
	flush(j);
	if (e->len && e->bits == bits) {
		check(j, yajl_gen_number(j->g, e->text, e->len));
		return;
	}
	n = format_real(x, num);
	if (!n) {
		j->failed = true;
		return;
	}
	if (n < sizeof(e->text)) {
		e->bits = bits;
		e->len = (unsigned char)n;
		memcpy(e->text, num, n + 1);
	}
	check(j, yajl_gen_number(j->g, num, n));
}

void jb__num(json_build *j, double x)
{
	jb__real(j, x == 0.0 ? 0.0 : x);
}

void jb__int(json_build *j, long long x)
{
	flush(j);
	check(j, yajl_gen_integer(j->g, x));
}

void jb__bool(json_build *j, bool b)
{
	flush(j);
	check(j, yajl_gen_bool(j->g, b));
}

void jb__null(json_build *j)
{
	flush(j);
	check(j, yajl_gen_null(j->g));
}

void jb__text(json_build *j, const kb_text *t)
{
	jb__str(j, t->t[j->lang] ? t->t[j->lang] : t->t[0]);
}

void jb__refs(json_build *j, const kb_refs *r)
{
	size_t i;

	jb__array(j);
	for (i = 0; i < r->n; i++) {
		if (j->cited)
			j->cited[r->idx[i]] = 1;
		jb__str(j, j->kb->sources[r->idx[i]].id);
	}
	jb__array_end(j);
}

void jb__sources(json_build *j)
{
	const struct galacta_kb *kb = j->kb;
	size_t i;

	jb__array(j);
	for (i = 0; i < kb->n_sources; i++)
		if (j->cited[i]) {
			const kb_source *s = &kb->sources[i];
			jb__object(j);
			jb__put_str(j, "id", s->id);
			jb__put_str(j, "citation", s->citation);
			if (s->url)
				jb__put_str(j, "url", s->url);
			jb__put_str(j, "evidence_level", kb__evidence_names[s->level]);
			jb__object_end(j);
		}
	jb__array_end(j);
}

void jb__put_str(json_build *j, const char *key, const char *s)
{
	jb__key(j, key);
	jb__str(j, s);
}

void jb__put_text(json_build *j, const char *key, const kb_text *t)
{
	jb__key(j, key);
	jb__text(j, t);
}

void jb__put_num(json_build *j, const char *key, double x)
{
	jb__key(j, key);
	jb__num(j, x);
}

void jb__put_bool(json_build *j, const char *key, bool b)
{
	jb__key(j, key);
	jb__bool(j, b);
}

void jb__put_refs(json_build *j, const char *key, const kb_refs *r)
{
	jb__key(j, key);
	jb__refs(j, r);
}
