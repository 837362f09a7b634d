/*
 * json_number.c — a real number's text as jansson writes it with
 * JSON_REAL_PRECISION(6): "%.6g", the decimal point always '.', ".0" after
 * a whole number, the exponent without '+' or leading zeros.
 *
 * snprintf("%.6g") costs about a thousand instructions, and an answer has
 * some thirty numbers that change with the case (each cause's probability,
 * the observations). Most are formatted here without printf: scaled by a
 * power of ten to six digits before the point and rounded. A double's
 * product with an exact power of ten is off by at most half an ulp, so the
 * rounding is certain unless the fraction is within 1e-6 of a half; there,
 * and outside the range of the table of exact powers, printf decides (it
 * rounds the exact binary value). test_json_number.c compares the two.
 */
#include "json_build.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* 1e0 … 1e22: the powers of ten a double holds exactly. */
static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};
enum { MAX_POW10 = 22 };

/* The six significant digits of |x| (100000-999999) and the decimal
 * exponent of the first, as printf's "%.6e" would round them; false when
 * unsure (then printf decides). */
static bool six_digits(double x, long *digits, int *exponent)
{
	double a = fabs(x), y, whole, frac;
	int e10, p, tries;

	if (!(a >= 1e-15 && a < 1e20))
		return false;
	e10 = (int)floor(log10(a));
	for (tries = 0; tries < 3; tries++) {
		p = 5 - e10;
		if (p > MAX_POW10 || p < -MAX_POW10)
			return false;
		y = p >= 0 ? a * exact_pow10[p] : a / exact_pow10[-p];
		if (y < 100000.0) {
			e10--;
			continue;
		}
		if (y >= 1000000.0) {
			e10++;
			continue;
		}
		whole = floor(y);
		frac = y - whole;
		if (fabs(frac - 0.5) < 1e-6)
			return false;
		*digits = (long)whole + (frac > 0.5);
		*exponent = e10;
		if (*digits == 1000000) { /* 999999.7 rounds up to 1.00000e(e10 + 1) */
			*digits = 100000;
			(*exponent)++;
		}
		return true;
	}
	return false;
}

/* "%.6g" of x into raw (at least 32 bytes); its length, 0 when unsure. */
static size_t g6(double x, char *raw)
{
	char d[6];
	long digits;
	int e, used, n = 0, i;

	if (!six_digits(x, &digits, &e))
		return 0;
	for (i = 5; i >= 0; i--, digits /= 10)
		d[i] = (char)('0' + digits % 10);
	used = 6;
	if (x < 0)
		raw[n++] = '-';
	if (e < -4 || e >= 6) {
		/* d.ddddde±XX, trailing zeros of the fraction dropped */
		while (used > 1 && d[used - 1] == '0')
			used--;
		raw[n++] = d[0];
		if (used > 1) {
			raw[n++] = '.';
			memcpy(raw + n, d + 1, (size_t)used - 1);
			n += used - 1;
		}
		raw[n++] = 'e';
		raw[n++] = e < 0 ? '-' : '+';
		if (e < 0)
			e = -e;
		if (e >= 100)
			raw[n++] = (char)('0' + e / 100);
		raw[n++] = (char)('0' + e / 10 % 10);
		raw[n++] = (char)('0' + e % 10);
	} else if (e >= 0) {
		/* e + 1 digits before the point, the rest after it */
		while (used > e + 1 && d[used - 1] == '0')
			used--;
		memcpy(raw + n, d, (size_t)e + 1);
		n += e + 1;
		if (used > e + 1) {
			raw[n++] = '.';
			memcpy(raw + n, d + e + 1, (size_t)(used - e - 1));
			n += used - e - 1;
		}
	} else {
		/* 0.000ddd */
		while (d[used - 1] == '0')
			used--;
		raw[n++] = '0';
		raw[n++] = '.';
		memset(raw + n, '0', (size_t)(-e - 1));
		n += -e - 1;
		memcpy(raw + n, d, (size_t)used);
		n += used;
	}
	raw[n] = '\0';
	return (size_t)n;
}

size_t jb__format_real(double x, char *num)
{
	char raw[40];
	size_t i, n = 0;
	bool point = false, exp = false;
	int len;

	if (!isfinite(x))
		return 0;
	len = (int)g6(x, raw);
	if (!len)
		len = snprintf(raw, sizeof(raw), "%.6g", x);
	if (len < 0 || (size_t)len >= sizeof(raw) - 8)
		return 0;
	for (i = 0; raw[i]; i++) {
		char c = raw[i];
		if (c == 'e') {
			exp = true;
			num[n++] = 'e';
			if (raw[i + 1] == '+')
				i++;
			else if (raw[i + 1] == '-')
				num[n++] = raw[++i];
			while (raw[i + 1] == '0' && raw[i + 2])
				i++;
		} else if ((c >= '0' && c <= '9') || c == '-') {
			num[n++] = c;
		} else if (!point) {
			/* the decimal point, whatever the locale spells it with */
			point = true;
			num[n++] = '.';
		}
	}
	if (!point && !exp) {
		num[n++] = '.';
		num[n++] = '0';
	}
	num[n] = '\0';
	return n;
}
