/*
 * json_build.c — streaming JSON output, written so the text is the same
 * as jansson's json_dumps() of the same document (which galacta used
 * before: a tree of json_t per answer cost 10 times more than writing the
 * text as it goes; bench/run measures it).
 *
 * Indented documents go through yajl's generator, which knows the layout.
 * Compact documents (every answer of the HTTP API) do not: through yajl,
 * each key and value cost a few hundred instructions (its state machine,
 * a print callback per token, escaping a byte at a time), more than
 * copying the KB's constant parts (json_piece.c) and as much as the rest
 * of the answer. Compact JSON has no layout to get wrong: a comma between
 * the members or elements of a container, a colon after a key. So compact
 * documents put those themselves (json_build.open/filled/after_key), copy
 * strings that need no escaping between quotes, and hand the others to
 * yajl's generator (yajl_gen_string on a fresh top-level value), so that
 * escaping stays the library's.
 */
#include "json_build.h"

#include "json_piece.h"

#include "galacta/assess.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The documents are 40-75 KB: one allocation covers most of them. */
enum { INITIAL_CAP = 64 * 1024 };

/* Makes room for n more bytes and the final NUL; false (and the document
 * failed) when out of memory. */
static bool grow(json_build *j, size_t n)
{
	size_t cap = j->cap;
	char *p;

	if (j->failed)
		return false;
	while (n >= cap - j->len) {
		if (cap > ((size_t)-1) / 2) {
			j->failed = true;
			return false;
		}
		cap *= 2;
	}
	p = realloc(j->buf, cap);
	if (!p) {
		j->failed = true;
		return false;
	}
	j->buf = p;
	j->cap = cap;
	return true;
}

static inline void put(json_build *j, const char *s, size_t n)
{
	if (n >= j->cap - j->len && !grow(j, n))
		return;
	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

static inline void put_char(json_build *j, char c)
{
	if (1 >= j->cap - j->len && !grow(j, 1))
		return;
	j->buf[j->len++] = c;
}

/* yajl's print callback: append to the buffer. */
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
	put(j, s, n);
}

/* A generator writing into j: beautified for indented documents; for
 * compact ones only ever given one string at a time (see string()). */
static yajl_gen generator(json_build *j, bool beautify)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (g && (!yajl_gen_config(g, yajl_gen_print_callback, append, j) ||
		  (beautify && (!yajl_gen_config(g, yajl_gen_beautify, 1) ||
				!yajl_gen_config(g, yajl_gen_indent_string, "  "))))) {
		yajl_gen_free(g);
		g = NULL;
	}
	return g;
}

bool jb__start(json_build *j, const struct galacta_kb *kb, galacta_lang lang, int flags)
{
	memset(j, 0, sizeof(*j));
	j->kb = kb;
	j->lang = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	j->indent = !(flags & GALACTA_RENDER_COMPACT);
	j->buf = malloc(INITIAL_CAP);
	j->cap = INITIAL_CAP;
	/* Strings are not re-validated as UTF-8 here: KB texts are checked
	 * when the KB is loaded (kb_yaml.c) and case strings by jansson's
	 * parser; checking again would cost a tenth of the time. */
	if (!j->buf || (j->indent && !(j->g = generator(j, true)))) {
		free(j->buf);
		memset(j, 0, sizeof(*j));
		return false;
	}
	return true;
}

