/*
 * test_case.c — unit tests of the case parser (case.c) with the fixture KB
 * tests/data/kb-tiny, whose fields.yaml holds the spec's field table. Every
 * refused case must return GALACTA_EINVALID with a message that starts with
 * the JSON path; the expected messages are worked out from the field table
 * (ranges, units, choices) and the wording rules in case.c.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "case_internal.h"
#include "cond.h"
#include "helpers.h"
#include "kb_internal.h"

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

/* Stands for "not yet written": galacta_case_parse must reset *out. */
static char sentinel;
#define UNSET ((galacta_case *)(void *)&sentinel)

static int parse_len(const char *json, size_t len, galacta_case **out)
{
	*out = UNSET;
	return galacta_case_parse(kb, json, len, out);
}

/* Parses a case that must be accepted. */
static galacta_case *parse_ok(const char *json)
{
	galacta_case *c;

	if (parse_len(json, strlen(json), &c)) {
		print_error("case rejected: %s\n", galacta_error_last());
		fail();
	}
	assert_non_null(c);
	return c;
}

/* A case that must be refused with exactly message. */
static void expect_error(const char *json, const char *message)
{
	galacta_case *c;

	assert_int_equal(parse_len(json, strlen(json), &c), GALACTA_EINVALID);
	assert_null(c);
	assert_string_equal(galacta_error_last(), message);
}

/* A case that must be refused with a message starting with prefix and
 * containing phrase (for messages that quote the parser library). */
static void expect_error_like(const char *json, const char *prefix, const char *phrase)
{
	galacta_case *c;

	assert_int_equal(parse_len(json, strlen(json), &c), GALACTA_EINVALID);
	assert_null(c);
	assert_starts_with(galacta_error_last(), prefix);
	assert_contains(galacta_error_last(), phrase);
}

static int var_of(const char *path)
{
	int v = kb__var_index(kb, path);
	assert_true(v >= 0);
	return v;
}

static int finding_of(const char *id)
{
	int f = kb__finding_index(kb, id);
	assert_true(f >= 0);
	return f;
}

#define CASE(body) "{\"format\": \"galacta-case/1\"" body "}"

/* ---- accepted cases ------------------------------------------------- */

static void test_case__minimal_case_is_accepted_and_knows_nothing(void **state)
{
	galacta_case *c = parse_ok(CASE(""));
	size_t i;

	(void)state;
	assert_null(galacta_case_id(c));
	assert_int_equal(galacta_case_language(c, NULL), GALACTA_ENOTFOUND);
	for (i = 0; i < c->n_vars; i++)
		assert_int_equal(c->var_state[i], VAR_MISSING);
	for (i = 0; i < c->n_findings; i++)
		assert_int_equal(c->finding[i], TRI_UNKNOWN);
	galacta_case_free(c);
}

static void test_case__values_land_in_their_variables(void **state)
{
	galacta_case *c = parse_ok(CASE(", \"id\": \"c-1\", \"mother\": {\"temperature_c\": 38.5,"
		" \"delivery_mode\": \"cesarean_planned\", \"labs\": {\"tsh_miu_l\": 5}},"
		" \"findings\": {\"chills\": true, \"breast_redness\": false}"));

	(void)state;
	assert_string_equal(galacta_case_id(c), "c-1");
	assert_int_equal(c->var_state[var_of("mother.temperature_c")], VAR_KNOWN);
	assert_true(c->var[var_of("mother.temperature_c")] == 38.5);
	/* cesarean_planned is choice 2 (0-based) in fields.yaml. */
	assert_true(c->var[var_of("mother.delivery_mode")] == 2);
	assert_true(c->var[var_of("mother.labs.tsh_miu_l")] == 5);
	assert_int_equal(c->finding[finding_of("chills")], TRI_TRUE);
	assert_int_equal(c->finding[finding_of("breast_redness")], TRI_FALSE);
	assert_int_equal(c->finding[finding_of("cluster_feeding")], TRI_UNKNOWN);
	galacta_case_free(c);
}

