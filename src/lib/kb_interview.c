/*
 * kb_interview.c — loads kb/interview.yaml: the questions the adaptive
 * interview asks first for safety, the tunable numbers of the question
 * choice and the stop rule, plain-words labels of enum choices, the words
 * a person may type as answers, and the interview's interface strings.
 * The file is optional (a KB without it cannot interview); when present,
 * every part is validated with FILE:LINE errors. Format: docs/kb-format.md;
 * how the numbers are used: docs/interview.md.
 */
#include "kb_load.h"

#include "case_internal.h"
#include "cond.h"
#include "error.h"
#include "interview_internal.h"
#include "observe.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *const word_keys[IV_WORD_COUNT + 1] = {"yes", "no", "unknown", "back", "none", NULL};

static int settings(kb_ctx *ctx, struct fy_node *root)
{
	static const char *const keys[] = {"max_questions", "min_gain_bits", "min_change_probability",
		"triage_weight", "finding_prevalence", "red_flag_rate", "answer_rate", "group_max_items",
		"group_min_gain_bits", "red_flags_first", NULL};
	kb_interview *iv = &ctx->kb->interview;
	struct fy_node *n = fy_node_mapping_lookup_by_string(root, "settings", FY_NT);
	int rc;

	if (!n)
		return kby__fail(ctx, root, "missing 'settings'");
	if ((rc = kby__expect(ctx, n, FYNT_MAPPING, "settings")) || (rc = kby__keys(ctx, n, "settings", keys)) ||
	    (rc = kby__num(ctx, n, "max_questions", true, &iv->max_questions, NULL)) ||
	    (rc = kby__num(ctx, n, "min_gain_bits", true, &iv->min_gain_bits, NULL)) ||
	    (rc = kby__num(ctx, n, "min_change_probability", true, &iv->min_change_probability, NULL)) ||
	    (rc = kby__num(ctx, n, "triage_weight", true, &iv->triage_weight, NULL)) ||
	    (rc = kby__num(ctx, n, "finding_prevalence", true, &iv->finding_prevalence, NULL)) ||
	    (rc = kby__num(ctx, n, "red_flag_rate", true, &iv->red_flag_rate, NULL)) ||
	    (rc = kby__num(ctx, n, "answer_rate", true, &iv->answer_rate, NULL)))
		return rc;
	/* Optional: without them the interview asks one finding at a time. */
	iv->group_max_items = 1;
	iv->group_min_gain_bits = 0;
	if ((rc = kby__num(ctx, n, "group_max_items", false, &iv->group_max_items, NULL)) ||
	    (rc = kby__num(ctx, n, "group_min_gain_bits", false, &iv->group_min_gain_bits, NULL)) ||
	    (rc = kby__bool(ctx, n, "red_flags_first", &iv->red_flags_first)))
		return rc;
	if (iv->group_max_items < 1 || iv->group_max_items > IV_MAX_ITEMS ||
	    iv->group_max_items != (double)(int)iv->group_max_items)
		return kby__fail(ctx, n, "group_max_items must be a whole number from 1 to %d", IV_MAX_ITEMS);
	if (iv->group_min_gain_bits < 0 || iv->group_min_gain_bits > 10)
		return kby__fail(ctx, n, "group_min_gain_bits must be from 0 to 10");
	if (!(iv->answer_rate > 0 && iv->answer_rate <= 1))
		return kby__fail(ctx, n, "answer_rate must be above 0 and at most 1");
	if (iv->max_questions < 1 || iv->max_questions > 500 || iv->max_questions != (double)(int)iv->max_questions)
		return kby__fail(ctx, n, "max_questions must be a whole number from 1 to 500");
	if (iv->min_gain_bits < 0 || iv->min_gain_bits > 10)
		return kby__fail(ctx, n, "min_gain_bits must be from 0 to 10");
	if (iv->min_change_probability < 0 || iv->min_change_probability >= 1)
		return kby__fail(ctx, n, "min_change_probability must be from 0 to below 1");
	if (iv->triage_weight < 0 || iv->triage_weight > 100)
		return kby__fail(ctx, n, "triage_weight must be from 0 to 100");
	if (!(iv->finding_prevalence > 0 && iv->finding_prevalence < 1))
		return kby__fail(ctx, n, "finding_prevalence must be above 0 and below 1");
	if (!(iv->red_flag_rate > 0 && iv->red_flag_rate < 1))
		return kby__fail(ctx, n, "red_flag_rate must be above 0 and below 1");
	return 0;
}

