/*
 * report_json.c — renders an assessment as galacta-assessment/1 JSON
 * (docs/assessment-format.md), written as a stream (json_build.c). Every
 * medical statement carries source ids that resolve in the top-level
 * "sources" list, which comes after them all.
 */
#include "assess_internal.h"

#include "cond.h"
#include "error.h"
#include "observe.h"
#include "report.h"
#include "json_build.h"
#include "json_piece.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each part below that depends only on the KB and the language is
 * rendered through json_piece.c: once per KB and language in compact
 * answers (the HTTP API's), live in indented ones. */

static void rule(json_build *j, const kb_rule *r, bool triage)
{
	jb__object(j);
	jb__put_str(j, "rule", r->id);
	if (triage)
		jb__put_str(j, "level", galacta_triage_name((galacta_triage_level)r->level_or_status));
	jb__put_text(j, "text", &r->text);
	if (r->has_action)
		jb__put_text(j, "action", &r->action);
	jb__put_refs(j, "sources", &r->sources);
	jb__object_end(j);
}

static void supply_rule(json_build *j, const void *r)
{
	rule(j, r, false);
}

static void triage_rule(json_build *j, const void *r)
{
	rule(j, r, true);
}

static void rule_list(json_build *j, const kb_rule *const *rules, size_t n, bool triage)
{
	const kb_rule *first = triage ? j->kb->triage_rules : j->kb->supply_rules;
	size_t i;

	jb__array(j);
	for (i = 0; i < n; i++)
		jp__value(j, triage ? JP_TRIAGE_RULE : JP_SUPPLY_RULE, (size_t)(rules[i] - first),
			triage ? triage_rule : supply_rule, rules[i]);
	jb__array_end(j);
}

static void advice_list(json_build *j, const kb_advice *adv, size_t n)
{
	size_t i;

	jb__array(j);
	for (i = 0; i < n; i++) {
		jb__object(j);
		jb__put_str(j, "id", adv[i].id);
		jb__put_text(j, "text", &adv[i].text);
		jb__put_refs(j, "sources", &adv[i].sources);
		jb__object_end(j);
	}
	jb__array_end(j);
}

static void general_advice(json_build *j, const void *unused)
{
	(void)unused;
	advice_list(j, j->kb->general_advice, j->kb->n_general_advice);
}

static void treatments(json_build *j, const kb_cause *c)
{
	size_t i;

	jb__array(j);
	for (i = 0; i < c->n_treatments; i++) {
		const kb_treatment *t = &c->treatments[i];
		jb__object(j);
		jb__put_str(j, "id", t->id);
		jb__put_str(j, "kind", kb__treatment_kind_names[t->kind]);
		jb__put_text(j, "name", &t->name);
		jb__put_text(j, "text", &t->text);
		jb__put_bool(j, "requires_clinician", t->kind == TREAT_DRUG || t->kind == TREAT_HERBAL ||
							    t->kind == TREAT_PROCEDURE || t->kind == TREAT_TEST);
		if (t->has_safety)
			jb__put_text(j, "lactation_safety", &t->lactation_safety);
		jb__put_str(j, "evidence_level", kb__evidence_names[t->level]);
		if (t->has_evidence_note)
			jb__put_text(j, "evidence_note", &t->evidence_note);
		jb__put_bool(j, "from_seed_article", t->from_seed);
		jb__put_refs(j, "sources", &t->sources);
		jb__object_end(j);
	}
	jb__array_end(j);
}

/* A cause's members before its probability. */
static void cause_head(json_build *j, const void *arg)
{
	const kb_cause *c = arg;

	jb__put_str(j, "id", c->id);
	jb__put_text(j, "name", &c->name);
	jb__put_str(j, "category", c->category);
}

/* Its members between probability and explanation, likely or not. */
typedef struct {
	const kb_cause *c;
	bool likely;
} cause_mid_arg;

static void cause_mid(json_build *j, const void *arg)
{
	const kb_cause *c = ((const cause_mid_arg *)arg)->c;
	size_t i;

	jb__put_num(j, "prior", c->prior);
	jb__put_bool(j, "likely", ((const cause_mid_arg *)arg)->likely);
	jb__key(j, "icd10");
	jb__array(j);
	for (i = 0; i < c->n_icd10; i++) {
		jb__object(j);
		jb__put_str(j, "code", c->icd10[i].code);
		jb__put_text(j, "label", &c->icd10[i].label);
		jb__object_end(j);
	}
	jb__array_end(j);
	jb__put_str(j, "evidence_level", kb__evidence_names[c->level]);
}

/* What a likely cause adds after its explanation. */
static void cause_detail(json_build *j, const void *arg)
{
	const kb_cause *c = arg;

	jb__put_text(j, "summary", &c->summary);
	jb__put_text(j, "mechanism", &c->mechanism);
	jb__put_refs(j, "prior_sources", &c->prior_sources);
	jb__key(j, "advice");
	advice_list(j, c->advice, c->n_advice);
	jb__key(j, "treatments");
	treatments(j, c);
	jb__put_refs(j, "sources", &c->sources);
}

/* An explanation entry: a finding's likelihood ratio, present or absent
 * (k->lr is the link's lr_present or lr_absent). */
typedef struct {
	const kb_link *link;
	bool present;
} contrib_arg;

static void contrib_head(json_build *j, const void *arg)
{
	const contrib_arg *k = arg;
	const kb_finding *f = &j->kb->findings[k->link->finding];

	jb__put_str(j, "finding", f->id);
	jb__put_text(j, "label", &f->label);
	jb__put_str(j, "state", k->present ? "present" : "absent");
	jb__put_num(j, "likelihood_ratio", k->present ? k->link->lr_present : k->link->lr_absent);
}

static void contrib(json_build *j, const void *arg)
{
	jb__object(j);
	contrib_head(j, arg);
	jb__put_refs(j, "sources", &((const contrib_arg *)arg)->link->sources);
	jb__object_end(j);
}

static void cause(json_build *j, const struct galacta_assessment *a, const assess_cause *r, bool likely)
{
	const struct galacta_kb *kb = a->kb;
	const kb_cause *c = &kb->causes[r->cause];
	cause_mid_arg mid = {c, likely};
	char names[512];
	size_t i;

	jb__object(j);
	jp__members(j, JP_CAUSE_HEAD, (size_t)r->cause, cause_head, c);
	jb__put_num(j, "probability", r->probability);
	jp__members(j, JP_CAUSE_MID, (size_t)r->cause * 2 + likely, cause_mid, &mid);
	jb__key(j, "explanation");
	jb__array(j);
	for (i = 0; i < r->n_contrib; i++) {
		const assess_contribution *k = &r->contrib[i];
		contrib_arg ka = {k->link, k->present != 0};
		size_t index = jp__contrib_index(j, (size_t)r->cause, (size_t)(k->link - c->links), ka.present);
		if (report__medication_names(a, k->finding, ", ", names, sizeof(names))) {
			/* The medicines named are the case's: only the rest is constant. */
			jb__object(j);
			jp__members(j, JP_CONTRIB_HEAD, index, contrib_head, &ka);
			jb__put_str(j, "detail", names);
			jb__put_refs(j, "sources", &k->link->sources);
			jb__object_end(j);
		} else {
			jp__value(j, JP_CONTRIB, index, contrib, &ka);
		}
	}
	jb__array_end(j);
	if (likely)
		jp__members(j, JP_CAUSE_DETAIL, (size_t)r->cause, cause_detail, c);
	jb__object_end(j);
}

static void observations(json_build *j, const struct galacta_assessment *a)
{
	size_t i;

	jb__object(j);
	for (i = 0; i < OBS_COUNT; i++) {
		int v = observe__var(a->kb, (observe_id)i);
		if (a->var_known[v])
			jb__put_num(j, observe__names[i], round(a->var[v] * 1000.0) / 1000.0);
	}
	jb__object_end(j);
}

static void derived_finding(json_build *j, const void *arg)
{
	const kb_finding *f = arg;

	jb__object(j);
	jb__put_str(j, "id", f->id);
	jb__put_text(j, "label", &f->label);
	jb__put_refs(j, "sources", &f->sources);
	jb__object_end(j);
}

static void derived(json_build *j, const struct galacta_assessment *a)
{
	const struct galacta_kb *kb = a->kb;
	size_t i;

	jb__array(j);
	for (i = 0; i < kb->n_findings; i++)
		if (kb->findings[i].derived && a->finding[i] == TRI_TRUE)
			jp__value(j, JP_DERIVED, i, derived_finding, &kb->findings[i]);
	jb__array_end(j);
}

/* What the KB says of a medicine the case names. */
static void medication(json_build *j, const void *arg)
{
	const kb_medication *k = arg;

	jb__put_str(j, "status", kb__med_effect_names[k->effect]);
	jb__put_str(j, "id", k->id);
	jb__put_text(j, "label", &k->name);
	jb__put_text(j, "note", &k->note);
	jb__put_refs(j, "sources", &k->sources);
}

static void medications(json_build *j, const struct galacta_assessment *a)
{
	const struct galacta_kb *kb = a->kb;
	size_t i;

	jb__array(j);
	for (i = 0; i < a->n_meds; i++) {
		const assess_med *m = &a->meds[i];
		jb__object(j);
		jb__put_str(j, "name", m->name);
		if (m->med < 0)
			jb__put_str(j, "status", "not_evaluated");
		else
			jp__members(j, JP_MEDICATION, (size_t)m->med, medication, &kb->meds[m->med]);
		jb__object_end(j);
	}
	jb__array_end(j);
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
		if (n < 0 || (size_t)n >= size - used) {
			/* Whole names only: a cut one could end inside a UTF-8 sequence. */
			buf[used] = '\0';
			break;
		}
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

static void supply_head(json_build *j, const void *arg)
{
	galacta_supply_status s = *(const galacta_supply_status *)arg;

	jb__put_str(j, "status", galacta_supply_name(s));
	jb__put_text(j, "title", &j->kb->supply_texts[s].title);
	jb__put_text(j, "text", &j->kb->supply_texts[s].text);
}

static void triage_head(json_build *j, const void *arg)
{
	galacta_triage_level t = *(const galacta_triage_level *)arg;

	jb__put_str(j, "level", galacta_triage_name(t));
	jb__put_text(j, "title", &j->kb->triage_texts[t].title);
	jb__put_text(j, "text", &j->kb->triage_texts[t].text);
}

static void assessment_end(json_build *j, const void *unused)
{
	(void)unused;
	jb__put_text(j, "disclaimer", &j->kb->disclaimer);
	jb__key(j, "generator");
	jb__object(j);
	jb__put_str(j, "name", "galacta");
	jb__put_str(j, "version", galacta_version());
	jb__object_end(j);
}

void report__assessment_write(json_build *j, const struct galacta_assessment *a, galacta_lang lang)
{
	const struct galacta_kb *kb = a->kb;
	unsigned char *outer = j->cited;
	size_t i;

	/* The sources this assessment cites, listed at its end. */
	j->cited = calloc(kb->n_sources ? kb->n_sources : 1, 1);
	if (!j->cited) {
		j->cited = outer;
		j->failed = true;
		return;
	}
	jb__object(j);
	jb__put_str(j, "format", "galacta-assessment/1");
	jb__key(j, "case_id");
	if (a->case_id)
		jb__str(j, a->case_id);
	else
		jb__null(j);
	jb__put_str(j, "language", galacta_lang_name(lang));

	jb__key(j, "supply");
	jb__object(j);
	jp__members(j, JP_SUPPLY_HEAD, (size_t)a->supply, supply_head, &a->supply);
	jb__key(j, "evidence");
	rule_list(j, a->supply_fired, a->n_supply_fired, false);
	jb__object_end(j);

	jb__key(j, "triage");
	jb__object(j);
	jp__members(j, JP_TRIAGE_HEAD, (size_t)a->triage, triage_head, &a->triage);
	jb__key(j, "reasons");
	rule_list(j, a->triage_fired, a->n_triage_fired, true);
	jb__object_end(j);

	jb__key(j, "causes");
	jb__array(j);
	for (i = 0; i < a->n_causes; i++)
		cause(j, a, &a->causes[i], report__cause_is_likely(a, i));
	jb__array_end(j);
	jb__key(j, "advice");
	jp__value(j, JP_GENERAL_ADVICE, 0, general_advice, NULL);
	jb__key(j, "medications");
	medications(j, a);
	jb__key(j, "observations");
	observations(j, a);
	jb__key(j, "derived_findings");
	derived(j, a);

	jb__key(j, "data");
	jb__object(j);
	jb__key(j, "known_inputs");
	jb__int(j, (long long)a->n_known_inputs);
	jb__put_bool(j, "sparse", a->sparse);
	if (a->sparse)
		jb__put_text(j, "note", &kb->sparse_data);
	jb__object_end(j);

	jb__key(j, "sources");
	jb__sources(j);
	jp__members(j, JP_ASSESSMENT_END, 0, assessment_end, NULL);
	jb__object_end(j);

	free(j->cited);
	j->cited = outer;
}

int galacta_assessment_to_json(const galacta_assessment *a, galacta_lang lang, int flags, char **out)
{
	json_build j;

	error__clear();
	if (!a || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_assessment_to_json: NULL argument or unknown language");
	*out = NULL;
	if (!jb__start(&j, a->kb, lang, flags))
		return error__set(GALACTA_ENOMEM, "out of memory");
	report__assessment_write(&j, a, lang);
	*out = jb__finish(&j, NULL);
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}
