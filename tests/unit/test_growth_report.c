/*
 * test_growth_report.c — unit tests of the growth report (growth_report*.c,
 * chart.c), the growth observations it shares with the assessment
 * (observe.c: corrected age, percentile lines) and kb/growth.yaml.
 * Expected values are worked out by hand next to each test from WHO table
 * rows (data/who/), the normal quantiles and the published statements.
 * The compiled-in KB is used (the same content as kb/).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "galacta/galacta.h"
#include "growth_report.h"

#define assert_near(actual, expected, tolerance) \
	assert_near_at((actual), (expected), (tolerance), __FILE__, __LINE__)

static void assert_near_at(double actual, double expected, double tolerance, const char *file, int line)
{
	if (!(fabs(actual - expected) <= tolerance)) {
		print_error("%.17g is not within %g of %.17g\n", actual, tolerance, expected);
		_fail(file, line);
	}
}

static galacta_kb *kb;

/* fontconfig and cairo keep process-wide caches that LeakSanitizer reports
 * at exit (once per process, not per chart; src/cli/lsan_suppressions.c). */
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcairo.so\n";
}

static int setup(void **state)
{
	(void)state;
	return galacta_kb_load(NULL, &kb);
}

static int teardown(void **state)
{
	(void)state;
	galacta_kb_free(kb);
	return 0;
}

static galacta_case *parse(const char *json)
{
	galacta_case *c = NULL;
	int rc = galacta_case_parse(kb, json, strlen(json), &c);

	if (rc)
		print_error("case refused: %s\n", galacta_error_last());
	assert_int_equal(rc, 0);
	return c;
}

static growth_report *report(galacta_case *c)
{
	growth_report *r = NULL;

	assert_int_equal(growth_report__build(kb, c, &r), 0);
	assert_non_null(r);
	return r;
}

/* The ids of the newborn statements shown for measurement i, joined. */
static void context_ids(const growth_report *r, size_t i, char *buf, size_t size)
{
	size_t k, used = 0;

	buf[0] = '\0';
	for (k = 0; k < r->m[i].n_context; k++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", k ? " " : "", r->m[i].context[k].st->id);
}

/* ---- corrected age ----------------------------------------------------- */

/* Born at 32 weeks: 8 weeks = 56 days early; at 70 days the corrected age
 * is 70 - 56 = 14. Born at 36.5 weeks: 3.5 weeks = 24.5 days; at 10 days,
 * 10 - 24.5 = -14.5 (before the due date). */
static void test_growth_report__corrected_age_is_age_minus_the_weeks_before_40(void **state)
{
	double a = 0;
	int corrected = 0;

	(void)state;
	assert_int_equal(galacta_growth_corrected_age_days(70, 32, &a, &corrected), 0);
	assert_near(a, 14.0, 1e-12);
	assert_int_equal(corrected, 1);
	assert_int_equal(galacta_growth_corrected_age_days(10, 36.5, &a, NULL), 0);
	assert_near(a, -14.5, 1e-12);
}

/* 37 weeks is term; an unknown gestation (NaN) is read as term; from 24
 * months (730.5 days) the chronological age is used again. */
static void test_growth_report__term_unknown_and_over_24_months_are_not_corrected(void **state)
{
	double a = 0;
	int corrected = 1;

	(void)state;
	assert_int_equal(galacta_growth_corrected_age_days(70, 37, &a, &corrected), 0);
	assert_true(a == 70 && corrected == 0);
	assert_int_equal(galacta_growth_corrected_age_days(70, (double)NAN, &a, &corrected), 0);
	assert_true(a == 70 && corrected == 0);
	assert_int_equal(galacta_growth_corrected_age_days(730.4, 30, &a, &corrected), 0);
	assert_near(a, 730.4 - 70, 1e-9);
	assert_int_equal(corrected, 1);
	assert_int_equal(galacta_growth_corrected_age_days(730.5, 30, &a, &corrected), 0);
	assert_true(a == 730.5 && corrected == 0);
	assert_int_equal(galacta_growth_corrected_age_days(-1, 30, &a, NULL), GALACTA_EINVALID);
	assert_int_equal(galacta_growth_corrected_age_days(10, 12, &a, NULL), GALACTA_EINVALID);
#ifdef NDEBUG /* a NULL output is asserted in debug builds */
	assert_int_equal(galacta_growth_corrected_age_days(10, 30, NULL, NULL), GALACTA_EINVALID);
#endif
}

/* Normal quantiles (Python statistics.NormalDist().inv_cdf): P3 -1.8807936,
 * P15 -1.0364334, P50 0, P97 +1.8807936, P0.1 -3.0902323. */
static void test_growth_report__percentile_z_gives_the_normal_quantiles(void **state)
{
	static const double p[] = {0.1, 3, 15, 50, 85, 97, 99.9};
	static const double z[] = {-3.090232306167813, -1.8807936081512509, -1.0364333894937894, 0.0,
		1.0364333894937894, 1.8807936081512504, 3.0902323061678465};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(p) / sizeof(*p); i++) {
		assert_near(galacta_growth_percentile_z(p[i]), z[i], 1e-9);
		assert_near(galacta_growth_percentile(galacta_growth_percentile_z(p[i])), p[i], 1e-9);
	}
	assert_true(isinf(galacta_growth_percentile_z(0)) && galacta_growth_percentile_z(0) < 0);
	assert_true(isnan(galacta_growth_percentile_z(101)));
}