static int safety_item(kb_ctx *ctx, struct fy_node *item, kb_iv_safety *s)
{
	static const char *const keys[] = {"id", "ask", "all", "alone", "only", "screen", "when", "help", NULL};
	const struct galacta_kb *kb = ctx->kb;
	struct fy_node *when, *ask;
	size_t i, j;
	int rc;

	if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a safety question")) ||
	    (rc = kby__keys(ctx, item, "safety question", keys)) || (rc = kby__str(ctx, item, "id", true, &s->id)) ||
	    (rc = kby__str_list(ctx, item, "ask", true, &s->ask, &s->n_ask)) ||
	    (rc = kby__bool(ctx, item, "all", &s->all)) || (rc = kby__bool(ctx, item, "screen", &s->screen)) ||
	    (rc = kby__bool(ctx, item, "alone", &s->alone)) || (rc = kby__bool(ctx, item, "only", &s->only)) || (rc = kby__text(ctx, item, "help", true, &s->help, NULL)))
		return rc;
	if (!kby__is_id(s->id))
		return kby__fail(ctx, item, "safety question id '%s' must be lowercase letters, digits and _", s->id);
	ask = fy_node_mapping_lookup_by_string(item, "ask", FY_NT);
	for (i = 0; i < s->n_ask; i++) {
		if (interview__question_ref(kb, s->ask[i], NULL, NULL) < 0)
			return kby__fail(ctx, ask,
				"'%s' is not a question: give a finding that has a question, or a field path whose field has one "
				"(number, integer, enum, weights or string_list)",
				s->ask[i]);
		for (j = 0; j < i; j++)
			if (!strcmp(s->ask[i], s->ask[j]))
				return kby__fail(ctx, ask, "'%s' is listed twice", s->ask[i]);
	}
	when = fy_node_mapping_lookup_by_string(item, "when", FY_NT);
	if (when && (rc = cond__parse(ctx, when, 0, -1, &s->when)))
		return rc;
	if (s->only && !s->when)
		return kby__fail(ctx, item, "safety question '%s': 'only: true' needs a 'when' condition", s->id);
	return 0;
}

static int safety(kb_ctx *ctx, struct fy_node *root)
{
	kb_interview *iv = &ctx->kb->interview;
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "safety_first", FY_NT), *item;
	void *it = NULL;
	int count, rc;
	size_t j;

	if (!seq)
		return kby__fail(ctx, root, "missing 'safety_first' (the questions asked first; may be an empty list)");
	if (kby__is_null(seq))
		return 0;
	if (kby__expect(ctx, seq, FYNT_SEQUENCE, "safety_first"))
		return GALACTA_EKB;
	count = fy_node_sequence_item_count(seq);
	iv->safety = arena__calloc(&ctx->kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*iv->safety));
	if (!iv->safety)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_iv_safety *s = &iv->safety[iv->n_safety];
		if ((rc = safety_item(ctx, item, s)))
			return rc;
		for (j = 0; j < iv->n_safety; j++)
			if (!strcmp(iv->safety[j].id, s->id))
				return kby__fail(ctx, item, "duplicate safety question id '%s'", s->id);
		iv->n_safety++;
	}
	return 0;
}

