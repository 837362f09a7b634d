/*
 * gen_kb_builtin.c — compiles the knowledge base into C. It loads kb/ with
 * the library's own loader (so every validation rule applies at build
 * time) and prints the loaded structures as static C data with a
 * "generated — do not edit" banner. galacta_kb_load(NULL) then returns the
 * compiled KB without parsing YAML at start-up (docs/kb-format.md,
 * "Compiled KB"; the cost is measured by bench/run).
 * Usage: gen_kb_builtin KB_DIR > kb_builtin.c
 */
#include "kb_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *out;
static unsigned next_id;

static void str(const char *s)
{
	if (!s) {
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f && c != '?')
			fputc(c, out);
		else
			fprintf(out, "\\%03o", c); /* octal: never swallows the next char */
	}
	fputc('"', out);
}

static void text(const kb_text *t)
{
	fputs("{{", out);
	str(t->t[0]);
	fputs(", ", out);
	str(t->t[1]);
	fputs("}}", out);
}

/* Emits an int array and returns its id (0 = none). */
static unsigned refs_array(const kb_refs *r)
{
	unsigned id;
	size_t i;

	if (!r->n)
		return 0;
	id = ++next_id;
	fprintf(out, "static int r%u[] = {", id);
	for (i = 0; i < r->n; i++)
		fprintf(out, "%s%d", i ? ", " : "", r->idx[i]);
	fputs("};\n", out);
	return id;
}

static void refs(unsigned id, size_t n)
{
	if (id)
		fprintf(out, "{r%u, %zu}", id, n);
	else
		fputs("{NULL, 0}", out);
}

static unsigned str_array(const char *const *a, size_t n)
{
	unsigned id;
	size_t i;

	if (!n)
		return 0;
	id = ++next_id;
	fprintf(out, "static const char *s%u[] = {", id);
	for (i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		str(a[i]);
	}
	fputs("};\n", out);
	return id;
}

static unsigned cond(const kb_cond *c)
{
	unsigned id, kids = 0, *k = NULL;
	size_t i;

	if (!c)
		return 0;
	if (c->n_kids) {
		k = calloc(c->n_kids, sizeof(*k));
		if (!k)
			exit(2);
		for (i = 0; i < c->n_kids; i++)
			k[i] = cond(c->kids[i]);
		kids = ++next_id;
		fprintf(out, "static kb_cond *k%u[] = {", kids);
		for (i = 0; i < c->n_kids; i++)
			fprintf(out, "%s&c%u", i ? ", " : "", k[i]);
		fputs("};\n", out);
		free(k);
	}
	id = ++next_id;
	fprintf(out, "static kb_cond c%u = {.kind = %d, .index = %d, .cmp = %uu, .lt = %.17g, .le = %.17g, "
		     ".gt = %.17g, .ge = %.17g, .eq = %.17g, .enum_mask = %uu, .want = %d, .at_least = %d, ",
		id, (int)c->kind, c->index, c->cmp, c->lt, c->le, c->gt, c->ge, c->eq, c->enum_mask, c->want,
		c->at_least);
	if (kids)
		fprintf(out, ".kids = k%u, .n_kids = %zu};\n", kids, c->n_kids);
	else
		fputs(".kids = NULL, .n_kids = 0};\n", out);
	return id;
}

