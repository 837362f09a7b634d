/*
 * report.h — what the JSON and text renderers share.
 */
#ifndef GALACTA_REPORT_H
#define GALACTA_REPORT_H

#include "assess_internal.h"

#include <stdbool.h>

/* The causes shown in detail (advice, treatments): the first always; the
 * second and third when at least REPORT_SHOWN_PROBABILITY; any other at
 * REPORT_LIKELY_PROBABILITY or more. A presentation choice, not a clinical
 * one: advice for a 4 % cause buries what matters. */
enum { REPORT_TOP_CAUSES = 3 };
#define REPORT_SHOWN_PROBABILITY 0.15
#define REPORT_LIKELY_PROBABILITY 0.5

bool report__cause_is_likely(const struct galacta_assessment *a, size_t rank);

/* Writes the galacta-assessment/1 object as the next value of j (the
 * whole document, or embedded in one: the interview step). Out of memory
 * fails j (checked by jb__finish). */
struct json_build;
void report__assessment_write(struct json_build *j, const struct galacta_assessment *a, galacta_lang lang);

/* When finding f is computed from the mother's medicines (its condition
 * tests medications.supply_lowering_count), the names of her medicines
 * that the KB lists as lowering supply, joined with sep, into buf; else
 * false. So the explanation names the drug, not just "a medicine". */
bool report__medication_names(const struct galacta_assessment *a, int f, const char *sep, char *buf,
	size_t size);



/* Interface-string ids the renderers use; NULL-terminated. kb/ui.yaml must
 * define each (checked at load). */
extern const char *const report__ui_keys[];
#endif
