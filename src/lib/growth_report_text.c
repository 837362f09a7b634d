/*
 * growth_report_text.c — galacta_growth_report_text(): the growth report in
 * plain words for parents, with the conventions of report_text.c (triage
 * first, numbered sources, the disclaimer). Interface strings come from
 * kb/ui.yaml ("{N}" placeholders, so each language orders the values);
 * clinical statements from the KB.
 */
#include "growth_report.h"

#include "cond.h"
#include "error.h"
#include "strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const growth_report *r;
	const struct galacta_kb *kb;
	int lang;
	bool color;
	strbuf b;
	int *order; /* citation number per KB source, 0 = not cited yet */
	int next;
} gt;

static const char *ui(gt *t, const char *id)
{
	return kb__ui(t->kb, id, t->lang);
}

static const char *tx(gt *t, const kb_text *x)
{
	return x->t[t->lang];
}

/* ui string id filled with up to 6 values. */
static const char *fill(gt *t, char *buf, size_t size, const char *id, const char *a1, const char *a2, const char *a3,
	const char *a4, const char *a5, const char *a6)
{
	const char *args[6];

	args[0] = a1 ? a1 : "";
	args[1] = a2 ? a2 : "";
	args[2] = a3 ? a3 : "";
	args[3] = a4 ? a4 : "";
	args[4] = a5 ? a5 : "";
	args[5] = a6 ? a6 : "";
	growth_report__fill(buf, size, ui(t, id), args, 6);
	return buf;
}

static void cite_idx(gt *t, int s)
{
	if (!t->order[s])
		t->order[s] = ++t->next;
}

static void cite(gt *t, const kb_refs *r)
{
	size_t i;

	if (!r->n)
		return;
	strbuf__puts(&t->b, " [");
	for (i = 0; i < r->n; i++) {
		cite_idx(t, r->idx[i]);
		strbuf__printf(&t->b, "%s%d", i ? ", " : "", t->order[r->idx[i]]);
	}
	strbuf__puts(&t->b, "]");
}

/* " [n]" for a source the maths rests on, when the KB has it. */
static void cite_id(gt *t, const char *id)
{
	int s = kb__source_index(t->kb, id);

	if (s < 0)
		return;
	cite_idx(t, s);
	strbuf__printf(&t->b, " [%d]", t->order[s]);
}

static void heading(gt *t, const char *s)
{
	strbuf__printf(&t->b, "\n%s%s%s\n", t->color ? "\033[1m" : "", s, t->color ? "\033[0m" : "");
}

/* "%.*f", without trailing zeros when strip; the minus sign as U+2212
 * for reading. */
static const char *fmt_any(char *buf, size_t size, double x, int decimals, bool sign, bool strip)
{
	char tmp[48];
	double f = pow(10.0, decimals), v = round(x * f) / f;

	if (v == 0.0)
		v = 0.0;
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, fabs(v));
	if (decimals > 0 && strip) {
		char *e = tmp + strlen(tmp) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	{
		const char *prefix = v < 0 ? "\xe2\x88\x92" : sign && v > 0 ? "+" : "";
		size_t np = strlen(prefix), nt = strlen(tmp);
		if (np + nt + 1 > size) { /* cannot happen with the callers' buffers */
			buf[0] = '\0';
			return buf;
		}
		memcpy(buf, prefix, np);
		memcpy(buf + np, tmp, nt + 1);
	}
	return buf;
}

static const char *fmt_num(char *buf, size_t size, double x, int decimals, bool sign)
{
	return fmt_any(buf, size, x, decimals, sign, true);
}

/* A z-score: always two decimals and a sign ("+0.40", "−1.20"). */
static const char *fmt_z(char *buf, size_t size, double z)
{
	return fmt_any(buf, size, z, 2, true, false);
}

