/*
 * interview.c — galacta_interview_step(): which question to ask next. The
 * safety questions of kb/interview.yaml come first; then every unanswered
 * question is scored by its expected information gain over the causes'
 * posteriors and the triage level, each possible answer weighed by how
 * likely the current posteriors make it, and tried through the incremental
 * pipeline (interview_eval.c); the stop rule ends the interview when the
 * budget is spent or no answer is likely enough to change the triage or the
 * top three causes. Maths and rationale: docs/interview.md.
 */
#include "interview_internal.h"

#include "assess_internal.h"
#include "cond.h"
#include "error.h"
#include "galacta/growth.h"
#include "observe.h"
#include "report.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const interview__kind_names[] = {"finding", "number", "enum", "weights", "list"};

/* Most distinct answers tried for one question (probes that give the same
 * findings and triage count once). */
enum { MAX_OUTCOMES = 48 };
/* Points probed across the whole range of a number that feeds an
 * observation (the thresholds are on the observation, not on the number). */
enum { GRID_POINTS = 9 };

struct galacta_interview {
	arena mem;
	const struct galacta_kb *kb;
	galacta_assessment *a;
	int stop;
	const char *stop_reason;
	const char *qid;
	int qindex; /* finding or field index */
	ivq_kind kind;
	bool integer;
	int safety; /* index into kb->interview.safety, or -1 */
	double gain;
	const char *help[LANG_COUNT];
	const char **labels[LANG_COUNT];
	size_t answered, budget;
};

/* How field f is asked; false when it is not a question. */
static bool field_kind(const kb_field *f, ivq_kind *kind, bool *integer)
{
	*integer = f->type == FIELD_INTEGER;
	if (!f->has_question)
		return false;
	switch (f->type) {
	case FIELD_NUMBER:
	case FIELD_INTEGER: *kind = IVQ_NUMBER; return true;
	case FIELD_ENUM: *kind = IVQ_ENUM; return true;
	case FIELD_WEIGHTS: *kind = IVQ_WEIGHTS; return true;
	case FIELD_STRING_LIST: *kind = IVQ_LIST; return true;
	default: return false;
	}
}

int interview__question_ref(const struct galacta_kb *kb, const char *id, ivq_kind *kind, bool *integer)
{
	ivq_kind k = IVQ_FINDING;
	bool in = false;
	int i = kb__finding_index(kb, id);

	if (i >= 0) {
		if (kb->findings[i].derived || !kb->findings[i].has_question)
			return -1;
	} else {
		i = kb__field_index(kb, id);
		if (i < 0 || !field_kind(&kb->fields[i], &k, &in))
			return -1;
	}
	if (kind)
		*kind = k;
	if (integer)
		*integer = in;
	return i;
}

/* --- what the case already holds ----------------------------------------- */

static size_t count_answered(const struct galacta_kb *kb, const struct galacta_case *c)
{
	size_t i, n = 0;

	for (i = 0; i < kb->n_findings; i++)
		if (!kb->findings[i].derived && (c->finding[i] != TRI_UNKNOWN || c->finding_null[i]))
			n++;
	for (i = 0; i < kb->n_fields; i++)
		if (kb->fields[i].type != FIELD_OBJECT && c->field_state[i] != VAR_MISSING)
			n++;
	return n;
}

/* Field index of the (first) field of a type, or -1. */
static int field_of_type(const struct galacta_kb *kb, kb_field_type t)
{
	size_t i;
	for (i = 0; i < kb->n_fields; i++)
		if (kb->fields[i].type == t)
			return (int)i;
	return -1;
}

/* May question id (kind, index) be asked of case c? Not when it is
 * answered (null included), and not when the case format forbids the pair:
 * infant.weight_change_pct_from_birth is for when the weights in grams are
 * unknown (case.c, check_consistency). */
typedef struct {
	int pct, weights; /* field indexes, or -1 */
} exclusive_fields;

static exclusive_fields exclusive(const struct galacta_kb *kb)
{
	exclusive_fields e = {kb__field_index(kb, "infant.weight_change_pct_from_birth"), field_of_type(kb, FIELD_WEIGHTS)};
	return e;
}