/* Does id name a question, or (ending in '*') a prefix of one? */
static bool question_pattern(const struct galacta_kb *kb, const char *id)
{
	size_t i, n = strlen(id);

	if (!n)
		return false;
	if (id[n - 1] != '*')
		return interview__question_ref(kb, id, NULL, NULL) >= 0;
	for (i = 0; i < kb->n_findings + kb->n_fields; i++) {
		const char *q = i < kb->n_findings ? kb->findings[i].id : kb->fields[i - kb->n_findings].path;
		if (!strncmp(q, id, n - 1) && interview__question_ref(kb, q, NULL, NULL) >= 0)
			return true;
	}
	return false;
}

static int rates(kb_ctx *ctx, struct fy_node *root)
{
	static const char *const keys[] = {"ids", "rate", "note", NULL};
	struct galacta_kb *kb = ctx->kb;
	kb_interview *iv = &kb->interview;
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "answer_rates", FY_NT), *item;
	void *it = NULL;
	int count, rc;
	size_t i;

	if (!seq || kby__is_null(seq))
		return 0;
	if (kby__expect(ctx, seq, FYNT_SEQUENCE, "answer_rates"))
		return GALACTA_EKB;
	count = fy_node_sequence_item_count(seq);
	iv->rates = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*iv->rates));
	if (!iv->rates)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_iv_rate *r = &iv->rates[iv->n_rates];
		const char *note;
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "an answer rate")) ||
		    (rc = kby__keys(ctx, item, "answer rate", keys)) ||
		    (rc = kby__str_list(ctx, item, "ids", true, &r->ids, &r->n_ids)) ||
		    (rc = kby__num(ctx, item, "rate", true, &r->rate, NULL)) ||
		    (rc = kby__str(ctx, item, "note", false, &note)))
			return rc;
		if (!(r->rate > 0 && r->rate <= 1))
			return kby__fail(ctx, item, "rate must be above 0 and at most 1");
		for (i = 0; i < r->n_ids; i++)
			if (!question_pattern(kb, r->ids[i]))
				return kby__fail(ctx, item, "'%s' names no question (give an id or a prefix ending in *)",
					r->ids[i]);
		iv->n_rates++;
	}
	return 0;
}

/* Each question's answer rate, resolved once (the first matching entry
 * of answer_rates, else answer_rate). */
static int resolve_rates(struct galacta_kb *kb)
{
	kb_interview *iv = &kb->interview;
	size_t q, i, j;

	iv->finding_rate = arena__calloc(&kb->mem, kb->n_findings ? kb->n_findings : 1, sizeof(double));
	iv->field_rate = arena__calloc(&kb->mem, kb->n_fields ? kb->n_fields : 1, sizeof(double));
	if (!iv->finding_rate || !iv->field_rate)
		return error__set(GALACTA_ENOMEM, "out of memory");
	for (q = 0; q < kb->n_findings + kb->n_fields; q++) {
		const char *id = q < kb->n_findings ? kb->findings[q].id : kb->fields[q - kb->n_findings].path;
		double rate = iv->answer_rate;
		bool found = false;
		for (i = 0; i < iv->n_rates && !found; i++)
			for (j = 0; j < iv->rates[i].n_ids && !found; j++) {
				const char *p = iv->rates[i].ids[j];
				size_t n = strlen(p);
				if (n && p[n - 1] == '*' ? !strncmp(id, p, n - 1) : !strcmp(id, p)) {
					rate = iv->rates[i].rate;
					found = true;
				}
			}
		if (q < kb->n_findings)
			iv->finding_rate[q] = rate;
		else
			iv->field_rate[q - kb->n_findings] = rate;
	}
	return 0;
}

/* Which answers can change an observation (observe.c): found once, by
 * running observe.c on a few synthetic cases (nothing known; only the
 * baby's age; everything known with every finding absent, and present)
 * with each variable, and each finding, changed in turn. The interview then
 * recomputes observations only for those answers. */
