/*
 * test_infer.c — unit tests of the inference step of galacta_assess()
 * (assess.c: supply status, posterior odds = prior odds × Π LR, ranking and
 * the contributions listed per cause) on the fixture KB tests/data/kb-tiny.
 * Every expected posterior is worked out by hand from the fixture files:
 *
 *   mastitis                 prior 0.2 -> odds 0.2/0.8 = 0.25
 *     breast_redness         LR+ 4,   LR- 0.5
 *     maternal_fever         LR+ 2,   LR- 0.8   (mother.temperature_c >= 38)
 *     objective_low_supply   LR+ 1,   LR- 1     (changes nothing either way)
 *   perceived_insufficiency  prior 0.5 -> odds 1
 *     cluster_feeding        LR+ 3,   LR- 1 (default)
 *     objective_low_supply   LR+ 0.1, LR- 5
 *
 *   supply: insufficient when weight_loss_10_plus (max loss >= 10 %), else
 *   adequate when good_weight_gain (>= 20 g/day over >= 5 days), else
 *   uncertain; objective_low_supply is present when insufficient, absent
 *   when adequate, unknown when uncertain.
 *
 * p = odds / (1 + odds).
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>

#include "helpers.h"

static galacta_kb *kb;

static int setup(void **state)
{
	(void)state;
	return galacta_kb_load(TINY_KB_DIR, &kb);
}

static int teardown(void **state)
{
	(void)state;
	galacta_kb_free(kb);
	return 0;
}

#define CASE(body) "{\"format\": \"galacta-case/1\"" body "}"

/* Weights that make the supply adequate: 3000 g at day 5, 3300 g at day
 * 15: 300 g / 10 days = 30 g/day >= 20; no birth weight, so no loss known. */
#define ADEQUATE_WEIGHTS \
	"\"weights\": [{\"age_days\": 5, \"weight_g\": 3000}, {\"age_days\": 15, \"weight_g\": 3300}]"
/* Weights that make it insufficient: born 3000 g, 2650 g at day 3:
 * (3000 - 2650) / 3000 = 11.7 % >= 10. */
#define INSUFFICIENT_WEIGHTS \
	"\"birth_weight_g\": 3000, \"weights\": [{\"age_days\": 3, \"weight_g\": 2650}]"

/* Probability of cause id (full precision, through the public API). */
static double prob_of(const galacta_assessment *a, const char *id)
{
	size_t i;

	for (i = 0; i < galacta_assessment_cause_count(a); i++) {
		const char *cid;
		double p;
		assert_int_equal(galacta_assessment_cause(a, i, &cid, &p), 0);
		if (!strcmp(cid, id))
			return p;
	}
	fail_msg("no cause %s", id);
	return -1;
}

static const char *id_at(const galacta_assessment *a, size_t i)
{
	const char *id = NULL;

	assert_int_equal(galacta_assessment_cause(a, i, &id, NULL), 0);
	return id;
}

static json_t *to_json(const galacta_assessment *a)
{
	char *s = NULL;
	json_error_t err;
	json_t *root;

	assert_int_equal(galacta_assessment_to_json(a, GALACTA_LANG_EN, 0, &s), 0);
	root = json_loads(s, 0, &err);
	galacta_free(s);
	assert_non_null(root);
	return root;
}

/* The "explanation" array of cause id in the JSON rendering. */
static json_t *explanation_of(json_t *root, const char *id)
{
	json_t *causes = json_object_get(root, "causes"), *c;
	size_t i;

	json_array_foreach(causes, i, c)
		if (!strcmp(json_string_value(json_object_get(c, "id")), id))
			return json_object_get(c, "explanation");
	fail_msg("no cause %s in JSON", id);
	return NULL;
}

/* Explanation entry i is finding fid in state with likelihood ratio lr. */
static void assert_contribution(json_t *expl, size_t i, const char *fid, const char *state,
	double lr)
{
	json_t *x = json_array_get(expl, i);

	assert_non_null(x);
	assert_string_equal(json_string_value(json_object_get(x, "finding")), fid);
	assert_string_equal(json_string_value(json_object_get(x, "state")), state);
	assert_near(json_number_value(json_object_get(x, "likelihood_ratio")), lr, 1e-9);
}

/* ---- posteriors ----------------------------------------------------- */

