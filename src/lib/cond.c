/*
 * cond.c — parsing and three-valued evaluation of KB conditions.
 */
#include "cond.h"

#include "error.h"

#include <string.h>

static const char *const supply_names[GALACTA_SUPPLY_COUNT] = {"uncertain", "adequate", "insufficient"};

static int parse_kids(kb_ctx *ctx, struct fy_node *seq, unsigned allow, int self, kb_cond *c, const char *what)
{
	struct fy_node *item;
	void *it = NULL;
	int count, rc;

	if (kby__expect(ctx, seq, FYNT_SEQUENCE, what))
		return GALACTA_EKB;
	count = fy_node_sequence_item_count(seq);
	if (count <= 0)
		return kby__fail(ctx, seq, "'%s' needs at least one condition", what);
	c->kids = arena__calloc(&ctx->kb->mem, (size_t)count, sizeof(*c->kids));
	if (!c->kids)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		const kb_cond *kid;
		if ((rc = cond__parse(ctx, item, allow, self, &kid)))
			return rc;
		c->kids[c->n_kids++] = (kb_cond *)kid;
	}
	return 0;
}

static int parse_bounds(kb_ctx *ctx, struct fy_node *n, kb_cond *c)
{
	static const struct { const char *key; unsigned bit; size_t off; } ops[] = {
		{"lt", CMP_LT, offsetof(kb_cond, lt)}, {"le", CMP_LE, offsetof(kb_cond, le)},
		{"gt", CMP_GT, offsetof(kb_cond, gt)}, {"ge", CMP_GE, offsetof(kb_cond, ge)},
		{"eq", CMP_EQ, offsetof(kb_cond, eq)}};
	size_t i;
	bool present;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		double *slot = (double *)(void *)((char *)c + ops[i].off);
		if (kby__num(ctx, n, ops[i].key, false, slot, &present))
			return GALACTA_EKB;
		if (present)
			c->cmp |= ops[i].bit;
	}
	if (!c->cmp)
		return kby__fail(ctx, n, "a comparison needs one of lt, le, gt, ge, eq");
	return 0;
}

static int parse_var(kb_ctx *ctx, struct fy_node *n, kb_cond *c)
{
	static const char *const keys[] = {"var", "lt", "le", "gt", "ge", "eq", "in", NULL};
	const struct galacta_kb *kb = ctx->kb;
	const char *name = NULL;
	struct fy_node *in;
	const kb_field *f;
	int rc;

	if ((rc = kby__keys(ctx, n, "condition", keys)) || (rc = kby__str(ctx, n, "var", true, &name)))
		return rc;
	c->index = kb__var_index(kb, name);
	if (c->index < 0)
		return kby__fail(ctx, n, "unknown variable '%s' (see docs/kb-format.md, Variables)", name);
	f = kb->vars[c->index].field >= 0 ? &kb->fields[kb->vars[c->index].field] : NULL;
	in = fy_node_mapping_lookup_by_string(n, "in", FY_NT);
	if (f && f->type == FIELD_ENUM) {
		struct fy_node *item;
		void *it = NULL;

		if (!in)
			return kby__fail(ctx, n, "'%s' is an enum: use 'in: [choices]'", name);
		if (kby__expect(ctx, in, FYNT_SEQUENCE, "in"))
			return GALACTA_EKB;
		c->kind = COND_ENUM;
		while ((item = fy_node_sequence_iterate(in, &it))) {
			const char *s;
			int k;
			if ((rc = kby__scalar(ctx, item, "in", &s)))
				return rc;
			k = kby__enum_index(s, f->choices, f->n_choices);
			if (k < 0)
				return kby__fail(ctx, item, "'%s' is not a choice of %s", s, name);
			c->enum_mask |= 1u << k;
		}
		return 0;
	}
	if (in)
		return kby__fail(ctx, in, "'in' is only for enum fields; '%s' is numeric", name);
	c->kind = COND_VAR;
	return parse_bounds(ctx, n, c);
}

static int parse_finding(kb_ctx *ctx, struct fy_node *n, int self, kb_cond *c)
{
	static const char *const keys[] = {"finding", "is", NULL};
	const char *id = NULL;
	int rc;

	if ((rc = kby__keys(ctx, n, "condition", keys)) || (rc = kby__str(ctx, n, "finding", true, &id)))
		return rc;
	c->kind = COND_FINDING;
	c->want = true;
	if ((rc = kby__bool(ctx, n, "is", &c->want)))
		return rc;
	c->index = kb__finding_index(ctx->kb, id);
	if (c->index < 0)
		return kby__fail(ctx, n, "unknown finding '%s'", id);
	if (self >= 0 && ctx->kb->findings[c->index].derived && c->index >= self)
		return kby__fail(ctx, n, "derived finding '%s' must be defined before it is used", id);
	return 0;
}

