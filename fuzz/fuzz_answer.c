/*
 * fuzz_answer.c — libFuzzer target for the interview's readers of what a
 * person types and of answers a client sends: galacta_interview_read_answer()
 * for a question of every kind, galacta_interview_read_checklist() for a
 * group, and galacta_interview_set() with any value (a single question or a
 * group). The first input byte chooses the reader, the question and the
 * language; the rest is the text. The KB is loaded once, from
 * $GALACTA_FUZZ_KB or else the compiled-in GALACTA_FUZZ_KB_DIR (kb/: the
 * reader needs interview.yaml). Besides what the sanitizers catch, it
 * aborts when an invariant is broken: the only errors are GALACTA_EINVALID
 * (with a message) and GALACTA_ENOTFOUND; a value read is JSON; a group's
 * answer is an object over exactly its yes/no items; a case written by
 * galacta_interview_set is JSON that the case parser accepts or refuses
 * with GALACTA_EINVALID.
 */
#include "galacta/galacta.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_answer"
#include "fuzz_kb_once.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One question of each kind, a group id, and one that does not exist. */
/* Eight, chosen by three bits of the first byte. */
static const char *const ids[] = {"fever", "mother.temperature_c", "infant.age_days", "mother.delivery_mode",
	"infant.weights", "mother.medications", "group:safety", "no_such_question"};
_Static_assert(sizeof(ids) / sizeof(*ids) == 8, "three bits choose the question");

/* A group of two yes/no questions and a number (as a step would give). */
static const galacta_question items[] = {
	{.id = "fever", .kind = GALACTA_QUESTION_FINDING, .kind_name = "finding"},
	{.id = "infant.wet_diapers_per_24h", .kind = GALACTA_QUESTION_NUMBER, .kind_name = "number"},
	{.id = "breast_redness", .kind = GALACTA_QUESTION_FINDING, .kind_name = "finding"},
};
static const galacta_question group = {.id = "group:safety", .kind = GALACTA_QUESTION_GROUP,
	.kind_name = "group", .n_items = 3, .items = items};

static const char start[] = "{\"format\": \"galacta-case/1\", \"infant\": {\"age_days\": 12}}";

static void check_error(int rc)
{
	check(rc == GALACTA_EINVALID || rc == GALACTA_ENOTFOUND, "an unexpected error code");
	check(*galacta_error_last() != '\0', "an error without a message");
}

static void read_one(const galacta_kb *kb, const galacta_case *c, const char *id, const char *text,
	galacta_lang lang)
{
	galacta_answer_kind kind;
	char *v = NULL;
	int rc = galacta_interview_read_answer(kb, c, id, text, lang, &kind, &v);
	json_t *j;

	if (rc) {
		check_error(rc);
		check(v == NULL, "a value with an error");
		return;
	}
	if (kind == GALACTA_ANSWER_BACK) {
		check(v == NULL, "a value with back");
		return;
	}
	j = json_loads(v, JSON_DECODE_ANY, NULL);
	check(j != NULL, "the value read is not JSON");
	json_decref(j);
	galacta_free(v);
}

static void read_list(const galacta_kb *kb, const char *text, galacta_lang lang)
{
	galacta_answer_kind kind;
	char *v = NULL;
	int rc = galacta_interview_read_checklist(kb, &group, text, lang, &kind, &v);
	json_t *j;

	if (rc) {
		check_error(rc);
		return;
	}
	if (kind == GALACTA_ANSWER_BACK)
		return;
	j = json_loads(v, 0, NULL);
	check(j && json_is_object(j) && json_object_size(j) == 2 && json_object_get(j, "fever") &&
		      json_object_get(j, "breast_redness"),
		"a group answer is not an object over its yes/no questions");
	json_decref(j);
	galacta_free(v);
}

static void set(const galacta_kb *kb, const char *id, const char *value)
{
	char *out = NULL;
	galacta_case *c = NULL;
	int rc = galacta_interview_set(kb, start, strlen(start), id, value, &out);

	if (rc) {
		check_error(rc);
		check(out == NULL, "a case with an error");
		return;
	}
	rc = galacta_case_parse(kb, out, strlen(out), &c);
	check(rc == 0 || rc == GALACTA_EINVALID, "the written case neither parses nor is refused");
	galacta_case_free(c);
	galacta_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const galacta_kb *kb = fuzz_kb();
	galacta_case *c = NULL;
	galacta_lang lang;
	char *text;
	unsigned op;

	if (size < 1)
		return 0;
	op = data[0];
	lang = (op & 1) ? GALACTA_LANG_ZH_HANS : GALACTA_LANG_EN;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	check(galacta_case_parse(kb, start, strlen(start), &c) == 0, "the start case does not parse");
	switch (((op >> 1) & 3) % 3) { /* bits 1-2: the reader; 3-5: the question; 7: with a case */
	case 0:
		read_one(kb, (op & 0x80) ? c : NULL, ids[(op >> 3) & 7], text, lang);
		break;
	case 1:
		read_list(kb, text, lang);
		break;
	default:
		set(kb, ids[(op >> 3) & 7], text);
		break;
	}
	galacta_case_free(c);
	free(text);
	return 0;
}
