/*
 * report_json.c — renders an assessment as galacta-assessment/1 JSON
 * (docs/assessment-format.md) with jansson. Every medical statement carries
 * source ids that resolve in the top-level "sources" list.
 */
#include "assess_internal.h"

#include "cond.h"
#include "error.h"
#include "observe.h"
#include "report.h"
#include "json_build.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	json_build b; /* first: a jctx * is a json_build * */
	const struct galacta_assessment *a;
} jctx;

static json_t *rule_list(jctx *j, const kb_rule *const *rules, size_t n, bool triage)
{
	json_t *arr = jb__array(&j->b);
	size_t i;

	for (i = 0; arr && i < n; i++) {
		json_t *o = jb__object(&j->b);
		jb__put(&j->b, o, "rule", jb__str(&j->b, rules[i]->id));
		if (triage)
			jb__put(&j->b, o, "level", jb__str(&j->b, galacta_triage_name((galacta_triage_level)rules[i]->level_or_status)));
		jb__put(&j->b, o, "text", jb__text(&j->b, &rules[i]->text));
		if (rules[i]->has_action)
			jb__put(&j->b, o, "action", jb__text(&j->b, &rules[i]->action));
		jb__put(&j->b, o, "sources", jb__refs(&j->b, &rules[i]->sources));
		jb__add(&j->b, arr, o);
	}
	return arr;
}

static json_t *advice_list(jctx *j, const kb_advice *adv, size_t n)
{
	json_t *arr = jb__array(&j->b);
	size_t i;

	for (i = 0; arr && i < n; i++) {
		json_t *o = jb__object(&j->b);
		jb__put(&j->b, o, "id", jb__str(&j->b, adv[i].id));
		jb__put(&j->b, o, "text", jb__text(&j->b, &adv[i].text));
		jb__put(&j->b, o, "sources", jb__refs(&j->b, &adv[i].sources));
		jb__add(&j->b, arr, o);
	}
	return arr;
}

static json_t *treatments(jctx *j, const kb_cause *c)
{
	json_t *arr = jb__array(&j->b);
	size_t i;

	for (i = 0; arr && i < c->n_treatments; i++) {
		const kb_treatment *t = &c->treatments[i];
		json_t *o = jb__object(&j->b);
		jb__put(&j->b, o, "id", jb__str(&j->b, t->id));
		jb__put(&j->b, o, "kind", jb__str(&j->b, kb__treatment_kind_names[t->kind]));
		jb__put(&j->b, o, "name", jb__text(&j->b, &t->name));
		jb__put(&j->b, o, "text", jb__text(&j->b, &t->text));
		jb__put(&j->b, o, "requires_clinician", json_boolean(t->kind == TREAT_DRUG || t->kind == TREAT_HERBAL ||
								    t->kind == TREAT_PROCEDURE || t->kind == TREAT_TEST));
		if (t->has_safety)
			jb__put(&j->b, o, "lactation_safety", jb__text(&j->b, &t->lactation_safety));
		jb__put(&j->b, o, "evidence_level", jb__str(&j->b, kb__evidence_names[t->level]));
		if (t->has_evidence_note)
			jb__put(&j->b, o, "evidence_note", jb__text(&j->b, &t->evidence_note));
		jb__put(&j->b, o, "from_seed_article", json_boolean(t->from_seed));
		jb__put(&j->b, o, "sources", jb__refs(&j->b, &t->sources));
		jb__add(&j->b, arr, o);
	}
	return arr;
}

