/*
 * test_growth.c — unit tests of the WHO growth module (growth.c and the
 * generated who_tables.c). Expected values come from the WHO table rows in
 * data/who/ and the published numbers quoted in data/README.md; where a value
 * needs arithmetic, the working is written out next to it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "galacta/growth.h"
#include "who_tables.h"

#define WFA GALACTA_GROWTH_WEIGHT_FOR_AGE
#define LFA GALACTA_GROWTH_LENGTH_FOR_AGE
#define HCFA GALACTA_GROWTH_HEAD_FOR_AGE
#define BOY GALACTA_SEX_MALE
#define GIRL GALACTA_SEX_FEMALE

#define assert_near(actual, expected, tolerance) \
	assert_near_at((actual), (expected), (tolerance), __FILE__, __LINE__)

static void assert_near_at(double actual, double expected, double tolerance,
	const char *file, int line)
{
	if (!(fabs(actual - expected) <= tolerance)) {
		print_error("%.17g is not within %g of %.17g\n", actual, tolerance, expected);
		_fail(file, line);
	}
}

static double z_of(galacta_growth_indicator ind, galacta_sex sex, double age_days,
	double value)
{
	double z = NAN;

	assert_int_equal(galacta_growth_z(ind, sex, age_days, value, &z), 0);
	return z;
}

static double value_of(galacta_growth_indicator ind, galacta_sex sex, double age_days,
	double z)
{
	double value = NAN;

	assert_int_equal(galacta_growth_value_at_z(ind, sex, age_days, z, &value), 0);
	return value;
}

/* ---- LMS tables ------------------------------------------------------ */

/* data/README.md, verification table: boys WFA day 0 = 0.3487 / 3.3464 /
 * 0.14602. */
static void test_growth__boy_day0_lms_is_the_who_row(void **state)
{
	galacta_lms p;

	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, BOY, 0, &p), 0);
	assert_true(p.l == 0.3487 && p.m == 3.3464 && p.s == 0.14602);
	assert_int_equal(galacta_growth_lms(LFA, GIRL, 0, &p), 0);
	assert_true(p.l == 1 && p.m == 49.1477 && p.s == 0.0379);
	assert_int_equal(galacta_growth_lms(HCFA, BOY, 0, &p), 0);
	assert_true(p.l == 1 && p.m == 34.4618 && p.s == 0.03686);
}

/* data/README.md: WHO's weekly table, week 1 = day 7: boys 0.2776 / 3.4879 /
 * 0.14483, girls 0.2671 / 3.3388 / 0.146. */
static void test_growth__day7_matches_the_who_weekly_table(void **state)
{
	galacta_lms p;

	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, BOY, 7, &p), 0);
	assert_true(p.l == 0.2776 && p.m == 3.4879 && p.s == 0.14483);
	assert_int_equal(galacta_growth_lms(WFA, GIRL, 7, &p), 0);
	assert_true(p.l == 0.2671 && p.m == 3.3388 && p.s == 0.146);
}

/* Half-way between boys' WFA day 0 (0.3487, 3.3464, 0.14602) and day 1
 * (0.3127, 3.3174, 0.14693): L 0.3307, M 3.3319, S 0.146475. A quarter:
 * M = 3.3464 - 0.25 * 0.029 = 3.33915. */
static void test_growth__fractional_age_interpolates_between_days(void **state)
{
	galacta_lms p;

	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, BOY, 0.5, &p), 0);
	assert_near(p.l, 0.3307, 1e-12);
	assert_near(p.m, 3.3319, 1e-12);
	assert_near(p.s, 0.146475, 1e-12);
	assert_int_equal(galacta_growth_lms(WFA, BOY, 0.25, &p), 0);
	assert_near(p.m, 3.33915, 1e-12);
}

/* Boys LFA day 730 is recumbent length, M 87.8018; day 731 is standing
 * height, M 87.1303 (the 0.7 cm drop). 730.5 must stay on the length row. */