static void test_infer__no_evidence_leaves_the_priors(void **state)
{
	galacta_assessment *a = helper_assess(kb, CASE(""));
	json_t *j = to_json(a);

	(void)state;
	assert_int_equal(galacta_assessment_cause_count(a), 2);
	assert_near(prob_of(a, "mastitis"), 0.2, 1e-12);
	assert_near(prob_of(a, "perceived_insufficiency"), 0.5, 1e-12);
	assert_int_equal(json_array_size(explanation_of(j, "mastitis")), 0);
	assert_int_equal(json_array_size(explanation_of(j, "perceived_insufficiency")), 0);
	json_decref(j);
	galacta_assessment_free(a);
}

static void test_infer__redness_and_fever_present_give_two_thirds(void **state)
{
	/* 0.25 × 4 × 2 = 2 -> 2/3. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"mother\": {\"temperature_c\": 38.5},"
		" \"findings\": {\"breast_redness\": true}"));
	json_t *j = to_json(a), *e;

	(void)state;
	assert_near(prob_of(a, "mastitis"), 2.0 / 3.0, 1e-12);
	assert_near(prob_of(a, "perceived_insufficiency"), 0.5, 1e-12);
	e = explanation_of(j, "mastitis");
	assert_int_equal(json_array_size(e), 2);
	/* Strongest first: |ln 4| = 1.39 > |ln 2| = 0.69. */
	assert_contribution(e, 0, "breast_redness", "present", 4.0);
	assert_contribution(e, 1, "maternal_fever", "present", 2.0);
	json_decref(j);
	galacta_assessment_free(a);
}

static void test_infer__redness_and_fever_absent_give_one_eleventh(void **state)
{
	/* 0.25 × 0.5 × 0.8 = 0.1 -> 0.1 / 1.1 = 1/11 = 0.0909…; 37 °C < 38 makes
	 * maternal_fever absent. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"mother\": {\"temperature_c\": 37},"
		" \"findings\": {\"breast_redness\": false}"));
	json_t *j = to_json(a), *e;

	(void)state;
	assert_near(prob_of(a, "mastitis"), 1.0 / 11.0, 1e-12);
	e = explanation_of(j, "mastitis");
	assert_int_equal(json_array_size(e), 2);
	/* |ln 0.5| = 0.69 > |ln 0.8| = 0.22. */
	assert_contribution(e, 0, "breast_redness", "absent", 0.5);
	assert_contribution(e, 1, "maternal_fever", "absent", 0.8);
	json_decref(j);
	galacta_assessment_free(a);
}