typedef struct {
	const struct galacta_kb *kb;
	struct galacta_case *c;
	double *var, *base_var;
	unsigned char *known, *base_known;
	size_t nfield;
} probe;

/* Observations of the probe case into var/known. */
static void observe_probe(probe *p, double *var, unsigned char *known)
{
	size_t j;
	for (j = 0; j < p->kb->n_vars; j++) {
		var[j] = j < p->nfield ? p->c->var[j] : 0.0;
		known[j] = j < p->nfield && p->c->var_state[j] == VAR_KNOWN;
	}
	observe__compute(p->kb, p->c, var, known);
}

static bool probe_differs(probe *p)
{
	size_t j;
	observe_probe(p, p->var, p->known);
	for (j = p->nfield; j < p->kb->n_vars; j++)
		if (p->known[j] != p->base_known[j] || (p->known[j] && p->var[j] != p->base_var[j]))
			return true;
	return false;
}

/* Findings idx[0..n) set to value: which of them change an observation
 * (halving the set; observe.c reads few findings). */
static void probe_findings(probe *p, const int *idx, size_t n, signed char value, unsigned char *flag)
{
	signed char save[512];
	size_t i;
	bool differs;

	if (n > sizeof(save)) {
		probe_findings(p, idx, n / 2, value, flag);
		probe_findings(p, idx + n / 2, n - n / 2, value, flag);
		return;
	}
	for (i = 0; i < n; i++) {
		save[i] = p->c->finding[idx[i]];
		p->c->finding[idx[i]] = value;
	}
	differs = probe_differs(p);
	for (i = 0; i < n; i++)
		p->c->finding[idx[i]] = save[i];
	if (!differs)
		return;
	if (n == 1) {
		flag[idx[0]] = 1;
		return;
	}
	probe_findings(p, idx, n / 2, value, flag);
	probe_findings(p, idx + n / 2, n - n / 2, value, flag);
}