static bool askable(const exclusive_fields *e, const struct galacta_case *c, ivq_kind kind, int index)
{
	int pct = e->pct, w = e->weights;

	if (kind == IVQ_FINDING)
		return c->finding[index] == TRI_UNKNOWN && !c->finding_null[index];
	if (c->field_state[index] != VAR_MISSING)
		return false;
	if (index == pct && w >= 0 && c->field_state[w] == VAR_KNOWN && c->n_weights > 0)
		return false;
	if (index == w && pct >= 0 && c->field_state[pct] == VAR_KNOWN)
		return false;
	return true;
}

/* The next safety question, or -1 (none left); *item gets its item. */
static int next_safety(const struct galacta_kb *kb, const struct galacta_case *c, const iv_ctx *x, int *item,
	const char **id)
{
	const kb_interview *iv = &kb->interview;
	exclusive_fields e = exclusive(kb);
	cond_env env = {x->base.var, x->base.known, x->base.finding, x->base.supply, x->base.prob};
	size_t i, j;

	for (i = 0; i < iv->n_safety; i++) {
		const kb_iv_safety *s = &iv->safety[i];
		if (s->when && cond__eval(s->when, &env) != TRI_TRUE)
			continue;
		for (j = 0; j < s->n_ask; j++) {
			ivq_kind kind;
			int q = interview__question_ref(kb, s->ask[j], &kind, NULL);
			bool answered;
			if (q < 0)
				continue;
			if (kind == IVQ_FINDING)
				answered = c->finding[q] != TRI_UNKNOWN;
			else
				answered = c->field_state[q] == VAR_KNOWN;
			if (answered && !s->all)
				break; /* this item is covered */
			if (!answered && askable(&e, c, kind, q)) {
				*item = (int)i;
				*id = s->ask[j];
				return q;
			}
		}
	}
	return -1;
}

/* --- scoring ------------------------------------------------------------- */

typedef struct {
	iv_ctx *x;
	int age_var, bw_var, onset_var; /* variables the probes need */
	galacta_sex sex;                 /* for WHO weight-for-age probes */
	double *probs;        /* MAX_OUTCOMES × n_causes */
	signed char *findings; /* MAX_OUTCOMES × n_findings */
	iv_outcome out[MAX_OUTCOMES];
	size_t n;
} scorer;

typedef struct {
	double cause_gain, triage_info, score, p_change;
	size_t n_outcomes;
} iv_score;

/* KL(Bernoulli(q) || Bernoulli(p)) in bits: how much learning q moves
 * the belief p. */
static double kl2(double q, double p)
{
	const double e = 1e-12;
	double r = 0;

	p = p < e ? e : p > 1 - e ? 1 - e : p;
	if (q > 0)
		r += q * log2(q / p);
	if (q < 1)
		r += (1 - q) * log2((1 - q) / (1 - p));
	return r > 0 ? r : 0;
}

/* Tries answer a; keeps the outcome unless an earlier one led to the same
 * findings and triage (then it is the same answer as far as galacta can
 * tell, and counts once). */
static void try_answer(scorer *sc, const iv_answer *a)
{
	const struct galacta_kb *kb = sc->x->kb;
	iv_outcome *o;
	size_t i;

	if (sc->n >= MAX_OUTCOMES)
		return;
	o = &sc->out[sc->n];
	o->prob = sc->probs + sc->n * kb->n_causes;
	o->finding = sc->findings + sc->n * kb->n_findings;
	iv__whatif(sc->x, a, o);
	for (i = 0; i < sc->n; i++)
		if (sc->out[i].triage == o->triage && !memcmp(sc->out[i].finding, o->finding, kb->n_findings))
			return;
	sc->n++;
}

static bool same_top(const int *a, const int *b)
{
	size_t i, j;
	for (i = 0; i < IV_TOP; i++) {
		bool found = false;
		for (j = 0; j < IV_TOP; j++)
			found |= a[i] == b[j];
		if (!found)
			return false;
	}
	return true;
}

