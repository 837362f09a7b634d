/*
 * kb_rules.c — loads kb/supply.yaml and kb/triage.yaml (rules over
 * conditions) and kb/medications.yaml.
 */
#include "kb_load.h"

#include "cond.h"
#include "error.h"

#include <ctype.h>
#include <string.h>

static const char *const triage_names[GALACTA_TRIAGE_COUNT] = {"self_care", "consult", "urgent", "emergency"};
static const char *const supply_dir_names[] = {"", "adequate", "insufficient"};

static int load_rule_file(kb_ctx *ctx, const char *rel, bool triage, kb_rule **out, size_t *n)
{
	static const char *const tkeys[] = {"id", "level", "when", "reason", "action", "sources", "source", "note", NULL};
	static const char *const skeys[] = {"id", "direction", "when", "text", "sources", "source", "note", NULL};
	struct fy_document *doc;
	struct fy_node *root, *item;
	void *it = NULL;
	int rc, count;

	if ((rc = kbl__open(ctx, rel, &doc, &root, FYNT_SEQUENCE)))
		return rc;
	count = fy_node_sequence_item_count(root);
	*out = arena__calloc(&ctx->kb->mem, (size_t)(count > 0 ? count : 1), sizeof(**out));
	if (!*out) {
		rc = error__set(GALACTA_ENOMEM, "out of memory");
		goto out;
	}
	while ((item = fy_node_sequence_iterate(root, &it))) {
		kb_rule *r = &(*out)[*n];
		const char *lvl = NULL;
		struct fy_node *when;
		size_t j;
		int k;

		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a rule")) ||
		    (rc = kby__keys(ctx, item, "rule", triage ? tkeys : skeys)) ||
		    (rc = kby__str(ctx, item, "id", true, &r->id)) ||
		    (rc = kby__str(ctx, item, triage ? "level" : "direction", true, &lvl)) ||
		    (rc = kby__text(ctx, item, triage ? "reason" : "text", true, &r->text, NULL)) ||
		    (rc = kby__text(ctx, item, "action", false, &r->action, &r->has_action)) ||
		    (rc = kby__refs(ctx, item, true, &r->sources)))
			goto out;
		k = triage ? kby__enum_index(lvl, triage_names, GALACTA_TRIAGE_COUNT)
			   : kby__enum_index(lvl, supply_dir_names, 3);
		if (k < 0 || (!triage && k == 0)) {
			rc = kby__fail(ctx, item, triage ? "level must be emergency, urgent, consult or self_care, not '%s'"
							 : "direction must be insufficient or adequate, not '%s'", lvl);
			goto out;
		}
		r->level_or_status = k;
		when = fy_node_mapping_lookup_by_string(item, "when", FY_NT);
		if (!when) {
			rc = kby__fail(ctx, item, "rule '%s' needs 'when'", r->id);
			goto out;
		}
		if ((rc = cond__parse(ctx, when, triage ? COND_ALLOW_SUPPLY | COND_ALLOW_CAUSE : 0, -1, &r->when)))
			goto out;
		for (j = 0; j < *n; j++)
			if (!strcmp((*out)[j].id, r->id)) {
				rc = kby__fail(ctx, item, "duplicate rule id '%s'", r->id);
				goto out;
			}
		(*n)++;
	}
out:
	fy_document_destroy(doc);
	return rc;
}

int kbl__load_rules(kb_ctx *ctx)
{
	struct galacta_kb *kb = ctx->kb;
	int rc = load_rule_file(ctx, "supply.yaml", false, &kb->supply_rules, &kb->n_supply_rules);

	return rc ? rc : load_rule_file(ctx, "triage.yaml", true, &kb->triage_rules, &kb->n_triage_rules);
}

const char *const kb__med_effect_names[MED_EFFECT_COUNT] = {"lowers_supply", "may_lower_supply",
	"no_known_effect", "no_data"};

int kbl__load_medications(kb_ctx *ctx)
{
	static const char *const keys[] = {"id", "names", "effect", "name", "note", "sources", "source", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root, *item;
	void *it = NULL;
	int rc, count;

	if ((rc = kbl__open(ctx, "medications.yaml", &doc, &root, FYNT_SEQUENCE)))
		return rc;
	count = fy_node_sequence_item_count(root);
	kb->meds = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*kb->meds));
	if (!kb->meds) {
		rc = error__set(GALACTA_ENOMEM, "out of memory");
		goto out;
	}
	while ((item = fy_node_sequence_iterate(root, &it))) {
		kb_medication *m = &kb->meds[kb->n_meds];
		const char *effect = NULL;
		size_t i, j, k;
		int e;

		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a medication")) ||
		    (rc = kby__keys(ctx, item, "medication", keys)) ||
		    (rc = kby__str(ctx, item, "id", true, &m->id)) ||
		    (rc = kby__str_list(ctx, item, "names", true, &m->names, &m->n_names)) ||
		    (rc = kby__str(ctx, item, "effect", true, &effect)) ||
		    (rc = kby__text(ctx, item, "name", true, &m->name, NULL)) ||
		    (rc = kby__text(ctx, item, "note", true, &m->note, NULL)) ||
		    (rc = kby__refs(ctx, item, true, &m->sources)))
			goto out;
		e = kby__enum_index(effect, kb__med_effect_names, MED_EFFECT_COUNT);
		if (e < 0) {
			rc = kby__fail(ctx, item, "unknown effect '%s' (lowers_supply, may_lower_supply, no_known_effect, no_data)", effect);
			goto out;
		}
		m->effect = (kb_med_effect)e;
		for (i = 0; i < m->n_names; i++) {
			for (const char *p = m->names[i]; *p; p++)
				if (isupper((unsigned char)*p)) {
					rc = kby__fail(ctx, item, "medication name '%s' must be lowercase", m->names[i]);
					goto out;
				}
			for (j = 0; j <= kb->n_meds; j++)
				for (k = 0; k < kb->meds[j].n_names; k++)
					if ((j != kb->n_meds || k != i) && !strcmp(kb->meds[j].names[k], m->names[i]) &&
					    (j < kb->n_meds || k < i)) {
						rc = kby__fail(ctx, item, "medication name '%s' is listed twice", m->names[i]);
						goto out;
					}
		}
		kb->n_meds++;
	}
out:
	fy_document_destroy(doc);
	return rc;
}
