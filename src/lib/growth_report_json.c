/*
 * growth_report_json.c — galacta_growth_report(): renders the growth report
 * (growth_report.h) as galacta-growth/1 JSON with jansson
 * (docs/growth-report-format.md). Every statement carries source ids that
 * resolve in the top-level "sources" list; a value that cannot be computed
 * is null with a "reason" object.
 */
#include "growth_report.h"

#include "cond.h"
#include "error.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const growth_report *r;
	const struct galacta_kb *kb;
	int lang;
	unsigned char *cited;
	bool oom;
} gj;

static json_t *chk(gj *j, json_t *v)
{
	if (!v)
		j->oom = true;
	return v;
}

static json_t *str(gj *j, const char *s)
{
	return chk(j, json_string(s ? s : ""));
}

static void put(gj *j, json_t *o, const char *key, json_t *v)
{
	if (!o || !v || json_object_set_new(o, key, v))
		j->oom = true;
}

static void add(gj *j, json_t *a, json_t *v)
{
	if (!a || !v || json_array_append_new(a, v))
		j->oom = true;
}

/* Rounded to `decimals` places; never "-0". */
static json_t *num(gj *j, double x, int decimals)
{
	double f = pow(10.0, decimals), v = round(x * f) / f;
	return chk(j, json_real(v == 0.0 ? 0.0 : v));
}

static json_t *text(gj *j, const kb_text *t)
{
	return str(j, t->t[j->lang]);
}

static json_t *ui(gj *j, const char *id)
{
	return str(j, kb__ui(j->kb, id, j->lang));
}

static json_t *refs(gj *j, const kb_refs *r)
{
	json_t *a = chk(j, json_array());
	size_t i;

	for (i = 0; a && i < r->n; i++) {
		j->cited[r->idx[i]] = 1;
		add(j, a, str(j, j->kb->sources[r->idx[i]].id));
	}
	return a;
}

/* ["who_growth_2006"] etc.: a source the maths rests on, when the KB has it. */
static json_t *source_ids(gj *j, const char *const *ids)
{
	json_t *a = chk(j, json_array());
	int s;

	for (; a && *ids; ids++)
		if ((s = kb__source_index(j->kb, *ids)) >= 0) {
			j->cited[s] = 1;
			add(j, a, str(j, *ids));
		}
	return a;
}

static json_t *reason(gj *j, observe_z_reason r)
{
	json_t *o = chk(j, json_object());
	const char *field = growth_report__reason_field(r);

	put(j, o, "code", str(j, growth_report__reason_code(r)));
	put(j, o, "field", field ? str(j, field) : json_null());
	put(j, o, "text", ui(j, growth_report__reason_ui(r)));
	return o;
}

/* "z": …, "percentile": … or both null with "reason". */
static void z_pair(gj *j, json_t *o, const char *zkey, const char *pkey, observe_z_reason r, double z, double p,
	const char *reason_key)
{
	if (r == OBS_Z_OK) {
		put(j, o, zkey, num(j, z, 2));
		put(j, o, pkey, num(j, p, p < 1.0 || p > 99.0 ? 2 : 1));
	} else {
		put(j, o, zkey, json_null());
		put(j, o, pkey, json_null());
		put(j, o, reason_key, reason(j, r));
	}
}

static json_t *statement_json(gj *j, const gr_context *c)
{
	const kb_wl_statement *s = c->st;
	json_t *o = chk(j, json_object());

	put(j, o, "id", str(j, s->id));
	put(j, o, "statistic", str(j, kb__wl_statistic_names[s->statistic]));
	if (s->statistic == WL_SHARE_LOST_AT_LEAST)
		put(j, o, "threshold_pct", num(j, s->threshold_pct, 2));
	put(j, o, "relation", str(j, kb__relation_names[s->relation]));
	put(j, o, "value_pct", num(j, s->value_pct, 2));
	put(j, o, "at_hours", num(j, s->hours, 1));
	put(j, o, "comparison", str(j, growth_report__comparison_names[c->cmp]));
	put(j, o, "text", text(j, &s->text));
	put(j, o, "sources", refs(j, &s->sources));
	return o;
}

