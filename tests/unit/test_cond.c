/*
 * test_cond.c — unit tests of condition evaluation (cond.c), seen through
 * the derived findings galacta_assess() computes. Three-valued (Kleene)
 * logic, docs/kb-format.md "Conditions": a condition on an unknown value is
 * unknown; all = false if any part is false, true if all are true, else
 * unknown; any = true if any part is true, false if all are false, else
 * unknown; at_least N = true once N parts are true, false once too few can
 * still become true.
 *
 * kb-tiny defines maternal_fever = {var: mother.temperature_c, ge: 38.0} and
 * fever_with_chills = {all: [maternal_fever, chills]}. For the other forms
 * the group setup loads a private copy of kb-tiny with the derived findings
 * of EXTRA_FINDINGS appended to findings.yaml.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "assess_internal.h"
#include "cond.h"
#include "helpers.h"
#include "kb_internal.h"

#define T TRI_TRUE
#define F TRI_FALSE
#define U TRI_UNKNOWN

#define DERIVED(id, when) \
	"- id: " id "\n  group: derived\n  derived: true\n  when: " when "\n" \
	"  label: {en: \"" id "\", zh-Hans: \"" id "\"}\n  sources: [expert_estimate]\n"

static const char EXTRA_FINDINGS[] =
	DERIVED("fever_or_chills", "{any: [{finding: maternal_fever}, {finding: chills}]}")
	DERIVED("not_chills", "{not: {finding: chills}}")
	DERIVED("chills_said_absent", "{finding: chills, is: false}")
	DERIVED("two_of_three", "{at_least: 2, of: [{finding: maternal_fever}, {finding: chills},"
		" {finding: breast_redness}]}")
	DERIVED("caesarean", "{var: mother.delivery_mode, in: [cesarean_planned, cesarean_unplanned]}")
	DERIVED("low_grade_temperature", "{var: mother.temperature_c, gt: 37.5, lt: 38.0}")
	"- id: supply_not_low\n  group: derived\n  derived: true\n  after_supply: true\n"
	"  when: {not: {supply: insufficient}}\n"
	"  label: {en: \"x\", zh-Hans: \"x\"}\n  sources: [expert_estimate]\n";

static galacta_kb *tiny, *extended;

static int setup(void **state)
{
	char *dir;
	int rc;

	(void)state;
	if (galacta_kb_load(TINY_KB_DIR, &tiny))
		return -1;
	dir = helper_kb_copy();
	helper_kb_append(dir, "findings.yaml", EXTRA_FINDINGS);
	rc = galacta_kb_load(dir, &extended);
	if (rc)
		print_error("extended KB: %s\n", galacta_error_last());
	helper_kb_discard(dir);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	galacta_kb_free(tiny);
	galacta_kb_free(extended);
	return 0;
}

/* Case fragments: a finding true/false/unknown, a temperature making
 * maternal_fever true (38.5), false (37) or unknown (not given). */
static const char *const chills_json[] = {
	[1 + T] = "\"chills\": true", [1 + F] = "\"chills\": false", [1 + U] = "\"chills\": null"};
static const char *const redness_json[] = {
	[1 + T] = "\"breast_redness\": true", [1 + F] = "\"breast_redness\": false",
	[1 + U] = "\"breast_redness\": null"};
static const char *const temperature_json[] = {
	[1 + T] = "\"temperature_c\": 38.5", [1 + F] = "\"temperature_c\": 37", [1 + U] = ""};

/* The tri-state galacta_assess() gives derived finding id for a case. */
static int derived_value(const galacta_kb *kb, const char *json, const char *id)
{
	galacta_assessment *a = helper_assess(kb, json);
	int f = kb__finding_index(kb, id), v;

	assert_true(f >= 0);
	v = a->finding[f];
	galacta_assessment_free(a);
	return v;
}

/* derived finding id for fever, chills and redness states. */
static int value_for(const galacta_kb *kb, const char *id, int fever, int chills, int redness)
{
	char json[512];

	snprintf(json, sizeof(json), "{\"format\": \"galacta-case/1\", \"mother\": {%s},"
		" \"findings\": {%s, %s}}", temperature_json[1 + fever], chills_json[1 + chills],
		redness_json[1 + redness]);
	return derived_value(kb, json, id);
}

static void assert_table(const galacta_kb *kb, const char *id, const int expected[3][3])
{
	static const int states[3] = {T, F, U};
	int i, k;

	for (i = 0; i < 3; i++)
		for (k = 0; k < 3; k++) {
			int got = value_for(kb, id, states[i], states[k], U);
			if (got != expected[i][k])
				fail_msg("%s with fever %d, chills %d: got %d, expected %d", id, states[i],
					states[k], got, expected[i][k]);
		}
}

/* ---- a variable comparison ------------------------------------------ */

static void test_cond__fever_threshold_is_inclusive(void **state)
{
	(void)state;
	assert_int_equal(derived_value(tiny, "{\"format\": \"galacta-case/1\", \"mother\": {\"temperature_c\": 38.0}}",
		"maternal_fever"), T);
	assert_int_equal(derived_value(tiny, "{\"format\": \"galacta-case/1\", \"mother\": {\"temperature_c\": 37.9}}",
		"maternal_fever"), F);
}

static void test_cond__unknown_or_null_variable_is_unknown(void **state)
{
	(void)state;
	assert_int_equal(derived_value(tiny, "{\"format\": \"galacta-case/1\"}", "maternal_fever"), U);
	assert_int_equal(derived_value(tiny, "{\"format\": \"galacta-case/1\", \"mother\": {\"temperature_c\": null}}",
		"maternal_fever"), U);
}

