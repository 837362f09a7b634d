/*
 * kb_load.c — galacta_kb_load(): reads kb/ in dependency order (sources,
 * fields, findings, norms, causes, rules, medications, advice, seed),
 * validating as it goes (growth.yaml after norms: kb_growth.c), then
 * builds the look-up tables (kb_index.c); plus names of enums.
 */
#include "kb_load.h"

#include "cond.h"
#include "kb_builtin.h"
#include "error.h"
#include "json_piece.h"
#include "observe.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --- file helpers ------------------------------------------------------ */

int kbl__open(kb_ctx *ctx, const char *rel, struct fy_document **doc, struct fy_node **root,
	enum fy_node_type type)
{
	char path[4096];
	int rc;

	snprintf(path, sizeof(path), "%s/%s", ctx->kb->dir, rel);
	ctx->file = arena__strdup(&ctx->kb->mem, rel);
	if (!ctx->file)
		return error__set(GALACTA_ENOMEM, "out of memory");
	if ((rc = kby__load(ctx, path, doc)))
		return rc;
	*root = fy_document_root(*doc);
	if (kby__expect(ctx, *root, type, "the file's top level")) {
		fy_document_destroy(*doc);
		*doc = NULL;
		return GALACTA_EKB;
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int kbl__list_dir(struct galacta_kb *kb, const char *rel, char ***names, size_t *n)
{
	char path[4096];
	DIR *d;
	struct dirent *e;
	size_t cap = 0;

	snprintf(path, sizeof(path), "%s/%s", kb->dir, rel);
	*n = 0;
	*names = NULL;
	d = opendir(path);
	if (!d)
		return error__set(GALACTA_EIO, "%s: cannot open directory", rel);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			char **p = arena__calloc(&kb->mem, ncap, sizeof(char *));
			if (!p) {
				closedir(d);
				return error__set(GALACTA_ENOMEM, "out of memory");
			}
			if (*n)
				memcpy(p, *names, *n * sizeof(char *));
			*names = p;
			cap = ncap;
		}
		(*names)[(*n)++] = arena__strdup(&kb->mem, e->d_name);
		if (!(*names)[*n - 1]) {
			closedir(d);
			return error__set(GALACTA_ENOMEM, "out of memory");
		}
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(char *), cmp_str);
	return 0;
}

/* --- sources ----------------------------------------------------------- */

static int load_sources_file(kb_ctx *ctx, const char *rel, size_t *cap)
{
	static const char *const keys[] = {"id", "citation", "url", "evidence_level", "note", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root, *item;
	void *it = NULL;
	int rc;

	if ((rc = kbl__open(ctx, rel, &doc, &root, FYNT_SEQUENCE)))
		return rc;
	while ((item = fy_node_sequence_iterate(root, &it))) {
		kb_source *s;
		if (*cap == kb->n_sources) {
			size_t ncap = *cap ? *cap * 2 : 128;
			kb_source *p = arena__calloc(&kb->mem, ncap, sizeof(*p));
			if (!p) {
				rc = error__set(GALACTA_ENOMEM, "out of memory");
				break;
			}
			if (kb->n_sources)
				memcpy(p, kb->sources, kb->n_sources * sizeof(*p));
			kb->sources = p;
			*cap = ncap;
		}
		s = &kb->sources[kb->n_sources];
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a source")) ||
		    (rc = kby__keys(ctx, item, "source", keys)) ||
		    (rc = kby__str(ctx, item, "id", true, &s->id)) ||
		    (rc = kby__str(ctx, item, "citation", true, &s->citation)) ||
		    (rc = kby__str(ctx, item, "url", false, &s->url)) ||
		    (rc = kby__str(ctx, item, "note", false, &s->note)) ||
		    (rc = kby__evidence(ctx, item, "evidence_level", &s->level)))
			break;
		if (!kby__is_id(s->id)) {
			rc = kby__fail(ctx, item, "source id '%s' must be lowercase letters, digits and _", s->id);
			break;
		}
		if (kb__source_index(kb, s->id) >= 0) {
			rc = kby__fail(ctx, item, "duplicate source id '%s'", s->id);
			break;
		}
		kb->n_sources++;
	}
	fy_document_destroy(doc);
	return rc;
}