static void test_growth__length_is_not_interpolated_into_height_at_730_days(void **state)
{
	galacta_lms p;

	(void)state;
	assert_int_equal(galacta_growth_lms(LFA, BOY, 730.5, &p), 0);
	assert_true(p.m == 87.8018 && p.s == 0.03479);
	assert_int_equal(galacta_growth_lms(LFA, BOY, 730.999, &p), 0);
	assert_true(p.m == 87.8018);
	assert_int_equal(galacta_growth_lms(LFA, BOY, 731, &p), 0);
	assert_true(p.m == 87.1303 && p.s == 0.03508);
	assert_int_equal(GALACTA_GROWTH_HEIGHT_FROM_DAYS, 731);
}

/* The last row: boys day 1856 M 18.4968, girls 18.389 (data/README.md). */
static void test_growth__day_1856_is_the_last_row(void **state)
{
	galacta_lms p;

	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, BOY, 1856, &p), 0);
	assert_true(p.m == 18.4968);
	assert_int_equal(galacta_growth_lms(WFA, GIRL, 1856.0, &p), 0);
	assert_true(p.m == 18.389);
}

/* ---- z-scores and values --------------------------------------------- */

static void test_growth__boy_day0_median_is_z0(void **state)
{
	(void)state;
	assert_near(z_of(WFA, BOY, 0, 3.3464), 0.0, 1e-12);
}

/* data/README.md: girls day 365 M = 8.9462 kg. */
static void test_growth__girl_day365_median_is_8_9462kg(void **state)
{
	galacta_lms p;

	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, GIRL, 365, &p), 0);
	assert_true(p.m == 8.9462);
	assert_near(z_of(WFA, GIRL, 365, 8.9462), 0.0, 1e-12);
	assert_near(value_of(WFA, GIRL, 365, 0.0), 8.9462, 1e-12);
}

/* data/README.md: boys day 0, −3 SD 2.080 kg, −2 SD 2.459 kg, +2 SD 4.419 kg
 * (3 decimals). By hand, value = M·(1 + L·S·z)^(1/L), 1/L = 2.8677947:
 *   z = −2: 1 − 2·0.3487·0.14602 = 0.898165652, ^(1/L) = 0.7349129, ·M = 2.4593124
 *   z = −3: 0.847248478, ^(1/L) = 0.6216555, ·M = 2.0803078
 *   z = +2: 1.101834348, ^(1/L) = 1.3206293, ·M = 4.4193538 */
static void test_growth__boy_day0_sd_lines_are_reproduced(void **state)
{
	(void)state;
	assert_near(value_of(WFA, BOY, 0, -2), 2.459, 0.0005);
	assert_near(value_of(WFA, BOY, 0, -3), 2.080, 0.0005);
	assert_near(value_of(WFA, BOY, 0, 2), 4.419, 0.0005);
	assert_near(value_of(WFA, BOY, 0, -2), 2.4593124, 1e-6);
	assert_near(value_of(WFA, BOY, 0, -3), 2.0803078, 1e-6);
	assert_near(value_of(WFA, BOY, 0, 2), 4.4193538, 1e-6);
	assert_near(z_of(WFA, BOY, 0, 2.4593124390), -2.0, 1e-9);
}

/* Boys day 0, weight 5.2 kg. SD3 = M·(1 + 3·L·S)^(1/L) = 3.3464·1.152751522^2.8677947
 * = 3.3464·1.5032988 = 5.0306393; SD2 = 4.4193538 (above).
 * Restricted: z = 3 + (5.2 − 5.0306393)/(5.0306393 − 4.4193538)
 *               = 3 + 0.1693607/0.6112855 = 3.2770567.
 * The plain LMS formula would give ((5.2/3.3464)^L − 1)/(L·S) = 3.2629133. */
