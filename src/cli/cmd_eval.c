/*
 * cmd_eval.c — `galacta eval [--interview] [--format text|json] PATH…`:
 * accuracy on clinical vignettes ({"case": …, "expected": {"causes",
 * "triage", "supply"}}, the format of ../shared/vignettes/dev): top-1 and
 * top-3 causes, triage exact / unsafe (less urgent than expected) /
 * over-triage, supply status. With --interview each case is reached through
 * the adaptive interview instead: a simulated patient starts from the
 * baby's age only and answers every question from the vignette's case
 * ("don't know", null, for what the case does not say); then the questions
 * asked and the efficiency (answers the case held / questions) are
 * reported too.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	"Usage: galacta eval [--interview] [--format text|json] [--min-top3 F]\n"
	"                    [--max-unsafe N] [--max-mean-questions F] DIR|FILE...\n"
	"\n"
	"Measures galacta on vignettes (JSON files {\"case\": galacta-case/1,\n"
	"\"expected\": {\"causes\": [...], \"triage\": LEVEL, \"supply\": STATUS}}; a DIR\n"
	"means its *.json files): top-1 and top-3 (an expected cause ranked first /\n"
	"in the first three), triage exact, unsafe (less urgent than expected) and\n"
	"over-triage counts, supply status accuracy.\n"
	"\n"
	"Options:\n"
	"  --interview            reach each case through the adaptive interview: a\n"
	"                         simulated patient starts from the baby's age only and\n"
	"                         answers from the vignette (null when it does not say);\n"
	"                         adds the questions asked (mean, max) and the\n"
	"                         efficiency (answers the vignette held / questions)\n"
	"  --format text|json     a table (default) or one JSON object\n"
	"  --min-top3 F           fail (exit 1) when top-3 is below F\n"
	"  --max-unsafe N         fail when more than N cases are unsafe (default 0)\n"
	"  --max-mean-questions F fail when the mean number of questions is above F\n"
	"  --trace                with --interview: each question and the answer given,\n"
	"                         on standard error\n"
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 every threshold holds; 1 a threshold failed or a vignette\n"
	"could not be assessed; 2 usage; 3 knowledge base; 4 a file could not be read.\n";

static const char *const levels[] = {"self_care", "consult", "urgent", "emergency"};

enum { MAX_STEPS = 500 };

typedef struct {
	char *name;
	char *error;
	const char *top[3];
	json_t *expected_causes;
	const char *want_triage, *want_supply, *triage, *supply;
	bool hit1, hit3, supply_ok;
	int delta; /* got level - expected level */
	size_t questions, items, answered;
	const char *stop_reason;
} result;

typedef struct {
	const galacta_kb *kb;
	bool interview, json, trace;
	double min_top3, max_mean_q;
	long max_unsafe;
} eval_opts;

static int level_index(const char *s)
{
	size_t i;
	for (i = 0; s && i < sizeof(levels) / sizeof(*levels); i++)
		if (!strcmp(s, levels[i]))
			return (int)i;
	return -1;
}

static bool expected(const result *r, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(r->expected_causes, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), id))
			return true;
	return false;
}

static void score(result *r, const galacta_assessment *a)
{
	size_t i;
	int got, want;

	for (i = 0; i < 3 && i < galacta_assessment_cause_count(a); i++)
		galacta_assessment_cause(a, i, &r->top[i], NULL);
	r->hit1 = r->top[0] && expected(r, r->top[0]);
	r->hit3 = false;
	for (i = 0; i < 3; i++)
		r->hit3 |= r->top[i] && expected(r, r->top[i]);
	r->triage = galacta_triage_name(galacta_assessment_triage(a));
	r->supply = galacta_supply_name(galacta_assessment_supply(a));
	got = level_index(r->triage);
	want = level_index(r->want_triage);
	r->delta = got - want;
	r->supply_ok = r->want_supply && !strcmp(r->supply, r->want_supply);
}

static char *error_copy(const char *msg)
{
	char *s = strdup(msg ? msg : "error");
	return s;
}

/* The vignette case's answer to question id (kind): the value at the
 * finding or field path, or NULL when the case does not say. */
