/*
 * cmd_interview.c — `galacta interview`: the adaptive interview.
 *   --next FILE   one stateless step (galacta-interview/1): the next
 *                 question for the case in FILE, or should_stop;
 *   (no --next)   asks a person at the terminal, one question (or group
 *                 of questions on one screen) at a time, in plain words,
 *                 with line editing and history (libedit); "back" undoes
 *                 the last answer; Ctrl-C or Ctrl-D stops without losing
 *                 the answers, which can be saved as a case. As soon as
 *                 the answers make the case an emergency, the report's
 *                 emergency banner is shown (once); a screen whose
 *                 answers contradict each other keeps them and asks
 *                 again only the question the contradiction names.
 * All reasoning and answer reading is in libgalacta (galacta/interview.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <jansson.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static const char usage[] =
	"Usage: galacta interview [--lang en|zh-Hans] [--save FILE] [CASE]\n"
	"       galacta interview --next [--format json|text] [--lang en|zh-Hans] CASE|-\n"
	"\n"
	"Asks about a breastfeeding case one question at a time, the questions that\n"
	"matter most first (safety questions before all others), and stops when more\n"
	"answers would not change the urgency or the likely causes. Then it shows the\n"
	"assessment.\n"
	"\n"
	"Without --next the interview is interactive: answer yes, no, don't know\n"
	"(是, 否, 不知道), a number with or without its unit, or the number of a\n"
	"choice. Related questions share one screen: type the numbers of all the\n"
	"listed items that apply (\"1 3\"; \"1 3 ?\" when unsure of the others), \"none\",\n"
	"or don't know, then answer the screen's numbers and choices one by one.\n"
	"\"back\" (返回) changes the previous answer; Ctrl-C or Ctrl-D stops and keeps\n"
	"the answers. As soon as the answers point to an emergency, it says so and\n"
	"what to do. CASE, when given, holds earlier answers to continue from.\n"
	"\n"
	"With --next, CASE (a galacta-case/1 file; - for standard input) is the evidence\n"
	"so far, and one galacta-interview/1 object is printed: the next question, or\n"
	"\"should_stop\": true, with the assessment so far. Write the answer into the\n"
	"case at question.id (a finding, or a field path; for a group, each of its\n"
	"items at its own id) and call again.\n"
	"\n"
	"Options:\n"
	"  --next              one stateless step (see above)\n"
	"  --format json|text  with --next: galacta-interview/1 JSON (default) or plain words\n"
	"  --lang en|zh-Hans   language (default: the case's \"language\", else en)\n"
	"  --save FILE         interactive: save the answers there as a case at the end\n"
	"                      (and when stopped); checked before the first question;\n"
	"                      without it you are asked for a name\n"
	"  -h, --help          show this help\n"
	"\n"
	"Exit status: 0 ok; 1 invalid case; 2 usage; 3 knowledge base; 4 read or\n"
	"write error; 5 out of memory. Documentation: docs/cli.md, docs/interview.md.\n"
	"\n"
	"Example: galacta interview --next --format json examples/mastitis-fever.json\n";

/* --- --next -------------------------------------------------------------- */

/* One question (or a group's number or enum item) in plain words. */
static void print_one_text(const galacta_question *q)
{
	size_t i;

	printf("%s\n", q->text);
	for (i = 0; i < q->n_choices; i++)
		printf("  %zu) %s\n", i + 1, q->choice_labels[i]);
	printf("(%s)\n", q->help);
}

/* A group: the title and how to answer, its yes/no items numbered as
 * galacta_interview_read_checklist numbers them, then each number or
 * enum item in full. */
static void print_group_text(const galacta_question *q)
{
	size_t i, k = 0;

	printf("%s\n(%s)\n", q->text, q->help);
	for (i = 0; i < q->n_items; i++)
		if (q->items[i].kind == GALACTA_QUESTION_FINDING)
			printf("  %zu) %s\n", ++k, q->items[i].text);
	for (i = 0; i < q->n_items; i++)
		if (q->items[i].kind != GALACTA_QUESTION_FINDING)
			print_one_text(&q->items[i]);
}

static int print_question_text(const galacta_interview *iv, galacta_lang lang)
{
	galacta_question q;

	if (galacta_interview_question(iv, lang, &q))
		return -1;
	if (q.kind == GALACTA_QUESTION_GROUP)
		print_group_text(&q);
	else
		print_one_text(&q);
	return 0;
}

