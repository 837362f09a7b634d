/*
 * test_json_load.c — unit tests of the fast case reader (json_load.c)
 * against its reference, jansson's json_loadb(JSON_REJECT_DUPLICATES):
 * whatever the fast reader accepts, jansson accepts as the same tree (the
 * same values, number types and key order); what the fast reader leaves
 * (escapes, non-ASCII, control characters, duplicates, numbers out of
 * range, deep nesting, syntax errors) it must leave, for jansson's error
 * messages to stay the ones users see. Inputs: hand-written edge cases,
 * the examples, the fuzz corpus and the held-out vignettes.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "helpers.h"
#include "json_load.h"

#define REPO_DIR GALACTA_TEST_DATA_DIR "/../.."

/* a and b hold the same values of the same types, objects with their keys
 * in the same order. */
static int same_tree(json_t *a, json_t *b)
{
	if (json_typeof(a) != json_typeof(b))
		return 0;
	if (json_is_object(a)) {
		void *ia = json_object_iter(a), *ib = json_object_iter(b);
		for (; ia && ib; ia = json_object_iter_next(a, ia), ib = json_object_iter_next(b, ib))
			if (strcmp(json_object_iter_key(ia), json_object_iter_key(ib)) ||
			    !same_tree(json_object_iter_value(ia), json_object_iter_value(ib)))
				return 0;
		return !ia && !ib;
	}
	if (json_is_array(a)) {
		size_t i;
		if (json_array_size(a) != json_array_size(b))
			return 0;
		for (i = 0; i < json_array_size(a); i++)
			if (!same_tree(json_array_get(a, i), json_array_get(b, i)))
				return 0;
		return 1;
	}
	if (json_is_real(a)) {
		/* -0.0 and 0.0 are equal but not the same number. */
		double x = json_real_value(a), y = json_real_value(b);
		return !memcmp(&x, &y, sizeof(x));
	}
	return json_equal(a, b);
}

/* Checks text; returns whether the fast reader took it. */
static int check_text(const char *text, size_t len)
{
	json_t *fast = json_load__object(text, len);
	json_t *ref = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);

	if (fast) {
		if (!ref || !same_tree(fast, ref)) {
			print_error("the fast reader and jansson disagree on: %.*s\n", (int)(len > 200 ? 200 : len), text);
			fail();
		}
	}
	json_decref(fast);
	json_decref(ref);
	return fast != NULL;
}

static int check_string(const char *text)
{
	return check_text(text, strlen(text));
}

static void test_json_load__plain_object_is_read_as_jansson_reads_it(void **state)
{
	(void)state;
	assert_true(check_string("{\"format\": \"galacta-case/1\", \"mother\": {\"age_years\": 29, \"temperature_c\": 39.0},"
				 " \"infant\": {\"weights\": [{\"age_days\": 10, \"weight_g\": 3420}]},"
				 " \"findings\": {\"chills\": true, \"fever\": false, \"x\": null}}"));
	assert_true(check_string("{\"a\": -0, \"b\": -0.0, \"c\": 1e2, \"d\": 1E-2, \"e\": 0.5e+1, \"f\": 9223372036854775807,"
				 " \"g\": -9223372036854775808, \"h\": 1e-999, \"i\": []  , \"j\": {}, \"k\": [[], {}, [1, \"x\"]]}\r\n\t"));
	assert_true(check_string("{\"\": \"\", \"x_\\u\": 1}") == 0); /* a backslash: jansson's */
}

