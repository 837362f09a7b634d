/*
 * test_kb.c — unit tests of the knowledge-base loader (kb_load.c, kb_yaml.c,
 * kb_causes.c, kb_rules.c, kb_advice.c, cond.c parsing) against the fixture
 * tests/data/kb-tiny. Each validation test copies kb-tiny to a private
 * directory under /tmp, changes ONE thing in ONE file and checks that the
 * load is refused with "FILE:LINE: message"; the expected line is read off
 * the fixture text (kby__line reports a mapping at its first key and a list
 * at its first item), written next to each case.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "helpers.h"
#include "kb_internal.h"
#include "observe.h"

/* Stands for "not yet written": galacta_kb_load must reset *out on failure. */
static char sentinel;
#define UNSET ((galacta_kb *)(void *)&sentinel)

/* Copies kb-tiny, replaces old by repl in file rel, loads, and expects
 * GALACTA_EKB with a message starting "where" (e.g. "findings.yaml:5: ")
 * and containing phrase. */
static void expect_kb_error(const char *rel, const char *old, const char *repl,
	const char *where, const char *phrase)
{
	char *dir = helper_kb_copy();
	galacta_kb *kb = UNSET;
	int rc;

	helper_kb_replace(dir, rel, old, repl);
	rc = galacta_kb_load(dir, &kb);
	helper_kb_discard(dir);
	if (rc == 0)
		galacta_kb_free(kb);
	assert_int_equal(rc, GALACTA_EKB);
	assert_null(kb);
	assert_starts_with(galacta_error_last(), where);
	assert_contains(galacta_error_last(), phrase);
}

/* Lines of a fixture file that start with prefix (interface strings grow
 * with the renderers, so their number is read off ui.yaml). */
