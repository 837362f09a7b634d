/*
 * server.c — the HTTP server's life: the libmicrohttpd daemon (a pool of
 * worker threads polling the connections, one KB shared by all), each
 * request from its headers to its completion (limits, routing, body,
 * access log), overload answers, and a graceful stop on SIGTERM/SIGINT:
 * stop accepting, let the requests in progress finish (up to
 * SERVER_SHUTDOWN_GRACE_S seconds), then close.
 */
#define _POSIX_C_SOURCE 200809L
#include "server.h"

#include "cli.h"
#include "request_parse.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double server__now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Per TCP connection: whether it came over a limit (decided when it
 * opened), and its address for the per-client count. */
typedef struct {
	bool over_server;  /* more than --max-connections open: 503 */
	bool over_client;  /* more than --max-per-client from its address: 429 */
	bool per_client;   /* counted in server.per_client */
	unsigned char key[16];
} conn_ctx;

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
	enum MHD_ConnectionNotificationCode toe)
{
	server *s = cls;
	conn_ctx *cc = *socket_context;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		unsigned n = atomic_fetch_add(&s->connections, 1) + 1;
		cc = calloc(1, sizeof(*cc));
		*socket_context = cc;
		if (!cc)
			return; /* no context: the request is answered, not limited */
		cc->over_server = n > s->opt->max_connections;
		if (s->per_client) {
			const union MHD_ConnectionInfo *ci =
				MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
			unsigned k = clients__enter(s->per_client, ci ? ci->client_addr : NULL, cc->key);
			cc->per_client = k > 0;
			cc->over_client = k > s->opt->max_per_client;
		}
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		atomic_fetch_sub(&s->connections, 1);
		if (cc && cc->per_client)
			clients__leave(s->per_client, cc->key);
		free(cc);
		*socket_context = NULL;
	}
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
	enum MHD_RequestTerminationCode toe)
{
	server *s = cls;
	request *r = *req_cls;

	(void)conn;
	(void)toe;
	if (!r)
		return;
	if (!s->opt->quiet)
		access_log__write(r, server__now());
	if (r->counted)
		atomic_fetch_sub(&s->in_flight, 1);
	free(r->body);
	free(r);
	*req_cls = NULL;
}

/* The client sent (or announced) a body this request leaves unread: the
 * connection cannot be reused after an early answer. */
static bool has_body(struct MHD_Connection *conn)
{
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	return (cl && strcmp(cl, "0")) ||
	       MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
}

static unsigned method_bit(const char *method)
{
	if (!strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD))
		return METHOD_GET;
	if (!strcmp(method, MHD_HTTP_METHOD_POST))
		return METHOD_POST;
	return METHOD_OTHER;
}

/* The first call for a request: its headers are in. Answers at once
 * whatever needs no body (limits, routing, type and size checks, GET). */
