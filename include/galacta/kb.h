/*
 * galacta/kb.h — loading the knowledge base (kb/ YAML files), the data that holds
 * every cause, finding, likelihood ratio, rule, text and source. Format:
 * docs/kb-format.md. Ownership rules: docs/conventions.md.
 */
#ifndef GALACTA_KB_H
#define GALACTA_KB_H

#include "galacta/common.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galacta_kb galacta_kb;

typedef enum {
	GALACTA_LANG_EN = 0,      /* English */
	GALACTA_LANG_ZH_HANS = 1  /* Simplified Chinese */
} galacta_lang;

/* Triage levels, least to most urgent (so a larger value is more urgent). */
typedef enum {
	GALACTA_TRIAGE_SELF_CARE = 0, /* self-care and routine follow-up */
	GALACTA_TRIAGE_CONSULT = 1,   /* doctor, midwife or IBCLC within days */
	GALACTA_TRIAGE_URGENT = 2,    /* a doctor within 24 hours */
	GALACTA_TRIAGE_EMERGENCY = 3, /* emergency services now */
	GALACTA_TRIAGE_COUNT = 4
} galacta_triage_level;

typedef enum {
	GALACTA_SUPPLY_UNCERTAIN = 0,   /* not enough objective data */
	GALACTA_SUPPLY_ADEQUATE = 1,    /* objective signs reassuring */
	GALACTA_SUPPLY_INSUFFICIENT = 2, /* objective signs of low intake/supply */
	GALACTA_SUPPLY_COUNT = 3
} galacta_supply_status;

/* Loads and validates the knowledge base in directory dir (the kb/ folder:
 * sources/NAME.yaml, fields.yaml, findings.yaml, norms.yaml, growth.yaml, causes/ID.yaml,
 * supply.yaml, triage.yaml, medications.yaml, advice.yaml, seed.yaml).
 * dir NULL: $GALACTA_KB_DIR when set; else the KB compiled into the
 * library at build time (tools/gen_kb_builtin.c, validated then), which
 * costs nothing to load.
 * On success *out is a new KB owned by the caller (free with
 * galacta_kb_free); it is immutable and may be shared by threads.
 * Errors: GALACTA_EIO (a file or the directory cannot be read),
 * GALACTA_EKB (validation failed: galacta_error_last() gives
 * "FILE:LINE: what is wrong"), GALACTA_ENOMEM, GALACTA_EINVALID (out NULL). */
GALACTA_EXTERN int galacta_kb_load(const char *dir, galacta_kb **out);

/* Frees a KB; NULL is allowed, and freeing the compiled-in KB does
 * nothing. Every assessment made with it must be freed first. */
GALACTA_EXTERN void galacta_kb_free(galacta_kb *kb);

/* Counts, for apps that list the KB (borrowed pointers live as long as kb). */
GALACTA_EXTERN size_t galacta_kb_cause_count(const galacta_kb *kb);
/* Cause id at index i (0 ≤ i < count), or NULL when out of range. */
GALACTA_EXTERN const char *galacta_kb_cause_id(const galacta_kb *kb, size_t i);
GALACTA_EXTERN size_t galacta_kb_finding_count(const galacta_kb *kb);
/* Finding id at index i, or NULL when out of range. */
GALACTA_EXTERN const char *galacta_kb_finding_id(const galacta_kb *kb, size_t i);

/* The KB for apps that build their own interface, as JSON in lang
 * (docs/api.md, GET /v1/causes and GET /v1/findings):
 *  - causes: galacta-kb-causes/1, every cause with its name, category,
 *    ICD-10 codes, prior, evidence level, summary, mechanism and sources;
 *  - findings: galacta-kb-findings/1, every finding (id, group, label,
 *    question, derived) and every case field (path, type, label, question,
 *    unit, min/max, choices).
 * Both list the cited sources at the top level. flags: 2
 * (GALACTA_RENDER_COMPACT of galacta/assess.h) for one line. *out is owned
 * by the caller (galacta_free). Errors: GALACTA_EINVALID (NULL argument,
 * unknown lang), GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_kb_causes_to_json(const galacta_kb *kb, galacta_lang lang, int flags, char **out);
GALACTA_EXTERN int galacta_kb_findings_to_json(const galacta_kb *kb, galacta_lang lang, int flags, char **out);

/* Parses "en" / "zh-Hans" (also "zh", "zh-CN", "zh_CN"); *out set on
 * success. Errors: GALACTA_EINVALID for anything else. */
GALACTA_EXTERN int galacta_lang_parse(const char *s, galacta_lang *out);
/* "en" or "zh-Hans". Static. */
GALACTA_EXTERN const char *galacta_lang_name(galacta_lang lang);
/* "self_care", "consult", "urgent", "emergency"; NULL when out of range. */
GALACTA_EXTERN const char *galacta_triage_name(galacta_triage_level level);
/* "uncertain", "adequate", "insufficient"; NULL when out of range. */
GALACTA_EXTERN const char *galacta_supply_name(galacta_supply_status status);

#ifdef __cplusplus
}
#endif
#endif
