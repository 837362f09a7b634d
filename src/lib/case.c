/*
 * case.c — galacta_case_parse(): JSON (read into a jansson tree by
 * json_load.c or jansson) → a validated case. The field table comes from
 * the KB (kb/fields.yaml), so types, units and ranges are data; this file
 * only walks the JSON against it and words the errors: "<json path>: <what
 * is wrong and what is allowed>".
 */
#include "case_internal.h"

#include "cond.h"
#include "error.h"
#include "galacta/growth.h"
#include "json_load.h"
#include "kb_internal.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LIST = 200, MAX_STRING = 200 };

typedef struct {
	const struct galacta_kb *kb;
	struct galacta_case *c;
} parse_ctx;

static const char *json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

static int fail(const char *path, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

static int fail(const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error__set(GALACTA_EINVALID, "%s: %s", path, msg);
}

static const char *unit_suffix(const kb_field *f, char *buf, size_t size)
{
	if (f->unit && *f->unit)
		snprintf(buf, size, " %s", f->unit);
	else
		buf[0] = '\0';
	return buf;
}

/* A number within the field's range (and whole, for integers). */
static int get_number(const kb_field *f, const char *path, json_t *v, double *out)
{
	char unit[64];
	double x;

	if (!json_is_number(v))
		return fail(path, "must be a number, not %s", json_type_name(v));
	x = json_number_value(v);
	if (!isfinite(x))
		return fail(path, "must be a finite number");
	if (f->type == FIELD_INTEGER && x != floor(x))
		return fail(path, "must be a whole number, not %g", x);
	if (x < f->min || x > f->max)
		return fail(path, "%g is outside %g–%g%s", x, f->min, f->max, unit_suffix(f, unit, sizeof(unit)));
	*out = x;
	return 0;
}

/* The path of entry i of the list at path, and of its member (e.g.
 * ".weight_g"; "" for the entry), in buf: only formatted for a message,
 * since a valid case never needs it. */
static const char *item_path(char *buf, size_t size, const char *path, size_t i, const char *member)
{
	snprintf(buf, size, "%s[%zu]%s", path, i, member);
	return buf;
}
#define ITEM(member) item_path(ipath, sizeof(ipath), path, i, member)

static int parse_weights(parse_ctx *p, const kb_field *f, const char *path, json_t *arr)
{
	struct galacta_case *c = p->c;
	char ipath[160], unit[64];
	size_t i, n;
	json_t *item;

	if (!json_is_array(arr))
		return fail(path, "must be an array of {age_hours or age_days, weight_g}, not %s", json_type_name(arr));
	n = json_array_size(arr);
	if (n > MAX_LIST)
		return fail(path, "has %zu entries; at most %d are accepted", n, MAX_LIST);
	c->weights = arena__calloc(&c->mem, n ? n : 1, sizeof(*c->weights));
	if (!c->weights)
		return error__set(GALACTA_ENOMEM, "out of memory");
	json_array_foreach(arr, i, item) {
		json_t *h, *d, *w;
		const char *key;
		json_t *val;
		double age, wt;

		if (!json_is_object(item))
			return fail(ITEM(""), "must be an object {age_hours or age_days, weight_g}, not %s", json_type_name(item));
		json_object_foreach(item, key, val) {
			if (strcmp(key, "age_hours") && strcmp(key, "age_days") && strcmp(key, "weight_g") &&
			    strncmp(key, "x_", 2))
				return fail(ITEM(""), "unknown key '%s' (allowed: age_hours or age_days, weight_g)", key);
		}
		h = json_object_get(item, "age_hours");
		d = json_object_get(item, "age_days");
		w = json_object_get(item, "weight_g");
		if ((h != NULL) == (d != NULL))
			return fail(ITEM(""), "give exactly one of age_hours and age_days");
		if (!w)
			return fail(ITEM(""), "missing weight_g");
		if (h) {
			if (!json_is_number(h))
				return fail(ITEM(".age_hours"), "must be a number, not %s", json_type_name(h));
			age = json_number_value(h);
			if (!(age >= 0 && age <= 1856.0 * 24))
				return fail(ITEM(".age_hours"), "%g is outside 0–44544 h", age);
			age /= 24.0;
		} else {
			if (!json_is_number(d))
				return fail(ITEM(".age_days"), "must be a number, not %s", json_type_name(d));
			age = json_number_value(d);
			if (!(age >= 0 && age <= 1856))
				return fail(ITEM(".age_days"), "%g is outside 0–1856 days", age);
		}
		if (!json_is_number(w))
			return fail(ITEM(".weight_g"), "must be a number, not %s", json_type_name(w));
		wt = json_number_value(w);
		if (!(wt >= f->min && wt <= f->max))
			return fail(ITEM(".weight_g"), "%g is outside %g–%g%s", wt, f->min, f->max,
				unit_suffix(f, unit, sizeof(unit)));
		if (c->n_weights && age <= c->weights[c->n_weights - 1].age_days)
			return fail(ITEM(""), "age %.4g days is not after the previous weight's (%.4g days): list weights in time order, one per age",
				age, c->weights[c->n_weights - 1].age_days);
		c->weights[c->n_weights].age_days = age;
		c->weights[c->n_weights].weight_g = wt;
		c->n_weights++;
	}
	return 0;
}

static int parse_history(parse_ctx *p, const kb_field *f, const char *path, json_t *arr)
{
	struct galacta_case *c = p->c;
	char ipath[160], unit[64];
	size_t i, n;
	json_t *item;

	if (!json_is_array(arr))
		return fail(path, "must be an array of {age_days, ml_per_24h}, not %s", json_type_name(arr));
	n = json_array_size(arr);
	if (n > MAX_LIST)
		return fail(path, "has %zu entries; at most %d are accepted", n, MAX_LIST);
	c->history = arena__calloc(&c->mem, n ? n : 1, sizeof(*c->history));
	if (!c->history)
		return error__set(GALACTA_ENOMEM, "out of memory");
	json_array_foreach(arr, i, item) {
		const char *key;
		json_t *val, *a, *m;

		if (!json_is_object(item))
			return fail(ITEM(""), "must be an object {age_days, ml_per_24h}, not %s", json_type_name(item));
		json_object_foreach(item, key, val) {
			if (strcmp(key, "age_days") && strcmp(key, "ml_per_24h") && strncmp(key, "x_", 2))
				return fail(ITEM(""), "unknown key '%s' (allowed: age_days, ml_per_24h)", key);
		}
		a = json_object_get(item, "age_days");
		m = json_object_get(item, "ml_per_24h");
		if (!a || !m)
			return fail(ITEM(""), "needs both age_days and ml_per_24h");
		if (!json_is_number(a) || !(json_number_value(a) >= 0 && json_number_value(a) <= 1856))
			return fail(ITEM(".age_days"), "must be a number in 0–1856 days");
		if (!json_is_number(m) || !(json_number_value(m) >= f->min && json_number_value(m) <= f->max))
			return fail(ITEM(".ml_per_24h"), "must be a number in %g–%g%s", f->min, f->max,
				unit_suffix(f, unit, sizeof(unit)));
		c->history[c->n_history].age_days = json_number_value(a);
		c->history[c->n_history].ml_per_24h = json_number_value(m);
		c->n_history++;
	}
	return 0;
}

static int parse_meds(parse_ctx *p, const char *path, json_t *arr)
{
	struct galacta_case *c = p->c;
	char ipath[160];
	size_t i, n;
	json_t *item;

	if (!json_is_array(arr))
		return fail(path, "must be an array of medicine names, not %s", json_type_name(arr));
	n = json_array_size(arr);
	if (n > MAX_LIST)
		return fail(path, "has %zu entries; at most %d are accepted", n, MAX_LIST);
	c->meds = arena__calloc(&c->mem, n ? n : 1, sizeof(char *));
	if (!c->meds)
		return error__set(GALACTA_ENOMEM, "out of memory");
	c->meds_given = true;
	json_array_foreach(arr, i, item) {
		const char *s;
		size_t len, k, start, end;
		char *norm;

		if (!json_is_string(item))
			return fail(ITEM(""), "must be a string (a generic medicine name), not %s", json_type_name(item));
		s = json_string_value(item);
		len = json_string_length(item);
		if (len == 0 || len > MAX_STRING || strlen(s) != len)
			return fail(ITEM(""), "must be a name of 1–%d bytes (UTF-8)", MAX_STRING);
		for (start = 0; start < len && isspace((unsigned char)s[start]); start++)
			;
		for (end = len; end > start && isspace((unsigned char)s[end - 1]); end--)
			;
		if (start == end)
			return fail(ITEM(""), "must not be blank");
		norm = arena__strndup(&c->mem, s + start, end - start);
		if (!norm)
			return error__set(GALACTA_ENOMEM, "out of memory");
		for (k = 0; norm[k]; k++)
			norm[k] = (char)tolower((unsigned char)norm[k]);
		c->meds[c->n_meds++] = norm;
	}
	return 0;
}

#undef ITEM

static int parse_object(parse_ctx *p, const char *prefix, json_t *obj);

static int parse_field(parse_ctx *p, const kb_field *f, const char *path, json_t *v)
{
	struct galacta_case *c = p->c;
	size_t k;

	c->field_state[f - p->kb->fields] = json_is_null(v) ? VAR_NULL : VAR_KNOWN;
	if (json_is_null(v) && (f->type == FIELD_NUMBER || f->type == FIELD_INTEGER || f->type == FIELD_ENUM)) {
		c->var_state[f->var] = VAR_NULL;
		return 0;
	}
	/* Lists too may be answered "don't know" (the interview asks them). */
	if (json_is_null(v) && (f->type == FIELD_STRING_LIST || f->type == FIELD_WEIGHTS || f->type == FIELD_HISTORY))
		return 0;
	switch (f->type) {
	case FIELD_NUMBER:
	case FIELD_INTEGER:
		if (get_number(f, path, v, &c->var[f->var]))
			return GALACTA_EINVALID;
		c->var_state[f->var] = VAR_KNOWN;
		return 0;
	case FIELD_ENUM:
		if (!json_is_string(v))
			return fail(path, "must be a string, not %s", json_type_name(v));
		for (k = 0; k < f->n_choices; k++)
			if (!strcmp(json_string_value(v), f->choices[k])) {
				c->var[f->var] = (double)k;
				c->var_state[f->var] = VAR_KNOWN;
				return 0;
			}
		{
			char list[300] = "";
			for (k = 0; k < f->n_choices; k++) {
				strncat(list, f->choices[k], sizeof(list) - strlen(list) - 1);
				if (k + 1 < f->n_choices)
					strncat(list, ", ", sizeof(list) - strlen(list) - 1);
			}
			return fail(path, "'%.60s' is not allowed (allowed: %s)", json_string_value(v), list);
		}
	case FIELD_STRING_LIST:
		return parse_meds(p, path, v);
	case FIELD_WEIGHTS:
		return parse_weights(p, f, path, v);
	case FIELD_HISTORY:
		return parse_history(p, f, path, v);
	case FIELD_OBJECT:
		if (!json_is_object(v))
			return fail(path, "must be an object, not %s", json_type_name(v));
		return parse_object(p, path, v);
	}
	return fail(path, "unsupported field");
}

/* "prefix.key" into buf, cut to size - 1 bytes as snprintf would: every
 * key of a case needs its path (snprintf was a tenth of the parse). */
static void join_path(char *buf, size_t size, const char *prefix, const char *key)
{
	size_t a = strlen(prefix), b = strlen(key), n;

	if (a > size - 1)
		a = size - 1;
	memcpy(buf, prefix, a);
	n = a;
	if (n < size - 1)
		buf[n++] = '.';
	if (b > size - 1 - n)
		b = size - 1 - n;
	memcpy(buf + n, key, b);
	buf[n + b] = '\0';
}

static int parse_object(parse_ctx *p, const char *prefix, json_t *obj)
{
	const char *key;
	json_t *v;
	char path[256];

	json_object_foreach(obj, key, v) {
		int fi;
		if (!strncmp(key, "x_", 2))
			continue;
		join_path(path, sizeof(path), prefix, key);
		/* "labs.tsh_miu_l" is not a key: nesting is spelled with objects. */
		fi = strchr(key, '.') ? -1 : kb__field_index(p->kb, path);
		if (fi < 0)
			return fail(path, "unknown key (fields: docs/case-fields.md; extension keys start with x_)");
		if (parse_field(p, &p->kb->fields[fi], path, v))
			return GALACTA_EINVALID;
	}
	return 0;
}

static int parse_findings(parse_ctx *p, json_t *obj)
{
	const char *key;
	json_t *v;
	char path[256];

	if (!json_is_object(obj))
		return fail("findings", "must be an object of finding ids to true, false or null, not %s", json_type_name(obj));
	json_object_foreach(obj, key, v) {
		int fi;
		if (!strncmp(key, "x_", 2))
			continue;
		join_path(path, sizeof(path), "findings", key);
		fi = kb__finding_index(p->kb, key);
		if (fi < 0)
			return fail(path, "unknown finding (the findings: docs/case-fields.md)");
		if (p->kb->findings[fi].derived)
			return fail(path, "is derived from numbers and cannot be set; give the numbers instead");
		if (json_is_true(v))
			p->c->finding[fi] = TRI_TRUE;
		else if (json_is_false(v))
			p->c->finding[fi] = TRI_FALSE;
		else if (json_is_null(v))
			p->c->finding_null[fi] = 1;
		else
			return fail(path, "must be true, false or null, not %s", json_type_name(v));
	}
	return 0;
}

static bool known(const struct galacta_kb *kb, const struct galacta_case *c, const char *path, double *v)
{
	int i = kb__var_index(kb, path);
	if (i < 0 || c->var_state[i] != VAR_KNOWN)
		return false;
	*v = c->var[i];
	return true;
}

/* A screening item cannot score more than the whole scale. */
static int check_item(const struct galacta_kb *kb, const struct galacta_case *c, const char *item,
	const char *total)
{
	double vi, vt;
	if (known(kb, c, item, &vi) && known(kb, c, total, &vt) && vi > vt)
		return fail(item, "%g is more than the total score %s = %g", vi, total, vt);
	return 0;
}

/* Values that are each in range but cannot all be true together are
 * refused rather than silently ignored. */
static int check_consistency(const struct galacta_kb *kb, const struct galacta_case *c)
{
	double age = 0, onset, ga = 40, sexv;
	bool age_known = known(kb, c, "infant.age_days", &age);
	galacta_sex sex = GALACTA_SEX_UNKNOWN;
	size_t i;

	if (check_item(kb, c, "mother.epds_item10", "mother.epds_score") ||
	    check_item(kb, c, "mother.phq9_item9", "mother.phq9_score"))
		return GALACTA_EINVALID;
	if (c->n_weights && known(kb, c, "infant.weight_change_pct_from_birth", &onset))
		return fail("infant.weight_change_pct_from_birth",
			"give it only when the weights in grams are unknown (infant.weights is given)");
	if (age_known && known(kb, c, "mother.lactogenesis_onset_hours", &onset) && onset > age * 24.0 + 24.0)
		return fail("mother.lactogenesis_onset_hours", "%g h is after the baby's age (%g h); use null if the milk has not come in yet",
			onset, age * 24.0);
	/* One day of slack: ages are often given in completed days. */
	for (i = 0; age_known && i < c->n_weights; i++)
		if (c->weights[i].age_days > age + 1.0) {
			char path[64];
			snprintf(path, sizeof(path), "infant.weights[%zu]", i);
			return fail(path, "measured at %.4g days, after the infant's age (infant.age_days = %g)",
				c->weights[i].age_days, age);
		}
	/* A weight more than 6 SD from the WHO median is almost certainly a
	 * typing error (WHO flags |z| > 5 for weight-for-age; 6 leaves room
	 * for real outliers). Preterm babies are checked at corrected age
	 * (galacta_growth_corrected_age_days); before their due date the WHO
	 * standard does not apply and they are not checked. */
	if (known(kb, c, "infant.sex", &sexv)) {
		int si = kb__field_index(kb, "infant.sex");
		if (!known(kb, c, "infant.gestational_age_weeks", &ga))
			ga = (double)NAN;
		sex = !strcmp(kb->fields[si].choices[(int)sexv], "male") ? GALACTA_SEX_MALE : GALACTA_SEX_FEMALE;
		for (i = 0; i < c->n_weights; i++) {
			double z, a;
			int corrected = 0;
			/* A weight the WHO tables cannot score is not checked: their
			 * errors are not this case's (and need no message). */
			bool muted = error__mute(true), implausible;
			implausible = galacta_growth_corrected_age_days(c->weights[i].age_days, ga, &a, &corrected) == 0 &&
				      a >= 0 &&
				      galacta_growth_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, sex, a, c->weights[i].weight_g / 1000.0, &z) == 0 &&
				      fabs(z) > kb->max_abs_weight_for_age_z;
			error__mute(muted);
			if (implausible) {
				char path[64];
				snprintf(path, sizeof(path), "infant.weights[%zu].weight_g", i);
				if (corrected)
					return fail(path, "%g g at %.4g days (corrected age %.4g days, born at %g weeks) is implausible (WHO weight-for-age z = %+.1f; allowed |z| ≤ %g)",
						c->weights[i].weight_g, c->weights[i].age_days, a, ga, z, kb->max_abs_weight_for_age_z);
				return fail(path, "%g g at %.4g days is implausible (WHO weight-for-age z = %+.1f; allowed |z| ≤ %g)",
					c->weights[i].weight_g, c->weights[i].age_days, z, kb->max_abs_weight_for_age_z);
			}
		}
		error__clear();
	}
	return 0;
}

