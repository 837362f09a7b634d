/*
 * test_interview.c — unit tests of the adaptive interview (interview.c,
 * interview_eval.c, interview_answer.c, kb_interview.c) on the fixture
 * tests/data/kb-interview/interview.yaml laid over a private copy of
 * kb-tiny, whose numbers make the expected gains computable by hand:
 *
 *   mastitis prior 0.2; breast_redness LR+ 4, LR- 0.5; maternal_fever
 *   (temperature >= 38.0) LR+ 2, LR- 0.8. A link's 2x2 table:
 *   r = (1 - LR-)/(LR+ - LR-), s = LR+ r.
 *
 *   breast_redness: r = 0.5/3.5 = 1/7, s = 4/7; at the prior
 *     P(yes) = 0.2·4/7 + 0.8·1/7 = 8/35.
 *     yes: odds 0.25·4 = 1, p = 1/2; no: odds 0.25·0.5, p = 1/9.
 *     gain = 8/35·KL(1/2‖0.2) + 27/35·KL(1/9‖0.2)
 *          = 8/35·0.321928 + 27/35·0.040892 = 0.105129 bits
 *     (= H(0.2) − E[H(p after)]: the update is coherent). Triage stays
 *     consult (supply uncertain): triage information 0.
 *
 *   chills, when the mother has a fever (38.5 °C): fever_with_chills
 *     makes the case urgent. chills has no link, so P(yes) is the
 *     finding prevalence 0.1; the triage level after the answer is urgent
 *     with 0.1, consult with 0.9: information H(0.1) = 0.468996 bits; no
 *     cause moves.
 *
 *   mother.temperature_c: thresholds 38.0 (maternal_fever) and 40.5
 *     (emergency). maternal_fever: r = 0.2/1.2 = 1/6, s = 1/3, P = 0.2.
 *     Answers: below 38 (maternal_fever absent, weight 0.8), 38 to 40.5
 *     (present, 0.2), 40.5 or more (present and an emergency no red-flag
 *     finding predicts: 0.2 × red_flag_rate 0.02 = 0.004). Normalised:
 *     0.796813, 0.199203, 0.003984. Mastitis: 1/6 when absent, 1/3 when
 *     present. gain = 0.796813·KL(1/6‖0.2) + 0.203187·KL(1/3‖0.2)
 *          = 0.796813·0.005239 + 0.203187·0.070299 = 0.018458 bits;
 *     triage: consult 0.996016, emergency 0.003984: 0.037496 bits.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <math.h>

#include "helpers.h"

#include "assess_internal.h"
#include "case_internal.h"
#include "cond.h"
#include "interview_internal.h"

#define FIXTURE GALACTA_TEST_DATA_DIR "/kb-interview/interview.yaml"
#define CASE(body) "{\"format\": \"galacta-case/1\"" body "}"

static galacta_kb *kb;   /* kb-tiny + the fixture interview.yaml */
static char *kb_dir;

static void add_fixture(const char *dir)
{
	char path[1024];
	size_t len;
	char *text = helper_read_file(FIXTURE, &len);

	helper_join(path, sizeof(path), dir, "interview.yaml");
	helper_write_file(path, text, len);
	free(text);
}

static int setup(void **state)
{
	(void)state;
	kb_dir = helper_kb_copy();
	add_fixture(kb_dir);
	return galacta_kb_load(kb_dir, &kb);
}

static int teardown(void **state)
{
	(void)state;
	galacta_kb_free(kb);
	helper_kb_discard(kb_dir);
	return 0;
}

static double kl(double q, double p)
{
	return q * log2(q / p) + (1 - q) * log2((1 - q) / (1 - p));
}

/* --- the gain, worked out by hand ---------------------------------------- */

static void test_interview__finding_gain_is_the_expected_kl_worked_by_hand(void **state)
{
	galacta_case *c = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 20}"));
	double g, t, pc, py;
	double want = 8.0 / 35 * kl(0.5, 0.2) + 27.0 / 35 * kl(1.0 / 9, 0.2);

	(void)state;
	assert_int_equal(interview__score(kb, c, "breast_redness", &g, &t, &pc, &py), 0);
	assert_near(py, 8.0 / 35, 1e-9);
	assert_near(want, 0.105129, 1e-6);
	assert_near(g, want, 1e-9);
	/* A coherent update: the expected KL is the entropy reduction. */
	assert_near(g, 0.721928 - (8.0 / 35 * 1.0 + 27.0 / 35 * 0.503258), 1e-5);
	assert_near(t, 0.0, 1e-12);
	assert_near(pc, 0.0, 1e-12);
	galacta_case_free(c);
}