static json_t *cause(jctx *j, const assess_cause *r, bool likely)
{
	const struct galacta_kb *kb = j->a->kb;
	const kb_cause *c = &kb->causes[r->cause];
	json_t *o = json_object(), *expl = json_array(), *icd = json_array();
	char names[512];
	size_t i;

	if (!o || !expl || !icd) {
		j->b.oom = true;
		json_decref(o);
		json_decref(expl);
		json_decref(icd);
		return NULL;
	}
	jb__put(&j->b, o, "id", jb__str(&j->b, c->id));
	jb__put(&j->b, o, "name", jb__text(&j->b, &c->name));
	jb__put(&j->b, o, "category", jb__str(&j->b, c->category));
	jb__put(&j->b, o, "probability", jb__num(&j->b, r->probability));
	jb__put(&j->b, o, "prior", jb__num(&j->b, c->prior));
	jb__put(&j->b, o, "likely", json_boolean(likely));
	for (i = 0; i < c->n_icd10; i++) {
		json_t *x = jb__object(&j->b);
		jb__put(&j->b, x, "code", jb__str(&j->b, c->icd10[i].code));
		jb__put(&j->b, x, "label", jb__text(&j->b, &c->icd10[i].label));
		jb__add(&j->b, icd, x);
	}
	jb__put(&j->b, o, "icd10", icd);
	jb__put(&j->b, o, "evidence_level", jb__str(&j->b, kb__evidence_names[c->level]));
	for (i = 0; i < r->n_contrib; i++) {
		const assess_contribution *k = &r->contrib[i];
		json_t *x = jb__object(&j->b);
		jb__put(&j->b, x, "finding", jb__str(&j->b, kb->findings[k->finding].id));
		jb__put(&j->b, x, "label", jb__text(&j->b, &kb->findings[k->finding].label));
		jb__put(&j->b, x, "state", jb__str(&j->b, k->present ? "present" : "absent"));
		jb__put(&j->b, x, "likelihood_ratio", jb__num(&j->b, k->lr));
		if (report__medication_names(j->a, k->finding, ", ", names, sizeof(names)))
			jb__put(&j->b, x, "detail", jb__str(&j->b, names));
		jb__put(&j->b, x, "sources", jb__refs(&j->b, &k->link->sources));
		jb__add(&j->b, expl, x);
	}
	jb__put(&j->b, o, "explanation", expl);
	if (likely) {
		jb__put(&j->b, o, "summary", jb__text(&j->b, &c->summary));
		jb__put(&j->b, o, "mechanism", jb__text(&j->b, &c->mechanism));
		jb__put(&j->b, o, "prior_sources", jb__refs(&j->b, &c->prior_sources));
		jb__put(&j->b, o, "advice", advice_list(j, c->advice, c->n_advice));
		jb__put(&j->b, o, "treatments", treatments(j, c));
		jb__put(&j->b, o, "sources", jb__refs(&j->b, &c->sources));
	}
	return o;
}

static json_t *observations(jctx *j)
{
	const struct galacta_kb *kb = j->a->kb;
	json_t *o = json_object();
	size_t i;

	if (!o) {
		j->b.oom = true;
		return NULL;
	}
	for (i = 0; i < OBS_COUNT; i++) {
		int v = observe__var(kb, (observe_id)i);
		if (j->a->var_known[v])
			jb__put(&j->b, o, observe__names[i], jb__num(&j->b, round(j->a->var[v] * 1000.0) / 1000.0));
	}
	return o;
}

static json_t *derived(jctx *j)
{
	const struct galacta_kb *kb = j->a->kb;
	json_t *arr = jb__array(&j->b);
	size_t i;

	for (i = 0; arr && i < kb->n_findings; i++)
		if (kb->findings[i].derived && j->a->finding[i] == TRI_TRUE) {
			json_t *x = jb__object(&j->b);
			jb__put(&j->b, x, "id", jb__str(&j->b, kb->findings[i].id));
			jb__put(&j->b, x, "label", jb__text(&j->b, &kb->findings[i].label));
			jb__put(&j->b, x, "sources", jb__refs(&j->b, &kb->findings[i].sources));
			jb__add(&j->b, arr, x);
		}
	return arr;
}

static json_t *medications(jctx *j)
{
	const struct galacta_kb *kb = j->a->kb;
	json_t *arr = jb__array(&j->b);
	size_t i;

	for (i = 0; arr && i < j->a->n_meds; i++) {
		const assess_med *m = &j->a->meds[i];
		json_t *x = jb__object(&j->b);
		jb__put(&j->b, x, "name", jb__str(&j->b, m->name));
		if (m->med < 0) {
			jb__put(&j->b, x, "status", jb__str(&j->b, "not_evaluated"));
		} else {
			const kb_medication *k = &kb->meds[m->med];
			jb__put(&j->b, x, "status", jb__str(&j->b, kb__med_effect_names[k->effect]));
			jb__put(&j->b, x, "id", jb__str(&j->b, k->id));
			jb__put(&j->b, x, "label", jb__text(&j->b, &k->name));
			jb__put(&j->b, x, "note", jb__text(&j->b, &k->note));
			jb__put(&j->b, x, "sources", jb__refs(&j->b, &k->sources));
		}
		jb__add(&j->b, arr, x);
	}
	return arr;
}

static json_t *sources(jctx *j)
{
	const struct galacta_kb *kb = j->a->kb;
	json_t *arr = jb__array(&j->b);
	size_t i;

	for (i = 0; arr && i < kb->n_sources; i++)
		if (j->b.cited[i]) {
			const kb_source *s = &kb->sources[i];
			json_t *x = jb__object(&j->b);
			jb__put(&j->b, x, "id", jb__str(&j->b, s->id));
			jb__put(&j->b, x, "citation", jb__str(&j->b, s->citation));
			if (s->url)
				jb__put(&j->b, x, "url", jb__str(&j->b, s->url));
			jb__put(&j->b, x, "evidence_level", jb__str(&j->b, kb__evidence_names[s->level]));
			jb__add(&j->b, arr, x);
		}
	return arr;
}

