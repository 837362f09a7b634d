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

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const struct galacta_assessment *a;
	int lang;
	unsigned char *cited; /* per KB source */
	bool oom;
} jctx;

static json_t *str(jctx *j, const char *s)
{
	json_t *v = json_string(s ? s : "");
	if (!v)
		j->oom = true;
	return v;
}

static void put(jctx *j, json_t *obj, const char *key, json_t *v)
{
	if (!v || json_object_set_new(obj, key, v))
		j->oom = true;
}

static void add(jctx *j, json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v))
		j->oom = true;
}

static json_t *text(jctx *j, const kb_text *t)
{
	return str(j, t->t[j->lang]);
}

static json_t *refs(jctx *j, const kb_refs *r)
{
	json_t *arr = json_array();
	size_t i;

	if (!arr) {
		j->oom = true;
		return NULL;
	}
	for (i = 0; i < r->n; i++) {
		j->cited[r->idx[i]] = 1;
		add(j, arr, str(j, j->a->kb->sources[r->idx[i]].id));
	}
	return arr;
}

static json_t *num(jctx *j, double x)
{
	json_t *v = json_real(x == 0.0 ? 0.0 : x); /* no "-0.0" */
	if (!v)
		j->oom = true;
	return v;
}

static json_t *rule_list(jctx *j, const kb_rule *const *rules, size_t n, bool triage)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < n; i++) {
		json_t *o = json_object();
		if (!o) {
			j->oom = true;
			break;
		}
		put(j, o, "rule", str(j, rules[i]->id));
		if (triage)
			put(j, o, "level", str(j, galacta_triage_name((galacta_triage_level)rules[i]->level_or_status)));
		put(j, o, "text", text(j, &rules[i]->text));
		if (rules[i]->has_action)
			put(j, o, "action", text(j, &rules[i]->action));
		put(j, o, "sources", refs(j, &rules[i]->sources));
		add(j, arr, o);
	}
	if (!arr)
		j->oom = true;
	return arr;
}

static json_t *advice_list(jctx *j, const kb_advice *adv, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < n; i++) {
		json_t *o = json_object();
		if (!o) {
			j->oom = true;
			break;
		}
		put(j, o, "id", str(j, adv[i].id));
		put(j, o, "text", text(j, &adv[i].text));
		put(j, o, "sources", refs(j, &adv[i].sources));
		add(j, arr, o);
	}
	if (!arr)
		j->oom = true;
	return arr;
}

static json_t *treatments(jctx *j, const kb_cause *c)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < c->n_treatments; i++) {
		const kb_treatment *t = &c->treatments[i];
		json_t *o = json_object();
		if (!o) {
			j->oom = true;
			break;
		}
		put(j, o, "id", str(j, t->id));
		put(j, o, "kind", str(j, kb__treatment_kind_names[t->kind]));
		put(j, o, "name", text(j, &t->name));
		put(j, o, "text", text(j, &t->text));
		put(j, o, "requires_clinician", json_boolean(t->kind == TREAT_DRUG || t->kind == TREAT_HERBAL ||
								    t->kind == TREAT_PROCEDURE || t->kind == TREAT_TEST));
		if (t->has_safety)
			put(j, o, "lactation_safety", text(j, &t->lactation_safety));
		put(j, o, "evidence_level", str(j, kb__evidence_names[t->level]));
		if (t->has_evidence_note)
			put(j, o, "evidence_note", text(j, &t->evidence_note));
		put(j, o, "from_seed_article", json_boolean(t->from_seed));
		put(j, o, "sources", refs(j, &t->sources));
		add(j, arr, o);
	}
	if (!arr)
		j->oom = true;
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
		j->oom = true;
		json_decref(o);
		json_decref(expl);
		json_decref(icd);
		return NULL;
	}
	put(j, o, "id", str(j, c->id));
	put(j, o, "name", text(j, &c->name));
	put(j, o, "category", str(j, c->category));
	put(j, o, "probability", num(j, r->probability));
	put(j, o, "prior", num(j, c->prior));
	put(j, o, "likely", json_boolean(likely));
	for (i = 0; i < c->n_icd10; i++) {
		json_t *x = json_object();
		if (!x) {
			j->oom = true;
			break;
		}
		put(j, x, "code", str(j, c->icd10[i].code));
		put(j, x, "label", text(j, &c->icd10[i].label));
		add(j, icd, x);
	}
	put(j, o, "icd10", icd);
	put(j, o, "evidence_level", str(j, kb__evidence_names[c->level]));
	for (i = 0; i < r->n_contrib; i++) {
		const assess_contribution *k = &r->contrib[i];
		json_t *x = json_object();
		if (!x) {
			j->oom = true;
			break;
		}
		put(j, x, "finding", str(j, kb->findings[k->finding].id));
		put(j, x, "label", text(j, &kb->findings[k->finding].label));
		put(j, x, "state", str(j, k->present ? "present" : "absent"));
		put(j, x, "likelihood_ratio", num(j, k->lr));
		if (report__medication_names(j->a, k->finding, ", ", names, sizeof(names)))
			put(j, x, "detail", str(j, names));
		put(j, x, "sources", refs(j, &k->link->sources));
		add(j, expl, x);
	}
	put(j, o, "explanation", expl);
	if (likely) {
		put(j, o, "summary", text(j, &c->summary));
		put(j, o, "mechanism", text(j, &c->mechanism));
		put(j, o, "prior_sources", refs(j, &c->prior_sources));
		put(j, o, "advice", advice_list(j, c->advice, c->n_advice));
		put(j, o, "treatments", treatments(j, c));
		put(j, o, "sources", refs(j, &c->sources));
	}
	return o;
}