static void test_interview__triage_information_is_the_entropy_of_the_level_after(void **state)
{
	galacta_case *c = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 20}, \"mother\": {\"temperature_c\": 38.5}"));
	double g, t, pc, py;

	(void)state;
	assert_int_equal(interview__score(kb, c, "chills", &g, &t, &pc, &py), 0);
	assert_near(py, 0.1, 1e-9);
	assert_near(t, -(0.1 * log2(0.1) + 0.9 * log2(0.9)), 1e-9);
	assert_near(t, 0.468996, 1e-6);
	assert_near(g, 0.0, 1e-12);
	assert_near(pc, 0.1, 1e-9);
	galacta_case_free(c);
}

static void test_interview__numbers_are_binned_by_the_kb_thresholds(void **state)
{
	galacta_case *c = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 20}"));
	double g, t, pc, py, total = 0.8 + 0.2 + 0.2 * 0.02;
	double p_lo = 0.8 / total, p_hi = 0.2 * 0.02 / total, p_mid = 0.2 / total;
	double want = p_lo * kl(1.0 / 6, 0.2) + (p_mid + p_hi) * kl(1.0 / 3, 0.2);

	(void)state;
	assert_int_equal(interview__score(kb, c, "mother.temperature_c", &g, &t, &pc, &py), 0);
	assert_near(want, 0.018458, 1e-6);
	assert_near(g, want, 1e-9);
	assert_near(t, -((p_lo + p_mid) * log2(p_lo + p_mid) + p_hi * log2(p_hi)), 1e-9);
	assert_near(t, 0.037496, 1e-6);
	assert_near(pc, p_hi, 1e-9);
	galacta_case_free(c);
}

static void test_interview__hard_to_answer_questions_count_for_less(void **state)
{
	galacta_kb *k2 = NULL;
	char *dir = helper_kb_copy();
	galacta_case *c1, *c2;
	double g1, g2, t, pc, py;

	(void)state;
	add_fixture(dir);
	helper_kb_replace(dir, "interview.yaml", "  - ids: [\"mother.labs.*\"]\n    rate: 0.5\n",
		"  - ids: [\"mother.labs.*\", breast_redness]\n    rate: 0.5\n");
	assert_int_equal(galacta_kb_load(dir, &k2), 0);
	c1 = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 20}"));
	c2 = helper_parse(k2, CASE(", \"infant\": {\"age_days\": 20}"));
	assert_int_equal(interview__score(kb, c1, "breast_redness", &g1, &t, &pc, &py), 0);
	assert_int_equal(interview__score(k2, c2, "breast_redness", &g2, &t, &pc, &py), 0);
	assert_near(g2, 0.5 * g1, 1e-12);
	galacta_case_free(c1);
	galacta_case_free(c2);
	galacta_kb_free(k2);
	helper_kb_discard(dir);
}

/* --- the step ----------------------------------------------------------- */

static char *step_json(const galacta_kb *k, const char *case_json)
{
	galacta_case *c = helper_parse(k, case_json);
	char *out = NULL;

	assert_int_equal(galacta_interview_next(k, c, GALACTA_LANG_EN, GALACTA_RENDER_COMPACT, &out), 0);
	galacta_case_free(c);
	return out;
}

static void test_interview__asks_the_age_first(void **state)
{
	char *out = step_json(kb, CASE(""));
	json_t *j = json_loads(out, 0, NULL);

	(void)state;
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "format")), "galacta-interview/1");
	assert_false(json_is_true(json_object_get(j, "should_stop")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "question"), "id")), "infant.age_days");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "question"), "kind")), "number");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "assessment"), "format")),
		"galacta-assessment/1");
	json_decref(j);
	galacta_free(out);
}