/* "Birth", "Day 5 (120 h)", "Day 35". */
static const char *when(gt *t, char *buf, size_t size, const gr_measurement *m)
{
	char d[32], h[32], hb[64];

	if (m->kind == GR_BIRTH)
		return snprintf(buf, size, "%s", ui(t, "growth_birth")), buf;
	fill(t, buf, size, "growth_day", fmt_num(d, sizeof(d), m->age_days, 1, false), NULL, NULL, NULL, NULL, NULL);
	if (m->age_days < 4 || m->corrected) {
		size_t n = strlen(buf);
		if (m->corrected)
			fill(t, hb, sizeof(hb), "growth_corrected_day", fmt_num(h, sizeof(h), m->who_age_days, 1, false), NULL,
				NULL, NULL, NULL, NULL);
		else
			fill(t, hb, sizeof(hb), "growth_hours", fmt_num(h, sizeof(h), m->age_days * 24.0, 0, false), NULL, NULL,
				NULL, NULL, NULL);
		snprintf(buf + n, size - n, "%s%s%s", ui(t, "paren_open"), hb, ui(t, "paren_close"));
	}
	return buf;
}

static const char *day_label(gt *t, char *buf, size_t size, double days)
{
	char d[32];

	if (days == 0)
		return snprintf(buf, size, "%s", ui(t, "growth_birth")), buf;
	return fill(t, buf, size, "growth_day", fmt_num(d, sizeof(d), days, 1, false), NULL, NULL, NULL, NULL, NULL);
}

/* "percentile 28.7 (z −0.56)". */
static const char *percentile(gt *t, char *buf, size_t size, double z, double p)
{
	char zs[32], ps[32];

	fmt_z(zs, sizeof(zs), z);
	if (p < 0.1)
		return fill(t, buf, size, "growth_percentile_below", zs, NULL, NULL, NULL, NULL, NULL);
	if (p > 99.9)
		return fill(t, buf, size, "growth_percentile_above", zs, NULL, NULL, NULL, NULL, NULL);
	return fill(t, buf, size, "growth_percentile", fmt_num(ps, sizeof(ps), p, p < 1 || p > 99 ? 1 : 0, false), zs,
		NULL, NULL, NULL, NULL);
}

static void triage(gt *t)
{
	const growth_report *r = t->r;
	const struct galacta_assessment *a = r->a;
	const kb_level_text *lt = &t->kb->triage_texts[a->triage];
	char buf[512], n[24];
	size_t i;

	strbuf__printf(&t->b, t->color ? "\033[1m== %s ==\033[0m\n" : "== %s ==\n", tx(t, &lt->title));
	strbuf__printf(&t->b, "%s\n", tx(t, &lt->text));
	for (i = 0; i < r->n_triage; i++) {
		const kb_rule *rule = r->triage[i];
		if (i == 0)
			strbuf__printf(&t->b, "%s\n", ui(t, "why"));
		strbuf__printf(&t->b, "  - %s", tx(t, &rule->text));
		if (rule->has_action)
			strbuf__printf(&t->b, "%s%s", ui(t, "sentence_space"), tx(t, &rule->action));
		cite(t, &rule->sources);
		strbuf__puts(&t->b, "\n");
	}
	if (r->n_other_triage) {
		snprintf(n, sizeof(n), "%zu", r->n_other_triage);
		strbuf__printf(&t->b, "  %s\n", fill(t, buf, sizeof(buf), "growth_other_reasons", n, NULL, NULL, NULL, NULL, NULL));
	}
}

static void supply(gt *t)
{
	const struct galacta_assessment *a = t->r->a;
	const kb_level_text *st = &t->kb->supply_texts[a->supply];
	size_t i;

	heading(t, ui(t, "supply_heading"));
	strbuf__printf(&t->b, "%s%s%s\n", tx(t, &st->title), ui(t, "title_separator"), tx(t, &st->text));
	for (i = 0; i < a->n_supply_fired; i++) {
		strbuf__printf(&t->b, "  - %s", tx(t, &a->supply_fired[i]->text));
		cite(t, &a->supply_fired[i]->sources);
		strbuf__puts(&t->b, "\n");
	}
}

static void intro(gt *t)
{
	const growth_report *r = t->r;
	char buf[512], age[32], g[32], d[32];

	fmt_num(age, sizeof(age), r->has_age ? r->age_days : 0, 1, false);
	if (!r->has_age)
		snprintf(age, sizeof(age), "?");
	if (r->sex != GALACTA_SEX_UNKNOWN)
		fill(t, buf, sizeof(buf), "growth_intro",
			ui(t, r->sex == GALACTA_SEX_MALE ? "growth_sex_male" : "growth_sex_female"), age, NULL, NULL, NULL, NULL);
	else
		fill(t, buf, sizeof(buf), "growth_intro_no_sex", age, NULL, NULL, NULL, NULL, NULL);
	strbuf__printf(&t->b, "%s\n", buf);
	if (r->preterm) {
		fill(t, buf, sizeof(buf), "growth_corrected_age", fmt_num(g, sizeof(g), r->ga_weeks, 1, false),
			fmt_num(d, sizeof(d), r->correction_days, 0, false), NULL, NULL, NULL, NULL);
		strbuf__printf(&t->b, "%s%s%s", buf, ui(t, "sentence_space"), tx(t, &t->kb->corrected_age_statement.text));
		cite(t, &t->kb->corrected_age_statement.sources);
		strbuf__puts(&t->b, "\n");
	}
}

