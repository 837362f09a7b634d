/*
 * kb_advice.c — loads kb/advice.yaml (general advice, level and status
 * texts, disclaimer) and kb/seed.yaml (the seed article's claims and where
 * the KB represents each).
 */
#include "kb_load.h"

#include "error.h"
#include "growth_report.h"
#include "report.h"

#include <string.h>

static int load_level_texts(kb_ctx *ctx, struct fy_node *root, const char *key, const char *item_key,
	const char *const *names, int n_names, kb_level_text *out)
{
	static const char *const keys_level[] = {"level", "title", "text", NULL};
	static const char *const keys_status[] = {"status", "title", "text", NULL};
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, key, FY_NT);
	struct fy_node *item;
	void *it = NULL;
	bool seen[8] = {false};
	int rc, i;

	if (!seq || kby__expect(ctx, seq, FYNT_SEQUENCE, key))
		return kby__fail(ctx, seq ? seq : root, "advice.yaml needs a '%s' list", key);
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		const char *name = NULL;
		int k;
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, key)) ||
		    (rc = kby__keys(ctx, item, key, !strcmp(item_key, "level") ? keys_level : keys_status)) ||
		    (rc = kby__str(ctx, item, item_key, true, &name)))
			return rc;
		k = kby__enum_index(name, names, (size_t)n_names);
		if (k < 0 || seen[k])
			return kby__fail(ctx, item, "'%s' is unknown or listed twice in %s", name, key);
		seen[k] = true;
		out[k].level = k;
		if ((rc = kby__text(ctx, item, "title", true, &out[k].title, NULL)) ||
		    (rc = kby__text(ctx, item, "text", true, &out[k].text, NULL)))
			return rc;
	}
	for (i = 0; i < n_names; i++)
		if (!seen[i])
			return kby__fail(ctx, seq, "%s has no entry for '%s'", key, names[i]);
	return 0;
}

int kbl__load_advice(kb_ctx *ctx)
{
	static const char *const keys[] = {"general", "triage_levels", "supply_statuses", "disclaimer",
		"sparse_data", NULL};
	static const char *const levels[] = {"self_care", "consult", "urgent", "emergency"};
	static const char *const statuses[] = {"uncertain", "adequate", "insufficient"};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root;
	int rc;

	if ((rc = kbl__open(ctx, "advice.yaml", &doc, &root, FYNT_MAPPING)))
		return rc;
	if (!(rc = kby__keys(ctx, root, "advice.yaml", keys)) &&
	    !(rc = kbl__load_advice_list(ctx, fy_node_mapping_lookup_by_string(root, "general", FY_NT),
		    &kb->general_advice, &kb->n_general_advice)) &&
	    !(rc = load_level_texts(ctx, root, "triage_levels", "level", levels, GALACTA_TRIAGE_COUNT, kb->triage_texts)) &&
	    !(rc = load_level_texts(ctx, root, "supply_statuses", "status", statuses, GALACTA_SUPPLY_COUNT, kb->supply_texts)) &&
	    !(rc = kby__text(ctx, root, "disclaimer", true, &kb->disclaimer, NULL)))
		rc = kby__text(ctx, root, "sparse_data", true, &kb->sparse_data, NULL);
	if (!rc && kb->n_general_advice == 0)
		rc = kby__fail(ctx, root, "advice.yaml needs general advice");
	fy_document_destroy(doc);
	return rc;
}

/* Does reference "kind:id" name something in the KB? */
static bool ref_exists(const struct galacta_kb *kb, const char *ref)
{
	const char *id = strchr(ref, ':');
	size_t i, j;

	if (!id)
		return false;
	id++;
	if (!strncmp(ref, "cause:", 6))
		return kb__cause_index(kb, id) >= 0;
	if (!strncmp(ref, "finding:", 8))
		return kb__finding_index(kb, id) >= 0;
	if (!strncmp(ref, "advice:", 7)) {
		for (i = 0; i < kb->n_general_advice; i++)
			if (!strcmp(kb->general_advice[i].id, id))
				return true;
		for (i = 0; i < kb->n_causes; i++)
			for (j = 0; j < kb->causes[i].n_advice; j++)
				if (!strcmp(kb->causes[i].advice[j].id, id))
					return true;
		return false;
	}
	if (!strncmp(ref, "treatment:", 10)) {
		for (i = 0; i < kb->n_causes; i++)
			for (j = 0; j < kb->causes[i].n_treatments; j++)
				if (!strcmp(kb->causes[i].treatments[j].id, id))
					return true;
		return false;
	}
	return false;
}

