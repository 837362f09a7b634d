/*
 * assess.c — galacta_assess(): the pipeline observations → derived
 * findings → supply status → derived findings that depend on it → cause
 * posteriors → triage. Clinical content is all in the KB; this file only
 * runs it. Model: docs/model.md.
 */
#include "assess_internal.h"

#include "case_internal.h"
#include "cond.h"
#include "error.h"
#include "observe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Fewer answered inputs than this and an uncertain supply status mean the
 * data are too sparse to conclude (a presentation rule, not a clinical
 * figure: with under 6 answers no cause can gather two independent pieces
 * of evidence and supply cannot be judged). */
enum { SPARSE_INPUTS = 6 };

static void derive(const struct galacta_kb *kb, struct galacta_assessment *a, const cond_env *env,
	bool after_supply)
{
	size_t i;
	for (i = 0; i < kb->n_findings; i++) {
		const kb_finding *f = &kb->findings[i];
		if (f->derived && f->after_supply == after_supply)
			a->finding[i] = (signed char)cond__eval(f->when, env);
	}
}

/* The sorts below are insertion sorts: the arrays are small (a cause's
 * contributions, the 20 causes, the triage rules that fired), and qsort()
 * spent more on its calls and copies than they need. Like glibc's qsort
 * (a merge sort), they are stable: the order is the one it gave. */

/* Weightiest (largest |log LR|) first. */
static void sort_contributions(assess_contribution *c, size_t n)
{
	size_t i, k;

	for (i = 1; i < n; i++) {
		assess_contribution x = c[i];
		for (k = i; k > 0 && c[k - 1].weight < x.weight; k--)
			c[k] = c[k - 1];
		c[k] = x;
	}
}

/* Most probable first; KB order between equals. */
static void sort_causes(assess_cause *c, size_t n)
{
	size_t i, k;

	for (i = 1; i < n; i++) {
		assess_cause x = c[i];
		for (k = i; k > 0 && (c[k - 1].probability < x.probability ||
				      (c[k - 1].probability == x.probability && c[k - 1].cause > x.cause));
		     k--)
			c[k] = c[k - 1];
		c[k] = x;
	}
}

/* Posterior odds = prior odds × Π LR over the known linked findings
 * (causes are independent yes/no questions; see docs/model.md). */
static int infer(const struct galacta_kb *kb, struct galacta_assessment *a)
{
	size_t i, j;

	a->causes = arena__calloc(&a->mem, kb->n_causes, sizeof(*a->causes));
	if (!a->causes)
		return GALACTA_ENOMEM;
	a->n_causes = kb->n_causes;
	for (i = 0; i < kb->n_causes; i++) {
		const kb_cause *c = &kb->causes[i];
		assess_cause *r = &a->causes[i];
		double logit = log(c->prior / (1.0 - c->prior));

		r->cause = (int)i;
		r->contrib = arena__calloc(&a->mem, c->n_links ? c->n_links : 1, sizeof(*r->contrib));
		if (!r->contrib)
			return GALACTA_ENOMEM;
		for (j = 0; j < c->n_links; j++) {
			const kb_link *l = &c->links[j];
			int s = a->finding[l->finding];
			double lr, log_lr;
			if (s == TRI_UNKNOWN)
				continue;
			lr = s == TRI_TRUE ? l->lr_present : l->lr_absent;
			if (lr == 1.0)
				continue;
			log_lr = log(lr);
			logit += log_lr;
			r->contrib[r->n_contrib++] = (assess_contribution){l->finding, s == TRI_TRUE, lr, fabs(log_lr), l};
		}
		r->probability = 1.0 / (1.0 + exp(-logit));
		sort_contributions(r->contrib, r->n_contrib);
	}
	sort_causes(a->causes, a->n_causes);
	return 0;
}

static int fire(struct galacta_assessment *a, const kb_rule *rules, size_t n, const cond_env *env,
	const kb_rule ***out, size_t *n_out)
{
	size_t i;

	*out = arena__calloc(&a->mem, n ? n : 1, sizeof(**out));
	if (!*out)
		return GALACTA_ENOMEM;
	*n_out = 0;
	for (i = 0; i < n; i++)
		if (cond__eval(rules[i].when, env) == TRI_TRUE)
			(*out)[(*n_out)++] = &rules[i];
	return 0;
}

/* Most urgent first. */
static void sort_rules(const kb_rule **r, size_t n)
{
	size_t i, k;

	for (i = 1; i < n; i++) {
		const kb_rule *x = r[i];
		for (k = i; k > 0 && r[k - 1]->level_or_status < x->level_or_status; k--)
			r[k] = r[k - 1];
		r[k] = x;
	}
}

static void count_inputs(const struct galacta_kb *kb, const struct galacta_case *c,
	struct galacta_assessment *a)
{
	size_t i;
	for (i = 0; i < kb->n_findings; i++)
		if (!kb->findings[i].derived && c->finding[i] != TRI_UNKNOWN)
			a->n_known_inputs++;
	for (i = 0; i < kb->n_vars - OBS_COUNT; i++)
		if (c->var_state[i] == VAR_KNOWN)
			a->n_known_inputs++;
	a->n_known_inputs += c->n_weights + (c->meds_given ? 1 : 0);
}

