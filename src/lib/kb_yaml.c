/*
 * kb_yaml.c — typed, validating readers over libfyaml nodes (KB loader).
 */
#include "kb_yaml.h"

#include "error.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kby__line(struct fy_node *n)
{
	struct fy_token *t;
	const struct fy_mark *m;
	void *it = NULL;
	struct fy_node_pair *p;

	if (!n)
		return 0;
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR:
		t = fy_node_get_scalar_token(n);
		m = t ? fy_token_start_mark(t) : NULL;
		return m ? m->line + 1 : 0;
	case FYNT_MAPPING:
		p = fy_node_mapping_iterate(n, &it);
		return p ? kby__line(fy_node_pair_key(p)) : 0;
	case FYNT_SEQUENCE:
		return kby__line(fy_node_sequence_iterate(n, &it));
	}
	return 0;
}

int kby__fail(kb_ctx *ctx, struct fy_node *n, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error__set(GALACTA_EKB, "%s:%d: %s", ctx->file, kby__line(n), msg);
}

/* Offset of the first byte of s[0..len) that does not belong to valid UTF-8
 * (overlong forms, surrogates and code points over U+10FFFF included), or
 * len when all is valid. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;
	unsigned long cp, min;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			n = 1, cp = s[i] & 0x1fu, min = 0x80;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			n = 2, cp = s[i] & 0x0fu, min = 0x800;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			n = 3, cp = s[i] & 0x07u, min = 0x10000;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0u) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3fu);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

/* KB files must be UTF-8. Checked before libfyaml sees the file: libfyaml
 * 0.7.12 loops forever on some invalid bytes (e.g. "%:\xff", found by
 * fuzz/fuzz_kb.c) and lets others into strings, which JSON cannot carry. */
static int check_utf8(kb_ctx *ctx, FILE *f)
{
	unsigned char *buf = NULL;
	size_t cap = 0, len = 0, got, bad, i;
	int line = 1, rc = 0;

	do {
		if (cap - len < 4096) {
			unsigned char *p = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap ? cap * 2 : 16384);
			if (!p) {
				free(buf);
				return error__set(GALACTA_ENOMEM, "out of memory");
			}
			buf = p;
			cap = cap ? cap * 2 : 16384;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	if (ferror(f))
		rc = error__set(GALACTA_EIO, "%s: cannot read", ctx->file);
	else if ((bad = utf8_invalid_at(buf, len)) < len) {
		for (i = 0; i < bad; i++)
			line += buf[i] == '\n';
		rc = error__set(GALACTA_EKB, "%s:%d: not valid UTF-8 (byte 0x%02x)", ctx->file, line, buf[bad]);
	}
	free(buf);
	return rc;
}

int kby__load(kb_ctx *ctx, const char *path, struct fy_document **out)
{
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag;
	struct fy_parse_cfg cfg;
	struct fy_document *doc;
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f)
		return error__set(GALACTA_EIO, "%s: cannot open: %s", ctx->file, strerror(errno));
	rc = check_utf8(ctx, f);
	fclose(f);
	if (rc)
		return rc;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		return error__set(GALACTA_ENOMEM, "out of memory");
	fy_diag_set_collect_errors(diag, true);
	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE;
	cfg.diag = diag;
	doc = fy_document_build_from_file(&cfg, path);
	if (!doc || !fy_document_root(doc)) {
		void *it = NULL;
		struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);

		/* libfyaml's collected errors count lines from 1 already. */
		if (e)
			rc = error__set(GALACTA_EKB, "%s:%d: YAML syntax error: %s",
				ctx->file, e->line, e->msg);
		else
			rc = error__set(GALACTA_EKB, "%s: empty or unreadable YAML", ctx->file);
		fy_document_destroy(doc);
		/* libfyaml 0.7.12 does not free collected errors when the diag
		 * is destroyed; turning collection off frees them. */
		fy_diag_set_collect_errors(diag, false);
		fy_diag_unref(diag);
		return rc;
	}
	fy_diag_set_collect_errors(diag, false);
	fy_diag_unref(diag);
	*out = doc;
	return 0;
}

int kby__expect(kb_ctx *ctx, struct fy_node *n, enum fy_node_type t, const char *what)
{
	static const char *const names[] = {"a scalar", "a list", "a mapping"};

	if (n && fy_node_get_type(n) == t)
		return 0;
	return kby__fail(ctx, n, "%s must be %s", what, names[t]);
}