static int run_next(const galacta_kb *kb, const char *path, bool json, bool lang_set, galacta_lang lang)
{
	char *text = NULL, *out = NULL;
	size_t len;
	galacta_case *c = NULL;
	galacta_interview *iv = NULL;
	int e = cli_read_all(path, GALACTA_CASE_MAX_BYTES, &text, &len), rc;

	if (e) {
		if (e == EFBIG) {
			fprintf(stderr, "galacta interview: (input): over the %d-byte limit for one case\n", GALACTA_CASE_MAX_BYTES);
			return EXIT_BAD_INPUT;
		}
		fprintf(stderr, "galacta interview: %s: %s\n", path, strerror(e));
		return EXIT_IO;
	}
	rc = galacta_case_parse(kb, text, len, &c);
	free(text);
	if (!rc && !lang_set)
		galacta_case_language(c, &lang);
	if (!rc)
		rc = galacta_interview_step(kb, c, &iv);
	if (!rc && json)
		rc = galacta_interview_to_json(iv, lang, 0, &out);
	if (rc) {
		fprintf(stderr, "galacta: %s\n", galacta_error_last());
		galacta_case_free(c);
		return cli_exit_code(rc);
	}
	if (json) {
		puts(out);
		galacta_free(out);
	} else if (galacta_interview_should_stop(iv)) {
		if (galacta_assessment_to_text(galacta_interview_assessment(iv), lang, 0, &out) == 0)
			puts(out);
		galacta_free(out);
	} else {
		print_question_text(iv, lang);
	}
	galacta_interview_free(iv);
	galacta_case_free(c);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "galacta interview: write error: %s\n", strerror(errno ? errno : EIO));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* --- the terminal interview ---------------------------------------------- */

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* libedit reads through this: one UTF-8 character from standard input,
 * and end of input when Ctrl-C has interrupted the read (libedit itself
 * would retry it), so that a single Ctrl-C stops the interview. */
static int read_char(EditLine *el, wchar_t *wc)
{
	unsigned char b[4];
	size_t n = 0, need = 1, i;
	unsigned long cp;

	(void)el;
	for (;;) {
		ssize_t r;
		if (interrupted)
			return 0;
		r = read(STDIN_FILENO, &b[n], 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? 0 : -1;
		if (n == 0)
			need = b[0] < 0x80 ? 1 : b[0] >= 0xf0 ? 4 : b[0] >= 0xe0 ? 3 : b[0] >= 0xc0 ? 2 : 1;
		if (++n == need)
			break;
	}
	if (need == 1) {
		*wc = b[0] < 0x80 ? (wchar_t)b[0] : (wchar_t)0xfffd;
		return 1;
	}
	cp = b[0] & (0x7fu >> need);
	for (i = 1; i < need; i++)
		cp = cp << 6 | (b[i] & 0x3fu);
	*wc = (wchar_t)cp;
	return 1;
}

static char *prompt_fn(EditLine *el)
{
	static char p[] = "> ";
	(void)el;
	return p;
}

typedef struct {
	const galacta_kb *kb;
	galacta_lang lang;
	bool tty, color;
	bool emergency_shown; /* the emergency banner is up: not again while it lasts */
	EditLine *el;
	History *hist;
	char **stack; /* case JSON after each answer; the last is current */
	size_t n, cap;
} session;

static int push(session *s, char *json)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char **p = realloc(s->stack, cap * sizeof(*p));
		if (!p)
			return -1;
		s->stack = p;
		s->cap = cap;
	}
	s->stack[s->n++] = json;
	return 0;
}

/* One line typed by the person, without its newline; NULL at end of input
 * or when interrupted. The result is malloc'd. */
static char *read_line(session *s)
{
	char *line = NULL;

	if (s->el) {
		int count = 0;
		const char *l = el_gets(s->el, &count);
		if (!l || count <= 0 || interrupted)
			return NULL;
		line = strdup(l);
	} else {
		char buf[4096];
		fputs("> ", stdout);
		fflush(stdout);
		if (!fgets(buf, sizeof(buf), stdin) || interrupted)
			return NULL;
		line = strdup(buf);
	}
	if (line) {
		size_t len = strlen(line);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (s->hist && *line) {
			HistEvent ev;
			history(s->hist, &ev, H_ENTER, line);
		}
	}
	return line;
}

/* text with {key} replaced by value (one key). */
static void say(const char *text, const char *key, const char *value)
{
	const char *k = key ? strstr(text, key) : NULL;

	if (!k) {
		printf("%s", text);
		return;
	}
	printf("%.*s%s%s", (int)(k - text), text, value, k + strlen(key));
}

static const char *t(const session *s, const char *id)
{
	const char *x = galacta_interview_text(s->kb, id, s->lang);
	return x ? x : "";
}

