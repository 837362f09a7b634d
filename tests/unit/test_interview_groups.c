/*
 * test_interview_groups.c — unit tests of group questions (several
 * questions on one screen, docs/interview.md "Groups"): the group chosen
 * by the summed scores worked out by hand on the fixture KB, the safety
 * screen and the screens of the full KB, reading a typed yes/no list, and
 * writing a group's answers into a case.
 *
 * The hand-worked group uses the numbers of test_interview.c on kb-tiny
 * with the fixture interview.yaml, with groups of up to 4 and
 * mother.temperature_c put in the topic "breast":
 *
 *   breast_redness          0.105129 bits (no triage information)
 *   mother.temperature_c    0.018458 + triage_weight 1 · 0.037496 = 0.055954
 *   cluster_feeding (infant) 0.1 · KL(0.75 ‖ 0.5) = 0.018872 (a topic alone)
 *
 * so the best single question is breast_redness (0.105129), and the best
 * group is "breast": breast_redness then the temperature, worth
 * 0.105129 + 0.055954 = 0.161083 bits.
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

#include "interview_internal.h"

#define FIXTURE GALACTA_TEST_DATA_DIR "/kb-interview/interview.yaml"
#define CASE(body) "{\"format\": \"galacta-case/1\"" body "}"

static galacta_kb *kb;   /* kb-tiny + the fixture interview.yaml, with groups */
static galacta_kb *full; /* kb/ */
static char *kb_dir;

static const char group_settings[] = "  group_max_items: 4\n  group_min_gain_bits: 0.01\nsafety_first:";
static const char group_texts[] =
	"texts:\n"
	"  - {id: help_group, text: {en: \"Answer each.\", zh-Hans: \"逐项回答。\"}}\n"
	"  - {id: checklist_how, text: {en: \"Type numbers.\", zh-Hans: \"输入序号。\"}}\n"
	"  - {id: bad_checklist, text: {en: \"Numbers, please.\", zh-Hans: \"请输入序号。\"}}\n"
	"  - {id: group_safety, text: {en: \"Any of these?\", zh-Hans: \"有以下情况吗？\"}}\n"
	"  - {id: group_measurements, text: {en: \"Measured?\", zh-Hans: \"测量过吗？\"}}\n"
	"  - {id: group_breast, text: {en: \"Your breasts\", zh-Hans: \"乳房\"}}\n"
	"  - {id: group_infant, text: {en: \"Your baby\", zh-Hans: \"宝宝\"}}\n"
	"  - {id: group_history, text: {en: \"The birth\", zh-Hans: \"分娩\"}}\n";

static int setup(void **state)
{
	char path[1024];
	size_t len;
	char *text = helper_read_file(FIXTURE, &len);

	(void)state;
	kb_dir = helper_kb_copy();
	helper_join(path, sizeof(path), kb_dir, "interview.yaml");
	helper_write_file(path, text, len);
	free(text);
	helper_kb_replace(kb_dir, "interview.yaml", "safety_first:", group_settings);
	helper_kb_replace(kb_dir, "interview.yaml", "texts:\n", group_texts);
	helper_kb_replace(kb_dir, "fields.yaml", "- path: mother.temperature_c\n",
		"- path: mother.temperature_c\n  group: breast\n");
	if (galacta_kb_load(kb_dir, &kb))
		return -1;
	return galacta_kb_load(GALACTA_TEST_KB_DIR, &full);
}

static int teardown(void **state)
{
	(void)state;
	galacta_kb_free(kb);
	galacta_kb_free(full);
	helper_kb_discard(kb_dir);
	return 0;
}

static double kl(double q, double p)
{
	return q * log2(q / p) + (1 - q) * log2((1 - q) / (1 - p));
}

/* The question of one step on json (the step and case are freed). */
static void step(const galacta_kb *k, const char *json, galacta_interview **iv, galacta_case **c,
	galacta_question *q)
{
	*c = helper_parse(k, json);
	assert_int_equal(galacta_interview_step(k, *c, iv), 0);
	assert_false(galacta_interview_should_stop(*iv));
	assert_int_equal(galacta_interview_question(*iv, GALACTA_LANG_EN, q), 0);
}