static void weights(gt *t)
{
	const growth_report *r = t->r;
	char w[64], g[32], c[64], cs[32], p[128], buf[256];
	size_t i, k;
	bool any_z = false;

	heading(t, ui(t, "growth_weights_heading"));
	if (!r->n_m) {
		strbuf__printf(&t->b, "  %s\n", ui(t, "growth_no_weights"));
		return;
	}
	for (i = 0; i < r->n_m; i++) {
		const gr_measurement *m = &r->m[i];

		strbuf__printf(&t->b, "  %s%s", when(t, w, sizeof(w), m), ui(t, "colon"));
		/* A reported % change has no weighing behind it: no grams. */
		bool grams = m->has_weight && m->kind != GR_REPORTED_CHANGE;
		if (grams)
			strbuf__puts(&t->b, fill(t, buf, sizeof(buf), "growth_grams", fmt_num(g, sizeof(g), m->weight_g, 0, false),
				NULL, NULL, NULL, NULL, NULL));
		if (m->has_change && m->kind != GR_BIRTH)
			strbuf__printf(&t->b, "%s%s", grams ? ui(t, "comma") : "",
				fill(t, c, sizeof(c), "growth_change_from_birth", fmt_num(cs, sizeof(cs), m->change_pct, 1, true), NULL,
					NULL, NULL, NULL, NULL));
		if (m->z_reason == OBS_Z_OK) {
			strbuf__printf(&t->b, " \xe2\x80\x94 %s", percentile(t, p, sizeof(p), m->z, m->percentile));
			any_z = true;
		} else if (m->has_weight && m->z_reason != OBS_Z_SEX_UNKNOWN) {
			strbuf__printf(&t->b, "%s%s%s", ui(t, "paren_open"), ui(t, growth_report__reason_ui(m->z_reason)),
				ui(t, "paren_close"));
		}
		strbuf__puts(&t->b, "\n");
		for (k = 0; k < m->n_context; k++) {
			strbuf__printf(&t->b, "     %s", tx(t, &m->context[k].st->text));
			cite(t, &m->context[k].st->sources);
			strbuf__puts(&t->b, "\n");
		}
	}
	if (any_z) {
		strbuf__printf(&t->b, "  %s", ui(t, "growth_percentile_hint"));
		cite_id(t, "who_growth_2006");
		strbuf__puts(&t->b, "\n");
	}
	if (r->has_bw && !r->wl_population) {
		char gs[16], lo[16], hi[16];
		snprintf(gs, sizeof(gs), "%g", t->kb->wl_min_ga_weeks);
		snprintf(lo, sizeof(lo), "%g", t->kb->wl_min_bw_g);
		snprintf(hi, sizeof(hi), "%g", t->kb->wl_max_bw_g);
		strbuf__printf(&t->b, "  %s\n", fill(t, buf, sizeof(buf), "growth_newborn_not_applicable", gs, lo, hi, NULL, NULL, NULL));
	}
}