static size_t count_lines_starting(const char *path, const char *prefix)
{
	char *text = helper_read_file(path, NULL), *line = text;
	size_t n = 0;

	while (line && *line) {
		n += !strncmp(line, prefix, strlen(prefix));
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	free(text);
	return n;
}

/* ---- loading the fixture -------------------------------------------- */

static void test_kb__tiny_kb_loads_with_two_causes_and_nine_findings(void **state)
{
	galacta_kb *kb = NULL;

	(void)state;
	assert_int_equal(galacta_kb_load(TINY_KB_DIR, &kb), 0);
	assert_non_null(kb);
	assert_string_equal(galacta_error_last(), "");
	/* causes/ holds mastitis.yaml and perceived_insufficiency.yaml, loaded
	 * in file-name order. */
	assert_int_equal(galacta_kb_cause_count(kb), 2);
	assert_string_equal(galacta_kb_cause_id(kb, 0), "mastitis");
	assert_string_equal(galacta_kb_cause_id(kb, 1), "perceived_insufficiency");
	assert_null(galacta_kb_cause_id(kb, 2));
	/* findings.yaml: 4 asked (breast_redness … milk_came_in) + 5 derived. */
	assert_int_equal(galacta_kb_finding_count(kb), 9);
	assert_string_equal(galacta_kb_finding_id(kb, 0), "breast_redness");
	assert_string_equal(galacta_kb_finding_id(kb, 4), "maternal_fever");
	assert_string_equal(galacta_kb_finding_id(kb, 8), "objective_low_supply");
	assert_null(galacta_kb_finding_id(kb, 9));
	galacta_kb_free(kb);
}

static void test_kb__tiny_kb_tables_have_the_sizes_of_the_fixture_files(void **state)
{
	galacta_kb *kb = NULL;
	const kb_cause *m, *p;

	(void)state;
	assert_int_equal(galacta_kb_load(TINY_KB_DIR, &kb), 0);
	assert_int_equal(kb->n_sources, 2);         /* sources/tiny.yaml */
	assert_int_equal(kb->n_fields, 52);         /* "- path:" entries */
	/* 35 number + 7 integer + 2 enum fields are variables, then the
	 * computed ones of observe.c. */
	assert_int_equal(kb->n_vars, 44 + OBS_COUNT);
	assert_int_equal(kb->n_supply_rules, 2);
	assert_int_equal(kb->n_triage_rules, 4);
	assert_int_equal(kb->n_meds, 2);
	assert_int_equal(kb->n_ui, count_lines_starting(TINY_KB_DIR "/ui.yaml", "- {id: "));
	assert_int_equal(kb->n_seed_claims, 1);
	assert_int_equal(kb->n_general_advice, 1);
	/* norms.yaml: days 1-5 wet 3 stools 2; 6-42 wet 6 stools 3; 43-400 wet 6,
	 * no stool norm. */
	assert_int_equal(kb->n_diaper_norms, 3);
	assert_int_equal(kb->diaper_norms[0].from_day, 1);
	assert_int_equal(kb->diaper_norms[0].to_day, 5);
	assert_true(kb->diaper_norms[0].wet_min == 3 && kb->diaper_norms[0].stools_min == 2);
	assert_int_equal(kb->diaper_norms[2].from_day, 43);
	assert_int_equal(kb->diaper_norms[2].to_day, 400);
	assert_true(kb->diaper_norms[2].stools_min < 0);

	m = &kb->causes[0];
	assert_true(m->prior == 0.2);
	assert_int_equal(m->n_links, 3);
	assert_true(m->links[0].lr_present == 4.0 && m->links[0].lr_absent == 0.5);
	assert_true(m->links[1].lr_present == 2.0 && m->links[1].lr_absent == 0.8);
	assert_int_equal(m->n_treatments, 1);
	assert_int_equal(m->treatments[0].kind, TREAT_DRUG);
	assert_int_equal(m->n_icd10, 1);
	assert_string_equal(m->icd10[0].code, "O91.2");
	p = &kb->causes[1];
	assert_true(p->prior == 0.5);
	/* cluster_feeding gives no lr_absent: the documented default is 1. */
	assert_true(p->links[0].lr_present == 3.0 && p->links[0].lr_absent == 1.0);
	assert_true(p->links[1].lr_present == 0.1 && p->links[1].lr_absent == 5.0);
	galacta_kb_free(kb);
}

/* ---- the directory and its files ------------------------------------ */

static void test_kb__missing_directory_is_an_io_error(void **state)
{
	galacta_kb *kb = UNSET;

	(void)state;
	assert_int_equal(galacta_kb_load("/nonexistent/galacta-kb", &kb), GALACTA_EIO);
	assert_null(kb);
	assert_contains(galacta_error_last(), "/nonexistent/galacta-kb");
	assert_contains(galacta_error_last(), "not found");
}

static void test_kb__missing_file_is_an_io_error_naming_it(void **state)
{
	char *dir = helper_kb_copy();
	char path[1024];
	galacta_kb *kb = UNSET;
	int rc;

	(void)state;
	helper_join(path, sizeof(path), dir, "triage.yaml");
	assert_int_equal(unlink(path), 0);
	rc = galacta_kb_load(dir, &kb);
	helper_kb_discard(dir);
	assert_int_equal(rc, GALACTA_EIO);
	assert_null(kb);
	assert_starts_with(galacta_error_last(), "triage.yaml: cannot open");
}

static void test_kb__null_out_is_invalid(void **state)
{
	(void)state;
	assert_int_equal(galacta_kb_load(TINY_KB_DIR, NULL), GALACTA_EINVALID);
}

/* ---- validation: one mutation each ---------------------------------- */

/* causes/mastitis.yaml line 11 is the breast_redness link. */
static void test_kb__link_to_unknown_finding_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "{finding: breast_redness,", "{finding: breast_rednes,",
		"causes/mastitis.yaml:11: ", "unknown finding 'breast_rednes'");
}