/* Born at 34 weeks (42 days early), weighed at 49 days: corrected age 7,
 * boys' WFA row day 7 = L 0.2776, M 3.4879, S 0.14483. 4.0 kg:
 * z = ((4.0/3.4879)^0.2776 - 1) / (0.2776 * 0.14483) = 0.964115. At the
 * chronological age (49 days) it would be far lower. */
static void test_growth_report__z_uses_the_who_row_of_the_corrected_age(void **state)
{
	galacta_case *c;
	growth_report *r;

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"male\",\"age_days\":49,"
		  "\"gestational_age_weeks\":34,\"weights\":[{\"age_days\":49,\"weight_g\":4000}]}}");
	r = report(c);
	assert_int_equal(r->n_m, 1);
	assert_true(r->m[0].corrected);
	assert_near(r->m[0].who_age_days, 7.0, 1e-12);
	assert_int_equal(r->m[0].z_reason, OBS_Z_OK);
	assert_near(r->m[0].z, 0.9641151149054915, 1e-9);
	assert_near(r->m[0].percentile, 83.250589, 1e-5); /* 100 Phi(0.964115) */
	growth_report__free(r);
	galacta_case_free(c);
}

/* Born at 30 weeks: before 70 days the corrected age is negative, so no
 * WHO z-score (reason before_term), never a guess. */
static void test_growth_report__no_z_before_the_due_date(void **state)
{
	galacta_case *c;
	growth_report *r;

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"female\",\"age_days\":40,"
		  "\"gestational_age_weeks\":30,\"birth_weight_g\":1400,\"weights\":[{\"age_days\":40,\"weight_g\":2100}]}}");
	r = report(c);
	assert_int_equal(r->n_m, 2);
	assert_int_equal(r->m[0].z_reason, OBS_Z_BEFORE_TERM);
	assert_int_equal(r->m[1].z_reason, OBS_Z_BEFORE_TERM);
	assert_int_equal(r->n_vel, 1);
	assert_int_equal(r->vel[0].reason, OBS_Z_BEFORE_TERM);
	assert_false(r->wl_population); /* 30 weeks, 1400 g: outside NEWT/Paul */
	growth_report__free(r);
	galacta_case_free(c);
}

/* ---- newborn weight change -------------------------------------------- */

/* 3400 g at birth, 3060 g at 48 h: (3060 - 3400) / 3400 = -10.0 %. After a
 * vaginal birth the NEWT statements at 48 h are shown (window 42-54 h): the
 * median 7.1 % (this baby lost more) and "almost 5 % lose 10 % or more"
 * (this baby did). */
static void test_growth_report__newt_statements_for_vaginal_birth_at_48h(void **state)
{
	galacta_case *c;
	growth_report *r;
	char ids[256];

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"mother\":{\"delivery_mode\":\"vaginal\"},"
		  "\"infant\":{\"sex\":\"female\",\"age_days\":2,\"gestational_age_weeks\":39,\"birth_weight_g\":3400,"
		  "\"weights\":[{\"age_hours\":48,\"weight_g\":3060}]}}");
	r = report(c);
	assert_int_equal(r->n_m, 2);
	assert_near(r->m[1].change_pct, -10.0, 1e-12);
	context_ids(r, 1, ids, sizeof(ids));
	assert_string_equal(ids, "newt_vaginal_48h_median newt_vaginal_48h_share_10");
	assert_int_equal(r->m[1].context[0].cmp, GR_CMP_MORE_THAN_MEDIAN);
	assert_near(r->m[1].context[0].st->value_pct, 7.1, 1e-12);
	assert_int_equal(r->m[1].context[1].cmp, GR_CMP_LOST_AT_LEAST);
	assert_near(r->m[1].context[1].st->value_pct, 5, 1e-12);
	assert_int_equal(r->m[1].context[1].st->relation, REL_APPROX);
	assert_int_equal(r->m[0].n_context, 0); /* birth weight: no statement */
	growth_report__free(r);
	galacta_case_free(c);
}