int cond__parse(kb_ctx *ctx, struct fy_node *n, unsigned allow, int self, const kb_cond **out)
{
	kb_cond *c;
	struct fy_node *v;
	const char *s;
	int rc;

	if (kby__expect(ctx, n, FYNT_MAPPING, "a condition"))
		return GALACTA_EKB;
	c = arena__alloc(&ctx->kb->mem, sizeof(*c));
	if (!c)
		return error__set(GALACTA_ENOMEM, "out of memory");
	*out = c;
	if (fy_node_mapping_lookup_by_string(n, "var", FY_NT))
		return parse_var(ctx, n, c);
	if (fy_node_mapping_lookup_by_string(n, "finding", FY_NT))
		return parse_finding(ctx, n, self, c);
	if ((v = fy_node_mapping_lookup_by_string(n, "known", FY_NT))) {
		static const char *const keys[] = {"known", NULL};
		if ((rc = kby__keys(ctx, n, "condition", keys)) || (rc = kby__scalar(ctx, v, "known", &s)))
			return rc;
		c->kind = COND_KNOWN;
		c->index = kb__var_index(ctx->kb, s);
		if (c->index < 0)
			return kby__fail(ctx, v, "unknown variable '%s' (see docs/kb-format.md, Variables)", s);
		return 0;
	}
	if ((v = fy_node_mapping_lookup_by_string(n, "supply", FY_NT))) {
		static const char *const keys[] = {"supply", NULL};
		if (!(allow & COND_ALLOW_SUPPLY))
			return kby__fail(ctx, n, "'supply' conditions are allowed only in triage rules and after_supply findings");
		if ((rc = kby__keys(ctx, n, "condition", keys)) || (rc = kby__scalar(ctx, v, "supply", &s)))
			return rc;
		c->kind = COND_SUPPLY;
		c->index = kby__enum_index(s, supply_names, GALACTA_SUPPLY_COUNT);
		if (c->index < 0)
			return kby__fail(ctx, v, "supply must be uncertain, adequate or insufficient, not '%s'", s);
		return 0;
	}
	if ((v = fy_node_mapping_lookup_by_string(n, "cause", FY_NT))) {
		static const char *const keys[] = {"cause", "ge", NULL};
		if (!(allow & COND_ALLOW_CAUSE))
			return kby__fail(ctx, n, "'cause' conditions are allowed only in triage rules");
		if ((rc = kby__keys(ctx, n, "condition", keys)) || (rc = kby__scalar(ctx, v, "cause", &s)))
			return rc;
		c->kind = COND_CAUSE;
		c->index = kb__cause_index(ctx->kb, s);
		if (c->index < 0)
			return kby__fail(ctx, v, "unknown cause '%s'", s);
		if ((rc = kby__num(ctx, n, "ge", true, &c->ge, NULL)))
			return rc;
		if (c->ge < 0 || c->ge > 1)
			return kby__fail(ctx, n, "cause probability 'ge' must be in 0–1");
		return 0;
	}
	if ((v = fy_node_mapping_lookup_by_string(n, "all", FY_NT))) {
		c->kind = COND_ALL;
		return parse_kids(ctx, v, allow, self, c, "all");
	}
	if ((v = fy_node_mapping_lookup_by_string(n, "any", FY_NT))) {
		c->kind = COND_ANY;
		return parse_kids(ctx, v, allow, self, c, "any");
	}
	if ((v = fy_node_mapping_lookup_by_string(n, "not", FY_NT))) {
		const kb_cond *kid;
		c->kind = COND_NOT;
		if ((rc = cond__parse(ctx, v, allow, self, &kid)))
			return rc;
		c->kids = arena__alloc(&ctx->kb->mem, sizeof(*c->kids));
		if (!c->kids)
			return error__set(GALACTA_ENOMEM, "out of memory");
		c->kids[0] = (kb_cond *)kid;
		c->n_kids = 1;
		return 0;
	}
	if ((v = fy_node_mapping_lookup_by_string(n, "at_least", FY_NT))) {
		static const char *const keys[] = {"at_least", "of", NULL};
		double k;
		struct fy_node *of = fy_node_mapping_lookup_by_string(n, "of", FY_NT);

		if ((rc = kby__keys(ctx, n, "condition", keys)) || (rc = kby__num_node(ctx, v, "at_least", &k)))
			return rc;
		if (!of)
			return kby__fail(ctx, n, "'at_least' needs 'of: [conditions]'");
		c->kind = COND_AT_LEAST;
		if ((rc = parse_kids(ctx, of, allow, self, c, "of")))
			return rc;
		if (k < 1 || k > (double)c->n_kids || k != (double)(int)k)
			return kby__fail(ctx, v, "'at_least' must be a whole number from 1 to %zu", c->n_kids);
		c->at_least = (int)k;
		return 0;
	}
	return kby__fail(ctx, n, "a condition needs one of var, known, finding, supply, cause, all, any, not, at_least");
}

