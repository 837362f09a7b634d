/*
 * growth_report.h — the growth report as data: what `galacta growth` shows
 * (measurements, weight change and z-scores, gains and velocity, the newborn
 * weight-change statements, size, percentile lines, output norms and the
 * conclusions of the assessment). Built once by growth_report__build() and
 * read by the JSON, text and chart renderers, so the three never disagree.
 */
#ifndef GALACTA_GROWTH_REPORT_INTERNAL_H
#define GALACTA_GROWTH_REPORT_INTERNAL_H

#include "arena.h"
#include "assess_internal.h"
#include "galacta/growth_report.h"
#include "kb_internal.h"
#include "observe.h"

#include <stdbool.h>

typedef enum { GR_BIRTH, GR_WEIGHT, GR_REPORTED_CHANGE } gr_kind;

/* How a baby's weight change compares with a published statement. */
typedef enum {
	GR_CMP_MORE_THAN_MEDIAN,
	GR_CMP_NOT_MORE_THAN_MEDIAN,
	GR_CMP_LOST_AT_LEAST,
	GR_CMP_LOST_LESS,
	GR_CMP_BELOW_BIRTH_WEIGHT,
	GR_CMP_AT_OR_ABOVE_BIRTH_WEIGHT,
	GR_CMP_COUNT
} gr_comparison;

extern const char *const growth_report__comparison_names[GR_CMP_COUNT];

typedef struct {
	const kb_wl_statement *st;
	gr_comparison cmp;
} gr_context;

typedef struct {
	gr_kind kind;
	double age_days, who_age_days; /* who_age: corrected for preterm babies */
	bool corrected;
	bool has_weight, has_change;
	double weight_g, change_pct;
	observe_z_reason z_reason; /* OBS_Z_OK: z and percentile are set */
	double z, percentile;
	gr_context *context;       /* newborn weight-change statements shown */
	size_t n_context;
} gr_measurement;

typedef enum { GR_GAIN_NONE, GR_GAIN_BELOW_LOW, GR_GAIN_BETWEEN, GR_GAIN_AT_OR_ABOVE_GOOD } gr_gain_judgement;

extern const char *const growth_report__gain_judgement_names[];

typedef struct {
	int from, to; /* indexes into measurements */
	double from_days, to_days, gain_g, g_per_day;
	observe_z_reason reason; /* OBS_Z_OK: v is set */
	galacta_velocity v;
	bool used_by_assessment;
	const kb_gain_norm *norm; /* when z is null and a KB norm fits */
	gr_gain_judgement judgement;
	/* Else, after day 14: WHO's 1-month increments spread over the month. */
	bool who_compare;
	const char *who_interval;
	double who_median_g_per_day, who_sd2neg_g_per_day;
} gr_velocity;

typedef struct {
	bool given;
	double value_cm, age_days, who_age_days;
	observe_z_reason z_reason;
	double z, percentile;
} gr_size;

typedef enum { GR_PUMP_NONE, GR_PUMP_BELOW_LOWER_LIMIT, GR_PUMP_BELOW_FULL_SUPPLY, GR_PUMP_AT_OR_ABOVE_FULL_SUPPLY,
	GR_PUMP_AT_OR_ABOVE_LOWER_LIMIT } gr_pump_comparison;

extern const char *const growth_report__pump_comparison_names[];

typedef struct {
	arena mem;
	const struct galacta_kb *kb;
	const struct galacta_case *c;
	galacta_assessment *a;    /* the same pipeline as galacta_assess() */

	galacta_sex sex;
	const char *sex_name;     /* the case's choice, or NULL */
	bool has_age, has_ga, has_bw;
	double age_days, ga_weeks, bw_g;
	bool preterm, corrected;  /* corrected: corrected age applies now */
	double correction_days;   /* (40 - ga) * 7 for preterm babies */
	int delivery;             /* mother.delivery_mode choice, -1 unknown */
	bool wl_population;       /* the weight-change statements apply */

	gr_measurement *m;
	size_t n_m;
	gr_velocity *vel;
	size_t n_vel;
	gr_size length, head;
	bool has_crossing;
	observe_crossing crossing;

	/* Output norms for the day of life. */
	bool has_day;
	int day_of_life;
	const kb_diaper_norm *diapers;
	bool has_wet, has_stools;
	double wet, stools;
	int lact_state;           /* 0 no onset known, 1 onset hours known, 2 not yet */
	double onset_hours;
	int lact_delayed;         /* TRI_* of the finding lactogenesis_delayed; -2 none */
	bool has_pumped, has_sessions;
	double pumped_ml, sessions;
	const kb_pumping_norm *pumping;
	gr_pump_comparison pump_cmp;

	/* Conclusions: growth-related triage rules, most urgent first, and the
	 * growth-related derived findings that are present. */
	const kb_rule **triage;
	size_t n_triage, n_other_triage;
	int *findings;
	size_t n_findings;
} growth_report;

/* Builds the report of case c. *out is owned by the caller
 * (growth_report__free). Errors: GALACTA_EINVALID, GALACTA_ENOMEM. */
int growth_report__build(const struct galacta_kb *kb, const struct galacta_case *c, growth_report **out);
void growth_report__free(growth_report *r);

/* The interface-string id and the case path of a z reason. */
const char *growth_report__reason_code(observe_z_reason r);
const char *growth_report__reason_ui(observe_z_reason r);
const char *growth_report__reason_field(observe_z_reason r);

/* Interface strings the growth renderers use; NULL-terminated; the KB
 * loader refuses a kb/ui.yaml that lacks one. */
extern const char *const growth_report__ui_keys[];

/* Copies template tmpl into buf, replacing each "{}" in turn by the next
 * of args[0..n). */
void growth_report__fill(char *buf, size_t size, const char *tmpl, const char *const *args, size_t n);

#endif
