/*
 * kb_causes.c — loads kb/causes/<id>.yaml: prior, likelihood-ratio links,
 * advice and treatments of each cause, with their validation rules.
 */
#include "kb_load.h"

#include "error.h"

#include <stdio.h>
#include <string.h>

const char *const kb__treatment_kind_names[TREAT_COUNT] = {"behavioural", "drug", "herbal",
	"procedure", "test"};

/* Drug and herbal treatments are never instructions (DEVELOPERS.md, Safety). */
static const char *const clinician_phrase[LANG_COUNT] = {"A clinician may consider", "医生可能会考虑"};

static int count_of(struct fy_node *map, const char *key)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(map, key, FY_NT);
	return n && fy_node_is_sequence(n) ? fy_node_sequence_item_count(n) : 0;
}

static int load_links(kb_ctx *ctx, struct fy_node *root, kb_cause *c)
{
	static const char *const keys[] = {"finding", "lr_present", "lr_absent", "sources", "source", "note", NULL};
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "links", FY_NT);
	struct fy_node *item;
	void *it = NULL;
	int rc;

	if (!seq || kby__expect(ctx, seq, FYNT_SEQUENCE, "links") || !count_of(root, "links"))
		return kby__fail(ctx, seq ? seq : root, "cause '%s' needs a non-empty 'links' list", c->id);
	c->links = arena__calloc(&ctx->kb->mem, (size_t)count_of(root, "links"), sizeof(*c->links));
	if (!c->links)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_link *l = &c->links[c->n_links];
		const char *fid = NULL;
		size_t j;

		l->lr_absent = 1.0;
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a link")) ||
		    (rc = kby__keys(ctx, item, "link", keys)) ||
		    (rc = kby__str(ctx, item, "finding", true, &fid)) ||
		    (rc = kby__num(ctx, item, "lr_present", true, &l->lr_present, NULL)) ||
		    (rc = kby__num(ctx, item, "lr_absent", false, &l->lr_absent, NULL)) ||
		    (rc = kby__str(ctx, item, "note", false, &l->note)) ||
		    (rc = kby__refs(ctx, item, true, &l->sources)))
			return rc;
		l->finding = kb__finding_index(ctx->kb, fid);
		if (l->finding < 0)
			return kby__fail(ctx, item, "unknown finding '%s' (not in findings.yaml)", fid);
		if (!(l->lr_present > 0) || !(l->lr_absent > 0) || l->lr_present > 1000 || l->lr_absent > 1000)
			return kby__fail(ctx, item, "likelihood ratios of '%s' must be > 0 and ≤ 1000", fid);
		for (j = 0; j < c->n_links; j++)
			if (c->links[j].finding == l->finding)
				return kby__fail(ctx, item, "finding '%s' is linked twice", fid);
		c->n_links++;
	}
	return 0;
}

int kbl__load_advice_list(kb_ctx *ctx, struct fy_node *seq, kb_advice **out, size_t *n)
{
	static const char *const keys[] = {"id", "text", "sources", "source", NULL};
	struct fy_node *item;
	void *it = NULL;
	int rc, count;

	*n = 0;
	if (!seq)
		return 0;
	if (kby__expect(ctx, seq, FYNT_SEQUENCE, "advice"))
		return GALACTA_EKB;
	count = fy_node_sequence_item_count(seq);
	*out = arena__calloc(&ctx->kb->mem, (size_t)(count > 0 ? count : 1), sizeof(**out));
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_advice *a = &(*out)[*n];
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "an advice item")) ||
		    (rc = kby__keys(ctx, item, "advice", keys)) ||
		    (rc = kby__str(ctx, item, "id", true, &a->id)) ||
		    (rc = kby__text(ctx, item, "text", true, &a->text, NULL)) ||
		    (rc = kby__refs(ctx, item, true, &a->sources)))
			return rc;
		(*n)++;
	}
	return 0;
}

