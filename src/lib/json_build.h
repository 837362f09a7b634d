/*
 * json_build.h — building jansson documents from KB data: translated texts,
 * source references (recorded so the document can list what it cited) and
 * one out-of-memory flag checked once at the end instead of after every
 * call. Shared by the JSON renderers.
 */
#ifndef GALACTA_JSON_BUILD_H
#define GALACTA_JSON_BUILD_H

#include "kb_internal.h"

#include <jansson.h>
#include <stdbool.h>

typedef struct {
	const struct galacta_kb *kb;
	int lang;             /* 0 en, 1 zh-Hans */
	unsigned char *cited; /* per KB source: set when a reference is written */
	bool oom;
} json_build;

json_t *jb__str(json_build *j, const char *s);
/* A real; -0.0 is written as 0. */
json_t *jb__num(json_build *j, double x);
/* The text in j->lang (English when that translation is missing). */
json_t *jb__text(json_build *j, const kb_text *t);
/* An array of the source ids of r, marking each as cited. */
json_t *jb__refs(json_build *j, const kb_refs *r);
json_t *jb__object(json_build *j);
json_t *jb__array(json_build *j);
/* obj[key] = v / append v, taking v; a NULL v (an earlier failure) sets oom. */
void jb__put(json_build *j, json_t *obj, const char *key, json_t *v);
void jb__add(json_build *j, json_t *arr, json_t *v);

#endif
