/*
 * api_kb.c — GET /v1/causes and GET /v1/findings (the knowledge base in
 * one language, rendered once at start: the KB never changes while the
 * server runs) and GET /v1/health.
 */
#include "server.h"

#include <stdio.h>
#include <string.h>

int api__prepare(server *s)
{
	int l, rc;

	for (l = 0; l < 2; l++) {
		if ((rc = galacta_kb_causes_to_json(s->kb, (galacta_lang)l, GALACTA_RENDER_COMPACT,
			     &s->causes_json[l])) ||
		    (rc = galacta_kb_findings_to_json(s->kb, (galacta_lang)l, GALACTA_RENDER_COMPACT,
			     &s->findings_json[l])))
			return rc;
		s->causes_len[l] = strlen(s->causes_json[l]);
		s->findings_len[l] = strlen(s->findings_json[l]);
	}
	return 0;
}

/* The language of a KB listing; a bad ?lang= is answered here. */
static bool listing_lang(struct MHD_Connection *conn, request *r, galacta_lang *lang, enum MHD_Result *ret)
{
	const char *bad = NULL;
	bool chosen;

	if (lang__negotiate(conn, lang, &chosen, &bad)) {
		*ret = respond__error(conn, r, MHD_HTTP_BAD_REQUEST, "invalid_parameter", bad, "lang", NULL, false);
		return false;
	}
	return true;
}

enum MHD_Result api__causes(server *s, struct MHD_Connection *conn, request *r)
{
	galacta_lang lang;
	enum MHD_Result ret = MHD_NO;

	if (!listing_lang(conn, r, &lang, &ret))
		return ret;
	return respond__json_static(conn, r, s->causes_json[lang], s->causes_len[lang], lang);
}

enum MHD_Result api__findings(server *s, struct MHD_Connection *conn, request *r)
{
	galacta_lang lang;
	enum MHD_Result ret = MHD_NO;

	if (!listing_lang(conn, r, &lang, &ret))
		return ret;
	return respond__json_static(conn, r, s->findings_json[lang], s->findings_len[lang], lang);
}

enum MHD_Result api__health(server *s, struct MHD_Connection *conn, request *r)
{
	struct MHD_Response *resp;
	char buf[256];
	int n;

	n = snprintf(buf, sizeof(buf),
		"{\"status\":\"%s\",\"version\":\"%s\",\"uptime_seconds\":%.0f,"
		"\"kb\":{\"causes\":%zu,\"findings\":%zu},\"connections\":%u}",
		atomic_load(&s->stopping) ? "stopping" : "ok", galacta_version(), server__now() - s->started,
		galacta_kb_cause_count(s->kb), galacta_kb_finding_count(s->kb), atomic_load(&s->connections));
	if (n < 0 || (size_t)n >= sizeof(buf))
		return MHD_NO;
	resp = MHD_create_response_from_buffer((size_t)n, buf, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	respond__common_headers(resp);
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	return respond__queue(conn, r, MHD_HTTP_OK, resp);
}