/* Unplanned caesarean, 70 h, 6 % loss: the 72 h caesarean statements;
 * 6 % is below the median 8.6 % and under 10 %. */
static void test_growth_report__newt_statements_for_caesarean_at_72h(void **state)
{
	galacta_case *c;
	growth_report *r;
	char ids[256];

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"mother\":{\"delivery_mode\":\"cesarean_unplanned\"},"
		  "\"infant\":{\"sex\":\"male\",\"age_days\":3,\"birth_weight_g\":3500,"
		  "\"weights\":[{\"age_hours\":70,\"weight_g\":3290}]}}");
	r = report(c);
	context_ids(r, 1, ids, sizeof(ids));
	assert_string_equal(ids, "newt_cesarean_72h_median newt_cesarean_72h_share_10");
	assert_int_equal(r->m[1].context[0].cmp, GR_CMP_NOT_MORE_THAN_MEDIAN);
	assert_int_equal(r->m[1].context[1].cmp, GR_CMP_LOST_LESS);
	growth_report__free(r);
	galacta_case_free(c);
}

/* Delivery mode unknown: both groups' statements at 24 h; at 4 days
 * (96 h), between the NEWT points and Paul's day 9: nothing. */
static void test_growth_report__both_groups_when_mode_unknown_and_none_between(void **state)
{
	galacta_case *c;
	growth_report *r;
	char ids[256];

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"male\",\"age_days\":4,\"birth_weight_g\":3500,"
		  "\"weights\":[{\"age_hours\":24,\"weight_g\":3350},{\"age_hours\":96,\"weight_g\":3300}]}}");
	r = report(c);
	context_ids(r, 1, ids, sizeof(ids));
	assert_string_equal(ids, "newt_vaginal_24h_median newt_cesarean_24h_median");
	assert_int_equal(r->m[2].n_context, 0);
	growth_report__free(r);
	galacta_case_free(c);
}

/* Paul 2016 at 14 days after a vaginal birth: 14 % are not back; this
 * baby (still 50 g below) is one of them. Born at 35 weeks: not shown. */
static void test_growth_report__paul_statement_at_14_days_and_population(void **state)
{
	galacta_case *c;
	growth_report *r;
	char ids[256];

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"mother\":{\"delivery_mode\":\"assisted_vaginal\"},"
		  "\"infant\":{\"sex\":\"male\",\"age_days\":14,\"gestational_age_weeks\":40,\"birth_weight_g\":3500,"
		  "\"weights\":[{\"age_days\":14,\"weight_g\":3450}]}}");
	r = report(c);
	context_ids(r, 1, ids, sizeof(ids));
	assert_string_equal(ids, "paul_vaginal_day14_not_back");
	assert_int_equal(r->m[1].context[0].cmp, GR_CMP_BELOW_BIRTH_WEIGHT);
	assert_near(r->m[1].context[0].st->value_pct, 14, 1e-12);
	growth_report__free(r);
	galacta_case_free(c);

	c = parse("{\"format\":\"galacta-case/1\",\"mother\":{\"delivery_mode\":\"vaginal\"},"
		  "\"infant\":{\"sex\":\"male\",\"age_days\":14,\"gestational_age_weeks\":35,\"birth_weight_g\":2500,"
		  "\"weights\":[{\"age_days\":14,\"weight_g\":2450}]}}");
	r = report(c);
	assert_false(r->wl_population);
	assert_int_equal(r->m[1].n_context, 0);
	growth_report__free(r);
	galacta_case_free(c);
}

/* ---- percentile lines -------------------------------------------------- */