static void test_json_load__what_jansson_refuses_is_left_to_jansson(void **state)
{
	static const char *const bad[] = {
		"",
		"   ",
		"{",
		"{\"a\": 1,}",
		"{\"a\": 1} x",
		"{\"a\": 1} \"",
		"{\"a\": 1}\"abc}",
		"{\"a\": 1}{}",
		"{\"a\": 01}",
		"{\"a\": 1.}",
		"{\"a\": .5}",
		"{\"a\": -}",
		"{\"a\": +1}",
		"{\"a\": nul}",
		"{\"a\": True}",
		"{\"a\": 1, \"a\": 2}",
		"{\"x\": [{\"k\": 1, \"k\": 2}]}",
		"{\"a\": 123456789012345678901234567890}",
		"{\"a\": -123456789012345678901234567890}",
		"{\"a\": 1e999}",
		"{\"a\": -1e999}",
		"{\"a\": \"\\u0000\"}",
		"{\"a\": \"\\ud800\"}",
		"{\"a\": \"\\udc00\"}",
		"{\"a\": \"x\ty\"}",
		"{\"a\": \"\x01\"}",
		"{\x0b\"a\": 1}",
		"{\x0c\"a\": 1}",
		"{\"a\": 1 /* c */}",
		"{\"a\": 1 // c\n}",
		"{\"a\": \"\xc3\xa9\"}",
		"{\"a\": \"\xc0\x80\"}",
		"{\"a\": \"\xed\xa0\x80\"}",
		"{'a': 1}",
		"{a: 1}",
		"[]",
		"[{\"a\": 1}]",
		"\"x\"",
		"1",
		"null",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (check_string(bad[i])) {
			print_error("the fast reader took: %s\n", bad[i]);
			fail();
		}
}

static void test_json_load__deep_nesting_is_left_to_jansson(void **state)
{
	char text[8200];
	size_t i, depth = 3000;

	(void)state;
	/* jansson refuses more than 2048 levels; the fast reader stops at 64. */
	strcpy(text, "{\"x\":");
	for (i = 0; i < depth; i++)
		strcat(text, "[");
	for (i = 0; i < depth; i++)
		strcat(text, "]");
	strcat(text, "}");
	assert_false(check_string(text));
	text[5 + 60] = '\0';
	memset(text + 5 + 30, ']', 30);
	strcat(text, "}");
	assert_true(check_string(text));
}

static void test_json_load__long_keys_and_numbers_are_left_to_jansson(void **state)
{
	char text[1200];

	(void)state;
	snprintf(text, sizeof(text), "{\"%0300d\": 1}", 0);
	assert_false(check_string(text));
	snprintf(text, sizeof(text), "{\"a\": 1.%0100d1}", 0);
	assert_false(check_string(text));
}

/* Every file in dir (recursively) that is JSON; returns how many the fast
 * reader took. */
static size_t check_dir(const char *dir, size_t *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t taken = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[1024];
		size_t len;
		char *text;

		if (e->d_name[0] == '.')
			continue;
		helper_join(path, sizeof(path), dir, e->d_name);
		if (helper_is_dir(path)) {
			taken += check_dir(path, files);
			continue;
		}
		text = helper_read_file(path, &len);
		taken += (size_t)check_text(text, len);
		(*files)++;
		free(text);
	}
	closedir(d);
	return taken;
}

static void test_json_load__examples_and_fuzz_corpus_agree_with_jansson(void **state)
{
	size_t files = 0, taken;

	(void)state;
	taken = check_dir(REPO_DIR "/examples", &files);
	/* The examples are plain ASCII objects (batch.jsonl is several). */
	assert_true(taken + 1 >= files);
	check_dir(REPO_DIR "/fuzz/corpus/case", &files);
	check_dir(GALACTA_TEST_DATA_DIR "/vignettes-holdout", &files);
	assert_true(files > 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_load__plain_object_is_read_as_jansson_reads_it),
		cmocka_unit_test(test_json_load__what_jansson_refuses_is_left_to_jansson),
		cmocka_unit_test(test_json_load__deep_nesting_is_left_to_jansson),
		cmocka_unit_test(test_json_load__long_keys_and_numbers_are_left_to_jansson),
		cmocka_unit_test(test_json_load__examples_and_fuzz_corpus_agree_with_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