static void summarise(scorer *sc, double triage_weight, double rate, iv_score *r)
{
	const iv_ctx *x = sc->x;
	const struct galacta_kb *kb = x->kb;
	double total = 0, level[GALACTA_TRIAGE_COUNT] = {0};
	size_t i, c;

	memset(r, 0, sizeof(*r));
	r->n_outcomes = sc->n;
	for (i = 0; i < sc->n; i++)
		total += sc->out[i].weight;
	/* One outcome is still informative when it moves the posteriors: the
	 * answer is needed to compute what the case implies (the baby's sex
	 * for a WHO velocity z, say). */
	if (!sc->n || !(total > 0))
		return;
	for (i = 0; i < sc->n; i++) {
		const iv_outcome *o = &sc->out[i];
		double p = o->weight / total, d = 0;
		for (c = 0; c < kb->n_causes; c++)
			if (o->prob[c] != x->base.prob[c])
				d += kl2(o->prob[c], x->base.prob[c]);
		r->cause_gain += p * d;
		level[o->triage] += p;
		if (o->triage != x->base.triage || !same_top(o->top, x->base.top))
			r->p_change += p;
	}
	for (i = 0; i < GALACTA_TRIAGE_COUNT; i++)
		if (level[i] > 0)
			r->triage_info -= level[i] * log2(level[i]);
	/* A "don't know" tells nothing: what is expected from asking is what an
	 * answer tells, times the chance of getting one. */
	r->cause_gain *= rate;
	r->triage_info *= rate;
	r->p_change *= rate;
	r->score = r->cause_gain + triage_weight * r->triage_info;
}

/* Numbers to try for variable v: each threshold its conditions compare
 * with, and just below and above it; for a number that feeds an
 * observation, also a grid across the field's range. */
static size_t number_probes(const scorer *sc, const kb_field *f, int v, bool integer, double *out, size_t cap)
{
	iv_ctx *x = sc->x;
	size_t n = 0, i;
	double lo = f->min, hi = f->max;

	/* The milk cannot have come in after the baby's age (case.c). */
	if (v == sc->onset_var && sc->age_var >= 0 && x->base.known[sc->age_var] &&
	    x->base.var[sc->age_var] * 24.0 + 24.0 < hi)
		hi = x->base.var[sc->age_var] * 24.0 + 24.0;
	for (i = 0; i < x->n_thresholds[v] && n + 3 <= cap; i++) {
		double t = x->thresholds[v][i], d = integer ? 1.0 : fmax(fabs(t) * 1e-6, 1e-6);
		out[n++] = t - d;
		out[n++] = t;
		out[n++] = t + d;
	}
	if (iv__var_observes(x, v))
		for (i = 0; i < GRID_POINTS && n < cap; i++)
			out[n++] = lo + (hi - lo) * (double)i / (GRID_POINTS - 1);
	for (i = 0; i < n; i++) {
		if (integer)
			out[i] = round(out[i]);
		out[i] = out[i] < lo ? lo : out[i] > hi ? hi : out[i];
	}
	return n;
}

static galacta_sex case_sex(const struct galacta_kb *kb, const iv_ctx *x)
{
	int v = kb__var_index(kb, "infant.sex"), fi = kb__field_index(kb, "infant.sex");
	if (v < 0 || fi < 0 || !x->base.known[v])
		return GALACTA_SEX_FEMALE;
	return !strcmp(kb->fields[fi].choices[(int)x->base.var[v]], "male") ? GALACTA_SEX_MALE : GALACTA_SEX_FEMALE;
}

