/*
 * kb_json.c — the knowledge base's causes and findings (with the case
 * fields) as JSON in one language, for apps that build their own interface
 * (galacta-kb-causes/1, galacta-kb-findings/1; the HTTP API serves them as
 * GET /v1/causes and GET /v1/findings). Read-only over an immutable KB.
 */
#include "kb_internal.h"

#include "json_build.h"

#include "error.h"
#include "galacta/assess.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>

typedef json_build kjctx;

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
		jb__put(j, o, "id", jb__str(j, s->id));
		jb__put(j, o, "citation", jb__str(j, s->citation));
		if (s->url)
			jb__put(j, o, "url", jb__str(j, s->url));
		jb__put(j, o, "evidence_level", jb__str(j, kb__evidence_names[s->level]));
		jb__add(j, arr, o);
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
	jb__put(j, o, "id", jb__str(j, c->id));
	jb__put(j, o, "name", jb__text(j, &c->name));
	jb__put(j, o, "category", jb__str(j, c->category));
	for (i = 0; i < c->n_icd10; i++) {
		json_t *e = json_object();
		if (!e) {
			j->oom = true;
			break;
		}
		jb__put(j, e, "code", jb__str(j, c->icd10[i].code));
		jb__put(j, e, "label", jb__text(j, &c->icd10[i].label));
		jb__add(j, icd, e);
	}
	jb__put(j, o, "icd10", icd);
	jb__put(j, o, "prior", jb__num(j, c->prior));
	jb__put(j, o, "prior_sources", jb__refs(j, &c->prior_sources));
	jb__put(j, o, "evidence_level", jb__str(j, kb__evidence_names[c->level]));
	jb__put(j, o, "summary", jb__text(j, &c->summary));
	jb__put(j, o, "mechanism", jb__text(j, &c->mechanism));
	jb__put(j, o, "sources", jb__refs(j, &c->sources));
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
	jb__put(j, o, "path", jb__str(j, f->path));
	jb__put(j, o, "type", jb__str(j, field_type_name(f->type)));
	jb__put(j, o, "label", jb__text(j, &f->label));
	jb__put(j, o, "question", f->has_question ? jb__text(j, &f->question) : json_null());
	jb__put(j, o, "unit", f->unit && *f->unit ? jb__str(j, f->unit) : json_null());
	if (f->has_range) {
		jb__put(j, o, "min", jb__num(j, f->min));
		jb__put(j, o, "max", jb__num(j, f->max));
	}
	if (f->type == FIELD_ENUM) {
		json_t *arr = json_array();
		for (i = 0; arr && i < f->n_choices; i++)
			jb__add(j, arr, jb__str(j, f->choices[i]));
		jb__put(j, o, "choices", arr);
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
	jb__put(j, o, "id", jb__str(j, f->id));
	jb__put(j, o, "group", jb__str(j, f->group));
	jb__put(j, o, "label", jb__text(j, &f->label));
	jb__put(j, o, "question", f->has_question ? jb__text(j, &f->question) : json_null());
	jb__put(j, o, "derived", json_boolean(f->derived));
	jb__put(j, o, "sources", jb__refs(j, &f->sources));
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
	jb__put(&j, root, "format", jb__str(&j, format));
	jb__put(&j, root, "language", jb__str(&j, galacta_lang_name(lang)));
	fill(&j, root);
	jb__put(&j, root, "sources", sources(&j));
	gen = json_object();
	if (gen) {
		jb__put(&j, gen, "name", jb__str(&j, "galacta"));
		jb__put(&j, gen, "version", jb__str(&j, galacta_version()));
	}
	jb__put(&j, root, "generator", gen);
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
		jb__add(j, arr, cause(j, &j->kb->causes[i]));
	jb__put(j, root, "causes", arr);
}

static void fill_findings(kjctx *j, json_t *root)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < j->kb->n_findings; i++)
		jb__add(j, arr, finding(j, &j->kb->findings[i]));
	jb__put(j, root, "findings", arr);
	arr = json_array();
	for (i = 0; arr && i < j->kb->n_fields; i++)
		if (j->kb->fields[i].type != FIELD_OBJECT)
			jb__add(j, arr, field(j, &j->kb->fields[i]));
	jb__put(j, root, "fields", arr);
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
