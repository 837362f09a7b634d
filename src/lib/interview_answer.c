/*
 * interview_answer.c — for front-ends that interview a person: reading what
 * was typed (yes / no / don't know and "back" in the words of
 * kb/interview.yaml, numbers with units, enum choices, weights, lists of
 * names) into the JSON value the case needs, with a message in the
 * person's language when it is not a valid answer; writing an answer into
 * a case; the interview's interface strings.
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include "interview_internal.h"

#include "error.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const interview__text_keys[] = {
	"help_finding", "help_number", "help_enum", "help_weights", "help_list", "sentence_space",
	"bad_yes_no", "bad_number", "bad_integer", "bad_choice", "bad_weights",
	"intro", "progress", "back_none", "interrupted", "save_prompt", "saved", "save_failed",
	"not_saved", "done", "stopped_early", "emergency_continue", "group_again", NULL};

const char *interview__text(const struct galacta_kb *kb, const char *id, int lang)
{
	size_t i;
	for (i = 0; i < kb->interview.n_texts; i++)
		if (!strcmp(kb->interview.texts[i].id, id))
			return kb->interview.texts[i].text.t[lang];
	return "";
}

const char *interview__unit(const struct galacta_kb *kb, const char *unit, int lang)
{
	size_t i;
	if (!unit)
		return "";
	for (i = 0; i < kb->interview.n_units; i++)
		if (!strcmp(kb->interview.units[i].id, unit))
			return kb->interview.units[i].text.t[lang];
	return unit;
}

const char *galacta_interview_text(const galacta_kb *kb, const char *id, galacta_lang lang)
{
	size_t i;

	if (!kb || !id || !kb->interview.present || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return NULL;
	for (i = 0; i < kb->interview.n_texts; i++)
		if (!strcmp(kb->interview.texts[i].id, id))
			return kb->interview.texts[i].text.t[lang];
	return NULL;
}

/* --- reading typed text ------------------------------------------------ */

enum { MAX_ANSWER = 1024 };

/* Trimmed, ASCII-lowercased, inner runs of spaces made one, a final full
 * stop (. or 。) dropped. */
/* The ASCII character a full-width form stands for (U+FF01-U+FF5E, as
 * Chinese input methods type digits and signs: "３８．５"), a space for
 * the ideographic space U+3000, else 0; *len gets the bytes it takes. */