static int observe_inputs(struct galacta_kb *kb)
{
	kb_interview *iv = &kb->interview;
	size_t nv = kb->n_vars, nf = kb->n_findings, i, st, n;
	arena mem = {0};
	struct galacta_case c;
	case_weight w[2] = {{3, 3000}, {10, 3200}};
	const char *med = NULL;
	int age = kb__var_index(kb, "infant.age_days"), *fidx;
	probe p;

	iv->var_observes = arena__calloc(&kb->mem, nv ? nv : 1, 1);
	iv->finding_observes = arena__calloc(&kb->mem, nf ? nf : 1, 1);
	memset(&c, 0, sizeof(c));
	c.n_vars = nv;
	c.n_findings = nf;
	c.var = arena__calloc(&mem, nv ? nv : 1, sizeof(double));
	c.var_state = arena__calloc(&mem, nv ? nv : 1, 1);
	c.finding = arena__calloc(&mem, nf ? nf : 1, 1);
	c.finding_null = arena__calloc(&mem, nf ? nf : 1, 1);
	c.field_state = arena__calloc(&mem, kb->n_fields ? kb->n_fields : 1, 1);
	p.kb = kb;
	p.c = &c;
	p.nfield = nv - OBS_COUNT;
	p.var = arena__calloc(&mem, nv ? nv : 1, sizeof(double));
	p.base_var = arena__calloc(&mem, nv ? nv : 1, sizeof(double));
	p.known = arena__calloc(&mem, nv ? nv : 1, 1);
	p.base_known = arena__calloc(&mem, nv ? nv : 1, 1);
	fidx = arena__calloc(&mem, nf ? nf : 1, sizeof(int));
	if (!iv->var_observes || !iv->finding_observes || !c.var || !c.var_state || !c.finding || !c.finding_null ||
	    !c.field_state || !p.var || !p.base_var || !p.known || !p.base_known || !fidx) {
		arena__free(&mem);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	for (i = 0; i < kb->n_meds && !med; i++)
		if (kb->meds[i].effect == MED_LOWERS_SUPPLY && kb->meds[i].n_names)
			med = kb->meds[i].names[0];
	for (i = 0, n = 0; i < nf; i++)
		if (!kb->findings[i].derived)
			fidx[n++] = (int)i;
	/* States: 0 nothing known; 1 only the age (10 days); 2-5 everything
	 * known, numbers at half and three quarters of their ranges (so that,
	 * say, both a preterm and a term gestation are tried), every finding
	 * absent or present. */
	for (st = 0; st < 6; st++) {
		double at = st == 2 || st == 3 ? 0.5 : 0.75;
		for (i = 0; i < p.nfield; i++) {
			const kb_field *f = &kb->fields[kb->vars[i].field];
			bool on = st >= 2 || (st == 1 && (int)i == age);
			c.var[i] = f->type == FIELD_ENUM ? (st % 2 ? (double)f->n_choices - 1 : 0.0)
				   : (int)i == age ? 10.0
						   : f->min + (f->max - f->min) * at;
			if (f->type == FIELD_INTEGER)
				c.var[i] = floor(c.var[i]);
			c.var_state[i] = on ? VAR_KNOWN : VAR_MISSING;
		}
		memset(c.finding, st >= 2 ? (int)(st % 2) : -1, nf);
		c.weights = st >= 2 ? w : NULL;
		c.n_weights = st >= 2 ? 2 : 0;
		c.meds = &med;
		c.n_meds = st >= 2 && med ? 1 : 0;
		c.meds_given = st >= 2;
		observe_probe(&p, p.base_var, p.base_known);
		/* Each variable known where it was not, or unknown where it was. */
		for (i = 0; i < p.nfield; i++) {
			unsigned char save = c.var_state[i];
			c.var_state[i] = save == VAR_KNOWN ? VAR_MISSING : VAR_KNOWN;
			if (probe_differs(&p))
				iv->var_observes[i] = 1;
			c.var_state[i] = save;
		}
		/* Findings: each other value they can take in this state. */
		if (st < 2) {
			probe_findings(&p, fidx, n, 1, iv->finding_observes);
			probe_findings(&p, fidx, n, 0, iv->finding_observes);
		} else {
			probe_findings(&p, fidx, n, (signed char)(st % 2 ? 0 : 1), iv->finding_observes);
			probe_findings(&p, fidx, n, -1, iv->finding_observes);
		}
	}
	error__clear();
	arena__free(&mem);
	return 0;
}

static int choices(kb_ctx *ctx, struct fy_node *root)
{
	static const char *const keys[] = {"field", "labels", NULL};
	struct galacta_kb *kb = ctx->kb;
	kb_interview *iv = &kb->interview;
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "choices", FY_NT), *item;
	void *it = NULL;
	size_t i, k;
	int count, rc;

	if (seq && !kby__is_null(seq)) {
		if (kby__expect(ctx, seq, FYNT_SEQUENCE, "choices"))
			return GALACTA_EKB;
		count = fy_node_sequence_item_count(seq);
		iv->choices = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*iv->choices));
		if (!iv->choices)
			return error__set(GALACTA_ENOMEM, "out of memory");
		while ((item = fy_node_sequence_iterate(seq, &it))) {
			kb_iv_choices *ch = &iv->choices[iv->n_choices];
			const char *path = NULL;
			struct fy_node *labels;
			const kb_field *f;

			if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a choices entry")) ||
			    (rc = kby__keys(ctx, item, "choices entry", keys)) ||
			    (rc = kby__str(ctx, item, "field", true, &path)))
				return rc;
			ch->field = kb__field_index(kb, path);
			if (ch->field < 0 || kb->fields[ch->field].type != FIELD_ENUM)
				return kby__fail(ctx, item, "'%s' is not an enum field of fields.yaml", path);
			for (i = 0; i < iv->n_choices; i++)
				if (iv->choices[i].field == ch->field)
					return kby__fail(ctx, item, "labels for '%s' are given twice", path);
			f = &kb->fields[ch->field];
			labels = fy_node_mapping_lookup_by_string(item, "labels", FY_NT);
			if (!labels)
				return kby__fail(ctx, item, "missing 'labels'");
			if ((rc = kby__expect(ctx, labels, FYNT_MAPPING, "labels")))
				return rc;
			{
				/* kby__keys wants a NULL-terminated list. */
				const char **allowed = arena__calloc(&kb->mem, f->n_choices + 1, sizeof(char *));
				if (!allowed)
					return error__set(GALACTA_ENOMEM, "out of memory");
				memcpy(allowed, f->choices, f->n_choices * sizeof(char *));
				if ((rc = kby__keys(ctx, labels, "labels", allowed)))
					return rc;
			}
			ch->labels = arena__calloc(&kb->mem, f->n_choices, sizeof(*ch->labels));
			if (!ch->labels)
				return error__set(GALACTA_ENOMEM, "out of memory");
			for (k = 0; k < f->n_choices; k++) {
				bool present;
				if ((rc = kby__text(ctx, labels, f->choices[k], false, &ch->labels[k], &present)))
					return rc;
				if (!present)
					return kby__fail(ctx, labels, "no label for choice '%s' of %s", f->choices[k], path);
			}
			iv->n_choices++;
		}
	}
	/* Every enum the interview can ask needs plain words for its choices. */
	for (i = 0; i < kb->n_fields; i++) {
		bool found = false;
		if (kb->fields[i].type != FIELD_ENUM || !kb->fields[i].has_question)
			continue;
		for (k = 0; k < iv->n_choices; k++)
			found |= iv->choices[k].field == (int)i;
		if (!found)
			return kby__fail(ctx, seq ? seq : root, "no 'choices' labels for the enum field '%s'",
				kb->fields[i].path);
	}
	return 0;
}