static int load_sources(kb_ctx *ctx)
{
	char **names, rel[512];
	size_t n, i, cap = 0;
	int rc;

	if ((rc = kbl__list_dir(ctx->kb, "sources", &names, &n)))
		return rc;
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "sources/%s", names[i]);
		if ((rc = load_sources_file(ctx, rel, &cap)))
			return rc;
	}
	ctx->kb->source_expert_estimate = kb__source_index(ctx->kb, "expert_estimate");
	if (ctx->kb->source_expert_estimate < 0)
		return error__set(GALACTA_EKB, "sources/: the source 'expert_estimate' must exist");
	return 0;
}

/* --- fields and variables ---------------------------------------------- */

static const char *const field_type_names[] = {"number", "integer", "enum", "string_list",
	"weights", "history", "object"};

static int load_fields(kb_ctx *ctx)
{
	static const char *const keys[] = {"path", "type", "unit", "min", "max", "choices",
		"label", "question", "group", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root, *item;
	void *it = NULL;
	size_t count, nv = 0, i;
	int rc;

	if ((rc = kbl__open(ctx, "fields.yaml", &doc, &root, FYNT_SEQUENCE)))
		return rc;
	count = (size_t)fy_node_sequence_item_count(root);
	kb->fields = arena__calloc(&kb->mem, count, sizeof(*kb->fields));
	kb->vars = arena__calloc(&kb->mem, count + OBS_COUNT, sizeof(*kb->vars));
	if (!kb->fields || !kb->vars) {
		fy_document_destroy(doc);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	while ((item = fy_node_sequence_iterate(root, &it))) {
		kb_field *f = &kb->fields[kb->n_fields];
		const char *type = NULL, *dot;
		bool has_min, has_max;
		int t;

		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a field")) ||
		    (rc = kby__keys(ctx, item, "field", keys)) ||
		    (rc = kby__str(ctx, item, "path", true, &f->path)) ||
		    (rc = kby__str(ctx, item, "type", true, &type)) ||
		    (rc = kby__str(ctx, item, "unit", false, &f->unit)) ||
		    (rc = kby__str(ctx, item, "group", false, &f->group)) ||
		    (rc = kby__num(ctx, item, "min", false, &f->min, &has_min)) ||
		    (rc = kby__num(ctx, item, "max", false, &f->max, &has_max)) ||
		    (rc = kby__text(ctx, item, "label", true, &f->label, NULL)) ||
		    (rc = kby__text(ctx, item, "question", false, &f->question, &f->has_question)) ||
		    (rc = kby__str_list(ctx, item, "choices", false, &f->choices, &f->n_choices)))
			break;
		t = kby__enum_index(type, field_type_names, sizeof(field_type_names) / sizeof(*field_type_names));
		if (t < 0) {
			rc = kby__fail(ctx, item, "unknown field type '%s'", type);
			break;
		}
		f->type = (kb_field_type)t;
		f->has_range = has_min && has_max;
		if ((has_min != has_max) || (f->has_range && f->min > f->max)) {
			rc = kby__fail(ctx, item, "%s: give both min and max, min ≤ max", f->path);
			break;
		}
		if ((f->type == FIELD_NUMBER || f->type == FIELD_INTEGER || f->type == FIELD_WEIGHTS ||
		     f->type == FIELD_HISTORY) && !f->has_range) {
			rc = kby__fail(ctx, item, "%s: numeric fields need min and max", f->path);
			break;
		}
		if ((f->type == FIELD_ENUM) != (f->n_choices > 0) || f->n_choices > 31) {
			rc = kby__fail(ctx, item, "%s: enum fields (and only they) need 1–31 choices", f->path);
			break;
		}
		/* case.c and observe.c read the sex as a choice name. */
		if (!strcmp(f->path, "infant.sex") &&
		    (f->type != FIELD_ENUM || f->n_choices != 2 || strcmp(f->choices[0], "female") ||
		     strcmp(f->choices[1], "male"))) {
			rc = kby__fail(ctx, item, "infant.sex must be an enum with choices [female, male]");
			break;
		}
		if (kb__field_index(kb, f->path) >= 0) {
			rc = kby__fail(ctx, item, "duplicate field '%s'", f->path);
			break;
		}
		dot = strrchr(f->path, '.');
		if (dot) {
			char parent[256];
			int p;
			snprintf(parent, sizeof(parent), "%.*s", (int)(dot - f->path), f->path);
			p = kb__field_index(kb, parent);
			if (p < 0 || kb->fields[p].type != FIELD_OBJECT) {
				rc = kby__fail(ctx, item, "%s: its parent '%s' must be an object field listed before it", f->path, parent);
				break;
			}
		} else if (f->type != FIELD_OBJECT) {
			rc = kby__fail(ctx, item, "%s: top-level fields must be objects", f->path);
			break;
		}
		f->var = -1;
		if (f->type == FIELD_NUMBER || f->type == FIELD_INTEGER || f->type == FIELD_ENUM) {
			f->var = (int)nv;
			kb->vars[nv].name = f->path;
			kb->vars[nv].field = (int)kb->n_fields;
			nv++;
		}
		kb->n_fields++;
	}
	fy_document_destroy(doc);
	if (rc)
		return rc;
	for (i = 0; i < OBS_COUNT; i++) {
		kb->vars[nv].name = observe__names[i];
		kb->vars[nv].field = -1;
		nv++;
	}
	kb->n_vars = nv;
	return 0;
}

/* --- findings ---------------------------------------------------------- */

static int load_findings(kb_ctx *ctx)
{
	static const char *const keys[] = {"id", "group", "label", "question", "derived", "when",
		"sources", "source", "after_supply", "note", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root, *item;
	void *it = NULL;
	size_t count;
	int rc = 0;

	if ((rc = kbl__open(ctx, "findings.yaml", &doc, &root, FYNT_SEQUENCE)))
		return rc;
	count = (size_t)fy_node_sequence_item_count(root);
	kb->findings = arena__calloc(&kb->mem, count ? count : 1, sizeof(*kb->findings));
	if (!kb->findings) {
		fy_document_destroy(doc);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	/* Pass 1: ids, so that conditions may name any finding. */
	while ((item = fy_node_sequence_iterate(root, &it))) {
		kb_finding *f = &kb->findings[kb->n_findings];
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a finding")) ||
		    (rc = kby__keys(ctx, item, "finding", keys)) ||
		    (rc = kby__str(ctx, item, "id", true, &f->id)) ||
		    (rc = kby__bool(ctx, item, "derived", &f->derived)))
			goto out;
		if (!kby__is_id(f->id)) {
			rc = kby__fail(ctx, item, "finding id '%s' must be lowercase letters, digits and _", f->id);
			goto out;
		}
		if (kb__finding_index(kb, f->id) >= 0) {
			rc = kby__fail(ctx, item, "duplicate finding id '%s'", f->id);
			goto out;
		}
		f->line = kby__line(item);
		kb->n_findings++;
	}
	/* Pass 2: texts, conditions, sources. */
	it = NULL;
	count = 0;
	while ((item = fy_node_sequence_iterate(root, &it))) {
		kb_finding *f = &kb->findings[count];
		struct fy_node *when = fy_node_mapping_lookup_by_string(item, "when", FY_NT);

		if ((rc = kby__str(ctx, item, "group", true, &f->group)) ||
		    (rc = kby__text(ctx, item, "label", true, &f->label, NULL)) ||
		    (rc = kby__text(ctx, item, "question", false, &f->question, &f->has_question)) ||
		    (rc = kby__bool(ctx, item, "after_supply", &f->after_supply)) ||
		    (rc = kby__refs(ctx, item, f->derived, &f->sources)))
			goto out;
		if (f->derived) {
			if (!when) {
				rc = kby__fail(ctx, item, "derived finding '%s' needs 'when'", f->id);
				goto out;
			}
			if ((rc = cond__parse(ctx, when, f->after_supply ? COND_ALLOW_SUPPLY : 0, (int)count, &f->when)))
				goto out;
		} else {
			if (when) {
				rc = kby__fail(ctx, when, "'when' is only for derived findings ('%s')", f->id);
				goto out;
			}
			if (!f->has_question) {
				rc = kby__fail(ctx, item, "finding '%s' needs a question", f->id);
				goto out;
			}
		}
		count++;
	}
out:
	fy_document_destroy(doc);
	return rc;
}

/* --- norms ------------------------------------------------------------- */

static int load_norms(kb_ctx *ctx)
{
	static const char *const top_keys[] = {"diapers", NULL};
	static const char *const d_keys[] = {"sources", "source", "rows", "note", NULL};
	static const char *const r_keys[] = {"from_day", "to_day", "wet_min", "stools_min", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root, *d, *rows, *item;
	void *it = NULL;
	int rc, count, prev_to = 0;

	if ((rc = kbl__open(ctx, "norms.yaml", &doc, &root, FYNT_MAPPING)))
		return rc;
	if ((rc = kby__keys(ctx, root, "norms", top_keys)))
		goto out;
	d = fy_node_mapping_lookup_by_string(root, "diapers", FY_NT);
	if (!d) {
		rc = kby__fail(ctx, root, "missing 'diapers'");
		goto out;
	}
	if ((rc = kby__expect(ctx, d, FYNT_MAPPING, "diapers")) ||
	    (rc = kby__keys(ctx, d, "diapers", d_keys)) ||
	    (rc = kby__refs(ctx, d, true, &kb->diaper_sources)))
		goto out;
	rows = fy_node_mapping_lookup_by_string(d, "rows", FY_NT);
	if ((rc = kby__expect(ctx, rows, FYNT_SEQUENCE, "diapers.rows")))
		goto out;
	count = fy_node_sequence_item_count(rows);
	kb->diaper_norms = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*kb->diaper_norms));
	if (!kb->diaper_norms) {
		rc = error__set(GALACTA_ENOMEM, "out of memory");
		goto out;
	}
	while ((item = fy_node_sequence_iterate(rows, &it))) {
		kb_diaper_norm *r = &kb->diaper_norms[kb->n_diaper_norms];
		double from, to;
		struct fy_node *sn;
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a diaper row")) ||
		    (rc = kby__keys(ctx, item, "diaper row", r_keys)) ||
		    (rc = kby__num(ctx, item, "from_day", true, &from, NULL)) ||
		    (rc = kby__num(ctx, item, "to_day", true, &to, NULL)) ||
		    (rc = kby__num(ctx, item, "wet_min", true, &r->wet_min, NULL)))
			goto out;
		r->stools_min = -1;
		sn = fy_node_mapping_lookup_by_string(item, "stools_min", FY_NT);
		if (sn && !kby__is_null(sn) && (rc = kby__num_node(ctx, sn, "stools_min", &r->stools_min)))
			goto out;
		/* Bounded before the casts: converting a double beyond int's
		 * range is undefined behaviour (found by fuzz/fuzz_kb.c). */
		if (from < 1 || to < from || to >= (double)INT_MAX || from != (double)(int)from ||
		    to != (double)(int)to || (int)from != prev_to + 1) {
			rc = kby__fail(ctx, item, "diaper rows must be whole days from 1, contiguous and increasing");
			goto out;
		}
		r->from_day = (int)from;
		r->to_day = (int)to;
		prev_to = r->to_day;
		kb->n_diaper_norms++;
	}
out:
	fy_document_destroy(doc);
	return rc;
}

