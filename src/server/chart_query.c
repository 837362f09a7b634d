/*
 * chart_query.c — the case of a GET growth-chart request, from its query,
 * so that a chart is a plain link or <img src>:
 *   ?case=<galacta-case/1 JSON, URL-encoded>
 * or the few fields a chart needs:
 *   ?sex=female&birth_weight_g=3300&gestational_age_weeks=39&age_days=12
 *    &w=5:3020&w=12:3250          (w = AGE_DAYS:WEIGHT_G, repeatable)
 * The fields become a galacta-case/1 that the library validates as any
 * other, so a bad value gets the same message and JSON path as in a body
 * (a number that is not one is passed on as a string to be refused).
 */
#define _POSIX_C_SOURCE 200809L
#include "server.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHART_PARAMS "case, lang, sex, age_days, birth_weight_g, gestational_age_weeks, w"

/* Weights one query may carry (the case format's own limit is larger; a
 * URL is not the place for hundreds). */
enum { CHART_MAX_WEIGHTS = 100 };

typedef struct {
	json_t *infant, *weights;
	const char *case_text;
	size_t n_fields;
	const char *bad_param;
	char *msg;
	size_t msg_size;
	bool oom;
} chart_query;

/* A number as JSON, or the text as a JSON string when it is not one. */
static json_t *number_or_string(const char *v)
{
	char *end;
	double x;

	if (!*v)
		return json_string(v);
	x = strtod(v, &end);
	if (*end || !isfinite(x))
		return json_string(v);
	if (x == floor(x) && fabs(x) < 1e15)
		return json_integer((json_int_t)x);
	return json_real(x);
}

static enum MHD_Result bad_weight(chart_query *q, const char *v)
{
	q->bad_param = "w";
	snprintf(q->msg, q->msg_size, "w: '%.40s' must be AGE_DAYS:WEIGHT_G, e.g. 5:3020", v);
	return MHD_NO;
}

static enum MHD_Result add_weight(chart_query *q, const char *v)
{
	const char *colon = strchr(v, ':');
	char days[32], *end;
	json_t *w;

	if (!colon || colon == v || (size_t)(colon - v) >= sizeof(days) || !colon[1])
		return bad_weight(q, v);
	memcpy(days, v, (size_t)(colon - v));
	days[colon - v] = '\0';
	strtod(days, &end);
	if (*end)
		return bad_weight(q, v);
	if (json_array_size(q->weights) >= CHART_MAX_WEIGHTS) {
		q->bad_param = "w";
		snprintf(q->msg, q->msg_size, "w: at most %d weights in a query (POST the case for more)",
			CHART_MAX_WEIGHTS);
		return MHD_NO;
	}
	w = json_object();
	if (!w || json_object_set_new(w, "age_days", number_or_string(days)) ||
	    json_object_set_new(w, "weight_g", number_or_string(colon + 1)) || json_array_append_new(q->weights, w)) {
		q->oom = true;
		return MHD_NO;
	}
	return MHD_YES;
}

static enum MHD_Result each_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	static const char *const numbers[] = {"age_days", "birth_weight_g", "gestational_age_weeks", NULL};
	chart_query *q = cls;
	size_t i;

	(void)kind;
	if (!value)
		value = "";
	if (!strcmp(key, "lang"))
		return MHD_YES;
	if (!strcmp(key, "case")) {
		q->case_text = value;
		return MHD_YES;
	}
	q->n_fields++;
	if (!strcmp(key, "w"))
		return add_weight(q, value);
	if (!strcmp(key, "sex")) {
		if (json_object_set_new(q->infant, "sex", json_string(value)))
			q->oom = true;
		return q->oom ? MHD_NO : MHD_YES;
	}
	for (i = 0; numbers[i]; i++)
		if (!strcmp(key, numbers[i])) {
			if (json_object_get(q->infant, key)) {
				q->bad_param = numbers[i];
				snprintf(q->msg, q->msg_size, "%s: given twice", numbers[i]);
				return MHD_NO;
			}
			if (json_object_set_new(q->infant, numbers[i], number_or_string(value)))
				q->oom = true;
			return q->oom ? MHD_NO : MHD_YES;
		}
	/* key is the client's text: quote it cut short. */
	q->bad_param = key;
	snprintf(q->msg, q->msg_size, "%.60s: unknown query parameter (allowed: " CHART_PARAMS ")", key);
	return MHD_NO;
}

int chart_query__case(struct MHD_Connection *conn, char **out, size_t *len, const char **bad_param,
	char *msg_buf, size_t msg_size)
{
	chart_query q = {json_object(), json_array(), NULL, 0, NULL, msg_buf, msg_size, false};
	json_t *root = NULL;
	int rc = GALACTA_EINVALID;

	*out = NULL;
	*bad_param = NULL;
	msg_buf[0] = '\0';
	if (!q.infant || !q.weights) {
		snprintf(msg_buf, msg_size, "out of memory");
		goto done;
	}
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, each_param, &q);
	if (q.oom) {
		snprintf(msg_buf, msg_size, "out of memory");
		goto done;
	}
	if (q.bad_param)
		goto done;
	*bad_param = q.bad_param;
	if (q.case_text) {
		if (q.n_fields) {
			*bad_param = "case";
			snprintf(msg_buf, msg_size, "case: give either case or the fields (sex, w, …), not both");
			goto done;
		}
		*out = strdup(q.case_text);
		*len = strlen(q.case_text);
		rc = *out ? 0 : GALACTA_ENOMEM;
		goto done;
	}
	if (!q.n_fields) {
		snprintf(msg_buf, msg_size,
			"the chart needs a case: ?case=<galacta-case/1 JSON> or ?sex=female&birth_weight_g=3300&w=5:3020");
		goto done;
	}
	if (json_array_size(q.weights) && json_object_set(q.infant, "weights", q.weights))
		goto done;
	root = json_pack("{s:s, s:O}", "format", "galacta-case/1", "infant", q.infant);
	*out = root ? json_dumps(root, JSON_COMPACT) : NULL;
	if (*out) {
		*len = strlen(*out);
		rc = 0;
	}
done:
	if (q.bad_param)
		*bad_param = q.bad_param;
	json_decref(root);
	json_decref(q.infant);
	json_decref(q.weights);
	return rc;
}
