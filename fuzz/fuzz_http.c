/*
 * fuzz_http.c — libFuzzer target for the HTTP server's readers of
 * untrusted request text (src/server/request_parse.c): the input, cut at
 * its first NUL, is read as an Accept-Language value, a request path
 * (percent-decoded, then checked as a web-page file name), a Content-Type,
 * a library error message and a path for the access log. Besides what the
 * sanitizers catch, it aborts when an invariant breaks: a web-page name
 * never climbs out of web/ (no "..", no hidden or empty segment, no
 * absolute path, only the allowed characters); decoding never lengthens a
 * string nor leaves a NUL inside it; a log path is printable ASCII that
 * fits; a language is one of ours. fuzz/replay.c runs it over the corpus
 * in normal builds.
 */
#define _POSIX_C_SOURCE 200809L
#include "request_parse.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_http: invariant broken: %s\n", what);
		abort();
	}
}

static void check_web_name(const char *name)
{
	const char *p;

	if (!name)
		return;
	check(strlen(name) <= REQUEST_WEB_PATH_MAX, "web name too long");
	/* Every segment starts with a letter or digit: no "", "." or ".."
	 * segment, no hidden file, no absolute path ("a..b" is a name). */
	for (p = name; *p; p++) {
		bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
		check(alnum || *p == '-' || *p == '_' || *p == '.' || *p == '/', "web name has a forbidden character");
		if (p == name || p[-1] == '/')
			check(alnum, "web name has an empty, hidden, '.' or '..' segment");
	}
	check(p > name && p[-1] != '/', "web name is empty or ends in '/'");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *copy;
	char buf[REQUEST_WEB_PATH_MAX + 1], path[64], log[32];
	galacta_lang lang = GALACTA_LANG_EN;
	size_t len, n, i;
	const char *p;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);

	if (request_parse__accept_language(s, &lang) == 0)
		check(lang == GALACTA_LANG_EN || lang == GALACTA_LANG_ZH_HANS, "unknown language");

	check_web_name(request_parse__web_name(s, buf, sizeof(buf)));
	copy = strdup(s);
	if (copy) {
		n = request_parse__unescape(copy);
		check(n <= len && n == strlen(copy), "decoding lengthened the string or left a NUL in it");
		check_web_name(request_parse__web_name(copy, buf, sizeof(buf)));
		free(copy);
	}

	(void)request_parse__json_content_type(s);

	p = request_parse__error_path(s, path, sizeof(path));
	if (p && *p)
		check(strlen(p) < sizeof(path) && !strchr(p, ' ') && !strncmp(s, p, strlen(p)),
			"an error path that is not the message's prefix");

	request_parse__log_path(log, sizeof(log), s);
	check(strlen(log) < sizeof(log), "log path too long");
	for (i = 0; log[i]; i++)
		check(log[i] > 0x20 && log[i] < 0x7f, "log path not printable");
	free(s);
	return 0;
}