static void test_groups__the_group_is_worth_the_sum_of_its_questions_by_hand(void **state)
{
	const char *json = CASE(", \"infant\": {\"age_days\": 20, \"weights\": null,"
		" \"weight_change_pct_from_birth\": null}");
	double redness = 8.0 / 35 * kl(0.5, 0.2) + 27.0 / 35 * kl(1.0 / 9, 0.2);
	double w_low = 0.8 / 1.004, w_mid = 0.2 / 1.004, w_high = 0.004 / 1.004;
	double temperature = w_low * kl(1.0 / 6, 0.2) + (w_mid + w_high) * kl(1.0 / 3, 0.2) -
			     (w_low + w_mid) * log2(w_low + w_mid) - w_high * log2(w_high);
	galacta_interview *iv;
	galacta_case *c;
	galacta_question q;

	(void)state;
	step(kb, json, &iv, &c, &q);
	assert_string_equal(q.id, "group:breast");
	assert_int_equal(q.kind, GALACTA_QUESTION_GROUP);
	assert_string_equal(q.kind_name, "group");
	assert_string_equal(q.text, "Your breasts");
	assert_false(q.safety);
	assert_false(q.screening);
	assert_int_equal(q.n_items, 2);
	/* best first; a finding keeps its question */
	assert_string_equal(q.items[0].id, "breast_redness");
	assert_int_equal(q.items[0].kind, GALACTA_QUESTION_FINDING);
	assert_string_equal(q.items[0].text, "Is part of a breast red?");
	assert_string_equal(q.items[1].id, "mother.temperature_c");
	assert_int_equal(q.items[1].kind, GALACTA_QUESTION_NUMBER);
	assert_near(q.items[1].min, 30, 1e-9);
	assert_near(q.items[1].max, 44, 1e-9);
	assert_near(q.expected_gain, redness + temperature, 1e-5);
	assert_near(q.expected_gain, 0.161083, 1e-5);
	galacta_interview_free(iv);
	galacta_case_free(c);
}

static void test_groups__a_topic_with_one_question_left_asks_it_alone(void **state)
{
	/* The temperature answered: breast_redness is the breast topic's only
	 * question left, and a group of one is an ordinary question. */
	galacta_interview *iv;
	galacta_case *c;
	galacta_question q;

	(void)state;
	step(kb, CASE(", \"infant\": {\"age_days\": 20, \"weights\": null, \"weight_change_pct_from_birth\": null},"
		" \"mother\": {\"temperature_c\": 36.8}"), &iv, &c, &q);
	assert_string_equal(q.id, "breast_redness");
	assert_int_equal(q.kind, GALACTA_QUESTION_FINDING);
	assert_int_equal(q.n_items, 0);
	assert_null(q.items);
	galacta_interview_free(iv);
	galacta_case_free(c);
}

static void test_groups__json_lists_the_items_of_a_group(void **state)
{
	const char *json = CASE(", \"infant\": {\"age_days\": 20, \"weights\": null,"
		" \"weight_change_pct_from_birth\": null}");
	galacta_case *c = helper_parse(kb, json);
	char *out = NULL;
	json_t *root, *q, *items;

	(void)state;
	assert_int_equal(galacta_interview_next(kb, c, GALACTA_LANG_ZH_HANS, GALACTA_RENDER_COMPACT, &out), 0);
	root = json_loads(out, 0, NULL);
	assert_non_null(root);
	q = json_object_get(root, "question");
	assert_string_equal(json_string_value(json_object_get(q, "kind")), "group");
	assert_string_equal(json_string_value(json_object_get(q, "text")), "乳房");
	assert_string_equal(json_string_value(json_object_get(q, "reason")), "information_gain");
	items = json_object_get(q, "items");
	assert_int_equal(json_array_size(items), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "text")), "乳房有发红吗？");
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "unit")), "°C");
	/* items carry no reason of their own */
	assert_null(json_object_get(json_array_get(items, 0), "reason"));
	json_decref(root);
	galacta_free(out);
	galacta_case_free(c);
}

/* --- the full KB: the safety screen and the screens ---------------------- */

/* Is case json with answer (a finding true, or a number) urgent or an
 * emergency by galacta_assess? The independent check of a red flag. */
