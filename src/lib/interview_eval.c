/*
 * interview_eval.c — the interview's incremental pipeline. Choosing a
 * question means trying each possible answer of each unanswered question
 * (several hundred "what ifs" per step); running galacta_assess for each
 * would cost milliseconds. Instead the case is assessed once into plain
 * arrays (the base state, the same computation as assess.c), and a what-if
 * re-evaluates only what the answer can reach: the derived findings that
 * name it, the supply rules if they name anything that changed, the log
 * odds of the causes linked to what changed, and the triage rules that name
 * what changed. test_interview.c checks the base state against
 * galacta_assess on every example and vignette. Maths: docs/interview.md.
 */
#include "interview_internal.h"

#include "cond.h"
#include "error.h"
#include "observe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- index ---------------------------------------------------------------- */

enum { REF_FINDING, REF_VAR, REF_SUPPLY, REF_CAUSE };

typedef void (*ref_fn)(void *ud, int kind, int index, const kb_cond *c);

static void walk(const kb_cond *c, ref_fn fn, void *ud)
{
	size_t i;

	switch (c->kind) {
	case COND_FINDING:
		fn(ud, REF_FINDING, c->index, c);
		break;
	case COND_VAR:
	case COND_ENUM:
	case COND_KNOWN:
		fn(ud, REF_VAR, c->index, c);
		break;
	case COND_SUPPLY:
		fn(ud, REF_SUPPLY, c->index, c);
		break;
	case COND_CAUSE:
		fn(ud, REF_CAUSE, c->index, c);
		break;
	default:
		break;
	}
	for (i = 0; i < c->n_kids; i++)
		walk(c->kids[i], fn, ud);
}

/* Lists are built in two passes: count, then fill. */
typedef struct {
	iv_ctx *x;
	int pass;      /* 0 count, 1 fill */
	int owner;     /* the derived finding or triage rule walked */
	iv_list *flist, *vlist;
	unsigned char *fflag, *vflag;
	bool uses_supply, uses_cause;
	size_t *n_thr; /* thresholds: count per var, then fill */
} ref_ud;

static void list_add(iv_list *l, int pass, int v)
{
	if (pass == 0)
		l->n++;
	else
		l->v[l->n++] = v;
}

static void collect(void *p, int kind, int index, const kb_cond *c)
{
	ref_ud *u = p;

	switch (kind) {
	case REF_FINDING:
		if (u->flist)
			list_add(&u->flist[index], u->pass, u->owner);
		if (u->fflag)
			u->fflag[index] = 1;
		break;
	case REF_VAR:
		if (u->vlist)
			list_add(&u->vlist[index], u->pass, u->owner);
		if (u->vflag)
			u->vflag[index] = 1;
		if (u->n_thr && c->kind == COND_VAR) {
			static const unsigned bits[] = {CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_EQ};
			const double vals[] = {c->lt, c->le, c->gt, c->ge, c->eq};
			size_t k;
			for (k = 0; k < 5; k++)
				if (c->cmp & bits[k]) {
					if (u->pass == 0)
						u->n_thr[index]++;
					else
						u->x->thresholds[index][u->x->n_thresholds[index]++] = vals[k];
				}
		}
		break;
	case REF_SUPPLY:
		u->uses_supply = true;
		break;
	case REF_CAUSE:
		u->uses_cause = true;
		break;
	}
}

static iv_list *lists(arena *mem, size_t n)
{
	return arena__calloc(mem, n ? n : 1, sizeof(iv_list));
}

