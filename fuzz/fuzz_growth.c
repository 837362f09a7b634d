/*
 * fuzz_growth.c — libFuzzer target for the growth path: a case (above all
 * its infant.weights array, ages in hours or days, birth weight, sex and
 * gestation) through galacta_case_parse(), galacta_growth_report() in both
 * languages, galacta_growth_report_text() and galacta_growth_chart() (SVG).
 * The knowledge base is loaded once, from $GALACTA_FUZZ_KB or else the
 * compiled-in GALACTA_FUZZ_KB_DIR (tests/data/kb-tiny). Besides what the
 * sanitizers catch, it aborts when an invariant breaks: the JSON parses, is
 * galacta-growth/1, every z-score is a finite number or null with a reason,
 * every percentile lies in [0, 100]; a chart is either drawn (an SVG
 * document) or refused as GALACTA_EINVALID naming infant.sex or
 * infant.weights. fuzz/replay.c runs the same function over
 * fuzz/corpus/growth in normal (gcc) builds.
 */
#include "galacta/galacta.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_growth"
#include "fuzz_kb_once.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fontconfig and cairo keep process-wide caches that LeakSanitizer reports
 * at exit (once per process, not per chart; src/cli/lsan_suppressions.c). */
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcairo.so\n";
}

/* z and percentile: both numbers (finite, percentile in [0, 100]) or both
 * null next to a reason object. */
static void check_pair(json_t *o, const char *zkey, const char *pkey)
{
	json_t *z = json_object_get(o, zkey), *p = json_object_get(o, pkey);

	check(z != NULL && p != NULL, "a z-score or percentile member is missing");
	if (json_is_null(z)) {
		check(json_is_null(p), "percentile without z");
		check(json_is_object(json_object_get(o, "reason")), "null z without a reason");
		return;
	}
	check(json_is_number(z) && isfinite(json_number_value(z)), "z is not a finite number");
	check(json_is_number(p) && json_number_value(p) >= 0 && json_number_value(p) <= 100, "percentile outside 0-100");
}

static void check_json(const galacta_kb *kb, const galacta_case *c, galacta_lang lang, int flags)
{
	char *s = NULL;
	json_t *root, *item;
	size_t i;

	check(galacta_growth_report(kb, c, lang, flags, &s) == 0 && s, "growth JSON failed");
	root = json_loads(s, 0, NULL);
	check(root != NULL, "growth JSON does not parse");
	check(!strcmp(json_string_value(json_object_get(root, "format")), "galacta-growth/1"), "wrong format");
	json_array_foreach(json_object_get(root, "measurements"), i, item)
		check_pair(item, "weight_for_age_z", "weight_for_age_percentile");
	json_array_foreach(json_object_get(root, "velocity"), i, item) {
		check_pair(item, "z", "percentile");
		check(isfinite(json_number_value(json_object_get(item, "gain_g_per_day"))), "gain per day not finite");
	}
	json_decref(root);
	galacta_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const galacta_kb *kb = fuzz_kb();
	galacta_case *c = NULL;
	unsigned char *img = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc = galacta_case_parse(kb, (const char *)data, size, &c);

	if (rc) {
		check(rc == GALACTA_EINVALID && c == NULL, "a refused case is not GALACTA_EINVALID");
		return 0;
	}
	check_json(kb, c, GALACTA_LANG_EN, 0);
	check_json(kb, c, GALACTA_LANG_ZH_HANS, GALACTA_RENDER_COMPACT);
	check(galacta_growth_report_text(kb, c, GALACTA_LANG_ZH_HANS, GALACTA_RENDER_COLOR, &text) == 0 && text,
		"growth text failed");
	galacta_free(text);
	rc = galacta_growth_chart(kb, c, GALACTA_LANG_EN, GALACTA_CHART_SVG, &img, &len);
	if (rc == 0)
		check(img != NULL && len > 100 && (!memcmp(img, "<?xml", 5) || !memcmp(img, "<svg", 4)), "chart is not SVG");
	else
		check(rc == GALACTA_EINVALID && img == NULL &&
			      (strstr(galacta_error_last(), "infant.sex") || strstr(galacta_error_last(), "infant.weights")),
			"a refused chart does not name infant.sex or infant.weights");
	galacta_free(img);
	galacta_case_free(c);
	return 0;
}
