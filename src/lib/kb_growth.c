/*
 * kb_growth.c — loads and validates kb/growth.yaml: the published newborn
 * weight-change statements (NEWT, Paul 2016), gain and pumping norms, the
 * WHO percentile lines and the statements on lactogenesis and corrected age
 * that the growth report shows. Format: docs/kb-format.md, "kb/growth.yaml".
 */
#include "kb_load.h"

#include "error.h"

#include <string.h>

const char *const kb__wl_statistic_names[WL_STATISTIC_COUNT] = {
	"median_loss_pct", "share_lost_at_least", "share_below_birth_weight",
	"share_at_or_above_birth_weight"};
const char *const kb__relation_names[REL_COUNT] = {"eq", "approx", "gt"};

/* A two-number sequence [from, to] with from < to. */
static int num_pair(kb_ctx *ctx, struct fy_node *n, const char *what, double *from, double *to)
{
	struct fy_node *a, *b;
	int rc;

	if ((rc = kby__expect(ctx, n, FYNT_SEQUENCE, what)))
		return rc;
	if (fy_node_sequence_item_count(n) != 2)
		return kby__fail(ctx, n, "'%s' must be [from, to]", what);
	a = fy_node_sequence_get_by_index(n, 0);
	b = fy_node_sequence_get_by_index(n, 1);
	if ((rc = kby__num_node(ctx, a, what, from)) || (rc = kby__num_node(ctx, b, what, to)))
		return rc;
	if (!(*from >= 0 && *from < *to))
		return kby__fail(ctx, n, "'%s' must be [from, to] with 0 <= from < to", what);
	return 0;
}

/* Exactly one of KEY_hours / KEY_days (scaled to hours). */
static int hours_or_days(kb_ctx *ctx, struct fy_node *map, const char *hours_key, const char *days_key,
	struct fy_node **which)
{
	struct fy_node *h = fy_node_mapping_lookup_by_string(map, hours_key, FY_NT);
	struct fy_node *d = fy_node_mapping_lookup_by_string(map, days_key, FY_NT);

	if ((h != NULL) == (d != NULL))
		return kby__fail(ctx, map, "give exactly one of '%s' and '%s'", hours_key, days_key);
	*which = h ? h : d;
	return 0;
}

static int statement(kb_ctx *ctx, struct fy_node *map, const char *what, kb_statement *out)
{
	static const char *const keys[] = {"text", "sources", "source", NULL};
	int rc;

	if ((rc = kby__expect(ctx, map, FYNT_MAPPING, what)) || (rc = kby__keys(ctx, map, what, keys)) ||
	    (rc = kby__text(ctx, map, "text", true, &out->text, NULL)) ||
	    (rc = kby__refs(ctx, map, true, &out->sources)))
		return rc;
	return 0;
}

static struct fy_node *need(kb_ctx *ctx, struct fy_node *map, const char *key, int *rc)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(map, key, FY_NT);

	if (!n)
		*rc = kby__fail(ctx, map, "missing required key '%s'", key);
	return n;
}

static int delivery_modes(kb_ctx *ctx, struct fy_node *item, unsigned *mask)
{
	const struct galacta_kb *kb = ctx->kb;
	int fi = kb__field_index(kb, "mother.delivery_mode");
	const char **modes = NULL;
	size_t n = 0, i;
	int rc, c;

	if (fi < 0 || kb->fields[fi].type != FIELD_ENUM)
		return kby__fail(ctx, item, "delivery_modes needs the enum field mother.delivery_mode in fields.yaml");
	if ((rc = kby__str_list(ctx, item, "delivery_modes", true, &modes, &n)))
		return rc;
	*mask = 0;
	for (i = 0; i < n; i++) {
		c = kby__enum_index(modes[i], kb->fields[fi].choices, kb->fields[fi].n_choices);
		if (c < 0)
			return kby__fail(ctx, fy_node_mapping_lookup_by_string(item, "delivery_modes", FY_NT),
				"'%s' is not a mother.delivery_mode choice", modes[i]);
		*mask |= 1u << c;
	}
	return 0;
}