/* Line 12 is the maternal_fever link, lr_present 2.0. */
static void test_kb__zero_likelihood_ratio_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "lr_present: 2.0", "lr_present: 0",
		"causes/mastitis.yaml:12: ", "likelihood ratios of 'maternal_fever' must be > 0");
}

static void test_kb__negative_likelihood_ratio_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "lr_present: 2.0", "lr_present: -1",
		"causes/mastitis.yaml:12: ", "likelihood ratios of 'maternal_fever' must be > 0");
}

/* Line 11: lr_absent 0.5 of breast_redness. */
static void test_kb__zero_lr_absent_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "lr_absent: 0.5", "lr_absent: 0",
		"causes/mastitis.yaml:11: ", "likelihood ratios of 'breast_redness' must be > 0");
}

/* perceived_insufficiency.yaml line 10: cluster_feeding, LR 3. */
static void test_kb__likelihood_ratio_over_1000_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/perceived_insufficiency.yaml", "lr_present: 3.0", "lr_present: 1001",
		"causes/perceived_insufficiency.yaml:10: ", "must be > 0 and ≤ 1000");
}

/* findings.yaml line 7: the label of chills; the text mapping starts at its
 * "en" key on the same line. */
static void test_kb__text_without_chinese_is_refused(void **state)
{
	(void)state;
	expect_kb_error("findings.yaml", "label: {en: \"Chills\", zh-Hans: \"寒战\"}",
		"label: {en: \"Chills\"}", "findings.yaml:7: ", "text 'label' has no zh-Hans translation");
}

static void test_kb__empty_translation_is_refused(void **state)
{
	(void)state;
	expect_kb_error("findings.yaml", "label: {en: \"Chills\", zh-Hans: \"寒战\"}",
		"label: {en: \"Chills\", zh-Hans: \"\"}", "findings.yaml:7: ",
		"text 'label' has an empty zh-Hans translation");
}

/* supply.yaml line 10: the sources of the good_gain rule. */
static void test_kb__dangling_source_id_is_refused(void **state)
{
	(void)state;
	expect_kb_error("supply.yaml", "zh-Hans: \"增长好。\"}\n  sources: [test_paper]",
		"zh-Hans: \"增长好。\"}\n  sources: [no_such_paper]", "supply.yaml:10: ",
		"unknown source id 'no_such_paper'");
}

/* findings.yaml line 5 is "- id: chills"; renaming it repeats line 1's id. */
static void test_kb__duplicate_finding_id_is_refused(void **state)
{
	(void)state;
	expect_kb_error("findings.yaml", "- id: chills\n", "- id: breast_redness\n",
		"findings.yaml:5: ", "duplicate finding id 'breast_redness'");
}

/* sources/tiny.yaml line 6 is "- id: test_paper". */
static void test_kb__duplicate_source_id_is_refused(void **state)
{
	(void)state;
	expect_kb_error("sources/tiny.yaml", "- id: test_paper", "- id: expert_estimate",
		"sources/tiny.yaml:6: ", "duplicate source id 'expert_estimate'");
}

/* triage.yaml line 4: "reason:" of fever_chills misspelt. */
static void test_kb__misspelt_key_is_refused_with_the_allowed_keys(void **state)
{
	(void)state;
	expect_kb_error("triage.yaml", "  reason: {en: \"Fever with chills.\"",
		"  reasn: {en: \"Fever with chills.\"", "triage.yaml:4: ",
		"unknown key 'reasn' (allowed: id, level, when, reason, action, sources, source, note)");
}

/* findings.yaml line 8: a stray '}' closes a flow mapping that is not open. */
static void test_kb__yaml_syntax_error_is_refused_at_its_line(void **state)
{
	(void)state;
	expect_kb_error("findings.yaml", "zh-Hans: \"寒战吗？\"}", "zh-Hans: \"寒战吗？\"}}",
		"findings.yaml:8: ", "YAML syntax error");
}