/* Writes the current case to path; says so, or why not ("save_failed"). */
static int save(session *s, const char *path)
{
	FILE *f = fopen(path, "w");
	const char *json = s->stack[s->n - 1];
	bool ok = f && fputs(json, f) >= 0 && fputc('\n', f) != EOF;
	int err = ok ? 0 : errno;

	if (f && fclose(f) && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		const char *text = t(s, "save_failed");
		const char *fk = strstr(text, "{file}");
		const char *ek = strstr(text, "{error}");
		if (fk && ek && fk < ek)
			printf("%.*s%s%.*s%s%s\n", (int)(fk - text), text, path, (int)(ek - fk - 6), fk + 6,
				strerror(err ? err : EIO), ek + 7);
		else
			printf("%s\n", text);
		return EXIT_IO;
	}
	say(t(s, "saved"), "{file}", path);
	putchar('\n');
	return EXIT_OK;
}

/* Can path be written? Checked before the first question, so that no
 * answer is lost to a path that cannot be saved: an existing file is
 * opened for appending (nothing in it changes), a new one is created and
 * removed again. 0, or an errno value. */
static int check_writable(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0)
			unlink(path);
		else if (errno == EEXIST)
			return 0; /* created meanwhile, or a dangling link: save() tells */
	}
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* The save prompt at the end of a terminal interview: asks for a file
 * name until the answers are saved or the person gives none (Enter,
 * Ctrl-D or Ctrl-C). Returns EXIT_OK when saved, else skipped. */
static int ask_save(session *s, int skipped)
{
	for (;;) {
		char *name;
		int rc;

		printf("%s", t(s, "save_prompt"));
		fflush(stdout);
		if (s->el)
			el_set(s->el, EL_PROMPT, prompt_fn);
		name = read_line(s);
		if (!name || !*name) {
			printf("%s%s\n", name ? "" : "\n", t(s, "not_saved"));
			free(name);
			return skipped;
		}
		rc = save(s, name);
		free(name);
		if (rc == EXIT_OK)
			return EXIT_OK;
	}
}

/* How many questions case json answers, "don't know" included: its
 * findings and the fields of mother, infant and pumping (a list such as
 * the weights counting once). What the saved file keeps. */
static size_t count_leaves(const json_t *v)
{
	const char *key;
	json_t *m;
	size_t n = 0;

	if (!json_is_object(v))
		return 1;
	json_object_foreach((json_t *)v, key, m)
		if (strncmp(key, "x_", 2))
			n += count_leaves(m);
	return n;
}

static size_t count_answers(const char *json)
{
	static const char *const parts[] = {"findings", "mother", "infant", "pumping"};
	json_t *root = json_loads(json, 0, NULL);
	size_t i, n = 0;

	for (i = 0; root && i < sizeof(parts) / sizeof(parts[0]); i++) {
		json_t *part = json_object_get(root, parts[i]);
		if (json_is_object(part))
			n += count_leaves(part);
	}
	json_decref(root);
	return n;
}

