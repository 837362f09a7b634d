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

#include <stdbool.h>
#include <stdlib.h>

static void cause(json_build *j, const kb_cause *c)
{
	size_t i;

	jb__object(j);
	jb__put_str(j, "id", c->id);
	jb__put_text(j, "name", &c->name);
	jb__put_str(j, "category", c->category);
	jb__key(j, "icd10");
	jb__array(j);
	for (i = 0; i < c->n_icd10; i++) {
		jb__object(j);
		jb__put_str(j, "code", c->icd10[i].code);
		jb__put_text(j, "label", &c->icd10[i].label);
		jb__object_end(j);
	}
	jb__array_end(j);
	jb__put_num(j, "prior", c->prior);
	jb__put_refs(j, "prior_sources", &c->prior_sources);
	jb__put_str(j, "evidence_level", kb__evidence_names[c->level]);
	jb__put_text(j, "summary", &c->summary);
	jb__put_text(j, "mechanism", &c->mechanism);
	jb__put_refs(j, "sources", &c->sources);
	jb__object_end(j);
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

static void field(json_build *j, const kb_field *f)
{
	size_t i;

	jb__object(j);
	jb__put_str(j, "path", f->path);
	jb__put_str(j, "type", field_type_name(f->type));
	jb__put_text(j, "label", &f->label);
	jb__key(j, "question");
	if (f->has_question)
		jb__text(j, &f->question);
	else
		jb__null(j);
	jb__key(j, "unit");
	if (f->unit && *f->unit)
		jb__str(j, f->unit);
	else
		jb__null(j);
	if (f->has_range) {
		jb__put_num(j, "min", f->min);
		jb__put_num(j, "max", f->max);
	}
	if (f->type == FIELD_ENUM) {
		jb__key(j, "choices");
		jb__array(j);
		for (i = 0; i < f->n_choices; i++)
			jb__str(j, f->choices[i]);
		jb__array_end(j);
	}
	jb__object_end(j);
}

static void finding(json_build *j, const kb_finding *f)
{
	jb__object(j);
	jb__put_str(j, "id", f->id);
	jb__put_str(j, "group", f->group);
	jb__put_text(j, "label", &f->label);
	jb__key(j, "question");
	if (f->has_question)
		jb__text(j, &f->question);
	else
		jb__null(j);
	jb__put_bool(j, "derived", f->derived);
	jb__put_refs(j, "sources", &f->sources);
	jb__object_end(j);
}

/* Writes the document around fill(); shared by both exports. */
static int export(const galacta_kb *kb, galacta_lang lang, int flags, char **out, const char *what,
	const char *format, void (*fill)(json_build *))
{
	json_build j;

	error__clear();
	if (!kb || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "%s: NULL argument or unknown language", what);
	*out = NULL;
	if (!jb__start(&j, kb, lang, flags))
		return error__set(GALACTA_ENOMEM, "out of memory");
	j.cited = calloc(kb->n_sources ? kb->n_sources : 1, 1);
	if (!j.cited)
		j.failed = true;
	else {
		jb__object(&j);
		jb__put_str(&j, "format", format);
		jb__put_str(&j, "language", galacta_lang_name(lang));
		fill(&j);
		jb__key(&j, "sources");
		jb__sources(&j);
		jb__key(&j, "generator");
		jb__object(&j);
		jb__put_str(&j, "name", "galacta");
		jb__put_str(&j, "version", galacta_version());
		jb__object_end(&j);
		jb__object_end(&j);
	}
	free(j.cited);
	*out = jb__finish(&j, NULL);
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}

static void fill_causes(json_build *j)
{
	size_t i;

	jb__key(j, "causes");
	jb__array(j);
	for (i = 0; i < j->kb->n_causes; i++)
		cause(j, &j->kb->causes[i]);
	jb__array_end(j);
}

static void fill_findings(json_build *j)
{
	size_t i;

	jb__key(j, "findings");
	jb__array(j);
	for (i = 0; i < j->kb->n_findings; i++)
		finding(j, &j->kb->findings[i]);
	jb__array_end(j);
	jb__key(j, "fields");
	jb__array(j);
	for (i = 0; i < j->kb->n_fields; i++)
		if (j->kb->fields[i].type != FIELD_OBJECT)
			field(j, &j->kb->fields[i]);
	jb__array_end(j);
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