static void test_infer__unknown_findings_contribute_nothing(void **state)
{
	/* Temperature asked but unknown (null), fever therefore unknown; chills
	 * is linked to no cause: 0.25 × 4 = 1 -> 1/2. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"mother\": {\"temperature_c\": null},"
		" \"findings\": {\"breast_redness\": true, \"chills\": true, \"cluster_feeding\": null}"));
	json_t *j = to_json(a), *e;

	(void)state;
	assert_near(prob_of(a, "mastitis"), 0.5, 1e-12);
	assert_near(prob_of(a, "perceived_insufficiency"), 0.5, 1e-12);
	e = explanation_of(j, "mastitis");
	assert_int_equal(json_array_size(e), 1);
	assert_contribution(e, 0, "breast_redness", "present", 4.0);
	assert_int_equal(json_array_size(explanation_of(j, "perceived_insufficiency")), 0);
	json_decref(j);
	galacta_assessment_free(a);
}

static void test_infer__finding_absent_with_default_lr_changes_nothing(void **state)
{
	/* cluster_feeding false: LR- defaults to 1, so perceived stays at 0.5
	 * and the finding is not listed. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"findings\": {\"cluster_feeding\": false}"));
	json_t *j = to_json(a);

	(void)state;
	assert_near(prob_of(a, "perceived_insufficiency"), 0.5, 1e-12);
	assert_int_equal(json_array_size(explanation_of(j, "perceived_insufficiency")), 0);
	json_decref(j);
	galacta_assessment_free(a);
}

/* ---- supply and perceived insufficiency ----------------------------- */

static void test_infer__insufficient_supply_makes_perceived_insufficiency_unlikely(void **state)
{
	/* objective_low_supply present: 1 × 0.1 = 0.1 -> 1/11. Mastitis' link
	 * has LR 1 and is neither applied nor listed: 0.2. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"infant\": {" INSUFFICIENT_WEIGHTS "}"));
	json_t *j = to_json(a), *e;

	(void)state;
	assert_int_equal(galacta_assessment_supply(a), GALACTA_SUPPLY_INSUFFICIENT);
	assert_near(prob_of(a, "perceived_insufficiency"), 1.0 / 11.0, 1e-12);
	assert_near(prob_of(a, "mastitis"), 0.2, 1e-12);
	e = explanation_of(j, "perceived_insufficiency");
	assert_int_equal(json_array_size(e), 1);
	assert_contribution(e, 0, "objective_low_supply", "present", 0.1);
	assert_int_equal(json_array_size(explanation_of(j, "mastitis")), 0);
	json_decref(j);
	galacta_assessment_free(a);
}

static void test_infer__adequate_supply_makes_perceived_insufficiency_likely(void **state)
{
	/* objective_low_supply absent: 1 × 5 = 5 -> 5/6. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"infant\": {" ADEQUATE_WEIGHTS "}"));
	json_t *j = to_json(a), *e;

	(void)state;
	assert_int_equal(galacta_assessment_supply(a), GALACTA_SUPPLY_ADEQUATE);
	assert_near(prob_of(a, "perceived_insufficiency"), 5.0 / 6.0, 1e-12);
	assert_near(prob_of(a, "mastitis"), 0.2, 1e-12);
	e = explanation_of(j, "perceived_insufficiency");
	assert_int_equal(json_array_size(e), 1);
	assert_contribution(e, 0, "objective_low_supply", "absent", 5.0);
	json_decref(j);
	galacta_assessment_free(a);
}

static void test_infer__uncertain_supply_leaves_perceived_insufficiency_at_its_prior(void **state)
{
	/* One weight at day 10 without birth weight: no loss, no gain known. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"infant\": {\"weights\":"
		" [{\"age_days\": 10, \"weight_g\": 3300}]}"));

	(void)state;
	assert_int_equal(galacta_assessment_supply(a), GALACTA_SUPPLY_UNCERTAIN);
	assert_near(prob_of(a, "perceived_insufficiency"), 0.5, 1e-12);
	galacta_assessment_free(a);
}

static void test_infer__insufficient_rule_outranks_adequate_rule(void **state)
{
	/* Born 3000 g, 2650 g at day 3 (11.7 % loss), 3100 g at day 15
	 * (450 g / 12 days = 37.5 g/day): both rules fire, insufficient wins,
	 * and only its rule is given as evidence. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"infant\": {\"birth_weight_g\": 3000,"
		" \"weights\": [{\"age_days\": 3, \"weight_g\": 2650}, {\"age_days\": 15, \"weight_g\": 3100}]}"));
	json_t *j = to_json(a), *ev;

	(void)state;
	assert_int_equal(galacta_assessment_supply(a), GALACTA_SUPPLY_INSUFFICIENT);
	ev = json_object_get(json_object_get(j, "supply"), "evidence");
	assert_int_equal(json_array_size(ev), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 0), "rule")), "big_loss");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "supply"), "status")),
		"insufficient");
	json_decref(j);
	galacta_assessment_free(a);
}

static void test_infer__contributions_are_listed_strongest_first(void **state)
{
	/* Adequate supply and cluster feeding: 1 × 5 × 3 = 15 -> 15/16;
	 * |ln 5| = 1.61 before |ln 3| = 1.10. */
	galacta_assessment *a = helper_assess(kb, CASE(", \"infant\": {" ADEQUATE_WEIGHTS "},"
		" \"findings\": {\"cluster_feeding\": true}"));
	json_t *j = to_json(a), *e;

	(void)state;
	assert_near(prob_of(a, "perceived_insufficiency"), 15.0 / 16.0, 1e-12);
	e = explanation_of(j, "perceived_insufficiency");
	assert_int_equal(json_array_size(e), 2);
	assert_contribution(e, 0, "objective_low_supply", "absent", 5.0);
	assert_contribution(e, 1, "cluster_feeding", "present", 3.0);
	json_decref(j);
	galacta_assessment_free(a);
}

/* ---- ranking -------------------------------------------------------- */

static void test_infer__causes_are_sorted_by_probability(void **state)
{
	galacta_assessment *a;
	json_t *j;

	(void)state;
	/* Priors: perceived 0.5 above mastitis 0.2. */
	a = helper_assess(kb, CASE(""));
	assert_string_equal(id_at(a, 0), "perceived_insufficiency");
	assert_string_equal(id_at(a, 1), "mastitis");
	galacta_assessment_free(a);
	/* Mastitis 2/3 above perceived 0.5; the JSON lists them in the same
	 * order with the same numbers (6 significant digits). */
	a = helper_assess(kb, CASE(", \"mother\": {\"temperature_c\": 39}, \"findings\": {\"breast_redness\": true}"));
	assert_string_equal(id_at(a, 0), "mastitis");
	assert_string_equal(id_at(a, 1), "perceived_insufficiency");
	j = to_json(a);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "causes"), 0), "id")),
		"mastitis");
	assert_near(json_number_value(json_object_get(json_array_get(json_object_get(j, "causes"), 0), "probability")),
		2.0 / 3.0, 1e-6);
	assert_near(json_number_value(json_object_get(json_array_get(json_object_get(j, "causes"), 0), "prior")),
		0.2, 1e-12);
	json_decref(j);
	galacta_assessment_free(a);
}