static void test_growth__weight_above_plus3sd_uses_the_restricted_formula(void **state)
{
	(void)state;
	assert_near(z_of(WFA, BOY, 0, 5.2), 3.2770567, 1e-6);
	assert_true(fabs(z_of(WFA, BOY, 0, 5.2) - 3.2629133) > 0.01);
}

/* Boys day 0, weight 1.8 kg. SD3neg = 2.0803078, SD2neg = 2.4593124.
 * z = −3 + (1.8 − 2.0803078)/(2.4593124 − 2.0803078) = −3 − 0.2803078/0.3790046
 *   = −3.7395894 (plain LMS: −3.8189209). */
static void test_growth__weight_below_minus3sd_uses_the_restricted_formula(void **state)
{
	(void)state;
	assert_near(z_of(WFA, BOY, 0, 1.8), -3.7395894, 1e-6);
}

/* Inverse of the restricted rule, boys day 0:
 *   z = +4: SD3 + (SD3 − SD2) = 5.0306393 + 0.6112855 = 5.6419247
 *   z = −4: SD3neg − (SD2neg − SD3neg) = 2.0803078 − 0.3790046 = 1.7013032
 *   z = −9: 2.0803078 − 6·0.3790046 < 0, no weight: GALACTA_ERANGE. */
static void test_growth__weight_value_beyond_3sd_is_linear(void **state)
{
	double v = -1;

	(void)state;
	assert_near(value_of(WFA, BOY, 0, 4), 5.6419247, 1e-6);
	assert_near(value_of(WFA, BOY, 0, -4), 1.7013032, 1e-6);
	assert_int_equal(galacta_growth_value_at_z(WFA, BOY, 0, -9, &v), GALACTA_ERANGE);
	assert_true(v == -1);
	assert_true(strlen(galacta_error_last()) > 0);
}

/* Boys LFA day 0: M 49.8842, S 0.03795, L 1, so z = (y − M)/(S·M):
 * 52 cm → (52 − 49.8842)/(0.03795·49.8842) = 2.1158/1.89310539 = 1.1176346. */
static void test_growth__length_z_is_distance_from_median_in_sd(void **state)
{
	(void)state;
	assert_near(z_of(LFA, BOY, 0, 52), 1.1176346, 1e-6);
	assert_near(value_of(LFA, BOY, 0, 1.1176346), 52, 1e-5);
	/* Standing height from day 731: boys M 87.1303 is z 0. */
	assert_near(z_of(LFA, BOY, 731, 87.1303), 0, 1e-12);
}

static void test_growth__head_circumference_day0_median_is_z0(void **state)
{
	(void)state;
	assert_near(z_of(HCFA, BOY, 0, 34.4618), 0, 1e-12);
	assert_near(z_of(HCFA, GIRL, 0, 33.8787), 0, 1e-12);
	/* +1 SD = M·(1 + S) = 34.4618·1.03686 = 35.7320… */
	assert_near(value_of(HCFA, BOY, 0, 1), 34.4618 * 1.03686, 1e-9);
}

/* Boys WFA L goes 0.0001 (day 654) → −0.0001 (day 655); at 654.5 the
 * interpolated L is 0, where the formula becomes z = ln(y/M)/S.
 * M = 11.6502, S = 0.11288, so y = M·e^S = 13.0423708 has z = 1. */
static void test_growth__weight_z_is_finite_where_l_crosses_zero(void **state)
{
	galacta_lms p;

	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, BOY, 654.5, &p), 0);
	assert_near(p.l, 0, 1e-15);
	assert_near(z_of(WFA, BOY, 654.5, 13.0423708), 1.0, 1e-6);
	assert_near(value_of(WFA, BOY, 654.5, 1.0), 13.0423708, 1e-6);
	assert_near(z_of(WFA, BOY, 654.25, 11.65), 0.0, 0.01);
}

