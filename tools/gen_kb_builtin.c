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

int main(int argc, char **argv)
{
	galacta_kb *kb;
	unsigned *u, *w, *r, findings, fields, vars, causes, srules, trules, meds, norms, general, ui,
		claims, dsrc, seedsrc, *cu;
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
	general = advice(kb->general_advice, kb->n_general_advice);
	ui = advice(kb->ui, kb->n_ui);
	seedsrc = refs_array(&kb->seed_sources);

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
	fprintf(out, ",\n\t.ui = a%u, .n_ui = %zu, .seed_sources = ", ui, kb->n_ui);
	refs(seedsrc, kb->seed_sources.n);
	fprintf(out, ",\n\t.seed_claims = q%u, .n_seed_claims = %zu,\n\t.source_expert_estimate = %d,\n};\n\n",
		claims, kb->n_seed_claims, kb->source_expert_estimate);
	fputs("const struct galacta_kb *kb__builtin(void)\n{\n\treturn &builtin;\n}\n", out);
	galacta_kb_free(kb);
	return ferror(stdout) ? 1 : 0;
}
