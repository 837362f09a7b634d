/*
 * cmd_assess.c — `galacta assess [--format text|json] [--lang en|zh-Hans]
 * FILE|-`: one case (a JSON object) or many (JSON Lines, one assessment
 * out per line), streamed in constant memory.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"Usage: galacta assess [--format text|json] [--lang en|zh-Hans] FILE|-\n"
	"\n"
	"Assesses a breastfeeding case (galacta-case/1): is the milk supply\n"
	"insufficient, how urgent is it, what are the likely causes, what helps.\n"
	"\n"
	"FILE holds one JSON object, or JSON Lines (one case per line: one\n"
	"assessment per line out). '-' reads standard input.\n"
	"\n"
	"Options:\n"
	"  --format text|json  text (default) speaks to parents in plain words;\n"
	"                      json is galacta-assessment/1 (docs/assessment-format.md)\n"
	"  --lang en|zh-Hans   output language (default: the case's \"language\", else en)\n"
	"  -h, --help          show this help\n"
	"\n"
	"Text output is coloured on a terminal unless NO_COLOR is set.\n"
	"Exit status: 0 all cases assessed; 1 a case was invalid (a one-line\n"
	"message on stderr names the JSON path; with JSON Lines the other lines\n"
	"are still assessed); 2 usage; 3 knowledge base; 4 unreadable file.\n"
	"\n"
	"Example: galacta assess --lang zh-Hans examples/mastitis-fever.json\n";

typedef struct {
	const galacta_kb *kb;
	bool json, lang_set, color, many, progress;
	galacta_lang lang;
	long long total_bytes, done_bytes;
	int failures;
} assess_opts;

/* Assesses one case text; prints the result or the error (prefixed with the
 * line number in JSON Lines mode). Returns 0 or a galacta error code. */
static int assess_one(assess_opts *o, const char *buf, size_t len, long line)
{
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;
	galacta_lang lang = o->lang;
	char *out = NULL;
	int rc;

	rc = galacta_case_parse(o->kb, buf, len, &c);
	if (!rc && !o->lang_set)
		galacta_case_language(c, &lang);
	if (!rc)
		rc = galacta_assess(o->kb, c, &a);
	if (!rc)
		rc = o->json ? galacta_assessment_to_json(a, lang, o->many ? GALACTA_RENDER_COMPACT : 0, &out)
			     : galacta_assessment_to_text(a, lang, o->color ? GALACTA_RENDER_COLOR : 0, &out);
	if (rc) {
		if (line > 0)
			fprintf(stderr, "galacta: line %ld: %s\n", line, galacta_error_last());
		else
			fprintf(stderr, "galacta: %s\n", galacta_error_last());
		o->failures++;
	} else {
		fputs(out, stdout);
		fputs("\n", stdout);
		if (o->many && !o->json)
			fputs("\n", stdout);
	}
	galacta_free(out);
	galacta_assessment_free(a);
	galacta_case_free(c);
	return rc;
}

static bool blank(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* A line that looks like a whole object, even if it is malformed inside:
 * in JSON Lines the next lines must still be assessed. */
static bool one_object_line(const char *s, size_t n)
{
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	return n >= 2 && s[0] == '{' && s[n - 1] == '}';
}

static void progress(assess_opts *o, long line)
{
	if (o->progress && o->total_bytes > 0 && line % 100 == 0) {
		int pct = (int)(o->done_bytes * 100 / o->total_bytes);
		int bar = pct / 5;
		fprintf(stderr, "\r[%.*s%*s] %3d%% %ld cases", bar, "####################", 20 - bar, "", pct, line);
	}
}

/* Reads the rest of f into buf (after what it holds), up to the case limit. */
static int slurp(FILE *f, char **buf, size_t *len, size_t *cap)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (*len + n > GALACTA_CASE_MAX_BYTES) {
			fprintf(stderr, "galacta: (input): larger than the %d-byte limit for one case; "
					"for many cases use JSON Lines (one case per line)\n", GALACTA_CASE_MAX_BYTES);
			return EXIT_BAD_INPUT;
		}
		if (*len + n + 1 > *cap) {
			size_t ncap = (*len + n + 1) * 2;
			char *p = realloc(*buf, ncap);
			if (!p)
				return EXIT_NOMEM;
			*buf = p;
			*cap = ncap;
		}
		memcpy(*buf + *len, chunk, n);
		*len += n;
	}
	return ferror(f) ? EXIT_IO : EXIT_OK;
}

