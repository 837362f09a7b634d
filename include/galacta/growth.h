/*
 * galacta/growth.h — WHO growth standards: z-scores, percentiles and
 * reference values of weight, length/height and head circumference for age
 * (WHO Child Growth Standards 2006/2007), and weight-velocity z-scores
 * (WHO growth velocity standards 2009). The maths, with its sources, is in
 * docs/growth.md.
 *
 * Every function here is pure: no allocation, no global mutable state, safe
 * to call from any thread. On failure the functions returning int leave their
 * out parameter untouched, return a negative GALACTA_E* code and set the
 * thread-local message read with galacta_error_last().
 */
#ifndef GALACTA_GROWTH_H
#define GALACTA_GROWTH_H

#include "galacta/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Age range, in days, of the WHO 2006 by-day tables (0 to 1856 days, about
 * 61 months, for both sexes). */
#define GALACTA_GROWTH_AGE_DAYS_MAX 1856

/* From this age in days (24 months) the length/height-for-age table is for
 * standing height; below it, for recumbent length. */
#define GALACTA_GROWTH_HEIGHT_FROM_DAYS 731

typedef enum {
	/* Weight-for-age; measurement in kg. */
	GALACTA_GROWTH_WEIGHT_FOR_AGE,
	/* Length/height-for-age; measurement in cm. Recumbent length when
	 * age_days < GALACTA_GROWTH_HEIGHT_FROM_DAYS, standing height from it
	 * on. WHO's rule for a measurement taken the other way: a standing
	 * height before 731 days gets +0.7 cm, a recumbent length from 731 days
	 * gets -0.7 cm. The caller applies that correction; these functions
	 * take the value as already measured the way the table expects. */
	GALACTA_GROWTH_LENGTH_FOR_AGE,
	/* Head circumference-for-age; measurement in cm. */
	GALACTA_GROWTH_HEAD_FOR_AGE
} galacta_growth_indicator;

/* Box-Cox parameters of a WHO reference distribution: power l, median m (in
 * the unit of the indicator: kg or cm, or g for weight increments) and
 * coefficient of variation s. */
typedef struct {
	double l, m, s;
} galacta_lms;

/*
 * The WHO 2006 LMS parameters of an indicator for a sex at an age.
 *
 * ind       which table.
 * sex       GALACTA_SEX_MALE or GALACTA_SEX_FEMALE.
 * age_days  age in days since birth, 0 <= age_days <= 1856; may be
 *           fractional.
 * out       receives L, M (kg or cm), S. Caller-owned storage.
 *
 * A whole age_days gives that day's table row exactly. A fractional age is
 * linearly interpolated between the rows of the two whole days around it
 * (WHO Anthro instead rounds the age to the nearest whole day, half up; pass
 * a rounded age to reproduce it exactly; docs/growth.md says why galacta
 * interpolates). Length/height-for-age is never interpolated across the
 * length/height switch: ages 730 <= age_days < 731 use the day-730 length
 * row.
 *
 * Source: WHO Child Growth Standards (WHO MGRS Group, 2006; head
 * circumference 2007), daily LMS tables as shipped in WHO's anthro package.
 *
 * Returns 0, or
 *   GALACTA_EINVALID  unknown ind or sex, age_days NaN, out NULL;
 *   GALACTA_ERANGE    age_days < 0 or > 1856 (infinities included).
 */
GALACTA_EXTERN int galacta_growth_lms(galacta_growth_indicator ind, galacta_sex sex,
	double age_days, galacta_lms *out);

/*
 * The z-score of a measurement against the WHO 2006 standard.
 *
 * ind       which table.
 * sex       GALACTA_SEX_MALE or GALACTA_SEX_FEMALE.
 * age_days  0 <= age_days <= 1856, as for galacta_growth_lms().
 * value     the measurement: weight in kg, length/height or head
 *           circumference in cm (length/height as the table expects at that
 *           age, see GALACTA_GROWTH_LENGTH_FOR_AGE). Must be > 0.
 * z_out     receives the z-score. Caller-owned storage.
 *
 * z = ((value/M)^L - 1) / (L*S)  (ln(value/M)/S when L = 0).
 * Weight-for-age uses WHO's restricted computation beyond +-3 SD, as WHO's
 * igrowup/anthro software does: with SDk the value at z = k,
 *   z > 3:  z = 3 + (value - SD3) / (SD3 - SD2)
 *   z < -3: z = -3 + (value - SD3neg) / (SD2neg - SD3neg).
 * (For length and head circumference L = 1, so the plain formula is already
 * linear.) No implausibility flag is applied; WHO Anthro flags weight-for-age
 * z < -6 or > 5, length z beyond +-6 and head circumference beyond +-5.
 *
 * Source: WHO Child Growth Standards, Methods and development (2006),
 * chapter 7 (LMS and the restricted z-score).
 *
 * Returns 0, or
 *   GALACTA_EINVALID  unknown ind or sex; age_days NaN; value NaN,
 *                     infinite or <= 0; z_out NULL;
 *   GALACTA_ERANGE    age_days outside 0-1856.
 */