/* A string member of JSON object o; "" when there is none. */
static const char *member(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

/* The emergency banner of the text report — the triage level's title and
 * text, and the reasons at that level with what to do (the KB's words,
 * from the assessment) — and that the interview may stop now or go on.
 * Shown as soon as the answers make the case an emergency, once. */
static void show_emergency(session *s, const galacta_assessment *a)
{
	const char *space = galacta_interview_text(s->kb, "sentence_space", s->lang);
	char *json = NULL;
	json_t *root = NULL, *triage, *r;
	size_t i;

	s->emergency_shown = true;
	if (galacta_assessment_to_json(a, s->lang, GALACTA_RENDER_COMPACT, &json) == 0)
		root = json_loads(json, 0, NULL);
	galacta_free(json);
	triage = json_object_get(root, "triage");
	if (s->color)
		printf("\n\033[1;97;41m %s \033[0m\n", member(triage, "title"));
	else
		printf("\n== %s ==\n", member(triage, "title"));
	printf("%s\n", member(triage, "text"));
	json_array_foreach(json_object_get(triage, "reasons"), i, r) {
		const char *action = member(r, "action");
		if (strcmp(member(r, "level"), "emergency"))
			continue;
		printf("  - %s%s%s\n", member(r, "text"), *action ? (space ? space : " ") : "", action);
	}
	printf("%s\n", t(s, "emergency_continue"));
	fflush(stdout);
	json_decref(root);
}

/* Shows the emergency banner if case json with answer value to question
 * id written in is an emergency and the banner is not up yet: within a
 * screen, a danger answered first is not left waiting for the rest. */
static void watch_emergency(session *s, const char *id, const char *value)
{
	const char *json = s->stack[s->n - 1];
	char *next = NULL;
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;

	if (s->emergency_shown || galacta_interview_set(s->kb, json, strlen(json), id, value, &next))
		return;
	if (galacta_case_parse(s->kb, next, strlen(next), &c) == 0 && galacta_assess(s->kb, c, &a) == 0 &&
	    galacta_assessment_triage(a) == GALACTA_TRIAGE_EMERGENCY)
		show_emergency(s, a);
	galacta_assessment_free(a);
	galacta_case_free(c);
	galacta_free(next);
}

static void show_assessment(session *s, const galacta_case *c)
{
	galacta_assessment *a = NULL;
	char *text = NULL;

	if (c && galacta_assess(s->kb, c, &a) == 0 &&
	    galacta_assessment_to_text(a, s->lang, s->color ? GALACTA_RENDER_COLOR : 0, &text) == 0)
		printf("\n%s\n", text);
	galacta_free(text);
	galacta_assessment_free(a);
}

/* "[Question n]": the questions asked so far, this one included, a group
 * counting as one. No "at most": the budget (galacta_interview_budget)
 * counts answers to chosen questions, and a group holds several, so it
 * says nothing about how many more questions are to come. */
static void show_progress(const session *s, size_t n)
{
	const char *p = galacta_interview_text(s->kb, "progress", s->lang);
	char num[32];

	snprintf(num, sizeof(num), "%zu", n);
	printf("\n%s[", s->color ? "\033[2m" : "");
	say(p, "{n}", num);
	printf("]%s\n", s->color ? "\033[0m" : "");
}

/* A question, or a group's number or enum item: its text, its choices
 * numbered, and how to answer it (with the range and unit). */
static void show_one(const session *s, const galacta_question *q)
{
	size_t i;

	printf("%s%s%s\n", s->color ? "\033[1m" : "", q->text, s->color ? "\033[0m" : "");
	for (i = 0; i < q->n_choices; i++)
		printf("  %zu) %s\n", i + 1, q->choice_labels[i]);
	printf("%s%s%s\n", s->color ? "\033[2m" : "", q->help, s->color ? "\033[0m" : "");
	fflush(stdout);
}

/* A group's yes/no items, numbered from 1 as
 * galacta_interview_read_checklist reads them, and how to type them
 * ("checklist_how"; q->help says how to answer a group on a form). */
static void show_checklist(const session *s, const galacta_question *q)
{
	const char *how = galacta_interview_text(s->kb, "checklist_how", s->lang);
	size_t i, k = 0;

	for (i = 0; i < q->n_items; i++)
		if (q->items[i].kind == GALACTA_QUESTION_FINDING)
			printf("  %zu) %s\n", ++k, q->items[i].text);
	printf("%s%s%s\n", s->color ? "\033[2m" : "", how ? how : q->help, s->color ? "\033[0m" : "");
	fflush(stdout);
}

/* How reading an answer ended (READ_AGAIN: ask the same question again). */
typedef enum { READ_VALUE, READ_BACK, READ_EOF, READ_ERROR, READ_AGAIN } read_end;

/* Reads lines until one is an answer to q (to the yes/no part of group q
 * when checklist), saying after each one that is not what is allowed.
 * On READ_VALUE *value is the JSON value, owned by the caller
 * (galacta_free); else NULL. */
static read_end read_valid(session *s, const galacta_case *c, const galacta_question *q, bool checklist,
	char **value)
{
	*value = NULL;
	for (;;) {
		galacta_answer_kind kind;
		char *line = read_line(s);
		int rc;

		if (!line)
			return READ_EOF;
		if (checklist)
			rc = galacta_interview_read_checklist(s->kb, q, line, s->lang, &kind, value);
		else
			rc = galacta_interview_read_answer(s->kb, c, q->id, line, s->lang, &kind, value);
		free(line);
		if (rc == GALACTA_EINVALID) {
			printf("%s\n", galacta_error_last());
			fflush(stdout);
			continue;
		}
		if (rc) {
			fprintf(stderr, "galacta: %s\n", galacta_error_last());
			return READ_ERROR;
		}
		return kind == GALACTA_ANSWER_BACK ? READ_BACK : READ_VALUE;
	}
}

/* A question that is not a group: *value is malloc'd on READ_VALUE. */
static read_end ask_one(session *s, const galacta_case *c, const galacta_question *q, char **value)
{
	char *v = NULL;
	read_end end;

	show_one(s, q);
	end = read_valid(s, c, q, false, &v);
	*value = NULL;
	if (end == READ_VALUE && !(*value = strdup(v))) {
		fprintf(stderr, "galacta: out of memory\n");
		end = READ_ERROR;
	}
	galacta_free(v);
	return end;
}

/* The answer {"id": value, …} of a group from its first n parts: part[i]
 * is NULL for the checklist (got[i] an object over the yes/no items) or a
 * number or enum item (got[i] its value). malloc'd; NULL when out of
 * memory. */
static char *group_answer(const galacta_question *const *part, char *const *got, size_t n)
{
	json_t *obj = json_object();
	char *out = NULL;
	size_t i;
	bool ok = obj != NULL;

	for (i = 0; ok && i < n; i++) {
		json_t *v = json_loads(got[i], JSON_DECODE_ANY, NULL);
		if (!v) {
			ok = false;
		} else if (!part[i]) {
			ok = !json_object_update(obj, v);
			json_decref(v);
		} else {
			ok = !json_object_set_new(obj, part[i]->id, v);
		}
	}
	if (ok)
		out = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	return out;
}

/* Asks group q on one screen: the title, then its yes/no items as one
 * checklist ("1 3"), then each number or enum item in turn. "back" goes
 * back one answer, as everywhere: within the group to the part answered
 * before (the checklist or the previous item), from the group's first
 * part to the previous question (READ_BACK, the caller undoes that step).
 * *value: the group's answer for galacta_interview_set, malloc'd; on
 * READ_EOF the parts answered before the interruption (NULL if none), so
 * that stopping mid-group keeps them too. */
static read_end ask_group(session *s, const galacta_case *c, const galacta_question *q, char **value)
{
	const galacta_question **part = calloc(q->n_items + 1, sizeof(*part));
	char **got = calloc(q->n_items + 1, sizeof(*got));
	size_t n = 0, p = 0, i;
	bool findings = false;
	read_end end = READ_VALUE;

	*value = NULL;
	if (!part || !got) {
		free(part);
		free(got);
		fprintf(stderr, "galacta: out of memory\n");
		return READ_ERROR;
	}
	for (i = 0; i < q->n_items; i++)
		findings |= q->items[i].kind == GALACTA_QUESTION_FINDING;
	if (findings)
		part[n++] = NULL; /* the checklist comes first */
	for (i = 0; i < q->n_items; i++)
		if (q->items[i].kind != GALACTA_QUESTION_FINDING)
			part[n++] = &q->items[i];
	printf("%s%s%s\n", s->color ? "\033[1m" : "", q->text, s->color ? "\033[0m" : "");
	while (p < n) {
		if (part[p])
			show_one(s, part[p]);
		else
			show_checklist(s, q);
		galacta_free(got[p]);
		end = read_valid(s, c, part[p] ? part[p] : q, !part[p], &got[p]);
		if (end == READ_BACK && p > 0) {
			p--;
			continue;
		}
		if (end != READ_VALUE)
			break;
		p++;
		if (p < n && !s->emergency_shown) {
			char *so_far = group_answer(part, got, p);
			if (so_far)
				watch_emergency(s, q->id, so_far);
			free(so_far);
		}
	}
	if ((end == READ_VALUE || (end == READ_EOF && p > 0)) && !(*value = group_answer(part, got, p))) {
		fprintf(stderr, "galacta: out of memory\n");
		end = READ_ERROR;
	}
	for (i = 0; i < n; i++)
		galacta_free(got[i]);
	free(got);
	free(part);
	return end;
}

/* Writes value (question id's answer) into the current case and makes
 * the result current. */
static int answer(session *s, const char *id, const char *value)
{
	const char *json = s->stack[s->n - 1];
	char *next = NULL;
	int rc = galacta_interview_set(s->kb, json, strlen(json), id, value, &next);

	if (rc || push(s, next)) {
		fprintf(stderr, "galacta: %s\n", rc ? galacta_error_last() : "out of memory");
		galacta_free(next);
		return -1;
	}
	return 0;
}

/* Does text name path (a whole field path, not part of a longer one)? */
static bool names_path(const char *text, size_t text_len, const char *prefix, const char *id)
{
	size_t plen = strlen(prefix), ilen = strlen(id), i;

	for (i = 0; i + plen + ilen <= text_len; i++) {
		const char *x = text + i;
		char before = i ? text[i - 1] : ' ', after = x[plen + ilen];
		if (strncmp(x, prefix, plen) || strncmp(x + plen, id, ilen))
			continue;
		if ((isalnum((unsigned char)before) || before == '_' || before == '.') ||
		    (isalnum((unsigned char)after) || after == '_' || after == '.' || after == '['))
			continue;
		return true;
	}
	return false;
}

/* The items of group q that validation message msg ("path: problem")
 * names, into out (room for q->n_items): none unless the path it starts
 * with is an item of q — a finding item as "findings.<id>", another by its
 * path —, then that one and any other item the problem names (e.g. the
 * total score an item cannot exceed). None: msg is about an answer given
 * before this screen. Returns how many. */
static size_t named_items(const galacta_question *q, const char *msg, const galacta_question **out)
{
	const char *colon = strstr(msg, ": ");
	size_t len = colon ? (size_t)(colon - msg) : 0, i, n = 0;

	for (i = 0; len && i < q->n_items; i++)
		if (names_path(msg, len, q->items[i].kind == GALACTA_QUESTION_FINDING ? "findings." : "", q->items[i].id))
			out[n++] = &q->items[i];
	if (!n)
		return 0;
	for (i = 0; i < q->n_items; i++)
		if (out[0] != &q->items[i] &&
		    names_path(colon, strlen(colon), q->items[i].kind == GALACTA_QUESTION_FINDING ? "findings." : "",
			    q->items[i].id))
			out[n++] = &q->items[i];
	return n;
}

/* In group answer *value (a JSON object, malloc'd), sets member id to
 * JSON text v, or removes it when v is NULL. 0, or -1 out of memory. */
static int group_update(char **value, const char *id, const char *v)
{
	json_t *obj = json_loads(*value, 0, NULL), *x = v ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
	char *out = NULL;

	if (obj && (v ? x && !json_object_set(obj, id, x) : (json_object_del(obj, id), true)))
		out = json_dumps(obj, JSON_COMPACT);
	json_decref(x);
	json_decref(obj);
	if (!out)
		return -1;
	free(*value);
	*value = out;
	return 0;
}

/* Writes the answer *value of group q into the current case and makes
 * the result current (READ_VALUE), unless the case is then invalid (e.g.
 * EPDS item 10 above the EPDS total). Then the answers are kept, the
 * message shown, and the items it names asked again alone, until they
 * fit; a "back" there, or a message about an answer given before this
 * screen, asks the whole screen again (READ_AGAIN, nothing written). On
 * READ_EOF *value holds the answers without the items being asked again,
 * for keep_partial. c: the case before the screen. */
static read_end settle_group(session *s, const galacta_case *c, const galacta_question *q, char **value)
{
	const galacta_question **named = calloc(q->n_items + 1, sizeof(*named));
	read_end end;

	if (!named) {
		fprintf(stderr, "galacta: out of memory\n");
		return READ_ERROR;
	}
	for (;;) {
		const char *json = s->stack[s->n - 1];
		galacta_case *check = NULL;
		char *next = NULL;
		size_t n_named, i;
		int rc = galacta_interview_set(s->kb, json, strlen(json), q->id, *value, &next);

		end = READ_ERROR;
		if (rc) {
			fprintf(stderr, "galacta: %s\n", galacta_error_last());
			break;
		}
		if ((rc = galacta_case_parse(s->kb, next, strlen(next), &check)) == 0) {
			galacta_case_free(check);
			if (push(s, next)) {
				galacta_free(next);
				fprintf(stderr, "galacta: out of memory\n");
				break;
			}
			end = READ_VALUE;
			break;
		}
		galacta_free(next);
		if (rc != GALACTA_EINVALID) {
			fprintf(stderr, "galacta: %s\n", galacta_error_last());
			break;
		}
		printf("%s\n", galacta_error_last());
		if (!(n_named = named_items(q, galacta_error_last(), named))) {
			printf("%s\n", t(s, "group_again"));
			end = READ_AGAIN;
			break;
		}
		for (i = 0, end = READ_VALUE; i < n_named; i++) {
			char *v = NULL;
			if (end == READ_VALUE)
				end = ask_one(s, c, named[i], &v);
			/* Stopped: the items not answered again stay unanswered. */
			if ((end == READ_VALUE || end == READ_EOF) &&
			    group_update(value, named[i]->id, end == READ_VALUE ? v : NULL)) {
				fprintf(stderr, "galacta: out of memory\n");
				end = READ_ERROR;
			}
			free(v);
			if (end != READ_VALUE && end != READ_EOF)
				break;
		}
		if (end != READ_VALUE)
			break;
	}
	free(named);
	return end == READ_BACK ? READ_AGAIN : end;
}

/* After stopping mid-group: keeps the parts of the group answered so far
 * as one more step, and *last as the case they make, unless they
 * contradict an earlier answer (then they are dropped, saying why). */
static int keep_partial(session *s, const char *id, const char *value, galacta_case **last)
{
	galacta_case *c = NULL;
	const char *json;

	if (answer(s, id, value))
		return -1;
	json = s->stack[s->n - 1];
	if (galacta_case_parse(s->kb, json, strlen(json), &c)) {
		printf("%s\n", galacta_error_last());
		free(s->stack[--s->n]);
		return 0;
	}
	galacta_case_free(*last);
	*last = c;
	return 0;
}

typedef enum { END_DONE, END_EOF, END_INTERRUPTED, END_ERROR } end_kind;

static end_kind loop(session *s, galacta_case **last)
{
	for (;;) {
		const char *json = s->stack[s->n - 1];
		galacta_case *c = NULL;
		galacta_interview *iv = NULL;
		galacta_question q;
		char *value = NULL;
		read_end end;
		int rc;

		if (interrupted)
			return END_INTERRUPTED;
		rc = galacta_case_parse(s->kb, json, strlen(json), &c);
		if (rc && s->n > 1) {
			/* The answer contradicts an earlier one (e.g. a weight dated
			 * after the baby's age): say so and undo it. */
			printf("%s\n", galacta_error_last());
			free(s->stack[--s->n]);
			continue;
		}
		if (!rc)
			rc = galacta_interview_step(s->kb, c, &iv);
		if (rc) {
			fprintf(stderr, "galacta: %s\n", galacta_error_last());
			galacta_case_free(c);
			return END_ERROR;
		}
		galacta_case_free(*last);
		*last = c;
		if (galacta_interview_should_stop(iv)) {
			galacta_interview_free(iv);
			return END_DONE; /* the report shows the emergency first */
		}
		if (galacta_assessment_triage(galacta_interview_assessment(iv)) != GALACTA_TRIAGE_EMERGENCY)
			s->emergency_shown = false; /* taken back: say it again if it comes back */
		else if (!s->emergency_shown)
			show_emergency(s, galacta_interview_assessment(iv));
		galacta_interview_question(iv, s->lang, &q);
		show_progress(s, s->n); /* the stack holds the case before each question */
		if (q.kind == GALACTA_QUESTION_GROUP)
			end = ask_group(s, c, &q, &value);
		else
			end = ask_one(s, c, &q, &value);
		if (end == READ_BACK) {
			if (s->n > 1)
				free(s->stack[--s->n]);
			else
				printf("%s\n", t(s, "back_none"));
		} else if (end == READ_VALUE && q.kind == GALACTA_QUESTION_GROUP) {
			end = settle_group(s, c, &q, &value);
		} else if (end == READ_VALUE && answer(s, q.id, value)) {
			end = READ_ERROR;
		}
		if (end == READ_EOF && value && keep_partial(s, q.id, value, last)) {
			end = READ_ERROR;
		}
		free(value);
		galacta_interview_free(iv);
		if (end == READ_ERROR)
			return END_ERROR;
		if (end == READ_EOF)
			return interrupted ? END_INTERRUPTED : END_EOF;
	}
}

/* libedit needs a UTF-8 locale for Chinese; C.UTF-8 when the environment
 * gives none. */
static void utf8_locale(void)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8"))
		setlocale(LC_CTYPE, "C.UTF-8");
}

