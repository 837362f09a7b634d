/*
 * kb_internal.h — the in-memory knowledge base: what the kb/ YAML files become after
 * loading and validation. Everything lives in one arena and is immutable
 * once galacta_kb_load() returns, so one KB is shared by many threads
 * (but for json_pieces, a cache filled with atomic operations).
 */
#ifndef GALACTA_KB_INTERNAL_H
#define GALACTA_KB_INTERNAL_H

#include "arena.h"
#include "galacta/kb.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

enum { LANG_COUNT = 2 };

/* A translated text: t[GALACTA_LANG_EN], t[GALACTA_LANG_ZH_HANS]. */
typedef struct {
	const char *t[LANG_COUNT];
} kb_text;

struct jp_table; /* json_piece.c */

typedef struct {
	int *idx; /* indexes into kb->sources */
	size_t n;
} kb_refs;

typedef enum {
	EVIDENCE_GUIDELINE,
	EVIDENCE_SYSTEMATIC_REVIEW,
	EVIDENCE_RCT,
	EVIDENCE_COHORT,
	EVIDENCE_CASE_SERIES,
	EVIDENCE_REFERENCE_DATA,
	EVIDENCE_EXPERT_OPINION,
	EVIDENCE_TRADITIONAL_USE,
	EVIDENCE_EXPERT_ESTIMATE,
	EVIDENCE_COUNT
} kb_evidence;

extern const char *const kb__evidence_names[EVIDENCE_COUNT];

typedef struct {
	const char *id, *citation, *url, *note;
	kb_evidence level;
} kb_source;

typedef enum {
	FIELD_NUMBER,
	FIELD_INTEGER,
	FIELD_ENUM,
	FIELD_STRING_LIST,
	FIELD_WEIGHTS,
	FIELD_HISTORY,
	FIELD_OBJECT
} kb_field_type;

typedef struct {
	const char *path, *unit;
	const char *group; /* the interview asks it with the findings of this group; NULL: alone */
	kb_field_type type;
	double min, max;
	bool has_range;
	const char **choices;
	size_t n_choices;
	kb_text label, question;
	bool has_question;
	int var; /* variable index for number/integer/enum fields, else -1 */
} kb_field;

/* Conditions: see docs/kb-format.md. */
typedef enum {
	COND_VAR,
	COND_ENUM,
	COND_FINDING,
	COND_SUPPLY,
	COND_CAUSE,
	COND_ALL,
	COND_ANY,
	COND_NOT,
	COND_AT_LEAST,
	COND_KNOWN /* {known: VAR}: true when the case gives VAR, false when not */
} kb_cond_kind;

enum { CMP_LT = 1, CMP_LE = 2, CMP_GT = 4, CMP_GE = 8, CMP_EQ = 16 };

typedef struct kb_cond kb_cond;
struct kb_cond {
	kb_cond_kind kind;
	int index;        /* variable, finding, cause, or supply status */
	unsigned cmp;     /* CMP_* bits that apply */
	double lt, le, gt, ge, eq;
	unsigned enum_mask; /* COND_ENUM: bit i = choice i */
	bool want;          /* COND_FINDING: true = present */
	int at_least;       /* COND_AT_LEAST */
	kb_cond **kids;
	size_t n_kids;
};

typedef struct {
	const char *id, *group;
	kb_text label, question;
	bool has_question;
	bool derived, after_supply;
	const kb_cond *when;
	kb_refs sources;
	int line;
} kb_finding;

typedef struct {
	int finding;
	double lr_present, lr_absent;
	kb_refs sources;
	const char *note;
} kb_link;

typedef struct {
	const char *id;
	kb_text text;
	kb_refs sources;
} kb_advice;

typedef enum {
	TREAT_BEHAVIOURAL,
	TREAT_DRUG,
	TREAT_HERBAL,
	TREAT_PROCEDURE,
	TREAT_TEST,
	TREAT_COUNT
} kb_treatment_kind;

extern const char *const kb__treatment_kind_names[TREAT_COUNT];

typedef struct {
	const char *id;
	kb_treatment_kind kind;
	kb_text name, text, lactation_safety, evidence_note;
	bool has_safety, has_evidence_note, from_seed;
	kb_evidence level;
	kb_refs sources;
} kb_treatment;

typedef struct {
	const char *code;
	kb_text label;
} kb_icd10;

typedef struct {
	const char *id, *category;
	kb_icd10 *icd10;
	size_t n_icd10;
	kb_text name, summary, mechanism;
	kb_evidence level;
	kb_refs sources;
	double prior;
	kb_refs prior_sources;
	const char *prior_note;
	kb_link *links;
	size_t n_links;
	kb_advice *advice;
	size_t n_advice;
	kb_treatment *treatments;
	size_t n_treatments;
} kb_cause;

