/*
 * respond.c — building and queueing responses: JSON bodies with the API's
 * headers, the JSON error object {"error": {"code", "message", "path"}},
 * and the one table from library error codes to HTTP statuses.
 */
#include "server.h"

#include "request_parse.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void respond__common_headers(struct MHD_Response *resp)
{
	/* Answers carry health data: no cache may keep them. */
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

enum MHD_Result respond__queue(struct MHD_Connection *conn, request *r, unsigned status,
	struct MHD_Response *resp)
{
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	if (ret == MHD_YES)
		r->status = status;
	return ret;
}

static void json_headers(struct MHD_Response *resp, galacta_lang lang)
{
	respond__common_headers(resp);
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Content-Language", galacta_lang_name(lang));
	MHD_add_response_header(resp, "Vary", "Accept-Language");
}

static void free_galacta(void *p)
{
	galacta_free(p);
}

enum MHD_Result respond__json(struct MHD_Connection *conn, request *r, unsigned status, char *json,
	size_t len, galacta_lang lang)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(len, json, free_galacta);

	if (!resp) {
		galacta_free(json);
		return MHD_NO;
	}
	json_headers(resp, lang);
	return respond__queue(conn, r, status, resp);
}

enum MHD_Result respond__json_static(struct MHD_Connection *conn, request *r, const char *json,
	size_t len, galacta_lang lang)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)(uintptr_t)json,
		MHD_RESPMEM_PERSISTENT);

	if (!resp)
		return MHD_NO;
	json_headers(resp, lang);
	return respond__queue(conn, r, MHD_HTTP_OK, resp);
}

enum MHD_Result respond__error(struct MHD_Connection *conn, request *r, unsigned status,
	const char *code, const char *message, const char *path, const char *allow, bool close)
{
	json_t *root = json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", code, "message", message, "path", path);
	struct MHD_Response *resp;
	char *body;

	/* json_pack's "s?" gives null for a NULL path. */
	body = root ? json_dumps(root, JSON_COMPACT) : NULL;
	json_decref(root);
	if (!body)
		return MHD_NO;
	resp = MHD_create_response_from_buffer_with_free_callback(strlen(body), body, free);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	respond__common_headers(resp);
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	if (allow)
		MHD_add_response_header(resp, "Allow", allow);
	if (status == MHD_HTTP_TOO_MANY_REQUESTS || status == MHD_HTTP_SERVICE_UNAVAILABLE)
		MHD_add_response_header(resp, "Retry-After", "1");
	if (close)
		MHD_add_response_header(resp, "Connection", "close");
	return respond__queue(conn, r, status, resp);
}

/* The one table from library error codes to HTTP statuses. */
static const struct {
	int rc;
	unsigned status;
	const char *code;
} status_table[] = {
	{GALACTA_EINVALID, MHD_HTTP_BAD_REQUEST, "invalid_case"},
	{GALACTA_ERANGE, MHD_HTTP_BAD_REQUEST, "invalid_case"},
	{GALACTA_ENOTFOUND, MHD_HTTP_NOT_IMPLEMENTED, "not_available"},
	{GALACTA_ENOMEM, MHD_HTTP_SERVICE_UNAVAILABLE, "out_of_memory"},
	{GALACTA_EIO, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal_error"},
	{GALACTA_EKB, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal_error"},
};

enum MHD_Result respond__galacta_error(struct MHD_Connection *conn, request *r, int rc)
{
	const char *msg = galacta_error_last();
	unsigned status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	const char *code = "internal_error", *path;
	char buf[256];
	size_t i;

	for (i = 0; i < sizeof(status_table) / sizeof(*status_table); i++)
		if (status_table[i].rc == rc) {
			status = status_table[i].status;
			code = status_table[i].code;
			break;
		}
	if (status == MHD_HTTP_BAD_REQUEST && msg[0] == '(' && strncmp(msg, "(root)", 6))
		code = "malformed_json";
	path = status == MHD_HTTP_BAD_REQUEST ? request_parse__error_path(msg, buf, sizeof(buf)) : NULL;
	if (!*msg)
		msg = galacta_error_name(rc);
	if (status >= 500)
		fprintf(stderr, "galacta serve: %s\n", msg);
	return respond__error(conn, r, status, code, msg, path, NULL, false);
}