static void test_interview__chooses_the_most_informative_question(void **state)
{
	/* The weights are unknown (a weight loss of 10 % would tell most). */
	galacta_case *c = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 20, \"weights\": null,"
		" \"weight_change_pct_from_birth\": null}"));
	galacta_interview *iv = NULL;
	galacta_question q;

	(void)state;
	assert_int_equal(galacta_interview_step(kb, c, &iv), 0);
	assert_int_equal(galacta_interview_question(iv, GALACTA_LANG_EN, &q), 0);
	/* breast_redness (0.105 bits) beats the temperature (0.018 + 0.037)
	 * and cluster_feeding (0.1 · KL(0.75‖0.5) = 0.019). */
	assert_string_equal(q.id, "breast_redness");
	assert_int_equal(q.kind, GALACTA_QUESTION_FINDING);
	assert_false(q.safety);
	assert_near(q.expected_gain, 0.105129, 1e-5);
	galacta_interview_free(iv);
	galacta_case_free(c);
}

/* Remembers that id was asked; fails when it was asked before. */
static void asked_once(char **asked, size_t *n, size_t cap, const char *id)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (!strcmp(asked[i], id))
			fail_msg("%s asked twice", id);
	assert_true(*n < cap);
	asked[(*n)++] = strdup(id);
}

/* Answers every question "don't know" (null; each question of a group)
 * until the interview stops: no question may come twice, and it must
 * stop. A group's id may come again with other questions. */
static void run_all_null(const galacta_kb *k, const char *start)
{
	char *json = strdup(start), *asked[400], value[8192];
	size_t n = 0, i;

	assert_non_null(json);
	for (;;) {
		galacta_case *c = helper_parse(k, json);
		galacta_interview *iv = NULL;
		galacta_question q;
		char *next = NULL;

		assert_int_equal(galacta_interview_step(k, c, &iv), 0);
		if (galacta_interview_should_stop(iv)) {
			assert_non_null(galacta_interview_stop_reason(iv));
			galacta_interview_free(iv);
			galacta_case_free(c);
			break;
		}
		assert_int_equal(galacta_interview_question(iv, GALACTA_LANG_EN, &q), 0);
		if (q.kind == GALACTA_QUESTION_GROUP) {
			size_t used = 0;
			assert_true(q.n_items > 1);
			used += (size_t)snprintf(value, sizeof(value), "{");
			for (i = 0; i < q.n_items; i++) {
				asked_once(asked, &n, sizeof(asked) / sizeof(*asked), q.items[i].id);
				used += (size_t)snprintf(value + used, sizeof(value) - used, "%s\"%s\": null",
					i ? ", " : "", q.items[i].id);
				assert_true(used < sizeof(value) - 2);
			}
			strcat(value, "}");
		} else {
			asked_once(asked, &n, sizeof(asked) / sizeof(*asked), q.id);
			strcpy(value, "null");
		}
		assert_int_equal(galacta_interview_set(k, json, strlen(json), q.id, value, &next), 0);
		free(json);
		json = next;
		galacta_interview_free(iv);
		galacta_case_free(c);
	}
	for (i = 0; i < n; i++)
		free(asked[i]);
	free(json);
}

static void test_interview__never_asks_a_question_twice_even_after_dont_know(void **state)
{
	galacta_kb *full = NULL;

	(void)state;
	run_all_null(kb, CASE(""));
	assert_int_equal(galacta_kb_load(GALACTA_TEST_KB_DIR, &full), 0);
	run_all_null(full, CASE(""));
	run_all_null(full, CASE(", \"infant\": {\"age_days\": 3}"));
	galacta_kb_free(full);
}

static void test_interview__never_asks_what_the_case_holds(void **state)
{
	/* Everything the fixture can ask is answered, some with null. */
	galacta_case *c = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 20, \"sex\": null}, \"mother\": {\"temperature_c\": 37},"
		" \"findings\": {\"breast_redness\": false, \"cluster_feeding\": null}"));
	galacta_interview *iv = NULL;
	galacta_question q;

	(void)state;
	assert_int_equal(galacta_interview_step(kb, c, &iv), 0);
	if (!galacta_interview_should_stop(iv)) {
		assert_int_equal(galacta_interview_question(iv, GALACTA_LANG_EN, &q), 0);
		assert_string_not_equal(q.id, "breast_redness");
		assert_string_not_equal(q.id, "cluster_feeding");
		assert_string_not_equal(q.id, "infant.sex");
		assert_string_not_equal(q.id, "mother.temperature_c");
		assert_string_not_equal(q.id, "infant.age_days");
	}
	galacta_interview_free(iv);
	galacta_case_free(c);
}

/* --- the stop rule -------------------------------------------------------- */