static json_t *lookup(json_t *vcase, const char *id, galacta_question_kind kind)
{
	char path[256], *seg, *save = NULL;
	json_t *v = vcase;

	if (kind == GALACTA_QUESTION_FINDING)
		return json_object_get(json_object_get(vcase, "findings"), id);
	snprintf(path, sizeof(path), "%s", id);
	for (seg = strtok_r(path, ".", &save); seg && v; seg = strtok_r(NULL, ".", &save))
		v = json_object_get(v, seg);
	return v;
}

static void assess_direct(const eval_opts *o, json_t *vcase, result *r)
{
	char *text = json_dumps(vcase, JSON_COMPACT);
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;

	if (!text || galacta_case_parse(o->kb, text, strlen(text), &c) || galacta_assess(o->kb, c, &a))
		r->error = error_copy(text ? galacta_error_last() : "out of memory");
	else
		score(r, a);
	galacta_assessment_free(a);
	galacta_case_free(c);
	free(text);
}

/* The simulated patient: from the baby's age only, answers from vcase. */
static void assess_interview(const eval_opts *o, json_t *vcase, result *r)
{
	json_t *start = json_object(), *age = json_object_get(json_object_get(vcase, "infant"), "age_days");
	char *text;
	size_t step;

	if (!start || json_object_set_new(start, "format", json_string("galacta-case/1"))) {
		json_decref(start);
		r->error = error_copy("out of memory");
		return;
	}
	if (age) {
		json_t *infant = json_object();
		if (!infant || json_object_set_new(start, "infant", infant) || json_object_set(infant, "age_days", age)) {
			json_decref(start);
			r->error = error_copy("out of memory");
			return;
		}
	}
	text = json_dumps(start, JSON_COMPACT);
	json_decref(start);
	for (step = 0; text && step < MAX_STEPS; step++) {
		galacta_case *c = NULL;
		galacta_interview *iv = NULL;
		galacta_question q;
		char *value = NULL, *next = NULL;
		json_t *v;

		if (galacta_case_parse(o->kb, text, strlen(text), &c) || galacta_interview_step(o->kb, c, &iv)) {
			r->error = error_copy(galacta_error_last());
			galacta_case_free(c);
			break;
		}
		if (galacta_interview_should_stop(iv)) {
			score(r, galacta_interview_assessment(iv));
			r->stop_reason = galacta_interview_stop_reason(iv);
			galacta_interview_free(iv);
			galacta_case_free(c);
			break;
		}
		galacta_interview_question(iv, GALACTA_LANG_EN, &q);
		r->questions++;
		if (q.kind == GALACTA_QUESTION_GROUP) {
			/* Each question of the group as the case says, or null. */
			json_t *obj = json_object();
			size_t k;
			for (k = 0; obj && k < q.n_items; k++) {
				json_t *one = lookup(vcase, q.items[k].id, q.items[k].kind);
				r->items++;
				r->answered += one && !json_is_null(one);
				json_object_set(obj, q.items[k].id, one ? one : json_null());
			}
			value = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
			json_decref(obj);
		} else {
			v = lookup(vcase, q.id, q.kind);
			r->items++;
			if (v && !json_is_null(v))
				r->answered++;
			value = json_dumps(v ? v : json_null(), JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(17));
		}
		if (o->trace)
			fprintf(stderr, "%s: %zu. %s%s = %s\n", r->name, r->questions, q.id, q.safety ? " (safety)" : "",
				value ? value : "?");
		if (!value || galacta_interview_set(o->kb, text, strlen(text), q.id, value, &next)) {
			r->error = error_copy(value ? galacta_error_last() : "out of memory");
			next = NULL;
		}
		free(value);
		galacta_interview_free(iv);
		galacta_case_free(c);
		free(text);
		text = next;
		if (r->error)
			break;
	}
	if (!r->error && step == MAX_STEPS)
		r->error = error_copy("the interview did not stop");
	free(text);
}

static int add_file(char ***files, size_t *n, size_t *cap, const char *path)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		char **p = realloc(*files, c * sizeof(*p));
		if (!p)
			return -1;
		*files = p;
		*cap = c;
	}
	(*files)[*n] = strdup(path);
	return (*files)[(*n)++] ? 0 : -1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Vignette files named by paths: files as given, directories' *.json in
 * name order. Returns 0 or an exit code. */
