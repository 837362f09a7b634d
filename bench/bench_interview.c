/*
 * bench_interview.c — in-process cost of one interview step (choosing the
 * next question: every unanswered question's answers tried through the
 * incremental pipeline) with the KB preloaded, next to a reference measured
 * in the same run: one galacta_assess() call on the same case. Each case is
 * interviewed from the baby's age, answers taken from the case, and
 * measured where a step scores every question: right after the safety
 * questions and screens, and one scored question (a group) later (a safety
 * step costs less).
 * Prints microseconds per call and the ratios step / assess; and
 * the step with its galacta-interview/1 JSON (which embeds the rendered
 * assessment) next to assess + JSON rendering.
 * Usage: bench_interview [--iterations N] CASE.json...
 */
#define _POSIX_C_SOURCE 200809L
#include "galacta/galacta.h"

#include "bench_util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROUNDS = 5 };

/* The full case's answer to question id (kind), or NULL. */
static json_t *answer_of(json_t *full, const char *id, galacta_question_kind kind)
{
	char path[256], *seg, *save = NULL;
	json_t *v = full;

	if (kind == GALACTA_QUESTION_FINDING)
		return json_object_get(json_object_get(full, "findings"), id);
	snprintf(path, sizeof(path), "%s", id);
	for (seg = strtok_r(path, ".", &save); seg && v; seg = strtok_r(NULL, ".", &save))
		v = json_object_get(v, seg);
	return v;
}

/* The case answered the way the interview would ask it: from the baby's
 * age only, each question answered from the full case, until `scored`
 * questions chosen by information gain (not safety questions) have been
 * answered and the next one is chosen by information gain too (or the
 * interview stops); safety questions and screens do not count. scored 0: the first step that scores every question.
 * Returns a malloc'd JSON text. */
static char *partial(const galacta_kb *kb, json_t *full, int scored)
{
	json_t *start = json_object(), *infant = json_object();
	json_t *age = json_object_get(json_object_get(full, "infant"), "age_days");
	char *text;
	int i;

	json_object_set_new(start, "format", json_string("galacta-case/1"));
	if (age) {
		json_object_set(infant, "age_days", age);
		json_object_set_new(start, "infant", infant);
	} else {
		json_decref(infant);
	}
	text = json_dumps(start, JSON_COMPACT);
	json_decref(start);
	for (i = 0; i < 200 && text; i++) {
		galacta_case *c = NULL;
		galacta_interview *iv = NULL;
		galacta_question q;
		char *value, *next = NULL;

		if (galacta_case_parse(kb, text, strlen(text), &c) || galacta_interview_step(kb, c, &iv) ||
		    galacta_interview_should_stop(iv)) {
			galacta_interview_free(iv);
			galacta_case_free(c);
			break;
		}
		galacta_interview_question(iv, GALACTA_LANG_EN, &q);
		if (!q.safety && !q.screening && scored-- == 0) {
			galacta_interview_free(iv);
			galacta_case_free(c);
			break;
		}
		if (q.kind == GALACTA_QUESTION_GROUP) {
			json_t *obj = json_object();
			size_t k;
			for (k = 0; k < q.n_items; k++) {
				json_t *one = answer_of(full, q.items[k].id, q.items[k].kind);
				json_object_set(obj, q.items[k].id, one ? one : json_null());
			}
			value = json_dumps(obj, JSON_COMPACT);
			json_decref(obj);
		} else {
			json_t *v = answer_of(full, q.id, q.kind);
			value = json_dumps(v ? v : json_null(), JSON_ENCODE_ANY | JSON_COMPACT);
		}
		galacta_interview_set(kb, text, strlen(text), q.id, value, &next);
		free(value);
		free(text);
		text = next;
		galacta_interview_free(iv);
		galacta_case_free(c);
	}
	return text;
}