static int words(kb_ctx *ctx, struct fy_node *root)
{
	static const char *const langs[LANG_COUNT] = {"en", "zh-Hans"};
	static const char *const lang_keys[] = {"en", "zh-Hans", NULL};
	kb_interview *iv = &ctx->kb->interview;
	struct fy_node *map = fy_node_mapping_lookup_by_string(root, "answers", FY_NT);
	int rc, w, l, w2;
	size_t i, j;

	if (!map)
		return kby__fail(ctx, root, "missing 'answers' (the words a person may type)");
	if ((rc = kby__expect(ctx, map, FYNT_MAPPING, "answers")) ||
	    (rc = kby__keys(ctx, map, "answers", word_keys)))
		return rc;
	for (w = 0; w < IV_WORD_COUNT; w++) {
		struct fy_node *n = fy_node_mapping_lookup_by_string(map, word_keys[w], FY_NT);
		if (!n)
			return kby__fail(ctx, map, "missing answer words '%s'", word_keys[w]);
		if ((rc = kby__expect(ctx, n, FYNT_MAPPING, word_keys[w])) ||
		    (rc = kby__keys(ctx, n, word_keys[w], lang_keys)))
			return rc;
		for (l = 0; l < LANG_COUNT; l++) {
			kb_iv_words *ws = &iv->words[w][l];
			if ((rc = kby__str_list(ctx, n, langs[l], true, &ws->w, &ws->n)))
				return rc;
			for (i = 0; i < ws->n; i++) {
				const char *s = ws->w[i];
				if (!*s)
					return kby__fail(ctx, n, "answer words '%s' (%s): empty word", word_keys[w], langs[l]);
				for (; *s; s++)
					if (*s >= 'A' && *s <= 'Z')
						return kby__fail(ctx, n, "answer words '%s' (%s): '%s' must be lowercase",
							word_keys[w], langs[l], ws->w[i]);
			}
		}
	}
	/* A typed word must mean one thing. "none" may repeat "no": it is read
	 * only for lists, where "no" means none. */
	for (l = 0; l < LANG_COUNT; l++)
		for (w = 0; w < IV_WORD_NONE; w++)
			for (w2 = w + 1; w2 < IV_WORD_NONE; w2++)
				for (i = 0; i < iv->words[w][l].n; i++)
					for (j = 0; j < iv->words[w2][l].n; j++)
						if (!strcmp(iv->words[w][l].w[i], iv->words[w2][l].w[j]))
							return kby__fail(ctx, map, "'%s' is both a '%s' and a '%s' answer (%s)",
								iv->words[w][l].w[i], word_keys[w], word_keys[w2], langs[l]);
	return 0;
}

