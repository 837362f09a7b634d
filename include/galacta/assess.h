/*
 * galacta/assess.h — the assessment: supply status, triage, causes ranked
 * by posterior probability with their contributions, advice and sources,
 * and its renderings (galacta-assessment/1 JSON, plain-words text).
 */
#ifndef GALACTA_ASSESS_H
#define GALACTA_ASSESS_H

#include "galacta/case.h"
#include "galacta/common.h"
#include "galacta/kb.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galacta_assessment galacta_assessment;

/* Runs the pipeline on a parsed case: computed observations (growth maths,
 * diaper norms), derived findings, supply status (kb/supply.yaml), cause
 * posteriors (prior odds × likelihood ratios, kb/causes/), triage
 * (kb/triage.yaml: the most urgent rule that fires; never lowered).
 * Pure: kb and c are only read, so calls may run in parallel.
 * On success *out is owned by the caller (galacta_assessment_free); it
 * borrows from kb, which must outlive it.
 * Errors: GALACTA_EINVALID (NULL argument), GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_assess(const galacta_kb *kb, const galacta_case *c,
	galacta_assessment **out);

GALACTA_EXTERN void galacta_assessment_free(galacta_assessment *a);

GALACTA_EXTERN galacta_triage_level galacta_assessment_triage(const galacta_assessment *a);
GALACTA_EXTERN galacta_supply_status galacta_assessment_supply(const galacta_assessment *a);
/* Number of causes (all KB causes, sorted by probability, highest first). */
GALACTA_EXTERN size_t galacta_assessment_cause_count(const galacta_assessment *a);
/* Cause i's id (borrowed) and posterior probability in [0, 1]; returns
 * GALACTA_ERANGE when i is out of range. prob may be NULL. */
GALACTA_EXTERN int galacta_assessment_cause(const galacta_assessment *a, size_t i,
	const char **id, double *prob);

/* Render flags. */
enum {
	GALACTA_RENDER_COLOR = 1,  /* text: ANSI colours for the triage banner */
	GALACTA_RENDER_COMPACT = 2 /* JSON: one line (for JSON Lines) */
};

/* Renders the assessment as galacta-assessment/1 JSON (docs/assessment-format.md)
 * or as plain-words text for parents, in lang. *out is a NUL-terminated
 * string owned by the caller: free it with galacta_free().
 * Errors: GALACTA_EINVALID (NULL argument), GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_assessment_to_json(const galacta_assessment *a,
	galacta_lang lang, int flags, char **out);
GALACTA_EXTERN int galacta_assessment_to_text(const galacta_assessment *a,
	galacta_lang lang, int flags, char **out);

/* Frees memory galacta handed to the caller as a plain buffer. NULL ok. */
GALACTA_EXTERN void galacta_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