static bool urgent_with(const char *json, const galacta_question *q)
{
	json_t *root = json_loads(json, 0, NULL), *obj, *v;
	char *text, path[256], *seg, *save = NULL, *last = NULL;
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;
	bool urgent;
	/* for a number, the most alarming end of its range is tried */
	double lo = q->min, hi = q->max;

	assert_non_null(root);
	if (q->kind == GALACTA_QUESTION_FINDING) {
		if (!(obj = json_object_get(root, "findings")))
			json_object_set_new(root, "findings", obj = json_object());
		json_object_set_new(obj, q->id, json_true());
	} else {
		snprintf(path, sizeof(path), "%s", q->id);
		obj = root;
		for (seg = strtok_r(path, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) {
			if (last) {
				if (!(v = json_object_get(obj, last)))
					json_object_set_new(obj, last, v = json_object());
				obj = v;
			}
			last = seg;
		}
		json_object_set_new(obj, last, json_real(hi));
	}
	text = json_dumps(root, 0);
	assert_int_equal(galacta_case_parse(full, text, strlen(text), &c), 0);
	assert_int_equal(galacta_assess(full, c, &a), 0);
	urgent = galacta_assessment_triage(a) >= GALACTA_TRIAGE_URGENT;
	if (!urgent && q->kind != GALACTA_QUESTION_FINDING) {
		/* the low end (a cold baby, a low blood pressure) */
		galacta_assessment_free(a);
		galacta_case_free(c);
		free(text);
		json_object_set_new(obj, last, json_real(lo));
		text = json_dumps(root, 0);
		assert_int_equal(galacta_case_parse(full, text, strlen(text), &c), 0);
		assert_int_equal(galacta_assess(full, c, &a), 0);
		urgent = galacta_assessment_triage(a) >= GALACTA_TRIAGE_URGENT;
	}
	galacta_assessment_free(a);
	galacta_case_free(c);
	free(text);
	json_decref(root);
	return urgent;
}

static void test_groups__the_due_safety_questions_share_one_screen(void **state)
{
	/* kb/interview.yaml for a baby of 10 days whose weights are not known:
	 * the weights were asked alone first (the order matters after them);
	 * then every entry whose `when` holds gives its next question, `all`
	 * entries (breast, mood) all of theirs, in the file's order: the
	 * self-harm item only follows a sign of low mood; bleeding is asked
	 * from 7 days; jaundice under 14 days; the change in percent because
	 * the weights are unknown; the birth weight under 28 days; the baby's
	 * fever under 90 days. The screen is then filled up to 16 with red
	 * flags the list does not name: each must make the case urgent by
	 * galacta_assess on its own. */
	static const char *const want[] = {"self_harm_thoughts", "fever", "breast_redness", "localized_tender_area",
		"feels_low", "feels_anxious", "persistent_heavy_bleeding", "infant_sleepy_hard_to_wake",
		"infant_jaundice", "infant.wet_diapers_per_24h", "infant.weight_change_pct_from_birth",
		"infant.birth_weight_g", "infant_fever"};
	const char *json = CASE(", \"infant\": {\"age_days\": 10, \"weights\": null}");
	size_t n_want = sizeof(want) / sizeof(*want);
	galacta_interview *iv;
	galacta_case *c;
	galacta_question q;
	size_t i;

	(void)state;
	step(full, CASE(", \"infant\": {\"age_days\": 10}"), &iv, &c, &q);
	assert_string_equal(q.id, "infant.weights");
	assert_true(q.safety);
	galacta_interview_free(iv);
	galacta_case_free(c);

	step(full, json, &iv, &c, &q);
	assert_string_equal(q.id, "group:safety");
	assert_true(q.safety);
	assert_int_equal(q.n_items, 16);
	for (i = 0; i < n_want; i++)
		assert_string_equal(q.items[i].id, want[i]);
	for (i = n_want; i < q.n_items; i++) {
		assert_int_equal(q.items[i].kind, GALACTA_QUESTION_FINDING);
		if (!urgent_with(json, &q.items[i]))
			fail_msg("%s is not a red flag", q.items[i].id);
	}
	galacta_interview_free(iv);
	galacta_case_free(c);
}

/* Answers every question of group q with value ("false" or "null"). */
static char *answer_all(const galacta_kb *k, const char *json, const galacta_question *q, const char *value)
{
	char buf[8192], *out = NULL;
	size_t i, used = (size_t)snprintf(buf, sizeof(buf), "{");

	for (i = 0; i < q->n_items; i++) {
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s\"%s\": %s", i ? ", " : "", q->items[i].id,
			q->items[i].kind == GALACTA_QUESTION_FINDING ? value : "null");
		assert_true(used < sizeof(buf) - 2);
	}
	strcat(buf, "}");
	assert_int_equal(galacta_interview_set(k, json, strlen(json), q->id, buf, &out), 0);
	return out;
}