int kby__keys(kb_ctx *ctx, struct fy_node *map, const char *what, const char *const *allowed)
{
	void *it = NULL;
	struct fy_node_pair *p;

	while ((p = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		size_t len;
		const char *s = fy_node_is_scalar(k) ? fy_node_get_scalar(k, &len) : NULL;
		const char *const *a;
		bool ok = false;

		if (!s)
			return kby__fail(ctx, k, "%s: keys must be plain words", what);
		for (a = allowed; *a; a++)
			if (strlen(*a) == len && memcmp(*a, s, len) == 0)
				ok = true;
		if (!ok) {
			char list[400] = "";
			for (a = allowed; *a; a++) {
				strncat(list, *a, sizeof(list) - strlen(list) - 1);
				if (a[1])
					strncat(list, ", ", sizeof(list) - strlen(list) - 1);
			}
			return kby__fail(ctx, k, "%s: unknown key '%.*s' (allowed: %s)", what,
				(int)len, s, list);
		}
	}
	return 0;
}

int kby__scalar(kb_ctx *ctx, struct fy_node *n, const char *what, const char **out)
{
	size_t len;
	const char *s;

	if (kby__expect(ctx, n, FYNT_SCALAR, what))
		return GALACTA_EKB;
	s = fy_node_get_scalar(n, &len);
	*out = arena__strndup(&ctx->kb->mem, s ? s : "", s ? len : 0);
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}

int kby__str(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, const char **out)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(map, key, FY_NT);
	int rc;

	if (!n) {
		if (required)
			return kby__fail(ctx, map, "missing required key '%s'", key);
		return 0;
	}
	if ((rc = kby__scalar(ctx, n, key, out)))
		return rc;
	if (required && !**out)
		return kby__fail(ctx, n, "'%s' must not be empty", key);
	return 0;
}

int kby__num_node(kb_ctx *ctx, struct fy_node *n, const char *what, double *out)
{
	size_t len;
	const char *s;
	char buf[64], *end;
	double v;

	if (kby__expect(ctx, n, FYNT_SCALAR, what))
		return GALACTA_EKB;
	s = fy_node_get_scalar(n, &len);
	if (!s || len == 0 || len >= sizeof(buf))
		return kby__fail(ctx, n, "'%s' must be a number", what);
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (*end || errno || !isfinite(v))
		return kby__fail(ctx, n, "'%s' must be a number, not '%s'", what, buf);
	*out = v;
	return 0;
}

int kby__num(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, double *out, bool *present)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(map, key, FY_NT);

	if (present)
		*present = false;
	if (!n) {
		if (required)
			return kby__fail(ctx, map, "missing required key '%s'", key);
		return 0;
	}
	if (kby__num_node(ctx, n, key, out))
		return GALACTA_EKB;
	if (present)
		*present = true;
	return 0;
}

int kby__bool(kb_ctx *ctx, struct fy_node *map, const char *key, bool *out)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(map, key, FY_NT);
	size_t len;
	const char *s;

	if (!n)
		return 0;
	if (kby__expect(ctx, n, FYNT_SCALAR, key))
		return GALACTA_EKB;
	s = fy_node_get_scalar(n, &len);
	if (len == 4 && !memcmp(s, "true", 4))
		*out = true;
	else if (len == 5 && !memcmp(s, "false", 5))
		*out = false;
	else
		return kby__fail(ctx, n, "'%s' must be true or false", key);
	return 0;
}

int kby__text(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, kb_text *out, bool *present)
{
	return kby__text_ex(ctx, map, key, required, out, present, false);
}

int kby__text_ex(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, kb_text *out,
	bool *present, bool allow_empty)
{
	static const char *const langs[LANG_COUNT] = {"en", "zh-Hans"};
	static const char *const allowed[] = {"en", "zh-Hans", NULL};
	struct fy_node *n = fy_node_mapping_lookup_by_string(map, key, FY_NT);
	int i, rc;

	if (present)
		*present = false;
	if (!n) {
		if (required)
			return kby__fail(ctx, map, "missing required text '%s' (needs en and zh-Hans)", key);
		return 0;
	}
	if (kby__expect(ctx, n, FYNT_MAPPING, key))
		return GALACTA_EKB;
	if ((rc = kby__keys(ctx, n, key, allowed)))
		return rc;
	for (i = 0; i < LANG_COUNT; i++) {
		struct fy_node *t = fy_node_mapping_lookup_by_string(n, langs[i], FY_NT);
		if (!t)
			return kby__fail(ctx, n, "text '%s' has no %s translation", key, langs[i]);
		if ((rc = kby__scalar(ctx, t, langs[i], &out->t[i])))
			return rc;
		if (!*out->t[i] && !allow_empty)
			return kby__fail(ctx, t, "text '%s' has an empty %s translation", key, langs[i]);
	}
	if (present)
		*present = true;
	return 0;
}