static int wl_statement(kb_ctx *ctx, struct fy_node *item, kb_wl_statement *s)
{
	static const char *const keys[] = {"id", "delivery_modes", "hours", "days", "statistic",
		"threshold_pct", "relation", "value_pct", "show_hours", "show_days", "text", "sources",
		"source", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_node *t, *show;
	const char *stat = NULL, *rel = NULL;
	bool has_threshold;
	double scale;
	int rc, i;
	size_t k;

	if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a weight-loss statement")) ||
	    (rc = kby__keys(ctx, item, "weight-loss statement", keys)) ||
	    (rc = kby__str(ctx, item, "id", true, &s->id)) || (rc = delivery_modes(ctx, item, &s->delivery_mask)) ||
	    (rc = kby__str(ctx, item, "statistic", true, &stat)) ||
	    (rc = kby__str(ctx, item, "relation", true, &rel)) ||
	    (rc = kby__num(ctx, item, "value_pct", true, &s->value_pct, NULL)) ||
	    (rc = kby__num(ctx, item, "threshold_pct", false, &s->threshold_pct, &has_threshold)) ||
	    (rc = kby__text(ctx, item, "text", true, &s->text, NULL)) || (rc = kby__refs(ctx, item, true, &s->sources)))
		return rc;
	if (!kby__is_id(s->id))
		return kby__fail(ctx, item, "statement id '%s' must be lowercase letters, digits and _", s->id);
	for (k = 0; k < kb->n_wl_statements; k++)
		if (!strcmp(kb->wl_statements[k].id, s->id))
			return kby__fail(ctx, item, "duplicate statement id '%s'", s->id);
	if ((i = kby__enum_index(stat, kb__wl_statistic_names, WL_STATISTIC_COUNT)) < 0)
		return kby__fail(ctx, item, "unknown statistic '%s' (median_loss_pct, share_lost_at_least, share_below_birth_weight, share_at_or_above_birth_weight)", stat);
	s->statistic = (kb_wl_statistic)i;
	if ((i = kby__enum_index(rel, kb__relation_names, REL_COUNT)) < 0)
		return kby__fail(ctx, item, "unknown relation '%s' (eq, approx, gt)", rel);
	s->relation = (kb_relation)i;
	if (!(s->value_pct >= 0 && s->value_pct <= 100))
		return kby__fail(ctx, item, "value_pct %g must be a percentage (0-100)", s->value_pct);
	if (has_threshold != (s->statistic == WL_SHARE_LOST_AT_LEAST))
		return kby__fail(ctx, item, "threshold_pct is needed by share_lost_at_least, and only by it");
	if (has_threshold && !(s->threshold_pct > 0 && s->threshold_pct < 100))
		return kby__fail(ctx, item, "threshold_pct %g must be between 0 and 100", s->threshold_pct);
	if ((rc = hours_or_days(ctx, item, "hours", "days", &t)))
		return rc;
	scale = fy_node_mapping_lookup_by_string(item, "hours", FY_NT) ? 1.0 : 24.0;
	if ((rc = kby__num_node(ctx, t, scale == 1.0 ? "hours" : "days", &s->hours)))
		return rc;
	s->hours *= scale;
	if ((rc = hours_or_days(ctx, item, "show_hours", "show_days", &show)))
		return rc;
	scale = fy_node_mapping_lookup_by_string(item, "show_hours", FY_NT) ? 1.0 : 24.0;
	if ((rc = num_pair(ctx, show, scale == 1.0 ? "show_hours" : "show_days", &s->show_from_hours,
		     &s->show_to_hours)))
		return rc;
	s->show_from_hours *= scale;
	s->show_to_hours *= scale;
	/* 45 days: the statements are about the newborn period; a typo of
	 * hours for days would otherwise go unnoticed. */
	if (!(s->hours > 0 && s->hours <= 45 * 24.0))
		return kby__fail(ctx, item, "the time point must be after birth and within 45 days");
	if (!(s->show_from_hours <= s->hours && s->hours <= s->show_to_hours && s->show_to_hours <= 45 * 24.0))
		return kby__fail(ctx, item, "the show window must contain the time point and end within 45 days");
	return 0;
}