/* --- entry point ------------------------------------------------------- */

static bool is_dir(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *default_dir(void)
{
	const char *env = getenv("GALACTA_KB_DIR");
	if (env && *env)
		return env;
	if (is_dir(GALACTA_KB_DEFAULT_DIR))
		return GALACTA_KB_DEFAULT_DIR;
	return GALACTA_KB_INSTALL_DIR;
}

int galacta_kb_load(const char *dir, galacta_kb **out)
{
	struct galacta_kb *kb;
	kb_ctx ctx;
	int rc;

	error__clear();
	if (!out)
		return error__set(GALACTA_EINVALID, "galacta_kb_load: out is NULL");
	*out = NULL;
	if (!dir && !(getenv("GALACTA_KB_DIR") && *getenv("GALACTA_KB_DIR")) && kb__builtin()) {
		*out = (galacta_kb *)kb__builtin();
		return 0;
	}
	if (!dir)
		dir = default_dir();
	if (!is_dir(dir))
		return error__set(GALACTA_EIO, "%s: knowledge-base directory not found (set GALACTA_KB_DIR)", dir);
	kb = calloc(1, sizeof(*kb));
	if (!kb)
		return error__set(GALACTA_ENOMEM, "out of memory");
	kb->dir = arena__strdup(&kb->mem, dir);
	ctx.kb = kb;
	ctx.file = "";
	if (!kb->dir)
		rc = error__set(GALACTA_ENOMEM, "out of memory");
	else if (!(rc = load_sources(&ctx)) && !(rc = load_fields(&ctx)) &&
		 !(rc = load_findings(&ctx)) && !(rc = load_norms(&ctx)) &&
		 !(rc = kbl__load_growth(&ctx)) &&
		 !(rc = kbl__load_causes(&ctx)) && !(rc = kbl__load_rules(&ctx)) &&
		 !(rc = kbl__load_medications(&ctx)) && !(rc = kbl__load_advice(&ctx)))
		if (!(rc = kbl__load_seed(&ctx)) && !(rc = kbl__load_ui(&ctx)) && !(rc = kbl__load_interview(&ctx)))
			rc = kb__index_build(kb);
	if (rc) {
		galacta_kb_free(kb);
		return rc;
	}
	*out = kb;
	return 0;
}

void galacta_kb_free(galacta_kb *kb)
{
	if (!kb || kb->builtin)
		return;
	jp__free(kb);
	arena__free(&kb->mem);
	free(kb);
}

size_t galacta_kb_cause_count(const galacta_kb *kb)
{
	return kb ? kb->n_causes : 0;
}

const char *galacta_kb_cause_id(const galacta_kb *kb, size_t i)
{
	return kb && i < kb->n_causes ? kb->causes[i].id : NULL;
}

size_t galacta_kb_finding_count(const galacta_kb *kb)
{
	return kb ? kb->n_findings : 0;
}

const char *galacta_kb_finding_id(const galacta_kb *kb, size_t i)
{
	return kb && i < kb->n_findings ? kb->findings[i].id : NULL;
}

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
	for (; n && *a && lower_ascii(*a) == lower_ascii(*b); a++, b++, n--)
		;
	return n ? lower_ascii((unsigned char)*a) - lower_ascii((unsigned char)*b) : 0;
}