static void test_groups__red_flags_then_screens_follow_the_safety_questions(void **state)
{
	/* Every listed safety question of a 40-day-old answered "no" / a
	 * number: next come the red flags no entry names (findings, then
	 * measurements), each urgent on its own by galacta_assess; answered
	 * "no" / not measured, the first screen comes, with each of its
	 * questions in the file's order, as a screening question (not safety,
	 * no expected gain). */
	char *json = strdup(CASE(", \"infant\": {\"age_days\": 40, \"weights\": [{\"age_days\": 40, \"weight_g\": 4500}],"
		" \"wet_diapers_per_24h\": 7},"
		" \"findings\": {\"self_harm_thoughts\": false, \"fever\": false, \"breast_redness\": false,"
		" \"localized_tender_area\": false, \"feels_low\": false, \"feels_anxious\": false,"
		" \"persistent_heavy_bleeding\": false, \"infant_sleepy_hard_to_wake\": false, \"infant_fever\": false}"));
	galacta_interview *iv;
	galacta_case *c;
	galacta_question q;
	size_t i, red_screens = 0;

	(void)state;
	for (;;) {
		char *next;
		step(full, json, &iv, &c, &q);
		if (strcmp(q.id, "group:safety") && strcmp(q.id, "group:measurements"))
			break;
		assert_true(q.safety);
		for (i = 0; i < q.n_items; i++)
			if (!urgent_with(json, &q.items[i]))
				fail_msg("%s is not a red flag", q.items[i].id);
		next = answer_all(full, json, &q, "false");
		free(json);
		json = next;
		red_screens++;
		assert_true(red_screens < 4);
		galacta_interview_free(iv);
		galacta_case_free(c);
	}
	assert_true(red_screens >= 1);
	assert_string_equal(q.id, "group:birth_and_since");
	assert_false(q.safety);
	assert_true(q.screening);
	assert_near(q.expected_gain, 0, 0);
	assert_string_equal(q.items[0].id, "infant.sex");
	assert_int_equal(q.items[0].kind, GALACTA_QUESTION_ENUM);
	assert_string_equal(q.items[1].id, "infant.gestational_age_weeks");
	assert_string_equal(q.items[q.n_items - 1].id, "irregular_daily_routine");
	/* its title is the entry's help */
	assert_string_equal(q.text, "About the birth, the feeds and your days since: tell us what applies.");
	galacta_interview_free(iv);
	galacta_case_free(c);
	free(json);
}

/* --- reading a typed yes/no list ------------------------------------------ */

/* A group of fever (finding 1), a number, breast_redness (finding 2). */
static galacta_question three_items[3];
static galacta_question group_q;

static void make_group(void)
{
	memset(three_items, 0, sizeof(three_items));
	three_items[0] = (galacta_question){.id = "fever", .kind = GALACTA_QUESTION_FINDING};
	three_items[1] = (galacta_question){.id = "infant.wet_diapers_per_24h", .kind = GALACTA_QUESTION_NUMBER};
	three_items[2] = (galacta_question){.id = "breast_redness", .kind = GALACTA_QUESTION_FINDING};
	group_q = (galacta_question){.id = "group:test", .kind = GALACTA_QUESTION_GROUP, .n_items = 3,
		.items = three_items};
}

static void reads(const char *text, galacta_lang lang, const char *want)
{
	galacta_answer_kind kind;
	char *v = NULL;
	json_t *got, *exp;

	if (galacta_interview_read_checklist(full, &group_q, text, lang, &kind, &v))
		fail_msg("'%s': %s", text, galacta_error_last());
	assert_int_equal(kind, GALACTA_ANSWER_VALUE);
	got = json_loads(v, 0, NULL);
	exp = json_loads(want, 0, NULL);
	if (!json_equal(got, exp))
		fail_msg("'%s' read as %s, want %s", text, v, want);
	json_decref(got);
	json_decref(exp);
	galacta_free(v);
}

