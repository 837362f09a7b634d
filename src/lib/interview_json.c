/*
 * interview_json.c — galacta_interview_to_json(): an interview step as
 * galacta-interview/1 JSON (docs/interview.md, "Output"): should_stop, the
 * question, progress, and the assessment so far written by the one
 * assessment renderer (report_json.c) into the same stream.
 */
#include "interview_internal.h"

#include "assess_internal.h"
#include "error.h"
#include "json_build.h"
#include "report.h"

#include <math.h>

/* One question (items: a group's questions, without reason). */
static void question(json_build *j, const galacta_question *qu, bool top)
{
	size_t i;

	jb__object(j);
	jb__put_str(j, "id", qu->id);
	jb__put_str(j, "kind", qu->kind_name);
	jb__put_str(j, "text", qu->text);
	jb__put_str(j, "help", qu->help);
	if (qu->kind == GALACTA_QUESTION_NUMBER || qu->kind == GALACTA_QUESTION_WEIGHTS) {
		jb__put_str(j, "unit", qu->unit);
		jb__key(j, "min");
		jb__real(j, qu->min);
		jb__key(j, "max");
		jb__real(j, qu->max);
		jb__put_bool(j, "integer", qu->integer);
	}
	if (qu->kind == GALACTA_QUESTION_ENUM) {
		jb__key(j, "choices");
		jb__array(j);
		for (i = 0; i < qu->n_choices; i++)
			jb__str(j, qu->choices[i]);
		jb__array_end(j);
		jb__key(j, "choice_labels");
		jb__array(j);
		for (i = 0; i < qu->n_choices; i++)
			jb__str(j, qu->choice_labels[i]);
		jb__array_end(j);
	}
	if (qu->kind == GALACTA_QUESTION_GROUP) {
		jb__key(j, "items");
		jb__array(j);
		for (i = 0; i < qu->n_items; i++)
			question(j, &qu->items[i], false);
		jb__array_end(j);
	}
	if (top) {
		jb__put_str(j, "reason",
			qu->safety ? "safety_first" : qu->screening ? "screening" : "information_gain");
		if (!qu->safety && !qu->screening) {
			jb__key(j, "expected_gain_bits");
			jb__real(j, round(qu->expected_gain * 1e4) / 1e4);
		}
	}
	jb__object_end(j);
}

int galacta_interview_to_json(const galacta_interview *iv, galacta_lang lang, int flags, char **out)
{
	const galacta_assessment *a;
	const char *stop_reason;
	galacta_question qu;
	json_build j;
	int stop;

	error__clear();
	if (!iv || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_interview_to_json: NULL argument or unknown language");
	*out = NULL;
	a = galacta_interview_assessment(iv);
	stop = galacta_interview_should_stop(iv);
	if (!jb__start(&j, a->kb, lang, flags))
		return error__set(GALACTA_ENOMEM, "out of memory");
	jb__object(&j);
	jb__put_str(&j, "format", "galacta-interview/1");
	jb__put_bool(&j, "should_stop", stop);
	jb__key(&j, "question");
	if (!stop && galacta_interview_question(iv, lang, &qu) == 0)
		question(&j, &qu, true);
	else
		jb__null(&j);
	if (stop) {
		stop_reason = galacta_interview_stop_reason(iv);
		jb__put_str(&j, "stop_reason", stop_reason ? stop_reason : "no_questions");
	}
	jb__key(&j, "progress");
	jb__object(&j);
	jb__key(&j, "answered");
	jb__int(&j, (long long)galacta_interview_answered(iv));
	jb__key(&j, "max_questions");
	jb__int(&j, (long long)galacta_interview_budget(iv));
	jb__object_end(&j);
	jb__key(&j, "assessment");
	report__assessment_write(&j, a, lang);
	jb__object_end(&j);
	*out = jb__finish(&j, NULL);
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}