typedef struct {
	const char *id;
	int level_or_status; /* galacta_triage_level or galacta_supply_status */
	const kb_cond *when;
	kb_text text, action;
	bool has_action;
	kb_refs sources;
} kb_rule;

typedef enum {
	MED_LOWERS_SUPPLY,
	MED_MAY_LOWER_SUPPLY,
	MED_NO_KNOWN_EFFECT,
	MED_NO_DATA,
	MED_EFFECT_COUNT
} kb_med_effect;

extern const char *const kb__med_effect_names[MED_EFFECT_COUNT];

typedef struct {
	const char *id;
	const char **names;
	size_t n_names;
	kb_med_effect effect;
	kb_text name, note;
	kb_refs sources;
} kb_medication;

typedef struct {
	int from_day, to_day;
	double wet_min, stools_min; /* stools_min < 0 = no norm */
} kb_diaper_norm;

/* kb/growth.yaml (docs/kb-format.md): what the growth report shows next to
 * a baby's numbers. */
typedef enum {
	WL_MEDIAN_LOSS_PCT,            /* value = median % loss from birth weight */
	WL_SHARE_LOST_AT_LEAST,        /* value = % of babies who lost >= threshold_pct */
	WL_SHARE_BELOW_BIRTH_WEIGHT,   /* value = % of babies still below birth weight */
	WL_SHARE_AT_OR_ABOVE_BIRTH_WEIGHT, /* value = % back to birth weight or above */
	WL_STATISTIC_COUNT
} kb_wl_statistic;

typedef enum { REL_EQ, REL_APPROX, REL_GT, REL_COUNT } kb_relation;

extern const char *const kb__wl_statistic_names[WL_STATISTIC_COUNT];
extern const char *const kb__relation_names[REL_COUNT];

typedef struct {
	const char *id;
	unsigned delivery_mask;   /* bit i = mother.delivery_mode choice i */
	double hours;             /* when the statistic was measured */
	kb_wl_statistic statistic;
	double threshold_pct;     /* WL_SHARE_LOST_AT_LEAST only */
	kb_relation relation;
	double value_pct;
	double show_from_hours, show_to_hours; /* shown for ages in [from, to) */
	kb_text text;
	kb_refs sources;
} kb_wl_statement;

typedef struct {
	const char *id;
	double from_day, to_day;  /* interval starts >= from_day, ends <= to_day */
	double low_g_per_day, good_g_per_day;
	kb_text text;
	kb_refs sources;
} kb_gain_norm;

typedef struct {
	const char *id;
	int from_day, to_day;     /* day of life, inclusive */
	double lower_limit_ml, full_supply_ml; /* < 0: not given */
	kb_text text;
	kb_refs sources;
} kb_pumping_norm;

/* A text with its sources (growth.yaml statements without numbers). */
typedef struct {
	kb_text text;
	kb_refs sources;
} kb_statement;

typedef struct {
	const char *id;
	kb_text text, current_evidence;
	bool has_current_evidence;
	kb_evidence level;
	kb_refs sources;
	const char **represented_by;
	size_t n_represented_by;
} kb_seed_claim;

typedef struct {
	int level;
	kb_text title, text;
} kb_level_text;

/* kb/interview.yaml: the adaptive interview (docs/interview.md). */
typedef enum {
	IV_WORD_YES,
	IV_WORD_NO,
	IV_WORD_UNKNOWN,
	IV_WORD_BACK,
	IV_WORD_NONE, /* an empty list ("no medicines") */
	IV_WORD_COUNT
} kb_iv_word;

typedef struct {
	const char **w; /* lowercase words and phrases a person may type */
	size_t n;
} kb_iv_words;

/* A question asked before any other, for safety: the ids in ask[] in
 * order, each only while askable; with all false, the item is done at the
 * first answer that is not "don't know". when: asked only when true (a
 * follow-up, e.g. signs of sepsis once the mother has a fever). */
typedef struct {
	const char *id;
	const char **ask;
	size_t n_ask;
	bool all;
	bool alone;  /* asked on a screen of its own: what is due after it depends on it */
	bool only;   /* its questions are asked only when `when` holds, by any route */
	bool screen; /* a screen of the causes' hallmarks, asked as one group after the
	              * safety questions before it, not for safety (help: its title) */
	const kb_cond *when;
	kb_text help;
} kb_iv_safety;

/* How often a person can answer these questions (ids, or prefixes ending
 * in '*'): the expected gain of a question is scaled by it. */
typedef struct {
	const char **ids;
	size_t n_ids;
	double rate;
} kb_iv_rate;

/* Plain-words labels of an enum field's choices (labels[i] for choice i). */
typedef struct {
	int field;
	kb_text *labels;
} kb_iv_choices;

