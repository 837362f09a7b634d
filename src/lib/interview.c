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

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const interview__kind_names[] = {"finding", "number", "enum", "weights", "list", "group"};

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
	int qindex; /* finding or field index; -1 for a group */
	ivq_kind kind;
	bool integer;
	int safety; /* index into kb->interview.safety, or -1 */
	bool red_flag; /* a red flag no listed safety question covers */
	double gain;
	size_t answered, budget;
	/* a group: its questions and its id ("group:" topic) */
	iv_item items[IV_MAX_ITEMS];
	size_t n_items;
	char group_id[96];
	/* the question and a group's items in each language (prepare_texts) */
	galacta_question q[LANG_COUNT];
	galacta_question item_q[LANG_COUNT][IV_MAX_ITEMS];
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

/* Is question id asked by a safety or screening entry? */
static bool listed(const struct galacta_kb *kb, const char *id)
{
	size_t i, j;
	for (i = 0; i < kb->interview.n_safety; i++)
		for (j = 0; j < kb->interview.safety[i].n_ask; j++)
			if (!strcmp(kb->interview.safety[i].ask[j], id))
				return true;
	return false;
}

/* The answers the budget counts: those to questions chosen by
 * information gain, i.e. not listed as safety or screening questions
 * (which are always asked). "Don't know" counts. */
static size_t count_answered(const struct galacta_kb *kb, const struct galacta_case *c)
{
	size_t i, n = 0;

	for (i = 0; i < kb->n_findings; i++)
		if (!kb->findings[i].derived && (c->finding[i] != TRI_UNKNOWN || c->finding_null[i]) &&
		    !listed(kb, kb->findings[i].id))
			n++;
	for (i = 0; i < kb->n_fields; i++)
		if (kb->fields[i].type != FIELD_OBJECT && c->field_state[i] != VAR_MISSING &&
		    !listed(kb, kb->fields[i].path))
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

/* Is question (kind, index) held back: listed in an entry with `only:
 * true` whose condition does not hold now? */
static bool held_back(const struct galacta_kb *kb, const iv_ctx *x, ivq_kind kind, int index)
{
	const kb_interview *iv = &kb->interview;
	cond_env env = {x->base.var, x->base.known, x->base.finding, x->base.supply, x->base.prob};
	size_t i, j;

	for (i = 0; i < iv->n_safety; i++) {
		const kb_iv_safety *s = &iv->safety[i];
		if (!s->only)
			continue;
		for (j = 0; j < s->n_ask; j++) {
			ivq_kind k = IVQ_FINDING;
			if (interview__question_ref(kb, s->ask[j], &k, NULL) == index && k == kind &&
			    cond__eval(s->when, &env) != TRI_TRUE)
				return true;
		}
	}
	return false;
}

static bool groupable(ivq_kind kind)
{
	return kind == IVQ_FINDING || kind == IVQ_NUMBER || kind == IVQ_ENUM;
}

static bool has(const iv_item *v, size_t n, ivq_kind kind, int index)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (v[i].kind == kind && v[i].index == index)
			return true;
	return false;
}

/* The questions of safety entry s still to ask of case c, in order, at
 * most cap: its next one, or with `all: true` (and for a screen) every one
 * left; none once an answer that is not "don't know" covers a plain
 * entry. A "don't know" (null) is asked, not answered: the entry goes on
 * to its next question. */
static size_t entry_due(const struct galacta_kb *kb, const struct galacta_case *c, const iv_ctx *x,
	const kb_iv_safety *s, iv_item *out, size_t cap)
{
	exclusive_fields e = exclusive(kb);
	bool every = s->all || s->screen;
	size_t j, n = 0;

	for (j = 0; j < s->n_ask && n < cap; j++) {
		ivq_kind kind;
		bool integer, answered;
		int q = interview__question_ref(kb, s->ask[j], &kind, &integer);
		if (q < 0)
			continue;
		answered = kind == IVQ_FINDING ? c->finding[q] != TRI_UNKNOWN : c->field_state[q] == VAR_KNOWN;
		if (answered && !every)
			return 0; /* this entry is covered */
		if (answered || !askable(&e, c, kind, q) || held_back(kb, x, kind, q))
			continue;
		out[n++] = (iv_item){kind, q, integer};
		if (!every)
			break;
	}
	return n;
}