static json_t *measurements(gj *j)
{
	static const char *const who[] = {"who_growth_2006", NULL};
	static const char *const kinds[] = {"birth", "weight", "reported_change"};
	const growth_report *r = j->r;
	json_t *a = chk(j, json_array());
	size_t i, k;

	for (i = 0; a && i < r->n_m; i++) {
		const gr_measurement *m = &r->m[i];
		json_t *o = chk(j, json_object());

		put(j, o, "kind", str(j, kinds[m->kind]));
		put(j, o, "age_days", num(j, m->age_days, 3));
		if (m->age_days < 14)
			put(j, o, "age_hours", num(j, m->age_days * 24.0, 1));
		if (m->corrected)
			put(j, o, "corrected_age_days", num(j, m->who_age_days, 1));
		put(j, o, "weight_g", m->has_weight ? num(j, m->weight_g, 1) : json_null());
		if (m->has_change) {
			put(j, o, "weight_change_pct_from_birth", num(j, m->change_pct, 2));
		} else {
			put(j, o, "weight_change_pct_from_birth", json_null());
			json_t *why = chk(j, json_object());
			put(j, why, "code", str(j, "no_birth_weight"));
			put(j, why, "field", str(j, "infant.birth_weight_g"));
			put(j, why, "text", ui(j, "growth_reason_no_birth_weight"));
			put(j, o, "weight_change_reason", why);
		}
		z_pair(j, o, "weight_for_age_z", "weight_for_age_percentile", m->z_reason, m->z, m->percentile, "reason");
		if (m->z_reason == OBS_Z_OK)
			put(j, o, "sources", source_ids(j, who));
		if (m->n_context) {
			json_t *ctx = chk(j, json_array());
			for (k = 0; k < m->n_context; k++)
				add(j, ctx, statement_json(j, &m->context[k]));
			put(j, o, "newborn_weight_change", ctx);
		}
		add(j, a, o);
	}
	return a;
}

static json_t *velocity(gj *j)
{
	static const char *const who[] = {"who_velocity_2009", NULL};
	static const char *const judgements[] = {"none", "below_low", "between", "at_or_above_good"};
	const growth_report *r = j->r;
	json_t *a = chk(j, json_array());
	size_t i;

	for (i = 0; a && i < r->n_vel; i++) {
		const gr_velocity *v = &r->vel[i];
		json_t *o = chk(j, json_object());

		put(j, o, "from_days", num(j, v->from_days, 3));
		put(j, o, "to_days", num(j, v->to_days, 3));
		put(j, o, "gain_g", num(j, v->gain_g, 1));
		put(j, o, "gain_g_per_day", num(j, v->g_per_day, 1));
		z_pair(j, o, "z", "percentile", v->reason, v->v.z, v->v.percentile, "reason");
		if (v->reason == OBS_Z_OK) {
			put(j, o, "method", str(j, v->v.method == GALACTA_VELOCITY_EXACT ? "exact" : "rescaled"));
			put(j, o, "approximation", json_boolean(v->v.method != GALACTA_VELOCITY_EXACT));
			put(j, o, "who_interval", str(j, v->v.interval));
			put(j, o, "who_table_months", chk(j, json_integer(v->v.months)));
			put(j, o, "who_from_days", num(j, v->v.who_start_days, 3));
			put(j, o, "who_to_days", num(j, v->v.who_end_days, 3));
			put(j, o, "increment_g", num(j, v->v.increment_g, 1));
			put(j, o, "who_median_g", num(j, v->v.median_g, 1));
			put(j, o, "sources", source_ids(j, who));
		} else if (v->norm) {
			json_t *n = chk(j, json_object());
			put(j, n, "basis", str(j, "kb_norm"));
			put(j, n, "id", str(j, v->norm->id));
			put(j, n, "low_g_per_day", num(j, v->norm->low_g_per_day, 1));
			put(j, n, "good_g_per_day", num(j, v->norm->good_g_per_day, 1));
			put(j, n, "judgement", str(j, judgements[v->judgement]));
			put(j, n, "text", text(j, &v->norm->text));
			put(j, n, "sources", refs(j, &v->norm->sources));
			put(j, o, "gain_norm", n);
		} else if (v->who_compare) {
			json_t *n = chk(j, json_object());
			char med[32], sd2[32], buf[512];
			const char *args[3];

			snprintf(med, sizeof(med), "%.0f", v->who_median_g_per_day);
			snprintf(sd2, sizeof(sd2), "%.0f", v->who_sd2neg_g_per_day);
			args[0] = v->who_interval;
			args[1] = med;
			args[2] = sd2;
			growth_report__fill(buf, sizeof(buf), kb__ui(j->kb, "growth_gain_who_compare", j->lang), args, 3);
			put(j, n, "basis", str(j, "who_monthly_increment_per_day"));
			put(j, n, "who_interval", str(j, v->who_interval));
			put(j, n, "who_median_g_per_day", num(j, v->who_median_g_per_day, 1));
			put(j, n, "who_sd2neg_g_per_day", num(j, v->who_sd2neg_g_per_day, 1));
			put(j, n, "text", str(j, buf));
			put(j, n, "sources", source_ids(j, who));
			put(j, o, "gain_norm", n);
		}
		put(j, o, "used_by_assessment", json_boolean(v->used_by_assessment));
		add(j, a, o);
	}
	return a;
}

