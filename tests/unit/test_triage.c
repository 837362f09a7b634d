/*
 * test_triage.c — unit tests of triage (assess.c: rules of triage.yaml fire
 * when their condition is TRUE; the level is the most urgent fired rule,
 * self_care when none fires).
 *
 * Part 1 uses the fixture KB tests/data/kb-tiny, whose triage.yaml has:
 *   fever_chills      urgent     {finding: fever_with_chills}
 *                                  (= all of maternal_fever, chills)
 *   very_hot          emergency  {var: mother.temperature_c, ge: 40.5}
 *   uncertain_supply  consult    {supply: uncertain}
 *   mastitis_likely   consult    {cause: mastitis, ge: 0.6}
 * Mastitis posteriors as in test_infer.c: prior odds 0.25; redness LR 4,
 * fever LR 2 -> 2/3 with both, 1/2 with redness alone, 1/3 with fever alone.
 *
 * Part 2 checks the red flags of the specification against the REAL kb/
 * (GALACTA_TEST_KB_DIR): each minimal case must reach at least the level
 * the spec demands. Those tests skip while kb/ does not load (it is being
 * written); once it loads they must pass.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>

#include "helpers.h"

static galacta_kb *tiny, *real;
static char real_error[1024];

static int setup(void **state)
{
	(void)state;
	if (galacta_kb_load(GALACTA_TEST_KB_DIR, &real))
		snprintf(real_error, sizeof(real_error), "%s", galacta_error_last());
	return galacta_kb_load(TINY_KB_DIR, &tiny);
}

static int teardown(void **state)
{
	(void)state;
	galacta_kb_free(tiny);
	galacta_kb_free(real);
	return 0;
}

#define CASE(body) "{\"format\": \"galacta-case/1\"" body "}"

/* Adequate supply (30 g/day over days 5-15, see test_infer.c): silences
 * the uncertain_supply rule so that other rules can be seen alone. */
#define ADEQUATE "\"infant\": {\"weights\": [{\"age_days\": 5, \"weight_g\": 3000}," \
	" {\"age_days\": 15, \"weight_g\": 3300}]}"
/* Insufficient supply: born 3000 g, 2650 g at day 3 (11.7 % loss). */
#define INSUFFICIENT "\"infant\": {\"birth_weight_g\": 3000, \"weights\":" \
	" [{\"age_days\": 3, \"weight_g\": 2650}]}"

/* Assesses json on kb-tiny; returns the level and writes the fired rule
 * ids (most urgent first, comma-separated) to fired. */
static galacta_triage_level triage_of(const char *json, char *fired, size_t size)
{
	galacta_assessment *a = helper_assess(tiny, json);
	galacta_triage_level level = galacta_assessment_triage(a);
	char *s = NULL;
	json_t *root, *reasons, *r;
	size_t i;

	assert_int_equal(galacta_assessment_to_json(a, GALACTA_LANG_EN, 0, &s), 0);
	root = json_loads(s, 0, NULL);
	galacta_free(s);
	assert_non_null(root);
	/* The JSON says the same level as the API. */
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "triage"), "level")),
		galacta_triage_name(level));
	reasons = json_object_get(json_object_get(root, "triage"), "reasons");
	fired[0] = '\0';
	json_array_foreach(reasons, i, r) {
		size_t len = strlen(fired);
		snprintf(fired + len, size - len, "%s%s", i ? "," : "",
			json_string_value(json_object_get(r, "rule")));
	}
	json_decref(root);
	galacta_assessment_free(a);
	return level;
}

static void expect_triage(const char *json, galacta_triage_level level, const char *fired)
{
	char got[256];

	assert_int_equal(triage_of(json, got, sizeof(got)), level);
	assert_string_equal(got, fired);
}

/* ---- kb-tiny: each rule on and off ---------------------------------- */

static void test_triage__no_rule_fires_so_the_level_is_self_care(void **state)
{
	(void)state;
	expect_triage(CASE(", " ADEQUATE), GALACTA_TRIAGE_SELF_CARE, "");
}

static void test_triage__uncertain_supply_asks_for_a_consultation(void **state)
{
	(void)state;
	expect_triage(CASE(""), GALACTA_TRIAGE_CONSULT, "uncertain_supply");
}

static void test_triage__known_supply_does_not_fire_the_uncertain_rule(void **state)
{
	(void)state;
	expect_triage(CASE(", " INSUFFICIENT), GALACTA_TRIAGE_SELF_CARE, "");
	expect_triage(CASE(", " ADEQUATE), GALACTA_TRIAGE_SELF_CARE, "");
}

static void test_triage__likely_mastitis_asks_for_a_consultation(void **state)
{
	(void)state;
	/* 2/3 >= 0.6. */
	expect_triage(CASE(", " ADEQUATE ", \"mother\": {\"temperature_c\": 38.5},"
		" \"findings\": {\"breast_redness\": true}"), GALACTA_TRIAGE_CONSULT, "mastitis_likely");
}