static void gains(gt *t)
{
	const growth_report *r = t->r;
	char a[64], b[64], g[32], d[32], gd[32], line[512], p[1024], z[32], ps[32], days[32];
	size_t i;

	if (!r->n_vel)
		return;
	heading(t, ui(t, "growth_gain_heading"));
	for (i = 0; i < r->n_vel; i++) {
		const gr_velocity *v = &r->vel[i];

		fill(t, line, sizeof(line), "growth_gain_line", day_label(t, a, sizeof(a), v->from_days),
			day_label(t, b, sizeof(b), v->to_days), fmt_num(g, sizeof(g), v->gain_g, 0, true),
			fmt_num(d, sizeof(d), v->to_days - v->from_days, 1, false), fmt_num(gd, sizeof(gd), v->g_per_day, 1, true),
			NULL);
		strbuf__printf(&t->b, "  %s", line);
		if (v->used_by_assessment)
			strbuf__printf(&t->b, "%s%s", ui(t, "sentence_space"), ui(t, "growth_assessment_interval"));
		strbuf__puts(&t->b, "\n     ");
		if (v->reason == OBS_Z_OK) {
			fmt_z(z, sizeof(z), v->v.z);
			if (v->v.percentile < 0.1 || v->v.percentile > 99.9)
				snprintf(ps, sizeof(ps), "%s", v->v.percentile < 0.1 ? "<0.1" : ">99.9");
			else
				fmt_num(ps, sizeof(ps), v->v.percentile, v->v.percentile < 1 || v->v.percentile > 99 ? 1 : 0, false);
			fill(t, p, sizeof(p), v->v.method == GALACTA_VELOCITY_EXACT ? "growth_velocity_exact" : "growth_velocity_rescaled",
				v->v.interval, ps, z, fmt_num(days, sizeof(days), v->to_days - v->from_days, 1, false), NULL, NULL);
			strbuf__puts(&t->b, p);
			cite_id(t, "who_velocity_2009");
		} else {
			strbuf__puts(&t->b, fill(t, p, sizeof(p), "growth_gain_no_z", ui(t, growth_report__reason_ui(v->reason)),
				NULL, NULL, NULL, NULL, NULL));
			if (v->norm) {
				strbuf__printf(&t->b, "%s%s%s", ui(t, "list_separator"),
					ui(t, v->judgement == GR_GAIN_BELOW_LOW ? "growth_gain_judgement_below_low"
					      : v->judgement == GR_GAIN_BETWEEN ? "growth_gain_judgement_between"
										: "growth_gain_judgement_at_or_above_good"),
					ui(t, "title_separator"));
				strbuf__puts(&t->b, tx(t, &v->norm->text));
				cite(t, &v->norm->sources);
			} else if (v->who_compare) {
				char med[16], sd2[16], cmp[512];
				snprintf(med, sizeof(med), "%.0f", v->who_median_g_per_day);
				snprintf(sd2, sizeof(sd2), "%.0f", v->who_sd2neg_g_per_day);
				strbuf__printf(&t->b, "%s%s", ui(t, "list_separator"),
					fill(t, cmp, sizeof(cmp), "growth_gain_who_compare", v->who_interval, med, sd2, NULL, NULL, NULL));
				cite_id(t, "who_velocity_2009");
			}
		}
		strbuf__puts(&t->b, "\n");
	}
}

static void size(gt *t)
{
	const growth_report *r = t->r;
	const gr_size *s[2] = {&r->length, &r->head};
	static const char *const keys[2] = {"growth_length", "growth_head"};
	static const char *const src[2] = {"who_growth_2006", "who_growth_2007"};
	char v[32], d[32], buf[256], p[128];
	int i;

	if (!r->length.given && !r->head.given)
		return;
	heading(t, ui(t, "growth_size_heading"));
	for (i = 0; i < 2; i++) {
		if (!s[i]->given)
			continue;
		strbuf__printf(&t->b, "  %s", fill(t, buf, sizeof(buf), keys[i], fmt_num(v, sizeof(v), s[i]->value_cm, 1, false),
			fmt_num(d, sizeof(d), s[i]->age_days, 1, false), NULL, NULL, NULL, NULL));
		if (s[i]->z_reason == OBS_Z_OK) {
			strbuf__printf(&t->b, " \xe2\x80\x94 %s", percentile(t, p, sizeof(p), s[i]->z, s[i]->percentile));
			cite_id(t, src[i]);
		} else {
			strbuf__printf(&t->b, "%s%s%s", ui(t, "paren_open"), ui(t, growth_report__reason_ui(s[i]->z_reason)),
				ui(t, "paren_close"));
		}
		strbuf__puts(&t->b, "\n");
	}
}

