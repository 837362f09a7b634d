/*
 * server.h — what the files of `galacta serve` share: the options, the
 * server state (one immutable KB for every thread), a request's context,
 * the route table's handler type and the response helpers. The server is a
 * thin front-end over the public API (<galacta/galacta.h>), on
 * libmicrohttpd; the endpoints are documented in docs/api.md and
 * web/openapi.json.
 */
#ifndef GALACTA_SERVER_H
#define GALACTA_SERVER_H

#include "galacta/galacta.h"
#include "galacta/growth_report.h"

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Defaults of the options (docs/api.md, `galacta serve --help`). */
#define SERVER_DEFAULT_BIND "127.0.0.1"
#define SERVER_DEFAULT_PORT 8080
#define SERVER_DEFAULT_MAX_BODY (64 * 1024)
#define SERVER_DEFAULT_MAX_CONNECTIONS 512
#define SERVER_DEFAULT_TIMEOUT_S 10
#define SERVER_SHUTDOWN_GRACE_S 10
/* More connections than this many above --max-connections are refused
 * at accept() by libmicrohttpd itself, without a 503 (a flood must not
 * cost a response each). */
#define SERVER_HARD_LIMIT_MARGIN 64

typedef struct {
	const char *bind;       /* numeric address or host name */
	unsigned port;          /* 0: any free port (printed at start) */
	unsigned threads;       /* worker threads */
	size_t max_body;        /* bytes; larger bodies get 413 */
	unsigned max_connections; /* open connections before 503 */
	unsigned max_per_client;  /* open connections from one address before 429; 0: no limit */
	unsigned timeout_s;     /* idle connection timeout */
	const char *web_dir;    /* NULL: the default (server_web_dir) */
	bool quiet;             /* no access log */
} server_options;

/* Open connections per client address, for 429 (clients.c). */
typedef struct clients clients;

typedef struct {
	const server_options *opt;
	const galacta_kb *kb;   /* immutable: shared by every thread */
	int web_fd;             /* O_PATH descriptor of the web directory, or -1 */
	char *openapi;          /* web/openapi.json, read at start; NULL when missing */
	size_t openapi_len;
	char *causes_json[2];   /* GET /v1/causes per language, rendered at start */
	size_t causes_len[2];
	char *findings_json[2]; /* GET /v1/findings per language */
	size_t findings_len[2];
	double started;         /* monotonic seconds at start */
	atomic_uint connections;
	atomic_uint in_flight;  /* requests being read or answered */
	atomic_bool stopping;   /* SIGTERM received: new requests get 503 */
	clients *per_client;
} server;

/* HTTP methods a route accepts (bit set). HEAD goes with GET. */
enum { METHOD_GET = 1, METHOD_POST = 2, METHOD_OTHER = 4 };

/* A request's context, from its first header to its completion. */
typedef struct request {
	const struct route *route;
	unsigned method;
	double start;           /* monotonic seconds */
	char method_name[12];   /* for the access log */
	const char *url;        /* the decoded path, during a handler call */
	char path[160];         /* path without query, sanitised and cut, for the log */
	char *body;             /* the request body (not NUL-terminated) */
	size_t len, cap;
	bool too_big;           /* the body passed --max-body: the rest is discarded */
	bool counted;           /* counted in server.in_flight */
	unsigned status;        /* the status sent, for the log (0: none) */
} request;

typedef enum MHD_Result (*route_handler)(server *s, struct MHD_Connection *conn, request *r);

typedef struct route {
	const char *path;
	unsigned methods;       /* METHOD_* bits */
	route_handler handler;
	const char *allow;      /* the Allow header for 405 */
} route;

/* routes.c: the route for path and method. Sets *r->route, or returns a
 * status: 0 found, 404 no such path, 405 path exists but not for method
 * (*allow: the Allow header). Paths outside /v1/ and /openapi.json go to
 * the web page's files. */
unsigned route__find(const server *s, const char *path, unsigned method, const route **out,
	const char **allow);

