/*
 * kb_index.c — finding a KB entry by its name: sources, fields, variables,
 * findings and causes, through hash tables built once the KB is loaded
 * (and emitted as data for the compiled-in KB by tools/gen_kb_builtin.c).
 *
 * A case names some 40 fields and findings, and its checks and
 * observations look up some 20 variables by name: a linear strcmp() over
 * tables of 50-180 names was a sixth of parsing a case. While the KB is
 * being loaded (no tables yet) the look-ups scan, as before.
 */
#include "kb_internal.h"

#include "error.h"

#include <stdint.h>
#include <string.h>

/* The name of entry i of a KB table. */
typedef const char *(*name_at)(const struct galacta_kb *kb, size_t i);

static const char *source_name(const struct galacta_kb *kb, size_t i)
{
	return kb->sources[i].id;
}

static const char *field_name(const struct galacta_kb *kb, size_t i)
{
	return kb->fields[i].path;
}

static const char *var_name(const struct galacta_kb *kb, size_t i)
{
	return kb->vars[i].name;
}

static const char *finding_name(const struct galacta_kb *kb, size_t i)
{
	return kb->findings[i].id;
}

static const char *cause_name(const struct galacta_kb *kb, size_t i)
{
	return kb->causes[i].id;
}

/* FNV-1a: short ASCII names that share long prefixes ("infant.", "mother.")
 * spread well enough for tables at most half full. */
static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The first entry named name, or -1. */
static int find(const struct galacta_kb *kb, const kb_name_index *ix, size_t n, name_at at, const char *name)
{
	size_t i;

	if (!ix->slot) {
		for (i = 0; i < n; i++)
			if (!strcmp(at(kb, i), name))
				return (int)i;
		return -1;
	}
	for (i = hash(name) & ix->mask;; i = (i + 1) & ix->mask) {
		int e = ix->slot[i];
		if (e < 0 || !strcmp(at(kb, (size_t)e), name))
			return e;
	}
}

int kb__source_index(const struct galacta_kb *kb, const char *id)
{
	return find(kb, &kb->source_index, kb->n_sources, source_name, id);
}

int kb__field_index(const struct galacta_kb *kb, const char *path)
{
	return find(kb, &kb->field_index, kb->n_fields, field_name, path);
}

int kb__var_index(const struct galacta_kb *kb, const char *name)
{
	return find(kb, &kb->var_index, kb->n_vars, var_name, name);
}

int kb__finding_index(const struct galacta_kb *kb, const char *id)
{
	return find(kb, &kb->finding_index, kb->n_findings, finding_name, id);
}

int kb__cause_index(const struct galacta_kb *kb, const char *id)
{
	return find(kb, &kb->cause_index, kb->n_causes, cause_name, id);
}

/* A table for n names in the KB's arena: twice as many slots as names or
 * more (a power of two), each entry in the first free slot from its hash;
 * a name met again keeps its first entry, as the scan would. */
static int build(struct galacta_kb *kb, kb_name_index *ix, size_t n, name_at at)
{
	size_t size = 8, i, k;
	int *slot;

	while (size < 2 * n)
		size *= 2;
	slot = arena__calloc(&kb->mem, size, sizeof(int));
	if (!slot)
		return error__set(GALACTA_ENOMEM, "out of memory");
	memset(slot, 0xff, size * sizeof(int)); /* -1: empty */
	for (i = 0; i < n; i++) {
		const char *name = at(kb, i);
		for (k = hash(name) & (size - 1); slot[k] >= 0; k = (k + 1) & (size - 1))
			if (!strcmp(at(kb, (size_t)slot[k]), name))
				break;
		if (slot[k] < 0)
			slot[k] = (int)i;
	}
	ix->slot = slot;
	ix->mask = size - 1;
	return 0;
}

int kb__index_build(struct galacta_kb *kb)
{
	int rc;

	if ((rc = build(kb, &kb->source_index, kb->n_sources, source_name)) ||
	    (rc = build(kb, &kb->field_index, kb->n_fields, field_name)) ||
	    (rc = build(kb, &kb->var_index, kb->n_vars, var_name)) ||
	    (rc = build(kb, &kb->finding_index, kb->n_findings, finding_name)) ||
	    (rc = build(kb, &kb->cause_index, kb->n_causes, cause_name)))
		return rc;
	return 0;
}