/* causes/mastitis.yaml line 7 is "evidence_level: cohort"; the repeated key
 * lands on line 8. */
static void test_kb__duplicate_yaml_key_is_refused_at_the_repeat(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "evidence_level: cohort\n",
		"evidence_level: cohort\nevidence_level: rct\n", "causes/mastitis.yaml:8: ",
		"YAML syntax error: duplicate key");
}

/* findings.yaml line 7 holds the Chinese label of chills ("寒战"). */
static void test_kb__invalid_utf8_is_refused_at_its_line(void **state)
{
	(void)state;
	/* A stray byte; an overlong '/'; a UTF-16 surrogate; a sequence cut
	 * short by the closing quote. */
	expect_kb_error("findings.yaml", "zh-Hans: \"寒战\"", "zh-Hans: \"寒\xff\"", "findings.yaml:7: ",
		"not valid UTF-8 (byte 0xff)");
	expect_kb_error("findings.yaml", "zh-Hans: \"寒战\"", "zh-Hans: \"\xc0\xaf\"", "findings.yaml:7: ",
		"not valid UTF-8 (byte 0xc0)");
	expect_kb_error("findings.yaml", "zh-Hans: \"寒战\"", "zh-Hans: \"\xed\xa0\x80\"", "findings.yaml:7: ",
		"not valid UTF-8 (byte 0xed)");
	expect_kb_error("findings.yaml", "zh-Hans: \"寒战\"", "zh-Hans: \"\xe5\xaf\"", "findings.yaml:7: ",
		"not valid UTF-8 (byte 0xe5)");
}

/* libfyaml 0.7.12 never returns from a '%' directive followed by invalid
 * UTF-8 (found by fuzz_kb); the loader must refuse the file first. */
static void test_kb__directive_with_invalid_utf8_is_refused_without_hanging(void **state)
{
	(void)state;
	expect_kb_error("seed.yaml", "source: expert_estimate\n", "%:\xff\n", "seed.yaml:1: ",
		"not valid UTF-8 (byte 0xff)");
}

static void test_kb__four_byte_utf8_is_accepted(void **state)
{
	char *dir = helper_kb_copy();
	galacta_kb *kb = NULL;
	int rc;

	(void)state;
	/* U+1F95B GLASS OF MILK, F0 9F A5 9B. */
	helper_kb_replace(dir, "findings.yaml", "zh-Hans: \"寒战\"", "zh-Hans: \"寒战\xf0\x9f\xa5\x9b\"");
	rc = galacta_kb_load(dir, &kb);
	helper_kb_discard(dir);
	if (rc)
		fail_msg("refused: %s", galacta_error_last());
	galacta_kb_free(kb);
}

/* causes/mastitis.yaml: the drug treatment starts at line 17 ("- id:
 * test_antibiotic"); its text is on line 20. The loader reports the
 * treatment's first line. */
static void test_kb__drug_text_not_addressed_to_a_clinician_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "en: \"A clinician may consider an antibiotic.\"",
		"en: \"Take an antibiotic.\"", "causes/mastitis.yaml:17: ",
		"treatment 'test_antibiotic': text must start with \"A clinician may consider\"");
}

static void test_kb__drug_text_not_addressed_to_a_clinician_in_chinese_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "zh-Hans: \"医生可能会考虑使用抗生素。\"",
		"zh-Hans: \"请服用抗生素。\"", "causes/mastitis.yaml:17: ",
		"text must start with \"医生可能会考虑\"");
}

/* findings.yaml line 20: maternal_fever (the 5th finding) made to depend on
 * fever_with_chills (the 6th, also derived). */
static void test_kb__derived_finding_used_before_its_definition_is_refused(void **state)
{
	(void)state;
	expect_kb_error("findings.yaml", "when: {var: mother.temperature_c, ge: 38.0}",
		"when: {finding: fever_with_chills}", "findings.yaml:20: ",
		"derived finding 'fever_with_chills' must be defined before it is used");
}