static char halfwidth(const unsigned char *s, size_t *len)
{
	unsigned cp;

	*len = 3;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return ' ';
	if (s[0] != 0xEF || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
	return cp >= 0xFF01 && cp <= 0xFF5E ? (char)(cp - 0xFF01 + 0x21) : 0;
}

static void normalise(const char *in, char *out, size_t size)
{
	size_t n = 0, skip;
	bool space = false;

	for (; *in && n + 1 < size; in++) {
		unsigned char c = (unsigned char)*in;
		char h = c >= 0xE3 && in[1] && in[2] ? halfwidth((const unsigned char *)in, &skip) : 0;
		if (h) {
			c = (unsigned char)h;
			in += skip - 1;
		}
		if (isspace(c)) {
			space = n > 0; /* leading space dropped */
			continue;
		}
		if (space && n + 2 < size)
			out[n++] = ' ';
		space = false;
		out[n++] = (char)tolower(c);
	}
	out[n] = '\0';
	if (n && (out[n - 1] == '.' || out[n - 1] == '!'))
		out[--n] = '\0';
	if (n >= 3 && !strcmp(out + n - 3, "\xe3\x80\x82")) /* 。 */
		out[n - 3] = '\0';
}

static bool is_word(const struct galacta_kb *kb, kb_iv_word w, int lang, const char *s)
{
	size_t i;
	int l;

	/* The person's language first; English words work in Chinese too. */
	for (l = lang; l >= 0; l--)
		for (i = 0; i < kb->interview.words[w][l].n; i++)
			if (!strcmp(kb->interview.words[w][l].w[i], s))
				return true;
	return false;
}

/* Sets an error whose message is interface string id filled for field f. */
static int bad(const struct galacta_kb *kb, const char *id, int lang, const kb_field *f)
{
	char out[1024];
	const char *s = interview__text(kb, id, lang);
	size_t used = 0;

	while (*s && used + 1 < sizeof(out)) {
		const char *rep = NULL;
		char num[64];
		size_t skip = 0;
		if (f && !strncmp(s, "{min}", 5)) {
			snprintf(num, sizeof(num), "%g", f->min);
			rep = num, skip = 5;
		} else if (f && !strncmp(s, "{max}", 5)) {
			snprintf(num, sizeof(num), "%g", f->max);
			rep = num, skip = 5;
		} else if (f && !strncmp(s, "{unit}", 6)) {
			rep = interview__unit(kb, f->unit, lang), skip = 6;
		}
		if (rep) {
			int w = snprintf(out + used, sizeof(out) - used, "%s", rep);
			if (w < 0 || (size_t)w >= sizeof(out) - used)
				break;
			used += (size_t)w;
			s += skip;
		} else {
			out[used++] = *s++;
		}
	}
	out[used] = '\0';
	return error__set(GALACTA_EINVALID, "%s", out);
}

/* Units a person may type after a number, and the factor to the field's
 * unit (°F is handled apart). Matched after lowercasing and without
 * spaces. */
typedef struct {
	const char *field_unit;
	const char *typed;
	double factor;
} unit_alias;

static const unit_alias aliases[] = {
	{"g", "g", 1}, {"g", "gram", 1}, {"g", "grams", 1}, {"g", "\xe5\x85\x8b", 1}, /* 克 */
	{"g", "kg", 1000}, {"g", "\xe5\x85\xac\xe6\x96\xa4", 1000}, {"g", "\xe5\x8d\x83\xe5\x85\x8b", 1000}, /* 公斤 千克 */
	{"g", "\xe6\x96\xa4", 500}, /* 斤, the market pound of China */
	{"\xc2\xb0""c", "c", 1}, {"\xc2\xb0""c", "\xc2\xb0""c", 1}, {"\xc2\xb0""c", "\xe2\x84\x83", 1}, /* ℃ */
	{"\xc2\xb0""c", "degrees", 1}, {"\xc2\xb0""c", "\xe5\xba\xa6", 1}, /* 度 */
	{"days", "d", 1}, {"days", "day", 1}, {"days", "days", 1}, {"days", "\xe5\xa4\xa9", 1}, /* 天 */
	{"days", "w", 7}, {"days", "wk", 7}, {"days", "week", 7}, {"days", "weeks", 7}, {"days", "\xe5\x91\xa8", 7}, /* 周 */
	{"h", "h", 1}, {"h", "hr", 1}, {"h", "hrs", 1}, {"h", "hour", 1}, {"h", "hours", 1},
	{"h", "\xe5\xb0\x8f\xe6\x97\xb6", 1}, /* 小时 */
	{"h", "d", 24}, {"h", "day", 24}, {"h", "days", 24}, {"h", "\xe5\xa4\xa9", 24},
	{"ml", "ml", 1}, {"ml", "\xe6\xaf\xab\xe5\x8d\x87", 1}, /* 毫升 */
	{"min", "min", 1}, {"min", "mins", 1}, {"min", "minute", 1}, {"min", "minutes", 1},
	{"min", "\xe5\x88\x86\xe9\x92\x9f", 1}, /* 分钟 */
	{"weeks", "w", 1}, {"weeks", "wk", 1}, {"weeks", "weeks", 1}, {"weeks", "\xe5\x91\xa8", 1},
	{"years", "y", 1}, {"years", "years", 1}, {"years", "\xe5\xb2\x81", 1}, /* 岁 */
	{"/24 h", "times", 1}, {"/24 h", "\xe6\xac\xa1", 1}, {"/24 h", "\xe4\xb8\xaa", 1}, /* 次 个 */
	{"/24 h", "\xe7\x89\x87", 1}, /* 片 */
	{"/day", "\xe6\x94\xaf", 1}, /* 支 */
};

static void squeeze(const char *in, char *out, size_t size)
{
	size_t n = 0;
	for (; *in && n + 1 < size; in++)
		if (!isspace((unsigned char)*in))
			out[n++] = (char)tolower((unsigned char)*in);
	out[n] = '\0';
}

/* Reads "NUMBER [UNIT]" from s (normalised) for a field whose unit is
 * unit; *x in that unit. False when it is not such a text. */
static bool read_number(const char *s, const char *unit, double *x)
{
	char buf[MAX_ANSWER], typed[64], want[64], *end;
	size_t i;
	double v;

	snprintf(buf, sizeof(buf), "%s", s);
	/* A decimal comma ("38,5"). */
	for (i = 0; buf[i]; i++)
		if (buf[i] == ',' && isdigit((unsigned char)buf[i + 1]) && i && isdigit((unsigned char)buf[i - 1]))
			buf[i] = '.';
	/* The Unicode minus sign. */
	if (!strncmp(buf, "\xe2\x88\x92", 3)) {
		buf[2] = '-';
		memmove(buf, buf + 2, strlen(buf + 2) + 1);
	}
	v = strtod(buf, &end);
	if (end == buf || !isfinite(v))
		return false;
	squeeze(end, typed, sizeof(typed));
	if (!*typed) {
		*x = v;
		return true;
	}
	squeeze(unit ? unit : "", want, sizeof(want));
	if (*want && !strcmp(typed, want)) {
		*x = v;
		return true;
	}
	if (!strcmp(want, "\xc2\xb0""c") && (!strcmp(typed, "f") || !strcmp(typed, "\xc2\xb0""f"))) {
		*x = (v - 32.0) * 5.0 / 9.0;
		return true;
	}
	for (i = 0; i < sizeof(aliases) / sizeof(*aliases); i++)
		if (!strcmp(aliases[i].field_unit, want) && !strcmp(aliases[i].typed, typed)) {
			*x = v * aliases[i].factor;
			return true;
		}
	return false;
}

/* Whole numbers are written as integers ("6", not "6.0"). */
static bool whole(double x)
{
	return x == floor(x) && fabs(x) < 1e15;
}

static char *dump(json_t *v)
{
	char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
	json_decref(v);
	return s;
}

static int number_answer(const struct galacta_kb *kb, const kb_field *f, bool integer, const char *s, int lang,
	char **out)
{
	double x;

	if (!read_number(s, f->unit, &x) || x < f->min || x > f->max || (integer && x != floor(x)))
		return bad(kb, integer ? "bad_integer" : "bad_number", lang, f);
	*out = dump(whole(x) ? json_integer((json_int_t)x) : json_real(x));
	return *out ? 0 : error__set(GALACTA_ENOMEM, "out of memory");
}

static int enum_answer(const struct galacta_kb *kb, int field, const char *s, int lang, char **out)
{
	const kb_field *f = &kb->fields[field];
	char *end;
	long k = strtol(s, &end, 10);
	size_t i, j;
	int l;

	if (end != s && !*end && k >= 1 && (size_t)k <= f->n_choices) {
		*out = dump(json_string(f->choices[k - 1]));
		return *out ? 0 : error__set(GALACTA_ENOMEM, "out of memory");
	}
	for (i = 0; i < f->n_choices; i++) {
		bool match = !strcmp(s, f->choices[i]);
		for (j = 0; j < kb->interview.n_choices && !match; j++)
			if (kb->interview.choices[j].field == field)
				for (l = 0; l < LANG_COUNT && !match; l++) {
					char label[256];
					normalise(kb->interview.choices[j].labels[i].t[l], label, sizeof(label));
					match = !strcmp(s, label);
				}
		if (match) {
			*out = dump(json_string(f->choices[i]));
			return *out ? 0 : error__set(GALACTA_ENOMEM, "out of memory");
		}
	}
	return bad(kb, "bad_choice", lang, f);
}

static int cmp_age(const void *a, const void *b)
{
	double x = ((const case_weight *)a)->age_days, y = ((const case_weight *)b)->age_days;
	return (x > y) - (x < y);
}

/* "3020 g at 5 days; 3200 g 9 d": weight first, then optionally the age. */
static int weights_answer(const struct galacta_kb *kb, const kb_field *f, const char *s, double age_days, int lang,
	char **out)
{
	case_weight w[32];
	size_t n = 0, i;
	char buf[MAX_ANSWER];
	char *part, *save = NULL;
	json_t *arr;

	snprintf(buf, sizeof(buf), "%s", s);
	/* "；" (full-width semicolon) separates too. */
	for (part = strstr(buf, "\xef\xbc\x9b"); part; part = strstr(part, "\xef\xbc\x9b"))
		memcpy(part, " ; ", 3);
	for (part = strtok_r(buf, ";", &save); part; part = strtok_r(NULL, ";", &save)) {
		char wtext[128] = "", atext[128] = "", *at;
		double wt, age;
		const char *p = part;
		size_t k = 0;

		while (*p == ' ')
			p++;
		if (!*p)
			continue;
		if (n == sizeof(w) / sizeof(*w))
			return bad(kb, "bad_weights", lang, f);
		/* The weight: up to the next number after its unit, or "at"/"在". */
		at = strstr(part, " at ");
		if (!at)
			at = strstr(part, "\xe5\x9c\xa8"); /* 在 */
		if (at) {
			snprintf(wtext, sizeof(wtext), "%.*s", (int)(at - part), part);
			snprintf(atext, sizeof(atext), "%s", at + (at[0] == ' ' ? 4 : 3));
		} else {
			/* Split before the second number. */
			const char *q = p;
			while (*q && (isdigit((unsigned char)*q) || *q == '.' || *q == ','))
				q++;
			while (*q && !isdigit((unsigned char)*q))
				q++;
			k = (size_t)(q - p);
			snprintf(wtext, sizeof(wtext), "%.*s", (int)k, p);
			snprintf(atext, sizeof(atext), "%s", q);
		}
		if (!read_number(wtext, "g", &wt) || wt < f->min || wt > f->max)
			return bad(kb, "bad_weights", lang, f);
		p = atext;
		while (*p == ' ')
			p++;
		if (!*p)
			age = age_days;
		else if (read_number(p, "days", &age))
			;
		else if (read_number(p, "h", &age))
			age /= 24.0;
		else
			return bad(kb, "bad_weights", lang, f);
		if (!(age >= 0 && age <= 1856))
			return bad(kb, "bad_weights", lang, f);
		w[n].age_days = age;
		w[n].weight_g = wt;
		n++;
	}
	if (!n)
		return bad(kb, "bad_weights", lang, f);
	qsort(w, n, sizeof(*w), cmp_age);
	for (i = 1; i < n; i++)
		if (w[i].age_days == w[i - 1].age_days)
			return bad(kb, "bad_weights", lang, f);
	arr = json_array();
	for (i = 0; arr && i < n; i++) {
		json_t *o = json_object();
		double age = round(w[i].age_days * 1000) / 1000;
		if (!o ||
		    json_object_set_new(o, "age_days", whole(age) ? json_integer((json_int_t)age) : json_real(age)) ||
		    json_object_set_new(o, "weight_g",
			    whole(w[i].weight_g) ? json_integer((json_int_t)w[i].weight_g) : json_real(w[i].weight_g)) ||
		    json_array_append_new(arr, o)) {
			json_decref(arr);
			arr = NULL;
		}
	}
	*out = dump(arr);
	return *out ? 0 : error__set(GALACTA_ENOMEM, "out of memory");
}

/* "ibuprofen, sertraline": names separated by commas (, ，、) or ';'. */
static int list_answer(const struct galacta_kb *kb, const char *raw, int lang, char **out)
{
	char buf[MAX_ANSWER], norm[MAX_ANSWER];
	char *part, *save = NULL, *p;
	json_t *arr = json_array();

	normalise(raw, norm, sizeof(norm));
	if (!arr)
		return error__set(GALACTA_ENOMEM, "out of memory");
	if (!is_word(kb, IV_WORD_NONE, lang, norm) && !is_word(kb, IV_WORD_NO, lang, norm)) {
		snprintf(buf, sizeof(buf), "%s", raw);
		for (p = buf; *p; p++)
			if (!strncmp(p, "\xef\xbc\x8c", 3) || !strncmp(p, "\xe3\x80\x81", 3)) /* ， 、 */
				memcpy(p, "  ,", 3);
		for (part = strtok_r(buf, ",;", &save); part; part = strtok_r(NULL, ",;", &save)) {
			char *e;
			while (isspace((unsigned char)*part))
				part++;
			e = part + strlen(part);
			while (e > part && isspace((unsigned char)e[-1]))
				*--e = '\0';
			json_t *name;
			if (!*part || strlen(part) > 200)
				continue;
			/* NULL: not UTF-8 text (a terminal in another encoding) */
			if (!(name = json_string(part))) {
				json_decref(arr);
				return bad(kb, "help_list", lang, NULL);
			}
			if (json_array_append_new(arr, name)) {
				json_decref(arr);
				return error__set(GALACTA_ENOMEM, "out of memory");
			}
		}
	}
	*out = dump(arr);
	return *out ? 0 : error__set(GALACTA_ENOMEM, "out of memory");
}

int galacta_interview_read_answer(const galacta_kb *kb, const galacta_case *c, const char *question_id,
	const char *text, galacta_lang lang, galacta_answer_kind *kind, char **value_json)
{
	char s[MAX_ANSWER];
	ivq_kind k;
	bool integer;
	int q, l, age = kb ? kb__var_index(kb, "infant.age_days") : -1;
	double age_days = c && age >= 0 && (size_t)age < c->n_vars && c->var_state[age] == VAR_KNOWN ? c->var[age] : NAN;

	error__clear();
	if (!kb || !question_id || !text || !kind || !value_json ||
	    (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_interview_read_answer: NULL argument or unknown language");
	*value_json = NULL;
	*kind = GALACTA_ANSWER_VALUE;
	if (!kb->interview.present)
		return error__set(GALACTA_ENOTFOUND, "this knowledge base has no interview.yaml");
	q = interview__question_ref(kb, question_id, &k, &integer);
	if (q < 0)
		return error__set(GALACTA_ENOTFOUND, "'%s' is not a question of this knowledge base", question_id);
	if (strlen(text) >= MAX_ANSWER)
		return bad(kb, k == IVQ_FINDING ? "bad_yes_no" : "bad_number", lang,
			k == IVQ_FINDING ? NULL : &kb->fields[q]);
	l = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	normalise(text, s, sizeof(s));
	if (is_word(kb, IV_WORD_BACK, l, s)) {
		*kind = GALACTA_ANSWER_BACK;
		return 0;
	}
	if (is_word(kb, IV_WORD_UNKNOWN, l, s)) {
		*value_json = dump(json_null());
		return *value_json ? 0 : error__set(GALACTA_ENOMEM, "out of memory");
	}
	switch (k) {
	case IVQ_FINDING:
		if (is_word(kb, IV_WORD_YES, l, s) || is_word(kb, IV_WORD_NO, l, s)) {
			*value_json = dump(json_boolean(is_word(kb, IV_WORD_YES, l, s)));
			return *value_json ? 0 : error__set(GALACTA_ENOMEM, "out of memory");
		}
		return bad(kb, "bad_yes_no", l, NULL);
	case IVQ_NUMBER:
		return number_answer(kb, &kb->fields[q], integer, s, l, value_json);
	case IVQ_ENUM:
		return enum_answer(kb, q, s, l, value_json);
	case IVQ_WEIGHTS:
		return weights_answer(kb, &kb->fields[q], s, age_days, l, value_json);
	case IVQ_LIST:
		return list_answer(kb, text, l, value_json);
	case IVQ_GROUP: /* not a question id: galacta_interview_read_checklist */
		break;
	}
	return error__set(GALACTA_EINVALID, "unsupported question");
}

/* --- a checklist --------------------------------------------------------- */

/* Every sep in s becomes spaces. */
static void blank(char *s, const char *sep)
{
	char *p;
	while ((p = strstr(s, sep)))
		memset(p, ' ', strlen(sep));
}

int galacta_interview_read_checklist(const galacta_kb *kb, const galacta_question *q, const char *text,
	galacta_lang lang, galacta_answer_kind *kind, char **value_json)
{
	char s[MAX_ANSWER], *tok, *save = NULL;
	unsigned char picked[IV_MAX_ITEMS] = {0};
	const char *ids[IV_MAX_ITEMS];
	size_t n_ids = 0;
	bool unknown = false, none = false, any = false;
	json_t *obj;
	size_t i;
	int l;

	error__clear();
	if (!kb || !q || !text || !kind || !value_json || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_interview_read_checklist: NULL argument or unknown language");
	*value_json = NULL;
	*kind = GALACTA_ANSWER_VALUE;
	if (!kb->interview.present)
		return error__set(GALACTA_ENOTFOUND, "this knowledge base has no interview.yaml");
	l = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	if (q->kind != GALACTA_QUESTION_GROUP || q->n_items > IV_MAX_ITEMS || !q->items)
		return error__set(GALACTA_EINVALID, "galacta_interview_read_checklist: not a group question");
	for (i = 0; i < q->n_items; i++)
		if (q->items[i].kind == GALACTA_QUESTION_FINDING)
			ids[n_ids++] = q->items[i].id;
	if (!n_ids)
		return error__set(GALACTA_EINVALID, "galacta_interview_read_checklist: the group has no yes/no question");
	if (strlen(text) >= MAX_ANSWER)
		return bad(kb, "bad_checklist", l, NULL);
	normalise(text, s, sizeof(s));
	if (is_word(kb, IV_WORD_BACK, l, s)) {
		*kind = GALACTA_ANSWER_BACK;
		return 0;
	}
	/* Chinese separators (，、；) become spaces. */
	blank(s, "\xef\xbc\x8c");
	blank(s, "\xe3\x80\x81");
	blank(s, "\xef\xbc\x9b");
	/* Whole answers first: "don't know" words may hold spaces. */
	if (is_word(kb, IV_WORD_UNKNOWN, l, s))
		unknown = true;
	else if (is_word(kb, IV_WORD_NONE, l, s) || is_word(kb, IV_WORD_NO, l, s))
		none = true;
	else if (n_ids == 1 && is_word(kb, IV_WORD_YES, l, s))
		picked[0] = any = true; /* a list of one reads as a yes/no question */
	else
		for (tok = strtok_r(s, " ,;", &save); tok; tok = strtok_r(NULL, " ,;", &save)) {
			char *end;
			long v;
			if (is_word(kb, IV_WORD_UNKNOWN, l, tok)) {
				unknown = true;
				continue;
			}
			v = strtol(tok, &end, 10);
			if (*end || end == tok || v < 1 || (size_t)v > n_ids)
				return bad(kb, "bad_checklist", l, NULL);
			picked[v - 1] = 1;
			any = true;
		}
	if (!any && !unknown && !none)
		return bad(kb, "bad_checklist", l, NULL);
	obj = json_object();
	for (i = 0; obj && i < n_ids; i++)
		if (json_object_set_new(obj, ids[i],
			    picked[i] ? json_true() : unknown ? json_null() : json_false())) {
			json_decref(obj);
			obj = NULL;
		}
	*value_json = obj ? dump(obj) : NULL;
	return *value_json ? 0 : error__set(GALACTA_ENOMEM, "out of memory");
}

/* --- writing an answer into a case -------------------------------------- */

/* Writes value (taken) into root at question id (a finding or a field
 * path with a question). */
static int set_one(const struct galacta_kb *kb, json_t *root, const char *id, json_t *value)
{
	json_t *obj = root;
	char path[256], *seg, *save = NULL, *last = NULL;
	ivq_kind k;

	if (interview__question_ref(kb, id, &k, NULL) < 0) {
		json_decref(value);
		return error__set(GALACTA_ENOTFOUND, "'%s' is not a question of this knowledge base", id);
	}
	if (k == IVQ_FINDING)
		snprintf(path, sizeof(path), "findings.%s", id);
	else
		snprintf(path, sizeof(path), "%s", id);
	for (seg = strtok_r(path, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) {
		if (last) {
			json_t *next = json_object_get(obj, last);
			if (!next) {
				next = json_object();
				if (!next || json_object_set_new(obj, last, next)) {
					json_decref(value);
					return error__set(GALACTA_ENOMEM, "out of memory");
				}
			} else if (!json_is_object(next)) {
				json_decref(value);
				return error__set(GALACTA_EINVALID, "(case) %s: must be an object", last);
			}
			obj = next;
		}
		last = seg;
	}
	if (!last || json_object_set_new(obj, last, value))
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}

/* A group's answer: an object whose members are questions of a group
 * (findings, numbers, enums), each written as its own answer. */
static int set_group(const struct galacta_kb *kb, json_t *root, json_t *value)
{
	json_t *v;
	const char *key;
	ivq_kind k;
	int rc;

	if (!json_is_object(value))
		return error__set(GALACTA_EINVALID, "(value) a group answer must be an object {\"id\": value|null, ...}");
	json_object_foreach(value, key, v) {
		if (interview__question_ref(kb, key, &k, NULL) < 0 ||
		    (k != IVQ_FINDING && k != IVQ_NUMBER && k != IVQ_ENUM))
			return error__set(GALACTA_EINVALID, "(value) %s: not a finding, number or enum question", key);
		if ((rc = set_one(kb, root, key, json_incref(v))))
			return rc;
	}
	return 0;
}

int galacta_interview_set(const galacta_kb *kb, const char *case_json, size_t len, const char *question_id,
	const char *value_json, char **case_json_out)
{
	json_t *root, *value;
	json_error_t jerr;
	bool group;
	int rc;

	error__clear();
	if (!kb || !case_json || !question_id || !value_json || !case_json_out)
		return error__set(GALACTA_EINVALID, "galacta_interview_set: NULL argument");
	*case_json_out = NULL;
	group = !strncmp(question_id, IV_GROUP_PREFIX, strlen(IV_GROUP_PREFIX));
	if (!group && interview__question_ref(kb, question_id, NULL, NULL) < 0)
		return error__set(GALACTA_ENOTFOUND, "'%s' is not a question of this knowledge base", question_id);
	root = json_loadb(case_json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root || !json_is_object(root)) {
		json_decref(root);
		return error__set(GALACTA_EINVALID, "(case) not a JSON object: %s", root ? "" : jerr.text);
	}
	value = json_loads(value_json, JSON_DECODE_ANY, &jerr);
	if (!value) {
		json_decref(root);
		return error__set(GALACTA_EINVALID, "(value) %s", jerr.text);
	}
	if (group) {
		rc = set_group(kb, root, value);
		json_decref(value);
	} else {
		rc = set_one(kb, root, question_id, value);
	}
	if (!rc && !(*case_json_out = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(10))))
		rc = error__set(GALACTA_ENOMEM, "out of memory");
	json_decref(root);
	return rc;
}
