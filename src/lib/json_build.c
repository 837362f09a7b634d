/*
 * json_build.c — jansson document building with one out-of-memory flag.
 */
#include "json_build.h"

json_t *jb__str(json_build *j, const char *s)
{
	json_t *v = json_string(s ? s : "");
	if (!v)
		j->oom = true;
	return v;
}

json_t *jb__num(json_build *j, double x)
{
	json_t *v = json_real(x == 0.0 ? 0.0 : x);
	if (!v)
		j->oom = true;
	return v;
}

json_t *jb__text(json_build *j, const kb_text *t)
{
	return jb__str(j, t->t[j->lang] ? t->t[j->lang] : t->t[0]);
}

json_t *jb__object(json_build *j)
{
	json_t *v = json_object();
	if (!v)
		j->oom = true;
	return v;
}

json_t *jb__array(json_build *j)
{
	json_t *v = json_array();
	if (!v)
		j->oom = true;
	return v;
}

void jb__put(json_build *j, json_t *obj, const char *key, json_t *v)
{
	if (!obj || !v || json_object_set_new(obj, key, v))
		j->oom = true;
}

void jb__add(json_build *j, json_t *arr, json_t *v)
{
	if (!arr || !v || json_array_append_new(arr, v))
		j->oom = true;
}

json_t *jb__refs(json_build *j, const kb_refs *r)
{
	json_t *arr = jb__array(j);
	size_t i;

	for (i = 0; arr && i < r->n; i++) {
		if (j->cited)
			j->cited[r->idx[i]] = 1;
		jb__add(j, arr, jb__str(j, j->kb->sources[r->idx[i]].id));
	}
	return arr;
}