static void test_kb__derived_finding_defined_by_itself_is_refused(void **state)
{
	(void)state;
	expect_kb_error("findings.yaml", "when: {var: mother.temperature_c, ge: 38.0}",
		"when: {finding: maternal_fever}", "findings.yaml:20: ",
		"derived finding 'maternal_fever' must be defined before it is used");
}

/* triage.yaml line 9: the very_hot rule's condition. */
static void test_kb__unknown_variable_in_a_condition_is_refused(void **state)
{
	(void)state;
	expect_kb_error("triage.yaml", "{var: mother.temperature_c, ge: 40.5}",
		"{var: mother.temperture_c, ge: 40.5}", "triage.yaml:9: ",
		"unknown variable 'mother.temperture_c'");
}

/* triage.yaml line 9 again; delivery_mode's choices are vaginal,
 * assisted_vaginal, cesarean_planned, cesarean_unplanned (fields.yaml). */
static void test_kb__enum_condition_with_an_invalid_choice_is_refused(void **state)
{
	(void)state;
	expect_kb_error("triage.yaml", "{var: mother.temperature_c, ge: 40.5}",
		"{var: mother.delivery_mode, in: [vaginal, caesarean]}", "triage.yaml:9: ",
		"'caesarean' is not a choice of mother.delivery_mode");
}

static void test_kb__enum_condition_with_a_comparison_is_refused(void **state)
{
	(void)state;
	expect_kb_error("triage.yaml", "{var: mother.temperature_c, ge: 40.5}",
		"{var: mother.delivery_mode, ge: 1}", "triage.yaml:9: ",
		"'mother.delivery_mode' is an enum: use 'in: [choices]'");
}

/* ui.yaml: sources_heading renamed; the error points at the list, whose
 * first item is on line 3. */
static void test_kb__missing_interface_string_is_refused(void **state)
{
	(void)state;
	expect_kb_error("ui.yaml", "{id: sources_heading,", "{id: sources_headline,",
		"ui.yaml:3: ", "missing interface string 'sources_heading'");
}

/* seed.yaml: the one claim starts on line 3. */
static void test_kb__seed_claim_represented_by_a_missing_treatment_is_refused(void **state)
{
	(void)state;
	expect_kb_error("seed.yaml", "treatment:test_antibiotic", "treatment:no_such_drug",
		"seed.yaml:3: ",
		"claim 'mastitis_claim': 'treatment:no_such_drug' does not name a KB cause");
}

/* causes/mastitis.yaml line 1. */
static void test_kb__cause_id_not_matching_its_file_name_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "id: mastitis\n", "id: mastitis_acute\n",
		"causes/mastitis.yaml:1: ", "cause id 'mastitis_acute' must match its file name");
}

static void test_kb__cause_id_that_is_a_prefix_of_its_file_name_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "id: mastitis\n", "id: mast\n",
		"causes/mastitis.yaml:1: ", "cause id 'mast' must match its file name");
}

/* norms.yaml line 5: the second row now starts at day 7, leaving day 6
 * without a norm. */
static void test_kb__diaper_norms_with_a_gap_are_refused(void **state)
{
	(void)state;
	expect_kb_error("norms.yaml", "from_day: 6,", "from_day: 7,", "norms.yaml:5: ",
		"diaper rows must be whole days from 1, contiguous and increasing");
}

/* norms.yaml line 5: overlapping the first row (days 1-5). */
static void test_kb__overlapping_diaper_norms_are_refused(void **state)
{
	(void)state;
	expect_kb_error("norms.yaml", "from_day: 6,", "from_day: 5,", "norms.yaml:5: ",
		"contiguous and increasing");
}

/* norms.yaml line 5: days far beyond int (found by fuzz_kb: the loader
 * cast them to int, which is undefined behaviour). */