static void test_growth__z_and_value_at_z_are_inverse(void **state)
{
	static const galacta_growth_indicator inds[] = { WFA, LFA, HCFA };
	static const double ages[] = { 0, 0.5, 14, 100.25, 365, 654.5, 730.5, 731, 1856 };
	static const double zs[] = { -5, -3.5, -3, -2, -0.3, 0, 1, 3, 3.2, 5 };
	size_t i, j, k;
	int sex;

	(void)state;
	for (i = 0; i < sizeof(inds) / sizeof(inds[0]); i++)
		for (sex = BOY; sex <= GIRL; sex++)
			for (j = 0; j < sizeof(ages) / sizeof(ages[0]); j++)
				for (k = 0; k < sizeof(zs) / sizeof(zs[0]); k++) {
					double v = value_of(inds[i], (galacta_sex)sex, ages[j], zs[k]);

					assert_near(z_of(inds[i], (galacta_sex)sex, ages[j], v), zs[k],
						1e-9);
				}
}

/* ---- errors ---------------------------------------------------------- */

static void test_growth__age_outside_0_to_1856_is_erange(void **state)
{
	static const double bad[] = { -1, -0.001, 1856.001, 1857, INFINITY, -INFINITY };
	galacta_lms p = { 7, 7, 7 };
	double out = 7;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(galacta_growth_lms(WFA, BOY, bad[i], &p), GALACTA_ERANGE);
		assert_int_equal(galacta_growth_z(LFA, GIRL, bad[i], 50, &out), GALACTA_ERANGE);
		assert_int_equal(galacta_growth_value_at_z(HCFA, BOY, bad[i], 0, &out),
			GALACTA_ERANGE);
	}
	/* Outputs untouched on error. */
	assert_true(p.l == 7 && p.m == 7 && p.s == 7 && out == 7);
	assert_non_null(strstr(galacta_error_last(), "0-1856"));
}

static void test_growth__sex_0_is_einvalid(void **state)
{
	galacta_lms p;
	double out;

	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, (galacta_sex)0, 10, &p), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_lms(WFA, (galacta_sex)3, 10, &p), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_z(WFA, GALACTA_SEX_UNKNOWN, 10, 3.5, &out),
		GALACTA_EINVALID);
	assert_int_equal(galacta_growth_value_at_z(WFA, GALACTA_SEX_UNKNOWN, 10, 0, &out),
		GALACTA_EINVALID);
	assert_non_null(strstr(galacta_error_last(), "sex"));
}

static void test_growth__nan_is_einvalid(void **state)
{
	galacta_lms p;
	double out;

	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, BOY, NAN, &p), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_z(WFA, BOY, NAN, 3.5, &out), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_z(WFA, BOY, 10, NAN, &out), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_value_at_z(WFA, BOY, 10, NAN, &out), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_value_at_z(WFA, BOY, 10, INFINITY, &out),
		GALACTA_EINVALID);
}

static void test_growth__measurement_not_above_zero_is_einvalid(void **state)
{
	double out;

	(void)state;
	assert_int_equal(galacta_growth_z(WFA, BOY, 10, 0, &out), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_z(LFA, BOY, 10, -50, &out), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_z(HCFA, BOY, 10, INFINITY, &out), GALACTA_EINVALID);
}

static void test_growth__unknown_indicator_is_einvalid(void **state)
{
	galacta_lms p;
	double out;

	(void)state;
	assert_int_equal(galacta_growth_lms((galacta_growth_indicator)3, BOY, 10, &p),
		GALACTA_EINVALID);
	assert_int_equal(galacta_growth_z((galacta_growth_indicator)-1, BOY, 10, 3, &out),
		GALACTA_EINVALID);
	assert_non_null(strstr(galacta_error_last(), "indicator"));
}

#ifdef NDEBUG
/* Release builds return EINVALID for a NULL output (debug builds assert). */
static void test_growth__null_output_is_einvalid_in_release_builds(void **state)
{
	(void)state;
	assert_int_equal(galacta_growth_lms(WFA, BOY, 0, NULL), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_z(WFA, BOY, 0, 3, NULL), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_value_at_z(WFA, BOY, 0, 0, NULL), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_velocity(BOY, 0, 28, 900, NULL), GALACTA_EINVALID);
}
#endif