/* A case whose weights sit at chosen WHO z-scores (girls). */
static galacta_case *girl_at(double bw_z, double day_a, double z_a, double day_b, double z_b, const char *ga)
{
	char json[1024];
	double bw = 0, wa = 0, wb = 0;

	assert_int_equal(galacta_growth_value_at_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, GALACTA_SEX_FEMALE, 0, bw_z, &bw), 0);
	assert_int_equal(galacta_growth_value_at_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, GALACTA_SEX_FEMALE, day_a, z_a, &wa), 0);
	assert_int_equal(galacta_growth_value_at_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, GALACTA_SEX_FEMALE, day_b, z_b, &wb), 0);
	snprintf(json, sizeof(json),
		"{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"female\",\"age_days\":%g,%s\"birth_weight_g\":%.3f,"
		"\"weights\":[{\"age_days\":%g,\"weight_g\":%.3f},{\"age_days\":%g,\"weight_g\":%.3f}],"
		"\"wet_diapers_per_24h\":6}}",
		day_b, ga, bw * 1000, day_a, wa * 1000, day_b, wb * 1000);
	return parse(json);
}

/* Major lines at z +1.88, +1.04, 0, -1.04, -1.88. From z +0.5 (day 14) to
 * z -1.2 (day 84) the weight falls across 0 and -1.04: two lines. To
 * -0.9: only 0, one line. From -0.5 up to +1.2: two lines up, none down. */
static void test_growth_report__lines_crossed_are_counted_by_hand(void **state)
{
	galacta_case *c;
	observe_crossing cr;

	(void)state;
	c = girl_at(0.0, 14, 0.5, 84, -1.2, "");
	assert_true(observe__crossing(kb, c, &cr));
	assert_int_equal(cr.baseline, 0);
	assert_near(cr.baseline_z, 0.5, 1e-6);
	assert_near(cr.latest_z, -1.2, 1e-6);
	assert_int_equal(cr.lines_crossed_down, 2);
	assert_int_equal(cr.lines_crossed_up, 0);
	galacta_case_free(c);

	c = girl_at(0.0, 14, 0.5, 84, -0.9, "");
	assert_true(observe__crossing(kb, c, &cr));
	assert_int_equal(cr.lines_crossed_down, 1);
	galacta_case_free(c);

	c = girl_at(0.0, 14, -0.5, 84, 1.2, "");
	assert_true(observe__crossing(kb, c, &cr));
	assert_int_equal(cr.lines_crossed_down, 0);
	assert_int_equal(cr.lines_crossed_up, 2);
	galacta_case_free(c);
}

/* No weight at 2 weeks or later before the latest: a term baby's birth
 * weight is the baseline (z +1.2 at birth to -0.2 at day 30 crosses +1.04
 * and 0); a preterm baby's is not (no count). */
static void test_growth_report__birth_weight_is_the_baseline_only_for_term_babies(void **state)
{
	galacta_case *c;
	observe_crossing cr;

	(void)state;
	c = girl_at(1.2, 5, 0.3, 30, -0.2, "\"gestational_age_weeks\":39,");
	assert_true(observe__crossing(kb, c, &cr));
	assert_int_equal(cr.baseline, -1);
	assert_near(cr.baseline_z, 1.2, 1e-6);
	assert_int_equal(cr.lines_crossed_down, 2);
	galacta_case_free(c);

	c = girl_at(1.2, 5, 0.3, 30, -0.2, "\"gestational_age_weeks\":36,");
	assert_false(observe__crossing(kb, c, &cr));
	galacta_case_free(c);
}

/* Two lines crossed: the finding, a consult triage rule and, with the
 * latest gain not good, the supply rule. Ending below -2 SD makes it
 * urgent. */
static void test_growth_report__two_lines_down_reach_triage_and_supply(void **state)
{
	galacta_case *c;
	galacta_assessment *a = NULL;
	size_t i;
	bool consult = false, urgent = false, supply = false;

	(void)state;
	c = girl_at(0.0, 14, 0.5, 56, -1.3, "\"gestational_age_weeks\":40,");
	assert_int_equal(galacta_assess(kb, c, &a), 0);
	for (i = 0; i < a->n_triage_fired; i++) {
		consult |= !strcmp(a->triage_fired[i]->id, "weight_crossing_percentiles");
		urgent |= !strcmp(a->triage_fired[i]->id, "weight_crossing_percentiles_underweight");
	}
	for (i = 0; i < a->n_supply_fired; i++)
		supply |= !strcmp(a->supply_fired[i]->id, "weight_crossing_percentiles");
	assert_true(consult);
	assert_false(urgent);
	assert_true(supply);
	assert_int_equal(galacta_assessment_supply(a), GALACTA_SUPPLY_INSUFFICIENT);
	galacta_assessment_free(a);
	galacta_case_free(c);

	c = girl_at(0.0, 14, 0.0, 56, -2.2, "\"gestational_age_weeks\":40,");
	assert_int_equal(galacta_assess(kb, c, &a), 0);
	assert_int_equal(galacta_assessment_triage(a), GALACTA_TRIAGE_URGENT);
	urgent = false;
	for (i = 0; i < a->n_triage_fired; i++)
		urgent |= !strcmp(a->triage_fired[i]->id, "weight_crossing_percentiles_underweight");
	assert_true(urgent);
	galacta_assessment_free(a);
	galacta_case_free(c);
}