static void test_kb__diaper_day_beyond_int_range_is_refused(void **state)
{
	(void)state;
	expect_kb_error("norms.yaml", "from_day: 6, to_day: 42,", "from_day: 1e300, to_day: 1e301,",
		"norms.yaml:5: ", "diaper rows must be whole days from 1, contiguous and increasing");
	expect_kb_error("norms.yaml", "from_day: 6, to_day: 42,", "from_day: 6, to_day: 2147483647,",
		"norms.yaml:5: ", "diaper rows must be whole days from 1, contiguous and increasing");
}

/* fields.yaml line 192 is "- path: infant.sex"; the engine reads the sex
 * as a choice name, so any other type crashed galacta_case_parse(). */
static void test_kb__infant_sex_that_is_not_female_male_is_refused(void **state)
{
	(void)state;
	expect_kb_error("fields.yaml", "  type: enum\n  choices: [female, male]\n",
		"  type: number\n  min: 0\n  max: 5\n", "fields.yaml:192: ",
		"infant.sex must be an enum with choices [female, male]");
	expect_kb_error("fields.yaml", "choices: [female, male]", "choices: [girl, boy]",
		"fields.yaml:192: ", "infant.sex must be an enum with choices [female, male]");
}

/* causes/mastitis.yaml line 9. */
static void test_kb__prior_of_one_is_refused(void **state)
{
	(void)state;
	expect_kb_error("causes/mastitis.yaml", "prior: {probability: 0.2,", "prior: {probability: 1,",
		"causes/mastitis.yaml:9: ", "prior probability must be strictly between 0 and 1");
}

/* triage.yaml line 2: the level of fever_chills; reported at the rule,
 * whose first key is on line 1. */
static void test_kb__unknown_triage_level_is_refused(void **state)
{
	(void)state;
	expect_kb_error("triage.yaml", "level: urgent", "level: soon", "triage.yaml:1: ",
		"level must be emergency, urgent, consult or self_care, not 'soon'");
}

/* supply.yaml line 3: a supply rule may not depend on the supply status. */
static void test_kb__supply_rule_on_the_supply_status_is_refused(void **state)
{
	(void)state;
	expect_kb_error("supply.yaml", "when: {finding: weight_loss_10_plus}", "when: {supply: adequate}",
		"supply.yaml:3: ", "'supply' conditions are allowed only in triage rules");
}

/* ---- small lookups of kb.h ------------------------------------------ */

static void test_kb__language_names_parse_to_the_two_languages(void **state)
{
	galacta_lang l = GALACTA_LANG_ZH_HANS;

	(void)state;
	assert_int_equal(galacta_lang_parse("en", &l), 0);
	assert_int_equal(l, GALACTA_LANG_EN);
	assert_int_equal(galacta_lang_parse("zh-Hans", &l), 0);
	assert_int_equal(l, GALACTA_LANG_ZH_HANS);
	l = GALACTA_LANG_EN;
	assert_int_equal(galacta_lang_parse("zh_CN", &l), 0);
	assert_int_equal(l, GALACTA_LANG_ZH_HANS);
	assert_int_equal(galacta_lang_parse("fr", &l), GALACTA_EINVALID);
	assert_contains(galacta_error_last(), "'fr' is not supported");
	assert_int_equal(galacta_lang_parse("", &l), GALACTA_EINVALID);
	assert_string_equal(galacta_lang_name(GALACTA_LANG_ZH_HANS), "zh-Hans");
	assert_string_equal(galacta_lang_name(GALACTA_LANG_EN), "en");
}

