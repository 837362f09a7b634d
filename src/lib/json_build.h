/*
 * json_build.h — writing JSON documents as a stream straight into one
 * growing buffer, with what the JSON renderers share: translated KB texts,
 * source references (recorded so the document can list what it cited),
 * numbers written as jansson's JSON_REAL_PRECISION(6) writes them, and one
 * failure flag checked once at the end instead of after every call. The
 * text is byte for byte what json_dumps() wrote before (compact, or
 * indented by two spaces), without building a tree.
 *
 * Indented documents are written by yajl's generator. Compact ones (the
 * HTTP API's) put their own commas and colons, copy strings that need no
 * escaping as they are and leave the others to yajl, and take the KB's
 * constant parts already written (json_piece.h): see json_build.c.
 *
 * Usage: jb__start(), then values in document order (jb__key() before each
 * member of an object), then jb__finish().
 */
#ifndef GALACTA_JSON_BUILD_H
#define GALACTA_JSON_BUILD_H

#include "kb_internal.h"

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_gen.h>

/* Nesting deeper than yajl's limit fails the document, in both modes. */
enum { JB_MAX_DEPTH = 128 };

typedef struct json_build {
	yajl_gen g;           /* indented: the generator; compact: escapes strings (made when needed) */
	char *buf;            /* the text so far (not NUL-terminated until jb__finish) */
	size_t len, cap;
	char *quoted;         /* indented: a string between quotes for yajl (see jb__str) */
	size_t quoted_cap;
	const struct galacta_kb *kb;
	int lang;             /* 0 en, 1 zh-Hans */
	unsigned char *cited; /* per KB source: set when a reference is written; may be NULL */
	char pending;         /* indented: '{' or '[' opened but not yet written (see jb__object) */
	bool indent;
	bool failed;          /* out of memory, or a value where a key belongs (or the reverse) */
	/* compact: the open containers, innermost at depth ('{' or '['), whether
	 * each has anything in it yet, and whether a key waits for its value. */
	bool after_key;
	unsigned depth;
	char open[JB_MAX_DEPTH + 1];
	bool filled[JB_MAX_DEPTH + 1];
} json_build;

/* Starts a document in lang; indented by two spaces unless flags has
 * GALACTA_RENDER_COMPACT. Returns false when out of memory (nothing to
 * free then). j->cited is NULL: a renderer that lists its sources sets it. */
bool jb__start(json_build *j, const struct galacta_kb *kb, galacta_lang lang, int flags);
/* Ends the document and frees the generator. Returns the NUL-terminated
 * text (owned by the caller: free()) and its length in *len (may be NULL),
 * or NULL when anything failed on the way. */
char *jb__finish(json_build *j, size_t *len);

/* Containers: open, members or elements, close with the matching _end. */
void jb__object(json_build *j);
void jb__object_end(json_build *j);
void jb__array(json_build *j);
void jb__array_end(json_build *j);
/* The key of the next object member. */
void jb__key(json_build *j, const char *key);

/* Compact documents only (json_piece.c; an indented one fails): text
 * written earlier by these functions, copied verbatim. jb__raw: the next
 * value. jb__raw_members: members of the object being written ("k":v,…;
 * len 0: none). */
void jb__raw(json_build *j, const char *text, size_t len);
void jb__raw_members(json_build *j, const char *text, size_t len);

/* Values. A NULL string is written as "". */
void jb__str(json_build *j, const char *s);
/* A real as jansson writes it with JSON_REAL_PRECISION(6) ("%.6g", with
 * ".0" added to a whole number); not finite: fails the document. */
void jb__real(json_build *j, double x);
/* The same, with -0.0 written as 0.0. */
void jb__num(json_build *j, double x);
void jb__int(json_build *j, long long x);
void jb__bool(json_build *j, bool b);
void jb__null(json_build *j);
/* The text in j->lang (English when that translation is missing). */
void jb__text(json_build *j, const kb_text *t);
/* An array of the source ids of r, marking each as cited. */
void jb__refs(json_build *j, const kb_refs *r);
/* The array of the sources marked in j->cited, in KB order: {id,
 * citation, url (when known), evidence_level}. */
void jb__sources(json_build *j);

/* The text jb__real() writes for x into num (at least 32 bytes;
 * json_number.c); its length, 0 when x is not finite. */
size_t jb__format_real(double x, char *num);

/* key + value, for the common members. */
void jb__put_str(json_build *j, const char *key, const char *s);
void jb__put_text(json_build *j, const char *key, const kb_text *t);
void jb__put_num(json_build *j, const char *key, double x);
void jb__put_bool(json_build *j, const char *key, bool b);
void jb__put_refs(json_build *j, const char *key, const kb_refs *r);

#endif