static void test_case__extension_keys_are_ignored_everywhere(void **state)
{
	galacta_case *c = parse_ok(CASE(", \"x_source\": {\"app\": 1},"
		" \"mother\": {\"x_note\": \"hi\", \"age_years\": 30},"
		" \"infant\": {\"x_scale\": [1], \"weights\": [{\"age_days\": 3, \"weight_g\": 3000, \"x_by\": \"nurse\"}]},"
		" \"pumping\": {\"history\": [{\"age_days\": 3, \"ml_per_24h\": 100, \"x_pump\": \"left\"}]},"
		" \"findings\": {\"x_custom\": true}"));

	(void)state;
	assert_true(c->var[var_of("mother.age_years")] == 30);
	assert_int_equal(c->n_weights, 1);
	assert_int_equal(c->n_history, 1);
	galacta_case_free(c);
}

static void test_case__null_means_asked_but_unknown(void **state)
{
	galacta_case *c = parse_ok(CASE(", \"mother\": {\"temperature_c\": null, \"delivery_mode\": null},"
		" \"findings\": {\"chills\": null}"));

	(void)state;
	assert_int_equal(c->var_state[var_of("mother.temperature_c")], VAR_NULL);
	assert_int_equal(c->var_state[var_of("mother.delivery_mode")], VAR_NULL);
	assert_int_equal(c->finding[finding_of("chills")], TRI_UNKNOWN);
	assert_int_equal(c->finding_null[finding_of("chills")], 1);
	assert_int_equal(c->finding_null[finding_of("breast_redness")], 0);
	galacta_case_free(c);
}

static void test_case__whole_number_written_as_real_is_an_integer(void **state)
{
	galacta_case *c = parse_ok(CASE(", \"mother\": {\"previous_births\": 2.0}"));

	(void)state;
	assert_true(c->var[var_of("mother.previous_births")] == 2);
	galacta_case_free(c);
}

static void test_case__range_ends_are_inside_the_range(void **state)
{
	/* fields.yaml: temperature 30–44 °C, weights 300–30000 g. */
	galacta_case *c = parse_ok(CASE(", \"mother\": {\"temperature_c\": 44},"
		" \"infant\": {\"temperature_c\": 30, \"weights\": [{\"age_days\": 1, \"weight_g\": 300},"
		" {\"age_days\": 2, \"weight_g\": 30000}]}"));

	(void)state;
	assert_true(c->var[var_of("mother.temperature_c")] == 44);
	assert_true(c->weights[1].weight_g == 30000);
	galacta_case_free(c);
}

static void test_case__weight_ages_in_hours_become_days(void **state)
{
	galacta_case *c = parse_ok(CASE(", \"infant\": {\"weights\": [{\"age_hours\": 36, \"weight_g\": 3100},"
		" {\"age_days\": 5, \"weight_g\": 3000}]}"));

	(void)state;
	assert_int_equal(c->n_weights, 2);
	assert_true(c->weights[0].age_days == 1.5); /* 36 / 24 */
	assert_true(c->weights[1].age_days == 5);
	galacta_case_free(c);
}

static void test_case__medicine_names_are_trimmed_and_lowercased(void **state)
{
	galacta_case *c = parse_ok(CASE(", \"mother\": {\"medications\": [\" Pseudoephedrine \", \"Xiaoyao Wan\", \"unknown-med\"]}"));

	(void)state;
	assert_true(c->meds_given);
	assert_int_equal(c->n_meds, 3);
	assert_string_equal(c->meds[0], "pseudoephedrine");
	assert_string_equal(c->meds[1], "xiaoyao wan");
	assert_string_equal(c->meds[2], "unknown-med");
	galacta_case_free(c);
}