static int strcasecmp_ascii(const char *a, const char *b)
{
	return strncasecmp_ascii(a, b, (size_t)-1);
}

int galacta_lang_parse(const char *s, galacta_lang *out)
{
	if (!s || !out)
		return error__set(GALACTA_EINVALID, "language: NULL");
	/* Language tags are case-insensitive (BCP 47). */
	if (!strcasecmp_ascii(s, "en") || !strncasecmp_ascii(s, "en-", 3) || !strncasecmp_ascii(s, "en_", 3)) {
		*out = GALACTA_LANG_EN;
		return 0;
	}
	if (!strcasecmp_ascii(s, "zh-Hans") || !strcasecmp_ascii(s, "zh") || !strcasecmp_ascii(s, "zh-CN") ||
	    !strcasecmp_ascii(s, "zh_CN") || !strcasecmp_ascii(s, "zh-SG") || !strncasecmp_ascii(s, "zh-Hans-", 8)) {
		*out = GALACTA_LANG_ZH_HANS;
		return 0;
	}
	return error__set(GALACTA_EINVALID, "language '%s' is not supported (allowed: en, zh-Hans)", s);
}

const char *galacta_lang_name(galacta_lang lang)
{
	return lang == GALACTA_LANG_ZH_HANS ? "zh-Hans" : "en";
}

const char *galacta_triage_name(galacta_triage_level level)
{
	static const char *const n[] = {"self_care", "consult", "urgent", "emergency"};
	return (unsigned)level < GALACTA_TRIAGE_COUNT ? n[level] : NULL;
}

const char *galacta_supply_name(galacta_supply_status status)
{
	static const char *const n[] = {"uncertain", "adequate", "insufficient"};
	return (unsigned)status < GALACTA_SUPPLY_COUNT ? n[status] : NULL;
}
