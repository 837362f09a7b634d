/*
 * routes.c — the route table: which handler answers which path and
 * method. The API lives under /v1/ (docs/api.md); /openapi.json describes
 * it; every other path is a file of the web page (static_files.c).
 */
#include "server.h"

#include <string.h>

static const route api_routes[] = {
	{"/v1/assess", METHOD_POST, api__assess, "POST"},
	{"/v1/interview/next", METHOD_POST, api__interview_next, "POST"},
	{"/v1/growth", METHOD_POST, api__growth, "POST"},
	{"/v1/growth/chart.svg", METHOD_GET | METHOD_POST, api__chart_svg, "GET, HEAD, POST"},
	{"/v1/growth/chart.png", METHOD_GET | METHOD_POST, api__chart_png, "GET, HEAD, POST"},
	{"/v1/causes", METHOD_GET, api__causes, "GET, HEAD"},
	{"/v1/findings", METHOD_GET, api__findings, "GET, HEAD"},
	{"/v1/health", METHOD_GET, api__health, "GET, HEAD"},
	{"/openapi.json", METHOD_GET, static__openapi, "GET, HEAD"},
};

/* The web page's files: any other GET, looked up by static__serve. */
static const route web_route = {"/", METHOD_GET, static__serve, "GET, HEAD"};

unsigned route__find(const server *s, const char *path, unsigned method, const route **out,
	const char **allow)
{
	size_t i;

	(void)s;
	*out = NULL;
	*allow = NULL;
	for (i = 0; i < sizeof(api_routes) / sizeof(*api_routes); i++) {
		if (strcmp(api_routes[i].path, path))
			continue;
		if (!(api_routes[i].methods & method)) {
			*allow = api_routes[i].allow;
			return MHD_HTTP_METHOD_NOT_ALLOWED;
		}
		*out = &api_routes[i];
		return 0;
	}
	if (!strncmp(path, "/v1/", 4) || !strcmp(path, "/v1"))
		return MHD_HTTP_NOT_FOUND;
	if (!(method & METHOD_GET)) {
		*allow = web_route.allow;
		return MHD_HTTP_METHOD_NOT_ALLOWED;
	}
	*out = &web_route;
	return 0;
}
