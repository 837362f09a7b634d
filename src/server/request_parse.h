/*
 * request_parse.h — the HTTP server's readers of untrusted request text:
 * pure functions, no I/O, no libmicrohttpd, so that a libFuzzer target
 * (fuzz/fuzz_http.c) and unit tests (tests/api/test_request_parse.c) reach
 * them directly.
 */
#ifndef GALACTA_REQUEST_PARSE_H
#define GALACTA_REQUEST_PARSE_H

#include "galacta/kb.h"

#include <stdbool.h>
#include <stddef.h>

/* Longest web-page path served (the page's file names are short). */
enum { REQUEST_WEB_PATH_MAX = 128 };

/* The best of English and Simplified Chinese in an Accept-Language value
 * (RFC 9110 quality values; ties go to the first listed; every zh-* tag
 * means Simplified Chinese, q=0 excludes). 0 and *out set, or
 * GALACTA_ENOTFOUND when it names neither (or header is NULL). */
int request_parse__accept_language(const char *header, galacta_lang *out);

/* The file name inside web/ that a decoded request path names, in buf
 * (size bytes), or NULL when the path may not name a file of the page:
 * "/" is "index.html"; otherwise only letters, digits, '-', '_', '.' and
 * '/', every segment starting with a letter or digit (no "", ".", "..",
 * hidden files), no trailing '/', at most REQUEST_WEB_PATH_MAX bytes. */
const char *request_parse__web_name(const char *url, char *buf, size_t size);

/* Decodes %XX in place; returns the new length. A decoded NUL becomes DEL
 * (0x7f), which every later check refuses, so that "/index.html%00.js"
 * cannot end a C string early and name index.html. */
size_t request_parse__unescape(char *s);

/* "application/json", any case, with or without parameters. */
bool request_parse__json_content_type(const char *content_type);

/* The JSON path a library error message starts with ("infant.weights[1].
 * weight_g: 35 is outside …") in buf, "" for "(root): …", or NULL when the
 * message is not about one place ("(json) line 1, column 2: …",
 * "(input): empty …"). */
const char *request_parse__error_path(const char *message, char *buf, size_t size);

/* Copies a request path for the access log: at most size-1 bytes,
 * control, space and non-ASCII bytes as '?', a cut path ending in "...". */
void request_parse__log_path(char *dst, size_t size, const char *path);

#endif
