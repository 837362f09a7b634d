/*
 * api_case.c — the endpoints that take a case (galacta-case/1 in the
 * body, or for GET chart requests built from the query): POST /v1/assess,
 * POST /v1/interview/next, POST /v1/growth and the growth chart. Each
 * parses the case with the shared KB, renders with the public API and
 * answers; a refused case gets the CLI's message and its JSON path.
 */
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *const *allowed;
	const char *unknown;
} query_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	query_check *q = cls;
	size_t i;

	(void)kind;
	(void)value;
	for (i = 0; q->allowed[i]; i++)
		if (!strcmp(key, q->allowed[i]))
			return MHD_YES;
	q->unknown = key;
	return MHD_NO;
}

/* Refuses query parameters the endpoint does not know (a mistyped
 * "?language=" must not silently give English). */
static bool known_query(struct MHD_Connection *conn, request *r, const char *const *allowed, const char *list,
	enum MHD_Result *ret)
{
	query_check q = {allowed, NULL};
	char msg[200];

	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, check_arg, &q);
	if (!q.unknown)
		return true;
	snprintf(msg, sizeof(msg), "%.80s: unknown query parameter (allowed: %s)", q.unknown, list);
	*ret = respond__error(conn, r, MHD_HTTP_BAD_REQUEST, "invalid_parameter", msg, q.unknown, NULL, false);
	return false;
}

static const char *const lang_only[] = {"lang", NULL};

/* What to do with a parsed case: render into *out (*len bytes, owned:
 * galacta_free) of content type *type. */
typedef int (*case_render)(const server *s, const galacta_case *c, galacta_lang lang, char **out, size_t *len,
	const char **type);

static enum MHD_Result with_case(server *s, struct MHD_Connection *conn, request *r, const char *text,
	size_t len, case_render render)
{
	galacta_case *c = NULL;
	galacta_lang lang;
	const char *bad = NULL, *type = NULL;
	char *out = NULL;
	size_t out_len = 0;
	bool chosen;
	enum MHD_Result ret;
	int rc;

	if (lang__negotiate(conn, &lang, &chosen, &bad))
		return respond__error(conn, r, MHD_HTTP_BAD_REQUEST, "invalid_parameter", bad, "lang", NULL, false);
	rc = galacta_case_parse(s->kb, text ? text : "", len, &c);
	if (rc)
		return respond__galacta_error(conn, r, rc);
	/* As the CLI: the case's own language unless the request chose. */
	if (!chosen)
		galacta_case_language(c, &lang);
	rc = render(s, c, lang, &out, &out_len, &type);
	galacta_case_free(c);
	if (rc)
		return respond__galacta_error(conn, r, rc);
	if (!strcmp(type, "application/json"))
		return respond__json(conn, r, MHD_HTTP_OK, out, out_len, lang);
	{
		struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(out_len, out,
			galacta_free);
		if (!resp) {
			galacta_free(out);
			return MHD_NO;
		}
		respond__common_headers(resp);
		MHD_add_response_header(resp, "Content-Type", type);
		MHD_add_response_header(resp, "Content-Language", galacta_lang_name(lang));
		MHD_add_response_header(resp, "Vary", "Accept-Language");
		/* An SVG opened on its own is a document: it may run nothing. */
		MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
		ret = respond__queue(conn, r, MHD_HTTP_OK, resp);
	}
	return ret;
}

static int render_assessment(const server *s, const galacta_case *c, galacta_lang lang, char **out, size_t *len,
	const char **type)
{
	galacta_assessment *a = NULL;
	int rc = galacta_assess(s->kb, c, &a);

	if (!rc)
		rc = galacta_assessment_to_json(a, lang, GALACTA_RENDER_COMPACT, out);
	galacta_assessment_free(a);
	if (!rc) {
		*len = strlen(*out);
		*type = "application/json";
	}
	return rc;
}

static int render_interview(const server *s, const galacta_case *c, galacta_lang lang, char **out, size_t *len,
	const char **type)
{
	int rc = galacta_interview_next(s->kb, c, lang, GALACTA_RENDER_COMPACT, out);

	if (!rc) {
		*len = strlen(*out);
		*type = "application/json";
	}
	return rc;
}

static int render_growth(const server *s, const galacta_case *c, galacta_lang lang, char **out, size_t *len,
	const char **type)
{
	int rc = galacta_growth_report(s->kb, c, lang, GALACTA_RENDER_COMPACT, out);

	if (!rc) {
		*len = strlen(*out);
		*type = "application/json";
	}
	return rc;
}

static int render_chart(const server *s, const galacta_case *c, galacta_lang lang, galacta_chart_format fmt,
	char **out, size_t *len, const char **type)
{
	unsigned char *data = NULL;
	int rc = galacta_growth_chart(s->kb, c, lang, fmt, &data, len);

	if (!rc) {
		*out = (char *)data;
		*type = fmt == GALACTA_CHART_PNG ? "image/png" : "image/svg+xml";
	}
	return rc;
}

static int render_svg(const server *s, const galacta_case *c, galacta_lang lang, char **out, size_t *len,
	const char **type)
{
	return render_chart(s, c, lang, GALACTA_CHART_SVG, out, len, type);
}

static int render_png(const server *s, const galacta_case *c, galacta_lang lang, char **out, size_t *len,
	const char **type)
{
	return render_chart(s, c, lang, GALACTA_CHART_PNG, out, len, type);
}

static enum MHD_Result post_case(server *s, struct MHD_Connection *conn, request *r, case_render render)
{
	enum MHD_Result ret;

	if (!known_query(conn, r, lang_only, "lang", &ret))
		return ret;
	return with_case(s, conn, r, r->body, r->len, render);
}

enum MHD_Result api__assess(server *s, struct MHD_Connection *conn, request *r)
{
	return post_case(s, conn, r, render_assessment);
}

enum MHD_Result api__interview_next(server *s, struct MHD_Connection *conn, request *r)
{
	return post_case(s, conn, r, render_interview);
}

enum MHD_Result api__growth(server *s, struct MHD_Connection *conn, request *r)
{
	return post_case(s, conn, r, render_growth);
}

/* GET: the case from the query (chart_query.c); POST: from the body. */
static enum MHD_Result chart(server *s, struct MHD_Connection *conn, request *r, case_render render)
{
	const char *bad_param = NULL;
	char msg[200], *text = NULL;
	size_t len = 0;
	enum MHD_Result ret;

	if (r->method == METHOD_POST)
		return post_case(s, conn, r, render);
	if (chart_query__case(conn, &text, &len, &bad_param, msg, sizeof(msg)))
		return respond__error(conn, r, MHD_HTTP_BAD_REQUEST, "invalid_parameter", msg, bad_param, NULL, false);
	ret = with_case(s, conn, r, text, len, render);
	free(text);
	return ret;
}

enum MHD_Result api__chart_svg(server *s, struct MHD_Connection *conn, request *r)
{
	return chart(s, conn, r, render_svg);
}

enum MHD_Result api__chart_png(server *s, struct MHD_Connection *conn, request *r)
{
	return chart(s, conn, r, render_png);
}
