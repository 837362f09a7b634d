/*
 * cmd_serve.c — `galacta serve`: reads the options, loads the knowledge
 * base once, and runs the HTTP server (server.c) until SIGTERM or SIGINT.
 */
#define _POSIX_C_SOURCE 200809L
#include "server.h"

#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"Usage: galacta [--kb DIR] serve [OPTIONS]\n"
	"\n"
	"Serves the galacta HTTP JSON API (/v1/…, described by /openapi.json) and\n"
	"the web page for parents (/). Stateless: run as many as you like behind\n"
	"a load balancer. Documentation: docs/api.md.\n"
	"\n"
	"Options:\n"
	"  --bind ADDR            address to listen on (default 127.0.0.1, this\n"
	"                         machine only; 0.0.0.0 or :: for every interface,\n"
	"                         behind a TLS-terminating proxy)\n"
	"  --port N               TCP port (default 8080; 0 picks a free port,\n"
	"                         printed on the first line of output)\n"
	"  --threads N            worker threads (default: the number of CPUs)\n"
	"  --max-body BYTES       largest request body; K or M suffix allowed\n"
	"                         (default 64K; larger bodies get 413)\n"
	"  --max-connections N    open connections before new ones get 503\n"
	"                         (default 512)\n"
	"  --max-per-client N     open connections from one address before new\n"
	"                         ones get 429 (default 0: no limit, as behind a\n"
	"                         load balancer every request has one address)\n"
	"  --timeout SECONDS      close a connection idle this long (default 10)\n"
	"  --web DIR              the web page's files (default: $GALACTA_WEB_DIR,\n"
	"                         else the web/ galacta was built or installed with)\n"
	"  --quiet                no access log on stderr\n"
	"  -h, --help             show this help\n"
	"\n"
	"The access log (stderr) has one line per request: time, method, path\n"
	"without query, status, duration; never a body or a query.\n"
	"SIGTERM or SIGINT stops gracefully: requests in progress finish (up to\n"
	"10 s). Exit status: 0 stopped by a signal; 2 usage; 3 knowledge base;\n"
	"4 cannot listen on the address; 5 out of memory.\n"
	"\n"
	"Example: galacta serve --port 8080   then open http://127.0.0.1:8080/\n";

/* "--opt value" or "--opt=value"; *i advances past what was used. NULL
 * when arg is not this option; *missing when it lacks its value. */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);

	*missing = false;
	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], name))
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

/* A whole number in [min, max], with an optional K (×1024) or M (×1024²)
 * suffix when suffix is true. */
static bool parse_count(const char *s, unsigned long long min, unsigned long long max, bool suffix,
	unsigned long long *out)
{
	unsigned long long v, mult = 1;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return false;
	if (suffix && (*end == 'K' || *end == 'k'))
		mult = 1024, end++;
	else if (suffix && (*end == 'M' || *end == 'm'))
		mult = 1024 * 1024, end++;
	if (*end || v > max / mult || v * mult < min || v * mult > max)
		return false;
	*out = v * mult;
	return true;
}

int cmd_serve(int argc, char **argv, const char *kb_dir)
{
	static const struct {
		const char *name, *what;
		unsigned long long min, max;
		bool suffix;
	} numeric[] = {
		{"--port", "a port number 0-65535", 0, 65535, false},
		{"--threads", "a number of threads 1-256", 1, 256, false},
		{"--max-body", "a size in bytes, 1-16M (K and M suffixes allowed)", 1, 16u << 20, true},
		{"--max-connections", "a number 1-60000", 1, 60000, false},
		{"--max-per-client", "a number 0-60000", 0, 60000, false},
		{"--timeout", "seconds 1-3600", 1, 3600, false},
	};
	server_options opt;
	unsigned long long values[6];
	galacta_kb *kb = NULL;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int i, rc;
	size_t k;

	memset(&opt, 0, sizeof(opt));
	opt.bind = SERVER_DEFAULT_BIND;
	values[0] = SERVER_DEFAULT_PORT;
	values[1] = cpus > 0 ? (unsigned long long)(cpus < 256 ? cpus : 256) : 2;
	values[2] = SERVER_DEFAULT_MAX_BODY;
	values[3] = SERVER_DEFAULT_MAX_CONNECTIONS;
	values[4] = 0;
	values[5] = SERVER_DEFAULT_TIMEOUT_S;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;
		bool missing = false, done = false;

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (!strcmp(arg, "--quiet")) {
			opt.quiet = true;
			continue;
		}
		if ((v = option_value(argc, argv, &i, "--bind", &missing)) || missing) {
			if (missing || !*v) {
				fprintf(stderr, "galacta serve: --bind needs an address, e.g. 127.0.0.1\n");
				return EXIT_USAGE;
			}
			opt.bind = v;
			continue;
		}
		if ((v = option_value(argc, argv, &i, "--web", &missing)) || missing) {
			if (missing || !*v) {
				fprintf(stderr, "galacta serve: --web needs a directory\n");
				return EXIT_USAGE;
			}
			opt.web_dir = v;
			continue;
		}
		for (k = 0; k < sizeof(numeric) / sizeof(*numeric); k++) {
			if (!(v = option_value(argc, argv, &i, numeric[k].name, &missing)) && !missing)
				continue;
			if (missing || !parse_count(v, numeric[k].min, numeric[k].max, numeric[k].suffix, &values[k])) {
				fprintf(stderr, "galacta serve: %s needs %s%s%s%s\n", numeric[k].name, numeric[k].what,
					missing ? "" : ", not '", missing ? "" : v, missing ? "" : "'");
				return EXIT_USAGE;
			}
			done = true;
			break;
		}
		if (done)
			continue;
		fprintf(stderr, "galacta serve: unknown option '%s' (try --help)\n", arg);
		return EXIT_USAGE;
	}
	opt.port = (unsigned)values[0];
	opt.threads = (unsigned)values[1];
	opt.max_body = (size_t)values[2];
	opt.max_connections = (unsigned)values[3];
	opt.max_per_client = (unsigned)values[4];
	opt.timeout_s = (unsigned)values[5];

	rc = galacta_kb_load(kb_dir, &kb);
	if (rc) {
		fprintf(stderr, "galacta serve: knowledge base: %s\n", galacta_error_last());
		return rc == GALACTA_ENOMEM ? EXIT_NOMEM : EXIT_KB;
	}
	rc = server__run(&opt, kb);
	galacta_kb_free(kb);
	return rc;
}