static void test_interview__stops_when_the_budget_is_spent(void **state)
{
	/* max_questions 6: six answers in the case that count. The age and
	 * chills are the fixture's safety questions, always asked: they do
	 * not count; a "don't know" (cluster_feeding) does. */
	galacta_case *c = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 20, \"sex\": \"female\", \"birth_weight_g\": 3300},"
		" \"mother\": {\"age_years\": 30, \"previous_births\": 1},"
		" \"findings\": {\"chills\": false, \"breast_redness\": false, \"cluster_feeding\": null}"));
	galacta_interview *iv = NULL;

	(void)state;
	assert_int_equal(galacta_interview_step(kb, c, &iv), 0);
	assert_int_equal(galacta_interview_answered(iv), 6);
	assert_true(galacta_interview_should_stop(iv));
	assert_string_equal(galacta_interview_stop_reason(iv), "budget");
	assert_int_equal(galacta_interview_question(iv, GALACTA_LANG_EN, &(galacta_question){0}), GALACTA_ENOTFOUND);
	galacta_interview_free(iv);
	galacta_case_free(c);
}

static void test_interview__the_budget_never_cuts_a_safety_follow_up(void **state)
{
	/* Six answers that count, and a fever: the chills follow-up is
	 * still asked. */
	galacta_case *c = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 20, \"sex\": \"female\", \"birth_weight_g\": 3300},"
		" \"mother\": {\"age_years\": 30, \"previous_births\": 1, \"temperature_c\": 38.6},"
		" \"findings\": {\"breast_redness\": false}"));
	galacta_interview *iv = NULL;
	galacta_question q;

	(void)state;
	assert_int_equal(galacta_interview_step(kb, c, &iv), 0);
	assert_int_equal(galacta_interview_answered(iv), 6);
	assert_false(galacta_interview_should_stop(iv));
	assert_int_equal(galacta_interview_question(iv, GALACTA_LANG_EN, &q), 0);
	assert_string_equal(q.id, "chills");
	assert_true(q.safety);
	assert_string_equal(q.help, "Fever: chills? Yes, no or don't know.");
	galacta_interview_free(iv);
	galacta_case_free(c);
}

static void test_interview__stops_when_no_question_tells_enough(void **state)
{
	galacta_kb *k2 = NULL;
	char *dir = helper_kb_copy();
	galacta_case *c;
	galacta_interview *iv = NULL;

	(void)state;
	add_fixture(dir);
	helper_kb_replace(dir, "interview.yaml", "min_gain_bits: 0.001", "min_gain_bits: 5");
	assert_int_equal(galacta_kb_load(dir, &k2), 0);
	c = helper_parse(k2, CASE(", \"infant\": {\"age_days\": 20}"));
	assert_int_equal(galacta_interview_step(k2, c, &iv), 0);
	assert_true(galacta_interview_should_stop(iv));
	assert_string_equal(galacta_interview_stop_reason(iv), "low_gain");
	galacta_interview_free(iv);
	galacta_case_free(c);
	galacta_kb_free(k2);
	helper_kb_discard(dir);
}

static void test_interview__stops_when_nothing_likely_changes_triage_or_top3(void **state)
{
	galacta_kb *k2 = NULL;
	char *dir = helper_kb_copy();
	galacta_case *c;
	galacta_interview *iv = NULL;

	(void)state;
	add_fixture(dir);
	/* With two causes the top 3 never changes; only the triage could. */
	helper_kb_replace(dir, "interview.yaml", "min_change_probability: 0.0", "min_change_probability: 0.5");
	assert_int_equal(galacta_kb_load(dir, &k2), 0);
	c = helper_parse(k2, CASE(", \"infant\": {\"age_days\": 20}"));
	assert_int_equal(galacta_interview_step(k2, c, &iv), 0);
	assert_true(galacta_interview_should_stop(iv));
	assert_string_equal(galacta_interview_stop_reason(iv), "stable");
	galacta_interview_free(iv);
	galacta_case_free(c);
	galacta_kb_free(k2);
	helper_kb_discard(dir);
}

static void test_interview__a_kb_without_interview_yaml_cannot_interview(void **state)
{
	galacta_kb *tiny = NULL;
	galacta_case *c;
	galacta_interview *iv = (galacta_interview *)1;

	(void)state;
	assert_int_equal(galacta_kb_load(TINY_KB_DIR, &tiny), 0);
	c = helper_parse(tiny, CASE(""));
	assert_int_equal(galacta_interview_step(tiny, c, &iv), GALACTA_ENOTFOUND);
	assert_null(iv);
	assert_null(galacta_interview_text(tiny, "intro", GALACTA_LANG_EN));
	galacta_case_free(c);
	galacta_kb_free(tiny);
}

