/*
 * cmd_assess.c — `galacta assess [--format text|json] [--lang en|zh-Hans]
 * FILE|-`: one case (a JSON object, possibly pretty-printed) or many (JSON
 * Lines, one assessment out per line), read in bounded memory.
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
	"are still assessed); 2 usage; 3 knowledge base; 4 read or write error;\n"
	"5 out of memory.\n"
	"\n"
	"Example: galacta assess --lang zh-Hans examples/mastitis-fever.json\n";

typedef struct {
	const galacta_kb *kb;
	const char *name; /* FILE, or "standard input" */
	bool json, lang_set, color, many, progress;
	galacta_lang lang;
	long long total_bytes, done_bytes;
	int failures;
} assess_opts;

typedef struct {
	char *s;
	size_t len, cap;
	bool too_long; /* over GALACTA_CASE_MAX_BYTES: the rest was skipped */
	bool runaway;  /* no newline in 16 times that: not a text file (/dev/zero) */
} line_buf;

/* Reads one line (with its newline) into b, keeping at most
 * GALACTA_CASE_MAX_BYTES + 1 bytes so that no input can exhaust memory.
 * Returns false at end of input or on a read error. */
static bool read_line(FILE *f, line_buf *b)
{
	size_t seen = 0;
	int c = EOF;

	b->len = 0;
	b->too_long = false;
	while ((c = getc_unlocked(f)) != EOF) {
		if (++seen > 16u * GALACTA_CASE_MAX_BYTES) {
			b->too_long = b->runaway = true;
			return true;
		}
		if (!b->too_long) {
			if (b->len + 2 > b->cap) {
				size_t cap = b->cap ? b->cap * 2 : 4096;
				char *p = b->len + 2 > GALACTA_CASE_MAX_BYTES + 2 ? NULL : realloc(b->s, cap);
				if (!p) {
					b->too_long = true;
					continue;
				}
				b->s = p;
				b->cap = cap;
			}
			b->s[b->len++] = (char)c;
			b->s[b->len] = '\0';
			if (b->len > GALACTA_CASE_MAX_BYTES)
				b->too_long = true;
		}
		if (c == '\n')
			break;
	}
	return seen > 0;
}

static void trim_newline(line_buf *b)
{
	while (b->len && (b->s[b->len - 1] == '\n' || b->s[b->len - 1] == '\r'))
		b->s[--b->len] = '\0';
}

static bool blank(const line_buf *b)
{
	size_t i;
	for (i = 0; i < b->len; i++)
		if (b->s[i] != ' ' && b->s[i] != '\t' && b->s[i] != '\r' && b->s[i] != '\n')
			return false;
	return true;
}

/* A line that is a whole object by its shape, even if broken inside: the
 * mark of JSON Lines (a pretty-printed case has no such line but its
 * first). */
static bool object_line(const line_buf *b)
{
	const char *s = b->s;
	size_t n = b->len;

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	return n >= 2 && s[0] == '{' && s[n - 1] == '}';
}

static void clear_progress(const assess_opts *o)
{
	if (o->progress)
		fputs("\r\033[K", stderr);
}

/* Assesses one case text; prints the result or the error (prefixed with the
 * line number in JSON Lines mode). */
static void assess_one(assess_opts *o, const char *buf, size_t len, long line)
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
		clear_progress(o);
		if (line > 0)
			fprintf(stderr, "galacta: line %ld: %s\n", line, galacta_error_last());
		else
			fprintf(stderr, "galacta: %s\n", galacta_error_last());
		o->failures++;
	} else {
		fputs(out, stdout);
		fputs(o->many && !o->json ? "\n\n" : "\n", stdout);
	}
	galacta_free(out);
	galacta_assessment_free(a);
	galacta_case_free(c);
}

static void assess_line(assess_opts *o, line_buf *b, long line)
{
	if (b->runaway) {
		clear_progress(o);
		fprintf(stderr, "galacta: %s: no line end in %d MiB: not a text file of cases; stopped reading\n",
			o->name, 16 * GALACTA_CASE_MAX_BYTES / (1024 * 1024));
		o->failures++;
		return;
	}
	if (b->too_long) {
		clear_progress(o);
		if (line > 0)
			fprintf(stderr, "galacta: line %ld: (input): over the %d-byte limit for one case\n", line,
				GALACTA_CASE_MAX_BYTES);
		else
			fprintf(stderr, "galacta: (input): over the %d-byte limit for one case; for many cases use JSON Lines\n",
				GALACTA_CASE_MAX_BYTES);
		o->failures++;
		return;
	}
	trim_newline(b);
	assess_one(o, b->s, b->len, line);
}

static void progress(assess_opts *o, long line)
{
	if (o->progress && o->total_bytes > 0 && line % 100 == 0) {
		int pct = (int)(o->done_bytes * 100 / o->total_bytes);
		int bar = pct / 5;
		fprintf(stderr, "\r[%.*s%*s] %3d%% %ld lines", bar, "####################", 20 - bar, "", pct, line);
	}
}

