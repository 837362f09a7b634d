/*
 * bench_assess.c — in-process cost of one assessment with the KB preloaded,
 * next to the JSON floor measured in the same run: the time to only parse
 * that case and serialize that same assessment with jansson (json_loadb +
 * json_dumps of the document as a tree). Prints, per case, microseconds
 * per call of the whole (parse + assess + indented JSON, as the CLI), of
 * each stage (the compact JSON is what the HTTP API sends), the floor, and
 * the ratio whole / floor.
 * Usage: bench_assess [--iterations N] CASE.json...
 */
#define _POSIX_C_SOURCE 200809L
#include "galacta/galacta.h"

#include "bench_util.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROUNDS = 7 };

/* The stages of one call, in seconds: [0] parse, [1] assess, [2] JSON
 * indented, [3] JSON compact; returns non-zero on failure. */
static int galacta_stages(const galacta_kb *kb, const char *text, size_t len, double t[4])
{
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;
	char *json = NULL;
	double t0 = now_s(), t1, t2, t3;
	int rc = galacta_case_parse(kb, text, len, &c);

	t1 = now_s();
	if (!rc)
		rc = galacta_assess(kb, c, &a);
	t2 = now_s();
	if (!rc)
		rc = galacta_assessment_to_json(a, GALACTA_LANG_EN, 0, &json);
	t3 = now_s();
	galacta_free(json);
	json = NULL;
	t[0] += t1 - t0;
	t[1] += t2 - t1;
	t[2] += t3 - t2;
	t0 = now_s();
	if (!rc)
		rc = galacta_assessment_to_json(a, GALACTA_LANG_EN, GALACTA_RENDER_COMPACT, &json);
	t[3] += now_s() - t0;
	galacta_free(json);
	galacta_assessment_free(a);
	galacta_case_free(c);
	return rc;
}

int main(int argc, char **argv)
{
	galacta_kb *kb;
	long iterations = 300;
	int i = 1;
	double t0, load_s;

	if (argc > 2 && !strcmp(argv[1], "--iterations")) {
		iterations = atol(argv[2]);
		i = 3;
	}
	t0 = now_s();
	if (galacta_kb_load(NULL, &kb)) {
		fprintf(stderr, "bench_assess: %s\n", galacta_error_last());
		return 1;
	}
	load_s = now_s() - t0;
	printf("KB load: %.2f ms\n", load_s * 1e3);
	printf("%-38s %10s %7s %7s %8s %8s %9s %7s\n", "case", "galacta_us", "parse", "assess", "json_ind",
		"json_cmp", "floor_us", "ratio");
	for (; i < argc; i++) {
		size_t len;
		char *text = slurp(argv[i], &len), *out = NULL;
		galacta_case *c = NULL;
		galacta_assessment *a = NULL;
		json_t *assessment;
		double best[4] = {1e9, 1e9, 1e9, 1e9}, tf = 1e9;
		long k;
		int s;

		if (!text || galacta_case_parse(kb, text, len, &c) || galacta_assess(kb, c, &a) ||
		    galacta_assessment_to_json(a, GALACTA_LANG_EN, 0, &out)) {
			fprintf(stderr, "bench_assess: %s: %s\n", argv[i], galacta_error_last());
			return 1;
		}
		galacta_assessment_free(a);
		galacta_case_free(c);
		assessment = json_loads(out, 0, NULL);
		galacta_free(out);
		/* Rounds alternate between the two so that a busy machine slows both
		 * alike; the fastest round of each is kept (least disturbed). */
		for (int round = 0; round < ROUNDS; round++) {
			double t[4] = {0, 0, 0, 0}, tr;
			for (k = 0; k < iterations; k++)
				galacta_stages(kb, text, len, t);
			for (s = 0; s < 4; s++)
				best[s] = fmin(best[s], t[s] / (double)iterations);
			t0 = now_s();
			for (k = 0; k < iterations; k++) {
				json_t *cj = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
				char *d = json_dumps(assessment, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
				json_decref(cj);
				free(d);
			}
			tr = (now_s() - t0) / (double)iterations;
			tf = tr < tf ? tr : tf;
		}
		{
			double whole = best[0] + best[1] + best[2];
			printf("%-38s %10.1f %7.1f %7.1f %8.1f %8.1f %9.1f %7.2f\n",
				strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i], whole * 1e6, best[0] * 1e6,
				best[1] * 1e6, best[2] * 1e6, best[3] * 1e6, tf * 1e6, whole / tf);
		}
		json_decref(assessment);
		free(text);
	}
	galacta_kb_free(kb);
	return 0;
}