/* ---- gains -------------------------------------------------------------- */

/* 0-10 days: too short; 5-30 days: starts on days 1-13; 14-42 days:
 * rescaled to WHO's 4wk-2mo (midpoint 28); the KB's g/day norm (days
 * 4-28, low 20, good 28) judges 5-12 days: 150 g / 7 d = 21.4 g/day is
 * between, 100 g / 7 d = 14.3 is below. */
static void test_growth_report__gain_reasons_and_norms(void **state)
{
	galacta_case *c;
	growth_report *r;

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"male\",\"age_days\":42,\"birth_weight_g\":3500,"
		  "\"weights\":[{\"age_days\":5,\"weight_g\":3300},{\"age_days\":12,\"weight_g\":3450},"
		  "{\"age_days\":14,\"weight_g\":3520},{\"age_days\":42,\"weight_g\":4500}]}}");
	r = report(c);
	assert_int_equal(r->n_vel, 4);
	assert_int_equal(r->vel[0].reason, OBS_Z_TOO_SHORT);   /* birth-5 */
	assert_int_equal(r->vel[1].reason, OBS_Z_TOO_SHORT);   /* 5-12 */
	assert_non_null(r->vel[1].norm);
	assert_near(r->vel[1].g_per_day, 150.0 / 7.0, 1e-9);
	assert_int_equal(r->vel[1].judgement, GR_GAIN_BETWEEN);
	assert_int_equal(r->vel[3].reason, OBS_Z_OK);           /* 14-42 */
	assert_int_equal(r->vel[3].v.method, GALACTA_VELOCITY_RESCALED);
	assert_string_equal(r->vel[3].v.interval, "4wk-2mo");
	assert_true(r->vel[3].used_by_assessment);
	growth_report__free(r);
	galacta_case_free(c);

	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"male\",\"age_days\":30,"
		  "\"weights\":[{\"age_days\":5,\"weight_g\":3300},{\"age_days\":12,\"weight_g\":3400},"
		  "{\"age_days\":30,\"weight_g\":4000}]}}");
	r = report(c);
	assert_int_equal(r->vel[0].judgement, GR_GAIN_BELOW_LOW);
	growth_report__free(r);
	galacta_case_free(c);
	/* 5 -> 30 days is the assessment's interval; it starts on day 5. */
	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"male\",\"age_days\":30,"
		  "\"weights\":[{\"age_days\":5,\"weight_g\":3300},{\"age_days\":30,\"weight_g\":4000}]}}");
	r = report(c);
	assert_int_equal(r->vel[0].reason, OBS_Z_EARLY_START);
	growth_report__free(r);
	galacta_case_free(c);
}

/* ---- bad input ---------------------------------------------------------- */

/* Without infant.sex: JSON z-scores are null with reason sex_unknown
 * naming infant.sex; galacta_growth_sex says so; no chart. The assessment
 * still works. */
static void test_growth_report__missing_sex_gives_null_with_a_reason(void **state)
{
	galacta_case *c;
	galacta_assessment *a = NULL;
	galacta_sex sex;
	char *json = NULL;
	unsigned char *img = NULL;
	size_t len = 0;
	json_t *root, *m;

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"age_days\":20,\"birth_weight_g\":3300,"
		  "\"weights\":[{\"age_days\":20,\"weight_g\":3800}]}}");
	assert_int_equal(galacta_growth_report(kb, c, GALACTA_LANG_EN, 0, &json), 0);
	root = json_loads(json, 0, NULL);
	assert_non_null(root);
	m = json_array_get(json_object_get(root, "measurements"), 1);
	assert_true(json_is_null(json_object_get(m, "weight_for_age_z")));
	assert_true(json_is_null(json_object_get(m, "weight_for_age_percentile")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "reason"), "code")), "sex_unknown");
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "reason"), "field")), "infant.sex");
	assert_near(json_real_value(json_object_get(m, "weight_change_pct_from_birth")), 15.15, 1e-9); /* 500/3300 */
	json_decref(root);
	galacta_free(json);
	assert_int_equal(galacta_growth_sex(kb, c, &sex), GALACTA_ENOTFOUND);
	assert_non_null(strstr(galacta_error_last(), "infant.sex"));
	assert_int_equal(galacta_growth_chart(kb, c, GALACTA_LANG_EN, GALACTA_CHART_PNG, &img, &len), GALACTA_EINVALID);
	assert_non_null(strstr(galacta_error_last(), "infant.sex"));
	assert_null(img);
	assert_int_equal(galacta_assess(kb, c, &a), 0);
	galacta_assessment_free(a);
	galacta_case_free(c);
}

