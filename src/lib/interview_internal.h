/*
 * interview_internal.h — what the interview's files share: question look-up,
 * interface-string keys, and the incremental pipeline ("what if the answer
 * were …") that scores candidate questions without running galacta_assess
 * per answer. The maths: docs/interview.md.
 */
#ifndef GALACTA_INTERVIEW_INTERNAL_H
#define GALACTA_INTERVIEW_INTERNAL_H

#include "arena.h"
#include "case_internal.h"
#include "galacta/interview.h"
#include "kb_internal.h"

#include <stdbool.h>
#include <stddef.h>

/* How a question is answered. */
typedef enum {
	IVQ_FINDING, /* true / false */
	IVQ_NUMBER,  /* a number in the field's range */
	IVQ_ENUM,    /* one of the field's choices */
	IVQ_WEIGHTS, /* infant.weights: [{age_days, weight_g}, …] */
	IVQ_LIST,    /* a list of names (mother.medications) */
	IVQ_GROUP    /* several findings, numbers and enums of one topic, on one screen */
} ivq_kind;

/* The most findings one checklist asks about (kb/interview.yaml
 * group_max_items is validated against it). */
enum { IV_MAX_ITEMS = 16 };
/* The id prefix of a group question. */
#define IV_GROUP_PREFIX "group:"

/* One question of a group: a finding, or a number or enum field. */
typedef struct {
	ivq_kind kind;
	int index; /* finding or field index */
	bool integer;
} iv_item;


extern const char *const interview__kind_names[];

/* The question called id: a finding that is not derived and has a
 * question, or a field with a question whose type can be asked (number,
 * integer, enum, weights, string_list). Returns the finding or field
 * index (kind tells which), or -1. kind and integer may be NULL. */
int interview__question_ref(const struct galacta_kb *kb, const char *id, ivq_kind *kind, bool *integer);

/* The score of question id on case c, as the step computes it (for the
 * unit tests): expected information about the causes and about the triage
 * level (bits, times the answer rate), the probability that the answer
 * changes the triage level or the top 3, and for a finding P(present).
 * Returns 0, GALACTA_ENOTFOUND (not a question) or GALACTA_ENOMEM. */
int interview__score(const struct galacta_kb *kb, const struct galacta_case *c, const char *id,
	double *cause_gain, double *triage_info, double *p_change, double *p_yes);

/* Interface-string ids the interview needs; NULL-terminated. A present
 * kb/interview.yaml must define each (checked at load). */
extern const char *const interview__text_keys[];

/* Interface string id in lang, or "" when the KB has no interview. */
const char *interview__text(const struct galacta_kb *kb, const char *id, int lang);
/* Field unit in plain words in lang (kb/interview.yaml units), else unit. */
const char *interview__unit(const struct galacta_kb *kb, const char *unit, int lang);

/* --- the incremental pipeline (interview_eval.c) ---------------------- */

enum { IV_TOP = 3 }; /* the ranking the stop rule watches: the top 3 causes */

typedef struct {
	int *v;
	size_t n;
} iv_list;

/* One link of a cause to a finding, ready for what-if updates and for
 * predicting the finding: log LRs, and the sensitivity s = P(f | cause) and
 * false-positive rate r = P(f | no cause) implied by the two LRs. */
typedef struct {
	int cause;
	double log_present, log_absent;
	double s, r;
	bool table; /* the two LRs define the table (else r is a default) */
} iv_link;

/* A pipeline state: what galacta_assess computes, in plain arrays. */
typedef struct {
	double *var;
	unsigned char *known;
	signed char *finding; /* TRI_*, derived included */
	int supply;
	double *logit, *prob; /* per KB cause (KB order) */
	unsigned char *rule;  /* triage rule fired */
	int fired[GALACTA_TRIAGE_COUNT]; /* how many rules of each level fired */
	int triage;
	int top[IV_TOP];      /* cause indexes, most probable first */
} iv_state;

/* An answer to try: a finding value, a variable value, and/or lists that
 * replace the case's weights or medicines. observe: recompute the
 * observations (the answer feeds observe.c). */
typedef struct {
	int finding;
	signed char fvalue;
	int var;
	double value;
	bool set_weights, set_meds, observe;
	const case_weight *weights;
	size_t n_weights;
	const char *const *meds;
	size_t n_meds;
} iv_answer;

/* The result of one what-if. */
typedef struct {
	double *prob;          /* caller storage, n_causes */
	signed char *finding;  /* caller storage, n_findings: every finding's state */
	int triage, supply;
	int top[IV_TOP];
	double weight;         /* unnormalised probability of this answer */
	bool new_urgent;       /* an urgent or emergency triage rule fires that did not before */
} iv_outcome;

typedef struct {
	const struct galacta_kb *kb;
	const struct galacta_case *c;
	arena *mem;
	double prevalence, red_flag_rate;
	/* index: who names whom (direct references only) */
	iv_list *f_deriv, *v_deriv;   /* derived findings naming a finding / variable */
	iv_list *f_triage, *v_triage; /* triage rules naming a finding / variable */
	unsigned char *f_supply, *v_supply; /* named by a supply rule */
	iv_list t_supply, t_cause;    /* triage rules naming the supply status / a cause */
	iv_list after_supply;         /* derived findings computed after the supply status */
	iv_list *f_links;             /* per finding: indexes into links */
	iv_link *links;
	double *prior;                /* per cause */
	double **thresholds;          /* per variable: numbers its conditions compare with, sorted */
	size_t *n_thresholds;
	/* base state and what observe.c depends on in it */
	iv_state base;
	unsigned char *f_observe;     /* answering this finding changes an observation */
	unsigned char *v_observe;     /* answering this variable changes an observation */
	double *pred;                 /* P(finding present), computed when first needed (NaN before) */
	unsigned char *f_red_flag;    /* named by a triage rule of level urgent or emergency */
	/* scratch */
	iv_state s;
	double *cvar;
	unsigned char *cstate;
	signed char *cfinding;
	unsigned char *dirty, *first; /* per finding: to re-evaluate; named by the answer itself */
	size_t dirty_from, pending;   /* the first dirty finding; how many are dirty */
	unsigned char *rule_dirty;
	int *rules;                   /* the triage rules to re-evaluate */
	size_t n_rules;
	int *changed;                 /* findings changed by the what-if */
	signed char *changed_old;
	size_t n_changed;
	int *vchanged;
	size_t n_vchanged;
} iv_ctx;

/* Builds the index and the base state of case c. Everything lives in mem.
 * Returns 0 or GALACTA_ENOMEM. */
int iv__init(iv_ctx *x, const struct galacta_kb *kb, const struct galacta_case *c, arena *mem);
/* True when answering variable v (any value) changes an observation
 * (found for every missing variable by iv__init). */
bool iv__var_observes(const iv_ctx *x, int v);
/* Runs the pipeline on the case plus answer a; fills o. */
void iv__whatif(iv_ctx *x, const iv_answer *a, iv_outcome *o);
/* P(finding f present | the case so far): docs/interview.md, "P(answer)". */
double iv__predict(iv_ctx *x, int f);

#endif