static json_t *size_json(gj *j, const gr_size *s, const char *const *who)
{
	json_t *o = chk(j, json_object());

	put(j, o, "age_days", num(j, s->age_days, 3));
	if (s->who_age_days != s->age_days)
		put(j, o, "corrected_age_days", num(j, s->who_age_days, 1));
	put(j, o, "value_cm", num(j, s->value_cm, 1));
	z_pair(j, o, "z", "percentile", s->z_reason, s->z, s->percentile, "reason");
	if (s->z_reason == OBS_Z_OK)
		put(j, o, "sources", source_ids(j, who));
	return o;
}

static json_t *infant(gj *j)
{
	const growth_report *r = j->r;
	const struct galacta_kb *kb = j->kb;
	json_t *o = chk(j, json_object()), *ca;

	put(j, o, "sex", r->sex_name ? str(j, r->sex_name) : json_null());
	if (!r->sex_name)
		put(j, o, "sex_reason", reason(j, OBS_Z_SEX_UNKNOWN));
	put(j, o, "age_days", r->has_age ? num(j, r->age_days, 3) : json_null());
	put(j, o, "gestational_age_weeks", r->has_ga ? num(j, r->ga_weeks, 1) : json_null());
	put(j, o, "birth_weight_g", r->has_bw ? num(j, r->bw_g, 1) : json_null());
	if (r->delivery >= 0) {
		int f = kb__field_index(kb, "mother.delivery_mode");
		put(j, o, "delivery_mode", str(j, kb->fields[f].choices[r->delivery]));
	} else {
		put(j, o, "delivery_mode", json_null());
	}
	ca = chk(j, json_object());
	put(j, ca, "applies", json_boolean(r->corrected));
	if (r->preterm) {
		put(j, ca, "preterm", json_true());
		put(j, ca, "correction_days", num(j, r->correction_days, 1));
		put(j, ca, "until_age_days", num(j, GALACTA_GROWTH_CORRECT_UNTIL_DAYS, 1));
		if (r->has_age)
			put(j, ca, "corrected_age_days", num(j, r->age_days - r->correction_days, 1));
		put(j, ca, "text", text(j, &kb->corrected_age_statement.text));
		put(j, ca, "sources", refs(j, &kb->corrected_age_statement.sources));
	} else {
		put(j, ca, "preterm", r->has_ga ? json_false() : json_null());
	}
	put(j, o, "corrected_age", ca);
	return o;
}

