/*
 * kb_json.c — the knowledge base's causes and findings (with the case
 * fields) as JSON in one language, for apps that build their own interface
 * (galacta-kb-causes/1, galacta-kb-findings/1; the HTTP API serves them as
 * GET /v1/causes and GET /v1/findings). Read-only over an immutable KB.
 */
#include "kb_internal.h"

#include "error.h"
#include "galacta/assess.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct {
	const struct galacta_kb *kb;
	int lang;
	unsigned char *cited; /* per KB source: listed in "sources" */
	bool oom;
} kjctx;

static json_t *str(kjctx *j, const char *s)
{
	json_t *v = json_string(s ? s : "");
	if (!v)
		j->oom = true;
	return v;
}

static void put(kjctx *j, json_t *obj, const char *key, json_t *v)
{
	if (!v || json_object_set_new(obj, key, v))
		j->oom = true;
}

static void add(kjctx *j, json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v))
		j->oom = true;
}

/* A translated text; English when the other language is missing. */
static json_t *text(kjctx *j, const kb_text *t)
{
	return str(j, t->t[j->lang] ? t->t[j->lang] : t->t[GALACTA_LANG_EN]);
}

static json_t *num(kjctx *j, double x)
{
	json_t *v = json_real(x == 0.0 ? 0.0 : x);
	if (!v)
		j->oom = true;
	return v;
}

static json_t *refs(kjctx *j, const kb_refs *r)
{
	json_t *arr = json_array();
	size_t i;

	if (!arr) {
		j->oom = true;
		return NULL;
	}
	for (i = 0; i < r->n; i++) {
		j->cited[r->idx[i]] = 1;
		add(j, arr, str(j, j->kb->sources[r->idx[i]].id));
	}
	return arr;
}

static json_t *sources(kjctx *j)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < j->kb->n_sources; i++) {
		const kb_source *s = &j->kb->sources[i];
		json_t *o;
		if (!j->cited[i])
			continue;
		o = json_object();
		if (!o) {
			j->oom = true;
			break;
		}
		put(j, o, "id", str(j, s->id));
		put(j, o, "citation", str(j, s->citation));
		if (s->url)
			put(j, o, "url", str(j, s->url));
		put(j, o, "evidence_level", str(j, kb__evidence_names[s->level]));
		add(j, arr, o);
	}
	if (!arr)
		j->oom = true;
	return arr;
}

static json_t *cause(kjctx *j, const kb_cause *c)
{
	json_t *o = json_object(), *icd = json_array();
	size_t i;

	if (!o || !icd) {
		json_decref(o);
		json_decref(icd);
		j->oom = true;
		return NULL;
	}
	put(j, o, "id", str(j, c->id));
	put(j, o, "name", text(j, &c->name));
	put(j, o, "category", str(j, c->category));
	for (i = 0; i < c->n_icd10; i++) {
		json_t *e = json_object();
		if (!e) {
			j->oom = true;
			break;
		}
		put(j, e, "code", str(j, c->icd10[i].code));
		put(j, e, "label", text(j, &c->icd10[i].label));
		add(j, icd, e);
	}
	put(j, o, "icd10", icd);
	put(j, o, "prior", num(j, c->prior));
	put(j, o, "prior_sources", refs(j, &c->prior_sources));
	put(j, o, "evidence_level", str(j, kb__evidence_names[c->level]));
	put(j, o, "summary", text(j, &c->summary));
	put(j, o, "mechanism", text(j, &c->mechanism));
	put(j, o, "sources", refs(j, &c->sources));
	return o;
}

static const char *field_type_name(kb_field_type t)
{
	switch (t) {
	case FIELD_NUMBER: return "number";
	case FIELD_INTEGER: return "integer";
	case FIELD_ENUM: return "enum";
	case FIELD_STRING_LIST: return "string_list";
	case FIELD_WEIGHTS: return "weights";
	case FIELD_HISTORY: return "history";
	case FIELD_OBJECT: return "object";
	}
	return "object";
}

