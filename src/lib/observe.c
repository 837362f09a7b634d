/*
 * observe.c — observations computed from a case before reasoning (growth
 * maths and intake norms); the clinical thresholds applied to them live in
 * the KB (kb/findings.yaml), not here. Definitions: docs/kb-format.md,
 * "Variables"; rationale: docs/model.md.
 */
#include "observe.h"

#include "case_internal.h"
#include "error.h"
#include "galacta/growth.h"

#include <math.h>
#include <string.h>

const char *const observe__names[OBS_COUNT] = {
	"infant.age_hours",
	"lactogenesis.hours_without_milk",
	"growth.weight_change_pct",
	"growth.max_weight_loss_pct",
	"growth.max_weight_loss_age_hours",
	"growth.last_below_birth_weight_age_days",
	"growth.gain_g_per_day",
	"growth.gain_from_age_days",
	"growth.gain_to_age_days",
	"growth.velocity_z",
	"growth.weight_for_age_z",
	"growth.weight_percentile_lines_crossed_down",
	"intake.day_of_life",
	"intake.wet_diaper_deficit",
	"intake.stool_deficit",
	"medications.supply_lowering_count",
};

/* A gain interval must be this long to say anything about intake (shorter
 * ones are dominated by scale error and feed/void timing). Expert estimate,
 * documented in docs/model.md. */
static const double MIN_GAIN_INTERVAL_DAYS = 5.0;
/* Weights before this age are in the physiological early loss; an interval
 * starting there does not measure gain. */
static const double GAIN_START_MIN_DAYS = 3.0;
/* Birth weight counts as the start of a gain interval only from this age
 * (by then most babies have regained it: Paul et al. 2016). */
static const double GAIN_FROM_BIRTH_MIN_DAYS = 14.0;
/* Longest observed interval whose gain is rescaled to a WHO 1-month
 * increment (docs/growth.md). */
static const double MAX_RESCALED_DAYS = 62.0;
/* galacta_growth_velocity() rescales only intervals this long and never
 * from days 1-13 (growth.h); used to name the reason when it refuses. */
static const double VELOCITY_RESCALE_MIN_DAYS = 14.0;

int observe__var(const struct galacta_kb *kb, observe_id id)
{
	return (int)(kb->n_vars - OBS_COUNT) + (int)id;
}

typedef struct {
	const struct galacta_kb *kb;
	const struct galacta_case *c;
	double *var;
	unsigned char *known;
} obs;

static bool get(const obs *o, const char *name, double *out)
{
	int i = kb__var_index(o->kb, name);
	if (i < 0 || o->c->var_state[i] != VAR_KNOWN)
		return false;
	*out = o->c->var[i];
	return true;
}

static void set(obs *o, observe_id id, double v)
{
	int i = observe__var(o->kb, id);
	o->var[i] = v;
	o->known[i] = 1;
}

static void lactogenesis(obs *o, double age_days, bool age_known)
{
	int onset = kb__var_index(o->kb, "mother.lactogenesis_onset_hours");
	int came_in = kb__finding_index(o->kb, "milk_came_in");
	double v;

	if (get(o, "mother.lactogenesis_onset_hours", &v)) {
		set(o, OBS_HOURS_WITHOUT_MILK, v);
		return;
	}
	/* The spec: onset null = "not yet"; milk_came_in false says the same. */
	if (!age_known)
		return;
	if ((onset >= 0 && o->c->var_state[onset] == VAR_NULL &&
	     !(came_in >= 0 && o->c->finding[came_in] == 1)) ||
	    (came_in >= 0 && o->c->finding[came_in] == 0))
		set(o, OBS_HOURS_WITHOUT_MILK, age_days * 24.0);
}