static json_t *lines(gj *j)
{
	const growth_report *r = j->r;
	const struct galacta_kb *kb = j->kb;
	json_t *o = chk(j, json_object()), *a = chk(j, json_array());
	size_t i;

	for (i = 0; a && i < kb->n_percentile_lines; i++)
		add(j, a, num(j, kb->percentile_lines[i], 2));
	put(j, o, "percentiles", a);
	if (r->has_crossing) {
		put(j, o, "baseline", str(j, r->crossing.baseline < 0 ? "birth_weight" : "weight"));
		put(j, o, "baseline_age_days", num(j, r->crossing.baseline_days, 3));
		put(j, o, "baseline_z", num(j, r->crossing.baseline_z, 2));
		put(j, o, "latest_age_days", num(j, r->crossing.latest_days, 3));
		put(j, o, "latest_z", num(j, r->crossing.latest_z, 2));
		put(j, o, "crossed_down", chk(j, json_integer(r->crossing.lines_crossed_down)));
		put(j, o, "crossed_up", chk(j, json_integer(r->crossing.lines_crossed_up)));
	} else {
		json_t *why = chk(j, json_object());
		put(j, o, "crossed_down", json_null());
		put(j, o, "crossed_up", json_null());
		if (r->sex == GALACTA_SEX_UNKNOWN) {
			json_decref(why);
			why = reason(j, OBS_Z_SEX_UNKNOWN);
		} else {
			put(j, why, "code", str(j, "no_baseline"));
			put(j, why, "field", str(j, "infant.weights"));
			put(j, why, "text", ui(j, "growth_lines_no_baseline"));
		}
		put(j, o, "reason", why);
	}
	put(j, o, "text", text(j, &kb->percentile_lines_statement.text));
	put(j, o, "sources", refs(j, &kb->percentile_lines_statement.sources));
	return o;
}

static json_t *tri(int t)
{
	return t == TRI_TRUE ? json_true() : t == TRI_FALSE ? json_false() : json_null();
}

static json_t *norms(gj *j)
{
	const growth_report *r = j->r;
	const struct galacta_kb *kb = j->kb;
	json_t *o = chk(j, json_object()), *d, *l, *p;

	put(j, o, "day_of_life", r->has_day ? chk(j, json_integer(r->day_of_life)) : json_null());
	d = chk(j, json_object());
	put(j, d, "wet_reported", r->has_wet ? num(j, r->wet, 1) : json_null());
	put(j, d, "stools_reported", r->has_stools ? num(j, r->stools, 1) : json_null());
	if (r->diapers) {
		put(j, d, "wet_expected_min", num(j, r->diapers->wet_min, 1));
		put(j, d, "stools_expected_min", r->diapers->stools_min >= 0 ? num(j, r->diapers->stools_min, 1) : json_null());
		if (r->has_wet)
			put(j, d, "wet_deficit", num(j, r->diapers->wet_min - r->wet, 1));
		if (r->has_stools && r->diapers->stools_min >= 0)
			put(j, d, "stool_deficit", num(j, r->diapers->stools_min - r->stools, 1));
		put(j, d, "sources", refs(j, &kb->diaper_sources));
	} else {
		put(j, d, "wet_expected_min", json_null());
		put(j, d, "stools_expected_min", json_null());
	}
	put(j, o, "diapers", d);

	l = chk(j, json_object());
	put(j, l, "onset_hours", r->lact_state == 1 ? num(j, r->onset_hours, 1) : json_null());
	put(j, l, "milk_in", r->lact_state == 1 ? json_true() : r->lact_state == 2 ? json_false() : json_null());
	{
		int v = observe__var(kb, OBS_HOURS_WITHOUT_MILK);
		if (r->lact_state == 2 && r->a->var_known[v])
			put(j, l, "hours_without_milk", num(j, r->a->var[v], 1));
	}
	put(j, l, "delayed", r->lact_delayed == -2 ? json_null() : tri(r->lact_delayed));
	put(j, l, "text", text(j, &kb->lactogenesis_statement.text));
	put(j, l, "sources", refs(j, &kb->lactogenesis_statement.sources));
	put(j, o, "lactogenesis", l);

	p = chk(j, json_object());
	put(j, p, "ml_per_24h", r->has_pumped ? num(j, r->pumped_ml, 1) : json_null());
	put(j, p, "sessions_per_24h", r->has_sessions ? num(j, r->sessions, 1) : json_null());
	if (r->pumping) {
		put(j, p, "norm", str(j, r->pumping->id));
		put(j, p, "lower_limit_ml", r->pumping->lower_limit_ml >= 0 ? num(j, r->pumping->lower_limit_ml, 1) : json_null());
		put(j, p, "full_supply_ml", r->pumping->full_supply_ml >= 0 ? num(j, r->pumping->full_supply_ml, 1) : json_null());
		if (r->has_pumped)
			put(j, p, "comparison", str(j, growth_report__pump_comparison_names[r->pump_cmp]));
		put(j, p, "text", text(j, &r->pumping->text));
		put(j, p, "sources", refs(j, &r->pumping->sources));
	}
	put(j, o, "pumping", p);
	return o;
}