static int load_weight_loss(kb_ctx *ctx, struct fy_node *wl)
{
	static const char *const keys[] = {"population", "statements", NULL};
	static const char *const pkeys[] = {"min_gestational_age_weeks", "min_birth_weight_g",
		"max_birth_weight_g", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_node *pop, *seq, *item;
	void *it = NULL;
	int rc = 0, count;

	if ((rc = kby__expect(ctx, wl, FYNT_MAPPING, "weight_loss")) || (rc = kby__keys(ctx, wl, "weight_loss", keys)))
		return rc;
	if (!(pop = need(ctx, wl, "population", &rc)) || !(seq = need(ctx, wl, "statements", &rc)))
		return rc;
	if ((rc = kby__expect(ctx, pop, FYNT_MAPPING, "population")) ||
	    (rc = kby__keys(ctx, pop, "population", pkeys)) ||
	    (rc = kby__num(ctx, pop, "min_gestational_age_weeks", true, &kb->wl_min_ga_weeks, NULL)) ||
	    (rc = kby__num(ctx, pop, "min_birth_weight_g", true, &kb->wl_min_bw_g, NULL)) ||
	    (rc = kby__num(ctx, pop, "max_birth_weight_g", true, &kb->wl_max_bw_g, NULL)))
		return rc;
	if (!(kb->wl_min_ga_weeks > 0 && kb->wl_min_bw_g > 0 && kb->wl_min_bw_g < kb->wl_max_bw_g))
		return kby__fail(ctx, pop, "population: give positive numbers, min_birth_weight_g < max_birth_weight_g");
	if ((rc = kby__expect(ctx, seq, FYNT_SEQUENCE, "statements")))
		return rc;
	count = fy_node_sequence_item_count(seq);
	if (count <= 0)
		return kby__fail(ctx, seq, "'statements' must not be empty");
	kb->wl_statements = arena__calloc(&kb->mem, (size_t)count, sizeof(*kb->wl_statements));
	if (!kb->wl_statements)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		if ((rc = wl_statement(ctx, item, &kb->wl_statements[kb->n_wl_statements])))
			return rc;
		kb->n_wl_statements++;
	}
	return 0;
}

static int load_gain_norms(kb_ctx *ctx, struct fy_node *seq)
{
	static const char *const keys[] = {"id", "from_day", "to_day", "low_g_per_day", "good_g_per_day",
		"text", "sources", "source", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_node *item;
	void *it = NULL;
	int rc, count;

	if ((rc = kby__expect(ctx, seq, FYNT_SEQUENCE, "gain_norms")))
		return rc;
	count = fy_node_sequence_item_count(seq);
	kb->gain_norms = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*kb->gain_norms));
	if (!kb->gain_norms)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_gain_norm *g = &kb->gain_norms[kb->n_gain_norms];
		size_t k;

		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a gain norm")) ||
		    (rc = kby__keys(ctx, item, "gain norm", keys)) || (rc = kby__str(ctx, item, "id", true, &g->id)) ||
		    (rc = kby__num(ctx, item, "from_day", true, &g->from_day, NULL)) ||
		    (rc = kby__num(ctx, item, "to_day", true, &g->to_day, NULL)) ||
		    (rc = kby__num(ctx, item, "low_g_per_day", true, &g->low_g_per_day, NULL)) ||
		    (rc = kby__num(ctx, item, "good_g_per_day", true, &g->good_g_per_day, NULL)) ||
		    (rc = kby__text(ctx, item, "text", true, &g->text, NULL)) ||
		    (rc = kby__refs(ctx, item, true, &g->sources)))
			return rc;
		if (!kby__is_id(g->id))
			return kby__fail(ctx, item, "gain norm id '%s' must be lowercase letters, digits and _", g->id);
		if (!(g->from_day >= 0 && g->from_day < g->to_day && g->to_day <= 1856))
			return kby__fail(ctx, item, "gain norm: need 0 <= from_day < to_day <= 1856");
		if (!(g->low_g_per_day >= 0 && g->low_g_per_day <= g->good_g_per_day && g->good_g_per_day < 1000))
			return kby__fail(ctx, item, "gain norm: need 0 <= low_g_per_day <= good_g_per_day < 1000");
		for (k = 0; k < kb->n_gain_norms; k++)
			if (!strcmp(kb->gain_norms[k].id, g->id))
				return kby__fail(ctx, item, "duplicate gain norm id '%s'", g->id);
		kb->n_gain_norms++;
	}
	return 0;
}