static json_t *field(kjctx *j, const kb_field *f)
{
	json_t *o = json_object();
	size_t i;

	if (!o) {
		j->oom = true;
		return NULL;
	}
	put(j, o, "path", str(j, f->path));
	put(j, o, "type", str(j, field_type_name(f->type)));
	put(j, o, "label", text(j, &f->label));
	put(j, o, "question", f->has_question ? text(j, &f->question) : json_null());
	put(j, o, "unit", f->unit && *f->unit ? str(j, f->unit) : json_null());
	if (f->has_range) {
		put(j, o, "min", num(j, f->min));
		put(j, o, "max", num(j, f->max));
	}
	if (f->type == FIELD_ENUM) {
		json_t *arr = json_array();
		for (i = 0; arr && i < f->n_choices; i++)
			add(j, arr, str(j, f->choices[i]));
		put(j, o, "choices", arr);
	}
	return o;
}

static json_t *finding(kjctx *j, const kb_finding *f)
{
	json_t *o = json_object();

	if (!o) {
		j->oom = true;
		return NULL;
	}
	put(j, o, "id", str(j, f->id));
	put(j, o, "group", str(j, f->group));
	put(j, o, "label", text(j, &f->label));
	put(j, o, "question", f->has_question ? text(j, &f->question) : json_null());
	put(j, o, "derived", json_boolean(f->derived));
	put(j, o, "sources", refs(j, &f->sources));
	return o;
}

/* Builds the document with fill() and dumps it; shared by both exports. */
static int export(const galacta_kb *kb, galacta_lang lang, int flags, char **out, const char *what,
	const char *format, void (*fill)(kjctx *, json_t *))
{
	kjctx j = {kb, lang == GALACTA_LANG_ZH_HANS ? 1 : 0, NULL, false};
	json_t *root, *gen;

	error__clear();
	if (!kb || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "%s: NULL argument or unknown language", what);
	*out = NULL;
	j.cited = calloc(kb->n_sources ? kb->n_sources : 1, 1);
	root = json_object();
	if (!j.cited || !root) {
		free(j.cited);
		json_decref(root);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	put(&j, root, "format", str(&j, format));
	put(&j, root, "language", str(&j, galacta_lang_name(lang)));
	fill(&j, root);
	put(&j, root, "sources", sources(&j));
	gen = json_object();
	if (gen) {
		put(&j, gen, "name", str(&j, "galacta"));
		put(&j, gen, "version", str(&j, galacta_version()));
	}
	put(&j, root, "generator", gen);
	if (!j.oom)
		*out = json_dumps(root, JSON_REAL_PRECISION(6) |
			((flags & GALACTA_RENDER_COMPACT) ? JSON_COMPACT : JSON_INDENT(2)));
	json_decref(root);
	free(j.cited);
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}

static void fill_causes(kjctx *j, json_t *root)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < j->kb->n_causes; i++)
		add(j, arr, cause(j, &j->kb->causes[i]));
	put(j, root, "causes", arr);
}

static void fill_findings(kjctx *j, json_t *root)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < j->kb->n_findings; i++)
		add(j, arr, finding(j, &j->kb->findings[i]));
	put(j, root, "findings", arr);
	arr = json_array();
	for (i = 0; arr && i < j->kb->n_fields; i++)
		if (j->kb->fields[i].type != FIELD_OBJECT)
			add(j, arr, field(j, &j->kb->fields[i]));
	put(j, root, "fields", arr);
}

int galacta_kb_causes_to_json(const galacta_kb *kb, galacta_lang lang, int flags, char **out)
{
	return export(kb, lang, flags, out, "galacta_kb_causes_to_json", "galacta-kb-causes/1", fill_causes);
}

int galacta_kb_findings_to_json(const galacta_kb *kb, galacta_lang lang, int flags, char **out)
{
	return export(kb, lang, flags, out, "galacta_kb_findings_to_json", "galacta-kb-findings/1",
		fill_findings);
}