static int compare(const kb_cond *c, double x)
{
	if ((c->cmp & CMP_LT) && !(x < c->lt))
		return TRI_FALSE;
	if ((c->cmp & CMP_LE) && !(x <= c->le))
		return TRI_FALSE;
	if ((c->cmp & CMP_GT) && !(x > c->gt))
		return TRI_FALSE;
	if ((c->cmp & CMP_GE) && !(x >= c->ge))
		return TRI_FALSE;
	if ((c->cmp & CMP_EQ) && !(x == c->eq))
		return TRI_FALSE;
	return TRI_TRUE;
}

int cond__eval(const kb_cond *c, const cond_env *env)
{
	size_t i;
	int v, t = 0, u = 0;

	switch (c->kind) {
	case COND_VAR:
		if (!env->var_known[c->index])
			return TRI_UNKNOWN;
		return compare(c, env->var[c->index]);
	case COND_ENUM:
		if (!env->var_known[c->index])
			return TRI_UNKNOWN;
		return (c->enum_mask >> (int)env->var[c->index]) & 1u ? TRI_TRUE : TRI_FALSE;
	case COND_FINDING:
		v = env->finding[c->index];
		if (v == TRI_UNKNOWN)
			return TRI_UNKNOWN;
		return (v == TRI_TRUE) == c->want ? TRI_TRUE : TRI_FALSE;
	case COND_KNOWN:
		return env->var_known[c->index] ? TRI_TRUE : TRI_FALSE;
	case COND_SUPPLY:
		if (env->supply < 0)
			return TRI_UNKNOWN;
		if (env->supply == c->index)
			return TRI_TRUE;
		return env->supply == GALACTA_SUPPLY_UNCERTAIN ? TRI_UNKNOWN : TRI_FALSE;
	case COND_CAUSE:
		if (!env->cause_prob)
			return TRI_UNKNOWN;
		return env->cause_prob[c->index] >= c->ge ? TRI_TRUE : TRI_FALSE;
	case COND_NOT:
		v = cond__eval(c->kids[0], env);
		return v == TRI_UNKNOWN ? TRI_UNKNOWN : !v;
	case COND_ALL:
	case COND_ANY:
	case COND_AT_LEAST:
		for (i = 0; i < c->n_kids; i++) {
			v = cond__eval(c->kids[i], env);
			t += v == TRI_TRUE;
			u += v == TRI_UNKNOWN;
		}
		if (c->kind == COND_ALL)
			return t == (int)c->n_kids ? TRI_TRUE : (t + u == (int)c->n_kids ? TRI_UNKNOWN : TRI_FALSE);
		if (c->kind == COND_ANY)
			return t > 0 ? TRI_TRUE : (u > 0 ? TRI_UNKNOWN : TRI_FALSE);
		return t >= c->at_least ? TRI_TRUE : (t + u >= c->at_least ? TRI_UNKNOWN : TRI_FALSE);
	}
	return TRI_UNKNOWN;
}

bool cond__uses_supply(const kb_cond *c)
{
	size_t i;

	if (c->kind == COND_SUPPLY)
		return true;
	for (i = 0; i < c->n_kids; i++)
		if (cond__uses_supply(c->kids[i]))
			return true;
	return false;
}

bool cond__uses_var(const kb_cond *c, int var)
{
	size_t i;

	if ((c->kind == COND_VAR || c->kind == COND_ENUM) && c->index == var)
		return true;
	for (i = 0; i < c->n_kids; i++)
		if (cond__uses_var(c->kids[i], var))
			return true;
	return false;
}