/* ---- percentiles ----------------------------------------------------- */

static void test_growth__percentile_of_z0_is_50(void **state)
{
	(void)state;
	assert_near(galacta_growth_percentile(0), 50, 1e-12);
}

/* Φ(−1.96) = 0.0249979 (standard normal table), Φ(1) = 0.8413447. */
static void test_growth__percentile_of_minus_1_96_is_2_5(void **state)
{
	(void)state;
	assert_near(galacta_growth_percentile(-1.96), 2.49979, 1e-5);
	assert_near(galacta_growth_percentile(1), 84.13447, 1e-5);
	assert_near(galacta_growth_percentile(-INFINITY), 0, 0);
	assert_near(galacta_growth_percentile(INFINITY), 100, 0);
	assert_true(isnan(galacta_growth_percentile(NAN)));
}

/* ---- weight velocity ------------------------------------------------- */

static galacta_velocity velocity_of(galacta_sex sex, double from_days, double to_days,
	double gain_g)
{
	galacta_velocity v;

	memset(&v, 0, sizeof(v));
	assert_int_equal(galacta_growth_velocity(sex, from_days, to_days, gain_g, &v), 0);
	return v;
}

/* data/README.md: boys 0–4 wk median 1023 g, −2 SD 321 g. */
static void test_growth__boys_0_to_4wk_gain_1023g_is_z0(void **state)
{
	galacta_velocity v = velocity_of(BOY, 0, 28, 1023);

	(void)state;
	assert_true(fabs(v.z) < 0.01);
	assert_near(v.percentile, 50, 0.5);
	assert_string_equal(v.interval, "0wk-4wk");
	assert_int_equal(v.months, 1);
	assert_int_equal(v.method, GALACTA_VELOCITY_EXACT);
	assert_true(v.who_start_days == 0 && v.who_end_days == 28);
	assert_true(v.increment_g == 1023);
	assert_true(v.median_g == 1023 && v.sd2neg_g == 321);
}

static void test_growth__boys_0_to_4wk_gain_321g_is_minus2sd(void **state)
{
	(void)state;
	assert_near(velocity_of(BOY, 0, 28, 321).z, -2, 0.01);
}

/* data/README.md: girls 0–4 wk median 879 g, −2 SD 358 g. */
static void test_growth__girls_0_to_4wk_gain_879g_is_z0_and_358g_minus2sd(void **state)
{
	galacta_velocity v = velocity_of(GIRL, 0, 28, 879);

	(void)state;
	assert_true(fabs(v.z) < 0.01);
	assert_true(v.median_g == 879 && v.sd2neg_g == 358);
	assert_near(velocity_of(GIRL, 0, 28, 358).z, -2, 0.01);
}

/* Days 2–30 are within 3 days of 0–28: exact, and the 28-day gain is
 * scaled by 28/28 = 1. Days 0–31 (|31 − 28| = 3) still match; 0–31.5 does
 * not (rescaled by midpoint instead). */
static void test_growth__ends_within_3_days_of_who_bounds_are_exact(void **state)
{
	galacta_velocity v = velocity_of(BOY, 2, 30, 700);

	(void)state;
	assert_int_equal(v.method, GALACTA_VELOCITY_EXACT);
	assert_string_equal(v.interval, "0wk-4wk");
	assert_near(v.increment_g, 700, 1e-9);
	v = velocity_of(BOY, 0, 31, 1000);
	assert_int_equal(v.method, GALACTA_VELOCITY_EXACT);
	assert_near(v.increment_g, 1000.0 * 28 / 31, 1e-9);
	v = velocity_of(BOY, 0, 31.5, 1000);
	assert_int_equal(v.method, GALACTA_VELOCITY_RESCALED);
}

