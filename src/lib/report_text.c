/*
 * report_text.c — renders an assessment in plain words for parents: triage
 * first, then supply, likely causes and why, what to do, treatments a
 * clinician may consider, medicines, sources and the disclaimer. Interface
 * strings come from kb/ui.yaml; clinical text from the KB.
 */
#include "assess_internal.h"

#include "cond.h"
#include "error.h"
#include "report.h"
#include "strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const report__ui_keys[] = {
	"triage_heading", "why", "supply_heading", "causes_heading", "probability",
	"evidence_for", "evidence_against", "colon", "present", "absent", "what_to_do", "general_advice_heading",
	"treatments_heading", "lactation_safety", "evidence", "evidence_note",
	"medications_heading", "not_evaluated", "sources_heading", "more_causes",
	"med_effect_lowers_supply", "med_effect_may_lower_supply",
	"med_effect_no_known_effect", "med_effect_no_data", "data_sparse_heading",
	"evidence_level_guideline", "evidence_level_systematic_review", "evidence_level_rct",
	"evidence_level_cohort", "evidence_level_case_series", "evidence_level_reference_data",
	"evidence_level_expert_opinion", "evidence_level_traditional_use",
	"evidence_level_expert_estimate", "case_heading", "likelihood_ratio_hint",
	"also_heading", "title_separator", "sentence_space", "paren_open", "paren_close", "comma",
	"list_separator",
	NULL};

typedef struct {
	const struct galacta_assessment *a;
	int lang;
	bool color;
	strbuf b;
	int *order; /* citation number per KB source, 0 = not yet cited */
	int next;
	bool shown_lr; /* a ×LR was printed: explain it once */
} tctx;

/* Text that came from the case (id, medicine names) is printed with control
 * characters replaced, so input cannot move the cursor or fake a banner. */
static const char *ui(tctx *t, const char *id)
{
	return kb__ui(t->a->kb, id, t->lang);
}

static const char *tx(tctx *t, const kb_text *x)
{
	return x->t[t->lang];
}

/* " [1, 4]" citation marks; numbers sources in order of first use. */
static void cite(tctx *t, const kb_refs *r)
{
	size_t i;

	if (!r->n)
		return;
	strbuf__puts(&t->b, " [");
	for (i = 0; i < r->n; i++) {
		if (!t->order[r->idx[i]])
			t->order[r->idx[i]] = ++t->next;
		strbuf__printf(&t->b, "%s%d", i ? ", " : "", t->order[r->idx[i]]);
	}
	strbuf__puts(&t->b, "]");
}

static const char *level_color(galacta_triage_level l)
{
	switch (l) {
	case GALACTA_TRIAGE_EMERGENCY: return "\033[1;97;41m";
	case GALACTA_TRIAGE_URGENT: return "\033[1;30;43m";
	case GALACTA_TRIAGE_CONSULT: return "\033[1;30;46m";
	default: return "\033[1;30;42m";
	}
}

static void heading(tctx *t, const char *s)
{
	strbuf__printf(&t->b, "\n%s%s%s\n", t->color ? "\033[1m" : "", s, t->color ? "\033[0m" : "");
}

static void triage(tctx *t)
{
	const struct galacta_assessment *a = t->a;
	const kb_level_text *lt = &a->kb->triage_texts[a->triage];
	size_t i;

	if (t->color)
		strbuf__printf(&t->b, "%s %s %s\033[0m\n", level_color(a->triage), tx(t, &lt->title), "");
	else
		strbuf__printf(&t->b, "== %s ==\n", tx(t, &lt->title));
	strbuf__printf(&t->b, "%s\n", tx(t, &lt->text));
	/* Rules at the decided level first; less urgent ones after, under their
	 * own heading, so that "within a few days" never reads as the answer
	 * to an emergency. */
	for (i = 0; i < a->n_triage_fired; i++) {
		const kb_rule *r = a->triage_fired[i];
		bool top = r->level_or_status == (int)a->triage;
		if (i == 0)
			strbuf__printf(&t->b, "%s\n", ui(t, "why"));
		else if (!top && a->triage_fired[i - 1]->level_or_status == (int)a->triage)
			strbuf__printf(&t->b, "%s\n", ui(t, "also_heading"));
		strbuf__printf(&t->b, "  - %s", tx(t, &r->text));
		if (r->has_action)
			strbuf__printf(&t->b, "%s%s", ui(t, "sentence_space"), tx(t, &r->action));
		cite(t, &r->sources);
		strbuf__puts(&t->b, "\n");
	}
}