typedef struct {
	bool present;                 /* the KB has interview.yaml */
	double max_questions;         /* stop once the case holds this many answers */
	double min_gain_bits;         /* stop when the best expected gain is lower */
	double min_change_probability; /* stop when no answer changes triage/top 3 more likely than this */
	double triage_weight;         /* bits of triage information count this much */
	double finding_prevalence;    /* P(finding) for a finding whose links give no rate */
	double red_flag_rate;         /* P(an answer fires a triage rule with no finding behind it) */
	double answer_rate;           /* P(a person can answer a question), unless answer_rates says */
	double group_max_items;   /* yes/no findings asked together at most (1: one at a time) */
	double group_min_gain_bits; /* a finding joins a checklist only when it tells this much */
	bool red_flags_first;        /* ask every question with an answer that alone makes the case urgent first */
	kb_iv_rate *rates;
	size_t n_rates;
	double *finding_rate, *field_rate; /* the answer rate of each finding / field (from the above) */
	unsigned char *finding_observes, *var_observes; /* the answer can change an observe.c output */
	kb_iv_safety *safety;
	size_t n_safety;
	kb_iv_choices *choices;
	size_t n_choices;
	kb_iv_words words[IV_WORD_COUNT][LANG_COUNT];
	kb_advice *texts;             /* interface strings: id + text, no sources */
	size_t n_texts;
	kb_advice *units;             /* a field unit (id) in plain words per language */
	size_t n_units;
} kb_interview;

/* Names to entries (kb_index.c): slot[hash & mask] onwards holds the
 * index of an entry, up to a -1. slot NULL: not built yet (while loading). */
typedef struct {
	const int *slot;
	size_t mask;
} kb_name_index;

/* Variables: fields first (var index = order of numeric/enum fields), then
 * the computed ones of observe.c. */
typedef struct {
	const char *name;
	int field; /* index into fields, or -1 for computed variables */
} kb_var;

struct galacta_kb {
	int builtin; /* 1: compiled in (kb_builtin.c), never freed */
	arena mem;
	const char *dir;
	kb_source *sources;
	size_t n_sources;
	kb_field *fields;
	size_t n_fields;
	kb_var *vars;
	size_t n_vars;
	kb_finding *findings;
	size_t n_findings;
	kb_cause *causes;
	size_t n_causes;
	kb_rule *supply_rules;
	size_t n_supply_rules;
	kb_rule *triage_rules;
	size_t n_triage_rules;
	kb_medication *meds;
	size_t n_meds;
	kb_diaper_norm *diaper_norms;
	size_t n_diaper_norms;
	kb_refs diaper_sources;
	kb_advice *general_advice;
	size_t n_general_advice;
	kb_level_text triage_texts[GALACTA_TRIAGE_COUNT];
	kb_level_text supply_texts[GALACTA_SUPPLY_COUNT];
	kb_text disclaimer, sparse_data;
	kb_advice *ui; /* interface strings (kb/ui.yaml): id + text, no sources */
	size_t n_ui;
	/* kb/growth.yaml */
	kb_wl_statement *wl_statements;
	size_t n_wl_statements;
	double wl_min_ga_weeks, wl_min_bw_g, wl_max_bw_g; /* their population */
	kb_gain_norm *gain_norms;
	size_t n_gain_norms;
	kb_pumping_norm *pumping_norms;
	size_t n_pumping_norms;
	double *percentile_lines;     /* ascending percentiles, e.g. 3 15 50 85 97 */
	size_t n_percentile_lines;
	double crossing_baseline_days;
	/* growth.yaml plausibility: a weight beyond this |WHO weight-for-age z| is
	 * refused as a typing error. */
	double max_abs_weight_for_age_z;
	kb_refs plausibility_sources;
	kb_statement percentile_lines_statement, lactogenesis_statement, corrected_age_statement;
	kb_refs seed_sources;
	kb_seed_claim *seed_claims;
	size_t n_seed_claims;
	int source_expert_estimate; /* index of the expert_estimate source */
	kb_interview interview;     /* kb/interview.yaml (optional file) */
	kb_name_index source_index, field_index, var_index, finding_index, cause_index;
	/* The constant parts of the JSON answers, rendered at first use
	 * (json_piece.c): the one thing added to a loaded KB, atomically. */
	_Atomic(struct jp_table *) json_pieces;
};

/* Look-ups by name (kb_index.c); -1 when absent. Hash tables once the KB
 * is loaded, linear scans while it is being loaded. */
int kb__source_index(const struct galacta_kb *kb, const char *id);
int kb__finding_index(const struct galacta_kb *kb, const char *id);
int kb__cause_index(const struct galacta_kb *kb, const char *id);
int kb__var_index(const struct galacta_kb *kb, const char *name);
int kb__field_index(const struct galacta_kb *kb, const char *path);
/* Builds the look-up tables of a KB loaded from YAML, in its arena. */
int kb__index_build(struct galacta_kb *kb);
/* Interface string id in lang; the loader guarantees every id the
 * renderers use exists (report__ui_keys). */
const char *kb__ui(const struct galacta_kb *kb, const char *id, int lang);

#endif