GALACTA_EXTERN int galacta_growth_z(galacta_growth_indicator ind, galacta_sex sex,
	double age_days, double value, double *z_out);

/*
 * The measurement that has a given z-score: the inverse of
 * galacta_growth_z(), e.g. the -2 SD weight at an age.
 *
 * ind, sex, age_days  as for galacta_growth_z().
 * z          the z-score, finite.
 * value_out  receives kg (weight) or cm (length/height, head
 *            circumference). Caller-owned storage.
 *
 * value = M * (1 + L*S*z)^(1/L)  (M*exp(S*z) when L = 0); for
 * weight-for-age beyond +-3 SD the restricted (linear) rule:
 *   z > 3:  SD3 + (z - 3) * (SD3 - SD2)
 *   z < -3: SD3neg + (z + 3) * (SD2neg - SD3neg).
 * Example: boys at day 0, z = -2 gives 2.459 kg, z = +2 gives 4.419 kg.
 *
 * Source: WHO Child Growth Standards (2006), chapter 7.
 *
 * Returns 0, or
 *   GALACTA_EINVALID  unknown ind or sex; age_days or z NaN or infinite;
 *                     value_out NULL;
 *   GALACTA_ERANGE    age_days outside 0-1856, or z so extreme that no
 *                     positive measurement has it (e.g. weight z < about
 *                     -8.5 at birth).
 */
GALACTA_EXTERN int galacta_growth_value_at_z(galacta_growth_indicator ind, galacta_sex sex,
	double age_days, double z, double *value_out);

/*
 * The percentile of a z-score: 100 * Phi(z), Phi the standard normal
 * cumulative distribution, computed as 50 * erfc(-z / sqrt(2)).
 * percentile(0) = 50, percentile(-1.96) = 2.5 (to 2 decimals),
 * percentile(-INFINITY) = 0, percentile(+INFINITY) = 100; NaN gives NaN.
 * The result is not rounded; clamp the display (e.g. "< 0.1") yourself.
 */
GALACTA_EXTERN double galacta_growth_percentile(double z);

/*
 * The z-score of a percentile: the inverse of galacta_growth_percentile(),
 * z = Phi^-1(percentile / 100). Examples: 50 gives 0, 3 gives -1.8808,
 * 15 gives -1.0364, 97 gives +1.8808 (the WHO chart's major lines).
 * Accurate to about 1e-12 (a rational approximation refined by one Newton
 * step on erfc). 0 gives -INFINITY, 100 gives +INFINITY; outside 0-100 or
 * NaN gives NaN. Pure.
 */
GALACTA_EXTERN double galacta_growth_percentile_z(double percentile);

/* Born before this many weeks of gestation is preterm (WHO definition). */
#define GALACTA_GROWTH_PRETERM_WEEKS 37
/* Corrected age counts from this gestational age (the due date). */
#define GALACTA_GROWTH_TERM_WEEKS 40
/* Corrected age is used while the chronological age is below this many
 * days (24 months of 30.4375 days). */
#define GALACTA_GROWTH_CORRECT_UNTIL_DAYS 730.5

/*
 * The age at which to read the WHO tables for a baby: corrected age for a
 * preterm baby, chronological age otherwise.
 *
 * age_days               chronological age in days since birth, finite, >= 0.
 * gestational_age_weeks  gestation at birth in weeks (may be fractional), or
 *                        NaN when unknown (then no correction: the WHO
 *                        standards assume a term baby).
 * age_out                receives the age to use, in days; negative before
 *                        the due date (the WHO standards do not apply then).
 * corrected_out          may be NULL; receives 1 when the age was corrected,
 *                        else 0.
 *
 * Rule: when gestational_age_weeks < GALACTA_GROWTH_PRETERM_WEEKS (37) and
 * age_days < GALACTA_GROWTH_CORRECT_UNTIL_DAYS (24 months), the age is
 * age_days - (40 - gestational_age_weeks) * 7; otherwise age_days.
 * Example: born at 32 weeks, 70 days old: corrected age 70 - 56 = 14 days.
 * Sources: Maternal and Child Health Bureau training module on the CDC
 * growth charts (corrected age until 2 years for most premature infants);
 * Elmrayed et al., J Perinatol 2025 (very preterm babies need correction
 * to 36 months; galacta stops at 24 months for all, a simplification).
 *
 * Returns 0, or GALACTA_EINVALID: age_days NaN, infinite or < 0;
 * gestational_age_weeks not NaN and outside 20-46 weeks; age_out NULL.
 */