static int load_treatments(kb_ctx *ctx, struct fy_node *root, kb_cause *c)
{
	static const char *const keys[] = {"id", "kind", "name", "text", "lactation_safety",
		"evidence_level", "from_seed", "evidence_note", "sources", "source", NULL};
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "treatments", FY_NT);
	struct fy_node *item;
	void *it = NULL;
	int rc, k, i;

	if (!seq)
		return 0;
	if (kby__expect(ctx, seq, FYNT_SEQUENCE, "treatments"))
		return GALACTA_EKB;
	c->treatments = arena__calloc(&ctx->kb->mem, (size_t)count_of(root, "treatments") + 1, sizeof(*c->treatments));
	if (!c->treatments)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_treatment *t = &c->treatments[c->n_treatments];
		const char *kind = NULL;

		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a treatment")) ||
		    (rc = kby__keys(ctx, item, "treatment", keys)) ||
		    (rc = kby__str(ctx, item, "id", true, &t->id)) ||
		    (rc = kby__str(ctx, item, "kind", true, &kind)) ||
		    (rc = kby__text(ctx, item, "name", true, &t->name, NULL)) ||
		    (rc = kby__text(ctx, item, "text", true, &t->text, NULL)) ||
		    (rc = kby__text(ctx, item, "lactation_safety", false, &t->lactation_safety, &t->has_safety)) ||
		    (rc = kby__text(ctx, item, "evidence_note", false, &t->evidence_note, &t->has_evidence_note)) ||
		    (rc = kby__bool(ctx, item, "from_seed", &t->from_seed)) ||
		    (rc = kby__evidence(ctx, item, "evidence_level", &t->level)) ||
		    (rc = kby__refs(ctx, item, true, &t->sources)))
			return rc;
		k = kby__enum_index(kind, kb__treatment_kind_names, TREAT_COUNT);
		if (k < 0)
			return kby__fail(ctx, item, "unknown treatment kind '%s' (behavioural, drug, herbal, procedure, test)", kind);
		t->kind = (kb_treatment_kind)k;
		if (t->kind == TREAT_DRUG || t->kind == TREAT_HERBAL) {
			if (!t->has_safety)
				return kby__fail(ctx, item, "treatment '%s': drug and herbal treatments need 'lactation_safety'", t->id);
			for (i = 0; i < LANG_COUNT; i++)
				if (strncmp(t->text.t[i], clinician_phrase[i], strlen(clinician_phrase[i])))
					return kby__fail(ctx, item, "treatment '%s': text must start with \"%s\"", t->id, clinician_phrase[i]);
		}
		c->n_treatments++;
	}
	return 0;
}

static const char *const categories[] = {"emotional", "nutrition", "endocrine", "breast",
	"management", "infant", "lactogenesis", "medication", "hormonal", "perception"};

static int load_icd10(kb_ctx *ctx, struct fy_node *root, kb_cause *c)
{
	static const char *const keys[] = {"code", "label", NULL};
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "icd10", FY_NT);
	struct fy_node *item;
	void *it = NULL;
	int rc;

	if (!seq)
		return 0;
	if (kby__expect(ctx, seq, FYNT_SEQUENCE, "icd10"))
		return GALACTA_EKB;
	c->icd10 = arena__calloc(&ctx->kb->mem, (size_t)count_of(root, "icd10") + 1, sizeof(*c->icd10));
	if (!c->icd10)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_icd10 *x = &c->icd10[c->n_icd10];
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "an icd10 entry")) ||
		    (rc = kby__keys(ctx, item, "icd10", keys)) ||
		    (rc = kby__str(ctx, item, "code", true, &x->code)) ||
		    (rc = kby__text(ctx, item, "label", true, &x->label, NULL)))
			return rc;
		c->n_icd10++;
	}
	return 0;
}