static bool entry_applies(const iv_ctx *x, const kb_iv_safety *s)
{
	cond_env env = {x->base.var, x->base.known, x->base.finding, x->base.supply, x->base.prob};
	return !s->when || cond__eval(s->when, &env) == TRI_TRUE;
}

/* The next safety question (or screen), or -1 (none left); *item gets its
 * entry, *id its question id. */
static int next_safety(const struct galacta_kb *kb, const struct galacta_case *c, const iv_ctx *x, int *item,
	const char **id)
{
	const kb_interview *iv = &kb->interview;
	size_t i;

	for (i = 0; i < iv->n_safety; i++) {
		iv_item next;
		if (!entry_applies(x, &iv->safety[i]) || !entry_due(kb, c, x, &iv->safety[i], &next, 1))
			continue;
		*item = (int)i;
		*id = next.kind == IVQ_FINDING ? kb->findings[next.index].id : kb->fields[next.index].path;
		return next.index;
	}
	return -1;
}

/* The due safety questions that can share a screen (findings, numbers,
 * enums), at most cap, for the safety group: of each entry whose `when`
 * holds, its next question, or with `all: true` every one left, up to the
 * first due question that cannot share a screen or an entry asked alone
 * (docs/interview.md); screens are screens of their own. */
static size_t safety_items(const struct galacta_kb *kb, const struct galacta_case *c, const iv_ctx *x, iv_item *out,
	size_t cap)
{
	const kb_interview *iv = &kb->interview;
	iv_item due[IV_MAX_ITEMS];
	size_t i, j, m, n = 0;

	for (i = 0; i < iv->n_safety && n < cap; i++) {
		const kb_iv_safety *s = &iv->safety[i];
		if (!entry_applies(x, s))
			continue;
		m = entry_due(kb, c, x, s, due, IV_MAX_ITEMS);
		if (s->screen || (s->alone && m))
			return n;
		for (j = 0; j < m && n < cap; j++) {
			if (!groupable(due[j].kind))
				return n; /* the order matters from here on: asked alone first */
			if (!has(out, n, due[j].kind, due[j].index))
				out[n++] = due[j];
		}
	}
	return n;
}

/* The questions of screen entry s not yet answered that can share a
 * screen, at most cap, in the KB's order. */