/* --- the fast path equals galacta_assess ---------------------------------- */

static void check_base(const galacta_kb *k, const char *json)
{
	galacta_case *c = helper_parse(k, json);
	galacta_assessment *a = NULL;
	arena mem = {0};
	iv_ctx x;
	size_t i;

	memset(&x, 0, sizeof(x));
	assert_int_equal(galacta_assess(k, c, &a), 0);
	assert_int_equal(iv__init(&x, k, c, &mem), 0);
	assert_int_equal(x.base.triage, a->triage);
	assert_int_equal(x.base.supply, a->supply);
	for (i = 0; i < a->n_causes; i++)
		assert_true(x.base.prob[a->causes[i].cause] == a->causes[i].probability);
	for (i = 0; i < k->n_findings; i++)
		assert_int_equal(x.base.finding[i], a->finding[i]);
	arena__free(&mem);
	galacta_assessment_free(a);
	galacta_case_free(c);
}

static void test_interview__base_state_equals_galacta_assess_on_every_example(void **state)
{
	static const char *const files[] = {"caesarean-milk-not-in.json", "cluster-feeding-normal-growth.json",
		"mastitis-fever.json", "postpartum-depression-self-harm.json", "smoking-pseudoephedrine.json",
		"tongue-tie-painful-latch.json"};
	galacta_kb *full = NULL;
	size_t i;

	(void)state;
	assert_int_equal(galacta_kb_load(GALACTA_TEST_KB_DIR, &full), 0);
	for (i = 0; i < sizeof(files) / sizeof(*files); i++) {
		char path[1024];
		char *text;
		helper_join(path, sizeof(path), GALACTA_TEST_KB_DIR "/../examples", files[i]);
		text = helper_read_file(path, NULL);
		check_base(full, text);
		free(text);
	}
	check_base(kb, CASE(", \"infant\": {\"age_days\": 3, \"birth_weight_g\": 3000, \"weights\": [{\"age_days\": 3, \"weight_g\": 2650}]},"
		" \"mother\": {\"temperature_c\": 38.6}, \"findings\": {\"chills\": true}"));
	galacta_kb_free(full);
}

/* A what-if gives what galacta_assess gives on the case with that answer. */
static void check_whatif(const galacta_kb *k, const char *before, const char *after, const iv_answer *ans)
{
	galacta_case *c = helper_parse(k, before), *c2 = helper_parse(k, after);
	galacta_assessment *a = NULL;
	arena mem = {0};
	iv_ctx x;
	iv_outcome o;
	double prob[64];
	signed char finding[512];
	size_t i;

	assert_true(k->n_causes <= 64 && k->n_findings <= 512);
	memset(&x, 0, sizeof(x));
	assert_int_equal(iv__init(&x, k, c, &mem), 0);
	o.prob = prob;
	o.finding = finding;
	iv__whatif(&x, ans, &o);
	assert_int_equal(galacta_assess(k, c2, &a), 0);
	assert_int_equal(o.triage, a->triage);
	assert_int_equal(o.supply, a->supply);
	for (i = 0; i < a->n_causes; i++)
		assert_near(prob[a->causes[i].cause], a->causes[i].probability, 1e-12);
	for (i = 0; i < k->n_findings; i++)
		assert_int_equal(finding[i], a->finding[i]);
	galacta_assessment_free(a);
	arena__free(&mem);
	galacta_case_free(c);
	galacta_case_free(c2);
}

#define BASE_INFANT "\"infant\": {\"age_days\": 20, \"birth_weight_g\": 3400"