galacta_sex observe__sex(const struct galacta_kb *kb, const struct galacta_case *c)
{
	int v = kb__var_index(kb, "infant.sex"), f = kb__field_index(kb, "infant.sex");
	const char *s;

	if (v < 0 || f < 0 || c->var_state[v] != VAR_KNOWN || kb->fields[f].type != FIELD_ENUM)
		return GALACTA_SEX_UNKNOWN;
	s = kb->fields[f].choices[(int)c->var[v]];
	return !strcmp(s, "male") ? GALACTA_SEX_MALE : !strcmp(s, "female") ? GALACTA_SEX_FEMALE
									      : GALACTA_SEX_UNKNOWN;
}

double observe__gestational_age(const struct galacta_kb *kb, const struct galacta_case *c)
{
	int v = kb__var_index(kb, "infant.gestational_age_weeks");

	if (v < 0 || c->var_state[v] != VAR_KNOWN)
		return (double)NAN;
	return c->var[v];
}

double observe__who_age(double age_days, double ga_weeks)
{
	double a = age_days;

	/* Arguments out of the function's domain (a KB with another range for
	 * the field) mean no correction. */
	if (galacta_growth_corrected_age_days(age_days, ga_weeks, &a, NULL))
		a = age_days;
	return a;
}

observe_z_reason observe__weight_z(galacta_sex sex, double ga_weeks, double age_days, double weight_g,
	double *z)
{
	double a = observe__who_age(age_days, ga_weeks);

	if (sex == GALACTA_SEX_UNKNOWN)
		return OBS_Z_SEX_UNKNOWN;
	if (a < 0)
		return OBS_Z_BEFORE_TERM;
	if (a > GALACTA_GROWTH_AGE_DAYS_MAX)
		return OBS_Z_BEYOND_TABLES;
	if (galacta_growth_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, sex, a, weight_g / 1000.0, z))
		return OBS_Z_NO_VALUE;
	return OBS_Z_OK;
}

observe_z_reason observe__velocity(galacta_sex sex, double ga_weeks, double from_days, double to_days,
	double gain_g, galacta_velocity *v)
{
	double shift = observe__who_age(to_days, ga_weeks) - to_days;
	double from = from_days + shift, to = to_days + shift;

	if (sex == GALACTA_SEX_UNKNOWN)
		return OBS_Z_SEX_UNKNOWN;
	/* Corrected from day 0 means from the due date: a preterm baby's birth
	 * weight is not a WHO birth weight. */
	if (from < 0 || (shift < 0 && from_days <= 0))
		return OBS_Z_BEFORE_TERM;
	if (galacta_growth_velocity(sex, from, to, gain_g, v)) {
		if (to - from < VELOCITY_RESCALE_MIN_DAYS)
			return OBS_Z_TOO_SHORT;
		if (from >= 1 && from < VELOCITY_RESCALE_MIN_DAYS)
			return shift < 0 ? OBS_Z_EARLY_CORRECTED : OBS_Z_EARLY_START;
		return OBS_Z_BEYOND_TABLES;
	}
	/* A rescaled WHO interval is an approximation; beyond two months it
	 * would stretch one month's distribution too far. */
	if (v->method != GALACTA_VELOCITY_EXACT && to - from > MAX_RESCALED_DAYS)
		return OBS_Z_RESCALE_TOO_LONG;
	return OBS_Z_OK;
}

bool observe__gain_interval(const struct galacta_kb *kb, const struct galacta_case *c, observe_interval *out)
{
	const case_weight *last;
	double bw = 0;
	int v = kb__var_index(kb, "infant.birth_weight_g");
	bool has_bw = v >= 0 && c->var_state[v] == VAR_KNOWN;
	size_t i;

	if (c->n_weights == 0)
		return false;
	if (has_bw)
		bw = c->var[v];
	last = &c->weights[c->n_weights - 1];
	out->to = (int)c->n_weights - 1;
	out->to_days = last->age_days;
	out->to_g = last->weight_g;
	out->from = -2;
	/* Latest interval of at least MIN_GAIN_INTERVAL_DAYS ending at the last
	 * weight; birth weight is a starting point only late enough. */
	for (i = c->n_weights - 1; i-- > 0;)
		if (c->weights[i].age_days <= last->age_days - MIN_GAIN_INTERVAL_DAYS) {
			out->from = (int)i;
			out->from_days = c->weights[i].age_days;
			out->from_g = c->weights[i].weight_g;
			break;
		}
	if (out->from == -2 && has_bw && last->age_days >= GAIN_FROM_BIRTH_MIN_DAYS) {
		out->from = -1;
		out->from_days = 0;
		out->from_g = bw;
	}
	if (out->from == -2 || (out->from_days > 0 && out->from_days < GAIN_START_MIN_DAYS))
		return false;
	return true;
}