static void supply(tctx *t)
{
	const struct galacta_assessment *a = t->a;
	const kb_level_text *st = &a->kb->supply_texts[a->supply];
	size_t i;

	heading(t, ui(t, "supply_heading"));
	strbuf__printf(&t->b, "%s%s%s\n", tx(t, &st->title), ui(t, "title_separator"), tx(t, &st->text));
	for (i = 0; i < a->n_supply_fired; i++) {
		strbuf__printf(&t->b, "  - %s", tx(t, &a->supply_fired[i]->text));
		cite(t, &a->supply_fired[i]->sources);
		strbuf__puts(&t->b, "\n");
	}
	if (a->sparse) {
		heading(t, ui(t, "data_sparse_heading"));
		strbuf__printf(&t->b, "%s\n", tx(t, &a->kb->sparse_data));
	}
}

/* "12%", but never "100%" or "0%": a posterior is not a certainty. */
static const char *percent(double p, char *buf, size_t size)
{
	if (p >= 0.995)
		snprintf(buf, size, ">99%%");
	else if (p < 0.005)
		snprintf(buf, size, "<1%%");
	else
		snprintf(buf, size, "%.0f%%", p * 100.0);
	return buf;
}

/* The findings that raised (for) or lowered (!for) a cause's odds. */
static void evidence(tctx *t, const assess_cause *r, bool for_cause)
{
	const struct galacta_kb *kb = t->a->kb;
	size_t k, n = 0;

	for (k = 0; k < r->n_contrib && n < 6; k++) {
		const assess_contribution *x = &r->contrib[k];
		char names[512], detail[540] = "";
		if ((x->lr > 1.0) != for_cause)
			continue;
		if (n++ == 0)
			strbuf__printf(&t->b, "   %s", ui(t, for_cause ? "evidence_for" : "evidence_against"));
		else
			strbuf__puts(&t->b, ui(t, "list_separator"));
		if (report__medication_names(t->a, x->finding, ui(t, "comma"), names, sizeof(names)))
			snprintf(detail, sizeof(detail), "%s%s", ui(t, "colon"), names);
		strbuf__printf(&t->b, "%s%s%s%s%s×%.2g%s", tx(t, &kb->findings[x->finding].label), detail,
			ui(t, "paren_open"), ui(t, x->present ? "present" : "absent"), ui(t, "comma"), x->lr,
			ui(t, "paren_close"));
		t->shown_lr = true;
	}
	if (n)
		strbuf__puts(&t->b, "\n");
}

static void causes(tctx *t)
{
	const struct galacta_assessment *a = t->a;
	const struct galacta_kb *kb = a->kb;
	size_t i, k, shown = 0;
	char pct[16];

	heading(t, ui(t, "causes_heading"));
	for (i = 0; i < a->n_causes && report__cause_is_likely(a, i); i++) {
		const assess_cause *r = &a->causes[i];
		const kb_cause *c = &kb->causes[r->cause];

		strbuf__printf(&t->b, "%zu. %s — %s %s\n", i + 1, tx(t, &c->name), ui(t, "probability"),
			percent(r->probability, pct, sizeof(pct)));
		strbuf__printf(&t->b, "   %s", tx(t, &c->summary));
		cite(t, &c->sources);
		strbuf__puts(&t->b, "\n");
		evidence(t, r, true);
		evidence(t, r, false);
		shown++;
	}
	if (shown < a->n_causes) {
		strbuf__puts(&t->b, ui(t, "more_causes"));
		for (k = shown; k < a->n_causes && k < shown + 4; k++)
			strbuf__printf(&t->b, "%s%s %s", k > shown ? ui(t, "comma") : "",
				tx(t, &kb->causes[a->causes[k].cause].name),
				percent(a->causes[k].probability, pct, sizeof(pct)));
		strbuf__puts(&t->b, "\n");
	}
	if (t->shown_lr)
		strbuf__printf(&t->b, "   %s%s%s\n", ui(t, "paren_open"), ui(t, "likelihood_ratio_hint"),
			ui(t, "paren_close"));
}

static void advice(tctx *t)
{
	const struct galacta_assessment *a = t->a;
	const struct galacta_kb *kb = a->kb;
	size_t i, k;

	heading(t, ui(t, "what_to_do"));
	for (i = 0; i < a->n_causes && report__cause_is_likely(a, i); i++) {
		const kb_cause *c = &kb->causes[a->causes[i].cause];
		for (k = 0; k < c->n_advice; k++) {
			strbuf__printf(&t->b, "  - %s", tx(t, &c->advice[k].text));
			cite(t, &c->advice[k].sources);
			strbuf__puts(&t->b, "\n");
		}
	}
	heading(t, ui(t, "general_advice_heading"));
	for (k = 0; k < kb->n_general_advice; k++) {
		strbuf__printf(&t->b, "  - %s", tx(t, &kb->general_advice[k].text));
		cite(t, &kb->general_advice[k].sources);
		strbuf__puts(&t->b, "\n");
	}
}