static size_t screen_items(const struct galacta_kb *kb, const struct galacta_case *c, const iv_ctx *x,
	const kb_iv_safety *s, iv_item *out, size_t cap)
{
	iv_item due[IV_MAX_ITEMS];
	size_t j, m = entry_due(kb, c, x, s, due, IV_MAX_ITEMS), n = 0;

	for (j = 0; j < m && n < cap; j++)
		if (groupable(due[j].kind))
			out[n++] = due[j];
	return n;
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
	case IVQ_GROUP: /* scored item by item (best_checklist) */
		break;
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

/* Makes iv ask items[0..n) together, as group "group:" topic. */
static void ask_group(galacta_interview *iv, const char *topic, const iv_item *items, size_t n)
{
	size_t i;

	snprintf(iv->group_id, sizeof(iv->group_id), "%s%s", IV_GROUP_PREFIX, topic);
	iv->qid = iv->group_id;
	iv->qindex = -1;
	iv->kind = IVQ_GROUP;
	iv->integer = false;
	iv->n_items = n;
	for (i = 0; i < n; i++)
		iv->items[i] = items[i];
}

/* A candidate for a group: a finding or a field with a topic, scored. */
typedef struct {
	iv_item item;
	const char *topic;
	double score;
} scored;

static int by_score(const void *a, const void *b)
{
	const scored *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->item.kind != y->item.kind ? (int)x->item.kind - (int)y->item.kind : x->item.index - y->item.index;
}

/* The best group: per topic, its unanswered questions that are expected
 * to tell at least group_min_gain_bits, the best group_max_items of them;
 * a group is worth the sum of its questions' scores (docs/interview.md).
 * cand[0..n_cand) is sorted best first. Returns the sum and fills
 * items/n/topic; 0 when there is no candidate. */
static double best_group(const struct galacta_kb *kb, const scored *cand, size_t n_cand, iv_item *items, size_t *n,
	const char **topic)
{
	size_t cap = (size_t)kb->interview.group_max_items, i, j;
	double best = 0;

	*n = 0;
	for (i = 0; i < n_cand; i++) {
		size_t m = 0;
		double sum = 0;
		bool seen = false;
		for (j = 0; j < i && !seen; j++)
			seen = !strcmp(cand[j].topic, cand[i].topic);
		if (seen)
			continue; /* the topic was done at its best candidate */
		for (j = i; j < n_cand && m < cap; j++)
			if (!strcmp(cand[j].topic, cand[i].topic)) {
				sum += cand[j].score;
				m++;
			}
		if (sum > best) {
			best = sum;
			*topic = cand[i].topic;
			*n = 0;
			for (j = i; j < n_cand && *n < m; j++)
				if (!strcmp(cand[j].topic, cand[i].topic))
					items[(*n)++] = cand[j].item;
		}
	}
	return best;
}

/* Every question that can be asked now, scored once: the scores choose
 * among them, and a question with an answer that alone would make an
 * urgent or emergency triage rule fire that does not fire yet is a red
 * flag, asked with the safety questions whatever its score (a second
 * emergency, the baby's, needs its own action too). */
typedef struct {
	scored *all; /* every askable question */
	size_t n;
	double best_change;
} scores;

static int score_all(const struct galacta_kb *kb, const struct galacta_case *c, iv_ctx *x, scorer *sc, arena *mem,
	scores *out, bool *red)
{
	exclusive_fields e = exclusive(kb);
	size_t i, k;

	memset(out, 0, sizeof(*out));
	out->all = arena__calloc(mem, kb->n_findings + kb->n_fields + 1, sizeof(*out->all));
	if (!out->all)
		return GALACTA_ENOMEM;
	for (i = 0; i < kb->n_findings + kb->n_fields; i++) {
		bool finding = i < kb->n_findings, integer = false;
		ivq_kind kind = IVQ_FINDING;
		int q = finding ? (int)i : (int)(i - kb->n_findings);
		iv_score r;
		scored *o;
		if (finding ? kb->findings[i].derived || !kb->findings[i].has_question
			    : !field_kind(&kb->fields[q], &kind, &integer))
			continue;
		if (!askable(&e, c, kind, q) || held_back(kb, x, kind, q))
			continue;
		score_question(sc, kind, q, integer, &r);
		o = &out->all[out->n++];
		o->item = (iv_item){kind, q, integer};
		o->topic = finding ? kb->findings[i].group : kb->fields[q].group;
		o->score = r.score;
		red[i] = false;
		for (k = 0; k < sc->n; k++)
			if (sc->out[k].new_urgent)
				red[i] = true;
		if (r.p_change > out->best_change)
			out->best_change = r.p_change;
	}
	return 0;
}

/* Index of question (kind, index) in the findings-then-fields space. */
static size_t slot(const struct galacta_kb *kb, ivq_kind kind, int index)
{
	return kind == IVQ_FINDING ? (size_t)index : kb->n_findings + (size_t)index;
}

/* Adds to out (n items, at most cap) the red flags among sc of kinds
 * finding (findings true) or number and enum (findings false). */
static size_t add_red(const struct galacta_kb *kb, const scores *sc, const bool *red, bool findings, iv_item *out,
	size_t n, size_t cap)
{
	size_t i;

	for (i = 0; i < sc->n && n < cap; i++) {
		const iv_item *it = &sc->all[i].item;
		if (!red[slot(kb, it->kind, it->index)] || !groupable(it->kind) || (it->kind == IVQ_FINDING) != findings ||
		    has(out, n, it->kind, it->index))
			continue;
		out[n++] = *it;
	}
	return n;
}

/* Makes iv ask the single question item. */
static void ask_one(galacta_interview *iv, const struct galacta_kb *kb, const iv_item *item)
{
	iv->qindex = item->index;
	iv->kind = item->kind;
	iv->integer = item->integer;
	iv->qid = item->kind == IVQ_FINDING ? kb->findings[item->index].id : kb->fields[item->index].path;
}

static int choose(galacta_interview *iv, const struct galacta_case *c)
{
	const struct galacta_kb *kb = iv->kb;
	const kb_interview *k = &kb->interview;
	iv_ctx x;
	scorer sc;
	scores all;
	double best = -1, group_score = 0;
	int q, rc, item = -1;
	bool groups = k->group_max_items > 1, flags = k->red_flags_first, *red;
	const char *id = NULL, *topic = NULL;
	iv_item group_items[IV_MAX_ITEMS];
	scored *cand, *top = NULL;
	size_t i, n_group = 0, n_cand = 0;

	memset(&x, 0, sizeof(x));
	if ((rc = iv__init(&x, kb, c, &iv->mem)) || (rc = scorer_init(&sc, &x)))
		return rc;
	red = arena__calloc(&iv->mem, kb->n_findings + kb->n_fields + 1, sizeof(*red));
	if (!red || (rc = score_all(kb, c, &x, &sc, &iv->mem, &all, red)))
		return rc ? rc : GALACTA_ENOMEM;
	/* Safety questions, follow-ups included, are never cut off by the
	 * budget: a red flag found on the last question still gets its
	 * follow-up. Those due now, and the red-flag questions, are asked
	 * together when they can be. */
	q = next_safety(kb, c, &x, &item, &id);
	if (q >= 0 && !k->safety[item].screen) {
		iv->safety = item;
		iv->qid = id;
		iv->qindex = q;
		interview__question_ref(kb, id, &iv->kind, &iv->integer);
		if (!groups || !groupable(iv->kind))
			return 0;
		n_group = safety_items(kb, c, &x, group_items, IV_MAX_ITEMS);
		if (flags && n_group && !k->safety[item].alone)
			n_group = add_red(kb, &all, red, true, group_items, n_group, IV_MAX_ITEMS);
		if (n_group > 1)
			ask_group(iv, "safety", group_items, n_group);
		return 0;
	}
	/* Red flags no listed question covers: findings, then measurements. */
	if (flags && ((n_group = add_red(kb, &all, red, true, group_items, 0, IV_MAX_ITEMS)) ||
			     (n_group = add_red(kb, &all, red, false, group_items, 0, IV_MAX_ITEMS)))) {
		iv->safety = -1;
		iv->red_flag = true;
		if (n_group > 1 && groups)
			ask_group(iv, group_items[0].kind == IVQ_FINDING ? "safety" : "measurements", group_items, n_group);
		else
			ask_one(iv, kb, &group_items[0]);
		return 0;
	}
	if (q >= 0) { /* a screen */
		iv->safety = item;
		iv->qid = id;
		iv->qindex = q;
		interview__question_ref(kb, id, &iv->kind, &iv->integer);
		if (groups && groupable(iv->kind) &&
		    (n_group = screen_items(kb, c, &x, &k->safety[item], group_items, IV_MAX_ITEMS)) > 1)
			ask_group(iv, k->safety[item].id, group_items, n_group);
		return 0;
	}
	if (iv->answered >= iv->budget) {
		iv->stop_reason = "budget";
		return 0;
	}
	if (!all.n) {
		iv->stop_reason = "no_questions";
		return 0;
	}
	cand = arena__calloc(&iv->mem, all.n, sizeof(*cand));
	if (!cand)
		return GALACTA_ENOMEM;
	for (i = 0; i < all.n; i++) {
		const scored *o = &all.all[i];
		if (o->score > best) {
			best = o->score;
			top = &all.all[i];
		}
		if (o->topic && groupable(o->item.kind) && o->score > 0 && o->score >= k->group_min_gain_bits)
			cand[n_cand++] = *o;
	}
	if (best < k->min_gain_bits) {
		iv->stop_reason = "low_gain";
		return 0;
	}
	if (all.best_change < k->min_change_probability) {
		iv->stop_reason = "stable";
		return 0;
	}
	if (groups) {
		qsort(cand, n_cand, sizeof(*cand), by_score);
		group_score = best_group(kb, cand, n_cand, group_items, &n_group, &topic);
	}
	if (n_group > 1 && group_score > best) {
		ask_group(iv, topic, group_items, n_group);
		iv->gain = group_score;
		return 0;
	}
	ask_one(iv, kb, &top->item);
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

/* Enum choices of field index in plain words in language l (the KB's
 * values when interview.yaml gives no labels), in iv's arena. */
static const char **choice_labels(galacta_interview *iv, int index, int l)
{
	const struct galacta_kb *kb = iv->kb;
	const kb_field *f = &kb->fields[index];
	const char **labels = arena__calloc(&iv->mem, f->n_choices ? f->n_choices : 1, sizeof(char *));
	size_t i, k;

	for (i = 0; labels && i < f->n_choices; i++) {
		labels[i] = f->choices[i];
		for (k = 0; k < kb->interview.n_choices; k++)
			if (kb->interview.choices[k].field == index)
				labels[i] = kb->interview.choices[k].labels[i].t[l];
	}
	return labels;
}

/* Fills q with question (kind, index) in language l. A safety question
 * (safety >= 0) says in its help why it is asked. Findings keep their
 * question in a group too: a parent reads "Is part of a breast red?"
 * more easily than the clinical label "Red breast". */
static int describe(galacta_interview *iv, ivq_kind kind, int index, bool integer, int safety, int l,
	galacta_question *q)
{
	static const char *const hint[] = {"help_finding", "help_number", "help_enum", "help_weights", "help_list",
		"help_group"};
	const struct galacta_kb *kb = iv->kb;
	const kb_field *f = kind == IVQ_FINDING || kind == IVQ_GROUP ? NULL : &kb->fields[index];
	const char *h = interview__text(kb, hint[kind], l);
	char buf[2048];

	memset(q, 0, sizeof(*q));
	q->kind = (galacta_question_kind)kind;
	q->kind_name = interview__kind_names[kind];
	q->safety = safety >= 0 && !kb->interview.safety[safety].screen;
	q->screening = safety >= 0 && kb->interview.safety[safety].screen;
	if (q->safety && kind != IVQ_GROUP) /* a safety group says why in its title */
		snprintf(buf, sizeof(buf), "%s%s%s", kb->interview.safety[safety].help.t[l],
			interview__text(kb, "sentence_space", l), h);
	else
		snprintf(buf, sizeof(buf), "%s", h);
	if (!(q->help = fill(&iv->mem, kb, l, buf, f)))
		return GALACTA_ENOMEM;
	if (kind == IVQ_GROUP) {
		char title[128];
		snprintf(title, sizeof(title), "group_%s", iv->group_id + strlen(IV_GROUP_PREFIX));
		q->id = iv->group_id;
		/* a screen's title is its help */
		q->text = q->screening ? kb->interview.safety[safety].help.t[l] : interview__text(kb, title, l);
		q->n_items = iv->n_items;
		q->items = iv->item_q[l];
		return 0;
	}
	if (kind == IVQ_FINDING) {
		q->id = kb->findings[index].id;
		q->text = kb->findings[index].question.t[l];
		return 0;
	}
	q->id = f->path;
	q->text = f->question.t[l];
	if (kind == IVQ_NUMBER || kind == IVQ_WEIGHTS) {
		q->unit = f->unit ? f->unit : "";
		q->min = f->min;
		q->max = f->max;
		q->integer = integer;
	}
	if (kind == IVQ_ENUM) {
		q->n_choices = f->n_choices;
		q->choices = f->choices;
		if (!(q->choice_labels = choice_labels(iv, index, l)))
			return GALACTA_ENOMEM;
	}
	return 0;
}

static int prepare_texts(galacta_interview *iv)
{
	int l, rc;
	size_t i;

	for (l = 0; l < LANG_COUNT; l++) {
		for (i = 0; i < iv->n_items; i++)
			if ((rc = describe(iv, iv->items[i].kind, iv->items[i].index, iv->items[i].integer, -1, l,
				     &iv->item_q[l][i])))
				return rc;
		if ((rc = describe(iv, iv->kind, iv->qindex, iv->integer, iv->safety, l, &iv->q[l])))
			return rc;
		iv->q[l].safety |= iv->red_flag;
		iv->q[l].expected_gain = iv->gain;
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
	error__clear();
	if (!iv || !q || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_interview_question: NULL argument or unknown language");
	if (iv->stop)
		return error__set(GALACTA_ENOTFOUND, "the interview stops: no question");
	*q = iv->q[lang == GALACTA_LANG_ZH_HANS ? 1 : 0];
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