static void test_groups__reads_a_typed_yes_no_list(void **state)
{
	galacta_answer_kind kind;
	char *v = NULL;

	(void)state;
	make_group();
	/* the yes/no items are numbered 1 (fever) and 2 (breast_redness) */
	reads("2", GALACTA_LANG_EN, "{\"fever\": false, \"breast_redness\": true}");
	reads("1, 2", GALACTA_LANG_EN, "{\"fever\": true, \"breast_redness\": true}");
	reads("1 ?", GALACTA_LANG_EN, "{\"fever\": true, \"breast_redness\": null}");
	reads("none", GALACTA_LANG_EN, "{\"fever\": false, \"breast_redness\": false}");
	reads("don't know", GALACTA_LANG_EN, "{\"fever\": null, \"breast_redness\": null}");
	reads("1，2", GALACTA_LANG_ZH_HANS, "{\"fever\": true, \"breast_redness\": true}");
	reads("2、不知道", GALACTA_LANG_ZH_HANS, "{\"fever\": null, \"breast_redness\": true}");
	reads("否", GALACTA_LANG_ZH_HANS, "{\"fever\": false, \"breast_redness\": false}");
	assert_int_equal(galacta_interview_read_checklist(full, &group_q, "back", GALACTA_LANG_EN, &kind, &v), 0);
	assert_int_equal(kind, GALACTA_ANSWER_BACK);
	assert_null(v);
	/* 3 is not a yes/no item; words and empty answers are refused */
	assert_int_equal(galacta_interview_read_checklist(full, &group_q, "3", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	assert_string_equal(galacta_error_last(), galacta_interview_text(full, "bad_checklist", GALACTA_LANG_EN));
	assert_int_equal(galacta_interview_read_checklist(full, &group_q, "", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	assert_int_equal(galacta_interview_read_checklist(full, &group_q, "1 maybe", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	assert_int_equal(galacta_interview_read_checklist(full, &three_items[0], "1", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
	reads("１ ２", GALACTA_LANG_ZH_HANS, "{\"fever\": true, \"breast_redness\": true}");
	/* a list of one yes/no question also reads yes */
	group_q.n_items = 2; /* fever, then a number */
	reads("yes", GALACTA_LANG_EN, "{\"fever\": true}");
	reads("是", GALACTA_LANG_ZH_HANS, "{\"fever\": true}");
	reads("no", GALACTA_LANG_EN, "{\"fever\": false}");
	group_q.n_items = 3;
	assert_int_equal(galacta_interview_read_checklist(full, &group_q, "yes", GALACTA_LANG_EN, &kind, &v),
		GALACTA_EINVALID);
}

/* --- writing a group's answers --------------------------------------------- */

static void test_groups__writes_every_answer_of_a_group(void **state)
{
	const char *start = CASE(", \"infant\": {\"age_days\": 10}, \"findings\": {\"fever\": true}");
	char *out = NULL;
	json_t *root;

	(void)state;
	assert_int_equal(galacta_interview_set(full, start, strlen(start), "group:safety",
				 "{\"fever\": false, \"breast_redness\": null, \"infant.wet_diapers_per_24h\": 6,"
				 " \"mother.delivery_mode\": \"vaginal\"}",
				 &out),
		0);
	root = json_loads(out, 0, NULL);
	assert_true(json_is_false(json_object_get(json_object_get(root, "findings"), "fever")));
	assert_true(json_is_null(json_object_get(json_object_get(root, "findings"), "breast_redness")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(root, "infant"), "wet_diapers_per_24h")), 6);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(root, "infant"), "age_days")), 10);
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "mother"), "delivery_mode")),
		"vaginal");
	json_decref(root);
	galacta_free(out);

	/* not an object; a member that cannot be in a group; no such question */
	assert_int_equal(galacta_interview_set(full, start, strlen(start), "group:safety", "null", &out),
		GALACTA_EINVALID);
	assert_null(out);
	assert_int_equal(galacta_interview_set(full, start, strlen(start), "group:safety",
				 "{\"infant.weights\": null}", &out),
		GALACTA_EINVALID);
	assert_non_null(strstr(galacta_error_last(), "infant.weights"));
	assert_int_equal(galacta_interview_set(full, start, strlen(start), "group:safety", "{\"no_such\": true}", &out),
		GALACTA_EINVALID);
	assert_non_null(strstr(galacta_error_last(), "no_such"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups__the_group_is_worth_the_sum_of_its_questions_by_hand),
		cmocka_unit_test(test_groups__a_topic_with_one_question_left_asks_it_alone),
		cmocka_unit_test(test_groups__json_lists_the_items_of_a_group),
		cmocka_unit_test(test_groups__the_due_safety_questions_share_one_screen),
		cmocka_unit_test(test_groups__red_flags_then_screens_follow_the_safety_questions),
		cmocka_unit_test(test_groups__reads_a_typed_yes_no_list),
		cmocka_unit_test(test_groups__writes_every_answer_of_a_group),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