static int list_files(const char *const *paths, size_t n_paths, char ***files, size_t *n)
{
	size_t cap = 0, i;

	*files = NULL;
	*n = 0;
	for (i = 0; i < n_paths; i++) {
		struct stat st;
		if (stat(paths[i], &st)) {
			fprintf(stderr, "galacta eval: %s: %s\n", paths[i], strerror(errno));
			return EXIT_IO;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(paths[i]);
			struct dirent *e;
			size_t from = *n;
			if (!d) {
				fprintf(stderr, "galacta eval: %s: %s\n", paths[i], strerror(errno));
				return EXIT_IO;
			}
			while ((e = readdir(d))) {
				size_t len = strlen(e->d_name);
				char path[4096];
				if (len < 6 || strcmp(e->d_name + len - 5, ".json"))
					continue;
				snprintf(path, sizeof(path), "%s/%s", paths[i], e->d_name);
				if (add_file(files, n, &cap, path)) {
					closedir(d);
					return EXIT_NOMEM;
				}
			}
			closedir(d);
			qsort(*files + from, *n - from, sizeof(char *), cmp_str);
		} else if (add_file(files, n, &cap, paths[i])) {
			return EXIT_NOMEM;
		}
	}
	return EXIT_OK;
}

static void print_text(const eval_opts *o, const result *r, size_t n)
{
	size_t i;

	printf("%-10s %-62s %-20s %-26s%s\n", "vignette", "top 3 (* = expected)", "triage (want)", "supply (want)",
		o->interview ? " questions items answered stop" : "");
	for (i = 0; i < n; i++) {
		char top[256] = "", tri[64], sup[64];
		size_t k;
		if (r[i].error) {
			printf("%-10s error: %s\n", r[i].name, r[i].error);
			continue;
		}
		for (k = 0; k < 3 && r[i].top[k]; k++) {
			char one[80];
			snprintf(one, sizeof(one), "%s%s%s", k ? " " : "", r[i].top[k], expected(&r[i], r[i].top[k]) ? "*" : "");
			strncat(top, one, sizeof(top) - strlen(top) - 1);
		}
		snprintf(tri, sizeof(tri), "%s%s%s%s", r[i].triage, r[i].delta ? " (" : "",
			r[i].delta ? r[i].want_triage : "", r[i].delta ? ")" : "");
		snprintf(sup, sizeof(sup), "%s%s%s%s", r[i].supply, r[i].supply_ok ? "" : " (",
			r[i].supply_ok ? "" : (r[i].want_supply ? r[i].want_supply : "?"), r[i].supply_ok ? "" : ")");
		printf("%-10s %-62s %-20s %-26s", r[i].name, top, tri, sup);
		if (o->interview)
			printf(" %9zu %5zu %8zu %s", r[i].questions, r[i].items, r[i].answered,
				r[i].stop_reason ? r[i].stop_reason : "");
		printf("%s%s\n", r[i].delta < 0 ? "  UNSAFE" : "", r[i].hit3 ? "" : "  MISS");
	}
}