char *jb__finish(json_build *j, size_t *len)
{
	char *out = j->buf;

	if (j->g)
		yajl_gen_free(j->g);
	free(j->quoted);
	j->quoted = NULL;
	if (j->failed || j->pending || j->depth || j->after_key || !out) {
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

/* Compact: the comma due before a value, or nothing right after a key.
 * A value where a key belongs fails the document, as yajl would. */
static void before_value(json_build *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->open[j->depth] == '{' || (j->depth == 0 && j->filled[0])) {
		j->failed = true;
		return;
	}
	if (j->filled[j->depth])
		put_char(j, ',');
	j->filled[j->depth] = true;
}

/* Whether s[0..n) has a '"', a '\\' or a control character, eight bytes
 * at a time: (v - 0x01..) & ~v & 0x80.. is non-zero exactly when a byte
 * of v is 0, and (v - 0x20..) & ~v & 0x80.. when a byte is below 0x20
 * (bytes from 0x80 up never count). */
static bool needs_escape(const char *s, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, q, b;
		memcpy(&w, s + i, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		if ((((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w)) & high)
			return true;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"' || c == '\\')
			return true;
	}
	return false;
}

/* Compact: s between quotes, escaped by yajl when it has a character that
 * needs it ('"', '\\' or a control character: yajl_string_encode() copies
 * every other byte as it is, and solidus escaping is off). */
static void string(json_build *j, const char *s, size_t n)
{
	if (!needs_escape(s, n)) {
		if (n + 2 >= j->cap - j->len && !grow(j, n + 2))
			return;
		j->buf[j->len] = '"';
		memcpy(j->buf + j->len + 1, s, n);
		j->buf[j->len + n + 1] = '"';
		j->len += n + 2;
		return;
	}
	if (!j->g && !(j->g = generator(j, false))) {
		j->failed = true;
		return;
	}
	/* One top-level string per use: no separator, no layout. */
	yajl_gen_reset(j->g, NULL);
	if (yajl_gen_string(j->g, (const unsigned char *)s, n) != yajl_gen_status_ok)
		j->failed = true;
}

/* Compact: opens a container, c '{' or '['. */
static void open_container(json_build *j, char c)
{
	before_value(j);
	if (j->depth + 1 >= JB_MAX_DEPTH) {
		j->failed = true;
		return;
	}
	j->depth++;
	j->open[j->depth] = c;
	j->filled[j->depth] = false;
	put_char(j, c);
}

/* Compact: closes the innermost container, opened with open. */
static void close_compact(json_build *j, char open, char close)
{
	if (j->depth == 0 || j->open[j->depth] != open || j->after_key) {
		j->failed = true;
		return;
	}
	j->depth--;
	put_char(j, close);
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

/* Indented: opening is put off to the first member: yajl's beautifier
 * writes an empty container over two lines where json_dumps wrote "{}" or
 * "[]". */
void jb__object(json_build *j)
{
	if (!j->indent) {
		open_container(j, '{');
		return;
	}
	flush(j);
	j->pending = '{';
}

void jb__array(json_build *j)
{
	if (!j->indent) {
		open_container(j, '[');
		return;
	}
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
	if (!j->indent)
		close_compact(j, '{', '}');
	else
		close_container(j, '{', "{}", yajl_gen_map_close);
}

void jb__array_end(json_build *j)
{
	if (!j->indent)
		close_compact(j, '[', ']');
	else
		close_container(j, '[', "[]", yajl_gen_array_close);
}

void jb__key(json_build *j, const char *key)
{
	size_t n = strlen(key);

	if (j->indent) {
		flush(j);
		check(j, yajl_gen_string(j->g, (const unsigned char *)key, n));
		return;
	}
	if (j->after_key || j->open[j->depth] != '{') {
		j->failed = true;
		return;
	}
	if (j->filled[j->depth])
		put_char(j, ',');
	j->filled[j->depth] = true;
	string(j, key, n);
	put_char(j, ':');
	j->after_key = true;
}

void jb__raw(json_build *j, const char *text, size_t len)
{
	if (j->indent) {
		j->failed = true;
		return;
	}
	before_value(j);
	put(j, text, len);
}

void jb__raw_members(json_build *j, const char *text, size_t len)
{
	if (j->indent || j->after_key || j->open[j->depth] != '{') {
		j->failed = true;
		return;
	}
	if (!len)
		return;
	if (j->filled[j->depth])
		put_char(j, ',');
	j->filled[j->depth] = true;
	put(j, text, len);
}

void jb__str(json_build *j, const char *s)
{
	size_t n;

	if (!s)
		s = "";
	n = strlen(s);
	if (!j->indent) {
		before_value(j);
		string(j, s, n);
		return;
	}
	flush(j);
	/* yajl_gen_string() escapes a byte at a time; a string with nothing
	 * to escape goes in between quotes as it is, through
	 * yajl_gen_number() (which writes a value's text as given, with the
	 * same separator and indentation). */
	if (!needs_escape(s, n)) {
		if (n + 2 > j->quoted_cap) {
			size_t cap = n + 2 > 256 ? n + 2 : 256;
			char *p = realloc(j->quoted, cap);
			if (!p) {
				j->failed = true;
				return;
			}
			j->quoted = p;
			j->quoted_cap = cap;
		}
		j->quoted[0] = '"';
		memcpy(j->quoted + 1, s, n);
		j->quoted[n + 1] = '"';
		check(j, yajl_gen_number(j->g, j->quoted, n + 2));
		return;
	}
	check(j, yajl_gen_string(j->g, (const unsigned char *)s, n));
}

/* A number, boolean or null: its text as the next value. */
static void number(json_build *j, const char *text, size_t n)
{
	if (j->indent) {
		flush(j);
		check(j, yajl_gen_number(j->g, text, n));
	} else {
		before_value(j);
		put(j, text, n);
	}
}

/* Formatting a number costs as much as writing a hundred bytes of text,
 * and many numbers of a document are the same in every answer: the text
 * of recent numbers is kept per thread, by the double's bits (no locking;
 * a collision only costs a formatting). */
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
	if (e->len && e->bits == bits) {
		number(j, e->text, e->len);
		return;
	}
	n = jb__format_real(x, num);
	if (!n) {
		j->failed = true;
		return;
	}
	if (n < sizeof(e->text)) {
		e->bits = bits;
		e->len = (unsigned char)n;
		memcpy(e->text, num, n + 1);
	}
	number(j, num, n);
}

void jb__num(json_build *j, double x)
{
	jb__real(j, x == 0.0 ? 0.0 : x);
}

void jb__int(json_build *j, long long x)
{
	char text[24];
	int n = snprintf(text, sizeof(text), "%lld", x); /* as yajl_gen_integer() */

	number(j, text, (size_t)n);
}

void jb__bool(json_build *j, bool b)
{
	number(j, b ? "true" : "false", b ? 4 : 5);
}

void jb__null(json_build *j)
{
	number(j, "null", 4);
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

static void source(json_build *j, const void *arg)
{
	const kb_source *s = arg;

	jb__object(j);
	jb__put_str(j, "id", s->id);
	jb__put_str(j, "citation", s->citation);
	if (s->url)
		jb__put_str(j, "url", s->url);
	jb__put_str(j, "evidence_level", kb__evidence_names[s->level]);
	jb__object_end(j);
}

void jb__sources(json_build *j)
{
	const struct galacta_kb *kb = j->kb;
	size_t i;

	jb__array(j);
	for (i = 0; i < kb->n_sources; i++)
		if (j->cited[i])
			jp__value(j, JP_SOURCE, i, source, &kb->sources[i]);
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
