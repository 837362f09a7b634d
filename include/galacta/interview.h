/*
 * galacta/interview.h — the adaptive interview: given a partial case, the
 * next question to ask (the one expected to tell most about the causes and
 * the urgency, safety questions first), or that the interview can stop;
 * and help for front-ends that ask a person in plain words (reading typed
 * answers, writing them into the case). Stateless: the evidence so far is
 * a galacta-case/1, and an answer is written into it before the next step
 * (galacta-interview/1, ../shared/spec/case-format.md section 3). The maths
 * and the stop rule: docs/interview.md. Ownership: docs/conventions.md.
 */
#ifndef GALACTA_INTERVIEW_H
#define GALACTA_INTERVIEW_H

#include "galacta/assess.h"
#include "galacta/case.h"
#include "galacta/common.h"
#include "galacta/kb.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How a question is answered. The spec's kinds are finding, number and
 * enum; weights and list are galacta extensions for infant.weights and
 * mother.medications, group for several findings, numbers and enums of one
 * topic asked together (docs/interview.md). */
typedef enum {
	GALACTA_QUESTION_FINDING = 0, /* true (yes), false (no) */
	GALACTA_QUESTION_NUMBER = 1,  /* a number in unit, from min to max */
	GALACTA_QUESTION_ENUM = 2,    /* one of choices */
	GALACTA_QUESTION_WEIGHTS = 3, /* [{"age_days": d, "weight_g": g}, …]; min/max bound weight_g */
	GALACTA_QUESTION_LIST = 4,    /* ["name", …] */
	GALACTA_QUESTION_GROUP = 5    /* several questions on one screen: {"id": value|null, …} over items */
} galacta_question_kind;

/* A question, in one language. Every pointer is borrowed from the
 * interview step it came from (or from its KB) and lives as long as it. */
typedef struct galacta_question {
	const char *id;         /* finding id, a field path ("mother.temperature_c"), or for a
	                         * group "group:" and the topic ("group:breast";
	                         * "group:safety" for the safety screen) */
	galacta_question_kind kind;
	const char *kind_name;  /* "finding", "number", "enum", "weights", "list", "group" */
	const char *text;       /* the question */
	const char *help;       /* how to answer; for safety questions also why it is asked */
	const char *unit;       /* number and weights: the unit ("°C", "g"); else NULL */
	double min, max;        /* number, weights: the allowed range; else 0 */
	int integer;            /* number: whole numbers only */
	size_t n_choices;       /* enum: how many choices */
	const char *const *choices;       /* enum: the values to write into the case */
	const char *const *choice_labels; /* enum: the same in plain words */
	size_t n_items;         /* group: how many questions it holds; else 0 */
	const struct galacta_question *items; /* group: its questions (kind finding, number or enum) */
	int safety;             /* 1: asked first for safety (kb/interview.yaml) */
	int screening;          /* 1: a screen of the causes' hallmarks (kb/interview.yaml) */
	double expected_gain;   /* bits (docs/interview.md); 0 for safety and screening questions */
} galacta_question;

typedef struct galacta_interview galacta_interview;

/* One step of the interview on case c: assesses c, and either chooses the
 * next question or decides to stop (docs/interview.md, "Stop rule").
 * Never chooses a question already in c, including one answered null
 * ("don't know").
 * On success *out is owned by the caller (galacta_interview_free); it
 * borrows from kb, which must outlive it.
 * Errors: GALACTA_EINVALID (NULL argument, or c parsed with another KB),
 * GALACTA_ENOTFOUND (the KB has no interview.yaml), GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_interview_step(const galacta_kb *kb, const galacta_case *c,
	galacta_interview **out);

GALACTA_EXTERN void galacta_interview_free(galacta_interview *iv);

/* 1 when the interview should stop (no question), else 0. */
GALACTA_EXTERN int galacta_interview_should_stop(const galacta_interview *iv);

/* Why it stops: "budget" (the case holds max_questions answers),
 * "no_questions", "low_gain" (no question is expected to tell enough),
 * "stable" (no answer is likely to change the triage level or the top 3
 * causes); NULL while it goes on. Static string. */
GALACTA_EXTERN const char *galacta_interview_stop_reason(const galacta_interview *iv);

/* The next question in lang into *q (pointers borrowed from iv).
 * Errors: GALACTA_EINVALID (NULL argument, unknown lang),
 * GALACTA_ENOTFOUND (the interview stops: no question). */
GALACTA_EXTERN int galacta_interview_question(const galacta_interview *iv, galacta_lang lang,
	galacta_question *q);

/* The assessment of the evidence so far. Borrowed from iv. */
GALACTA_EXTERN const galacta_assessment *galacta_interview_assessment(const galacta_interview *iv);