/* Boys days 30–91 match 1mo–3mo (30.4375–91.3125 d) of the 2-month table
 * (no 1-month interval fits). WHO: median 1992 g, −2 SD 1165 g.
 * A gain of 1165·61/60.875 = 1167.392 g over 61 days is 1165 g over WHO's
 * 60.875: y = 1165 + 600 = 1765, L 0.6464, M 2592.0761, S 0.17025,
 * z = ((1765/2592.0761)^0.6464 − 1)/(0.6464·0.17025) = −1.99878. */
static void test_growth__boys_1_to_3mo_uses_the_2month_table(void **state)
{
	galacta_velocity v = velocity_of(BOY, 30, 91, 1165.0 * 61 / 60.875);

	(void)state;
	assert_int_equal(v.method, GALACTA_VELOCITY_EXACT);
	assert_int_equal(v.months, 2);
	assert_string_equal(v.interval, "1mo-3mo");
	assert_near(v.increment_g, 1165, 1e-9);
	assert_near(v.z, -1.99878, 1e-4);
	assert_true(v.median_g == 1992 && v.sd2neg_g == 1165);
}

/* Boys days 20–50 (30 days) match no WHO interval; the midpoint 35 lies in
 * 4wk-2mo (28–60.875 d, 32.875 days long). 1000 g over 30 days becomes
 * 1000·32.875/30 = 1095.833 g; y = 1495.833, L 0.7241, M 1596.347,
 * S 0.19296: z = ((1495.833/1596.347)^0.7241 − 1)/(0.7241·0.19296)
 * = −0.329223. */
static void test_growth__gain_between_who_intervals_is_rescaled(void **state)
{
	galacta_velocity v = velocity_of(BOY, 20, 50, 1000);

	(void)state;
	assert_int_equal(v.method, GALACTA_VELOCITY_RESCALED);
	assert_int_equal(v.months, 1);
	assert_string_equal(v.interval, "4wk-2mo");
	assert_near(v.increment_g, 1095.8333333, 1e-6);
	assert_near(v.z, -0.329223, 1e-5);
	assert_true(v.median_g == 1196 && v.sd2neg_g == 615);
}

/* From birth weight over 14 days: midpoint 7 → 0wk-4wk, gain × 28/14.
 * Girls 440 g → 880 g per 28 days ≈ the 879 g median. */
static void test_growth__gain_from_birth_over_14_days_is_rescaled(void **state)
{
	galacta_velocity v = velocity_of(GIRL, 0, 14, 440);

	(void)state;
	assert_int_equal(v.method, GALACTA_VELOCITY_RESCALED);
	assert_string_equal(v.interval, "0wk-4wk");
	assert_near(v.increment_g, 880, 1e-9);
	assert_true(fabs(v.z) < 0.01);
}

static void test_growth__gain_starting_on_days_1_to_13_is_erange(void **state)
{
	galacta_velocity v;

	(void)state;
	assert_int_equal(galacta_growth_velocity(BOY, 5, 25, 500, &v), GALACTA_ERANGE);
	assert_int_equal(galacta_growth_velocity(BOY, 13.9, 40, 500, &v), GALACTA_ERANGE);
	assert_int_equal(galacta_growth_velocity(BOY, 1, 20, 500, &v), GALACTA_ERANGE);
	assert_non_null(strstr(galacta_error_last(), "g/day"));
	/* Day 14 onwards is allowed again. */
	assert_int_equal(galacta_growth_velocity(BOY, 14, 40, 500, &v), 0);
}

static void test_growth__gain_over_fewer_than_14_days_is_erange(void **state)
{
	galacta_velocity v;

	(void)state;
	assert_int_equal(galacta_growth_velocity(BOY, 20, 30, 300, &v), GALACTA_ERANGE);
	assert_int_equal(galacta_growth_velocity(BOY, 0, 13.9, 300, &v), GALACTA_ERANGE);
	assert_non_null(strstr(galacta_error_last(), "14 days"));
}