static void test_interview__a_what_if_equals_assessing_the_answered_case(void **state)
{
	galacta_kb *full = NULL;
	iv_answer ans;
	case_weight w[2] = {{6, 3300}, {20, 3500}};

	(void)state;
	assert_int_equal(galacta_kb_load(GALACTA_TEST_KB_DIR, &full), 0);
	/* A finding that observe.c reads (milk not in: hours without milk). */
	memset(&ans, 0, sizeof(ans));
	ans.var = -1;
	ans.finding = kb__finding_index(full, "milk_came_in");
	ans.fvalue = TRI_FALSE;
	check_whatif(full, CASE(", \"infant\": {\"age_days\": 4, \"birth_weight_g\": 3400, \"weights\": [{\"age_days\": 4, \"weight_g\": 3000}]}"),
		CASE(", \"infant\": {\"age_days\": 4, \"birth_weight_g\": 3400, \"weights\": [{\"age_days\": 4, \"weight_g\": 3000}]},"
		     " \"findings\": {\"milk_came_in\": false}"), &ans);
	/* A red flag. */
	ans.finding = kb__finding_index(full, "self_harm_thoughts");
	ans.fvalue = TRI_TRUE;
	check_whatif(full, CASE(", " BASE_INFANT "}"), CASE(", " BASE_INFANT "}, \"findings\": {\"self_harm_thoughts\": true}"), &ans);
	/* A number with thresholds of its own. */
	memset(&ans, 0, sizeof(ans));
	ans.finding = -1;
	ans.var = kb__var_index(full, "mother.temperature_c");
	ans.value = 38.6;
	check_whatif(full, CASE(", " BASE_INFANT "}, \"findings\": {\"breast_redness\": true}"),
		CASE(", " BASE_INFANT "}, \"mother\": {\"temperature_c\": 38.6}, \"findings\": {\"breast_redness\": true}"), &ans);
	/* A number that feeds an observation (wet diapers: the deficit). */
	ans.var = kb__var_index(full, "infant.wet_diapers_per_24h");
	ans.value = 2;
	ans.observe = true;
	check_whatif(full, CASE(", " BASE_INFANT "}"), CASE(", " BASE_INFANT ", \"wet_diapers_per_24h\": 2}"), &ans);
	/* An enum that feeds one (the sex, for WHO z-scores). */
	ans.var = kb__var_index(full, "infant.sex");
	ans.value = 1; /* male */
	check_whatif(full, CASE(", " BASE_INFANT ", \"weights\": [{\"age_days\": 6, \"weight_g\": 3300}, {\"age_days\": 20, \"weight_g\": 3500}]}"),
		CASE(", " BASE_INFANT ", \"sex\": \"male\", \"weights\": [{\"age_days\": 6, \"weight_g\": 3300}, {\"age_days\": 20, \"weight_g\": 3500}]}"), &ans);
	/* Weights. */
	memset(&ans, 0, sizeof(ans));
	ans.finding = ans.var = -1;
	ans.set_weights = ans.observe = true;
	ans.weights = w;
	ans.n_weights = 2;
	check_whatif(full, CASE(", " BASE_INFANT ", \"sex\": \"female\"}"),
		CASE(", " BASE_INFANT ", \"sex\": \"female\", \"weights\": [{\"age_days\": 6, \"weight_g\": 3300}, {\"age_days\": 20, \"weight_g\": 3500}]}"), &ans);
	galacta_kb_free(full);
}

/* --- reading typed answers ------------------------------------------------ */

static char *read_ok(const char *id, const char *text, galacta_lang lang)
{
	galacta_answer_kind kind;
	char *v = NULL;
	galacta_case *c = helper_parse(kb, CASE(", \"infant\": {\"age_days\": 9}"));

	if (galacta_interview_read_answer(kb, c, id, text, lang, &kind, &v))
		fail_msg("%s: %s", text, galacta_error_last());
	assert_int_equal(kind, GALACTA_ANSWER_VALUE);
	galacta_case_free(c);
	return v;
}

#define ASSERT_READS(id, text, lang, want)        \
	do {                                      \
		char *v_ = read_ok(id, text, lang); \
		assert_string_equal(v_, want);      \
		galacta_free(v_);                   \
	} while (0)

static void test_interview__reads_yes_no_and_dont_know_in_both_languages(void **state)
{
	galacta_answer_kind kind;
	char *v = NULL;

	(void)state;
	ASSERT_READS("chills", "Yes", GALACTA_LANG_EN, "true");
	ASSERT_READS("chills", "  n. ", GALACTA_LANG_EN, "false");
	ASSERT_READS("chills", "don't know", GALACTA_LANG_EN, "null");
	ASSERT_READS("chills", "是", GALACTA_LANG_ZH_HANS, "true");
	ASSERT_READS("chills", "否。", GALACTA_LANG_ZH_HANS, "false");
	ASSERT_READS("chills", "不知道", GALACTA_LANG_ZH_HANS, "null");
	ASSERT_READS("chills", "yes", GALACTA_LANG_ZH_HANS, "true"); /* English works in Chinese too */
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "chills", "返回", GALACTA_LANG_ZH_HANS, &kind, &v), 0);
	assert_int_equal(kind, GALACTA_ANSWER_BACK);
	assert_null(v);
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "chills", "maybe", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	assert_string_equal(galacta_error_last(), "Yes or no, please.");
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "no_such_question", "yes", GALACTA_LANG_EN, &kind, &v),
		GALACTA_ENOTFOUND);
}