static int read_error(const assess_opts *o)
{
	fprintf(stderr, "galacta assess: %s: read error: %s\n", o->name, strerror(errno ? errno : EIO));
	return EXIT_IO;
}

static int run(assess_opts *o, FILE *f)
{
	line_buf first = {0}, second = {0}, *cur;
	long lineno = 0, first_no = 0, second_no = 0;
	int rc = EXIT_OK;

	errno = 0;
	while (read_line(f, &first)) {
		lineno++;
		o->done_bytes += (long long)first.len;
		if (!blank(&first) || first.too_long)
			break;
		first.len = 0;
	}
	first_no = lineno;
	if (ferror(f)) {
		rc = read_error(o);
		goto out;
	}
	if (!first.len && !first.too_long) {
		fprintf(stderr, "galacta: (input): empty; expected a galacta-case/1 JSON object\n");
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	while (!first.runaway && read_line(f, &second)) {
		lineno++;
		o->done_bytes += (long long)second.len;
		if (!blank(&second) || second.too_long)
			break;
		second.len = 0;
	}
	second_no = lineno;
	if (first.runaway) {
		assess_line(o, &first, 0);
	} else if (!second.len && !second.too_long) {
		/* One line: one case. */
		assess_line(o, &first, 0);
	} else if (object_line(&first) || object_line(&second)) {
		o->many = true;
		assess_line(o, &first, first_no);
		assess_line(o, &second, second_no);
		cur = &first;
		while (!first.runaway && !second.runaway && read_line(f, cur)) {
			lineno++;
			o->done_bytes += (long long)cur->len;
			if (!blank(cur) || cur->too_long)
				assess_line(o, cur, lineno);
			progress(o, lineno);
		}
		clear_progress(o);
	} else {
		/* One pretty-printed case: gather every line, up to the limit. */
		line_buf all = {0};
		bool over = first.too_long || second.too_long;
		size_t cap = first.len + second.len + 1;

		all.s = malloc(cap);
		if (!all.s) {
			rc = EXIT_NOMEM;
			goto out;
		}
		all.cap = cap;
		memcpy(all.s, first.s ? first.s : "", first.len);
		memcpy(all.s + first.len, second.s ? second.s : "", second.len);
		all.len = first.len + second.len;
		while (!over && !second.runaway && read_line(f, &first)) {
			if (first.too_long || all.len + first.len > GALACTA_CASE_MAX_BYTES) {
				over = true;
				break;
			}
			if (all.len + first.len + 1 > all.cap) {
				char *p = realloc(all.s, (all.len + first.len + 1) * 2);
				if (!p) {
					free(all.s);
					rc = EXIT_NOMEM;
					goto out;
				}
				all.s = p;
				all.cap = (all.len + first.len + 1) * 2;
			}
			memcpy(all.s + all.len, first.s, first.len);
			all.len += first.len;
		}
		all.too_long = over;
		if (!ferror(f))
			assess_line(o, &all, 0);
		free(all.s);
	}
	if (ferror(f))
		rc = read_error(o);
	else if (o->failures)
		rc = EXIT_BAD_INPUT;
out:
	free(first.s);
	free(second.s);
	return rc;
}

int cmd_assess(int argc, char **argv, const char *kb_dir)
{
	assess_opts o;
	const char *path = NULL, *no_color;
	galacta_kb *kb = NULL;
	bool options_done = false;
	FILE *f;
	int i, rc;

	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!options_done && (!strcmp(arg, "-h") || !strcmp(arg, "--help"))) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (!options_done && !strcmp(arg, "--")) {
			options_done = true;
			continue;
		}
		if (!options_done) {
			int used = cli_common_option(argc, argv, &i, "assess", &o.json, &o.lang, &o.lang_set);
			if (used < 0)
				return EXIT_USAGE;
			if (used)
				continue;
		}
		if (cli_operand("assess", arg, options_done, &path, "give one FILE (or - for standard input)"))
			return EXIT_USAGE;
	}
	if (!path) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(path, "-")) {
		f = stdin;
		o.name = "standard input";
	} else {
		struct stat st;
		o.name = path;
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
			if (S_ISREG(st.st_mode))
				o.total_bytes = (long long)st.st_size;
		}
	}
	if ((rc = cli_load_kb(kb_dir, &kb))) {
		if (f != stdin)
			fclose(f);
		return rc;
	}
	o.kb = kb;
	no_color = getenv("NO_COLOR");
	o.color = !o.json && isatty(STDOUT_FILENO) && !(no_color && *no_color);
	o.progress = isatty(STDERR_FILENO) && o.total_bytes > 256 * 1024;
	rc = run(&o, f);
	if (f != stdin)
		fclose(f);
	galacta_kb_free(kb);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "galacta assess: write error: %s\n", strerror(errno ? errno : EIO));
		return EXIT_IO;
	}
	return rc;
}