static void lines(gt *t)
{
	const growth_report *r = t->r;
	char a[64], b[64], za[32], zb[32], dn[16], up[16], buf[512];

	if (!r->n_m)
		return;
	heading(t, ui(t, "growth_lines_heading"));
	if (r->has_crossing) {
		snprintf(dn, sizeof(dn), "%d", r->crossing.lines_crossed_down);
		snprintf(up, sizeof(up), "%d", r->crossing.lines_crossed_up);
		fill(t, buf, sizeof(buf), "growth_lines_result", day_label(t, a, sizeof(a), r->crossing.baseline_days),
			fmt_z(za, sizeof(za), r->crossing.baseline_z), day_label(t, b, sizeof(b), r->crossing.latest_days),
			fmt_z(zb, sizeof(zb), r->crossing.latest_z), dn, up);
	} else {
		fill(t, buf, sizeof(buf), "growth_lines_none",
			ui(t, r->sex == GALACTA_SEX_UNKNOWN ? "growth_reason_sex_unknown" : "growth_lines_no_baseline"), NULL, NULL,
			NULL, NULL, NULL);
	}
	strbuf__printf(&t->b, "  %s%s%s", buf, ui(t, r->has_crossing ? "sentence_space" : "title_separator"),
		tx(t, &t->kb->percentile_lines_statement.text));
	cite(t, &t->kb->percentile_lines_statement.sources);
	strbuf__puts(&t->b, "\n");
}

static void norms(gt *t)
{
	const growth_report *r = t->r;
	char buf[512], n[32], e[128], h[32];
	bool lact = r->lact_state != 0;

	if (!r->diapers && !r->has_wet && !r->has_stools && !lact && !r->has_pumped)
		return;
	if (r->has_day) {
		snprintf(n, sizeof(n), "%d", r->day_of_life);
		heading(t, fill(t, buf, sizeof(buf), "growth_norms_heading", n, NULL, NULL, NULL, NULL, NULL));
	} else {
		heading(t, fill(t, buf, sizeof(buf), "growth_norms_heading", "?", NULL, NULL, NULL, NULL, NULL));
	}
	if (r->has_wet || r->has_stools || r->diapers) {
		if (r->has_wet || r->diapers) {
			strbuf__printf(&t->b, "  %s", fill(t, buf, sizeof(buf), "growth_wet",
				r->has_wet ? fmt_num(n, sizeof(n), r->wet, 1, false) : ui(t, "growth_not_counted"), NULL, NULL, NULL,
				NULL, NULL));
			if (r->diapers)
				strbuf__printf(&t->b, "%s%s%s", ui(t, "paren_open"),
					fill(t, e, sizeof(e), "growth_expected_min", fmt_num(n, sizeof(n), r->diapers->wet_min, 1, false),
						NULL, NULL, NULL, NULL, NULL),
					ui(t, "paren_close"));
			else
				strbuf__printf(&t->b, "%s%s%s", ui(t, "paren_open"), ui(t, "growth_no_norm"), ui(t, "paren_close"));
			if (r->diapers)
				cite(t, &t->kb->diaper_sources);
			strbuf__puts(&t->b, "\n");
		}
		if (r->has_stools || (r->diapers && r->diapers->stools_min >= 0)) {
			strbuf__printf(&t->b, "  %s", fill(t, buf, sizeof(buf), "growth_stools",
				r->has_stools ? fmt_num(n, sizeof(n), r->stools, 1, false) : ui(t, "growth_not_counted"), NULL, NULL,
				NULL, NULL, NULL));
			if (r->diapers && r->diapers->stools_min >= 0)
				strbuf__printf(&t->b, "%s%s%s", ui(t, "paren_open"),
					fill(t, e, sizeof(e), "growth_expected_min", fmt_num(n, sizeof(n), r->diapers->stools_min, 1, false),
						NULL, NULL, NULL, NULL, NULL),
					ui(t, "paren_close"));
			else
				strbuf__printf(&t->b, "%s%s%s", ui(t, "paren_open"), ui(t, "growth_no_norm"), ui(t, "paren_close"));
			if (r->diapers)
				cite(t, &t->kb->diaper_sources);
			strbuf__puts(&t->b, "\n");
		}
	}
	if (lact) {
		int v = observe__var(t->kb, OBS_HOURS_WITHOUT_MILK);
		if (r->lact_state == 1)
			fill(t, buf, sizeof(buf), "growth_milk_in_at", fmt_num(h, sizeof(h), r->onset_hours, 0, false), NULL, NULL,
				NULL, NULL, NULL);
		else if (r->a->var_known[v])
			fill(t, buf, sizeof(buf), "growth_milk_not_yet", fmt_num(h, sizeof(h), r->a->var[v], 0, false), NULL, NULL,
				NULL, NULL, NULL);
		else
			buf[0] = '\0';
		if (buf[0]) {
			strbuf__printf(&t->b, "  %s", buf);
			if (r->lact_delayed == TRI_TRUE || r->lact_delayed == TRI_FALSE)
				strbuf__printf(&t->b, "%s%s", ui(t, "comma"),
					ui(t, r->lact_delayed == TRI_TRUE ? "growth_lactogenesis_delayed" : "growth_lactogenesis_on_time"));
			strbuf__printf(&t->b, "%s%s", ui(t, "title_separator"), tx(t, &t->kb->lactogenesis_statement.text));
			cite(t, &t->kb->lactogenesis_statement.sources);
			strbuf__puts(&t->b, "\n");
		}
	}
	if (r->has_pumped) {
		strbuf__printf(&t->b, "  %s", fill(t, buf, sizeof(buf), "growth_pumped", fmt_num(n, sizeof(n), r->pumped_ml, 0, false),
			NULL, NULL, NULL, NULL, NULL));
		if (r->pumping) {
			if (r->pumping->lower_limit_ml >= 0)
				strbuf__printf(&t->b, "%s%s", ui(t, "list_separator"),
					fill(t, e, sizeof(e), "growth_pump_lower_limit", fmt_num(n, sizeof(n), r->pumping->lower_limit_ml, 0, false),
						NULL, NULL, NULL, NULL, NULL));
			if (r->pumping->full_supply_ml >= 0)
				strbuf__printf(&t->b, "%s%s", ui(t, "list_separator"),
					fill(t, e, sizeof(e), "growth_pump_full_supply", fmt_num(n, sizeof(n), r->pumping->full_supply_ml, 0, false),
						NULL, NULL, NULL, NULL, NULL));
			strbuf__printf(&t->b, "%s%s", ui(t, "title_separator"), tx(t, &r->pumping->text));
			cite(t, &r->pumping->sources);
		}
		strbuf__puts(&t->b, "\n");
	}
}

