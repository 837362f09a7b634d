/*
 * fuzz_case.c — libFuzzer target for the case parser and everything a
 * parsed case reaches: galacta_case_parse(), galacta_assess() and both
 * renderers in both languages. The knowledge base is loaded once, from
 * $GALACTA_FUZZ_KB or else the compiled-in GALACTA_FUZZ_KB_DIR (the fixture
 * tests/data/kb-tiny). Besides what the sanitizers catch, it aborts when an
 * invariant every result must meet is broken: a refused case comes back as
 * GALACTA_EINVALID with a message and no case; an assessment has its causes'
 * probabilities in [0, 1], highest first, a triage level and supply status
 * in range, and JSON output that parses and lists every cause, the same
 * document compact (parts copied from json_piece.c's cache) and indented.
 * The fast case reader (json_load.c) must take only what jansson takes, as
 * the same tree. fuzz/replay.c runs the same function over the committed
 * corpus in normal (gcc) builds.
 */
#include "galacta/galacta.h"
#include "json_load.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_case"
#include "fuzz_kb_once.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_json(const galacta_assessment *a, galacta_lang lang, int flags)
{
	char *s = NULL;
	json_t *root;

	check(galacta_assessment_to_json(a, lang, flags, &s) == 0 && s, "JSON rendering failed");
	root = json_loads(s, 0, NULL);
	check(root != NULL, "JSON rendering does not parse");
	check(json_array_size(json_object_get(root, "causes")) == galacta_assessment_cause_count(a),
		"JSON does not list every cause");
	check(!strcmp(json_string_value(json_object_get(json_object_get(root, "triage"), "level")),
		      galacta_triage_name(galacta_assessment_triage(a))),
		"JSON triage level differs from the API's");
	json_decref(root);
	galacta_free(s);
}

/* The compact and the indented document say the same. */
static void check_compact(const galacta_assessment *a, galacta_lang lang)
{
	char *s = NULL, *t = NULL;
	json_t *x, *y;

	check(galacta_assessment_to_json(a, lang, 0, &s) == 0 &&
		      galacta_assessment_to_json(a, lang, GALACTA_RENDER_COMPACT, &t) == 0,
		"JSON rendering failed");
	x = json_loads(s, 0, NULL);
	y = json_loads(t, 0, NULL);
	check(x && y && json_equal(x, y), "compact and indented JSON differ");
	json_decref(x);
	json_decref(y);
	galacta_free(s);
	galacta_free(t);
}

/* What the fast reader takes, jansson takes as an equal tree (test_json_load.c
 * also compares number types and key order). */
static void check_reader(const uint8_t *data, size_t size)
{
	json_t *fast = json_load__object((const char *)data, size);
	json_t *ref;

	if (!fast)
		return;
	ref = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	check(ref && json_equal(fast, ref), "the fast reader took what jansson reads otherwise");
	json_decref(fast);
	json_decref(ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const galacta_kb *kb = fuzz_kb();
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;
	char *text = NULL;
	double prev = 1.0;
	size_t i;
	int rc = galacta_case_parse(kb, (const char *)data, size, &c);

	check_reader(data, size);
	if (rc) {
		check(rc == GALACTA_EINVALID, "a refused case is not GALACTA_EINVALID");
		check(c == NULL, "a refused case was returned");
		check(galacta_error_last()[0] != '\0', "a refused case has no message");
		return 0;
	}
	check(galacta_assess(kb, c, &a) == 0, "galacta_assess failed");
	check((unsigned)galacta_assessment_triage(a) < GALACTA_TRIAGE_COUNT, "triage level out of range");
	check((unsigned)galacta_assessment_supply(a) < GALACTA_SUPPLY_COUNT, "supply status out of range");
	check(galacta_assessment_cause_count(a) == galacta_kb_cause_count(kb), "a cause is missing");
	for (i = 0; i < galacta_assessment_cause_count(a); i++) {
		const char *id = NULL;
		double p = -1;
		check(galacta_assessment_cause(a, i, &id, &p) == 0 && id, "cause lookup failed");
		check(p >= 0 && p <= 1, "probability outside [0, 1]");
		check(p <= prev, "causes not sorted by probability");
		prev = p;
	}
	check_json(a, GALACTA_LANG_EN, 0);
	check_json(a, GALACTA_LANG_ZH_HANS, GALACTA_RENDER_COMPACT);
	check_compact(a, GALACTA_LANG_EN);
	check_compact(a, GALACTA_LANG_ZH_HANS);
	check(galacta_assessment_to_text(a, GALACTA_LANG_EN, 0, &text) == 0 && text, "text rendering failed");
	galacta_free(text);
	text = NULL;
	check(galacta_assessment_to_text(a, GALACTA_LANG_ZH_HANS, GALACTA_RENDER_COLOR, &text) == 0 && text,
		"text rendering failed");
	galacta_free(text);
	galacta_assessment_free(a);
	galacta_case_free(c);
	return 0;
}