static unsigned advice(const kb_advice *a, size_t n)
{
	unsigned id, *r = calloc(n ? n : 1, sizeof(unsigned));
	size_t i;

	if (!r)
		exit(2);
	if (!n) {
		free(r);
		return 0;
	}
	for (i = 0; i < n; i++)
		r[i] = refs_array(&a[i].sources);
	id = ++next_id;
	fprintf(out, "static kb_advice a%u[] = {\n", id);
	for (i = 0; i < n; i++) {
		fputs("\t{.id = ", out);
		str(a[i].id);
		fputs(", .text = ", out);
		text(&a[i].text);
		fputs(", .sources = ", out);
		refs(r[i], a[i].sources.n);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	free(r);
	return id;
}

static unsigned rules(const kb_rule *rl, size_t n)
{
	unsigned id, *w = calloc(n ? n : 1, sizeof(unsigned)), *r = calloc(n ? n : 1, sizeof(unsigned));
	size_t i;

	if (!w || !r)
		exit(2);
	for (i = 0; i < n; i++) {
		w[i] = cond(rl[i].when);
		r[i] = refs_array(&rl[i].sources);
	}
	id = ++next_id;
	fprintf(out, "static kb_rule u%u[] = {\n", id);
	for (i = 0; i < n; i++) {
		fputs("\t{.id = ", out);
		str(rl[i].id);
		fprintf(out, ", .level_or_status = %d, .when = &c%u, .text = ", rl[i].level_or_status, w[i]);
		text(&rl[i].text);
		fputs(", .action = ", out);
		text(&rl[i].action);
		fprintf(out, ", .has_action = %d, .sources = ", rl[i].has_action);
		refs(r[i], rl[i].sources.n);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	free(w);
	free(r);
	return id;
}

static unsigned cause(const kb_cause *c)
{
	unsigned icd = 0, links = 0, adv, tr = 0, src, psrc, id;
	unsigned *lr = calloc(c->n_links + 1, sizeof(unsigned)), *trr = calloc(c->n_treatments + 1, sizeof(unsigned));
	size_t i;

	if (!lr || !trr)
		exit(2);
	if (c->n_icd10) {
		icd = ++next_id;
		fprintf(out, "static kb_icd10 i%u[] = {", icd);
		for (i = 0; i < c->n_icd10; i++) {
			fputs("{.code = ", out);
			str(c->icd10[i].code);
			fputs(", .label = ", out);
			text(&c->icd10[i].label);
			fputs("}, ", out);
		}
		fputs("};\n", out);
	}
	for (i = 0; i < c->n_links; i++)
		lr[i] = refs_array(&c->links[i].sources);
	links = ++next_id;
	fprintf(out, "static kb_link l%u[] = {\n", links);
	for (i = 0; i < c->n_links; i++) {
		fprintf(out, "\t{.finding = %d, .lr_present = %.17g, .lr_absent = %.17g, .sources = ",
			c->links[i].finding, c->links[i].lr_present, c->links[i].lr_absent);
		refs(lr[i], c->links[i].sources.n);
		fputs(", .note = ", out);
		str(c->links[i].note);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	adv = advice(c->advice, c->n_advice);
	for (i = 0; i < c->n_treatments; i++)
		trr[i] = refs_array(&c->treatments[i].sources);
	if (c->n_treatments) {
		tr = ++next_id;
		fprintf(out, "static kb_treatment t%u[] = {\n", tr);
		for (i = 0; i < c->n_treatments; i++) {
			const kb_treatment *t = &c->treatments[i];
			fputs("\t{.id = ", out);
			str(t->id);
			fprintf(out, ", .kind = %d, .name = ", (int)t->kind);
			text(&t->name);
			fputs(", .text = ", out);
			text(&t->text);
			fputs(", .lactation_safety = ", out);
			text(&t->lactation_safety);
			fputs(", .evidence_note = ", out);
			text(&t->evidence_note);
			fprintf(out, ", .has_safety = %d, .has_evidence_note = %d, .from_seed = %d, .level = %d, .sources = ",
				t->has_safety, t->has_evidence_note, t->from_seed, (int)t->level);
			refs(trr[i], t->sources.n);
			fputs("},\n", out);
		}
		fputs("};\n", out);
	}
	src = refs_array(&c->sources);
	psrc = refs_array(&c->prior_sources);
	id = ++next_id;
	fprintf(out, "#define CAUSE%u {.id = ", id);
	str(c->id);
	fputs(", .category = ", out);
	str(c->category);
	if (icd)
		fprintf(out, ", .icd10 = i%u, .n_icd10 = %zu", icd, c->n_icd10);
	fputs(", .name = ", out);
	text(&c->name);
	fputs(", .summary = ", out);
	text(&c->summary);
	fputs(", .mechanism = ", out);
	text(&c->mechanism);
	fprintf(out, ", .level = %d, .sources = ", (int)c->level);
	refs(src, c->sources.n);
	fprintf(out, ", .prior = %.17g, .prior_sources = ", c->prior);
	refs(psrc, c->prior_sources.n);
	fputs(", .prior_note = ", out);
	str(c->prior_note);
	fprintf(out, ", .links = l%u, .n_links = %zu", links, c->n_links);
	if (adv)
		fprintf(out, ", .advice = a%u, .n_advice = %zu", adv, c->n_advice);
	if (tr)
		fprintf(out, ", .treatments = t%u, .n_treatments = %zu", tr, c->n_treatments);
	fputs("}\n", out);
	free(lr);
	free(trr);
	return id;
}

/* kb/growth.yaml: statements, norms and percentile lines. Emits the
 * arrays and returns, through ids, the names the KB struct refers to. */
typedef struct {
	unsigned wl, gain, pump, lines, lines_src, lact_src, corr_src, plaus_src;
} growth_ids;

static unsigned statement_refs(const kb_statement *st)
{
	return refs_array(&st->sources);
}

static void statement(const kb_statement *st, unsigned src)
{
	fputs("{.text = ", out);
	text(&st->text);
	fputs(", .sources = ", out);
	refs(src, st->sources.n);
	fputs("}", out);
}

static growth_ids growth(const struct galacta_kb *kb)
{
	growth_ids g = {0, 0, 0, 0, 0, 0, 0};
	unsigned *r;
	size_t i;

	r = calloc(kb->n_wl_statements + 1, sizeof(unsigned));
	if (!r)
		exit(2);
	for (i = 0; i < kb->n_wl_statements; i++)
		r[i] = refs_array(&kb->wl_statements[i].sources);
	g.wl = ++next_id;
	fprintf(out, "static kb_wl_statement w%u[] = {\n", g.wl);
	for (i = 0; i < kb->n_wl_statements; i++) {
		const kb_wl_statement *w = &kb->wl_statements[i];
		fputs("\t{.id = ", out);
		str(w->id);
		fprintf(out, ", .delivery_mask = %uu, .hours = %.17g, .statistic = %d, .threshold_pct = %.17g, "
			     ".relation = %d, .value_pct = %.17g, .show_from_hours = %.17g, .show_to_hours = %.17g, .text = ",
			w->delivery_mask, w->hours, (int)w->statistic, w->threshold_pct, (int)w->relation, w->value_pct,
			w->show_from_hours, w->show_to_hours);
		text(&w->text);
		fputs(", .sources = ", out);
		refs(r[i], w->sources.n);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	free(r);

	r = calloc(kb->n_gain_norms + 1, sizeof(unsigned));
	if (!r)
		exit(2);
	for (i = 0; i < kb->n_gain_norms; i++)
		r[i] = refs_array(&kb->gain_norms[i].sources);
	g.gain = ++next_id;
	fprintf(out, "static kb_gain_norm y%u[] = {\n", g.gain);
	for (i = 0; i < kb->n_gain_norms; i++) {
		const kb_gain_norm *n = &kb->gain_norms[i];
		fputs("\t{.id = ", out);
		str(n->id);
		fprintf(out, ", .from_day = %.17g, .to_day = %.17g, .low_g_per_day = %.17g, .good_g_per_day = %.17g, .text = ",
			n->from_day, n->to_day, n->low_g_per_day, n->good_g_per_day);
		text(&n->text);
		fputs(", .sources = ", out);
		refs(r[i], n->sources.n);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	free(r);

	r = calloc(kb->n_pumping_norms + 1, sizeof(unsigned));
	if (!r)
		exit(2);
	for (i = 0; i < kb->n_pumping_norms; i++)
		r[i] = refs_array(&kb->pumping_norms[i].sources);
	g.pump = ++next_id;
	fprintf(out, "static kb_pumping_norm p%u[] = {\n", g.pump);
	for (i = 0; i < kb->n_pumping_norms; i++) {
		const kb_pumping_norm *n = &kb->pumping_norms[i];
		fputs("\t{.id = ", out);
		str(n->id);
		fprintf(out, ", .from_day = %d, .to_day = %d, .lower_limit_ml = %.17g, .full_supply_ml = %.17g, .text = ",
			n->from_day, n->to_day, n->lower_limit_ml, n->full_supply_ml);
		text(&n->text);
		fputs(", .sources = ", out);
		refs(r[i], n->sources.n);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	free(r);

	g.lines = ++next_id;
	fprintf(out, "static double d%u[] = {", g.lines);
	for (i = 0; i < kb->n_percentile_lines; i++)
		fprintf(out, "%s%.17g", i ? ", " : "", kb->percentile_lines[i]);
	fputs("};\n", out);
	g.lines_src = statement_refs(&kb->percentile_lines_statement);
	g.lact_src = statement_refs(&kb->lactogenesis_statement);
	g.corr_src = statement_refs(&kb->corrected_age_statement);
	g.plaus_src = refs_array(&kb->plausibility_sources);
	return g;
}

/* kb/interview.yaml: safety questions, choice labels, answer words and
 * interface strings. Emits the arrays, then (interview_struct) the
 * initializer of kb->interview. */
typedef struct {
	unsigned safety, choices, texts, units, rates, finding_rate, field_rate, finding_obs, var_obs;
	unsigned words[IV_WORD_COUNT][LANG_COUNT];
} interview_ids;

static unsigned bytes(const unsigned char *b, size_t n)
{
	unsigned id;
	size_t i;

	if (!b || !n)
		return 0;
	id = ++next_id;
	fprintf(out, "static unsigned char ivb%u[] = {", id);
	for (i = 0; i < n; i++)
		fprintf(out, "%s%u", i ? ", " : "", b[i]);
	fputs("};\n", out);
	return id;
}

static unsigned doubles(const double *d, size_t n)
{
	unsigned id;
	size_t i;

	if (!d || !n)
		return 0;
	id = ++next_id;
	fprintf(out, "static double ivd%u[] = {", id);
	for (i = 0; i < n; i++)
		fprintf(out, "%s%.17g", i ? ", " : "", d[i]);
	fputs("};\n", out);
	return id;
}

static interview_ids interview(const struct galacta_kb *kb)
{
	const kb_interview *iv = &kb->interview;
	interview_ids ids;
	unsigned *ask = calloc(iv->n_safety + 1, sizeof(unsigned)), *when = calloc(iv->n_safety + 1, sizeof(unsigned));
	unsigned *labels = calloc(iv->n_choices + 1, sizeof(unsigned));
	size_t i, k;
	int w, l;

	if (!ask || !when || !labels)
		exit(2);
	memset(&ids, 0, sizeof(ids));
	for (i = 0; i < iv->n_safety; i++) {
		ask[i] = str_array(iv->safety[i].ask, iv->safety[i].n_ask);
		when[i] = cond(iv->safety[i].when);
	}
	if (iv->n_safety) {
		ids.safety = ++next_id;
		fprintf(out, "static kb_iv_safety ivs%u[] = {\n", ids.safety);
		for (i = 0; i < iv->n_safety; i++) {
			fputs("\t{.id = ", out);
			str(iv->safety[i].id);
			fprintf(out, ", .ask = s%u, .n_ask = %zu, .all = %d, .alone = %d, .only = %d, .screen = %d, ",
				ask[i], iv->safety[i].n_ask, iv->safety[i].all, iv->safety[i].alone, iv->safety[i].only,
				iv->safety[i].screen);
			if (when[i])
				fprintf(out, ".when = &c%u, ", when[i]);
			fputs(".help = ", out);
			text(&iv->safety[i].help);
			fputs("},\n", out);
		}
		fputs("};\n", out);
	}
	for (i = 0; i < iv->n_choices; i++) {
		labels[i] = ++next_id;
		fprintf(out, "static kb_text ivl%u[] = {", labels[i]);
		for (k = 0; k < kb->fields[iv->choices[i].field].n_choices; k++) {
			text(&iv->choices[i].labels[k]);
			fputs(", ", out);
		}
		fputs("};\n", out);
	}
	if (iv->n_choices) {
		ids.choices = ++next_id;
		fprintf(out, "static kb_iv_choices ivc%u[] = {", ids.choices);
		for (i = 0; i < iv->n_choices; i++)
			fprintf(out, "{.field = %d, .labels = ivl%u}, ", iv->choices[i].field, labels[i]);
		fputs("};\n", out);
	}
	if (iv->n_rates) {
		unsigned *rid = calloc(iv->n_rates, sizeof(unsigned));
		if (!rid)
			exit(2);
		for (i = 0; i < iv->n_rates; i++)
			rid[i] = str_array(iv->rates[i].ids, iv->rates[i].n_ids);
		ids.rates = ++next_id;
		fprintf(out, "static kb_iv_rate ivr%u[] = {", ids.rates);
		for (i = 0; i < iv->n_rates; i++)
			fprintf(out, "{.ids = s%u, .n_ids = %zu, .rate = %.17g}, ", rid[i], iv->rates[i].n_ids,
				iv->rates[i].rate);
		fputs("};\n", out);
		free(rid);
	}
	ids.finding_obs = bytes(iv->finding_observes, kb->n_findings);
	ids.var_obs = bytes(iv->var_observes, kb->n_vars);
	ids.finding_rate = doubles(iv->finding_rate, kb->n_findings);
	ids.field_rate = doubles(iv->field_rate, kb->n_fields);
	for (w = 0; w < IV_WORD_COUNT; w++)
		for (l = 0; l < LANG_COUNT; l++)
			ids.words[w][l] = str_array(iv->words[w][l].w, iv->words[w][l].n);
	ids.texts = advice(iv->texts, iv->n_texts);
	ids.units = advice(iv->units, iv->n_units);
	free(ask);
	free(when);
	free(labels);
	return ids;
}

static void interview_struct(const kb_interview *iv, const interview_ids *ids)
{
	int w, l;

	fprintf(out, "\t.interview = {.present = %d, .max_questions = %.17g, .min_gain_bits = %.17g, "
		     ".min_change_probability = %.17g, .triage_weight = %.17g, .finding_prevalence = %.17g, "
		     ".red_flag_rate = %.17g, .answer_rate = %.17g, .group_max_items = %.17g, "
		     ".group_min_gain_bits = %.17g, .red_flags_first = %d,\n\t\t",
		iv->present, iv->max_questions, iv->min_gain_bits, iv->min_change_probability, iv->triage_weight,
		iv->finding_prevalence, iv->red_flag_rate, iv->answer_rate, iv->group_max_items,
		iv->group_min_gain_bits, iv->red_flags_first);
	if (ids->rates)
		fprintf(out, ".rates = ivr%u, .n_rates = %zu, ", ids->rates, iv->n_rates);
	if (ids->finding_rate)
		fprintf(out, ".finding_rate = ivd%u, ", ids->finding_rate);
	if (ids->field_rate)
		fprintf(out, ".field_rate = ivd%u, ", ids->field_rate);
	if (ids->finding_obs)
		fprintf(out, ".finding_observes = ivb%u, ", ids->finding_obs);
	if (ids->var_obs)
		fprintf(out, ".var_observes = ivb%u, ", ids->var_obs);
	if (ids->safety)
		fprintf(out, ".safety = ivs%u, .n_safety = %zu, ", ids->safety, iv->n_safety);
	if (ids->choices)
		fprintf(out, ".choices = ivc%u, .n_choices = %zu, ", ids->choices, iv->n_choices);
	if (ids->texts)
		fprintf(out, ".texts = a%u, .n_texts = %zu, ", ids->texts, iv->n_texts);
	if (ids->units)
		fprintf(out, ".units = a%u, .n_units = %zu, ", ids->units, iv->n_units);
	fputs("\n\t\t.words = {", out);
	for (w = 0; w < IV_WORD_COUNT; w++) {
		fputs("{", out);
		for (l = 0; l < LANG_COUNT; l++) {
			if (ids->words[w][l])
				fprintf(out, "{s%u, %zu}, ", ids->words[w][l], iv->words[w][l].n);
			else
				fputs("{NULL, 0}, ", out);
		}
		fputs("}, ", out);
	}
	fputs("}},\n", out);
}

/* A look-up table (kb_index.c) as the loader built it. */
static unsigned name_index(const kb_name_index *ix)
{
	unsigned id;
	size_t i;

	if (!ix->slot)
		return 0;
	id = ++next_id;
	fprintf(out, "static const int x%u[] = {", id);
	for (i = 0; i <= ix->mask; i++)
		fprintf(out, "%s%d", i ? ", " : "", ix->slot[i]);
	fputs("};\n", out);
	return id;
}

static void name_index_field(const char *member, unsigned id, const kb_name_index *ix)
{
	if (id)
		fprintf(out, "\t.%s = {x%u, %zu},\n", member, id, ix->mask);
}

int main(int argc, char **argv)
{
	galacta_kb *kb;
	unsigned *u, *w, *r, findings, fields, vars, causes, srules, trules, meds, norms, general, ui,
		claims, dsrc, seedsrc, *cu;
	unsigned ix_sources, ix_fields, ix_vars, ix_findings, ix_causes;
	growth_ids gw;
	interview_ids ivids;
	size_t i;

	out = stdout;
	if (argc != 2) {
		fprintf(stderr, "usage: gen_kb_builtin KB_DIR\n");
		return 2;
	}
	if (galacta_kb_load(argv[1], &kb)) {
		fprintf(stderr, "gen_kb_builtin: %s/%s\n", argv[1], galacta_error_last());
		return 1;
	}
	fputs("/* generated — do not edit; generator: tools/gen_kb_builtin.c, from kb/ */\n"
	      "#include \"kb_builtin.h\"\n#include \"kb_internal.h\"\n#include <stddef.h>\n\n", out);
	fputs("#if defined(__GNUC__)\n#pragma GCC diagnostic ignored \"-Wmissing-field-initializers\"\n#endif\n", out);

	/* sources */
	fputs("static kb_source sources[] = {\n", out);
	for (i = 0; i < kb->n_sources; i++) {
		const kb_source *s = &kb->sources[i];
		fputs("\t{.id = ", out);
		str(s->id);
		fputs(", .citation = ", out);
		str(s->citation);
		fputs(", .url = ", out);
		str(s->url);
		fputs(", .note = ", out);
		str(s->note);
		fprintf(out, ", .level = %d},\n", (int)s->level);
	}
	fputs("};\n", out);

	/* fields */
	u = calloc(kb->n_fields + 1, sizeof(unsigned));
	for (i = 0; i < kb->n_fields; i++)
		u[i] = str_array(kb->fields[i].choices, kb->fields[i].n_choices);
	fields = ++next_id;
	fprintf(out, "static kb_field f%u[] = {\n", fields);
	for (i = 0; i < kb->n_fields; i++) {
		const kb_field *f = &kb->fields[i];
		fputs("\t{.path = ", out);
		str(f->path);
		fputs(", .unit = ", out);
		str(f->unit);
		fputs(", .group = ", out);
		str(f->group);
		fprintf(out, ", .type = %d, .min = %.17g, .max = %.17g, .has_range = %d, ", (int)f->type, f->min,
			f->max, f->has_range);
		if (u[i])
			fprintf(out, ".choices = s%u, .n_choices = %zu, ", u[i], f->n_choices);
		fputs(".label = ", out);
		text(&f->label);
		fputs(", .question = ", out);
		text(&f->question);
		fprintf(out, ", .has_question = %d, .var = %d},\n", f->has_question, f->var);
	}
	fputs("};\n", out);
	free(u);

	vars = ++next_id;
	fprintf(out, "static kb_var v%u[] = {\n", vars);
	for (i = 0; i < kb->n_vars; i++) {
		fputs("\t{.name = ", out);
		str(kb->vars[i].name);
		fprintf(out, ", .field = %d},\n", kb->vars[i].field);
	}
	fputs("};\n", out);

	/* findings */
	w = calloc(kb->n_findings + 1, sizeof(unsigned));
	r = calloc(kb->n_findings + 1, sizeof(unsigned));
	for (i = 0; i < kb->n_findings; i++) {
		w[i] = cond(kb->findings[i].when);
		r[i] = refs_array(&kb->findings[i].sources);
	}
	findings = ++next_id;
	fprintf(out, "static kb_finding g%u[] = {\n", findings);
	for (i = 0; i < kb->n_findings; i++) {
		const kb_finding *f = &kb->findings[i];
		fputs("\t{.id = ", out);
		str(f->id);
		fputs(", .group = ", out);
		str(f->group);
		fputs(", .label = ", out);
		text(&f->label);
		fputs(", .question = ", out);
		text(&f->question);
		fprintf(out, ", .has_question = %d, .derived = %d, .after_supply = %d, ", f->has_question, f->derived,
			f->after_supply);
		if (w[i])
			fprintf(out, ".when = &c%u, ", w[i]);
		fputs(".sources = ", out);
		refs(r[i], f->sources.n);
		fprintf(out, ", .line = %d},\n", f->line);
	}
	fputs("};\n", out);
	free(w);
	free(r);

	/* causes */
	cu = calloc(kb->n_causes + 1, sizeof(unsigned));
	for (i = 0; i < kb->n_causes; i++)
		cu[i] = cause(&kb->causes[i]);
	causes = ++next_id;
	fprintf(out, "static kb_cause h%u[] = {\n", causes);
	for (i = 0; i < kb->n_causes; i++)
		fprintf(out, "\tCAUSE%u,\n", cu[i]);
	fputs("};\n", out);
	free(cu);

	srules = rules(kb->supply_rules, kb->n_supply_rules);
	trules = rules(kb->triage_rules, kb->n_triage_rules);

	/* medications */
	u = calloc(kb->n_meds + 1, sizeof(unsigned));
	r = calloc(kb->n_meds + 1, sizeof(unsigned));
	for (i = 0; i < kb->n_meds; i++) {
		u[i] = str_array(kb->meds[i].names, kb->meds[i].n_names);
		r[i] = refs_array(&kb->meds[i].sources);
	}
	meds = ++next_id;
	fprintf(out, "static kb_medication m%u[] = {\n", meds);
	for (i = 0; i < kb->n_meds; i++) {
		const kb_medication *m = &kb->meds[i];
		fputs("\t{.id = ", out);
		str(m->id);
		fprintf(out, ", .names = s%u, .n_names = %zu, .effect = %d, .name = ", u[i], m->n_names, (int)m->effect);
		text(&m->name);
		fputs(", .note = ", out);
		text(&m->note);
		fputs(", .sources = ", out);
		refs(r[i], m->sources.n);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	free(u);
	free(r);

	norms = ++next_id;
	fprintf(out, "static kb_diaper_norm n%u[] = {\n", norms);
	for (i = 0; i < kb->n_diaper_norms; i++)
		fprintf(out, "\t{%d, %d, %.17g, %.17g},\n", kb->diaper_norms[i].from_day, kb->diaper_norms[i].to_day,
			kb->diaper_norms[i].wet_min, kb->diaper_norms[i].stools_min);
	fputs("};\n", out);
	dsrc = refs_array(&kb->diaper_sources);
	gw = growth(kb);
	general = advice(kb->general_advice, kb->n_general_advice);
	ui = advice(kb->ui, kb->n_ui);
	seedsrc = refs_array(&kb->seed_sources);
	ivids = interview(kb);

	u = calloc(kb->n_seed_claims + 1, sizeof(unsigned));
	r = calloc(kb->n_seed_claims + 1, sizeof(unsigned));
	for (i = 0; i < kb->n_seed_claims; i++) {
		u[i] = str_array(kb->seed_claims[i].represented_by, kb->seed_claims[i].n_represented_by);
		r[i] = refs_array(&kb->seed_claims[i].sources);
	}
	claims = ++next_id;
	fprintf(out, "static kb_seed_claim q%u[] = {\n", claims);
	for (i = 0; i < kb->n_seed_claims; i++) {
		const kb_seed_claim *q = &kb->seed_claims[i];
		fputs("\t{.id = ", out);
		str(q->id);
		fputs(", .text = ", out);
		text(&q->text);
		fputs(", .current_evidence = ", out);
		text(&q->current_evidence);
		fprintf(out, ", .has_current_evidence = %d, .level = %d, .sources = ", q->has_current_evidence,
			(int)q->level);
		refs(r[i], q->sources.n);
		fprintf(out, ", .represented_by = s%u, .n_represented_by = %zu},\n", u[i], q->n_represented_by);
	}
	fputs("};\n", out);
	free(u);
	free(r);

	ix_sources = name_index(&kb->source_index);
	ix_fields = name_index(&kb->field_index);
	ix_vars = name_index(&kb->var_index);
	ix_findings = name_index(&kb->finding_index);
	ix_causes = name_index(&kb->cause_index);

	fputs("static struct galacta_kb builtin = {\n\t.builtin = 1, .dir = \"(compiled in)\",\n", out);
	fprintf(out, "\t.sources = sources, .n_sources = %zu,\n", kb->n_sources);
	fprintf(out, "\t.fields = f%u, .n_fields = %zu,\n", fields, kb->n_fields);
	fprintf(out, "\t.vars = v%u, .n_vars = %zu,\n", vars, kb->n_vars);
	fprintf(out, "\t.findings = g%u, .n_findings = %zu,\n", findings, kb->n_findings);
	fprintf(out, "\t.causes = h%u, .n_causes = %zu,\n", causes, kb->n_causes);
	fprintf(out, "\t.supply_rules = u%u, .n_supply_rules = %zu,\n", srules, kb->n_supply_rules);
	fprintf(out, "\t.triage_rules = u%u, .n_triage_rules = %zu,\n", trules, kb->n_triage_rules);
	fprintf(out, "\t.meds = m%u, .n_meds = %zu,\n", meds, kb->n_meds);
	fprintf(out, "\t.diaper_norms = n%u, .n_diaper_norms = %zu, .diaper_sources = ", norms, kb->n_diaper_norms);
	refs(dsrc, kb->diaper_sources.n);
	fprintf(out, ",\n\t.general_advice = a%u, .n_general_advice = %zu,\n", general, kb->n_general_advice);
	fputs("\t.triage_texts = {", out);
	for (i = 0; i < GALACTA_TRIAGE_COUNT; i++) {
		fprintf(out, "{%d, ", kb->triage_texts[i].level);
		text(&kb->triage_texts[i].title);
		fputs(", ", out);
		text(&kb->triage_texts[i].text);
		fputs("}, ", out);
	}
	fputs("},\n\t.supply_texts = {", out);
	for (i = 0; i < GALACTA_SUPPLY_COUNT; i++) {
		fprintf(out, "{%d, ", kb->supply_texts[i].level);
		text(&kb->supply_texts[i].title);
		fputs(", ", out);
		text(&kb->supply_texts[i].text);
		fputs("}, ", out);
	}
	fputs("},\n\t.disclaimer = ", out);
	text(&kb->disclaimer);
	fputs(", .sparse_data = ", out);
	text(&kb->sparse_data);
	fprintf(out, ",\n\t.wl_statements = w%u, .n_wl_statements = %zu, .wl_min_ga_weeks = %.17g, "
		     ".wl_min_bw_g = %.17g, .wl_max_bw_g = %.17g,\n", gw.wl, kb->n_wl_statements, kb->wl_min_ga_weeks,
		kb->wl_min_bw_g, kb->wl_max_bw_g);
	fprintf(out, "\t.gain_norms = y%u, .n_gain_norms = %zu, .pumping_norms = p%u, .n_pumping_norms = %zu,\n",
		gw.gain, kb->n_gain_norms, gw.pump, kb->n_pumping_norms);
	fprintf(out, "\t.percentile_lines = d%u, .n_percentile_lines = %zu, .crossing_baseline_days = %.17g,\n",
		gw.lines, kb->n_percentile_lines, kb->crossing_baseline_days);
	fprintf(out, "\t.max_abs_weight_for_age_z = %.17g, .plausibility_sources = ", kb->max_abs_weight_for_age_z);
	refs(gw.plaus_src, kb->plausibility_sources.n);
	fputs(",\n", out);
	fputs("\t.percentile_lines_statement = ", out);
	statement(&kb->percentile_lines_statement, gw.lines_src);
	fputs(",\n\t.lactogenesis_statement = ", out);
	statement(&kb->lactogenesis_statement, gw.lact_src);
	fputs(",\n\t.corrected_age_statement = ", out);
	statement(&kb->corrected_age_statement, gw.corr_src);
	fprintf(out, ",\n\t.ui = a%u, .n_ui = %zu, .seed_sources = ", ui, kb->n_ui);
	refs(seedsrc, kb->seed_sources.n);
	fprintf(out, ",\n\t.seed_claims = q%u, .n_seed_claims = %zu,\n\t.source_expert_estimate = %d,\n",
		claims, kb->n_seed_claims, kb->source_expert_estimate);
	interview_struct(&kb->interview, &ivids);
	name_index_field("source_index", ix_sources, &kb->source_index);
	name_index_field("field_index", ix_fields, &kb->field_index);
	name_index_field("var_index", ix_vars, &kb->var_index);
	name_index_field("finding_index", ix_findings, &kb->finding_index);
	name_index_field("cause_index", ix_causes, &kb->cause_index);
	fputs("};\n\n", out);
	fputs("const struct galacta_kb *kb__builtin(void)\n{\n\treturn &builtin;\n}\n", out);
	galacta_kb_free(kb);
	return ferror(stdout) ? 1 : 0;
}
