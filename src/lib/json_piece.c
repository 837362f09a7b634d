/*
 * json_piece.c — the cache of constant JSON parts (json_piece.h): one
 * table of slots per KB, made at first use, each slot filled at its first
 * use by rendering the part alone into a compact scratch document.
 *
 * The table and the pieces are published with compare-and-swap, so the
 * server's threads share one KB without a lock: a thread that finds a slot
 * empty renders the piece and tries to store it; if another thread stored
 * one first, it frees its own (they are equal) and uses the stored one.
 */
#include "json_piece.h"

#include "galacta/assess.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct jp_piece {
	const char *text; /* a value, or members ("k":v,…; empty: none) */
	size_t len;
	const int *cites; /* the sources the piece cites (indexes into kb->sources) */
	size_t n_cites;
} jp_piece;

struct jp_table {
	size_t max_links;                 /* most links of one cause (JP_CONTRIB* index) */
	size_t base[JP_KIND_COUNT + 1];   /* each kind's first slot; base[JP_KIND_COUNT]: slots per language */
	_Atomic(jp_piece *) *slots;       /* [lang * base[JP_KIND_COUNT] + base[kind] + index] */
};

/* Slots of each kind in one language. */
static size_t kind_count(const struct galacta_kb *kb, size_t max_links, jp_kind kind)
{
	switch (kind) {
	case JP_SOURCE: return kb->n_sources;
	case JP_SUPPLY_HEAD: return GALACTA_SUPPLY_COUNT;
	case JP_TRIAGE_HEAD: return GALACTA_TRIAGE_COUNT;
	case JP_SUPPLY_RULE: return kb->n_supply_rules;
	case JP_TRIAGE_RULE: return kb->n_triage_rules;
	case JP_CAUSE_HEAD:
	case JP_CAUSE_DETAIL: return kb->n_causes;
	case JP_CAUSE_MID: return kb->n_causes * 2;
	case JP_CONTRIB:
	case JP_CONTRIB_HEAD: return kb->n_causes * max_links * 2;
	case JP_MEDICATION: return kb->n_meds;
	case JP_DERIVED: return kb->n_findings;
	case JP_GENERAL_ADVICE:
	case JP_ASSESSMENT_END: return 1;
	case JP_KIND_COUNT: break;
	}
	return 0;
}

/* The KB's table, made if it has none yet; NULL when out of memory (the
 * parts are then rendered live). The KB is otherwise immutable: the table
 * is the one thing a renderer adds to it, through an atomic pointer. */
static struct jp_table *table(const struct galacta_kb *kb)
{
	_Atomic(struct jp_table *) *slot = &((struct galacta_kb *)kb)->json_pieces;
	struct jp_table *t = atomic_load_explicit(slot, memory_order_acquire), *expected = NULL;
	size_t i, k;

	if (t)
		return t;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	for (i = 0; i < kb->n_causes; i++)
		if (kb->causes[i].n_links > t->max_links)
			t->max_links = kb->causes[i].n_links;
	/* (A KB is small; the checks keep a huge one from wrapping around.) */
	if (kb->n_causes && t->max_links > SIZE_MAX / 2 / LANG_COUNT / kb->n_causes) {
		free(t);
		return NULL;
	}
	for (k = 0; k < JP_KIND_COUNT; k++) {
		size_t n = kind_count(kb, t->max_links, (jp_kind)k);
		if (n > SIZE_MAX / LANG_COUNT - 1 - t->base[k]) {
			free(t);
			return NULL;
		}
		t->base[k + 1] = t->base[k] + n;
	}
	t->slots = calloc(t->base[JP_KIND_COUNT] * LANG_COUNT + 1, sizeof(*t->slots));
	if (!t->slots) {
		free(t);
		return NULL;
	}
	for (i = 0; i < t->base[JP_KIND_COUNT] * LANG_COUNT; i++)
		atomic_init(&t->slots[i], NULL);
	if (!atomic_compare_exchange_strong_explicit(slot, &expected, t, memory_order_acq_rel, memory_order_acquire)) {
		free(t->slots);
		free(t);
		t = expected;
	}
	return t;
}