static int texts(kb_ctx *ctx, struct fy_node *root)
{
	static const char *const keys[] = {"id", "text", NULL};
	struct galacta_kb *kb = ctx->kb;
	kb_interview *iv = &kb->interview;
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "texts", FY_NT), *item;
	void *it = NULL;
	const char *const *k;
	int count, rc;
	size_t i;

	if (!seq)
		return kby__fail(ctx, root, "missing 'texts' (the interview's interface strings)");
	if (kby__expect(ctx, seq, FYNT_SEQUENCE, "texts"))
		return GALACTA_EKB;
	count = fy_node_sequence_item_count(seq);
	iv->texts = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*iv->texts));
	if (!iv->texts)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_advice *t = &iv->texts[iv->n_texts];
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "an interface string")) ||
		    (rc = kby__keys(ctx, item, "interface string", keys)) || (rc = kby__str(ctx, item, "id", true, &t->id)) ||
		    (rc = kby__text_ex(ctx, item, "text", true, &t->text, NULL, true)))
			return rc;
		for (i = 0; i < iv->n_texts; i++)
			if (!strcmp(iv->texts[i].id, t->id))
				return kby__fail(ctx, item, "duplicate interface string '%s'", t->id);
		iv->n_texts++;
	}
	for (k = interview__text_keys; *k; k++) {
		bool found = false;
		for (i = 0; i < iv->n_texts; i++)
			found |= !strcmp(iv->texts[i].id, *k);
		if (!found)
			return kby__fail(ctx, seq, "missing interface string '%s'", *k);
	}
	return 0;
}

/* With groups (group_max_items > 1) the interface strings of a group
 * must be there: how to answer one, the message for a bad yes/no list,
 * the title of the safety screen, and a title per topic of findings and
 * fields that have a question ("group_" + topic). */
static int group_texts(kb_ctx *ctx, struct fy_node *root)
{
	static const char *const fixed[] = {"help_group", "checklist_how", "bad_checklist", "group_safety",
		"group_measurements", NULL};
	const struct galacta_kb *kb = ctx->kb;
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "texts", FY_NT);
	const char *const *k;
	char id[128];
	size_t i;

	if (kb->interview.group_max_items <= 1)
		return 0;
	for (k = fixed; *k; k++)
		if (!*interview__text(kb, *k, 0))
			return kby__fail(ctx, seq, "missing interface string '%s' (group_max_items is above 1)", *k);
	for (i = 0; i < kb->n_findings; i++) {
		const kb_finding *f = &kb->findings[i];
		if (f->derived || !f->has_question)
			continue;
		snprintf(id, sizeof(id), "group_%s", f->group ? f->group : "");
		if (!*interview__text(kb, id, 0))
			return kby__fail(ctx, seq,
				"missing interface string '%s': the title of a checklist of the findings of group '%s'",
				id, f->group ? f->group : "");
	}
	for (i = 0; i < kb->n_fields; i++) {
		const kb_field *f = &kb->fields[i];
		if (!f->group)
			continue;
		if (f->type != FIELD_NUMBER && f->type != FIELD_INTEGER && f->type != FIELD_ENUM)
			return kby__fail(ctx, seq, "field %s: only number, integer and enum fields can have a group", f->path);
		snprintf(id, sizeof(id), "group_%s", f->group);
		if (!*interview__text(kb, id, 0))
			return kby__fail(ctx, seq, "missing interface string '%s': the title of the group of field %s", id,
				f->path);
	}
	return 0;
}