/* Fastest round (least disturbed) of ROUNDS, alternating the two. */
static void measure(const galacta_kb *kb, const galacta_case *c, long n, double *t_step, double *t_assess,
	double *t_step_json, double *t_assess_json)
{
	int round;
	long k;

	*t_step = *t_assess = *t_step_json = *t_assess_json = 1e9;
	for (round = 0; round < ROUNDS; round++) {
		double t0 = now_s(), t;
		for (k = 0; k < n; k++) {
			galacta_interview *iv = NULL;
			galacta_interview_step(kb, c, &iv);
			galacta_interview_free(iv);
		}
		t = (now_s() - t0) / (double)n;
		*t_step = t < *t_step ? t : *t_step;
		t0 = now_s();
		for (k = 0; k < n; k++) {
			galacta_assessment *a = NULL;
			galacta_assess(kb, c, &a);
			galacta_assessment_free(a);
		}
		t = (now_s() - t0) / (double)n;
		*t_assess = t < *t_assess ? t : *t_assess;
		t0 = now_s();
		for (k = 0; k < n / 4 + 1; k++) {
			char *out = NULL;
			galacta_interview_next(kb, c, GALACTA_LANG_EN, 0, &out);
			galacta_free(out);
		}
		t = (now_s() - t0) / (double)(n / 4 + 1);
		*t_step_json = t < *t_step_json ? t : *t_step_json;
		t0 = now_s();
		for (k = 0; k < n / 4 + 1; k++) {
			galacta_assessment *a = NULL;
			char *out = NULL;
			galacta_assess(kb, c, &a);
			galacta_assessment_to_json(a, GALACTA_LANG_EN, 0, &out);
			galacta_free(out);
			galacta_assessment_free(a);
		}
		t = (now_s() - t0) / (double)(n / 4 + 1);
		*t_assess_json = t < *t_assess_json ? t : *t_assess_json;
	}
}

int main(int argc, char **argv)
{
	galacta_kb *kb;
	long iterations = 400;
	int i = 1;
	double sum_step = 0, sum_ratio = 0, worst = 0;
	int n = 0;

	if (argc > 2 && !strcmp(argv[1], "--iterations")) {
		iterations = atol(argv[2]);
		i = 3;
	}
	if (galacta_kb_load(NULL, &kb)) {
		fprintf(stderr, "bench_interview: %s\n", galacta_error_last());
		return 1;
	}
	printf("%-36s %6s %10s %10s %7s %12s %12s %7s\n", "case", "answers", "step_us", "assess_us", "ratio",
		"step+json_us", "assess+json", "ratio");
	for (; i < argc; i++) {
		char *text = slurp(argv[i], NULL);
		json_t *full = text ? json_loads(text, 0, NULL) : NULL;
		static const int points[] = {0, 1};
		size_t p;

		if (!full) {
			fprintf(stderr, "bench_interview: %s: cannot read\n", argv[i]);
			return 1;
		}
		for (p = 0; p < sizeof(points) / sizeof(*points); p++) {
			char *json = partial(kb, full, points[p]);
			galacta_case *c = NULL;
			galacta_interview *iv = NULL;
			double ts, ta, tsj, taj;
			const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];

			if (!json || galacta_case_parse(kb, json, strlen(json), &c) || galacta_interview_step(kb, c, &iv)) {
				fprintf(stderr, "bench_interview: %s: %s\n", argv[i], galacta_error_last());
				return 1;
			}
			measure(kb, c, iterations, &ts, &ta, &tsj, &taj);
			printf("%-36s %6zu %10.1f %10.1f %7.1f %12.1f %12.1f %7.2f\n", name, galacta_interview_answered(iv),
				ts * 1e6, ta * 1e6, ts / ta, tsj * 1e6, taj * 1e6, tsj / taj);
			sum_step += ts;
			sum_ratio += ts / ta;
			worst = ts > worst ? ts : worst;
			n++;
			galacta_interview_free(iv);
			galacta_case_free(c);
			free(json);
		}
		json_decref(full);
		free(text);
	}
	if (n)
		printf("mean step %.1f us (worst %.1f us), mean step/assess %.1f\n", sum_step / n * 1e6, worst * 1e6,
			sum_ratio / n);
	galacta_kb_free(kb);
	return 0;
}