static json_t *observations(jctx *j)
{
	const struct galacta_kb *kb = j->a->kb;
	json_t *o = json_object();
	size_t i;

	if (!o) {
		j->oom = true;
		return NULL;
	}
	for (i = 0; i < OBS_COUNT; i++) {
		int v = observe__var(kb, (observe_id)i);
		if (j->a->var_known[v])
			put(j, o, observe__names[i], num(j, round(j->a->var[v] * 1000.0) / 1000.0));
	}
	return o;
}

static json_t *derived(jctx *j)
{
	const struct galacta_kb *kb = j->a->kb;
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < kb->n_findings; i++)
		if (kb->findings[i].derived && j->a->finding[i] == TRI_TRUE) {
			json_t *x = json_object();
			if (!x) {
				j->oom = true;
				break;
			}
			put(j, x, "id", str(j, kb->findings[i].id));
			put(j, x, "label", text(j, &kb->findings[i].label));
			put(j, x, "sources", refs(j, &kb->findings[i].sources));
			add(j, arr, x);
		}
	if (!arr)
		j->oom = true;
	return arr;
}

static json_t *medications(jctx *j)
{
	const struct galacta_kb *kb = j->a->kb;
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < j->a->n_meds; i++) {
		const assess_med *m = &j->a->meds[i];
		json_t *x = json_object();
		if (!x) {
			j->oom = true;
			break;
		}
		put(j, x, "name", str(j, m->name));
		if (m->med < 0) {
			put(j, x, "status", str(j, "not_evaluated"));
		} else {
			const kb_medication *k = &kb->meds[m->med];
			put(j, x, "status", str(j, kb__med_effect_names[k->effect]));
			put(j, x, "id", str(j, k->id));
			put(j, x, "label", text(j, &k->name));
			put(j, x, "note", text(j, &k->note));
			put(j, x, "sources", refs(j, &k->sources));
		}
		add(j, arr, x);
	}
	if (!arr)
		j->oom = true;
	return arr;
}

static json_t *sources(jctx *j)
{
	const struct galacta_kb *kb = j->a->kb;
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < kb->n_sources; i++)
		if (j->cited[i]) {
			const kb_source *s = &kb->sources[i];
			json_t *x = json_object();
			if (!x) {
				j->oom = true;
				break;
			}
			put(j, x, "id", str(j, s->id));
			put(j, x, "citation", str(j, s->citation));
			if (s->url)
				put(j, x, "url", str(j, s->url));
			put(j, x, "evidence_level", str(j, kb__evidence_names[s->level]));
			add(j, arr, x);
		}
	if (!arr)
		j->oom = true;
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
	jctx j = {a, lang == GALACTA_LANG_ZH_HANS ? 1 : 0, NULL, false};
	json_t *root, *o, *arr;
	size_t i;

	j.cited = calloc(a->kb->n_sources ? a->kb->n_sources : 1, 1);
	root = json_object();
	if (!j.cited || !root) {
		free(j.cited);
		json_decref(root);
		return NULL;
	}
	put(&j, root, "format", str(&j, "galacta-assessment/1"));
	put(&j, root, "case_id", a->case_id ? str(&j, a->case_id) : json_null());
	put(&j, root, "language", str(&j, galacta_lang_name(lang)));

	o = json_object();
	if (o) {
		put(&j, o, "status", str(&j, galacta_supply_name(a->supply)));
		put(&j, o, "title", text(&j, &a->kb->supply_texts[a->supply].title));
		put(&j, o, "text", text(&j, &a->kb->supply_texts[a->supply].text));
		put(&j, o, "evidence", rule_list(&j, a->supply_fired, a->n_supply_fired, false));
	}
	put(&j, root, "supply", o);

	o = json_object();
	if (o) {
		put(&j, o, "level", str(&j, galacta_triage_name(a->triage)));
		put(&j, o, "title", text(&j, &a->kb->triage_texts[a->triage].title));
		put(&j, o, "text", text(&j, &a->kb->triage_texts[a->triage].text));
		put(&j, o, "reasons", rule_list(&j, a->triage_fired, a->n_triage_fired, true));
	}
	put(&j, root, "triage", o);

	arr = json_array();
	for (i = 0; arr && i < a->n_causes; i++)
		add(&j, arr, cause(&j, &a->causes[i], report__cause_is_likely(a, i)));
	put(&j, root, "causes", arr);
	put(&j, root, "advice", advice_list(&j, a->kb->general_advice, a->kb->n_general_advice));
	put(&j, root, "medications", medications(&j));
	put(&j, root, "observations", observations(&j));
	put(&j, root, "derived_findings", derived(&j));
	o = json_object();
	if (o) {
		put(&j, o, "known_inputs", json_integer((json_int_t)a->n_known_inputs));
		put(&j, o, "sparse", json_boolean(a->sparse));
		if (a->sparse)
			put(&j, o, "note", text(&j, &a->kb->sparse_data));
	}
	put(&j, root, "data", o);
	put(&j, root, "sources", sources(&j));
	put(&j, root, "disclaimer", text(&j, &a->kb->disclaimer));
	o = json_object();
	if (o) {
		put(&j, o, "name", str(&j, "galacta"));
		put(&j, o, "version", str(&j, galacta_version()));
	}
	put(&j, root, "generator", o);

	free(j.cited);
	if (j.oom) {
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
