/*
 * json_load.h — reading a case's JSON text into a jansson tree, fast.
 */
#ifndef GALACTA_JSON_LOAD_H
#define GALACTA_JSON_LOAD_H

#include <jansson.h>
#include <stddef.h>

/* The JSON object in text[0..len) as the tree json_loadb(text, len,
 * JSON_REJECT_DUPLICATES) would build (same values, number types and key
 * order), read with yajl's parser; NULL when this reader leaves the text
 * to json_loadb: any text that is not a plain object (a syntax error,
 * a duplicate key, a number out of range, another top-level value) or that
 * has a byte outside printable ASCII, tab, CR and LF, or a backslash (so
 * that escapes, UTF-8 and control characters are only ever jansson's to
 * judge), or an unterminated string, or when out of memory. Owned by the
 * caller: json_decref(). */
json_t *json_load__object(const char *text, size_t len);

#endif
