/*
 * bench_growth.c — speed of the growth maths and the growth report, each
 * next to a reference measured in the same run:
 *   - WHO z-scores per second (galacta_growth_z: table look-up, day
 *     interpolation, restricted rule beyond +-3 SD) vs the plain LMS formula
 *     z = ((y/M)^L - 1)/(L*S) on the same inputs with L, M, S given (the
 *     floor: one pow, one division);
 *   - WHO velocity z-scores per second;
 *   - the cost of the WHO tables at start-up: they are compiled in
 *     (who_tables.c), so there is nothing to load; the first z-score of the
 *     process (cold pages) is timed against a warm one, and the tables'
 *     size is printed;
 *   - the growth report (JSON) and the chart (SVG, PNG) of each CASE.
 * Usage: bench_growth [--iterations N] CASE.json...
 */
#define _POSIX_C_SOURCE 200809L
#include "galacta/galacta.h"

#include "bench_util.h"

#include "who_tables.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROUNDS = 5, N_INPUTS = 4096 };

typedef struct {
	galacta_sex sex;
	double age_days, kg;
	galacta_lms lms; /* for the reference loop */
} input;

/* Keeps results alive so the compiler cannot drop the loops. */
static volatile double sink;

int main(int argc, char **argv)
{
	static input in[N_INPUTS];
	long iterations = 200, reps = 500, k;
	double t0, t_cold, t_warm, z, best_g = 1e9, best_r = 1e9, best_v = 1e9;
	galacta_kb *kb;
	unsigned seed = 12345;
	int i = 1, round;
	size_t n;

	if (argc > 2 && !strcmp(argv[1], "--iterations")) {
		iterations = atol(argv[2]);
		i = 3;
	}
	/* First z-score of the process: the table pages are touched cold. */
	t0 = now_s();
	galacta_growth_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, GALACTA_SEX_FEMALE, 1234.5, 15.0, &z);
	t_cold = now_s() - t0;
	t0 = now_s();
	galacta_growth_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, GALACTA_SEX_FEMALE, 1234.5, 15.0, &z);
	t_warm = now_s() - t0;
	sink = z;
	printf("WHO tables: compiled in, %zu bytes of LMS rows (3 tables x 2 sexes x %d days) + %zu velocity rows;\n"
	       "  nothing is read at start-up. First z-score of the process %.1f us (cold pages), next %.2f us.\n",
		(size_t)3 * 2 * WHO_TABLES_AGE_DAYS_COUNT * sizeof(struct who_tables__lms_row), WHO_TABLES_AGE_DAYS_COUNT,
		(size_t)(who_tables__velocity(1, 1, &n) ? n : 0) * 2 + (who_tables__velocity(2, 1, &n) ? n : 0) * 2,
		t_cold * 1e6, t_warm * 1e6);

	for (k = 0; k < N_INPUTS; k++) {
		seed = seed * 1103515245u + 12345u;
		in[k].sex = (seed >> 16) & 1 ? GALACTA_SEX_MALE : GALACTA_SEX_FEMALE;
		in[k].age_days = (double)((seed >> 8) % 18560) / 10.0;
		galacta_growth_lms(GALACTA_GROWTH_WEIGHT_FOR_AGE, in[k].sex, in[k].age_days, &in[k].lms);
		/* Weights around the median, -3.5 to +3.5 SD. */
		galacta_growth_value_at_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, in[k].sex, in[k].age_days,
			((double)(seed % 7001) / 1000.0) - 3.5, &in[k].kg);
	}
	for (round = 0; round < ROUNDS; round++) {
		double s = 0, t;
		long r;
		t0 = now_s();
		for (r = 0; r < reps; r++)
			for (k = 0; k < N_INPUTS; k++) {
				galacta_growth_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, in[k].sex, in[k].age_days, in[k].kg, &z);
				s += z;
			}
		t = now_s() - t0;
		best_g = t < best_g ? t : best_g;
		t0 = now_s();
		for (r = 0; r < reps; r++)
			for (k = 0; k < N_INPUTS; k++) {
				const galacta_lms *p = &in[k].lms;
				s += (pow(in[k].kg / p->m, p->l) - 1.0) / (p->l * p->s);
			}
		t = now_s() - t0;
		best_r = t < best_r ? t : best_r;
		t0 = now_s();
		for (r = 0; r < reps / 10; r++)
			for (k = 0; k < N_INPUTS; k++) {
				galacta_velocity v;
				if (!galacta_growth_velocity(in[k].sex, 0, 28, in[k].kg * 300.0, &v))
					s += v.z;
			}
		t = (now_s() - t0) * 10.0;
		best_v = t < best_v ? t : best_v;
		sink = s;
	}
	{
		double calls = (double)reps * N_INPUTS;
		printf("weight-for-age z: %.1f M/s (%.0f ns each); plain LMS formula: %.1f M/s (%.0f ns); ratio %.2f\n",
			calls / best_g / 1e6, best_g / calls * 1e9, calls / best_r / 1e6, best_r / calls * 1e9, best_g / best_r);
		printf("velocity z (0-4 weeks): %.1f M/s (%.0f ns each)\n", calls / best_v / 1e6, best_v / calls * 1e9);
	}

	t0 = now_s();
	if (galacta_kb_load(NULL, &kb)) {
		fprintf(stderr, "bench_growth: %s\n", galacta_error_last());
		return 1;
	}
	printf("KB load: %.3f ms\n\n", (now_s() - t0) * 1e3);
	printf("%-36s %12s %12s %12s %12s\n", "case", "assess_us", "growth_us", "svg_ms", "png_ms");
	for (; i < argc; i++) {
		size_t len;
		char *text = slurp(argv[i], &len);
		galacta_case *c = NULL;
		double ta = 1e9, tg = 1e9, ts = 1e9, tp = 1e9, t;

		if (!text || galacta_case_parse(kb, text, len, &c)) {
			fprintf(stderr, "bench_growth: %s: %s\n", argv[i], galacta_error_last());
			return 1;
		}
		for (round = 0; round < ROUNDS; round++) {
			t0 = now_s();
			for (k = 0; k < iterations; k++) {
				galacta_assessment *a = NULL;
				char *out = NULL;
				galacta_assess(kb, c, &a);
				galacta_assessment_to_json(a, GALACTA_LANG_EN, 0, &out);
				galacta_free(out);
				galacta_assessment_free(a);
			}
			t = (now_s() - t0) / (double)iterations;
			ta = t < ta ? t : ta;
			t0 = now_s();
			for (k = 0; k < iterations; k++) {
				char *out = NULL;
				galacta_growth_report(kb, c, GALACTA_LANG_EN, 0, &out);
				galacta_free(out);
			}
			t = (now_s() - t0) / (double)iterations;
			tg = t < tg ? t : tg;
			for (int f = 0; f < 2; f++) {
				unsigned char *img = NULL;
				size_t n_img = 0;
				t0 = now_s();
				if (galacta_growth_chart(kb, c, GALACTA_LANG_EN, f ? GALACTA_CHART_PNG : GALACTA_CHART_SVG, &img,
					    &n_img)) {
					galacta_free(img);
					break;
				}
				t = now_s() - t0;
				if (f)
					tp = t < tp ? t : tp;
				else
					ts = t < ts ? t : ts;
				galacta_free(img);
			}
		}
		printf("%-36s %12.1f %12.1f %12.2f %12.2f\n", strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i],
			ta * 1e6, tg * 1e6, ts < 1e9 ? ts * 1e3 : NAN, tp < 1e9 ? tp * 1e3 : NAN);
		galacta_case_free(c);
		free(text);
	}
	galacta_kb_free(kb);
	return 0;
}