static int run(assess_opts *o, FILE *f)
{
	char *line = NULL, *next = NULL;
	size_t cap = 0, ncap = 0;
	ssize_t n, m;
	long lineno = 0, first_no;
	int rc = EXIT_OK;

	/* First non-blank line. */
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		o->done_bytes += n;
		if (!blank(line, (size_t)n))
			break;
	}
	if (n < 0) {
		free(line);
		if (ferror(f))
			return EXIT_IO;
		fprintf(stderr, "galacta: (input): empty; expected a galacta-case/1 JSON object\n");
		return EXIT_BAD_INPUT;
	}
	first_no = lineno;
	/* A first line that is a whole JSON object followed by more non-blank
	 * lines means JSON Lines; anything else is one (pretty-printed) case. */
	{
		galacta_case *probe = NULL;
		int prc = galacta_case_parse(o->kb, line, (size_t)n, &probe);
		bool whole = prc == GALACTA_OK || !strstr(galacta_error_last(), "(json)") ||
			     one_object_line(line, (size_t)n);
		galacta_case_free(probe);
		while (whole && (m = getline(&next, &ncap, f)) >= 0) {
			lineno++;
			o->done_bytes += m;
			if (blank(next, (size_t)m))
				continue;
			o->many = true;
			break;
		}
		if (whole && !o->many) {
			rc = assess_one(o, line, (size_t)n, 0) ? EXIT_BAD_INPUT : EXIT_OK;
			free(line);
			free(next);
			return rc;
		}
		if (!whole) {
			size_t len = (size_t)n, bcap = cap;
			rc = slurp(f, &line, &len, &bcap);
			if (rc == EXIT_OK)
				rc = assess_one(o, line, len, 0) ? EXIT_BAD_INPUT : EXIT_OK;
			free(line);
			free(next);
			return rc;
		}
	}
	assess_one(o, line, (size_t)n, first_no);
	assess_one(o, next, (size_t)m, lineno);
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		o->done_bytes += n;
		if (blank(line, (size_t)n))
			continue;
		assess_one(o, line, (size_t)n, lineno);
		progress(o, lineno);
	}
	if (o->progress)
		fputs("\r\033[K", stderr);
	free(line);
	free(next);
	if (ferror(f))
		return EXIT_IO;
	return o->failures ? EXIT_BAD_INPUT : EXIT_OK;
}

int cmd_assess(int argc, char **argv, const char *kb_dir)
{
	assess_opts o;
	const char *path = NULL;
	galacta_kb *kb = NULL;
	FILE *f;
	int i, rc;

	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (!strcmp(arg, "--format") || !strcmp(arg, "--lang")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "galacta assess: %s needs a value (try --help)\n", arg);
				return EXIT_USAGE;
			}
			if (!strcmp(arg, "--format")) {
				if (!strcmp(argv[i + 1], "json"))
					o.json = true;
				else if (strcmp(argv[i + 1], "text")) {
					fprintf(stderr, "galacta assess: --format must be text or json, not '%s'\n", argv[i + 1]);
					return EXIT_USAGE;
				}
			} else if (galacta_lang_parse(argv[i + 1], &o.lang)) {
				fprintf(stderr, "galacta assess: --lang must be en or zh-Hans, not '%s'\n", argv[i + 1]);
				return EXIT_USAGE;
			} else {
				o.lang_set = true;
			}
			i++;
			continue;
		}
		if (arg[0] == '-' && arg[1]) {
			fprintf(stderr, "galacta assess: unknown option '%s' (try --help)\n", arg);
			return EXIT_USAGE;
		}
		if (path) {
			fprintf(stderr, "galacta assess: give one FILE (or - for standard input)\n");
			return EXIT_USAGE;
		}
		path = arg;
	}
	if (!path) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(path, "-")) {
		f = stdin;
	} else {
		struct stat st;
		f = fopen(path, "rb");
		if (!f) {
			fprintf(stderr, "galacta assess: %s: %s\n", path, strerror(errno));
			return EXIT_IO;
		}
		if (fstat(fileno(f), &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				fprintf(stderr, "galacta assess: %s: is a directory\n", path);
				fclose(f);
				return EXIT_IO;
			}
			o.total_bytes = (long long)st.st_size;
		}
	}
	if ((rc = cli_load_kb(kb_dir, &kb))) {
		if (f != stdin)
			fclose(f);
		return rc;
	}
	o.kb = kb;
	o.color = !o.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	o.progress = isatty(STDERR_FILENO) && o.total_bytes > 256 * 1024;
	rc = run(&o, f);
	if (f != stdin)
		fclose(f);
	galacta_kb_free(kb);
	return rc;
}