static void test_interview__reads_numbers_with_units_and_checks_the_range(void **state)
{
	galacta_answer_kind kind;
	char *v = NULL;

	(void)state;
	ASSERT_READS("mother.temperature_c", "38.5", GALACTA_LANG_EN, "38.5");
	ASSERT_READS("mother.temperature_c", "38,5 °C", GALACTA_LANG_EN, "38.5");
	ASSERT_READS("mother.temperature_c", "101.3 F", GALACTA_LANG_EN, "38.5");
	ASSERT_READS("infant.birth_weight_g", "3.3 kg", GALACTA_LANG_EN, "3300");
	ASSERT_READS("infant.birth_weight_g", "3300克", GALACTA_LANG_ZH_HANS, "3300");
	/* full-width digits and signs, as Chinese input methods type them;
	 * the ideographic space; 斤 = 500 g */
	ASSERT_READS("mother.temperature_c", "３８．５", GALACTA_LANG_ZH_HANS, "38.5");
	ASSERT_READS("mother.temperature_c", "\xe3\x80\x80" "38.5℃", GALACTA_LANG_ZH_HANS, "38.5");
	ASSERT_READS("infant.birth_weight_g", "6.6斤", GALACTA_LANG_ZH_HANS, "3300");
	ASSERT_READS("infant.birth_weight_g", "３３００", GALACTA_LANG_ZH_HANS, "3300");
	ASSERT_READS("infant.age_days", "2 weeks", GALACTA_LANG_EN, "14");
	ASSERT_READS("mother.previous_births", "2", GALACTA_LANG_EN, "2");
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "mother.temperature_c", "47", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	assert_string_equal(galacta_error_last(), "From 30 to 44 °C, please.");
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "mother.temperature_c", "hot", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "mother.previous_births", "1.5", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	assert_string_equal(galacta_error_last(), "A whole number from 0 to 20 births, please.");
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "mother.temperature_c", "38 kg", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
}