static int load_pumping(kb_ctx *ctx, struct fy_node *seq)
{
	static const char *const keys[] = {"id", "from_day", "to_day", "lower_limit_ml", "full_supply_ml",
		"text", "sources", "source", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_node *item;
	void *it = NULL;
	int rc, count, prev_to = 0;

	if ((rc = kby__expect(ctx, seq, FYNT_SEQUENCE, "pumping")))
		return rc;
	count = fy_node_sequence_item_count(seq);
	kb->pumping_norms = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*kb->pumping_norms));
	if (!kb->pumping_norms)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_pumping_norm *p = &kb->pumping_norms[kb->n_pumping_norms];
		double from, to;
		bool has_low, has_full;

		p->lower_limit_ml = p->full_supply_ml = -1;
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a pumping norm")) ||
		    (rc = kby__keys(ctx, item, "pumping norm", keys)) || (rc = kby__str(ctx, item, "id", true, &p->id)) ||
		    (rc = kby__num(ctx, item, "from_day", true, &from, NULL)) ||
		    (rc = kby__num(ctx, item, "to_day", true, &to, NULL)) ||
		    (rc = kby__num(ctx, item, "lower_limit_ml", false, &p->lower_limit_ml, &has_low)) ||
		    (rc = kby__num(ctx, item, "full_supply_ml", false, &p->full_supply_ml, &has_full)) ||
		    (rc = kby__text(ctx, item, "text", true, &p->text, NULL)) ||
		    (rc = kby__refs(ctx, item, true, &p->sources)))
			return rc;
		if (!kby__is_id(p->id))
			return kby__fail(ctx, item, "pumping norm id '%s' must be lowercase letters, digits and _", p->id);
		/* Bounded before the casts (a double beyond int is undefined). */
		if (from < 1 || to < from || to > 1856 || from != (double)(int)from || to != (double)(int)to ||
		    (int)from <= prev_to)
			return kby__fail(ctx, item, "pumping rows must be whole days of life from 1 to 1856, increasing, not overlapping");
		if (!has_low && !has_full)
			return kby__fail(ctx, item, "a pumping norm needs lower_limit_ml, full_supply_ml or both");
		if ((has_low && !(p->lower_limit_ml > 0 && p->lower_limit_ml < 5000)) ||
		    (has_full && !(p->full_supply_ml > 0 && p->full_supply_ml < 5000)) ||
		    (has_low && has_full && p->full_supply_ml <= p->lower_limit_ml))
			return kby__fail(ctx, item, "pumping volumes must be 0-5000 mL, full_supply_ml above lower_limit_ml");
		p->from_day = (int)from;
		p->to_day = (int)to;
		prev_to = p->to_day;
		kb->n_pumping_norms++;
	}
	return 0;
}

