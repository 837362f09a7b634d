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

static void weights(obs *o, galacta_sex sex)
{
	const struct galacta_case *c = o->c;
	double bw = 0, pct, age;
	bool has_bw = get(o, "infant.birth_weight_g", &bw);
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
		double z;

		if (sex != GALACTA_SEX_UNKNOWN &&
		    galacta_growth_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, sex, last->age_days,
			    last->weight_g / 1000.0, &z) == 0)
			set(o, OBS_WEIGHT_FOR_AGE_Z, z);
	}
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
	/* Latest interval of at least MIN_GAIN_INTERVAL_DAYS ending at the last
	 * weight; birth weight is a starting point only late enough. */
	{
		const case_weight *last = &c->weights[c->n_weights - 1];
		double from = -1, from_w = 0;
		galacta_velocity v;

		for (i = c->n_weights - 1; i-- > 0;)
			if (c->weights[i].age_days <= last->age_days - MIN_GAIN_INTERVAL_DAYS) {
				from = c->weights[i].age_days;
				from_w = c->weights[i].weight_g;
				break;
			}
		if (from < 0 && has_bw && last->age_days >= GAIN_FROM_BIRTH_MIN_DAYS) {
			from = 0;
			from_w = bw;
		}
		if (from < 0 || (from > 0 && from < GAIN_START_MIN_DAYS))
			return;
		set(o, OBS_GAIN_G_PER_DAY, (last->weight_g - from_w) / (last->age_days - from));
		set(o, OBS_GAIN_FROM_DAYS, from);
		set(o, OBS_GAIN_TO_DAYS, last->age_days);
		/* A rescaled WHO interval is an approximation; beyond two months
		 * it would stretch one month's distribution too far. */
		if (sex != GALACTA_SEX_UNKNOWN &&
		    galacta_growth_velocity(sex, from, last->age_days, last->weight_g - from_w, &v) == 0 &&
		    (v.method == GALACTA_VELOCITY_EXACT || last->age_days - from <= MAX_RESCALED_DAYS))
			set(o, OBS_VELOCITY_Z, v.z);
	}
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
	double age = 0, sexv, n;
	bool age_known = get(&o, "infant.age_days", &age);
	galacta_sex sex = GALACTA_SEX_UNKNOWN;
	size_t i;

	if (get(&o, "infant.sex", &sexv)) {
		int si = kb__field_index(kb, "infant.sex");
		const char *s = kb->fields[si].choices[(int)sexv];
		sex = !strcmp(s, "male") ? GALACTA_SEX_MALE : GALACTA_SEX_FEMALE;
	}
	if (age_known) {
		set(&o, OBS_AGE_HOURS, age * 24.0);
		set(&o, OBS_DAY_OF_LIFE, floor(age) + 1);
	}
	lactogenesis(&o, age, age_known);
	weights(&o, sex);
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
	error__clear(); /* a z-score that cannot be computed is not an error */
}