static json_t *rules(gj *j, const kb_rule *const *rl, size_t n, bool triage)
{
	json_t *a = chk(j, json_array());
	size_t i;

	for (i = 0; a && i < n; i++) {
		json_t *o = chk(j, json_object());
		put(j, o, "rule", str(j, rl[i]->id));
		if (triage)
			put(j, o, "level", str(j, galacta_triage_name((galacta_triage_level)rl[i]->level_or_status)));
		put(j, o, "text", text(j, &rl[i]->text));
		if (rl[i]->has_action)
			put(j, o, "action", text(j, &rl[i]->action));
		put(j, o, "sources", refs(j, &rl[i]->sources));
		add(j, a, o);
	}
	return a;
}

static json_t *conclusions(gj *j)
{
	const growth_report *r = j->r;
	const struct galacta_assessment *a = r->a;
	const struct galacta_kb *kb = j->kb;
	json_t *o = chk(j, json_object()), *s = chk(j, json_object()), *t = chk(j, json_object()),
	       *f = chk(j, json_array());
	size_t i;

	put(j, s, "status", str(j, galacta_supply_name(a->supply)));
	put(j, s, "title", text(j, &kb->supply_texts[a->supply].title));
	put(j, s, "text", text(j, &kb->supply_texts[a->supply].text));
	put(j, s, "evidence", rules(j, a->supply_fired, a->n_supply_fired, false));
	put(j, o, "supply", s);
	put(j, t, "level", str(j, galacta_triage_name(a->triage)));
	put(j, t, "title", text(j, &kb->triage_texts[a->triage].title));
	put(j, t, "text", text(j, &kb->triage_texts[a->triage].text));
	put(j, t, "growth_reasons", rules(j, r->triage, r->n_triage, true));
	put(j, t, "other_reasons", chk(j, json_integer((json_int_t)r->n_other_triage)));
	put(j, o, "triage", t);
	for (i = 0; f && i < r->n_findings; i++) {
		json_t *x = chk(j, json_object());
		put(j, x, "id", str(j, kb->findings[r->findings[i]].id));
		put(j, x, "label", text(j, &kb->findings[r->findings[i]].label));
		put(j, x, "sources", refs(j, &kb->findings[r->findings[i]].sources));
		add(j, f, x);
	}
	put(j, o, "derived_findings", f);
	return o;
}