/* Scores question (kind, index) on the base state. */
static void score_question(scorer *sc, ivq_kind kind, int index, bool integer, iv_score *r)
{
	iv_ctx *x = sc->x;
	const struct galacta_kb *kb = x->kb;
	iv_answer a;
	size_t i, n;

	memset(&a, 0, sizeof(a));
	a.finding = a.var = -1;
	sc->n = 0;
	switch (kind) {
	case IVQ_FINDING:
		a.finding = index;
		a.fvalue = TRI_TRUE;
		try_answer(sc, &a);
		a.fvalue = TRI_FALSE;
		try_answer(sc, &a);
		break;
	case IVQ_ENUM: {
		const kb_field *f = &kb->fields[index];
		a.var = f->var;
		a.observe = iv__var_observes(x, f->var);
		for (i = 0; i < f->n_choices; i++) {
			a.value = (double)i;
			try_answer(sc, &a);
		}
		break;
	}
	case IVQ_NUMBER: {
		const kb_field *f = &kb->fields[index];
		double probes[64];
		n = number_probes(sc, f, f->var, integer, probes, sizeof(probes) / sizeof(*probes));
		a.var = f->var;
		a.observe = iv__var_observes(x, f->var);
		for (i = 0; i < n; i++) {
			a.value = probes[i];
			try_answer(sc, &a);
		}
		break;
	}
	case IVQ_WEIGHTS: {
		/* One weight today: a loss from birth weight (when known) or a
		 * WHO weight-for-age centile line. */
		static const double loss[] = {0.17, 0.12, 0.09, 0.075, 0.05, 0.02};
		static const double z[] = {-2.5, -1.5, -0.5, 0.5, 1.5};
		int age = sc->age_var, bw = sc->bw_var;
		const kb_field *f = &kb->fields[index];
		case_weight w;
		if (age < 0 || !x->base.known[age])
			break;
		w.age_days = x->base.var[age];
		a.set_weights = a.observe = true;
		a.weights = &w;
		a.n_weights = 1;
		if (bw >= 0 && x->base.known[bw])
			for (i = 0; i < sizeof(loss) / sizeof(*loss); i++) {
				w.weight_g = fmax(f->min, x->base.var[bw] * (1 - loss[i]));
				try_answer(sc, &a);
			}
		for (i = 0; i < sizeof(z) / sizeof(*z); i++) {
			double kg;
			if (galacta_growth_value_at_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, sc->sex,
				    fmin(w.age_days, GALACTA_GROWTH_AGE_DAYS_MAX), z[i], &kg))
				continue;
			w.weight_g = fmin(f->max, fmax(f->min, kg * 1000.0));
			try_answer(sc, &a);
		}
		error__clear();
		break;
	}
	case IVQ_LIST: {
		/* Medicines: none, or one the KB lists as lowering supply. */
		const char *med = NULL;
		for (i = 0; i < kb->n_meds && !med; i++)
			if (kb->meds[i].effect == MED_LOWERS_SUPPLY && kb->meds[i].n_names)
				med = kb->meds[i].names[0];
		a.set_meds = a.observe = true;
		a.n_meds = 0;
		a.meds = &med;
		try_answer(sc, &a);
		if (med) {
			a.n_meds = 1;
			try_answer(sc, &a);
		}
		break;
	}
	}
	summarise(sc, kb->interview.present ? kb->interview.triage_weight : 1.0,
		!kb->interview.present ? 1.0
		: kind == IVQ_FINDING ? kb->interview.finding_rate[index] : kb->interview.field_rate[index], r);
}

static int scorer_init(scorer *sc, iv_ctx *x)
{
	const struct galacta_kb *kb = x->kb;

	memset(sc, 0, sizeof(*sc));
	sc->x = x;
	sc->age_var = kb__var_index(kb, "infant.age_days");
	sc->bw_var = kb__var_index(kb, "infant.birth_weight_g");
	sc->onset_var = kb__var_index(kb, "mother.lactogenesis_onset_hours");
	sc->sex = case_sex(kb, x);
	sc->probs = arena__calloc(x->mem, MAX_OUTCOMES * (kb->n_causes ? kb->n_causes : 1), sizeof(double));
	sc->findings = arena__calloc(x->mem, MAX_OUTCOMES * (kb->n_findings ? kb->n_findings : 1), 1);
	if (!sc->probs || !sc->findings)
		return GALACTA_ENOMEM;
	return 0;
}

int interview__score(const struct galacta_kb *kb, const struct galacta_case *c, const char *id,
	double *cause_gain, double *triage_info, double *p_change, double *p_yes)
{
	arena mem = {0};
	iv_ctx x;
	scorer sc;
	iv_score r;
	ivq_kind kind;
	bool integer;
	int q = interview__question_ref(kb, id, &kind, &integer), rc;

	if (q < 0)
		return GALACTA_ENOTFOUND;
	memset(&x, 0, sizeof(x));
	if ((rc = iv__init(&x, kb, c, &mem)) || (rc = scorer_init(&sc, &x))) {
		arena__free(&mem);
		return rc;
	}
	score_question(&sc, kind, q, integer, &r);
	*cause_gain = r.cause_gain;
	*triage_info = r.triage_info;
	*p_change = r.p_change;
	if (p_yes)
		*p_yes = kind == IVQ_FINDING ? iv__predict(&x, q) : NAN;
	arena__free(&mem);
	return 0;
}