static enum MHD_Result start_request(server *s, struct MHD_Connection *conn, const char *url, const char *method,
	void **req_cls)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	const conn_ctx *cc = ci ? ci->socket_context : NULL;
	request *r = calloc(1, sizeof(*r));
	const char *allow = NULL, *cl;
	unsigned status;
	char msg[128];

	if (!r)
		return MHD_NO;
	*req_cls = r;
	r->start = server__now();
	r->method = method_bit(method);
	request_parse__log_path(r->method_name, sizeof(r->method_name), method);
	request_parse__log_path(r->path, sizeof(r->path), url);
	atomic_fetch_add(&s->in_flight, 1);
	r->counted = true;
	r->url = url;

	if (atomic_load(&s->stopping))
		return respond__error(conn, r, MHD_HTTP_SERVICE_UNAVAILABLE, "shutting_down",
			"the server is shutting down; retry", NULL, NULL, true);
	if (cc && cc->over_server)
		return respond__error(conn, r, MHD_HTTP_SERVICE_UNAVAILABLE, "overloaded",
			"too many open connections; retry shortly", NULL, NULL, true);
	if (cc && cc->over_client)
		return respond__error(conn, r, MHD_HTTP_TOO_MANY_REQUESTS, "too_many_requests",
			"too many open connections from this address; retry shortly", NULL, NULL, true);

	status = route__find(s, url, r->method, &r->route, &allow);
	if (status == MHD_HTTP_NOT_FOUND)
		return respond__error(conn, r, status, "not_found", "no such page or endpoint", NULL, NULL,
			has_body(conn));
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED) {
		snprintf(msg, sizeof(msg), "%.20s is not allowed here (allowed: %s)", r->method_name, allow);
		return respond__error(conn, r, status, "method_not_allowed", msg, NULL, allow, has_body(conn));
	}
	/* Answered on the next call, when the request is complete: answering
	 * now would cost the connection its keep-alive. */
	if (r->method != METHOD_POST)
		return MHD_YES;

	if (!request_parse__json_content_type(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE)))
		return respond__error(conn, r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
			"the body must be a galacta-case/1 JSON object sent as Content-Type: application/json", NULL,
			NULL, has_body(conn));
	cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl) {
		char *end;
		unsigned long long n = strtoull(cl, &end, 10);
		if (*end == '\0' && n > s->opt->max_body) {
			snprintf(msg, sizeof(msg), "the body is over the %zu-byte limit", s->opt->max_body);
			return respond__error(conn, r, MHD_HTTP_CONTENT_TOO_LARGE, "body_too_large", msg, NULL, NULL,
				true);
		}
		if (*end == '\0' && n > 0) {
			r->body = malloc((size_t)n);
			r->cap = r->body ? (size_t)n : 0;
		}
	}
	return MHD_YES; /* the body comes next */
}

/* A piece of the body. Past --max-body the rest is read and dropped, up
 * to 16 times the limit, after which the connection is cut. */
static enum MHD_Result take_body(server *s, request *r, const char *data, size_t n)
{
	if (r->too_big) {
		r->len += n;
		return r->len > 16 * s->opt->max_body ? MHD_NO : MHD_YES;
	}
	if (n > s->opt->max_body - r->len) {
		r->too_big = true;
		r->len += n;
		return MHD_YES;
	}
	if (r->len + n > r->cap) {
		size_t cap = r->cap ? r->cap : 4096;
		char *p;
		while (cap < r->len + n)
			cap *= 2;
		if (cap > s->opt->max_body)
			cap = s->opt->max_body;
		p = realloc(r->body, cap);
		if (!p)
			return MHD_NO;
		r->body = p;
		r->cap = cap;
	}
	memcpy(r->body + r->len, data, n);
	r->len += n;
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
	const char *version, const char *upload_data, size_t *upload_data_size, void **req_cls)
{
	server *s = cls;
	request *r = *req_cls;
	char msg[96];

	(void)version;
	if (!r)
		return start_request(s, conn, url, method, req_cls);
	if (*upload_data_size) {
		enum MHD_Result ret = take_body(s, r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return ret;
	}
	if (r->too_big) {
		snprintf(msg, sizeof(msg), "the body is over the %zu-byte limit", s->opt->max_body);
		return respond__error(conn, r, MHD_HTTP_CONTENT_TOO_LARGE, "body_too_large", msg, NULL, NULL, false);
	}
	r->url = url;
	return r->route->handler(s, conn, r);
}

/* libmicrohttpd's unescaper for paths and query values: see
 * request_parse__unescape(). */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	return request_parse__unescape(s);
}

__attribute__((format(printf, 2, 0))) static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	int n;

	(void)cls;
	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n > 0)
		fprintf(stderr, "galacta serve: %s%s", line, line[strlen(line) - 1] == '\n' ? "" : "\n");
}