static void test_triage__mastitis_below_the_threshold_does_not_fire(void **state)
{
	(void)state;
	/* 1/2 < 0.6. */
	expect_triage(CASE(", " ADEQUATE ", \"findings\": {\"breast_redness\": true}"),
		GALACTA_TRIAGE_SELF_CARE, "");
}

static void test_triage__fever_with_chills_is_urgent(void **state)
{
	(void)state;
	/* Mastitis 1/3: only fever_chills fires. */
	expect_triage(CASE(", " ADEQUATE ", \"mother\": {\"temperature_c\": 38.5},"
		" \"findings\": {\"chills\": true}"), GALACTA_TRIAGE_URGENT, "fever_chills");
}

static void test_triage__fever_without_chills_is_not_urgent(void **state)
{
	(void)state;
	expect_triage(CASE(", " ADEQUATE ", \"mother\": {\"temperature_c\": 38.5},"
		" \"findings\": {\"chills\": false}"), GALACTA_TRIAGE_SELF_CARE, "");
	expect_triage(CASE(", " ADEQUATE ", \"mother\": {\"temperature_c\": 37.2},"
		" \"findings\": {\"chills\": true}"), GALACTA_TRIAGE_SELF_CARE, "");
}

/* Kleene: all [fever, chills] with one part unknown is unknown, and a rule
 * fires only on true. */
static void test_triage__all_with_one_unknown_part_does_not_fire(void **state)
{
	(void)state;
	expect_triage(CASE(", " ADEQUATE ", \"mother\": {\"temperature_c\": 38.5}"),
		GALACTA_TRIAGE_SELF_CARE, "");
	expect_triage(CASE(", " ADEQUATE ", \"mother\": {\"temperature_c\": 38.5},"
		" \"findings\": {\"chills\": null}"), GALACTA_TRIAGE_SELF_CARE, "");
	expect_triage(CASE(", " ADEQUATE ", \"findings\": {\"chills\": true}"),
		GALACTA_TRIAGE_SELF_CARE, "");
}

static void test_triage__temperature_from_40_5_is_an_emergency(void **state)
{
	(void)state;
	/* ge 40.5: 40.5 fires, 40.4 does not (mastitis 1/3 either way). */
	expect_triage(CASE(", " ADEQUATE ", \"mother\": {\"temperature_c\": 40.5}"),
		GALACTA_TRIAGE_EMERGENCY, "very_hot");
	expect_triage(CASE(", " ADEQUATE ", \"mother\": {\"temperature_c\": 40.4}"),
		GALACTA_TRIAGE_SELF_CARE, "");
}

static void test_triage__level_is_the_most_urgent_fired_rule(void **state)
{
	char fired[256];

	(void)state;
	/* 40.5 °C, chills, redness, no weights: very_hot (emergency),
	 * fever_chills (urgent), uncertain_supply and mastitis_likely (2/3,
	 * consult) all fire; the reasons run most urgent first. */
	assert_int_equal(triage_of(CASE(", \"mother\": {\"temperature_c\": 40.5},"
		" \"findings\": {\"chills\": true, \"breast_redness\": true}"), fired, sizeof(fired)),
		GALACTA_TRIAGE_EMERGENCY);
	assert_starts_with(fired, "very_hot,fever_chills,");
	/* The two consult rules, in either order. */
	assert_true(!strcmp(fired + strlen("very_hot,fever_chills,"), "uncertain_supply,mastitis_likely") ||
		    !strcmp(fired + strlen("very_hot,fever_chills,"), "mastitis_likely,uncertain_supply"));
	/* Urgent outranks consult. */
	expect_triage(CASE(", \"mother\": {\"temperature_c\": 38.5}, \"findings\": {\"chills\": true}"),
		GALACTA_TRIAGE_URGENT, "fever_chills,uncertain_supply");
}

static void test_triage__no_assessment_is_treated_as_an_emergency(void **state)
{
	(void)state;
	assert_int_equal(galacta_assessment_triage(NULL), GALACTA_TRIAGE_EMERGENCY);
}

/* ---- the real kb/: the specification's red flags -------------------- */

typedef struct {
	const char *name;
	const char *json;
	galacta_triage_level at_least;
} red_flag;