/* Born at 28 weeks (84 days early): at 84 days the corrected age is 0 and
 * 600 g is z < -6 for a girl at birth (the -3 SD weight is 2.0 kg):
 * refused, naming the weight and the corrected age. At 10 days (before
 * the due date) the same weight is not checked. */
static void test_growth_report__implausible_preterm_weight_is_refused_at_corrected_age(void **state)
{
	static const char bad[] = "{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"female\",\"age_days\":84,"
				   "\"gestational_age_weeks\":28,\"weights\":[{\"age_days\":84,\"weight_g\":600}]}}";
	galacta_case *c = NULL;

	(void)state;
	assert_int_equal(galacta_case_parse(kb, bad, strlen(bad), &c), GALACTA_EINVALID);
	assert_null(c);
	assert_non_null(strstr(galacta_error_last(), "infant.weights[0].weight_g"));
	assert_non_null(strstr(galacta_error_last(), "corrected age"));
	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"female\",\"age_days\":10,"
		  "\"gestational_age_weeks\":28,\"weights\":[{\"age_days\":10,\"weight_g\":600}]}}");
	galacta_case_free(c);
}

/* ---- output --------------------------------------------------------------- */

/* The members of ../shared/spec/case-format.md section 4. */
static void test_growth_report__json_has_the_spec_members(void **state)
{
	galacta_case *c;
	char *json = NULL;
	json_t *root, *m, *v;

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"id\":\"x\",\"infant\":{\"sex\":\"male\",\"age_days\":42,"
		  "\"birth_weight_g\":3400,\"weights\":[{\"age_days\":5,\"weight_g\":3020},{\"age_days\":14,\"weight_g\":3450},"
		  "{\"age_days\":42,\"weight_g\":4400}]}}");
	assert_int_equal(galacta_growth_report(kb, c, GALACTA_LANG_ZH_HANS, GALACTA_RENDER_COMPACT, &json), 0);
	assert_null(strchr(json, '\n'));
	root = json_loads(json, 0, NULL);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "format")), "galacta-growth/1");
	m = json_array_get(json_object_get(root, "measurements"), 1);
	assert_near(json_number_value(json_object_get(m, "age_days")), 5, 0);
	assert_near(json_number_value(json_object_get(m, "weight_g")), 3020, 0);
	/* (3020 - 3400) / 3400 = -11.176 % -> -11.18 */
	assert_near(json_number_value(json_object_get(m, "weight_change_pct_from_birth")), -11.18, 1e-9);
	assert_true(json_is_number(json_object_get(m, "weight_for_age_z")));
	assert_true(json_is_number(json_object_get(m, "weight_for_age_percentile")));
	v = json_array_get(json_object_get(root, "velocity"), 2);
	assert_near(json_number_value(json_object_get(v, "from_days")), 14, 0);
	assert_near(json_number_value(json_object_get(v, "to_days")), 42, 0);
	assert_near(json_number_value(json_object_get(v, "gain_g")), 950, 0);
	assert_near(json_number_value(json_object_get(v, "gain_g_per_day")), 33.9, 1e-9); /* 950 / 28 */
	assert_true(json_is_number(json_object_get(v, "z")));
	assert_true(json_is_number(json_object_get(v, "percentile")));
	assert_string_equal(json_string_value(json_object_get(root, "language")), "zh-Hans");
	json_decref(root);
	galacta_free(json);
	galacta_case_free(c);
}