static int run_interactive(const galacta_kb *kb, const char *path, const char *save_path, bool lang_set,
	galacta_lang lang)
{
	session s;
	struct sigaction sa;
	galacta_case *last = NULL;
	const char *no_color = getenv("NO_COLOR");
	end_kind end;
	int rc = EXIT_OK;
	char *first = NULL;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.kb = kb;
	s.lang = lang;
	s.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	s.color = s.tty && !(no_color && *no_color);
	if (save_path && (rc = check_writable(save_path))) {
		/* Before anything is asked: answers typed for nothing are lost. */
		fprintf(stderr, "galacta interview: --save %s: %s; the answers could not be saved there\n", save_path,
			strerror(rc));
		return EXIT_IO;
	}
	if (path) {
		size_t len;
		galacta_case *c = NULL;
		int e = cli_read_all(path, GALACTA_CASE_MAX_BYTES, &first, &len);
		if (e) {
			fprintf(stderr, "galacta interview: %s: %s\n", path, strerror(e));
			return e == EFBIG ? EXIT_BAD_INPUT : EXIT_IO;
		}
		if ((rc = galacta_case_parse(kb, first, len, &c))) {
			fprintf(stderr, "galacta: %s: %s\n", path, galacta_error_last());
			free(first);
			return cli_exit_code(rc);
		}
		if (!lang_set)
			galacta_case_language(c, &s.lang);
		galacta_case_free(c);
	} else {
		first = strdup(lang_set ? (lang == GALACTA_LANG_ZH_HANS ? "{\"format\": \"galacta-case/1\", \"language\": \"zh-Hans\"}"
									 : "{\"format\": \"galacta-case/1\", \"language\": \"en\"}")
					: "{\"format\": \"galacta-case/1\"}");
	}
	if (!first || push(&s, first)) {
		free(first);
		return EXIT_NOMEM;
	}
	if (!galacta_interview_text(kb, "intro", s.lang)) {
		fprintf(stderr, "galacta: this knowledge base has no interview.yaml: it cannot interview\n");
		free(s.stack[0]);
		free(s.stack);
		return EXIT_KB;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint; /* no SA_RESTART: a read returns at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	if (s.tty) {
		HistEvent ev;
		utf8_locale();
		s.el = el_init("galacta", stdin, stdout, stderr);
		s.hist = history_init();
		if (s.el && s.hist) {
			history(s.hist, &ev, H_SETSIZE, 200);
			el_set(s.el, EL_EDITOR, "emacs");
			el_set(s.el, EL_SIGNAL, 0);
			el_set(s.el, EL_PROMPT, prompt_fn);
			el_set(s.el, EL_HIST, history, s.hist);
			el_set(s.el, EL_GETCFN, read_char);
		}
	}
	printf("%s\n", t(&s, "intro"));
	end = loop(&s, &last);
	if (end == END_ERROR) {
		rc = EXIT_NOMEM;
	} else {
		if (end != END_DONE) {
			/* The answers the case holds, those of a file continued from
			 * included: what a saved file keeps. None: nothing to keep. */
			size_t answers = count_answers(s.stack[s.n - 1]);
			char n[32];
			snprintf(n, sizeof(n), "%zu", answers);
			putchar('\n');
			if (answers) {
				say(t(&s, "interrupted"), "{n}", n);
				putchar('\n');
			}
			printf("%s\n", t(&s, "stopped_early"));
		} else {
			printf("\n%s\n", t(&s, "done"));
		}
		show_assessment(&s, last);
		interrupted = 0;
		if (save_path) {
			/* Checked at the start, but a disk can fill up: on a
			 * terminal, another name can still be given. */
			rc = save(&s, save_path);
			if (rc && s.tty)
				rc = ask_save(&s, rc);
		} else if (s.tty && s.n > 1) {
			rc = ask_save(&s, EXIT_OK);
		}
	}
	fflush(stdout);
	if (s.el)
		el_end(s.el);
	if (s.hist)
		history_end(s.hist);
	galacta_case_free(last);
	for (i = 0; i < s.n; i++)
		free(s.stack[i]);
	free(s.stack);
	return rc;
}