static void test_case__language_is_parsed(void **state)
{
	galacta_case *c;
	galacta_lang l = GALACTA_LANG_EN;

	(void)state;
	c = parse_ok(CASE(", \"language\": \"zh-Hans\""));
	assert_int_equal(galacta_case_language(c, &l), 0);
	assert_int_equal(l, GALACTA_LANG_ZH_HANS);
	galacta_case_free(c);
	c = parse_ok(CASE(", \"language\": \"zh-CN\""));
	l = GALACTA_LANG_EN;
	assert_int_equal(galacta_case_language(c, &l), 0);
	assert_int_equal(l, GALACTA_LANG_ZH_HANS);
	galacta_case_free(c);
	c = parse_ok(CASE(", \"language\": \"en\""));
	assert_int_equal(galacta_case_language(c, &l), 0);
	assert_int_equal(l, GALACTA_LANG_EN);
	galacta_case_free(c);
}

static void test_case__unsupported_language_is_refused(void **state)
{
	(void)state;
	expect_error(CASE(", \"language\": \"fr\""), "language: must be \"en\" or \"zh-Hans\"");
	expect_error(CASE(", \"language\": 1"), "language: must be \"en\" or \"zh-Hans\"");
}

static void test_case__weight_up_to_one_day_after_the_age_is_accepted(void **state)
{
	/* age_days 10; ages are often given in completed days: 11 is allowed. */
	galacta_case *c = parse_ok(CASE(", \"infant\": {\"age_days\": 10,"
		" \"weights\": [{\"age_hours\": 264, \"weight_g\": 3300}]}"));

	(void)state;
	assert_true(c->weights[0].age_days == 11); /* 264 / 24 */
	galacta_case_free(c);
}

static void test_case__weight_more_than_one_day_after_the_age_is_refused(void **state)
{
	(void)state;
	expect_error(CASE(", \"infant\": {\"weights\": [{\"age_days\": 11.5, \"weight_g\": 3300}], \"age_days\": 10}"),
		"infant.weights[0]: measured at 11.5 days, after the infant's age (infant.age_days = 10)");
}

static void test_case__input_need_not_be_nul_terminated(void **state)
{
	static const char json[] = CASE("") "garbage";
	galacta_case *c;

	(void)state;
	/* Only the first 28 bytes, the object, are given. */
	assert_int_equal(sizeof(CASE("")) - 1, 28);
	assert_int_equal(parse_len(json, 28, &c), 0);
	galacta_case_free(c);
}

static void test_case__input_of_exactly_the_limit_is_accepted(void **state)
{
	char *big = malloc(GALACTA_CASE_MAX_BYTES);
	galacta_case *c;

	(void)state;
	assert_non_null(big);
	memset(big, ' ', GALACTA_CASE_MAX_BYTES);
	memcpy(big, CASE(""), sizeof(CASE("")) - 1);
	assert_int_equal(parse_len(big, GALACTA_CASE_MAX_BYTES, &c), 0);
	galacta_case_free(c);
	free(big);
}

/* ---- refused cases -------------------------------------------------- */

static void test_case__empty_input_is_refused(void **state)
{
	galacta_case *c;

	(void)state;
	assert_int_equal(parse_len("", 0, &c), GALACTA_EINVALID);
	assert_null(c);
	assert_string_equal(galacta_error_last(), "(input): empty; expected one JSON object");
	expect_error_like("  \n", "(json) line ", "'[' or '{' expected");
}

static void test_case__input_over_the_limit_is_refused(void **state)
{
	char *big = malloc(GALACTA_CASE_MAX_BYTES + 1);
	galacta_case *c;

	(void)state;
	assert_non_null(big);
	memset(big, ' ', GALACTA_CASE_MAX_BYTES + 1);
	memcpy(big, CASE(""), sizeof(CASE("")) - 1);
	assert_int_equal(parse_len(big, GALACTA_CASE_MAX_BYTES + 1, &c), GALACTA_EINVALID);
	assert_null(c);
	/* 1024 * 1024 = 1048576. */
	assert_string_equal(galacta_error_last(),
		"(input): 1048577 bytes is over the 1048576-byte limit for one case");
	free(big);
}