GALACTA_EXTERN int galacta_growth_corrected_age_days(double age_days, double gestational_age_weeks,
	double *age_out, int *corrected_out);

/* How galacta_growth_velocity() matched the observed interval to WHO's. */
typedef enum {
	/* Both ends within 3 days of a WHO interval's boundaries. */
	GALACTA_VELOCITY_EXACT,
	/* No WHO interval matched; the gain was rescaled to the 1-month WHO
	 * interval containing the observed interval's midpoint. An
	 * approximation: label it as such when showing it. */
	GALACTA_VELOCITY_RESCALED
} galacta_velocity_method;

/* The result of galacta_growth_velocity(). */
typedef struct {
	double z;		/* weight-velocity z-score, always finite */
	double percentile;	/* galacta_growth_percentile(z) */
	const char *interval;	/* WHO label ("0wk-4wk", "1mo-3mo", ...); static */
	int months;		/* 1 or 2: which WHO table */
	double who_start_days;	/* the WHO interval used, in days */
	double who_end_days;	/* (1 wk = 7 d, 1 mo = 30.4375 d) */
	galacta_velocity_method method;
	double increment_g;	/* gain_g scaled to the WHO interval's length:
				 * gain_g * (who_end - who_start) / (to - from);
				 * the number z describes */
	double median_g;	/* WHO's published median increment, g */
	double sd2neg_g;	/* WHO's published -2 SD increment, g */
} galacta_velocity;

/*
 * The WHO 2009 weight-velocity z-score of a weight gain.
 *
 * sex        GALACTA_SEX_MALE or GALACTA_SEX_FEMALE.
 * from_days  age in days at the first weight (0 = birth weight), >= 0.
 * to_days    age in days at the second weight, > from_days.
 * gain_g     second weight minus first, in grams; may be negative.
 * out        receives the result. Caller-owned storage; its interval
 *            string is static.
 *
 * Choosing the WHO interval, first rule that applies:
 *  1. EXACT, 1-month table: both ends within +-3 days of the boundaries of a
 *     WHO 1-month interval (0wk-4wk = 0-28 d, 4wk-2mo = 28-60.875 d, then
 *     2mo-3mo ... 11mo-12mo in 30.4375-day months up to 365.25 d).
 *  2. EXACT, 2-month table: likewise for a 2-month interval (0mo-2mo,
 *     1mo-3mo, ... 22mo-24mo; up to 730.5 d).
 *  3. RESCALED: the observed interval is >= 14 days long and starts either
 *     at birth (from_days < 1) or at >= 14 days, and its midpoint lies within
 *     the 1-month table (<= 365.25 d): the 1-month interval containing the
 *     midpoint (start <= mid < end; the last interval includes its end).
 *  4. Otherwise GALACTA_ERANGE: not computable; report g/day only.
 *     (Intervals starting on days 1-13 begin during the early weight loss
 *     and regain, which WHO's increments, measured from birth, include.)
 * In every case the gain is rescaled linearly to the WHO interval's length
 * (increment_g above). For an exact match the factor is near 1 but can
 * reach 28/22 or 28/34 for 0wk-4wk with both ends 3 days off.
 *
 * z: with y = increment_g + delta_g (delta 400 g for the 1-month table, 600 g
 * for the 2-month table), z = ((y/M)^L - 1) / (L*S) while -3 <= z <= 3.
 * Beyond +-3 SD galacta uses the restricted (linear) rule described for
 * galacta_growth_z(), with SDk computed from L, M, S. This keeps z finite,
 * continuous and increasing for any gain, including losses so large that
 * y <= 0 where the LMS formula has no value.
 *
 * Source: WHO Child Growth Standards: Growth velocity based on weight,
 * length and head circumference. Methods and development. WHO, 2009
 * (1-month and 2-month weight increments, birth to 12 and 24 months).
 *
 * Returns 0, or
 *   GALACTA_EINVALID  unknown sex; any number NaN or infinite;
 *                     to_days <= from_days; out NULL;
 *   GALACTA_ERANGE    from_days < 0; or no rule applies: shorter than 14
 *                     days, starting on days 1-13, or beyond the tables
 *                     (midpoint after 12 months without an exact 2-month
 *                     match, or after 24 months).
 */
GALACTA_EXTERN int galacta_growth_velocity(galacta_sex sex, double from_days, double to_days,
	double gain_g, galacta_velocity *out);

#ifdef __cplusplus
}
#endif
#endif