/* The listening address: numeric or a name (first address). */
static int resolve(const char *host, unsigned port, struct sockaddr_storage *ss, bool *ipv6)
{
	struct addrinfo hints, *res = NULL;
	char service[8];
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(service, sizeof(service), "%u", port);
	rc = getaddrinfo(host, service, &hints, &res);
	if (rc) {
		fprintf(stderr, "galacta serve: --bind %s: %s\n", host, gai_strerror(rc));
		return -1;
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*ipv6 = res->ai_family == AF_INET6;
	freeaddrinfo(res);
	return 0;
}

/* Waits for SIGINT or SIGTERM (blocked in every thread), then stops:
 * no new connections, requests in progress finish, then close. */
static void wait_and_stop(server *s, struct MHD_Daemon *d, const sigset_t *sigs)
{
	struct timespec tick = {0, 20 * 1000 * 1000};
	double deadline;
	int sig = 0;
	MHD_socket fd;

	while (sigwait(sigs, &sig) != 0)
		;
	atomic_store(&s->stopping, true);
	fprintf(stderr, "galacta serve: %s: finishing the requests in progress\n", strsignal(sig));
	fd = MHD_quiesce_daemon(d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	deadline = server__now() + SERVER_SHUTDOWN_GRACE_S;
	while (atomic_load(&s->in_flight) > 0 && server__now() < deadline) {
		/* A second signal stops at once. */
		if (sigtimedwait(sigs, NULL, &tick) > 0)
			break;
	}
	MHD_stop_daemon(d);
	fprintf(stderr, "galacta serve: stopped\n");
}

int server__run(const server_options *opt, const galacta_kb *kb)
{
	server s;
	struct sockaddr_storage ss;
	struct MHD_OptionItem ops[12];
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t sigs;
	bool ipv6 = false;
	unsigned flags;
	int n = 0, rc = EXIT_OK, l;

	/* Each answer is built in a fresh 40-100 KB buffer and freed once
	 * sent. glibc gives a worker thread's free memory back to the kernel
	 * once more than 128 KB sits at the top of its heap, and every next
	 * request faults it in again: a sixth of the CPU under load (perf,
	 * bench/http-bench). Keep up to 8 MB per heap, and serve buffers up
	 * to 1 MB from the heap rather than mmap. */
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
	memset(&s, 0, sizeof(s));
	s.opt = opt;
	s.kb = kb;
	s.web_fd = -1;
	s.started = server__now();
	atomic_init(&s.connections, 0);
	atomic_init(&s.in_flight, 0);
	atomic_init(&s.stopping, false);
	if (api__prepare(&s)) {
		fprintf(stderr, "galacta serve: %s\n", galacta_error_last());
		rc = EXIT_NOMEM;
		goto out;
	}
	if (opt->max_per_client && !(s.per_client = clients__new())) {
		rc = EXIT_NOMEM;
		goto out;
	}
	if (resolve(opt->bind, opt->port, &ss, &ipv6)) {
		rc = EXIT_USAGE;
		goto out;
	}
	static__open(&s, opt->web_dir ? opt->web_dir : static__default_dir());

	/* The worker threads inherit this mask: signals come to sigwait. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	ops[n++] = (struct MHD_OptionItem){MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_log, NULL};
	ops[n++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, &ss};
	ops[n++] = (struct MHD_OptionItem){MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)unescape, NULL};
	ops[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT,
		(intptr_t)(opt->max_connections + SERVER_HARD_LIMIT_MARGIN), NULL};
	ops[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)opt->timeout_s, NULL};
	ops[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, &s};
	ops[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, &s};
	if (opt->threads > 1)
		ops[n++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)opt->threads, NULL};
	ops[n++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};

	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG |
		(ipv6 ? MHD_USE_IPv6 : 0);
	d = MHD_start_daemon(flags, (uint16_t)opt->port, NULL, NULL, on_request, &s, MHD_OPTION_ARRAY, ops,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "galacta serve: cannot listen on %s port %u: %s\n", opt->bind, opt->port,
			strerror(errno ? errno : EADDRINUSE));
		rc = EXIT_IO;
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("galacta serve: listening on http://%s%s%s:%u/ (%u thread%s)\n", ipv6 ? "[" : "", opt->bind,
		ipv6 ? "]" : "", info ? info->port : opt->port, opt->threads, opt->threads == 1 ? "" : "s");
	fflush(stdout);
	wait_and_stop(&s, d, &sigs);
out:
	for (l = 0; l < 2; l++) {
		galacta_free(s.causes_json[l]);
		galacta_free(s.findings_json[l]);
	}
	free(s.openapi);
	if (s.web_fd >= 0)
		close(s.web_fd);
	clients__free(s.per_client);
	return rc;
}