static void test_case__malformed_json_is_refused_with_line_and_column(void **state)
{
	(void)state;
	/* Line 2 is ` "mother": {"age_years": 30,}}`: the '}' after the comma,
	 * where a key must come, is its 29th character. */
	expect_error_like("{\"format\": \"galacta-case/1\",\n \"mother\": {\"age_years\": 30,}}",
		"(json) line 2, column 29: ", "string or '}' expected");
}

static void test_case__invalid_utf8_is_refused(void **state)
{
	(void)state;
	expect_error_like(CASE(", \"id\": \"caf\xe9\""), "(json) line 1", "unable to decode byte 0xe9");
	expect_error_like(CASE(", \"id\": \"\xff\xfe\""), "(json) line 1", "unable to decode byte 0xff");
}

static void test_case__duplicate_key_is_refused(void **state)
{
	(void)state;
	expect_error_like(CASE(", \"mother\": {\"age_years\": 30, \"age_years\": 31}"), "(json) line 1",
		"duplicate object key");
}

static void test_case__non_object_case_is_refused(void **state)
{
	(void)state;
	expect_error("[]", "(root): a case must be a JSON object, not an array");
	/* jansson itself refuses a root that is neither object nor array. */
	expect_error_like("42", "(json) line 1", "'[' or '{' expected");
}

static void test_case__missing_or_wrong_format_is_refused(void **state)
{
	(void)state;
	expect_error("{\"mother\": {}}", "format: missing; a case starts with \"format\": \"galacta-case/1\"");
	expect_error("{\"format\": \"galacta-case/2\"}", "format: must be \"galacta-case/1\"");
	expect_error("{\"format\": 1}", "format: must be \"galacta-case/1\"");
}

static void test_case__wrong_types_are_refused_naming_the_path(void **state)
{
	(void)state;
	expect_error(CASE(", \"mother\": {\"age_years\": \"thirty\"}"),
		"mother.age_years: must be a number, not a string");
	expect_error(CASE(", \"infant\": {\"age_days\": true}"),
		"infant.age_days: must be a number, not a boolean");
	expect_error(CASE(", \"infant\": []"), "infant: must be an object, not an array");
	expect_error(CASE(", \"mother\": null"), "mother: must be an object, not null");
	expect_error(CASE(", \"mother\": {\"delivery_mode\": 1}"),
		"mother.delivery_mode: must be a string, not a number");
	expect_error(CASE(", \"findings\": {\"chills\": \"yes\"}"),
		"findings.chills: must be true, false or null, not a string");
	expect_error(CASE(", \"findings\": []"),
		"findings: must be an object of finding ids to true, false or null, not an array");
	expect_error(CASE(", \"infant\": {\"weights\": {}}"),
		"infant.weights: must be an array of {age_hours or age_days, weight_g}, not an object");
	expect_error(CASE(", \"infant\": {\"weights\": [3000]}"),
		"infant.weights[0]: must be an object {age_hours or age_days, weight_g}, not a number");
	expect_error(CASE(", \"mother\": {\"medications\": [\"ok\", 5]}"),
		"mother.medications[1]: must be a string (a generic medicine name), not a number");
	expect_error(CASE(", \"id\": 7"), "id: must be a string of at most 200 characters");
}

static void test_case__out_of_range_values_are_refused_with_the_range(void **state)
{
	(void)state;
	/* The spec's own example. */
	expect_error(CASE(", \"infant\": {\"weights\": [{\"age_days\": 1, \"weight_g\": 3000},"
		" {\"age_days\": 2, \"weight_g\": 35}]}"),
		"infant.weights[1].weight_g: 35 is outside 300–30000 g");
	expect_error(CASE(", \"mother\": {\"temperature_c\": 44.1}"),
		"mother.temperature_c: 44.1 is outside 30–44 °C");
	expect_error(CASE(", \"mother\": {\"labs\": {\"glucose_mmol_l\": 0.4}}"),
		"mother.labs.glucose_mmol_l: 0.4 is outside 0.5–50 mmol/L");
	expect_error(CASE(", \"infant\": {\"weights\": [{\"age_hours\": -1, \"weight_g\": 3000}]}"),
		"infant.weights[0].age_hours: -1 is outside 0–44544 h");
	expect_error(CASE(", \"pumping\": {\"history\": [{\"age_days\": 3, \"ml_per_24h\": 5001}]}"),
		"pumping.history[0].ml_per_24h: must be a number in 0–5000 mL");
}