bool report__medication_names(const struct galacta_assessment *a, int f, const char *sep, char *buf,
	size_t size)
{
	const struct galacta_kb *kb = a->kb;
	const kb_finding *fd = &kb->findings[f];
	size_t i, used = 0;

	buf[0] = '\0';
	if (!fd->derived || !cond__uses_var(fd->when, observe__var(kb, OBS_MEDS_LOWERING)))
		return false;
	for (i = 0; i < a->n_meds; i++) {
		const assess_med *m = &a->meds[i];
		int n;
		if (m->med < 0 || kb->meds[m->med].effect != MED_LOWERS_SUPPLY)
			continue;
		n = snprintf(buf + used, size - used, "%s%s", used ? sep : "", m->name);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	return used > 0;
}

bool report__cause_is_likely(const struct galacta_assessment *a, size_t rank)
{
	double p = a->causes[rank].probability;

	return rank == 0 || (rank < REPORT_TOP_CAUSES && p >= REPORT_SHOWN_PROBABILITY) ||
	       p >= REPORT_LIKELY_PROBABILITY;
}

json_t *report__assessment_json(const struct galacta_assessment *a, galacta_lang lang)
{
	jctx j = {{a ? a->kb : NULL, lang == GALACTA_LANG_ZH_HANS ? 1 : 0, NULL, false}, a};
	json_t *root, *o, *arr;
	size_t i;

	j.b.cited = calloc(a->kb->n_sources ? a->kb->n_sources : 1, 1);
	root = json_object();
	if (!j.b.cited || !root) {
		free(j.b.cited);
		json_decref(root);
		return NULL;
	}
	jb__put(&j.b, root, "format", jb__str(&j.b, "galacta-assessment/1"));
	jb__put(&j.b, root, "case_id", a->case_id ? jb__str(&j.b, a->case_id) : json_null());
	jb__put(&j.b, root, "language", jb__str(&j.b, galacta_lang_name(lang)));

	o = json_object();
	if (o) {
		jb__put(&j.b, o, "status", jb__str(&j.b, galacta_supply_name(a->supply)));
		jb__put(&j.b, o, "title", jb__text(&j.b, &a->kb->supply_texts[a->supply].title));
		jb__put(&j.b, o, "text", jb__text(&j.b, &a->kb->supply_texts[a->supply].text));
		jb__put(&j.b, o, "evidence", rule_list(&j, a->supply_fired, a->n_supply_fired, false));
	}
	jb__put(&j.b, root, "supply", o);

	o = json_object();
	if (o) {
		jb__put(&j.b, o, "level", jb__str(&j.b, galacta_triage_name(a->triage)));
		jb__put(&j.b, o, "title", jb__text(&j.b, &a->kb->triage_texts[a->triage].title));
		jb__put(&j.b, o, "text", jb__text(&j.b, &a->kb->triage_texts[a->triage].text));
		jb__put(&j.b, o, "reasons", rule_list(&j, a->triage_fired, a->n_triage_fired, true));
	}
	jb__put(&j.b, root, "triage", o);

	arr = json_array();
	for (i = 0; arr && i < a->n_causes; i++)
		jb__add(&j.b, arr, cause(&j, &a->causes[i], report__cause_is_likely(a, i)));
	jb__put(&j.b, root, "causes", arr);
	jb__put(&j.b, root, "advice", advice_list(&j, a->kb->general_advice, a->kb->n_general_advice));
	jb__put(&j.b, root, "medications", medications(&j));
	jb__put(&j.b, root, "observations", observations(&j));
	jb__put(&j.b, root, "derived_findings", derived(&j));
	o = json_object();
	if (o) {
		jb__put(&j.b, o, "known_inputs", json_integer((json_int_t)a->n_known_inputs));
		jb__put(&j.b, o, "sparse", json_boolean(a->sparse));
		if (a->sparse)
			jb__put(&j.b, o, "note", jb__text(&j.b, &a->kb->sparse_data));
	}
	jb__put(&j.b, root, "data", o);
	jb__put(&j.b, root, "sources", sources(&j));
	jb__put(&j.b, root, "disclaimer", jb__text(&j.b, &a->kb->disclaimer));
	o = json_object();
	if (o) {
		jb__put(&j.b, o, "name", jb__str(&j.b, "galacta"));
		jb__put(&j.b, o, "version", jb__str(&j.b, galacta_version()));
	}
	jb__put(&j.b, root, "generator", o);

	free(j.b.cited);
	if (j.b.oom) {
		json_decref(root);
		return NULL;
	}
	return root;
}

int galacta_assessment_to_json(const galacta_assessment *a, galacta_lang lang, int flags, char **out)
{
	json_t *root;

	error__clear();
	if (!a || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_assessment_to_json: NULL argument or unknown language");
	*out = NULL;
	root = report__assessment_json(a, lang);
	if (root)
		*out = json_dumps(root, JSON_REAL_PRECISION(6) |
			((flags & GALACTA_RENDER_COMPACT) ? JSON_COMPACT : JSON_INDENT(2)));
	json_decref(root);
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}