/* units: [{unit: "days", text: {en: "days", zh-Hans: "天"}}, …]; every
 * unit of a field the interview can ask needs one. */
static int units(kb_ctx *ctx, struct fy_node *root)
{
	static const char *const keys[] = {"unit", "text", NULL};
	struct galacta_kb *kb = ctx->kb;
	kb_interview *iv = &kb->interview;
	struct fy_node *seq = fy_node_mapping_lookup_by_string(root, "units", FY_NT), *item;
	void *it = NULL;
	int count, rc;
	size_t i, j;

	if (!seq)
		return kby__fail(ctx, root, "missing 'units' (field units in plain words)");
	if (kby__expect(ctx, seq, FYNT_SEQUENCE, "units"))
		return GALACTA_EKB;
	count = fy_node_sequence_item_count(seq);
	iv->units = arena__calloc(&kb->mem, (size_t)(count > 0 ? count : 1), sizeof(*iv->units));
	if (!iv->units)
		return error__set(GALACTA_ENOMEM, "out of memory");
	while ((item = fy_node_sequence_iterate(seq, &it))) {
		kb_advice *u = &iv->units[iv->n_units];
		if ((rc = kby__expect(ctx, item, FYNT_MAPPING, "a unit")) || (rc = kby__keys(ctx, item, "unit", keys)) ||
		    (rc = kby__str(ctx, item, "unit", true, &u->id)) || (rc = kby__text(ctx, item, "text", true, &u->text, NULL)))
			return rc;
		for (i = 0; i < iv->n_units; i++)
			if (!strcmp(iv->units[i].id, u->id))
				return kby__fail(ctx, item, "unit '%s' is given twice", u->id);
		iv->n_units++;
	}
	for (i = 0; i < kb->n_fields; i++) {
		const kb_field *f = &kb->fields[i];
		bool found = false;
		if (!f->unit || !*f->unit || interview__question_ref(kb, f->path, NULL, NULL) < 0)
			continue;
		for (j = 0; j < iv->n_units; j++)
			found |= !strcmp(iv->units[j].id, f->unit);
		if (!found)
			return kby__fail(ctx, seq, "no 'units' entry for '%s' (the unit of %s)", f->unit, f->path);
	}
	return 0;
}

int kbl__load_interview(kb_ctx *ctx)
{
	static const char *const keys[] = {"settings", "safety_first", "answer_rates", "choices", "answers", "texts",
		"units", NULL};
	char path[4096];
	struct stat st;
	struct fy_document *doc;
	struct fy_node *root;
	int rc;

	snprintf(path, sizeof(path), "%s/interview.yaml", ctx->kb->dir);
	if (stat(path, &st) != 0 && errno == ENOENT)
		return 0; /* optional: this KB does not interview */
	if ((rc = kbl__open(ctx, "interview.yaml", &doc, &root, FYNT_MAPPING)))
		return rc;
	if (!(rc = kby__keys(ctx, root, "interview", keys)) && !(rc = settings(ctx, root)) &&
	    !(rc = safety(ctx, root)) && !(rc = rates(ctx, root)) && !(rc = resolve_rates(ctx->kb)) &&
	    !(rc = observe_inputs(ctx->kb)) &&
	    !(rc = choices(ctx, root)) && !(rc = words(ctx, root)) && !(rc = texts(ctx, root)) &&
	    !(rc = group_texts(ctx, root)))
		rc = units(ctx, root);
	if (!rc)
		ctx->kb->interview.present = true;
	fy_document_destroy(doc);
	return rc;
}