int cmd_interview(int argc, char **argv, const char *kb_dir)
{
	const char *path = NULL, *save_path = NULL;
	bool next = false, json = true, lang_set = false, options_done = false;
	galacta_lang lang = GALACTA_LANG_EN;
	galacta_kb *kb = NULL;
	int i, rc;

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
		if (!options_done && !strcmp(arg, "--next")) {
			next = true;
			continue;
		}
		if (!options_done) {
			int used = cli_common_option(argc, argv, &i, "interview", &json, &lang, &lang_set);
			if (used < 0)
				return EXIT_USAGE;
			if (used)
				continue;
		}
		if (!options_done && cli_is_option(arg, "--save")) {
			if (!(save_path = cli_option_value(argc, argv, &i, "--save")) || !*save_path) {
				fprintf(stderr, "galacta interview: --save needs a file name\n");
				return EXIT_USAGE;
			}
			continue;
		}
		if (cli_operand("interview", arg, options_done, &path, "give at most one CASE"))
			return EXIT_USAGE;
	}
	if (next && !path) {
		fprintf(stderr, "galacta interview: --next needs a CASE file (or - for standard input)\n");
		return EXIT_USAGE;
	}
	if (next && save_path) {
		fprintf(stderr, "galacta interview: --save is for the interactive interview, not --next\n");
		return EXIT_USAGE;
	}
	if ((rc = cli_load_kb(kb_dir, &kb)))
		return rc;
	rc = next ? run_next(kb, path, json, lang_set, lang) : run_interactive(kb, path, save_path, lang_set, lang);
	galacta_kb_free(kb);
	return rc;
}