static void treatments(tctx *t)
{
	const struct galacta_assessment *a = t->a;
	const struct galacta_kb *kb = a->kb;
	size_t i, k;
	bool any = false;
	char key[64];

	/* With too little data the causes rest on priors alone: no treatments. */
	if (a->sparse)
		return;
	for (i = 0; i < a->n_causes && report__cause_is_likely(a, i); i++) {
		const kb_cause *c = &kb->causes[a->causes[i].cause];
		for (k = 0; k < c->n_treatments; k++) {
			const kb_treatment *tr = &c->treatments[k];
			if (!any)
				heading(t, ui(t, "treatments_heading"));
			any = true;
			snprintf(key, sizeof(key), "evidence_level_%s", kb__evidence_names[tr->level]);
			strbuf__printf(&t->b, "  - %s%s%s", tx(t, &tr->name), ui(t, "colon"), tx(t, &tr->text));
			cite(t, &tr->sources);
			strbuf__printf(&t->b, "\n    %s%s%s\n", ui(t, "evidence"), ui(t, "colon"), ui(t, key));
			if (tr->has_safety)
				strbuf__printf(&t->b, "    %s%s%s\n", ui(t, "lactation_safety"), ui(t, "colon"),
					tx(t, &tr->lactation_safety));
			if (tr->has_evidence_note)
				strbuf__printf(&t->b, "    %s%s%s\n", ui(t, "evidence_note"), ui(t, "colon"),
					tx(t, &tr->evidence_note));
		}
	}
}

static void medications(tctx *t)
{
	const struct galacta_assessment *a = t->a;
	size_t i;
	char key[64];

	if (!a->n_meds)
		return;
	heading(t, ui(t, "medications_heading"));
	for (i = 0; i < a->n_meds; i++) {
		const assess_med *m = &a->meds[i];
		if (m->med < 0) {
			strbuf__puts(&t->b, "  - ");
			strbuf__puts_plain(&t->b, m->name);
			strbuf__printf(&t->b, "%s%s\n", ui(t, "colon"), ui(t, "not_evaluated"));
			continue;
		}
		snprintf(key, sizeof(key), "med_effect_%s", kb__med_effect_names[a->kb->meds[m->med].effect]);
		strbuf__printf(&t->b, "  - %s%s%s%s%s", tx(t, &a->kb->meds[m->med].name), ui(t, "colon"), ui(t, key),
			ui(t, "title_separator"), tx(t, &a->kb->meds[m->med].note));
		cite(t, &a->kb->meds[m->med].sources);
		strbuf__puts(&t->b, "\n");
	}
}

static void sources(tctx *t)
{
	const struct galacta_kb *kb = t->a->kb;
	int n;
	size_t i;

	heading(t, ui(t, "sources_heading"));
	for (n = 1; n <= t->next; n++)
		for (i = 0; i < kb->n_sources; i++)
			if (t->order[i] == n) {
				strbuf__printf(&t->b, "  [%d] %s", n, kb->sources[i].citation);
				if (kb->sources[i].url)
					strbuf__printf(&t->b, " %s", kb->sources[i].url);
				strbuf__puts(&t->b, "\n");
			}
}

int galacta_assessment_to_text(const galacta_assessment *a, galacta_lang lang, int flags, char **out)
{
	tctx t;

	error__clear();
	if (!a || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_assessment_to_text: NULL argument or unknown language");
	*out = NULL;
	memset(&t, 0, sizeof(t));
	t.a = a;
	t.lang = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	t.color = (flags & GALACTA_RENDER_COLOR) != 0;
	t.order = calloc(a->kb->n_sources ? a->kb->n_sources : 1, sizeof(int));
	if (!t.order)
		return error__set(GALACTA_ENOMEM, "out of memory");
	if (a->case_id) {
		strbuf__printf(&t.b, "%s%s", ui(&t, "case_heading"), ui(&t, "colon"));
		strbuf__puts_plain(&t.b, a->case_id);
		strbuf__puts(&t.b, "\n");
	}
	triage(&t);
	supply(&t);
	causes(&t);
	advice(&t);
	treatments(&t);
	medications(&t);
	sources(&t);
	strbuf__printf(&t.b, "\n%s\n", tx(&t, &a->kb->disclaimer));
	free(t.order);
	if (t.b.oom) {
		free(t.b.s);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	*out = t.b.s;
	return 0;
}