int galacta_assess(const galacta_kb *kb, const galacta_case *c, galacta_assessment **out)
{
	struct galacta_assessment *a;
	cond_env env;
	double *prob;
	size_t i;
	int rc = GALACTA_ENOMEM;

	error__clear();
	if (!kb || !c || !out || c->n_vars != kb->n_vars || c->n_findings != kb->n_findings)
		return error__set(GALACTA_EINVALID, "galacta_assess: NULL argument or case parsed with another KB");
	*out = NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return error__set(GALACTA_ENOMEM, "out of memory");
	a->kb = kb;
	a->case_id = c->id ? arena__strdup(&a->mem, c->id) : NULL;
	a->case_lang = c->lang;
	a->var = arena__calloc(&a->mem, kb->n_vars, sizeof(double));
	a->var_known = arena__calloc(&a->mem, kb->n_vars, 1);
	a->finding = arena__calloc(&a->mem, kb->n_findings, 1);
	prob = arena__calloc(&a->mem, kb->n_causes, sizeof(double));
	a->meds = arena__calloc(&a->mem, c->n_meds ? c->n_meds : 1, sizeof(*a->meds));
	if (!a->var || !a->var_known || !a->finding || !prob || !a->meds || (c->id && !a->case_id))
		goto fail;

	for (i = 0; i < kb->n_vars; i++) {
		a->var[i] = c->var[i];
		a->var_known[i] = c->var_state[i] == VAR_KNOWN;
	}
	memcpy(a->finding, c->finding, kb->n_findings);
	observe__compute(kb, c, a->var, a->var_known);
	for (i = 0; i < c->n_meds; i++) {
		a->meds[i].name = arena__strdup(&a->mem, c->meds[i]);
		a->meds[i].med = observe__med_lookup(kb, c->meds[i]);
		if (!a->meds[i].name)
			goto fail;
	}
	a->n_meds = c->n_meds;

	env = (cond_env){a->var, a->var_known, a->finding, -1, NULL};
	derive(kb, a, &env, false);

	if ((rc = fire(a, kb->supply_rules, kb->n_supply_rules, &env, &a->supply_fired, &a->n_supply_fired)))
		goto fail;
	a->supply = GALACTA_SUPPLY_UNCERTAIN;
	for (i = 0; i < a->n_supply_fired; i++)
		if ((int)a->supply_fired[i]->level_or_status > (int)a->supply)
			a->supply = (galacta_supply_status)a->supply_fired[i]->level_or_status;
	/* Keep only the evidence that decided the status. */
	{
		size_t k = 0;
		for (i = 0; i < a->n_supply_fired; i++)
			if ((int)a->supply_fired[i]->level_or_status == (int)a->supply)
				a->supply_fired[k++] = a->supply_fired[i];
		a->n_supply_fired = k;
	}
	env.supply = (int)a->supply;
	derive(kb, a, &env, true);

	if ((rc = infer(kb, a)))
		goto fail;
	for (i = 0; i < a->n_causes; i++)
		prob[a->causes[i].cause] = a->causes[i].probability;
	env.cause_prob = prob;

	if ((rc = fire(a, kb->triage_rules, kb->n_triage_rules, &env, &a->triage_fired, &a->n_triage_fired)))
		goto fail;
	sort_rules(a->triage_fired, a->n_triage_fired);
	a->triage = a->n_triage_fired ? (galacta_triage_level)a->triage_fired[0]->level_or_status
				      : GALACTA_TRIAGE_SELF_CARE;

	count_inputs(kb, c, a);
	a->sparse = a->supply == GALACTA_SUPPLY_UNCERTAIN && a->n_known_inputs < SPARSE_INPUTS;
	*out = a;
	return 0;
fail:
	galacta_assessment_free(a);
	return error__set(GALACTA_ENOMEM, "out of memory");
}

void galacta_assessment_free(galacta_assessment *a)
{
	if (!a)
		return;
	arena__free(&a->mem);
	free(a);
}

galacta_triage_level galacta_assessment_triage(const galacta_assessment *a)
{
	/* No assessment: the safe answer is the most urgent one. */
	return a ? a->triage : GALACTA_TRIAGE_EMERGENCY;
}

galacta_supply_status galacta_assessment_supply(const galacta_assessment *a)
{
	return a ? a->supply : GALACTA_SUPPLY_UNCERTAIN;
}

size_t galacta_assessment_cause_count(const galacta_assessment *a)
{
	return a ? a->n_causes : 0;
}

int galacta_assessment_cause(const galacta_assessment *a, size_t i, const char **id, double *prob)
{
	error__clear();
	if (!a)
		return error__set(GALACTA_EINVALID, "galacta_assessment_cause: NULL assessment");
	if (i >= a->n_causes)
		return error__set(GALACTA_ERANGE, "cause index %zu out of range (0–%zu)", i, a->n_causes - 1);
	if (id)
		*id = a->kb->causes[a->causes[i].cause].id;
	if (prob)
		*prob = a->causes[i].probability;
	return 0;
}

void galacta_free(void *p)
{
	free(p);
}