/* respond.c: queue a response and note its status for the access log. */
enum MHD_Result respond__queue(struct MHD_Connection *conn, request *r, unsigned status,
	struct MHD_Response *resp);
/* A JSON body (taken over: freed with galacta_free) with the API headers. */
enum MHD_Result respond__json(struct MHD_Connection *conn, request *r, unsigned status, char *json,
	size_t len, galacta_lang lang);
/* A JSON body that lives as long as the server (not copied, not freed). */
enum MHD_Result respond__json_static(struct MHD_Connection *conn, request *r, const char *json,
	size_t len, galacta_lang lang);
/* {"error": {"code", "message", "path"}} with status; path may be NULL.
 * allow: the Allow header (405) or NULL. close: end the connection after
 * (the body was not read). */
enum MHD_Result respond__error(struct MHD_Connection *conn, request *r, unsigned status,
	const char *code, const char *message, const char *path, const char *allow, bool close);
/* The error of a failed galacta call (rc and galacta_error_last()): the
 * one table from library codes to HTTP statuses. */
enum MHD_Result respond__galacta_error(struct MHD_Connection *conn, request *r, int rc);
/* Headers every response carries (no caching of health data, nosniff). */
void respond__common_headers(struct MHD_Response *resp);

/* lang.c: the language of a request: ?lang= first, then Accept-Language.
 * Returns 0 and sets *out and *chosen (1 when the request chose one, 0
 * when it did not: *out is then English, or the case's language when the
 * caller has a case), or GALACTA_EINVALID for a bad ?lang= (message set
 * in *bad). */
int lang__negotiate(struct MHD_Connection *conn, galacta_lang *out, bool *chosen, const char **bad);

/* api_case.c: endpoints that take a case. */
enum MHD_Result api__assess(server *s, struct MHD_Connection *conn, request *r);
enum MHD_Result api__interview_next(server *s, struct MHD_Connection *conn, request *r);
enum MHD_Result api__growth(server *s, struct MHD_Connection *conn, request *r);
enum MHD_Result api__chart_svg(server *s, struct MHD_Connection *conn, request *r);
enum MHD_Result api__chart_png(server *s, struct MHD_Connection *conn, request *r);

/* chart_query.c: the case of GET /v1/growth/chart.svg?… as JSON text
 * (malloc'd, *out). Returns 0, or GALACTA_EINVALID with *bad_param and
 * *message set (static strings or ones in msg_buf). */
int chart_query__case(struct MHD_Connection *conn, char **out, size_t *len, const char **bad_param,
	char *msg_buf, size_t msg_size);

/* api_kb.c: KB listings and health. */
enum MHD_Result api__causes(server *s, struct MHD_Connection *conn, request *r);
enum MHD_Result api__findings(server *s, struct MHD_Connection *conn, request *r);
enum MHD_Result api__health(server *s, struct MHD_Connection *conn, request *r);
/* Renders the KB listings once, at start. */
int api__prepare(server *s);

/* static_files.c: the web page (r->url) and openapi.json. */
enum MHD_Result static__serve(server *s, struct MHD_Connection *conn, request *r);
enum MHD_Result static__openapi(server *s, struct MHD_Connection *conn, request *r);
/* Opens the web directory and reads openapi.json (warnings on stderr when
 * missing; the API works without them). */
void static__open(server *s, const char *dir);
/* The web directory used when --web is not given. Static string. */
const char *static__default_dir(void);

/* clients.c: open connections per client address. */
clients *clients__new(void);
void clients__free(clients *c);
/* Counts a new connection from addr and returns the count including it
 * (0: not counted: not an IP address, or the table is full); key
 * receives the address, to give back to clients__leave(). */
unsigned clients__enter(clients *c, const struct sockaddr *addr, unsigned char key[16]);
void clients__leave(clients *c, const unsigned char key[16]);

/* access_log.c: one line on stderr per request: time, method, path
 * without query, status, duration. Never a body or a query. */
void access_log__write(const request *r, double end);

/* server.c */
double server__now(void);
int server__run(const server_options *opt, const galacta_kb *kb);

#endif