static int resolve_ref(kb_ctx *ctx, struct fy_node *n, int *out)
{
	const char *id;
	int rc;

	if ((rc = kby__scalar(ctx, n, "source id", &id)))
		return rc;
	*out = kb__source_index(ctx->kb, id);
	if (*out < 0)
		return kby__fail(ctx, n, "unknown source id '%s' (not in kb/sources/)", id);
	return 0;
}

int kby__refs(kb_ctx *ctx, struct fy_node *map, bool required, kb_refs *out)
{
	struct fy_node *one = fy_node_mapping_lookup_by_string(map, "source", FY_NT);
	struct fy_node *many = fy_node_mapping_lookup_by_string(map, "sources", FY_NT);
	int rc, count;
	size_t i = 0;
	void *it = NULL;
	struct fy_node *item;

	out->n = 0;
	out->idx = NULL;
	if (one && many)
		return kby__fail(ctx, one, "give either 'source' or 'sources', not both");
	if (one) {
		out->idx = arena__alloc(&ctx->kb->mem, sizeof(int));
		if (!out->idx)
			return error__set(GALACTA_ENOMEM, "out of memory");
		out->n = 1;
		return resolve_ref(ctx, one, &out->idx[0]);
	}
	if (!many) {
		if (required)
			return kby__fail(ctx, map, "missing 'sources' (every statement needs a source)");
		return 0;
	}
	if (kby__expect(ctx, many, FYNT_SEQUENCE, "sources"))
		return GALACTA_EKB;
	count = fy_node_sequence_item_count(many);
	if (count <= 0) {
		if (required)
			return kby__fail(ctx, many, "'sources' is empty (every statement needs a source)");
		return 0;
	}
	out->idx = arena__calloc(&ctx->kb->mem, (size_t)count, sizeof(int));
	if (!out->idx)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(many, &it)))
		if ((rc = resolve_ref(ctx, item, &out->idx[i++])))
			return rc;
	out->n = i;
	return 0;
}

const char *const kb__evidence_names[EVIDENCE_COUNT] = {
	"guideline", "systematic_review", "rct", "cohort", "case_series",
	"reference_data", "expert_opinion", "traditional_use", "expert_estimate"};

int kby__enum_index(const char *s, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}

int kby__evidence(kb_ctx *ctx, struct fy_node *map, const char *key, kb_evidence *out)
{
	const char *s = NULL;
	int rc, i;

	if ((rc = kby__str(ctx, map, key, true, &s)))
		return rc;
	i = kby__enum_index(s, kb__evidence_names, EVIDENCE_COUNT);
	if (i < 0)
		return kby__fail(ctx, fy_node_mapping_lookup_by_string(map, key, FY_NT),
			"unknown evidence level '%s' (see docs/kb-format.md)", s);
	*out = (kb_evidence)i;
	return 0;
}

int kby__str_list(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, const char ***out, size_t *n)
{
	struct fy_node *seq = fy_node_mapping_lookup_by_string(map, key, FY_NT);
	struct fy_node *item;
	void *it = NULL;
	int count, rc;

	*n = 0;
	if (!seq) {
		if (required)
			return kby__fail(ctx, map, "missing required list '%s'", key);
		return 0;
	}
	if (kby__expect(ctx, seq, FYNT_SEQUENCE, key))
		return GALACTA_EKB;
	count = fy_node_sequence_item_count(seq);
	if (count <= 0) {
		if (required)
			return kby__fail(ctx, seq, "'%s' must not be empty", key);
		return 0;
	}
	*out = arena__calloc(&ctx->kb->mem, (size_t)count, sizeof(char *));
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it)))
		if ((rc = kby__scalar(ctx, item, key, &(*out)[(*n)++])))
			return rc;
	return 0;
}

bool kby__is_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

bool kby__is_null(struct fy_node *n)
{
	size_t len;
	const char *s;

	if (!n || !fy_node_is_scalar(n))
		return false;
	s = fy_node_get_scalar(n, &len);
	return !s || len == 0 || (len == 4 && !memcmp(s, "null", 4)) || (len == 1 && *s == '~');
}
