/*
 * test_json_piece.c — unit tests of the compact answers built from the
 * KB's cached parts (json_piece.c, json_build.c): for every example case
 * in both languages, with kb/ loaded from YAML (its cache starts empty)
 * and the compiled-in KB, the compact assessment and interview step are
 * the same when the parts are first rendered and when they are copied,
 * and say what the indented ones say (which never use the cache).
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "helpers.h"

#include <jansson.h>

#define EXAMPLES_DIR GALACTA_TEST_DATA_DIR "/../../examples"

static void same_json(const char *compact, const char *indented)
{
	json_t *a = json_loads(compact, 0, NULL), *b = json_loads(indented, 0, NULL);

	assert_non_null(a);
	assert_non_null(b);
	assert_true(json_equal(a, b));
	assert_null(strchr(compact, '\n'));
	json_decref(a);
	json_decref(b);
}

static void check_case(const galacta_kb *kb, const char *text, size_t len)
{
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;
	int l;

	assert_int_equal(galacta_case_parse(kb, text, len, &c), 0);
	assert_int_equal(galacta_assess(kb, c, &a), 0);
	for (l = 0; l < 2; l++) {
		galacta_lang lang = l ? GALACTA_LANG_ZH_HANS : GALACTA_LANG_EN;
		char *first = NULL, *again = NULL, *indented = NULL;
		assert_int_equal(galacta_assessment_to_json(a, lang, GALACTA_RENDER_COMPACT, &first), 0);
		assert_int_equal(galacta_assessment_to_json(a, lang, GALACTA_RENDER_COMPACT, &again), 0);
		assert_int_equal(galacta_assessment_to_json(a, lang, 0, &indented), 0);
		assert_string_equal(first, again);
		same_json(first, indented);
		galacta_free(first);
		galacta_free(again);
		galacta_free(indented);
		assert_int_equal(galacta_interview_next(kb, c, lang, GALACTA_RENDER_COMPACT, &first), 0);
		assert_int_equal(galacta_interview_next(kb, c, lang, 0, &indented), 0);
		same_json(first, indented);
		galacta_free(first);
		galacta_free(indented);
	}
	galacta_assessment_free(a);
	galacta_case_free(c);
}

static void check_examples(const galacta_kb *kb)
{
	DIR *d = opendir(EXAMPLES_DIR);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[1024];
		size_t len = strlen(e->d_name);
		char *text;
		if (len < 6 || strcmp(e->d_name + len - 5, ".json"))
			continue;
		helper_join(path, sizeof(path), EXAMPLES_DIR, e->d_name);
		text = helper_read_file(path, &len);
		check_case(kb, text, len);
		free(text);
		n++;
	}
	closedir(d);
	assert_true(n >= 5);
}

static void test_json_piece__compact_answers_from_a_yaml_kb_say_what_indented_ones_say(void **state)
{
	galacta_kb *kb = NULL;

	(void)state;
	assert_int_equal(galacta_kb_load(GALACTA_TEST_KB_DIR, &kb), 0);
	check_examples(kb);
	galacta_kb_free(kb);
}

static void test_json_piece__compact_answers_from_the_compiled_in_kb_say_what_indented_ones_say(void **state)
{
	galacta_kb *kb = NULL;

	(void)state;
	assert_int_equal(galacta_kb_load(NULL, &kb), 0);
	check_examples(kb);
	galacta_kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_piece__compact_answers_from_a_yaml_kb_say_what_indented_ones_say),
		cmocka_unit_test(test_json_piece__compact_answers_from_the_compiled_in_kb_say_what_indented_ones_say),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