int cmd_eval(int argc, char **argv, const char *kb_dir)
{
	eval_opts o;
	galacta_kb *kb = NULL;
	char **files = NULL;
	size_t n_files = 0, i, ok = 0, top1 = 0, top3 = 0, exact = 0, unsafe = 0, over = 0, supply = 0, errors = 0,
			   q_total = 0, q_max = 0, a_total = 0, i_total = 0;
	result *res;
	const char **paths;
	size_t n_paths = 0;
	int rc, a;
	bool fail;
	double mean_q, mean_items, eff;

	memset(&o, 0, sizeof(o));
	o.min_top3 = -1;
	o.max_mean_q = -1;
	paths = calloc((size_t)argc, sizeof(*paths));
	if (!paths)
		return EXIT_NOMEM;
	for (a = 1; a < argc; a++) {
		const char *arg = argv[a];
		char *end;
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			free(paths);
			return EXIT_OK;
		}
		if (!strcmp(arg, "--interview")) {
			o.interview = true;
		} else if (!strcmp(arg, "--trace")) {
			o.trace = true;
		} else if (!strcmp(arg, "--format") && a + 1 < argc && (!strcmp(argv[a + 1], "json") || !strcmp(argv[a + 1], "text"))) {
			o.json = !strcmp(argv[++a], "json");
		} else if (!strcmp(arg, "--min-top3") && a + 1 < argc) {
			o.min_top3 = strtod(argv[++a], &end);
			if (*end || o.min_top3 < 0 || o.min_top3 > 1) {
				fprintf(stderr, "galacta eval: --min-top3 needs a number from 0 to 1\n");
				free(paths);
				return EXIT_USAGE;
			}
		} else if (!strcmp(arg, "--max-unsafe") && a + 1 < argc) {
			o.max_unsafe = strtol(argv[++a], &end, 10);
			if (*end || o.max_unsafe < 0) {
				fprintf(stderr, "galacta eval: --max-unsafe needs a whole number >= 0\n");
				free(paths);
				return EXIT_USAGE;
			}
		} else if (!strcmp(arg, "--max-mean-questions") && a + 1 < argc) {
			o.max_mean_q = strtod(argv[++a], &end);
			if (*end || o.max_mean_q < 0) {
				fprintf(stderr, "galacta eval: --max-mean-questions needs a number >= 0\n");
				free(paths);
				return EXIT_USAGE;
			}
		} else if (arg[0] == '-' && arg[1]) {
			fprintf(stderr, "galacta eval: unknown option or missing value '%s' (try --help)\n", arg);
			free(paths);
			return EXIT_USAGE;
		} else {
			paths[n_paths++] = arg;
		}
	}
	rc = list_files(paths, n_paths, &files, &n_files);
	free(paths);
	if (rc)
		return rc;
	if (!n_files) {
		fprintf(stderr, "galacta eval: no vignettes given (try --help)\n");
		free(files);
		return EXIT_USAGE;
	}
	if ((rc = cli_load_kb(kb_dir, &kb))) {
		for (i = 0; i < n_files; i++)
			free(files[i]);
		free(files);
		return rc;
	}
	o.kb = kb;
	res = calloc(n_files, sizeof(*res));
	if (!res) {
		galacta_kb_free(kb);
		return EXIT_NOMEM;
	}
	for (i = 0; i < n_files; i++) {
		json_error_t jerr;
		json_t *v = json_load_file(files[i], JSON_REJECT_DUPLICATES, &jerr), *vcase, *exp;
		const char *base = strrchr(files[i], '/');
		char *dot;
		result *r = &res[i];

		r->name = strdup(base ? base + 1 : files[i]);
		if (r->name && (dot = strrchr(r->name, '.')))
			*dot = '\0';
		vcase = json_object_get(v, "case");
		exp = json_object_get(v, "expected");
		r->expected_causes = json_incref(json_object_get(exp, "causes"));
		r->want_triage = json_string_value(json_object_get(exp, "triage"));
		r->want_supply = json_string_value(json_object_get(exp, "supply"));
		if (!v) {
			r->error = error_copy(jerr.text);
		} else if (!json_is_object(vcase) || !json_is_array(r->expected_causes) || level_index(r->want_triage) < 0 ||
			   !r->want_supply) {
			r->error = error_copy("not a vignette: needs \"case\" and \"expected\": {causes, triage, supply}");
		} else if (o.interview) {
			assess_interview(&o, vcase, r);
		} else {
			assess_direct(&o, vcase, r);
		}
		/* Keep the strings the result points to: copy them out of v. */
		if (r->want_triage)
			r->want_triage = levels[level_index(r->want_triage) >= 0 ? level_index(r->want_triage) : 0];
		if (r->want_supply)
			r->want_supply = strdup(r->want_supply);
		json_decref(v);
		if (r->error) {
			errors++;
			continue;
		}
		ok++;
		top1 += r->hit1;
		top3 += r->hit3;
		exact += r->delta == 0;
		unsafe += r->delta < 0;
		over += r->delta > 0;
		supply += r->supply_ok;
		q_total += r->questions;
		i_total += r->items;
		a_total += r->answered;
		if (r->questions > q_max)
			q_max = r->questions;
	}
	{
		double n = (double)n_files;
		mean_q = ok ? (double)q_total / (double)ok : 0;
		mean_items = ok ? (double)i_total / (double)ok : 0;
		eff = q_total ? (double)a_total / (double)q_total : 0;
		fail = errors > 0 || unsafe > (size_t)o.max_unsafe || (o.min_top3 >= 0 && (double)top3 / n < o.min_top3) ||
		       (o.interview && o.max_mean_q >= 0 && mean_q > o.max_mean_q);
		if (o.json) {
			json_t *root = json_object(), *arr = json_array();
			for (i = 0; root && arr && i < n_files; i++) {
				json_t *x = json_object(), *top = json_array();
				size_t k;
				json_object_set_new(x, "id", json_string(res[i].name ? res[i].name : ""));
				if (res[i].error) {
					json_object_set_new(x, "error", json_string(res[i].error));
				} else {
					for (k = 0; k < 3 && res[i].top[k]; k++)
						json_array_append_new(top, json_string(res[i].top[k]));
					json_object_set_new(x, "top3", top);
					top = NULL;
					json_object_set(x, "expected_causes", res[i].expected_causes);
					json_object_set_new(x, "top1_hit", json_boolean(res[i].hit1));
					json_object_set_new(x, "top3_hit", json_boolean(res[i].hit3));
					json_object_set_new(x, "triage", json_string(res[i].triage));
					json_object_set_new(x, "expected_triage", json_string(res[i].want_triage));
					json_object_set_new(x, "unsafe", json_boolean(res[i].delta < 0));
					json_object_set_new(x, "over_triage", json_boolean(res[i].delta > 0));
					json_object_set_new(x, "supply", json_string(res[i].supply));
					json_object_set_new(x, "expected_supply", json_string(res[i].want_supply));
					if (o.interview) {
						json_object_set_new(x, "questions", json_integer((json_int_t)res[i].questions));
						json_object_set_new(x, "items", json_integer((json_int_t)res[i].items));
						json_object_set_new(x, "answered", json_integer((json_int_t)res[i].answered));
						json_object_set_new(x, "stop_reason",
							json_string(res[i].stop_reason ? res[i].stop_reason : ""));
					}
				}
				json_decref(top);
				json_array_append_new(arr, x);
			}
			if (root && arr) {
				char *s;
				json_object_set_new(root, "format", json_string("galacta-eval/1"));
				json_object_set_new(root, "interview", json_boolean(o.interview));
				json_object_set_new(root, "cases", json_integer((json_int_t)n_files));
				json_object_set_new(root, "errors", json_integer((json_int_t)errors));
				json_object_set_new(root, "top1", json_real((double)top1 / n));
				json_object_set_new(root, "top3", json_real((double)top3 / n));
				json_object_set_new(root, "triage_exact", json_real((double)exact / n));
				json_object_set_new(root, "unsafe", json_integer((json_int_t)unsafe));
				json_object_set_new(root, "over_triage", json_integer((json_int_t)over));
				json_object_set_new(root, "supply", json_real((double)supply / n));
				if (o.interview) {
					json_t *q = json_object();
					json_object_set_new(q, "mean", json_real(mean_q));
					json_object_set_new(q, "max", json_integer((json_int_t)q_max));
					json_object_set_new(root, "questions", q);
					json_object_set_new(root, "items_mean", json_real(mean_items));
					json_object_set_new(root, "efficiency", json_real(eff));
				}
				json_object_set_new(root, "pass", json_boolean(!fail));
				json_object_set_new(root, "vignettes", arr);
				arr = NULL;
				s = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(4));
				if (s)
					puts(s);
				free(s);
			}
			json_decref(arr);
			json_decref(root);
		} else {
			print_text(&o, res, n_files);
			printf("\ncases %zu  top1 %.2f  top3 %.2f  triage-exact %.2f  unsafe %zu  over-triage %zu  supply %.2f  errors %zu",
				n_files, (double)top1 / n, (double)top3 / n, (double)exact / n, unsafe, over,
				(double)supply / n, errors);
			if (o.interview)
				printf("  questions mean %.2f max %zu  items mean %.1f  efficiency %.2f", mean_q, q_max,
					mean_items, eff);
			printf("\n%s\n", fail ? "FAIL" : "PASS");
		}
	}
	for (i = 0; i < n_files; i++) {
		free(res[i].name);
		free(res[i].error);
		free((char *)res[i].want_supply);
		json_decref(res[i].expected_causes);
		free(files[i]);
	}
	free(res);
	free(files);
	galacta_kb_free(kb);
	if (fflush(stdout) || ferror(stdout))
		return EXIT_IO;
	return fail ? EXIT_BAD_INPUT : EXIT_OK;
}