static int parse_root(parse_ctx *p, json_t *root)
{
	struct galacta_case *c = p->c;
	const char *key;
	json_t *v, *fmt;

	if (!json_is_object(root))
		return fail("(root)", "a case must be a JSON object, not %s", json_type_name(root));
	fmt = json_object_get(root, "format");
	if (!fmt)
		return fail("format", "missing; a case starts with \"format\": \"galacta-case/1\"");
	if (!json_is_string(fmt) || strcmp(json_string_value(fmt), "galacta-case/1"))
		return fail("format", "must be \"galacta-case/1\"");
	json_object_foreach(root, key, v) {
		if (!strcmp(key, "format") || !strncmp(key, "x_", 2))
			continue;
		if (!strcmp(key, "id")) {
			if (!json_is_string(v) || json_string_length(v) > MAX_STRING)
				return fail("id", "must be a string of at most %d characters", MAX_STRING);
			c->id = arena__strdup(&c->mem, json_string_value(v));
			if (!c->id)
				return error__set(GALACTA_ENOMEM, "out of memory");
		} else if (!strcmp(key, "language")) {
			galacta_lang l;
			if (!json_is_string(v) || galacta_lang_parse(json_string_value(v), &l))
				return fail("language", "must be \"en\" or \"zh-Hans\"");
			c->lang = (int)l;
		} else if (!strcmp(key, "findings")) {
			if (parse_findings(p, v))
				return GALACTA_EINVALID;
		} else {
			int fi = strchr(key, '.') ? -1 : kb__field_index(p->kb, key);
			if (fi < 0)
				return fail(key, "unknown key (allowed: format, id, language, mother, infant, pumping, findings, x_…)");
			if (parse_field(p, &p->kb->fields[fi], key, v))
				return GALACTA_EINVALID;
		}
	}
	return check_consistency(p->kb, c);
}