static void test_growth_report__charts_are_png_and_svg(void **state)
{
	galacta_case *c;
	unsigned char *img = NULL;
	size_t len = 0;

	(void)state;
	c = parse("{\"format\":\"galacta-case/1\",\"infant\":{\"sex\":\"female\",\"age_days\":300,\"birth_weight_g\":3300,"
		  "\"weights\":[{\"age_days\":60,\"weight_g\":5100},{\"age_days\":300,\"weight_g\":8400}]}}");
	assert_int_equal(galacta_growth_chart(kb, c, GALACTA_LANG_EN, GALACTA_CHART_PNG, &img, &len), 0);
	assert_true(len > 1000 && !memcmp(img, "\x89PNG\r\n\x1a\n", 8));
	galacta_free(img);
	assert_int_equal(galacta_growth_chart(kb, c, GALACTA_LANG_ZH_HANS, GALACTA_CHART_SVG, &img, &len), 0);
	assert_true(len > 1000 && (!memcmp(img, "<?xml", 5) || !memcmp(img, "<svg", 4)));
	galacta_free(img);
	assert_int_equal(galacta_growth_chart(kb, c, GALACTA_LANG_EN, (galacta_chart_format)7, &img, &len), GALACTA_EINVALID);
	galacta_case_free(c);
}

static void test_growth_report__fill_places_values_in_order(void **state)
{
	const char *args[3] = {"a", "bb", "c"};
	char buf[64];

	(void)state;
	growth_report__fill(buf, sizeof(buf), "{1}-{}-{3}{2}", args, 3);
	assert_string_equal(buf, "a-a-cbb");
	growth_report__fill(buf, 5, "{2}{2}{2}", args, 3);
	assert_string_equal(buf, "bbbb");
	growth_report__fill(buf, sizeof(buf), "{}{}{}{}", args, 3);
	assert_string_equal(buf, "abbc");
}

/* ---- kb/growth.yaml validation --------------------------------------------- */

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[8192];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void copy_tree(const char *from, const char *to)
{
	DIR *d = opendir(from);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char src[1024], dst[1024];
		if (e->d_name[0] == '.')
			continue;
		snprintf(src, sizeof(src), "%s/%s", from, e->d_name);
		snprintf(dst, sizeof(dst), "%s/%s", to, e->d_name);
		if (is_dir(src)) {
			assert_int_equal(mkdir(dst, 0700), 0);
			copy_tree(src, dst);
		} else {
			copy_file(src, dst);
		}
	}
	closedir(d);
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char p[1024];
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (is_dir(p))
			remove_tree(p);
		else
			unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

/* A copy of the fixture KB (tests/data/kb-tiny) with growth.yaml replaced
 * by text, in dir; returns galacta_kb_load()'s result. */
