/*
 * bench_assess.c — in-process cost of one assessment with the KB preloaded,
 * next to the JSON floor measured in the same run: the time to only parse
 * that case and serialize that same assessment (jansson). Prints, per
 * case, microseconds per call and the ratio galacta / floor.
 * Usage: bench_assess [--iterations N] CASE.json...
 */
#define _POSIX_C_SOURCE 200809L
#include "galacta/galacta.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROUNDS = 7 };

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		*len = (size_t)n;
	}
	return buf;
}

/* One full galacta call: parse, assess, render JSON. */
static int galacta_once(const galacta_kb *kb, const char *text, size_t len, char **json)
{
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;
	int rc = galacta_case_parse(kb, text, len, &c);

	if (!rc)
		rc = galacta_assess(kb, c, &a);
	if (!rc)
		rc = galacta_assessment_to_json(a, GALACTA_LANG_EN, 0, json);
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
	printf("%-40s %12s %12s %8s\n", "case", "galacta_us", "floor_us", "ratio");
	for (; i < argc; i++) {
		size_t len;
		char *text = slurp(argv[i], &len), *out = NULL;
		json_t *assessment;
		double tg, tf;
		long k;

		if (!text || galacta_once(kb, text, len, &out)) {
			fprintf(stderr, "bench_assess: %s: %s\n", argv[i], galacta_error_last());
			return 1;
		}
		assessment = json_loads(out, 0, NULL);
		galacta_free(out);
		/* Rounds alternate between the two so that a busy machine slows both
		 * alike; the fastest round of each is kept (least disturbed). */
		tg = tf = 1e9;
		for (int round = 0; round < ROUNDS; round++) {
			double t;
			t0 = now_s();
			for (k = 0; k < iterations; k++) {
				out = NULL;
				galacta_once(kb, text, len, &out);
				galacta_free(out);
			}
			t = (now_s() - t0) / (double)iterations;
			tg = t < tg ? t : tg;
			t0 = now_s();
			for (k = 0; k < iterations; k++) {
				json_t *c = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
				char *s = json_dumps(assessment, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
				json_decref(c);
				free(s);
			}
			t = (now_s() - t0) / (double)iterations;
			tf = t < tf ? t : tf;
		}
		printf("%-40s %12.1f %12.1f %8.2f\n", strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i],
			tg * 1e6, tf * 1e6, tg / tf);
		json_decref(assessment);
		free(text);
	}
	galacta_kb_free(kb);
	return 0;
}