static int load_percentile_lines(kb_ctx *ctx, struct fy_node *map)
{
	static const char *const keys[] = {"percentiles", "baseline_from_days", "text", "sources", "source", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_node *seq, *item;
	void *it = NULL;
	int rc = 0, count;

	if ((rc = kby__expect(ctx, map, FYNT_MAPPING, "percentile_lines")) ||
	    (rc = kby__keys(ctx, map, "percentile_lines", keys)) ||
	    (rc = kby__num(ctx, map, "baseline_from_days", true, &kb->crossing_baseline_days, NULL)) ||
	    (rc = kby__text(ctx, map, "text", true, &kb->percentile_lines_statement.text, NULL)) ||
	    (rc = kby__refs(ctx, map, true, &kb->percentile_lines_statement.sources)))
		return rc;
	if (!(kb->crossing_baseline_days >= 0 && kb->crossing_baseline_days <= 730))
		return kby__fail(ctx, map, "baseline_from_days must be 0-730");
	if (!(seq = need(ctx, map, "percentiles", &rc)) || (rc = kby__expect(ctx, seq, FYNT_SEQUENCE, "percentiles")))
		return rc;
	count = fy_node_sequence_item_count(seq);
	if (count <= 0 || count > 15)
		return kby__fail(ctx, seq, "'percentiles' must list 1-15 percentiles");
	kb->percentile_lines = arena__calloc(&kb->mem, (size_t)count, sizeof(double));
	if (!kb->percentile_lines)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		double p;
		if ((rc = kby__num_node(ctx, item, "percentiles", &p)))
			return rc;
		if (!(p > 0 && p < 100) ||
		    (kb->n_percentile_lines && p <= kb->percentile_lines[kb->n_percentile_lines - 1]))
			return kby__fail(ctx, item, "percentiles must be increasing, each between 0 and 100");
		kb->percentile_lines[kb->n_percentile_lines++] = p;
	}
	return 0;
}

static int load_plausibility(kb_ctx *ctx, struct fy_node *map)
{
	static const char *const keys[] = {"max_abs_weight_for_age_z", "sources", "source", "note", NULL};
	struct galacta_kb *kb = ctx->kb;
	int rc;

	if ((rc = kby__expect(ctx, map, FYNT_MAPPING, "plausibility")) ||
	    (rc = kby__keys(ctx, map, "plausibility", keys)) ||
	    (rc = kby__num(ctx, map, "max_abs_weight_for_age_z", true, &kb->max_abs_weight_for_age_z, NULL)) ||
	    (rc = kby__refs(ctx, map, true, &kb->plausibility_sources)))
		return rc;
	if (!(kb->max_abs_weight_for_age_z >= 3 && kb->max_abs_weight_for_age_z <= 10))
		return kby__fail(ctx, map, "max_abs_weight_for_age_z must be in 3–10");
	return 0;
}

int kbl__load_growth(kb_ctx *ctx)
{
	static const char *const keys[] = {"weight_loss", "gain_norms", "pumping", "percentile_lines",
		"lactogenesis", "corrected_age", "plausibility", NULL};
	struct galacta_kb *kb = ctx->kb;
	struct fy_document *doc;
	struct fy_node *root, *n;
	int rc;

	if ((rc = kbl__open(ctx, "growth.yaml", &doc, &root, FYNT_MAPPING)))
		return rc;
	if ((rc = kby__keys(ctx, root, "growth", keys)))
		goto out;
	if (!(n = need(ctx, root, "weight_loss", &rc)) || (rc = load_weight_loss(ctx, n)))
		goto out;
	if (!(n = need(ctx, root, "gain_norms", &rc)) || (rc = load_gain_norms(ctx, n)))
		goto out;
	if (!(n = need(ctx, root, "pumping", &rc)) || (rc = load_pumping(ctx, n)))
		goto out;
	if (!(n = need(ctx, root, "percentile_lines", &rc)) || (rc = load_percentile_lines(ctx, n)))
		goto out;
	if (!(n = need(ctx, root, "plausibility", &rc)) || (rc = load_plausibility(ctx, n)))
		goto out;
	if (!(n = need(ctx, root, "lactogenesis", &rc)) ||
	    (rc = statement(ctx, n, "lactogenesis", &kb->lactogenesis_statement)))
		goto out;
	if (!(n = need(ctx, root, "corrected_age", &rc)) ||
	    (rc = statement(ctx, n, "corrected_age", &kb->corrected_age_statement)))
		goto out;
out:
	fy_document_destroy(doc);
	return rc;
}