bool observe__crossing(const struct galacta_kb *kb, const struct galacta_case *c, observe_crossing *out)
{
	galacta_sex sex = observe__sex(kb, c);
	double ga = observe__gestational_age(kb, c), zb = 0, zl = 0;
	int v = kb__var_index(kb, "infant.birth_weight_g");
	const case_weight *last;
	size_t i, k;

	if (sex == GALACTA_SEX_UNKNOWN || c->n_weights == 0 || kb->n_percentile_lines == 0)
		return false;
	last = &c->weights[c->n_weights - 1];
	if (observe__weight_z(sex, ga, last->age_days, last->weight_g, &zl) != OBS_Z_OK)
		return false;
	out->baseline = -2;
	for (i = 0; i + 1 < c->n_weights; i++)
		if (c->weights[i].age_days >= kb->crossing_baseline_days &&
		    observe__weight_z(sex, ga, c->weights[i].age_days, c->weights[i].weight_g, &zb) == OBS_Z_OK) {
			out->baseline = (int)i;
			out->baseline_days = c->weights[i].age_days;
			break;
		}
	/* Birth weight only for a term baby (the WHO birth weights are term
	 * weights) followed for long enough. */
	if (out->baseline == -2 && !(ga < GALACTA_GROWTH_PRETERM_WEEKS) && v >= 0 && c->var_state[v] == VAR_KNOWN &&
	    last->age_days >= kb->crossing_baseline_days &&
	    observe__weight_z(sex, ga, 0, c->var[v], &zb) == OBS_Z_OK) {
		out->baseline = -1;
		out->baseline_days = 0;
	}
	if (out->baseline == -2)
		return false;
	out->baseline_z = zb;
	out->latest_days = last->age_days;
	out->latest_z = zl;
	out->lines_crossed_down = out->lines_crossed_up = 0;
	for (k = 0; k < kb->n_percentile_lines; k++) {
		double line = galacta_growth_percentile_z(kb->percentile_lines[k]);
		out->lines_crossed_down += zb > line && zl < line;
		out->lines_crossed_up += zb < line && zl > line;
	}
	return true;
}