/* Budget: how many answers the case holds to questions chosen by
 * information gain (findings and fields answered or "don't know",
 * weights, medicines; the safety and screening questions of
 * kb/interview.yaml do not count), and the most it asks for
 * (kb/interview.yaml max_questions; docs/interview.md "Stop rule"). A
 * group holds several answers, so neither counts questions. */
GALACTA_EXTERN size_t galacta_interview_answered(const galacta_interview *iv);
GALACTA_EXTERN size_t galacta_interview_budget(const galacta_interview *iv);

/* Renders the step as galacta-interview/1 JSON in lang: should_stop, the
 * question (null when stopping), and the assessment so far as a
 * galacta-assessment/1 object (docs/interview.md, "Output"). flags:
 * GALACTA_RENDER_COMPACT for one line. *out is owned by the caller
 * (galacta_free). Errors: GALACTA_EINVALID, GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_interview_to_json(const galacta_interview *iv, galacta_lang lang, int flags,
	char **out);

/* galacta_interview_step() then galacta_interview_to_json(): what
 * `galacta interview --next --format json` prints. Errors: as those two. */
GALACTA_EXTERN int galacta_interview_next(const galacta_kb *kb, const galacta_case *c, galacta_lang lang,
	int flags, char **json);

/* What a typed answer means. */
typedef enum {
	GALACTA_ANSWER_VALUE = 0, /* *value_json holds the JSON value to store */
	GALACTA_ANSWER_BACK = 1   /* the person asked to go back one question */
} galacta_answer_kind;

/* Reads what a person typed in answer to question_id, in lang: yes / no /
 * don't know and "back" in the words of kb/interview.yaml (是 / 否 / 不知道
 * / 返回 in Chinese; English words are understood in Chinese too), a
 * number with or without its unit (kg for g, °F for °C, weeks for days …;
 * range-checked), an enum choice by its number, value or label, weights
 * as "3020 g at 5 days" (several separated by ';'; without an age, the
 * baby's age in case c, which may be NULL), or a comma-separated list of
 * names ("none" for an empty list). On GALACTA_ANSWER_VALUE, *value_json
 * is a JSON value ("true", "null", "38.5", "\"vaginal\"", "[…]") owned by
 * the caller (galacta_free); on GALACTA_ANSWER_BACK it is NULL.
 * Errors: GALACTA_EINVALID with a message for the person, in lang, that
 * says what is allowed (range and unit): ask again; GALACTA_ENOTFOUND
 * (no such question, or no interview.yaml); GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_interview_read_answer(const galacta_kb *kb, const galacta_case *c,
	const char *question_id, const char *text, galacta_lang lang, galacta_answer_kind *kind,
	char **value_json);

/* Reads what a person typed in answer to the yes/no part of group q
 * (from galacta_interview_question, kind GALACTA_QUESTION_GROUP), in lang:
 * its finding items numbered from 1 in order, the numbers of those that
 * apply (separated by spaces or commas: "1 3"), the others then "no"; or
 * those numbers and a "don't know" word ("1 3 ?"), the others then "don't
 * know"; "none" / "no" (none applies), a "don't know" word alone (none is
 * known), or "back". On GALACTA_ANSWER_VALUE *value_json is a JSON object
 * {"finding_id": true | false | null, …} over q's finding items, owned by
 * the caller (galacta_free); the number and enum items are read one by
 * one with galacta_interview_read_answer.
 * Errors: GALACTA_EINVALID with a message for the person in lang (ask
 * again), also for a q that is not a group with a finding;
 * GALACTA_ENOTFOUND (no interview.yaml); GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_interview_read_checklist(const galacta_kb *kb, const galacta_question *q,
	const char *text, galacta_lang lang, galacta_answer_kind *kind, char **value_json);

/* Writes value_json (a JSON value) into the case case_json (len bytes) at
 * question_id: a finding id goes to "findings", a field path to its
 * nested objects (created when missing); for a group id ("group:…")
 * value_json is an object {"id": value|null, …} whose members are written
 * one by one as if each were its own question. The result is a new, indented
 * JSON text owned by the caller (galacta_free); the case is not otherwise
 * validated (parse it with galacta_case_parse).
 * Errors: GALACTA_EINVALID (malformed case or value, not an object),
 * GALACTA_ENOTFOUND (question_id is not a question of kb), GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_interview_set(const galacta_kb *kb, const char *case_json, size_t len,
	const char *question_id, const char *value_json, char **case_json_out);

/* An interface string of the interview (kb/interview.yaml "texts") in
 * lang, e.g. "intro", "save_prompt"; placeholders such as {n} are left for
 * the caller. Borrowed from kb; NULL when unknown or the KB has no
 * interview. */
GALACTA_EXTERN const char *galacta_interview_text(const galacta_kb *kb, const char *id, galacta_lang lang);

#ifdef __cplusplus
}
#endif
#endif