static void test_case__fraction_in_an_integer_field_is_refused(void **state)
{
	(void)state;
	expect_error(CASE(", \"mother\": {\"previous_births\": 2.5}"),
		"mother.previous_births: must be a whole number, not 2.5");
}

static void test_case__unknown_keys_are_refused_naming_the_path(void **state)
{
	(void)state;
	expect_error(CASE(", \"mother\": {\"agee_years\": 30}"),
		"mother.agee_years: unknown key (fields: docs/case-fields.md; extension keys start with x_)");
	expect_error(CASE(", \"babby\": {}"),
		"babby: unknown key (allowed: format, id, language, mother, infant, pumping, findings, x_…)");
	expect_error(CASE(", \"infant\": {\"weights\": [{\"age_days\": 1, \"weight_g\": 3000, \"g\": 1}]}"),
		"infant.weights[0]: unknown key 'g' (allowed: age_hours or age_days, weight_g)");
}

static void test_case__unknown_finding_is_refused(void **state)
{
	(void)state;
	expect_error(CASE(", \"findings\": {\"redness\": true}"),
		"findings.redness: unknown finding (the findings: docs/case-fields.md)");
}

static void test_case__derived_finding_cannot_be_set(void **state)
{
	(void)state;
	expect_error(CASE(", \"findings\": {\"maternal_fever\": true}"),
		"findings.maternal_fever: is derived from numbers and cannot be set; give the numbers instead");
}

static void test_case__enum_value_not_allowed_lists_the_choices(void **state)
{
	(void)state;
	expect_error(CASE(", \"mother\": {\"delivery_mode\": \"c-section\"}"),
		"mother.delivery_mode: 'c-section' is not allowed (allowed: vaginal, assisted_vaginal,"
		" cesarean_planned, cesarean_unplanned)");
	expect_error(CASE(", \"infant\": {\"sex\": \"Female\"}"),
		"infant.sex: 'Female' is not allowed (allowed: female, male)");
}

static void test_case__weights_out_of_order_are_refused(void **state)
{
	(void)state;
	expect_error(CASE(", \"infant\": {\"weights\": [{\"age_days\": 5, \"weight_g\": 3000},"
		" {\"age_days\": 3, \"weight_g\": 2900}]}"),
		"infant.weights[1]: age 3 days is not after the previous weight's (5 days):"
		" list weights in time order, one per age");
}

static void test_case__two_weights_at_the_same_age_are_refused(void **state)
{
	(void)state;
	/* 48 h is day 2. */
	expect_error(CASE(", \"infant\": {\"weights\": [{\"age_hours\": 48, \"weight_g\": 3000},"
		" {\"age_days\": 2, \"weight_g\": 2990}]}"),
		"infant.weights[1]: age 2 days is not after the previous weight's (2 days):"
		" list weights in time order, one per age");
}

static void test_case__weight_needs_exactly_one_age(void **state)
{
	(void)state;
	expect_error(CASE(", \"infant\": {\"weights\": [{\"age_hours\": 48, \"age_days\": 2, \"weight_g\": 3000}]}"),
		"infant.weights[0]: give exactly one of age_hours and age_days");
	expect_error(CASE(", \"infant\": {\"weights\": [{\"weight_g\": 3000}]}"),
		"infant.weights[0]: give exactly one of age_hours and age_days");
	expect_error(CASE(", \"infant\": {\"weights\": [{\"age_days\": 2}]}"),
		"infant.weights[0]: missing weight_g");
}