/* --- the step ------------------------------------------------------------ */

static int choose(galacta_interview *iv, const struct galacta_case *c)
{
	const struct galacta_kb *kb = iv->kb;
	const kb_interview *k = &kb->interview;
	iv_ctx x;
	scorer sc;
	double best = -1, best_change = 0;
	int best_q = -1, rc, item = -1;
	ivq_kind best_kind = IVQ_FINDING;
	bool best_int = false;
	const char *id = NULL;
	exclusive_fields e;
	size_t i;

	memset(&x, 0, sizeof(x));
	if ((rc = iv__init(&x, kb, c, &iv->mem)))
		return rc;
	/* Safety questions, follow-ups included, are never cut off by the
	 * budget: a red flag found on the last question still gets its
	 * follow-up. */
	if ((best_q = next_safety(kb, c, &x, &item, &id)) >= 0) {
		iv->safety = item;
		iv->qid = id;
		iv->qindex = best_q;
		interview__question_ref(kb, id, &iv->kind, &iv->integer);
		return 0;
	}
	if (iv->answered >= iv->budget) {
		iv->stop_reason = "budget";
		return 0;
	}
	if ((rc = scorer_init(&sc, &x)))
		return rc;
	e = exclusive(kb);
	for (i = 0; i < kb->n_findings + kb->n_fields; i++) {
		bool finding = i < kb->n_findings, integer = false;
		const char *qid = finding ? kb->findings[i].id : kb->fields[i - kb->n_findings].path;
		ivq_kind kind = IVQ_FINDING;
		int q = finding ? (int)i : (int)(i - kb->n_findings);
		iv_score r;
		if (finding ? kb->findings[i].derived || !kb->findings[i].has_question
			    : !field_kind(&kb->fields[q], &kind, &integer))
			continue;
		if (!askable(&e, c, kind, q))
			continue;
		score_question(&sc, kind, q, integer, &r);
		if (r.p_change > best_change)
			best_change = r.p_change;
		if (r.score > best) {
			best = r.score;
			best_q = q;
			best_kind = kind;
			best_int = integer;
			id = qid;
		}
	}
	if (best_q < 0) {
		iv->stop_reason = "no_questions";
		return 0;
	}
	if (best < k->min_gain_bits) {
		iv->stop_reason = "low_gain";
		return 0;
	}
	if (best_change < k->min_change_probability) {
		iv->stop_reason = "stable";
		return 0;
	}
	iv->qid = id;
	iv->qindex = best_q;
	iv->kind = best_kind;
	iv->integer = best_int;
	iv->gain = best;
	return 0;
}

static char *fill(arena *mem, const struct galacta_kb *kb, int lang, const char *tmpl, const kb_field *f)
{
	char buf[1024], num[64];
	size_t used = 0;
	const char *s;

	for (s = tmpl; *s && used + 1 < sizeof(buf);) {
		const char *rep = NULL;
		size_t skip = 0;
		if (!strncmp(s, "{min}", 5)) {
			snprintf(num, sizeof(num), "%g", f ? f->min : 0.0);
			rep = num;
			skip = 5;
		} else if (!strncmp(s, "{max}", 5)) {
			snprintf(num, sizeof(num), "%g", f ? f->max : 0.0);
			rep = num;
			skip = 5;
		} else if (!strncmp(s, "{unit}", 6)) {
			rep = f ? interview__unit(kb, f->unit, lang) : "";
			skip = 6;
		}
		if (rep) {
			int w = snprintf(buf + used, sizeof(buf) - used, "%s", rep);
			if (w < 0 || (size_t)w >= sizeof(buf) - used)
				break;
			used += (size_t)w;
			s += skip;
		} else {
			buf[used++] = *s++;
		}
	}
	buf[used] = '\0';
	return arena__strdup(mem, buf);
}

