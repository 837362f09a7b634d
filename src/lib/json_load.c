/*
 * json_load.c — the common case's JSON text into a jansson tree, through
 * yajl's parser (json_load.h).
 *
 * jansson's own reader takes every byte through a callback and a UTF-8
 * decoder and copies every token a byte at a time: for a 1 KB case that
 * was more than half of POST /v1/assess's time in the library. yajl's
 * lexer is several times faster; the tree it builds here is the one
 * case.c walks, so validation and its messages stay in one place.
 *
 * This reader only says yes when jansson would say the same: anything it
 * is unsure of (escapes, non-ASCII bytes, control characters, an
 * unterminated string, numbers out of range, a locale whose decimal point
 * is not '.', deep nesting, any error) makes it return NULL, and
 * galacta_case_parse() then asks json_loadb(), whose answer and error
 * message are the reference. tests/unit/test_json_load.c checks that the
 * two agree, and fuzz/fuzz_case.c on every input it makes.
 */
#include "json_load.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* Nesting beyond this is left to jansson (whose limit is 2048). */
enum { MAX_DEPTH = 64, MAX_KEY = 256, MAX_NUMBER = 64 };

typedef struct {
	json_t *root;
	json_t *stack[MAX_DEPTH]; /* the open containers, borrowed from their parents */
	size_t depth;
	char key[MAX_KEY];        /* the key of the next member, NUL-terminated */
	bool has_key;
} reader;

/* Puts v (a new reference, taken even on failure) where the document is;
 * 0 (stop the parser) when it cannot be: a second top-level value, a
 * duplicate key. */
static int attach(reader *r, json_t *v)
{
	json_t *parent;

	if (!v)
		return 0;
	if (!r->depth) {
		if (r->root) {
			json_decref(v);
			return 0;
		}
		r->root = v;
		return 1;
	}
	parent = r->stack[r->depth - 1];
	if (json_is_object(parent)) {
		size_t before = json_object_size(parent);
		if (!r->has_key) {
			json_decref(v);
			return 0;
		}
		/* (jansson's setters take the reference even when they fail.) */
		if (json_object_set_new_nocheck(parent, r->key, v))
			return 0;
		r->has_key = false;
		/* Setting a key again replaces its value: jansson's
		 * JSON_REJECT_DUPLICATES refuses the text instead. */
		return json_object_size(parent) > before;
	}
	return json_array_append_new(parent, v) == 0;
}

static int on_null(void *ctx)
{
	return attach(ctx, json_null());
}

static int on_boolean(void *ctx, int b)
{
	return attach(ctx, json_boolean(b));
}

/* As jansson's lexer: an integer unless the text has a fraction or an
 * exponent; out of range (ERANGE) is jansson's error to report. */
static int on_number(void *ctx, const char *s, size_t len)
{
	char text[MAX_NUMBER];
	char *end;

	if (len >= sizeof(text))
		return 0;
	memcpy(text, s, len);
	text[len] = '\0';
	errno = 0;
	if (!memchr(text, '.', len) && !memchr(text, 'e', len) && !memchr(text, 'E', len)) {
		json_int_t i = strtoll(text, &end, 10);
		if (errno == ERANGE || *end)
			return 0;
		return attach(ctx, json_integer(i));
	} else {
		/* jansson turns '.' into the locale's decimal point first. */
		const char *point = localeconv()->decimal_point;
		double x;
		if (!point || strcmp(point, "."))
			return 0;
		x = strtod(text, &end);
		if (*end || ((x == HUGE_VAL || x == -HUGE_VAL) && errno == ERANGE))
			return 0;
		return attach(ctx, json_real(x));
	}
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	return attach(ctx, json_stringn_nocheck((const char *)s, len));
}

static int open_container(reader *r, json_t *c)
{
	if (r->depth == MAX_DEPTH || !attach(r, json_incref(c))) {
		json_decref(c);
		return 0;
	}
	/* The parent (or r->root) holds the reference taken above; the one
	 * json_object()/json_array() gave goes. */
	json_decref(c);
	r->stack[r->depth++] = c;
	return 1;
}

static int on_start_map(void *ctx)
{
	return open_container(ctx, json_object());
}

static int on_start_array(void *ctx)
{
	return open_container(ctx, json_array());
}

static int on_map_key(void *ctx, const unsigned char *key, size_t len)
{
	reader *r = ctx;

	if (len >= sizeof(r->key))
		return 0;
	memcpy(r->key, key, len);
	r->key[len] = '\0';
	r->has_key = true;
	return 1;
}

static int on_end(void *ctx)
{
	reader *r = ctx;

	r->depth--;
	return 1;
}

static const yajl_callbacks callbacks = {
	on_null, on_boolean, NULL, NULL, on_number, on_string,
	on_start_map, on_map_key, on_end, on_start_array, on_end,
};

/* Texts this reader leaves to jansson: with a byte other than printable
 * ASCII and the JSON whitespace (yajl also takes \v and \f for
 * whitespace; jansson does not), with a backslash (an escape), or with an
 * odd number of quotes: yajl keeps a string still open at the end for
 * more input and then says yes to the object before it, where jansson
 * says the text does not end there. (Without escapes, every quote opens or
 * closes a string.) */
static bool plain_byte(unsigned char c)
{
	return c < 0x80 && c != '\\' && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
}

/* Eight bytes at a time: a word with a byte from 0x80 up, a backslash or a
 * control character (tests as in json_build.c's needs_escape()) is looked
 * at byte by byte (most are line ends); quotes are counted exactly, byte
 * by byte within the word (the top bit of each byte of ~t). */
static bool plain(const char *text, size_t len)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080),
		       low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
	size_t i = 0, k, quotes = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w, b, q, t, m;
		memcpy(&w, text + i, 8);
		b = w ^ (ones * '\\');
		if ((w | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w)) & high)
			for (k = 0; k < 8; k++)
				if (!plain_byte((unsigned char)text[i + k]))
					return false;
		q = w ^ (ones * '"');
		t = ((q & low7) + low7) | q; /* a byte's top bit is clear only where q's byte is 0 */
		for (m = ~t & high; m; m &= m - 1)
			quotes++;
	}
	for (; i < len; i++) {
		if (!plain_byte((unsigned char)text[i]))
			return false;
		quotes += text[i] == '"';
	}
	return quotes % 2 == 0;
}

json_t *json_load__object(const char *text, size_t len)
{
	reader r;
	yajl_handle h;
	bool ok;

	if (!plain(text, len))
		return NULL;
	memset(&r, 0, sizeof(r));
	h = yajl_alloc(&callbacks, NULL, &r);
	if (!h)
		return NULL;
	ok = yajl_parse(h, (const unsigned char *)text, len) == yajl_status_ok &&
	     yajl_complete_parse(h) == yajl_status_ok;
	yajl_free(h);
	if (!ok || r.depth || !json_is_object(r.root)) {
		json_decref(r.root);
		return NULL;
	}
	return r.root;
}