static void test_case__blank_medicine_name_is_refused(void **state)
{
	(void)state;
	expect_error(CASE(", \"mother\": {\"medications\": [\" \\t \"]}"),
		"mother.medications[0]: must not be blank");
	expect_error(CASE(", \"mother\": {\"medications\": [\"\"]}"),
		"mother.medications[0]: must be a name of 1–200 bytes (UTF-8)");
}

static void test_case__pumping_history_needs_both_members(void **state)
{
	(void)state;
	expect_error(CASE(", \"pumping\": {\"history\": [{\"age_days\": 3}]}"),
		"pumping.history[0]: needs both age_days and ml_per_24h");
}

static void test_case__null_arguments_are_refused(void **state)
{
	galacta_case *c = NULL;

	(void)state;
	assert_int_equal(galacta_case_parse(NULL, "{}", 2, &c), GALACTA_EINVALID);
	assert_int_equal(galacta_case_parse(kb, NULL, 2, &c), GALACTA_EINVALID);
	assert_int_equal(galacta_case_parse(kb, "{}", 2, NULL), GALACTA_EINVALID);
	galacta_case_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case__minimal_case_is_accepted_and_knows_nothing),
		cmocka_unit_test(test_case__values_land_in_their_variables),
		cmocka_unit_test(test_case__extension_keys_are_ignored_everywhere),
		cmocka_unit_test(test_case__null_means_asked_but_unknown),
		cmocka_unit_test(test_case__whole_number_written_as_real_is_an_integer),
		cmocka_unit_test(test_case__range_ends_are_inside_the_range),
		cmocka_unit_test(test_case__weight_ages_in_hours_become_days),
		cmocka_unit_test(test_case__medicine_names_are_trimmed_and_lowercased),
		cmocka_unit_test(test_case__language_is_parsed),
		cmocka_unit_test(test_case__unsupported_language_is_refused),
		cmocka_unit_test(test_case__weight_up_to_one_day_after_the_age_is_accepted),
		cmocka_unit_test(test_case__weight_more_than_one_day_after_the_age_is_refused),
		cmocka_unit_test(test_case__input_need_not_be_nul_terminated),
		cmocka_unit_test(test_case__input_of_exactly_the_limit_is_accepted),
		cmocka_unit_test(test_case__empty_input_is_refused),
		cmocka_unit_test(test_case__input_over_the_limit_is_refused),
		cmocka_unit_test(test_case__malformed_json_is_refused_with_line_and_column),
		cmocka_unit_test(test_case__invalid_utf8_is_refused),
		cmocka_unit_test(test_case__duplicate_key_is_refused),
		cmocka_unit_test(test_case__non_object_case_is_refused),
		cmocka_unit_test(test_case__missing_or_wrong_format_is_refused),
		cmocka_unit_test(test_case__wrong_types_are_refused_naming_the_path),
		cmocka_unit_test(test_case__out_of_range_values_are_refused_with_the_range),
		cmocka_unit_test(test_case__fraction_in_an_integer_field_is_refused),
		cmocka_unit_test(test_case__unknown_keys_are_refused_naming_the_path),
		cmocka_unit_test(test_case__unknown_finding_is_refused),
		cmocka_unit_test(test_case__derived_finding_cannot_be_set),
		cmocka_unit_test(test_case__enum_value_not_allowed_lists_the_choices),
		cmocka_unit_test(test_case__weights_out_of_order_are_refused),
		cmocka_unit_test(test_case__two_weights_at_the_same_age_are_refused),
		cmocka_unit_test(test_case__weight_needs_exactly_one_age),
		cmocka_unit_test(test_case__blank_medicine_name_is_refused),
		cmocka_unit_test(test_case__pumping_history_needs_both_members),
		cmocka_unit_test(test_case__null_arguments_are_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