static void test_interview__reads_choices_weights_and_lists(void **state)
{
	galacta_answer_kind kind;
	char *v = NULL;

	(void)state;
	ASSERT_READS("mother.delivery_mode", "3", GALACTA_LANG_EN, "\"cesarean_planned\"");
	ASSERT_READS("mother.delivery_mode", "vaginal", GALACTA_LANG_EN, "\"vaginal\"");
	ASSERT_READS("mother.delivery_mode", "Emergency caesarean", GALACTA_LANG_EN, "\"cesarean_unplanned\"");
	ASSERT_READS("infant.sex", "男孩", GALACTA_LANG_ZH_HANS, "\"male\"");
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "infant.sex", "9", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	/* Without an age, the weight is today's (age_days 9 in the case). */
	ASSERT_READS("infant.weights", "3020", GALACTA_LANG_EN, "[{\"age_days\":9,\"weight_g\":3020}]");
	ASSERT_READS("infant.weights", "3150 g at 5 days; 3.02 kg 2 d", GALACTA_LANG_EN,
		"[{\"age_days\":2,\"weight_g\":3020},{\"age_days\":5,\"weight_g\":3150}]");
	ASSERT_READS("infant.weights", "3100 g at 36 h", GALACTA_LANG_EN, "[{\"age_days\":1.5,\"weight_g\":3100}]");
	assert_int_equal(galacta_interview_read_answer(kb, NULL, "infant.weights", "35 g", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	assert_string_equal(galacta_error_last(), "A weight from 300 to 30000 g, please.");
	ASSERT_READS("mother.medications", "Ibuprofen, sertraline", GALACTA_LANG_EN, "[\"Ibuprofen\",\"sertraline\"]");
	ASSERT_READS("mother.medications", "none", GALACTA_LANG_EN, "[]");
	ASSERT_READS("mother.medications", "没有", GALACTA_LANG_ZH_HANS, "[]");
}

static void test_interview__writes_an_answer_into_the_case(void **state)
{
	char *out = NULL, *out2 = NULL;
	json_t *j;

	(void)state;
	assert_int_equal(galacta_interview_set(kb, CASE(""), strlen(CASE("")), "mother.temperature_c", "38.5", &out), 0);
	assert_int_equal(galacta_interview_set(kb, out, strlen(out), "chills", "null", &out2), 0);
	j = json_loads(out2, 0, NULL);
	assert_non_null(j);
	assert_true(json_real_value(json_object_get(json_object_get(j, "mother"), "temperature_c")) == 38.5);
	assert_true(json_is_null(json_object_get(json_object_get(j, "findings"), "chills")));
	json_decref(j);
	galacta_free(out);
	galacta_free(out2);
	assert_int_equal(galacta_interview_set(kb, "[1]", 3, "chills", "true", &out), GALACTA_EINVALID);
	assert_int_equal(galacta_interview_set(kb, CASE(""), strlen(CASE("")), "nope", "true", &out), GALACTA_ENOTFOUND);
}

/* --- the KB file ---------------------------------------------------------- */

static void expect_kb_error(const char *old, const char *repl, const char *want)
{
	galacta_kb *k2 = NULL;
	char *dir = helper_kb_copy();

	add_fixture(dir);
	helper_kb_replace(dir, "interview.yaml", old, repl);
	assert_int_equal(galacta_kb_load(dir, &k2), GALACTA_EKB);
	assert_contains(galacta_error_last(), want);
	helper_kb_discard(dir);
}

static void test_interview__a_bad_interview_yaml_is_refused_with_file_and_line(void **state)
{
	(void)state;
	expect_kb_error("ask: [chills]", "ask: [shivers]", "interview.yaml:18: 'shivers' is not a question");
	expect_kb_error("ask: [chills]", "ask: [maternal_fever]", "'maternal_fever' is not a question");
	expect_kb_error("red_flag_rate: 0.02", "red_flag_rate: 2", "red_flag_rate must be above 0 and below 1");
	expect_kb_error("max_questions: 6", "max_questions: 6.5", "max_questions must be a whole number");
	expect_kb_error("      male: {en: \"Boy\", zh-Hans: \"男孩\"}\n", "", "no label for choice 'male' of infant.sex");
	expect_kb_error("  - {id: done, text: {en: \"Done.\", zh-Hans: \"完成。\"}}\n", "", "missing interface string 'done'");
	expect_kb_error("no: {en: [\"no\", \"n\"]", "no: {en: [\"no\", \"y\"]", "'y' is both a 'yes' and a 'no' answer");
	expect_kb_error("  - ids: [\"mother.labs.*\"]", "  - ids: [\"father.*\"]", "'father.*' names no question");
	expect_kb_error("when: {finding: maternal_fever}", "when: {finding: nope}", "unknown finding 'nope'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interview__finding_gain_is_the_expected_kl_worked_by_hand),
		cmocka_unit_test(test_interview__triage_information_is_the_entropy_of_the_level_after),
		cmocka_unit_test(test_interview__numbers_are_binned_by_the_kb_thresholds),
		cmocka_unit_test(test_interview__hard_to_answer_questions_count_for_less),
		cmocka_unit_test(test_interview__asks_the_age_first),
		cmocka_unit_test(test_interview__chooses_the_most_informative_question),
		cmocka_unit_test(test_interview__never_asks_a_question_twice_even_after_dont_know),
		cmocka_unit_test(test_interview__never_asks_what_the_case_holds),
		cmocka_unit_test(test_interview__stops_when_the_budget_is_spent),
		cmocka_unit_test(test_interview__the_budget_never_cuts_a_safety_follow_up),
		cmocka_unit_test(test_interview__stops_when_no_question_tells_enough),
		cmocka_unit_test(test_interview__stops_when_nothing_likely_changes_triage_or_top3),
		cmocka_unit_test(test_interview__a_kb_without_interview_yaml_cannot_interview),
		cmocka_unit_test(test_interview__base_state_equals_galacta_assess_on_every_example),
		cmocka_unit_test(test_interview__a_what_if_equals_assessing_the_answered_case),
		cmocka_unit_test(test_interview__reads_yes_no_and_dont_know_in_both_languages),
		cmocka_unit_test(test_interview__reads_numbers_with_units_and_checks_the_range),
		cmocka_unit_test(test_interview__reads_choices_weights_and_lists),
		cmocka_unit_test(test_interview__writes_an_answer_into_the_case),
		cmocka_unit_test(test_interview__a_bad_interview_yaml_is_refused_with_file_and_line),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