static void test_kb__level_and_status_names_are_the_spec_words(void **state)
{
	(void)state;
	assert_string_equal(galacta_triage_name(GALACTA_TRIAGE_SELF_CARE), "self_care");
	assert_string_equal(galacta_triage_name(GALACTA_TRIAGE_EMERGENCY), "emergency");
	assert_null(galacta_triage_name(GALACTA_TRIAGE_COUNT));
	assert_string_equal(galacta_supply_name(GALACTA_SUPPLY_INSUFFICIENT), "insufficient");
	assert_null(galacta_supply_name(GALACTA_SUPPLY_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kb__tiny_kb_loads_with_two_causes_and_nine_findings),
		cmocka_unit_test(test_kb__tiny_kb_tables_have_the_sizes_of_the_fixture_files),
		cmocka_unit_test(test_kb__missing_directory_is_an_io_error),
		cmocka_unit_test(test_kb__missing_file_is_an_io_error_naming_it),
		cmocka_unit_test(test_kb__null_out_is_invalid),
		cmocka_unit_test(test_kb__link_to_unknown_finding_is_refused),
		cmocka_unit_test(test_kb__zero_likelihood_ratio_is_refused),
		cmocka_unit_test(test_kb__negative_likelihood_ratio_is_refused),
		cmocka_unit_test(test_kb__zero_lr_absent_is_refused),
		cmocka_unit_test(test_kb__likelihood_ratio_over_1000_is_refused),
		cmocka_unit_test(test_kb__text_without_chinese_is_refused),
		cmocka_unit_test(test_kb__empty_translation_is_refused),
		cmocka_unit_test(test_kb__dangling_source_id_is_refused),
		cmocka_unit_test(test_kb__duplicate_finding_id_is_refused),
		cmocka_unit_test(test_kb__duplicate_source_id_is_refused),
		cmocka_unit_test(test_kb__misspelt_key_is_refused_with_the_allowed_keys),
		cmocka_unit_test(test_kb__yaml_syntax_error_is_refused_at_its_line),
		cmocka_unit_test(test_kb__duplicate_yaml_key_is_refused_at_the_repeat),
		cmocka_unit_test(test_kb__invalid_utf8_is_refused_at_its_line),
		cmocka_unit_test(test_kb__directive_with_invalid_utf8_is_refused_without_hanging),
		cmocka_unit_test(test_kb__four_byte_utf8_is_accepted),
		cmocka_unit_test(test_kb__drug_text_not_addressed_to_a_clinician_is_refused),
		cmocka_unit_test(test_kb__drug_text_not_addressed_to_a_clinician_in_chinese_is_refused),
		cmocka_unit_test(test_kb__derived_finding_used_before_its_definition_is_refused),
		cmocka_unit_test(test_kb__derived_finding_defined_by_itself_is_refused),
		cmocka_unit_test(test_kb__unknown_variable_in_a_condition_is_refused),
		cmocka_unit_test(test_kb__enum_condition_with_an_invalid_choice_is_refused),
		cmocka_unit_test(test_kb__enum_condition_with_a_comparison_is_refused),
		cmocka_unit_test(test_kb__missing_interface_string_is_refused),
		cmocka_unit_test(test_kb__seed_claim_represented_by_a_missing_treatment_is_refused),
		cmocka_unit_test(test_kb__cause_id_not_matching_its_file_name_is_refused),
		cmocka_unit_test(test_kb__cause_id_that_is_a_prefix_of_its_file_name_is_refused),
		cmocka_unit_test(test_kb__diaper_norms_with_a_gap_are_refused),
		cmocka_unit_test(test_kb__overlapping_diaper_norms_are_refused),
		cmocka_unit_test(test_kb__diaper_day_beyond_int_range_is_refused),
		cmocka_unit_test(test_kb__infant_sex_that_is_not_female_male_is_refused),
		cmocka_unit_test(test_kb__prior_of_one_is_refused),
		cmocka_unit_test(test_kb__unknown_triage_level_is_refused),
		cmocka_unit_test(test_kb__supply_rule_on_the_supply_status_is_refused),
		cmocka_unit_test(test_kb__language_names_parse_to_the_two_languages),
		cmocka_unit_test(test_kb__level_and_status_names_are_the_spec_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