static int prepare_texts(galacta_interview *iv)
{
	const struct galacta_kb *kb = iv->kb;
	const kb_field *f = iv->kind == IVQ_FINDING ? NULL : &kb->fields[iv->qindex];
	static const char *const hint[] = {"help_finding", "help_number", "help_enum", "help_weights", "help_list"};
	int l;
	size_t i;

	for (l = 0; l < LANG_COUNT; l++) {
		char buf[2048];
		const char *h = interview__text(kb, hint[iv->kind], l);
		if (iv->safety >= 0)
			snprintf(buf, sizeof(buf), "%s%s%s", kb->interview.safety[iv->safety].help.t[l],
				interview__text(kb, "sentence_space", l), h);
		else
			snprintf(buf, sizeof(buf), "%s", h);
		if (!(iv->help[l] = fill(&iv->mem, kb, l, buf, f)))
			return GALACTA_ENOMEM;
		if (iv->kind == IVQ_ENUM) {
			iv->labels[l] = arena__calloc(&iv->mem, f->n_choices ? f->n_choices : 1, sizeof(char *));
			if (!iv->labels[l])
				return GALACTA_ENOMEM;
			for (i = 0; i < f->n_choices; i++) {
				size_t k;
				iv->labels[l][i] = f->choices[i];
				for (k = 0; k < kb->interview.n_choices; k++)
					if (kb->interview.choices[k].field == iv->qindex)
						iv->labels[l][i] = kb->interview.choices[k].labels[i].t[l];
			}
		}
	}
	return 0;
}