int kbl__load_seed(kb_ctx *ctx)
{
	static const char *const keys[] = {"source", "claims", NULL};
	static const char *const ckeys[] = {"id", "text", "evidence_level", "current_evidence", "sources",
		"source", "represented_by", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root, *claims, *item;
	void *it = NULL;
	int rc, count;

	if ((rc = kbl__open(ctx, "seed.yaml", &doc, &root, FYNT_MAPPING)))
		return rc;
	if ((rc = kby__keys(ctx, root, "seed.yaml", keys)) || (rc = kby__refs(ctx, root, true, &kb->seed_sources)))
		goto out;
	claims = fy_node_mapping_lookup_by_string(root, "claims", FY_NT);
	if (!claims || kby__expect(ctx, claims, FYNT_SEQUENCE, "claims")) {
		rc = kby__fail(ctx, claims ? claims : root, "seed.yaml needs a 'claims' list");
		goto out;
	}
	count = fy_node_sequence_item_count(claims);
	kb->seed_claims = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*kb->seed_claims));
	if (!kb->seed_claims) {
		rc = error__set(GALACTA_ENOMEM, "out of memory");
		goto out;
	}
	while ((item = fy_node_sequence_iterate(claims, &it))) {
		kb_seed_claim *c = &kb->seed_claims[kb->n_seed_claims];
		size_t i;
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a claim")) ||
		    (rc = kby__keys(ctx, item, "claim", ckeys)) ||
		    (rc = kby__str(ctx, item, "id", true, &c->id)) ||
		    (rc = kby__text(ctx, item, "text", true, &c->text, NULL)) ||
		    (rc = kby__text(ctx, item, "current_evidence", false, &c->current_evidence, &c->has_current_evidence)) ||
		    (rc = kby__evidence(ctx, item, "evidence_level", &c->level)) ||
		    (rc = kby__refs(ctx, item, true, &c->sources)) ||
		    (rc = kby__str_list(ctx, item, "represented_by", true, &c->represented_by, &c->n_represented_by)))
			goto out;
		for (i = 0; i < c->n_represented_by; i++)
			if (!ref_exists(kb, c->represented_by[i])) {
				rc = kby__fail(ctx, item, "claim '%s': '%s' does not name a KB cause, finding, advice or treatment",
					c->id, c->represented_by[i]);
				goto out;
			}
		kb->n_seed_claims++;
	}
out:
	fy_document_destroy(doc);
	return rc;
}

const char *kb__ui(const struct galacta_kb *kb, const char *id, int lang)
{
	size_t i;
	for (i = 0; i < kb->n_ui; i++)
		if (!strcmp(kb->ui[i].id, id))
			return kb->ui[i].text.t[lang];
	return id;
}

int kbl__load_ui(kb_ctx *ctx)
{
	static const char *const keys[] = {"id", "text", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root, *item;
	void *it = NULL;
	const char *const *k;
	int rc, count, list;

	if ((rc = kbl__open(ctx, "ui.yaml", &doc, &root, FYNT_SEQUENCE)))
		return rc;
	count = fy_node_sequence_item_count(root);
	kb->ui = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*kb->ui));
	if (!kb->ui) {
		rc = error__set(GALACTA_ENOMEM, "out of memory");
		goto out;
	}
	while ((item = fy_node_sequence_iterate(root, &it))) {
		kb_advice *u = &kb->ui[kb->n_ui];
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "an interface string")) ||
		    (rc = kby__keys(ctx, item, "interface string", keys)) ||
		    (rc = kby__str(ctx, item, "id", true, &u->id)) ||
		    (rc = kby__text_ex(ctx, item, "text", true, &u->text, NULL, true)))
			goto out;
		kb->n_ui++;
	}
	for (list = 0; list < 2; list++)
		for (k = list ? growth_report__ui_keys : report__ui_keys; *k; k++) {
			size_t i;
			bool found = false;
			for (i = 0; i < kb->n_ui; i++)
				found |= !strcmp(kb->ui[i].id, *k);
			if (!found) {
				rc = kby__fail(ctx, root, "missing interface string '%s'", *k);
				goto out;
			}
		}
out:
	fy_document_destroy(doc);
	return rc;
}