size_t jp__contrib_index(const json_build *j, size_t cause, size_t link, bool present)
{
	const struct jp_table *t = table(j->kb);

	/* No table: the index is not used (the part is rendered live). */
	return t ? (cause * t->max_links + link) * 2 + (present ? 1 : 0) : 0;
}

/* Renders the part alone, compact, inside a container of its own: "[v]"
 * for a value, "{members}" for members; returns the piece (one
 * allocation), or NULL when out of memory (then the part is rendered
 * live, each time). */
static jp_piece *make(const json_build *j, bool members, jp_render render, const void *arg)
{
	const struct galacta_kb *kb = j->kb;
	json_build s;
	jp_piece *p = NULL;
	char *text, *mem;
	size_t len, n_cites = 0, i;
	unsigned char *cited;

	if (!jb__start(&s, kb, j->lang ? GALACTA_LANG_ZH_HANS : GALACTA_LANG_EN, GALACTA_RENDER_COMPACT))
		return NULL;
	cited = calloc(kb->n_sources ? kb->n_sources : 1, 1);
	s.cited = cited;
	if (!cited)
		s.failed = true;
	members ? jb__object(&s) : jb__array(&s);
	render(&s, arg);
	members ? jb__object_end(&s) : jb__array_end(&s);
	text = jb__finish(&s, &len);
	/* A value piece holds one value; "[]" means render wrote none. */
	if (!text || len < 2 || (!members && len == 2))
		goto out;
	for (i = 0; i < kb->n_sources; i++)
		n_cites += cited[i];
	mem = malloc(sizeof(*p) + n_cites * sizeof(int) + len - 1);
	if (!mem)
		goto out;
	p = (jp_piece *)(void *)mem;
	mem += sizeof(*p);
	p->cites = (const int *)(void *)mem;
	for (i = 0, p->n_cites = 0; i < kb->n_sources; i++)
		if (cited[i])
			((int *)(void *)mem)[p->n_cites++] = (int)i;
	mem += n_cites * sizeof(int);
	/* Without the container's brackets. */
	p->len = len - 2;
	p->text = memcpy(mem, text + 1, p->len);
	mem[p->len] = '\0';
out:
	free(cited);
	free(text);
	return p;
}

/* The piece of (kind, index) in j's language, made if needed; NULL when
 * the document is indented or the piece cannot be made. */
static const jp_piece *get(const json_build *j, jp_kind kind, size_t index, bool members, jp_render render,
	const void *arg)
{
	struct jp_table *t;
	_Atomic(jp_piece *) *slot;
	jp_piece *p, *expected = NULL;

	if (j->indent || j->failed || !(t = table(j->kb)) || index >= t->base[kind + 1] - t->base[kind])
		return NULL;
	slot = &t->slots[(size_t)j->lang * t->base[JP_KIND_COUNT] + t->base[kind] + index];
	p = atomic_load_explicit(slot, memory_order_acquire);
	if (p)
		return p;
	p = make(j, members, render, arg);
	if (p && !atomic_compare_exchange_strong_explicit(slot, &expected, p, memory_order_acq_rel,
			memory_order_acquire)) {
		free(p);
		p = expected;
	}
	return p;
}

static void cite(json_build *j, const jp_piece *p)
{
	size_t i;

	if (j->cited)
		for (i = 0; i < p->n_cites; i++)
			j->cited[p->cites[i]] = 1;
}

void jp__value(json_build *j, jp_kind kind, size_t index, jp_render render, const void *arg)
{
	const jp_piece *p = get(j, kind, index, false, render, arg);

	if (!p) {
		render(j, arg);
		return;
	}
	jb__raw(j, p->text, p->len);
	cite(j, p);
}

void jp__members(json_build *j, jp_kind kind, size_t index, jp_render render, const void *arg)
{
	const jp_piece *p = get(j, kind, index, true, render, arg);

	if (!p) {
		render(j, arg);
		return;
	}
	jb__raw_members(j, p->text, p->len);
	cite(j, p);
}

void jp__free(struct galacta_kb *kb)
{
	struct jp_table *t = atomic_load(&kb->json_pieces);
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->base[JP_KIND_COUNT] * LANG_COUNT; i++)
		free(atomic_load(&t->slots[i]));
	free(t->slots);
	free(t);
	atomic_store(&kb->json_pieces, NULL);
}