static void weights(obs *o, galacta_sex sex, double ga)
{
	const struct galacta_case *c = o->c;
	double bw = 0, pct, age, z;
	bool has_bw = get(o, "infant.birth_weight_g", &bw);
	observe_interval iv;
	observe_crossing cr;
	galacta_velocity v;
	size_t i;

	if (c->n_weights == 0) {
		if (get(o, "infant.weight_change_pct_from_birth", &pct)) {
			set(o, OBS_WEIGHT_CHANGE_PCT, pct);
			set(o, OBS_MAX_LOSS_PCT, pct < 0 ? -pct : 0);
			if (get(o, "infant.age_days", &age)) {
				set(o, OBS_MAX_LOSS_AGE_HOURS, age * 24.0);
				set(o, OBS_LAST_BELOW_BW_DAYS, pct < 0 ? age : 0);
			}
		}
		return;
	}
	{
		const case_weight *last = &c->weights[c->n_weights - 1];

		if (observe__weight_z(sex, ga, last->age_days, last->weight_g, &z) == OBS_Z_OK)
			set(o, OBS_WEIGHT_FOR_AGE_Z, z);
	}
	if (observe__crossing(o->kb, c, &cr))
		set(o, OBS_LINES_CROSSED_DOWN, cr.lines_crossed_down);
	if (has_bw) {
		double max_loss = 0, max_age_h = 0, last_below = 0;
		for (i = 0; i < c->n_weights; i++) {
			double loss = (bw - c->weights[i].weight_g) / bw * 100.0;
			if (loss > max_loss) {
				max_loss = loss;
				max_age_h = c->weights[i].age_days * 24.0;
			}
			if (c->weights[i].weight_g < bw)
				last_below = c->weights[i].age_days;
		}
		set(o, OBS_WEIGHT_CHANGE_PCT, (c->weights[c->n_weights - 1].weight_g - bw) / bw * 100.0);
		set(o, OBS_MAX_LOSS_PCT, max_loss);
		if (max_loss > 0)
			set(o, OBS_MAX_LOSS_AGE_HOURS, max_age_h);
		set(o, OBS_LAST_BELOW_BW_DAYS, last_below);
	}
	if (!observe__gain_interval(o->kb, c, &iv))
		return;
	set(o, OBS_GAIN_G_PER_DAY, (iv.to_g - iv.from_g) / (iv.to_days - iv.from_days));
	set(o, OBS_GAIN_FROM_DAYS, iv.from_days);
	set(o, OBS_GAIN_TO_DAYS, iv.to_days);
	if (observe__velocity(sex, ga, iv.from_days, iv.to_days, iv.to_g - iv.from_g, &v) == OBS_Z_OK)
		set(o, OBS_VELOCITY_Z, v.z);
}

static const kb_diaper_norm *diaper_norm(const struct galacta_kb *kb, int day)
{
	size_t i;
	for (i = 0; i < kb->n_diaper_norms; i++)
		if (day >= kb->diaper_norms[i].from_day && day <= kb->diaper_norms[i].to_day)
			return &kb->diaper_norms[i];
	return NULL;
}

int observe__med_lookup(const struct galacta_kb *kb, const char *name)
{
	size_t i, j;
	for (i = 0; i < kb->n_meds; i++)
		for (j = 0; j < kb->meds[i].n_names; j++)
			if (!strcmp(kb->meds[i].names[j], name))
				return (int)i;
	return -1;
}

void observe__compute(const struct galacta_kb *kb, const struct galacta_case *c, double *var,
	unsigned char *var_known)
{
	obs o = {kb, c, var, var_known};
	double age = 0, n;
	bool age_known = get(&o, "infant.age_days", &age);
	galacta_sex sex = observe__sex(kb, c);
	bool muted = error__mute(true);
	size_t i;

	if (age_known) {
		set(&o, OBS_AGE_HOURS, age * 24.0);
		set(&o, OBS_DAY_OF_LIFE, floor(age) + 1);
	}
	lactogenesis(&o, age, age_known);
	weights(&o, sex, observe__gestational_age(kb, c));
	if (age_known) {
		const kb_diaper_norm *norm = diaper_norm(kb, (int)floor(age) + 1);
		if (norm && get(&o, "infant.wet_diapers_per_24h", &n))
			set(&o, OBS_WET_DEFICIT, norm->wet_min - n);
		if (norm && norm->stools_min >= 0 && get(&o, "infant.stools_per_24h", &n))
			set(&o, OBS_STOOL_DEFICIT, norm->stools_min - n);
	}
	if (c->meds_given) {
		double count = 0;
		for (i = 0; i < c->n_meds; i++) {
			int m = observe__med_lookup(kb, c->meds[i]);
			size_t j;
			bool seen = false;
			for (j = 0; j < i; j++) /* the same medicine named twice counts once */
				seen |= observe__med_lookup(kb, c->meds[j]) == m;
			if (m >= 0 && !seen && kb->meds[m].effect == MED_LOWERS_SUPPLY)
				count++;
		}
		set(&o, OBS_MEDS_LOWERING, count);
	}
	error__mute(muted);
	error__clear(); /* a z-score that cannot be computed is not an error */
}