int galacta_interview_step(const galacta_kb *kb, const galacta_case *c, galacta_interview **out)
{
	galacta_interview *iv;
	int rc;

	error__clear();
	if (!kb || !c || !out || c->n_vars != kb->n_vars || c->n_findings != kb->n_findings)
		return error__set(GALACTA_EINVALID, "galacta_interview_step: NULL argument or case parsed with another KB");
	*out = NULL;
	if (!kb->interview.present)
		return error__set(GALACTA_ENOTFOUND, "this knowledge base has no interview.yaml: it cannot interview");
	iv = calloc(1, sizeof(*iv));
	if (!iv)
		return error__set(GALACTA_ENOMEM, "out of memory");
	iv->kb = kb;
	iv->safety = -1;
	iv->answered = count_answered(kb, c);
	iv->budget = (size_t)kb->interview.max_questions;
	if ((rc = galacta_assess(kb, c, &iv->a))) {
		galacta_interview_free(iv);
		return rc;
	}
	rc = choose(iv, c);
	if (!rc && iv->qid)
		rc = prepare_texts(iv);
	if (rc) {
		galacta_interview_free(iv);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	iv->stop = iv->qid == NULL;
	error__clear();
	*out = iv;
	return 0;
}

void galacta_interview_free(galacta_interview *iv)
{
	if (!iv)
		return;
	galacta_assessment_free(iv->a);
	arena__free(&iv->mem);
	free(iv);
}

int galacta_interview_should_stop(const galacta_interview *iv)
{
	return iv ? iv->stop : 1;
}

const char *galacta_interview_stop_reason(const galacta_interview *iv)
{
	return iv ? iv->stop_reason : NULL;
}

const galacta_assessment *galacta_interview_assessment(const galacta_interview *iv)
{
	return iv ? iv->a : NULL;
}

size_t galacta_interview_answered(const galacta_interview *iv)
{
	return iv ? iv->answered : 0;
}

size_t galacta_interview_budget(const galacta_interview *iv)
{
	return iv ? iv->budget : 0;
}

int galacta_interview_question(const galacta_interview *iv, galacta_lang lang, galacta_question *q)
{
	const struct galacta_kb *kb;
	int l;

	error__clear();
	if (!iv || !q || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_interview_question: NULL argument or unknown language");
	if (iv->stop)
		return error__set(GALACTA_ENOTFOUND, "the interview stops: no question");
	kb = iv->kb;
	l = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	memset(q, 0, sizeof(*q));
	q->id = iv->qid;
	q->kind = (galacta_question_kind)iv->kind;
	q->kind_name = interview__kind_names[iv->kind];
	q->help = iv->help[l];
	q->safety = iv->safety >= 0;
	q->expected_gain = iv->gain;
	if (iv->kind == IVQ_FINDING) {
		q->text = kb->findings[iv->qindex].question.t[l];
		return 0;
	}
	{
		const kb_field *f = &kb->fields[iv->qindex];
		q->text = f->question.t[l];
		if (iv->kind == IVQ_NUMBER || iv->kind == IVQ_WEIGHTS) {
			q->unit = f->unit ? f->unit : "";
			q->min = f->min;
			q->max = f->max;
			q->integer = iv->integer;
		}
		if (iv->kind == IVQ_ENUM) {
			q->n_choices = f->n_choices;
			q->choices = f->choices;
			q->choice_labels = iv->labels[l];
		}
	}
	return 0;
}

/* --- JSON ---------------------------------------------------------------- */

static int set_new(json_t *o, const char *k, json_t *v)
{
	return !v || json_object_set_new(o, k, v);
}

int galacta_interview_to_json(const galacta_interview *iv, galacta_lang lang, int flags, char **out)
{
	json_t *root, *q = NULL, *assessment = NULL, *progress;
	galacta_question qu;
	int bad = 0;
	size_t i;

	error__clear();
	if (!iv || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_interview_to_json: NULL argument or unknown language");
	*out = NULL;
	assessment = report__assessment_json(iv->a, lang);
	root = json_object();
	progress = json_object();
	if (!assessment || !root || !progress) {
		json_decref(assessment);
		json_decref(root);
		json_decref(progress);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	bad |= set_new(root, "format", json_string("galacta-interview/1"));
	bad |= set_new(root, "should_stop", json_boolean(iv->stop));
	if (!iv->stop && galacta_interview_question(iv, lang, &qu) == 0) {
		q = json_object();
		bad |= !q;
		if (q) {
			bad |= set_new(q, "id", json_string(qu.id));
			bad |= set_new(q, "kind", json_string(qu.kind_name));
			bad |= set_new(q, "text", json_string(qu.text));
			bad |= set_new(q, "help", json_string(qu.help));
			if (qu.kind == GALACTA_QUESTION_NUMBER || qu.kind == GALACTA_QUESTION_WEIGHTS) {
				bad |= set_new(q, "unit", json_string(qu.unit));
				bad |= set_new(q, "min", json_real(qu.min));
				bad |= set_new(q, "max", json_real(qu.max));
				bad |= set_new(q, "integer", json_boolean(qu.integer));
			}
			if (qu.kind == GALACTA_QUESTION_ENUM) {
				json_t *ch = json_array(), *lb = json_array();
				bad |= !ch || !lb;
				for (i = 0; ch && lb && i < qu.n_choices; i++) {
					bad |= json_array_append_new(ch, json_string(qu.choices[i]));
					bad |= json_array_append_new(lb, json_string(qu.choice_labels[i]));
				}
				bad |= set_new(q, "choices", ch);
				bad |= set_new(q, "choice_labels", lb);
			}
			bad |= set_new(q, "reason", json_string(qu.safety ? "safety_first" : "information_gain"));
			if (!qu.safety)
				bad |= set_new(q, "expected_gain_bits", json_real(round(qu.expected_gain * 1e4) / 1e4));
		}
	}
	bad |= set_new(root, "question", q ? q : json_null());
	if (iv->stop)
		bad |= set_new(root, "stop_reason", json_string(iv->stop_reason ? iv->stop_reason : "no_questions"));
	bad |= set_new(progress, "answered", json_integer((json_int_t)iv->answered));
	bad |= set_new(progress, "max_questions", json_integer((json_int_t)iv->budget));
	bad |= set_new(root, "progress", progress);
	bad |= set_new(root, "assessment", assessment);
	if (!bad)
		*out = json_dumps(root, JSON_REAL_PRECISION(6) |
			((flags & GALACTA_RENDER_COMPACT) ? JSON_COMPACT : JSON_INDENT(2)));
	json_decref(root);
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}

int galacta_interview_next(const galacta_kb *kb, const galacta_case *c, galacta_lang lang, int flags,
	char **json)
{
	galacta_interview *iv = NULL;
	int rc;

	if (json)
		*json = NULL;
	if (!json)
		return error__set(GALACTA_EINVALID, "galacta_interview_next: json is NULL");
	if ((rc = galacta_interview_step(kb, c, &iv)))
		return rc;
	rc = galacta_interview_to_json(iv, lang, flags, json);
	galacta_interview_free(iv);
	return rc;
}
