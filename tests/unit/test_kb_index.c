/*
 * test_kb_index.c — unit tests of the look-ups by name (kb_index.c): in
 * the compiled-in KB (tables emitted by tools/gen_kb_builtin.c) and in
 * kb/ loaded from YAML (tables built by the loader), every source, field,
 * variable, finding and cause is found at its own index, as the linear
 * scan found it, and names that are not there are not found.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "helpers.h"
#include "kb_internal.h"

static void check_kb(const struct galacta_kb *kb)
{
	static const char *const absent[] = {"", "x", "infants", "infant.", "mother.age_year", "mastitis ",
		"MASTITIS", "growth.weight_change_pct.", "milk_came_in_"};
	size_t i;

	assert_non_null(kb->source_index.slot);
	for (i = 0; i < kb->n_sources; i++)
		assert_int_equal(kb__source_index(kb, kb->sources[i].id), (int)i);
	for (i = 0; i < kb->n_fields; i++)
		assert_int_equal(kb__field_index(kb, kb->fields[i].path), (int)i);
	for (i = 0; i < kb->n_vars; i++)
		assert_int_equal(kb__var_index(kb, kb->vars[i].name), (int)i);
	for (i = 0; i < kb->n_findings; i++)
		assert_int_equal(kb__finding_index(kb, kb->findings[i].id), (int)i);
	for (i = 0; i < kb->n_causes; i++)
		assert_int_equal(kb__cause_index(kb, kb->causes[i].id), (int)i);
	for (i = 0; i < sizeof(absent) / sizeof(*absent); i++) {
		assert_int_equal(kb__source_index(kb, absent[i]), -1);
		assert_int_equal(kb__field_index(kb, absent[i]), -1);
		assert_int_equal(kb__var_index(kb, absent[i]), -1);
		assert_int_equal(kb__finding_index(kb, absent[i]), -1);
		assert_int_equal(kb__cause_index(kb, absent[i]), -1);
	}
}

static void test_kb_index__compiled_in_kb_finds_every_name(void **state)
{
	galacta_kb *kb = NULL;

	(void)state;
	assert_int_equal(galacta_kb_load(NULL, &kb), 0);
	check_kb(kb);
	galacta_kb_free(kb);
}

static void test_kb_index__yaml_kb_finds_every_name(void **state)
{
	galacta_kb *kb = NULL;

	(void)state;
	assert_int_equal(galacta_kb_load(GALACTA_TEST_KB_DIR, &kb), 0);
	check_kb(kb);
	galacta_kb_free(kb);
	assert_int_equal(galacta_kb_load(TINY_KB_DIR, &kb), 0);
	check_kb(kb);
	galacta_kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kb_index__compiled_in_kb_finds_every_name),
		cmocka_unit_test(test_kb_index__yaml_kb_finds_every_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