static const red_flag red_flags[] = {
	{"test_triage__real_kb_self_harm_thoughts_is_an_emergency",
	 CASE(", \"findings\": {\"self_harm_thoughts\": true}"), GALACTA_TRIAGE_EMERGENCY},
	{"test_triage__real_kb_epds_item10_of_1_is_an_emergency",
	 CASE(", \"mother\": {\"epds_item10\": 1}"), GALACTA_TRIAGE_EMERGENCY},
	{"test_triage__real_kb_phq9_item9_of_2_is_an_emergency",
	 CASE(", \"mother\": {\"phq9_item9\": 2}"), GALACTA_TRIAGE_EMERGENCY},
	{"test_triage__real_kb_systolic_85_with_confusion_is_an_emergency",
	 CASE(", \"mother\": {\"systolic_bp_mmhg\": 85}, \"findings\": {\"confusion_or_fainting\": true}"),
	 GALACTA_TRIAGE_EMERGENCY},
	{"test_triage__real_kb_infant_at_38_3_on_day_30_is_an_emergency",
	 CASE(", \"infant\": {\"age_days\": 30, \"temperature_c\": 38.3}"), GALACTA_TRIAGE_EMERGENCY},
	{"test_triage__real_kb_sleepy_dry_infant_with_1_wet_diaper_on_day_5_is_an_emergency",
	 CASE(", \"infant\": {\"age_days\": 5, \"wet_diapers_per_24h\": 1},"
	      " \"findings\": {\"infant_sleepy_hard_to_wake\": true, \"infant_dry_mouth\": true}"),
	 GALACTA_TRIAGE_EMERGENCY},
	{"test_triage__real_kb_fever_39_with_red_breast_and_chills_is_at_least_urgent",
	 CASE(", \"mother\": {\"temperature_c\": 39}, \"findings\": {\"breast_redness\": true, \"chills\": true}"),
	 GALACTA_TRIAGE_URGENT},
	{"test_triage__real_kb_fluctuant_breast_mass_is_at_least_urgent",
	 CASE(", \"findings\": {\"fluctuant_breast_mass\": true}"), GALACTA_TRIAGE_URGENT},
	{"test_triage__real_kb_no_improvement_on_antibiotics_is_at_least_urgent",
	 CASE(", \"findings\": {\"no_improvement_on_antibiotics\": true}"), GALACTA_TRIAGE_URGENT},
	/* 3000 g -> 2670 g: 330 / 3000 = 11 % lost by day 4. */
	{"test_triage__real_kb_weight_loss_of_11_percent_on_day_4_is_at_least_urgent",
	 CASE(", \"infant\": {\"age_days\": 4, \"birth_weight_g\": 3000,"
	      " \"weights\": [{\"age_days\": 4, \"weight_g\": 2670}]}"), GALACTA_TRIAGE_URGENT},
	{"test_triage__real_kb_breast_lump_for_over_2_weeks_needs_at_least_a_consultation",
	 CASE(", \"findings\": {\"breast_lump\": true, \"lump_present_over_2_weeks\": true}"),
	 GALACTA_TRIAGE_CONSULT},
};

#define N_RED_FLAGS (sizeof(red_flags) / sizeof(red_flags[0]))
_Static_assert(N_RED_FLAGS == 11, "one CMUnitTest per red flag in main()");

static void run_red_flag(void **state)
{
	const red_flag *r = *state;
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;
	galacta_triage_level level;

	if (!real) {
		print_message("real kb/ does not load (%s); skipped\n", real_error);
		skip();
	}
	if (galacta_case_parse(real, r->json, strlen(r->json), &c)) {
		print_error("the real KB refuses the case: %s\n", galacta_error_last());
		fail();
	}
	assert_int_equal(galacta_assess(real, c, &a), 0);
	galacta_case_free(c);
	level = galacta_assessment_triage(a);
	if (level < r->at_least) {
		char *s = NULL;
		galacta_assessment_to_json(a, GALACTA_LANG_EN, 0, &s);
		print_error("level %s, needs at least %s; assessment:\n%s\n", galacta_triage_name(level),
			galacta_triage_name(r->at_least), s ? s : "");
		galacta_free(s);
		galacta_assessment_free(a);
		fail();
	}
	galacta_assessment_free(a);
}

#define RED_FLAG_TEST(i) {red_flags[i].name, run_red_flag, NULL, NULL, (void *)&red_flags[i]}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_triage__no_rule_fires_so_the_level_is_self_care),
		cmocka_unit_test(test_triage__uncertain_supply_asks_for_a_consultation),
		cmocka_unit_test(test_triage__known_supply_does_not_fire_the_uncertain_rule),
		cmocka_unit_test(test_triage__likely_mastitis_asks_for_a_consultation),
		cmocka_unit_test(test_triage__mastitis_below_the_threshold_does_not_fire),
		cmocka_unit_test(test_triage__fever_with_chills_is_urgent),
		cmocka_unit_test(test_triage__fever_without_chills_is_not_urgent),
		cmocka_unit_test(test_triage__all_with_one_unknown_part_does_not_fire),
		cmocka_unit_test(test_triage__temperature_from_40_5_is_an_emergency),
		cmocka_unit_test(test_triage__level_is_the_most_urgent_fired_rule),
		cmocka_unit_test(test_triage__no_assessment_is_treated_as_an_emergency),
		RED_FLAG_TEST(0), RED_FLAG_TEST(1), RED_FLAG_TEST(2), RED_FLAG_TEST(3),
		RED_FLAG_TEST(4), RED_FLAG_TEST(5), RED_FLAG_TEST(6), RED_FLAG_TEST(7),
		RED_FLAG_TEST(8), RED_FLAG_TEST(9), RED_FLAG_TEST(10),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
