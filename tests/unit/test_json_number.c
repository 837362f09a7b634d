/*
 * test_json_number.c — unit tests of the number writer (json_number.c)
 * against the reference it replaces, jansson's own writing of a real with
 * JSON_REAL_PRECISION(6) (json_dumps of json_real(x)): probabilities,
 * values spread over every magnitude, numbers a hair from a rounding
 * half, from a power of ten and from six nines, and whole numbers.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "json_build.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void check(double x)
{
	json_t *r = json_real(x);
	char *ref = json_dumps(r, JSON_ENCODE_ANY | JSON_REAL_PRECISION(6));
	char num[40];
	size_t n = jb__format_real(x, num);

	if (!ref || n != strlen(ref) || strcmp(num, ref)) {
		print_error("%.17g: jansson writes %s, galacta %s\n", x, ref ? ref : "(null)", num);
		fail();
	}
	free(ref);
	json_decref(r);
}

/* A reproducible sequence in [0, 1) (xorshift64*). */
static double uniform(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return (double)((*s * UINT64_C(2685821657736338717)) >> 11) * 0x1.0p-53;
}

static void test_json_number__probabilities_are_written_as_jansson_writes_them(void **state)
{
	uint64_t s = 42;
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		double p = uniform(&s);
		check(p);
		check(1.0 / (1.0 + exp(-40.0 * (p - 0.5)))); /* logistic: near 0 and 1 too */
	}
}

static void test_json_number__every_magnitude_is_written_as_jansson_writes_it(void **state)
{
	uint64_t s = 7;
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		double x = pow(10.0, uniform(&s) * 80.0 - 40.0);
		check(uniform(&s) < 0.5 ? -x : x);
	}
}

static void test_json_number__halves_and_powers_of_ten_are_written_as_jansson_writes_them(void **state)
{
	static const double eps[] = {0, 1e-16, -1e-16, 1e-13, -1e-13, 1e-10, -1e-10, 5e-7, -5e-7, 4.9999e-7, 5.0001e-7};
	uint64_t s = 3;
	int i, k, e;

	(void)state;
	for (e = -20; e <= 22; e++)
		for (k = 0; k < (int)(sizeof(eps) / sizeof(*eps)); k++) {
			check(pow(10.0, e) * (1.0 + eps[k]));
			check(0.999999 * pow(10.0, e) * (1.0 + eps[k]));
			check(0.9999995 * pow(10.0, e) * (1.0 + eps[k]));
		}
	for (i = 0; i < 20000; i++) {
		/* d.ddddd5 × 10^e, exactly halfway in decimal, and either side */
		double digits = floor(uniform(&s) * 900000.0) + 100000.0 + 0.5;
		e = (int)(uniform(&s) * 30.0) - 15;
		check(digits * pow(10.0, e - 5));
		check(nextafter(digits * pow(10.0, e - 5), 0));
		check(nextafter(digits * pow(10.0, e - 5), INFINITY));
	}
	for (i = 0; i <= 2000; i++) {
		check(i);
		check(i / 8.0);
		check(i / 1000.0);
		check(-i * 1234.5);
	}
	check(0.0);
	check(-0.0);
	check(1e300);
	check(-1e-300);
	check(5e-324);
	check(1.7976931348623157e308);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_number__probabilities_are_written_as_jansson_writes_them),
		cmocka_unit_test(test_json_number__every_magnitude_is_written_as_jansson_writes_it),
		cmocka_unit_test(test_json_number__halves_and_powers_of_ten_are_written_as_jansson_writes_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
