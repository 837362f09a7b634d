/*
 * observe.h — observations computed from a case before reasoning: age in
 * hours, hours without milk, weight change from birth, gain per day, WHO
 * velocity and weight-for-age z, diaper deficits for the day of life,
 * supply-lowering medicines. They become KB variables (docs/kb-format.md).
 */
#ifndef GALACTA_OBSERVE_H
#define GALACTA_OBSERVE_H

#include "kb_internal.h"

typedef enum {
	OBS_AGE_HOURS,
	OBS_HOURS_WITHOUT_MILK,
	OBS_WEIGHT_CHANGE_PCT,
	OBS_MAX_LOSS_PCT,
	OBS_MAX_LOSS_AGE_HOURS,
	OBS_LAST_BELOW_BW_DAYS,
	OBS_GAIN_G_PER_DAY,
	OBS_GAIN_FROM_DAYS,
	OBS_GAIN_TO_DAYS,
	OBS_VELOCITY_Z,
	OBS_WEIGHT_FOR_AGE_Z,
	OBS_DAY_OF_LIFE,
	OBS_WET_DEFICIT,
	OBS_STOOL_DEFICIT,
	OBS_MEDS_LOWERING,
	OBS_COUNT
} observe_id;

/* Variable names, in observe_id order. */
extern const char *const observe__names[OBS_COUNT];

struct galacta_case;

/* Fills the computed variables of var/var_known (indexes
 * kb->n_vars - OBS_COUNT + id) from the case; var/var_known already hold
 * the case's field values. */
void observe__compute(const struct galacta_kb *kb, const struct galacta_case *c,
	double *var, unsigned char *var_known);

/* Index in kb->meds of a (lowercased) medicine name, or -1. */
int observe__med_lookup(const struct galacta_kb *kb, const char *name);

/* Variable index of a computed observation. */
int observe__var(const struct galacta_kb *kb, observe_id id);

#endif