static int load_cause(kb_ctx *ctx, const char *rel, const char *fname, kb_cause *c)
{
	static const char *const keys[] = {"id", "category", "icd10", "name", "summary", "mechanism",
		"evidence_level", "sources", "source", "prior", "links", "advice", "treatments", "note", NULL};
	static const char *const prior_keys[] = {"probability", "sources", "source", "note", NULL};
	struct fy_document *doc;
	struct fy_node *root, *prior;
	const char *category = NULL;
	int rc;

	if ((rc = kbl__open(ctx, rel, &doc, &root, FYNT_MAPPING)))
		return rc;
	if ((rc = kby__keys(ctx, root, "cause", keys)) ||
	    (rc = kby__str(ctx, root, "id", true, &c->id)) ||
	    (rc = kby__str(ctx, root, "category", true, &category)) ||
	    (rc = kby__text(ctx, root, "name", true, &c->name, NULL)) ||
	    (rc = kby__text(ctx, root, "summary", true, &c->summary, NULL)) ||
	    (rc = kby__text(ctx, root, "mechanism", true, &c->mechanism, NULL)) ||
	    (rc = kby__evidence(ctx, root, "evidence_level", &c->level)) ||
	    (rc = kby__refs(ctx, root, true, &c->sources)) ||
	    (rc = load_icd10(ctx, root, c)))
		goto out;
	if (strncmp(fname, c->id, strlen(c->id)) || strcmp(fname + strlen(c->id), ".yaml")) {
		rc = kby__fail(ctx, root, "cause id '%s' must match its file name", c->id);
		goto out;
	}
	if (kby__enum_index(category, categories, sizeof(categories) / sizeof(*categories)) < 0) {
		rc = kby__fail(ctx, root, "unknown category '%s'", category);
		goto out;
	}
	c->category = category;
	prior = fy_node_mapping_lookup_by_string(root, "prior", FY_NT);
	if (!prior || kby__expect(ctx, prior, FYNT_MAPPING, "prior")) {
		rc = kby__fail(ctx, prior ? prior : root, "cause '%s' needs 'prior: {probability, sources}'", c->id);
		goto out;
	}
	if ((rc = kby__keys(ctx, prior, "prior", prior_keys)) ||
	    (rc = kby__num(ctx, prior, "probability", true, &c->prior, NULL)) ||
	    (rc = kby__str(ctx, prior, "note", false, &c->prior_note)) ||
	    (rc = kby__refs(ctx, prior, true, &c->prior_sources)))
		goto out;
	if (!(c->prior > 0 && c->prior < 1)) {
		rc = kby__fail(ctx, prior, "prior probability must be strictly between 0 and 1");
		goto out;
	}
	if ((rc = load_links(ctx, root, c)) ||
	    (rc = kbl__load_advice_list(ctx, fy_node_mapping_lookup_by_string(root, "advice", FY_NT),
		    &c->advice, &c->n_advice)) ||
	    (rc = load_treatments(ctx, root, c)))
		goto out;
out:
	fy_document_destroy(doc);
	return rc;
}

int kbl__load_causes(kb_ctx *ctx)
{
	struct galacta_kb *kb = ctx->kb;
	char **names, rel[512];
	size_t n, i, j;
	int rc;

	if ((rc = kbl__list_dir(kb, "causes", &names, &n)))
		return rc;
	if (n == 0)
		return error__set(GALACTA_EKB, "causes/: no cause files");
	kb->causes = arena__calloc(&kb->mem, n, sizeof(*kb->causes));
	if (!kb->causes)
		return error__set(GALACTA_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "causes/%s", names[i]);
		if ((rc = load_cause(ctx, rel, names[i], &kb->causes[i])))
			return rc;
		kb->n_causes++;
		for (j = 0; j < i; j++)
			if (!strcmp(kb->causes[j].id, kb->causes[i].id))
				return error__set(GALACTA_EKB, "%s: duplicate cause id '%s'", rel, kb->causes[i].id);
	}
	return 0;
}
