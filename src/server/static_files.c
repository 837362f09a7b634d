/*
 * static_files.c — the web page's files (web/: HTML, CSS, JS, SVG, the
 * OpenAPI document) with their content types. A request path may only
 * name a regular file inside the web directory: letters, digits, '-',
 * '_', '.' and '/', no segment starting with '.', no symbolic link at the
 * end, opened relative to the directory (openat), so that "..", "%2e%2e",
 * "//etc/passwd" and the like are refused before the file system is asked.
 */
#define _GNU_SOURCE /* O_PATH */
#include "server.h"

#include "request_parse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GALACTA_WEB_DEFAULT_DIR
#define GALACTA_WEB_DEFAULT_DIR "web"
#endif
#ifndef GALACTA_WEB_INSTALL_DIR
#define GALACTA_WEB_INSTALL_DIR "/usr/local/share/galacta/web"
#endif

/* The page talks only to this server: no script, style, font or image from
 * anywhere else (the chart arrives as a blob: URL). */
static const char page_csp[] =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
	"frame-ancestors 'none'";

static const struct {
	const char *ext, *type;
} content_types[] = {
	{".html", "text/html; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".json", "application/json; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".txt", "text/plain; charset=utf-8"},
	{".webmanifest", "application/manifest+json"},
};

const char *static__default_dir(void)
{
	const char *env = getenv("GALACTA_WEB_DIR");
	struct stat st;

	if (env && *env)
		return env;
	/* A build tree serves the source web/; an installed galacta its
	 * share/galacta/web. */
	if (stat(GALACTA_WEB_DEFAULT_DIR, &st) == 0 && S_ISDIR(st.st_mode))
		return GALACTA_WEB_DEFAULT_DIR;
	return GALACTA_WEB_INSTALL_DIR;
}

static char *read_at(int dirfd, const char *name, size_t max, size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t got = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max &&
	    (buf = malloc((size_t)st.st_size + 1))) {
		while (got < (size_t)st.st_size) {
			ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got != (size_t)st.st_size) {
			free(buf);
			buf = NULL;
		} else {
			buf[got] = '\0';
			*len = got;
		}
	}
	close(fd);
	return buf;
}

void static__open(server *s, const char *dir)
{
	s->web_fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (s->web_fd < 0) {
		fprintf(stderr, "galacta serve: web page directory %s: %s; serving the API only\n", dir,
			strerror(errno));
		return;
	}
	s->openapi = read_at(s->web_fd, "openapi.json", 4u << 20, &s->openapi_len);
	if (!s->openapi)
		fprintf(stderr, "galacta serve: %s/openapi.json: cannot be read; GET /openapi.json will be 404\n", dir);
}

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (!dot || strchr(dot, '/'))
		return NULL;
	for (i = 0; i < sizeof(content_types) / sizeof(*content_types); i++)
		if (!strcmp(dot, content_types[i].ext))
			return content_types[i].type;
	return NULL;
}

static enum MHD_Result not_found(struct MHD_Connection *conn, request *r)
{
	return respond__error(conn, r, MHD_HTTP_NOT_FOUND, "not_found", "no such page or endpoint", NULL,
		NULL, false);
}

enum MHD_Result static__serve(server *s, struct MHD_Connection *conn, request *r)
{
	char buf[REQUEST_WEB_PATH_MAX + 1];
	const char *name = request_parse__web_name(r->url, buf, sizeof(buf)), *type;
	struct MHD_Response *resp;
	struct stat st;
	int fd;

	if (!name || !(type = content_type(name)) || s->web_fd < 0)
		return not_found(conn, r);
	fd = openat(s->web_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return not_found(conn, r);
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return not_found(conn, r);
	}
	/* libmicrohttpd sends the file (sendfile) and closes fd. */
	resp = MHD_create_response_from_fd((size_t)st.st_size, fd);
	if (!resp) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	/* Revalidate each time: a new build of the page shows at once. */
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	if (!strncmp(type, "text/html", 9)) {
		MHD_add_response_header(resp, "Content-Security-Policy", page_csp);
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	}
	return respond__queue(conn, r, MHD_HTTP_OK, resp);
}

enum MHD_Result static__openapi(server *s, struct MHD_Connection *conn, request *r)
{
	struct MHD_Response *resp;

	if (!s->openapi)
		return not_found(conn, r);
	resp = MHD_create_response_from_buffer(s->openapi_len, s->openapi, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	return respond__queue(conn, r, MHD_HTTP_OK, resp);
}
