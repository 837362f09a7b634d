/*
 * observe.h — observations computed from a case before reasoning: age in
 * hours, hours without milk, weight change from birth, gain per day, WHO
 * velocity and weight-for-age z (at corrected age for preterm babies), WHO
 * percentile lines crossed, diaper deficits for the day of life,
 * supply-lowering medicines. They become KB variables (docs/kb-format.md).
 * The growth report (growth_report.c) reuses the helpers below, so that it
 * shows exactly what the assessment reasoned with.
 */
#ifndef GALACTA_OBSERVE_H
#define GALACTA_OBSERVE_H

#include "kb_internal.h"

#include "galacta/growth.h"

#include <stdbool.h>

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
	OBS_LINES_CROSSED_DOWN,
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

/* The infant's sex for the WHO tables; GALACTA_SEX_UNKNOWN when not given. */
galacta_sex observe__sex(const struct galacta_kb *kb, const struct galacta_case *c);
/* Gestational age at birth in weeks, or NaN when not given. */
double observe__gestational_age(const struct galacta_kb *kb, const struct galacta_case *c);
/* The age (days) at which to read the WHO tables: corrected age for a
 * preterm baby (galacta_growth_corrected_age_days); may be negative. */
double observe__who_age(double age_days, double ga_weeks);

/* Why a WHO z-score is missing. */
typedef enum {
	OBS_Z_OK,
	OBS_Z_SEX_UNKNOWN,      /* infant.sex not given */
	OBS_Z_BEFORE_TERM,      /* corrected age before the due date */
	OBS_Z_BEYOND_TABLES,    /* age after the tables (1856 days; velocity: 24 months) */
	OBS_Z_TOO_SHORT,        /* velocity: shorter than 14 days, no WHO interval */
	OBS_Z_EARLY_START,      /* velocity: starts on days 1-13 */
	OBS_Z_EARLY_CORRECTED,  /* velocity: starts at corrected age 1-13 days */
	OBS_Z_RESCALE_TOO_LONG, /* velocity: rescaled over more than 62 days */
	OBS_Z_NO_VALUE          /* no measurement (internal) */
} observe_z_reason;

/* WHO weight-for-age z of weight_g at chronological age_days; returns
 * OBS_Z_OK and sets *z, or the reason there is none. */
observe_z_reason observe__weight_z(galacta_sex sex, double ga_weeks, double age_days, double weight_g,
	double *z);
/* WHO 2009 velocity of a gain between two chronological ages, with the
 * rules the assessment applies (docs/model.md): corrected ages for preterm
 * babies; exact WHO intervals, or rescaled ones up to 62 days. */
observe_z_reason observe__velocity(galacta_sex sex, double ga_weeks, double from_days, double to_days,
	double gain_g, galacta_velocity *v);

/* A weight of the series: index into c->weights, or -1 for birth weight. */
typedef struct {
	int from, to;
	double from_days, to_days, from_g, to_g;
} observe_interval;
/* The gain interval of growth.gain_g_per_day (latest interval of >= 5 days
 * ending at the last weight); false when there is none. */
bool observe__gain_interval(const struct galacta_kb *kb, const struct galacta_case *c, observe_interval *out);

/* growth.weight_percentile_lines_crossed_down and what it was computed from. */
typedef struct {
	int baseline;                 /* index into c->weights, -1 = birth weight */
	double baseline_days, baseline_z, latest_days, latest_z;
	int lines_crossed_down;       /* major lines z_base > line > z_latest */
	int lines_crossed_up;
} observe_crossing;
/* False when it cannot be computed (no sex, no baseline, z outside the
 * tables). kb->percentile_lines are the lines. */
bool observe__crossing(const struct galacta_kb *kb, const struct galacta_case *c, observe_crossing *out);

#endif