/* After 12 months only an exact 2-month match works, up to 24 months
 * (22mo-24mo = 669.625–730.5 d). */
static void test_growth__gain_beyond_12_months_needs_a_2month_interval(void **state)
{
	galacta_velocity v;

	(void)state;
	assert_int_equal(galacta_growth_velocity(GIRL, 380, 410, 300, &v), GALACTA_ERANGE);
	v = velocity_of(GIRL, 669.625, 730.5, 367);
	assert_int_equal(v.months, 2);
	assert_string_equal(v.interval, "22mo-24mo");
	assert_true(fabs(v.z) < 0.01);
	assert_int_equal(galacta_growth_velocity(GIRL, 700, 760, 300, &v), GALACTA_ERANGE);
	/* The 11mo-12mo interval still ends the 1-month table. */
	v = velocity_of(BOY, 334.8125, 365.25, 239);
	assert_string_equal(v.interval, "11mo-12mo");
	assert_true(fabs(v.z) < 0.01);
}

/* Boys 0–28 d, a loss of 500 g: y = −500 + 400 = −100 ≤ 0, where the LMS
 * formula has no value. Restricted rule with L 1.3828, M 1423.0783,
 * S 0.22048 (L·S = 0.30488):
 *   SD3neg: y = M·(1 − 3·0.30488)^(1/L) = M·0.085360768^0.7231704 = 240.0747
 *   SD2neg: y = M·(1 − 2·0.30488)^(1/L) = M·0.390240512^0.7231704 = 720.5970
 *   z = −3 + (−100 − 240.0747)/(720.5970 − 240.0747) = −3.7077190. */
static void test_growth__large_weight_loss_gives_a_finite_z_below_minus3(void **state)
{
	galacta_velocity v = velocity_of(BOY, 0, 28, -500);

	(void)state;
	assert_near(v.z, -3.7077190, 1e-6);
	assert_true(v.percentile >= 0 && v.percentile < 0.02);
	/* Still increasing in the gain, and finite, for absurd losses. */
	assert_true(velocity_of(BOY, 0, 28, -5000).z < v.z);
	assert_true(isfinite(velocity_of(BOY, 0, 28, -5000).z));
}

static void test_growth__velocity_rejects_bad_arguments(void **state)
{
	galacta_velocity v;

	(void)state;
	memset(&v, 0x5a, sizeof(v));
	assert_int_equal(galacta_growth_velocity((galacta_sex)0, 0, 28, 900, &v),
		GALACTA_EINVALID);
	assert_int_equal(galacta_growth_velocity(BOY, NAN, 28, 900, &v), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_velocity(BOY, 0, 28, NAN, &v), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_velocity(BOY, 0, INFINITY, 900, &v), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_velocity(BOY, 28, 28, 900, &v), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_velocity(BOY, 28, 0, 900, &v), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_velocity(BOY, -1, 28, 900, &v), GALACTA_ERANGE);
	assert_int_equal(v.months, 0x5a5a5a5a);	/* untouched */
}

/* data/README.md: every published increment (7 columns, 70 rows) is
 * M·(1 + L·S·z)^(1/L) − delta within 1 g. Checks the generated tables, and
 * that each published median is z ≈ 0 through the public API. */