int galacta_case_parse(const galacta_kb *kb, const char *json, size_t len, galacta_case **out)
{
	struct galacta_case *c;
	json_error_t jerr;
	json_t *root;
	parse_ctx p;
	int rc;

	error__clear();
	if (!kb || !out || (!json && len))
		return error__set(GALACTA_EINVALID, "galacta_case_parse: NULL argument");
	*out = NULL;
	if (len == 0)
		return error__set(GALACTA_EINVALID, "(input): empty; expected one JSON object");
	if (len > GALACTA_CASE_MAX_BYTES)
		return error__set(GALACTA_EINVALID, "(input): %zu bytes is over the %d-byte limit for one case",
			len, GALACTA_CASE_MAX_BYTES);
	/* A UTF-8 byte-order mark is legal in a text file; JSON has no use for it. */
	if (len >= 3 && !memcmp(json, "\xEF\xBB\xBF", 3)) {
		json += 3;
		len -= 3;
	}
	/* The fast reader takes most cases; what it leaves, and every error,
	 * is jansson's (json_load.c). */
	root = json_load__object(json, len);
	if (!root)
		root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		if (strstr(jerr.text, "JSON_ALLOW_NUL"))
			snprintf(jerr.text, sizeof(jerr.text), "\\u0000 (a NUL character) is not allowed in strings");
		return error__set(GALACTA_EINVALID, "(json) line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		json_decref(root);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	c->lang = -1;
	c->n_vars = kb->n_vars;
	c->n_findings = kb->n_findings;
	c->var = arena__calloc(&c->mem, kb->n_vars, sizeof(double));
	c->var_state = arena__calloc(&c->mem, kb->n_vars, 1);
	c->finding = arena__calloc(&c->mem, kb->n_findings ? kb->n_findings : 1, 1);
	c->finding_null = arena__calloc(&c->mem, kb->n_findings ? kb->n_findings : 1, 1);
	c->field_state = arena__calloc(&c->mem, kb->n_fields ? kb->n_fields : 1, 1);
	if (!c->var || !c->var_state || !c->finding || !c->finding_null || !c->field_state) {
		rc = error__set(GALACTA_ENOMEM, "out of memory");
	} else {
		memset(c->finding, TRI_UNKNOWN, kb->n_findings);
		p.kb = kb;
		p.c = c;
		rc = parse_root(&p, root);
	}
	json_decref(root);
	if (rc) {
		galacta_case_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void galacta_case_free(galacta_case *c)
{
	if (!c)
		return;
	arena__free(&c->mem);
	free(c);
}

const char *galacta_case_id(const galacta_case *c)
{
	return c ? c->id : NULL;
}

int galacta_case_language(const galacta_case *c, galacta_lang *out)
{
	if (!c || c->lang < 0)
		return GALACTA_ENOTFOUND;
	if (out)
		*out = (galacta_lang)c->lang;
	return 0;
}