static void test_cond__two_bounds_must_both_hold(void **state)
{
	(void)state;
	/* gt 37.5 and lt 38.0. */
	assert_int_equal(value_for(extended, "low_grade_temperature", F, U, U), F); /* 37 */
	assert_int_equal(derived_value(extended, "{\"format\": \"galacta-case/1\", \"mother\": {\"temperature_c\": 37.6}}",
		"low_grade_temperature"), T);
	assert_int_equal(derived_value(extended, "{\"format\": \"galacta-case/1\", \"mother\": {\"temperature_c\": 37.5}}",
		"low_grade_temperature"), F);
	assert_int_equal(derived_value(extended, "{\"format\": \"galacta-case/1\", \"mother\": {\"temperature_c\": 38.0}}",
		"low_grade_temperature"), F);
	assert_int_equal(value_for(extended, "low_grade_temperature", U, U, U), U);
}

static void test_cond__enum_membership(void **state)
{
	(void)state;
	assert_int_equal(derived_value(extended, "{\"format\": \"galacta-case/1\", \"mother\": {\"delivery_mode\": \"cesarean_unplanned\"}}",
		"caesarean"), T);
	assert_int_equal(derived_value(extended, "{\"format\": \"galacta-case/1\", \"mother\": {\"delivery_mode\": \"assisted_vaginal\"}}",
		"caesarean"), F);
	assert_int_equal(derived_value(extended, "{\"format\": \"galacta-case/1\", \"mother\": {\"delivery_mode\": null}}",
		"caesarean"), U);
}

/* ---- Kleene connectives --------------------------------------------- */

static void test_cond__fever_with_chills_is_a_kleene_and(void **state)
{
	/* rows: fever T, F, U; columns: chills T, F, U. */
	static const int all[3][3] = {
		{T, F, U},
		{F, F, F},
		{U, F, U},
	};

	(void)state;
	assert_table(tiny, "fever_with_chills", all);
}

static void test_cond__any_is_a_kleene_or(void **state)
{
	static const int any[3][3] = {
		{T, T, T},
		{T, F, U},
		{T, U, U},
	};

	(void)state;
	assert_table(extended, "fever_or_chills", any);
}

static void test_cond__not_keeps_unknown_unknown(void **state)
{
	(void)state;
	assert_int_equal(value_for(extended, "not_chills", U, T, U), F);
	assert_int_equal(value_for(extended, "not_chills", U, F, U), T);
	assert_int_equal(value_for(extended, "not_chills", U, U, U), U);
}

static void test_cond__finding_is_false_needs_an_explicit_no(void **state)
{
	(void)state;
	assert_int_equal(value_for(extended, "chills_said_absent", U, T, U), F);
	assert_int_equal(value_for(extended, "chills_said_absent", U, F, U), T);
	assert_int_equal(value_for(extended, "chills_said_absent", U, U, U), U);
}

static void test_cond__at_least_counts_true_and_still_possible_parts(void **state)
{
	(void)state;
	/* 2 of (fever, chills, redness). */
	assert_int_equal(value_for(extended, "two_of_three", T, T, U), T);
	assert_int_equal(value_for(extended, "two_of_three", F, T, T), T);
	/* 1 true + 1 unknown could still make 2. */
	assert_int_equal(value_for(extended, "two_of_three", T, F, U), U);
	/* 0 true + 1 unknown cannot. */
	assert_int_equal(value_for(extended, "two_of_three", F, F, U), F);
	assert_int_equal(value_for(extended, "two_of_three", T, F, F), F);
	assert_int_equal(value_for(extended, "two_of_three", U, U, U), U);
	assert_int_equal(value_for(extended, "two_of_three", T, T, T), T);
}

/* ---- conditions on the supply status -------------------------------- */

static void test_cond__supply_condition_follows_the_status(void **state)
{
	/* Weights as in test_infer.c: 11.7 % loss -> insufficient; 30 g/day ->
	 * adequate; one weight, no birth weight -> uncertain. */
	static const char insufficient[] = "{\"format\": \"galacta-case/1\", \"infant\": {\"birth_weight_g\": 3000,"
		" \"weights\": [{\"age_days\": 3, \"weight_g\": 2650}]}}";
	static const char adequate[] = "{\"format\": \"galacta-case/1\", \"infant\": {\"weights\":"
		" [{\"age_days\": 5, \"weight_g\": 3000}, {\"age_days\": 15, \"weight_g\": 3300}]}}";
	static const char uncertain[] = "{\"format\": \"galacta-case/1\"}";

	(void)state;
	assert_int_equal(derived_value(tiny, insufficient, "objective_low_supply"), T);
	assert_int_equal(derived_value(tiny, adequate, "objective_low_supply"), F);
	assert_int_equal(derived_value(tiny, uncertain, "objective_low_supply"), U);
	assert_int_equal(derived_value(extended, insufficient, "supply_not_low"), F);
	assert_int_equal(derived_value(extended, adequate, "supply_not_low"), T);
	assert_int_equal(derived_value(extended, uncertain, "supply_not_low"), U);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cond__fever_threshold_is_inclusive),
		cmocka_unit_test(test_cond__unknown_or_null_variable_is_unknown),
		cmocka_unit_test(test_cond__two_bounds_must_both_hold),
		cmocka_unit_test(test_cond__enum_membership),
		cmocka_unit_test(test_cond__fever_with_chills_is_a_kleene_and),
		cmocka_unit_test(test_cond__any_is_a_kleene_or),
		cmocka_unit_test(test_cond__not_keeps_unknown_unknown),
		cmocka_unit_test(test_cond__finding_is_false_needs_an_explicit_no),
		cmocka_unit_test(test_cond__at_least_counts_true_and_still_possible_parts),
		cmocka_unit_test(test_cond__supply_condition_follows_the_status),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