static void findings(gt *t)
{
	const growth_report *r = t->r;
	size_t i;

	if (!r->n_findings)
		return;
	heading(t, ui(t, "growth_findings_heading"));
	for (i = 0; i < r->n_findings; i++) {
		const kb_finding *f = &t->kb->findings[r->findings[i]];
		strbuf__printf(&t->b, "  - %s", tx(t, &f->label));
		cite(t, &f->sources);
		strbuf__puts(&t->b, "\n");
	}
}

static void sources(gt *t)
{
	const struct galacta_kb *kb = t->kb;
	int n;
	size_t i;

	if (!t->next)
		return;
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

int galacta_growth_report_text(const galacta_kb *kb, const galacta_case *c, galacta_lang lang, int flags, char **out)
{
	growth_report *r = NULL;
	gt t;
	int rc;

	error__clear();
	if (out)
		*out = NULL;
	if (!kb || !c || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_growth_report_text: NULL argument or unknown language");
	if ((rc = growth_report__build(kb, c, &r)))
		return rc;
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.kb = kb;
	t.lang = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	t.color = (flags & GALACTA_RENDER_COLOR) != 0;
	t.order = calloc(kb->n_sources ? kb->n_sources : 1, sizeof(int));
	if (!t.order) {
		growth_report__free(r);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	strbuf__printf(&t.b, "%s%s%s", t.color ? "\033[1m" : "", ui(&t, "growth_title"), t.color ? "\033[0m" : "");
	if (r->a->case_id) {
		strbuf__printf(&t.b, "%s", ui(&t, "colon"));
		strbuf__puts_plain(&t.b, r->a->case_id);
	}
	strbuf__puts(&t.b, "\n");
	intro(&t);
	strbuf__puts(&t.b, "\n");
	triage(&t);
	supply(&t);
	weights(&t);
	gains(&t);
	size(&t);
	lines(&t);
	norms(&t);
	findings(&t);
	sources(&t);
	strbuf__printf(&t.b, "\n%s\n", tx(&t, &kb->disclaimer));
	free(t.order);
	growth_report__free(r);
	if (t.b.oom) {
		free(t.b.s);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	*out = t.b.s;
	return 0;
}