static int load_tiny_with_growth(const char *text, char *dir, size_t size)
{
	char from[1024], to[1024];
	galacta_kb *k = NULL;
	FILE *f;
	int rc;

	snprintf(dir, size, "/tmp/galacta-test-growth-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(from, sizeof(from), "%s/kb-tiny", GALACTA_TEST_DATA_DIR);
	copy_tree(from, dir);
	snprintf(to, sizeof(to), "%s/growth.yaml", dir);
	f = fopen(to, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	rc = galacta_kb_load(dir, &k);
	galacta_kb_free(k);
	return rc;
}

/* A statement whose value is not a percentage is refused with FILE:LINE
 * (the statement starts on line 4 of the text below). */
static void test_growth_report__bad_growth_yaml_is_refused_with_file_and_line(void **state)
{
	static const char text[] =
		"weight_loss:\n"
		"  population: {min_gestational_age_weeks: 36, min_birth_weight_g: 2000, max_birth_weight_g: 5000}\n"
		"  statements:\n"
		"    - id: bad\n"
		"      delivery_modes: [vaginal]\n"
		"      hours: 48\n"
		"      value_pct: 120\n"
		"      statistic: median_loss_pct\n"
		"      relation: eq\n"
		"      show_hours: [42, 54]\n"
		"      text: {en: \"x\", zh-Hans: \"x\"}\n"
		"      sources: [test_paper]\n"
		"gain_norms: []\n"
		"pumping: []\n"
		"percentile_lines: {percentiles: [3, 50, 97], baseline_from_days: 14, text: {en: x, zh-Hans: x}, sources: [test_paper]}\n"
		"lactogenesis: {text: {en: x, zh-Hans: x}, sources: [test_paper]}\n"
		"corrected_age: {text: {en: x, zh-Hans: x}, sources: [test_paper]}\n";
	char dir[64];

	(void)state;
	assert_int_equal(load_tiny_with_growth(text, dir, sizeof(dir)), GALACTA_EKB);
	assert_non_null(strstr(galacta_error_last(), "growth.yaml:4:"));
	assert_non_null(strstr(galacta_error_last(), "value_pct 120"));
	remove_tree(dir);
}

/* An unknown delivery mode and reversed percentiles are refused too. */
static void test_growth_report__growth_yaml_checks_modes_and_lines(void **state)
{
	static const char modes[] =
		"weight_loss:\n"
		"  population: {min_gestational_age_weeks: 36, min_birth_weight_g: 2000, max_birth_weight_g: 5000}\n"
		"  statements:\n"
		"    - {id: a, delivery_modes: [water_birth], hours: 48, value_pct: 5, statistic: median_loss_pct,"
		" relation: eq, show_hours: [42, 54], text: {en: x, zh-Hans: x}, sources: [test_paper]}\n"
		"gain_norms: []\npumping: []\n"
		"percentile_lines: {percentiles: [3, 50, 97], baseline_from_days: 14, text: {en: x, zh-Hans: x}, sources: [test_paper]}\n"
		"lactogenesis: {text: {en: x, zh-Hans: x}, sources: [test_paper]}\n"
		"corrected_age: {text: {en: x, zh-Hans: x}, sources: [test_paper]}\n";
	static const char lines[] =
		"weight_loss:\n"
		"  population: {min_gestational_age_weeks: 36, min_birth_weight_g: 2000, max_birth_weight_g: 5000}\n"
		"  statements:\n"
		"    - {id: a, delivery_modes: [vaginal], hours: 48, value_pct: 5, statistic: median_loss_pct,"
		" relation: eq, show_hours: [42, 54], text: {en: x, zh-Hans: x}, sources: [test_paper]}\n"
		"gain_norms: []\npumping: []\n"
		"percentile_lines: {percentiles: [50, 3, 97], baseline_from_days: 14, text: {en: x, zh-Hans: x}, sources: [test_paper]}\n"
		"lactogenesis: {text: {en: x, zh-Hans: x}, sources: [test_paper]}\n"
		"corrected_age: {text: {en: x, zh-Hans: x}, sources: [test_paper]}\n";
	char dir[64];

	(void)state;
	assert_int_equal(load_tiny_with_growth(modes, dir, sizeof(dir)), GALACTA_EKB);
	assert_non_null(strstr(galacta_error_last(), "water_birth"));
	remove_tree(dir);
	assert_int_equal(load_tiny_with_growth(lines, dir, sizeof(dir)), GALACTA_EKB);
	assert_non_null(strstr(galacta_error_last(), "growth.yaml:7:"));
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_growth_report__corrected_age_is_age_minus_the_weeks_before_40),
		cmocka_unit_test(test_growth_report__term_unknown_and_over_24_months_are_not_corrected),
		cmocka_unit_test(test_growth_report__percentile_z_gives_the_normal_quantiles),
		cmocka_unit_test(test_growth_report__z_uses_the_who_row_of_the_corrected_age),
		cmocka_unit_test(test_growth_report__no_z_before_the_due_date),
		cmocka_unit_test(test_growth_report__newt_statements_for_vaginal_birth_at_48h),
		cmocka_unit_test(test_growth_report__newt_statements_for_caesarean_at_72h),
		cmocka_unit_test(test_growth_report__both_groups_when_mode_unknown_and_none_between),
		cmocka_unit_test(test_growth_report__paul_statement_at_14_days_and_population),
		cmocka_unit_test(test_growth_report__lines_crossed_are_counted_by_hand),
		cmocka_unit_test(test_growth_report__birth_weight_is_the_baseline_only_for_term_babies),
		cmocka_unit_test(test_growth_report__two_lines_down_reach_triage_and_supply),
		cmocka_unit_test(test_growth_report__gain_reasons_and_norms),
		cmocka_unit_test(test_growth_report__missing_sex_gives_null_with_a_reason),
		cmocka_unit_test(test_growth_report__implausible_preterm_weight_is_refused_at_corrected_age),
		cmocka_unit_test(test_growth_report__json_has_the_spec_members),
		cmocka_unit_test(test_growth_report__charts_are_png_and_svg),
		cmocka_unit_test(test_growth_report__fill_places_values_in_order),
		cmocka_unit_test(test_growth_report__bad_growth_yaml_is_refused_with_file_and_line),
		cmocka_unit_test(test_growth_report__growth_yaml_checks_modes_and_lines),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