static void test_growth__velocity_tables_reproduce_the_published_increments(void **state)
{
	int months, sex, k;
	size_t i, n, total = 0;

	(void)state;
	for (months = 1; months <= 2; months++)
		for (sex = 1; sex <= 2; sex++) {
			const struct who_tables__velocity_row *rows =
				who_tables__velocity(months, sex, &n);

			assert_non_null(rows);
			assert_int_equal(n, months == 1 ? 12 : 23);
			for (i = 0; i < n; i++) {
				const struct who_tables__velocity_row *r = &rows[i];
				galacta_velocity v;

				assert_int_equal(r->sex, sex);
				assert_true(r->delta_g == (months == 1 ? 400 : 600));
				for (k = -3; k <= 3; k++)
					assert_near(r->m * pow(1 + r->l * r->s * k, 1 / r->l) - r->delta_g,
						r->published_g[k + 3], 1.0);
				v = velocity_of((galacta_sex)sex, r->start_days, r->end_days,
					r->published_g[3]);
				assert_int_equal(v.months, months);
				assert_string_equal(v.interval, r->interval);
				assert_true(fabs(v.z) < 0.01);
				assert_near(velocity_of((galacta_sex)sex, r->start_days, r->end_days,
					r->published_g[1]).z, -2, 0.01);
				total++;
			}
		}
	assert_int_equal(total, 70);
	assert_null(who_tables__velocity(3, 1, &n));
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_growth__boy_day0_lms_is_the_who_row),
		cmocka_unit_test(test_growth__day7_matches_the_who_weekly_table),
		cmocka_unit_test(test_growth__fractional_age_interpolates_between_days),
		cmocka_unit_test(test_growth__length_is_not_interpolated_into_height_at_730_days),
		cmocka_unit_test(test_growth__day_1856_is_the_last_row),
		cmocka_unit_test(test_growth__boy_day0_median_is_z0),
		cmocka_unit_test(test_growth__girl_day365_median_is_8_9462kg),
		cmocka_unit_test(test_growth__boy_day0_sd_lines_are_reproduced),
		cmocka_unit_test(test_growth__weight_above_plus3sd_uses_the_restricted_formula),
		cmocka_unit_test(test_growth__weight_below_minus3sd_uses_the_restricted_formula),
		cmocka_unit_test(test_growth__weight_value_beyond_3sd_is_linear),
		cmocka_unit_test(test_growth__length_z_is_distance_from_median_in_sd),
		cmocka_unit_test(test_growth__head_circumference_day0_median_is_z0),
		cmocka_unit_test(test_growth__weight_z_is_finite_where_l_crosses_zero),
		cmocka_unit_test(test_growth__z_and_value_at_z_are_inverse),
		cmocka_unit_test(test_growth__age_outside_0_to_1856_is_erange),
		cmocka_unit_test(test_growth__sex_0_is_einvalid),
		cmocka_unit_test(test_growth__nan_is_einvalid),
		cmocka_unit_test(test_growth__measurement_not_above_zero_is_einvalid),
		cmocka_unit_test(test_growth__unknown_indicator_is_einvalid),
#ifdef NDEBUG
		cmocka_unit_test(test_growth__null_output_is_einvalid_in_release_builds),
#endif
		cmocka_unit_test(test_growth__percentile_of_z0_is_50),
		cmocka_unit_test(test_growth__percentile_of_minus_1_96_is_2_5),
		cmocka_unit_test(test_growth__boys_0_to_4wk_gain_1023g_is_z0),
		cmocka_unit_test(test_growth__boys_0_to_4wk_gain_321g_is_minus2sd),
		cmocka_unit_test(test_growth__girls_0_to_4wk_gain_879g_is_z0_and_358g_minus2sd),
		cmocka_unit_test(test_growth__ends_within_3_days_of_who_bounds_are_exact),
		cmocka_unit_test(test_growth__boys_1_to_3mo_uses_the_2month_table),
		cmocka_unit_test(test_growth__gain_between_who_intervals_is_rescaled),
		cmocka_unit_test(test_growth__gain_from_birth_over_14_days_is_rescaled),
		cmocka_unit_test(test_growth__gain_starting_on_days_1_to_13_is_erange),
		cmocka_unit_test(test_growth__gain_over_fewer_than_14_days_is_erange),
		cmocka_unit_test(test_growth__gain_beyond_12_months_needs_a_2month_interval),
		cmocka_unit_test(test_growth__large_weight_loss_gives_a_finite_z_below_minus3),
		cmocka_unit_test(test_growth__velocity_rejects_bad_arguments),
		cmocka_unit_test(test_growth__velocity_tables_reproduce_the_published_increments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