static void test_infer__equal_probabilities_keep_the_kb_order(void **state)
{
	/* Redness alone: mastitis 0.25 × 4 = 1 -> 0.5, tied with perceived 0.5;
	 * mastitis comes first in causes/ (file-name order). */
	galacta_assessment *a = helper_assess(kb, CASE(", \"findings\": {\"breast_redness\": true}"));

	(void)state;
	assert_near(prob_of(a, "mastitis"), 0.5, 1e-12);
	assert_string_equal(id_at(a, 0), "mastitis");
	assert_string_equal(id_at(a, 1), "perceived_insufficiency");
	galacta_assessment_free(a);
}

static void test_infer__cause_index_out_of_range_is_an_error(void **state)
{
	galacta_assessment *a = helper_assess(kb, CASE(""));
	const char *id = "unchanged";

	(void)state;
	assert_int_equal(galacta_assessment_cause(a, 2, &id, NULL), GALACTA_ERANGE);
	assert_string_equal(id, "unchanged");
	galacta_assessment_free(a);
}

/* ---- the text rendering shows the same numbers ---------------------- */

static void test_infer__text_report_shows_the_posterior_and_its_reasons(void **state)
{
	galacta_assessment *a = helper_assess(kb, CASE(", \"mother\": {\"temperature_c\": 38.5},"
		" \"findings\": {\"breast_redness\": true}"));
	char *s = NULL;

	(void)state;
	assert_int_equal(galacta_assessment_to_text(a, GALACTA_LANG_EN, 0, &s), 0);
	/* 2/3 = 66.7 % -> "67%"; labels from findings.yaml; ui.yaml "yes". */
	assert_contains(s, "1. Mastitis — probability 67%");
	assert_contains(s, "Red breast (yes, ×4); Fever 38 °C or more (yes, ×2)");
	galacta_free(s);
	assert_int_equal(galacta_assessment_to_text(a, GALACTA_LANG_ZH_HANS, 0, &s), 0);
	assert_contains(s, "1. 急性乳腺炎 — 可能性 67%");
	/* ui.yaml: paren_open "（", comma "，", paren_close "）",
	 * list_separator "；". */
	assert_contains(s, "乳房发红（有，×4）；体温≥38℃（有，×2）");
	galacta_free(s);
	galacta_assessment_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_infer__no_evidence_leaves_the_priors),
		cmocka_unit_test(test_infer__redness_and_fever_present_give_two_thirds),
		cmocka_unit_test(test_infer__redness_and_fever_absent_give_one_eleventh),
		cmocka_unit_test(test_infer__unknown_findings_contribute_nothing),
		cmocka_unit_test(test_infer__finding_absent_with_default_lr_changes_nothing),
		cmocka_unit_test(test_infer__insufficient_supply_makes_perceived_insufficiency_unlikely),
		cmocka_unit_test(test_infer__adequate_supply_makes_perceived_insufficiency_likely),
		cmocka_unit_test(test_infer__uncertain_supply_leaves_perceived_insufficiency_at_its_prior),
		cmocka_unit_test(test_infer__insufficient_rule_outranks_adequate_rule),
		cmocka_unit_test(test_infer__contributions_are_listed_strongest_first),
		cmocka_unit_test(test_infer__causes_are_sorted_by_probability),
		cmocka_unit_test(test_infer__equal_probabilities_keep_the_kb_order),
		cmocka_unit_test(test_infer__cause_index_out_of_range_is_an_error),
		cmocka_unit_test(test_infer__text_report_shows_the_posterior_and_its_reasons),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
