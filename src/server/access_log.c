/*
 * access_log.c — the access log: one line per request on stderr, written
 * with one write(2) so that lines from many threads do not interleave:
 *   2026-11-29T14:50:00Z POST /v1/assess 200 0.84ms
 * Only the method, the path without its query, the status and the
 * duration: never a body, a query string (GET chart parameters are health
 * data), a header or the client's address.
 */
#define _POSIX_C_SOURCE 200809L
#include "server.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void access_log__write(const request *r, double end)
{
	char line[320], when[32];
	struct tm tm;
	time_t now = time(NULL);
	int n;

	if (!gmtime_r(&now, &tm) || !strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(when, "-");
	n = snprintf(line, sizeof(line), "%s %s %s %u %.2fms\n", when, r->method_name[0] ? r->method_name : "-",
		r->path[0] ? r->path : "-", r->status, (end - r->start) * 1e3);
	if (n > 0) {
		size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
		/* A log that cannot be written is not worth failing a request. */
		if (write(STDERR_FILENO, line, len) < 0)
			return;
	}
}