static json_t *notes(gj *j)
{
	const growth_report *r = j->r;
	json_t *a = chk(j, json_array());
	char buf[512], g[16], lo[16], hi[16];
	const char *args[3];

	if (r->sex == GALACTA_SEX_UNKNOWN)
		add(j, a, reason(j, OBS_Z_SEX_UNKNOWN));
	if (!r->n_m) {
		json_t *o = chk(j, json_object());
		put(j, o, "code", str(j, "no_weights"));
		put(j, o, "field", str(j, "infant.weights"));
		put(j, o, "text", ui(j, "growth_no_weights"));
		add(j, a, o);
	}
	if (r->has_bw && !r->wl_population) {
		json_t *o = chk(j, json_object());
		snprintf(g, sizeof(g), "%g", j->kb->wl_min_ga_weeks);
		snprintf(lo, sizeof(lo), "%g", j->kb->wl_min_bw_g);
		snprintf(hi, sizeof(hi), "%g", j->kb->wl_max_bw_g);
		args[0] = g;
		args[1] = lo;
		args[2] = hi;
		growth_report__fill(buf, sizeof(buf), kb__ui(j->kb, "growth_newborn_not_applicable", j->lang), args, 3);
		put(j, o, "code", str(j, "newborn_statements_not_applicable"));
		put(j, o, "field", json_null());
		put(j, o, "text", str(j, buf));
		add(j, a, o);
	}
	return a;
}

static json_t *sources(gj *j)
{
	const struct galacta_kb *kb = j->kb;
	json_t *a = chk(j, json_array());
	size_t i;

	for (i = 0; a && i < kb->n_sources; i++)
		if (j->cited[i]) {
			const kb_source *s = &kb->sources[i];
			json_t *o = chk(j, json_object());
			put(j, o, "id", str(j, s->id));
			put(j, o, "citation", str(j, s->citation));
			if (s->url)
				put(j, o, "url", str(j, s->url));
			put(j, o, "evidence_level", str(j, kb__evidence_names[s->level]));
			add(j, a, o);
		}
	return a;
}

int galacta_growth_report(const galacta_kb *kb, const galacta_case *c, galacta_lang lang, int flags, char **out)
{
	static const char *const who_wfa[] = {"who_growth_2006", NULL};
	static const char *const who_hc[] = {"who_growth_2007", NULL};
	growth_report *r = NULL;
	gj j;
	json_t *root, *size;
	int rc;

	error__clear();
	if (out)
		*out = NULL;
	if (!kb || !c || !out || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS))
		return error__set(GALACTA_EINVALID, "galacta_growth_report: NULL argument or unknown language");
	if ((rc = growth_report__build(kb, c, &r)))
		return rc;
	memset(&j, 0, sizeof(j));
	j.r = r;
	j.kb = kb;
	j.lang = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	j.cited = calloc(kb->n_sources ? kb->n_sources : 1, 1);
	root = json_object();
	if (!j.cited || !root) {
		free(j.cited);
		json_decref(root);
		growth_report__free(r);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	put(&j, root, "format", str(&j, "galacta-growth/1"));
	put(&j, root, "case_id", r->a->case_id ? str(&j, r->a->case_id) : json_null());
	put(&j, root, "language", str(&j, galacta_lang_name(lang)));
	put(&j, root, "infant", infant(&j));
	put(&j, root, "measurements", measurements(&j));
	put(&j, root, "velocity", velocity(&j));
	size = chk(&j, json_object());
	if (r->length.given)
		put(&j, size, "length_for_age", size_json(&j, &r->length, who_wfa));
	if (r->head.given)
		put(&j, size, "head_circumference_for_age", size_json(&j, &r->head, who_hc));
	put(&j, root, "size", size);
	put(&j, root, "percentile_lines", lines(&j));
	put(&j, root, "output_norms", norms(&j));
	put(&j, root, "conclusions", conclusions(&j));
	put(&j, root, "notes", notes(&j));
	put(&j, root, "sources", sources(&j));
	put(&j, root, "disclaimer", text(&j, &kb->disclaimer));
	{
		json_t *g = chk(&j, json_object());
		put(&j, g, "name", str(&j, "galacta"));
		put(&j, g, "version", str(&j, galacta_version()));
		put(&j, root, "generator", g);
	}
	if (!j.oom)
		*out = json_dumps(root, JSON_REAL_PRECISION(10) |
			((flags & GALACTA_RENDER_COMPACT) ? JSON_COMPACT : JSON_INDENT(2)));
	json_decref(root);
	free(j.cited);
	growth_report__free(r);
	if (!*out)
		return error__set(GALACTA_ENOMEM, "out of memory");
	return 0;
}