static int alloc_lists(arena *mem, iv_list *l, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (l[i].n) {
			l[i].v = arena__calloc(mem, l[i].n, sizeof(int));
			if (!l[i].v)
				return GALACTA_ENOMEM;
		}
		l[i].n = 0;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The 2×2 table behind a link: s = P(f | cause), r = P(f | no cause), from
 * LR+ = s/r and LR− = (1−s)/(1−r). When the two LRs do not define a table
 * (one of them is 1, or both lie on the same side of 1), r is the finding
 * prevalence of kb/interview.yaml and s = LR+ · r. */
static bool link_table(double lp, double la, double prevalence, double *s, double *r)
{
	const double lo = 1e-6, hi = 1 - 1e-6;
	bool table = (lp > 1 && la < 1) || (lp < 1 && la > 1);

	if (table) {
		*r = (1 - la) / (lp - la);
		*s = lp * *r;
	} else {
		*r = prevalence;
		*s = lp * prevalence;
	}
	*s = *s < lo ? lo : *s > hi ? hi : *s;
	*r = *r < lo ? lo : *r > hi ? hi : *r;
	return table;
}

static int build_index(iv_ctx *x)
{
	const struct galacta_kb *kb = x->kb;
	arena *mem = x->mem;
	size_t nf = kb->n_findings, nv = kb->n_vars, i, j, pass, nl = 0;
	size_t *n_thr;
	ref_ud u;

	x->f_deriv = lists(mem, nf);
	x->v_deriv = lists(mem, nv);
	x->f_triage = lists(mem, nf);
	x->v_triage = lists(mem, nv);
	x->f_supply = arena__calloc(mem, nf ? nf : 1, 1);
	x->v_supply = arena__calloc(mem, nv ? nv : 1, 1);
	x->f_links = lists(mem, nf);
	x->thresholds = arena__calloc(mem, nv ? nv : 1, sizeof(double *));
	x->n_thresholds = arena__calloc(mem, nv ? nv : 1, sizeof(size_t));
	n_thr = arena__calloc(mem, nv ? nv : 1, sizeof(size_t));
	x->prior = arena__calloc(mem, kb->n_causes ? kb->n_causes : 1, sizeof(double));
	if (!x->f_deriv || !x->v_deriv || !x->f_triage || !x->v_triage || !x->f_supply || !x->v_supply ||
	    !x->f_links || !x->thresholds || !x->n_thresholds || !n_thr || !x->prior)
		return GALACTA_ENOMEM;

	for (pass = 0; pass < 2; pass++) {
		memset(&u, 0, sizeof(u));
		u.x = x;
		u.pass = (int)pass;
		/* Derived findings: who names whom, and every threshold. */
		u.flist = x->f_deriv;
		u.vlist = x->v_deriv;
		u.n_thr = n_thr;
		for (i = 0; i < nf; i++)
			if (kb->findings[i].derived) {
				u.owner = (int)i;
				walk(kb->findings[i].when, collect, &u);
			}
		/* Triage rules. */
		u.flist = x->f_triage;
		u.vlist = x->v_triage;
		for (i = 0; i < kb->n_triage_rules; i++) {
			u.owner = (int)i;
			u.uses_supply = u.uses_cause = false;
			walk(kb->triage_rules[i].when, collect, &u);
			if (u.uses_supply)
				list_add(&x->t_supply, (int)pass, (int)i);
			if (u.uses_cause)
				list_add(&x->t_cause, (int)pass, (int)i);
		}
		/* Supply rules: flags only. */
		u.flist = u.vlist = NULL;
		u.fflag = x->f_supply;
		u.vflag = x->v_supply;
		for (i = 0; i < kb->n_supply_rules; i++)
			walk(kb->supply_rules[i].when, collect, &u);
		u.fflag = u.vflag = NULL;
		for (i = 0; i < nf; i++)
			if (kb->findings[i].derived && kb->findings[i].after_supply)
				list_add(&x->after_supply, (int)pass, (int)i);
		for (i = 0; i < kb->n_causes; i++)
			for (j = 0; j < kb->causes[i].n_links; j++)
				list_add(&x->f_links[kb->causes[i].links[j].finding], (int)pass, (int)nl++);
		if (pass == 0) {
			if (alloc_lists(mem, x->f_deriv, nf) || alloc_lists(mem, x->v_deriv, nv) ||
			    alloc_lists(mem, x->f_triage, nf) || alloc_lists(mem, x->v_triage, nv) ||
			    alloc_lists(mem, x->f_links, nf) || alloc_lists(mem, &x->t_supply, 1) ||
			    alloc_lists(mem, &x->t_cause, 1) || alloc_lists(mem, &x->after_supply, 1))
				return GALACTA_ENOMEM;
			for (i = 0; i < nv; i++)
				if (n_thr[i] && !(x->thresholds[i] = arena__calloc(mem, n_thr[i], sizeof(double))))
					return GALACTA_ENOMEM;
			x->links = arena__calloc(mem, nl ? nl : 1, sizeof(iv_link));
			if (!x->links)
				return GALACTA_ENOMEM;
			nl = 0;
		}
	}
	/* Each variable's thresholds sorted, duplicates removed. */
	for (i = 0; i < nv; i++) {
		size_t k = 0;
		if (!x->n_thresholds[i])
			continue;
		qsort(x->thresholds[i], x->n_thresholds[i], sizeof(double), cmp_double);
		for (j = 0; j < x->n_thresholds[i]; j++)
			if (!k || x->thresholds[i][j] != x->thresholds[i][k - 1])
				x->thresholds[i][k++] = x->thresholds[i][j];
		x->n_thresholds[i] = k;
	}
	nl = 0;
	for (i = 0; i < kb->n_causes; i++) {
		const kb_cause *c = &kb->causes[i];
		x->prior[i] = c->prior;
		for (j = 0; j < c->n_links; j++) {
			iv_link *l = &x->links[nl++];
			l->cause = (int)i;
			l->log_present = log(c->links[j].lr_present);
			l->log_absent = log(c->links[j].lr_absent);
			l->table = link_table(c->links[j].lr_present, c->links[j].lr_absent, x->prevalence, &l->s, &l->r);
		}
	}
	return 0;
}

/* --- state ---------------------------------------------------------------- */

static int state_alloc(iv_ctx *x, iv_state *s)
{
	const struct galacta_kb *kb = x->kb;
	size_t nc = kb->n_causes ? kb->n_causes : 1;

	s->var = arena__calloc(x->mem, kb->n_vars ? kb->n_vars : 1, sizeof(double));
	s->known = arena__calloc(x->mem, kb->n_vars ? kb->n_vars : 1, 1);
	s->finding = arena__calloc(x->mem, kb->n_findings ? kb->n_findings : 1, 1);
	s->logit = arena__calloc(x->mem, nc, sizeof(double));
	s->prob = arena__calloc(x->mem, nc, sizeof(double));
	s->rule = arena__calloc(x->mem, kb->n_triage_rules ? kb->n_triage_rules : 1, 1);
	return s->var && s->known && s->finding && s->logit && s->prob && s->rule ? 0 : GALACTA_ENOMEM;
}

static double contribution(const iv_link *l, int state)
{
	return state == TRI_TRUE ? l->log_present : state == TRI_FALSE ? l->log_absent : 0.0;
}

static void top3(const struct galacta_kb *kb, const double *prob, int *top)
{
	size_t i, k;

	for (k = 0; k < IV_TOP; k++)
		top[k] = -1;
	/* Highest probability first; ties in KB order, as assess.c sorts. */
	for (i = 0; i < kb->n_causes; i++) {
		int c = (int)i;
		for (k = 0; k < IV_TOP; k++)
			if (top[k] < 0 || prob[c] > prob[top[k]]) {
				int t = top[k];
				top[k] = c;
				c = t;
				if (c < 0)
					break;
			}
	}
}

static int supply_status(const struct galacta_kb *kb, const cond_env *env)
{
	int s = GALACTA_SUPPLY_UNCERTAIN;
	size_t i;

	for (i = 0; i < kb->n_supply_rules; i++)
		if (kb->supply_rules[i].level_or_status > s && cond__eval(kb->supply_rules[i].when, env) == TRI_TRUE)
			s = kb->supply_rules[i].level_or_status;
	return s;
}

/* The case's own variables into s, observations cleared. */
static void load_case_vars(const struct galacta_kb *kb, const struct galacta_case *c, iv_state *s)
{
	size_t i, nfield = kb->n_vars - OBS_COUNT;

	for (i = 0; i < kb->n_vars; i++) {
		s->var[i] = i < nfield ? c->var[i] : 0.0;
		s->known[i] = i < nfield && c->var_state[i] == VAR_KNOWN;
	}
}

static void base_state(iv_ctx *x)
{
	const struct galacta_kb *kb = x->kb;
	iv_state *b = &x->base;
	cond_env env;
	size_t i, j;

	load_case_vars(kb, x->c, b);
	observe__compute(kb, x->c, b->var, b->known);
	memcpy(b->finding, x->c->finding, kb->n_findings);
	env = (cond_env){b->var, b->known, b->finding, -1, NULL};
	for (i = 0; i < kb->n_findings; i++)
		if (kb->findings[i].derived && !kb->findings[i].after_supply)
			b->finding[i] = (signed char)cond__eval(kb->findings[i].when, &env);
	b->supply = supply_status(kb, &env);
	env.supply = b->supply;
	for (i = 0; i < x->after_supply.n; i++)
		b->finding[x->after_supply.v[i]] = (signed char)cond__eval(kb->findings[x->after_supply.v[i]].when, &env);
	/* The same sums, in the same order, as assess.c's infer(). */
	for (i = 0; i < kb->n_causes; i++) {
		const kb_cause *c = &kb->causes[i];
		double logit = log(c->prior / (1.0 - c->prior));
		for (j = 0; j < c->n_links; j++) {
			int s = b->finding[c->links[j].finding];
			double lr;
			if (s == TRI_UNKNOWN)
				continue;
			lr = s == TRI_TRUE ? c->links[j].lr_present : c->links[j].lr_absent;
			if (lr != 1.0)
				logit += log(lr);
		}
		b->logit[i] = logit;
		b->prob[i] = 1.0 / (1.0 + exp(-logit));
	}
	env.cause_prob = b->prob;
	b->triage = GALACTA_TRIAGE_SELF_CARE;
	memset(b->fired, 0, sizeof(b->fired));
	for (i = 0; i < kb->n_triage_rules; i++) {
		b->rule[i] = cond__eval(kb->triage_rules[i].when, &env) == TRI_TRUE;
		if (b->rule[i])
			b->fired[kb->triage_rules[i].level_or_status]++;
		if (b->rule[i] && kb->triage_rules[i].level_or_status > b->triage)
			b->triage = kb->triage_rules[i].level_or_status;
	}
	top3(kb, b->prob, b->top);
}

/* The case seen by observe.c in a what-if: x->c with the scratch arrays
 * and, when the answer sets them, other weights or medicines. */
static void case_view(iv_ctx *x, const iv_answer *a, struct galacta_case *cv)
{
	*cv = *x->c;
	cv->var = x->cvar;
	cv->var_state = x->cstate;
	cv->finding = x->cfinding;
	if (a->set_weights) {
		cv->weights = (case_weight *)a->weights;
		cv->n_weights = a->n_weights;
	}
	if (a->set_meds) {
		cv->meds = (const char **)a->meds;
		cv->n_meds = a->n_meds;
		cv->meds_given = true;
	}
}

static void reset_case_scratch(iv_ctx *x)
{
	const struct galacta_kb *kb = x->kb;
	memcpy(x->cvar, x->c->var, kb->n_vars * sizeof(double));
	memcpy(x->cstate, x->c->var_state, kb->n_vars);
	memcpy(x->cfinding, x->c->finding, kb->n_findings);
}

/* Observations of the case view into s (fields already in s). */
static void observe_view(iv_ctx *x, const iv_answer *a, iv_state *s)
{
	struct galacta_case cv;
	size_t i, first = x->kb->n_vars - OBS_COUNT;

	case_view(x, a, &cv);
	for (i = first; i < x->kb->n_vars; i++) {
		s->var[i] = 0.0;
		s->known[i] = 0;
	}
	observe__compute(x->kb, &cv, s->var, s->known);
}

static bool obs_differ(const iv_ctx *x, const iv_state *s)
{
	size_t i;
	for (i = x->kb->n_vars - OBS_COUNT; i < x->kb->n_vars; i++)
		if (s->known[i] != x->base.known[i] || (s->known[i] && s->var[i] != x->base.var[i]))
			return true;
	return false;
}

/* Does setting the findings idx[0..n) to value change an observation?
 * Found by halving the set: observe.c reads few findings. */
static void find_observing(iv_ctx *x, const int *idx, size_t n, signed char value)
{
	iv_answer none;
	size_t i;

	memset(&none, 0, sizeof(none));
	reset_case_scratch(x);
	for (i = 0; i < n; i++)
		x->cfinding[idx[i]] = value;
	memcpy(x->s.var, x->base.var, x->kb->n_vars * sizeof(double));
	memcpy(x->s.known, x->base.known, x->kb->n_vars);
	observe_view(x, &none, &x->s);
	if (!obs_differ(x, &x->s))
		return;
	if (n == 1) {
		x->f_observe[idx[0]] = 1;
		return;
	}
	find_observing(x, idx, n / 2, value);
	find_observing(x, idx + n / 2, n - n / 2, value);
}

/* The same for variables idx[0..n), each set to the middle of its
 * field's range (enums: the first choice). */
static void find_observing_vars(iv_ctx *x, const int *idx, size_t n)
{
	const struct galacta_kb *kb = x->kb;
	iv_answer none;
	size_t i;

	memset(&none, 0, sizeof(none));
	reset_case_scratch(x);
	for (i = 0; i < n; i++) {
		const kb_field *f = &kb->fields[kb->vars[idx[i]].field];
		x->cvar[idx[i]] = f->type == FIELD_ENUM ? 0.0 : f->min + (f->max - f->min) / 2;
		x->cstate[idx[i]] = VAR_KNOWN;
	}
	memcpy(x->s.var, x->base.var, kb->n_vars * sizeof(double));
	memcpy(x->s.known, x->base.known, kb->n_vars);
	observe_view(x, &none, &x->s);
	if (!obs_differ(x, &x->s))
		return;
	if (n == 1) {
		x->v_observe[idx[0]] = 1;
		return;
	}
	find_observing_vars(x, idx, n / 2);
	find_observing_vars(x, idx + n / 2, n - n / 2);
}

bool iv__var_observes(const iv_ctx *x, int v)
{
	return x->v_observe[v] != 0;
}

/* Marks the findings whose presence alone makes c true. */
static void mark_sufficient(const kb_cond *c, unsigned char *flag)
{
	size_t i;

	if (c->kind == COND_FINDING && c->want)
		flag[c->index] = 1;
	else if (c->kind == COND_ANY || (c->kind == COND_AT_LEAST && c->at_least == 1) ||
		 (c->kind == COND_ALL && c->n_kids == 1))
		for (i = 0; i < c->n_kids; i++)
			mark_sufficient(c->kids[i], flag);
}

int iv__init(iv_ctx *x, const struct galacta_kb *kb, const struct galacta_case *c, arena *mem)
{
	size_t nf = kb->n_findings ? kb->n_findings : 1, nv = kb->n_vars ? kb->n_vars : 1, i, n = 0;
	int *unknown;

	x->kb = kb;
	x->c = c;
	x->mem = mem;
	x->prevalence = kb->interview.present ? kb->interview.finding_prevalence : 0.1;
	x->red_flag_rate = kb->interview.present ? kb->interview.red_flag_rate : 0.02;
	if (build_index(x) || state_alloc(x, &x->base) || state_alloc(x, &x->s))
		return GALACTA_ENOMEM;
	x->f_observe = arena__calloc(mem, nf, 1);
	x->v_observe = arena__calloc(mem, nv, 1);
	x->f_red_flag = arena__calloc(mem, nf, 1);
	x->pred = arena__calloc(mem, nf, sizeof(double));
	x->cvar = arena__calloc(mem, nv, sizeof(double));
	x->cstate = arena__calloc(mem, nv, 1);
	x->cfinding = arena__calloc(mem, nf, 1);
	x->dirty = arena__calloc(mem, nf, 1);
	x->first = arena__calloc(mem, nf, 1);
	x->rule_dirty = arena__calloc(mem, kb->n_triage_rules ? kb->n_triage_rules : 1, 1);
	x->rules = arena__calloc(mem, kb->n_triage_rules ? kb->n_triage_rules : 1, sizeof(int));
	x->changed = arena__calloc(mem, nf, sizeof(int));
	x->changed_old = arena__calloc(mem, nf, 1);
	x->vchanged = arena__calloc(mem, nv, sizeof(int));
	unknown = arena__calloc(mem, nf > nv ? nf : nv, sizeof(int));
	if (!x->f_observe || !x->v_observe || !x->f_red_flag || !x->pred || !x->cvar || !x->cstate || !x->cfinding || !x->dirty || !x->first ||
	    !x->rule_dirty || !x->rules || !x->changed || !x->changed_old || !x->vchanged || !unknown)
		return GALACTA_ENOMEM;
	for (i = 0; i < kb->n_findings; i++)
		x->pred[i] = NAN;
	/* Red flags: findings that alone make an urgent or emergency rule
	 * fire, directly or through derived findings. */
	for (i = 0; i < kb->n_triage_rules; i++)
		if (kb->triage_rules[i].level_or_status >= GALACTA_TRIAGE_URGENT)
			mark_sufficient(kb->triage_rules[i].when, x->f_red_flag);
	for (i = kb->n_findings; i-- > 0;)
		if (x->f_red_flag[i] && kb->findings[i].derived)
			mark_sufficient(kb->findings[i].when, x->f_red_flag);
	base_state(x);
	if (kb->interview.present) {
		/* Found once at KB load (kb_interview.c, observe_inputs). */
		memcpy(x->f_observe, kb->interview.finding_observes, kb->n_findings);
		memcpy(x->v_observe, kb->interview.var_observes, kb->n_vars);
		return 0;
	}
	for (i = 0; i < kb->n_findings; i++)
		if (!kb->findings[i].derived && c->finding[i] == TRI_UNKNOWN)
			unknown[n++] = (int)i;
	if (n) {
		find_observing(x, unknown, n, TRI_TRUE);
		find_observing(x, unknown, n, TRI_FALSE);
	}
	/* Missing variables that observe.c may read (not its own outputs). */
	for (i = 0, n = 0; i < kb->n_vars; i++)
		if (kb->vars[i].field >= 0 && c->var_state[i] == VAR_MISSING)
			unknown[n++] = (int)i;
	if (n)
		find_observing_vars(x, unknown, n);
	return 0;
}

/* --- what if -------------------------------------------------------------- */

static void mark(iv_ctx *x, const iv_list *l, bool first)
{
	size_t i;
	for (i = 0; i < l->n; i++) {
		size_t f = (size_t)l->v[i];
		if (!x->dirty[f]) {
			x->dirty[f] = 1;
			x->pending++;
			if (f < x->dirty_from)
				x->dirty_from = f;
		}
		if (first)
			x->first[f] = 1;
	}
}

static void mark_rules(iv_ctx *x, const iv_list *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (!x->rule_dirty[l->v[i]]) {
			x->rule_dirty[l->v[i]] = 1;
			x->rules[x->n_rules++] = l->v[i];
		}
}

static void change(iv_ctx *x, int f, signed char value)
{
	x->changed[x->n_changed] = f;
	x->changed_old[x->n_changed++] = x->s.finding[f];
	x->s.finding[f] = value;
}

double iv__predict(iv_ctx *x, int f)
{
	const iv_list *l = &x->f_links[f];
	double base = 0, lo = 0;
	size_t i, tables = 0;

	if (!isnan(x->pred[f]))
		return x->pred[f];
	/* The base rate: what the links' 2×2 tables say the finding's rate is
	 * at the causes' priors (their mean log odds). Without a table: a red
	 * flag (alone it makes the case urgent) is rare, red_flag_rate; any
	 * other finding has finding_prevalence. */
	for (i = 0; i < l->n; i++) {
		const iv_link *k = &x->links[l->v[i]];
		double p0 = x->prior[k->cause], before = p0 * k->s + (1 - p0) * k->r;
		if (k->table) {
			base += log(before / (1 - before));
			tables++;
		}
	}
	if (tables) {
		lo = base / (double)tables;
	} else {
		base = x->f_red_flag[f] ? x->red_flag_rate : x->prevalence;
		lo = log(base / (1 - base));
	}
	/* Each linked cause shifts the log odds of the finding by as much as
	 * its own table says its posterior moved it from its prior. */
	for (i = 0; i < l->n; i++) {
		const iv_link *k = &x->links[l->v[i]];
		double p = x->base.prob[k->cause], p0 = x->prior[k->cause];
		double now = p * k->s + (1 - p) * k->r, before = p0 * k->s + (1 - p0) * k->r;
		lo += log(now / (1 - now)) - log(before / (1 - before));
	}
	x->pred[f] = 1.0 / (1.0 + exp(-lo));
	return x->pred[f];
}

void iv__whatif(iv_ctx *x, const iv_answer *a, iv_outcome *o)
{
	const struct galacta_kb *kb = x->kb;
	iv_state *s = &x->s;
	const iv_state *b = &x->base;
	size_t i, j, nf = kb->n_findings;
	bool supply_dirty = false, prob_changed = false;
	cond_env env;
	double weight = 1.0;
	bool explained = false;

	memcpy(s->finding, b->finding, nf);
	memcpy(s->var, b->var, kb->n_vars * sizeof(double));
	memcpy(s->known, b->known, kb->n_vars);
	memset(x->dirty, 0, nf);
	memset(x->first, 0, nf);
	x->dirty_from = nf;
	x->pending = 0;
	x->n_changed = x->n_vchanged = 0;
	s->supply = b->supply;

	if (a->finding >= 0) {
		change(x, a->finding, a->fvalue);
		mark(x, &x->f_deriv[a->finding], true);
	}
	if (a->var >= 0) {
		s->var[a->var] = a->value;
		s->known[a->var] = 1;
		x->vchanged[x->n_vchanged++] = a->var;
	}
	if (a->observe || (a->finding >= 0 && x->f_observe[a->finding])) {
		reset_case_scratch(x);
		if (a->var >= 0) {
			x->cvar[a->var] = a->value;
			x->cstate[a->var] = VAR_KNOWN;
		}
		if (a->finding >= 0)
			x->cfinding[a->finding] = a->fvalue;
		observe_view(x, a, s);
		for (i = kb->n_vars - OBS_COUNT; i < kb->n_vars; i++)
			if (s->known[i] != b->known[i] || (s->known[i] && s->var[i] != b->var[i]))
				x->vchanged[x->n_vchanged++] = (int)i;
	}
	for (i = 0; i < x->n_vchanged; i++)
		mark(x, &x->v_deriv[x->vchanged[i]], true);

	/* Derived findings, in KB order (each names only earlier ones). */
	env = (cond_env){s->var, s->known, s->finding, -1, NULL};
	for (i = x->dirty_from; i < nf && x->pending; i++) {
		signed char v;
		if (!x->dirty[i])
			continue;
		x->pending--;
		if (kb->findings[i].after_supply)
			continue;
		v = (signed char)cond__eval(kb->findings[i].when, &env);
		if (v != s->finding[i]) {
			change(x, (int)i, v);
			mark(x, &x->f_deriv[i], false);
		}
	}
	for (i = 0; i < x->n_changed && !supply_dirty; i++)
		supply_dirty = x->f_supply[x->changed[i]];
	for (i = 0; i < x->n_vchanged && !supply_dirty; i++)
		supply_dirty = x->v_supply[x->vchanged[i]];
	if (supply_dirty)
		s->supply = supply_status(kb, &env);
	env.supply = s->supply;
	/* Findings that need the supply status: when it changed, or when
	 * something else they name did. */
	for (i = 0; i < x->after_supply.n; i++) {
		int f = x->after_supply.v[i];
		signed char v;
		if (s->supply == b->supply && !x->dirty[f])
			continue;
		v = (signed char)cond__eval(kb->findings[f].when, &env);
		if (v != s->finding[f])
			change(x, f, v);
	}

	/* Log odds: take out what each changed finding gave, put in what it
	 * gives now. */
	memcpy(s->logit, b->logit, kb->n_causes * sizeof(double));
	for (i = 0; i < x->n_changed; i++) {
		const iv_list *l = &x->f_links[x->changed[i]];
		int now = s->finding[x->changed[i]], old = x->changed_old[i];
		for (j = 0; j < l->n; j++) {
			const iv_link *k = &x->links[l->v[j]];
			s->logit[k->cause] += contribution(k, now) - contribution(k, old);
		}
		prob_changed |= l->n > 0;
	}
	for (i = 0; i < kb->n_causes; i++)
		o->prob[i] = s->logit[i] == b->logit[i] ? b->prob[i] : 1.0 / (1.0 + exp(-s->logit[i]));
	env.cause_prob = o->prob;

	/* Triage: re-evaluate the rules that name something that changed;
	 * the others fire as in the base state (counted per level). */
	{
		int fired[GALACTA_TRIAGE_COUNT], level;
		memcpy(fired, b->fired, sizeof(fired));
		o->new_urgent = false;
		x->n_rules = 0;
		for (i = 0; i < x->n_changed; i++)
			mark_rules(x, &x->f_triage[x->changed[i]]);
		for (i = 0; i < x->n_vchanged; i++)
			mark_rules(x, &x->v_triage[x->vchanged[i]]);
		if (s->supply != b->supply)
			mark_rules(x, &x->t_supply);
		if (prob_changed)
			mark_rules(x, &x->t_cause);
		for (j = 0; j < x->n_rules; j++) {
			int r = x->rules[j];
			bool now = cond__eval(kb->triage_rules[r].when, &env) == TRI_TRUE;
			fired[kb->triage_rules[r].level_or_status] += (int)now - (int)b->rule[r];
			if (now && !b->rule[r] && kb->triage_rules[r].level_or_status >= GALACTA_TRIAGE_URGENT)
				o->new_urgent = true;
			x->rule_dirty[r] = 0;
		}
		o->triage = GALACTA_TRIAGE_SELF_CARE;
		for (level = GALACTA_TRIAGE_COUNT - 1; level > GALACTA_TRIAGE_SELF_CARE; level--)
			if (fired[level] > 0) {
				o->triage = level;
				break;
			}
	}
	o->supply = s->supply;
	top3(kb, o->prob, o->top);
	if (o->finding)
		memcpy(o->finding, s->finding, nf);

	/* How likely this answer is (docs/interview.md, "P(answer)"). */
	if (a->finding >= 0) {
		double p = iv__predict(x, a->finding);
		o->weight = a->fvalue == TRI_TRUE ? p : 1 - p;
		return;
	}
	for (i = 0; i < x->n_changed; i++) {
		int f = x->changed[i];
		if (!x->first[f] || x->changed_old[i] != TRI_UNKNOWN || s->finding[f] == TRI_UNKNOWN)
			continue;
		weight *= s->finding[f] == TRI_TRUE ? iv__predict(x, f) : 1 - iv__predict(x, f);
		explained |= s->finding[f] == TRI_TRUE && x->f_red_flag[f];
	}
	/* A number that makes the case urgent without a red-flag finding to
	 * predict it (systolic 160 mmHg, say) is as rare as a red flag. */
	if (o->triage > b->triage && o->triage >= GALACTA_TRIAGE_URGENT && !explained)
		weight *= x->red_flag_rate;
	o->weight = weight;
}
