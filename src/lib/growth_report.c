/*
 * growth_report.c — builds the growth report of a case (growth_report.h):
 * the measurements and their WHO z-scores, the gains between them, the
 * published newborn weight-change statements that apply, size for age,
 * percentile lines, output norms for the day of life, and the conclusions
 * of galacta_assess(). The growth maths and the rules are those of
 * observe.c (shared helpers), so the report shows what the assessment
 * reasoned with; the clinical statements come from kb/growth.yaml.
 */
#include "growth_report.h"

#include "case_internal.h"
#include "cond.h"
#include "error.h"
#include "who_tables.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const growth_report__comparison_names[GR_CMP_COUNT] = {
	"more_than_median", "not_more_than_median", "lost_at_least_threshold", "lost_less_than_threshold",
	"below_birth_weight", "at_or_above_birth_weight"};
const char *const growth_report__gain_judgement_names[] = {"none", "below_low", "between", "at_or_above_good"};
const char *const growth_report__pump_comparison_names[] = {"none", "below_lower_limit", "below_full_supply",
	"at_or_above_full_supply", "at_or_above_lower_limit"};

/* WHO's monthly increments are compared per day only for gains that start
 * at the usual low point of the early weight loss (day 3-4) or later, the
 * same start as the KB's g/day norms; WHO's first increment (0-4 weeks)
 * includes the loss, so the comparison is lenient there (and says it is
 * only a comparison). */
static const double WHO_COMPARE_FROM_DAYS = 4.0;

const char *const growth_report__ui_keys[] = {
	"growth_title", "growth_intro", "growth_intro_no_sex", "growth_sex_female", "growth_sex_male",
	"growth_corrected_age", "growth_weights_heading", "growth_birth", "growth_day", "growth_corrected_day", "growth_hours",
	"growth_grams", "growth_change_from_birth", "growth_percentile", "growth_percentile_below",
	"growth_percentile_above", "growth_percentile_hint", "growth_no_weights", "growth_newborn_not_applicable",
	"growth_gain_heading", "growth_gain_line", "growth_velocity_exact", "growth_velocity_rescaled",
	"growth_gain_no_z", "growth_gain_who_compare", "growth_gain_judgement_below_low",
	"growth_gain_judgement_between", "growth_gain_judgement_at_or_above_good", "growth_assessment_interval",
	"growth_size_heading", "growth_length", "growth_head", "growth_lines_heading", "growth_lines_result",
	"growth_lines_none", "growth_lines_no_baseline", "growth_norms_heading", "growth_wet", "growth_stools", "growth_not_counted",
	"growth_expected_min", "growth_no_norm", "growth_milk_in_at", "growth_milk_not_yet",
	"growth_lactogenesis_delayed", "growth_lactogenesis_on_time", "growth_pumped", "growth_pump_lower_limit",
	"growth_pump_full_supply", "growth_other_reasons", "growth_findings_heading",
	"growth_reason_sex_unknown", "growth_reason_before_term", "growth_reason_beyond_tables",
	"growth_reason_too_short", "growth_reason_early_start", "growth_reason_early_corrected", "growth_reason_rescale_too_long",
	"growth_reason_no_value", "growth_reason_no_birth_weight",
	"chart_title", "chart_sex_female", "chart_sex_male", "chart_x_days", "chart_x_weeks", "chart_x_months",
	"chart_x_corrected_days", "chart_x_corrected_weeks", "chart_x_corrected_months", "chart_y_kg",
	"chart_legend_weights", "chart_legend_median", "chart_legend_lines", "chart_source", "chart_before_term",
	NULL};

const char *growth_report__reason_code(observe_z_reason r)
{
	switch (r) {
	case OBS_Z_OK: return "ok";
	case OBS_Z_SEX_UNKNOWN: return "sex_unknown";
	case OBS_Z_BEFORE_TERM: return "before_term";
	case OBS_Z_BEYOND_TABLES: return "beyond_tables";
	case OBS_Z_TOO_SHORT: return "interval_too_short";
	case OBS_Z_EARLY_START: return "starts_in_first_days";
	case OBS_Z_EARLY_CORRECTED: return "starts_in_first_corrected_days";
	case OBS_Z_RESCALE_TOO_LONG: return "rescaled_interval_too_long";
	case OBS_Z_NO_VALUE: return "no_value";
	}
	return "no_value";
}

const char *growth_report__reason_ui(observe_z_reason r)
{
	switch (r) {
	case OBS_Z_SEX_UNKNOWN: return "growth_reason_sex_unknown";
	case OBS_Z_BEFORE_TERM: return "growth_reason_before_term";
	case OBS_Z_BEYOND_TABLES: return "growth_reason_beyond_tables";
	case OBS_Z_TOO_SHORT: return "growth_reason_too_short";
	case OBS_Z_EARLY_START: return "growth_reason_early_start";
	case OBS_Z_EARLY_CORRECTED: return "growth_reason_early_corrected";
	case OBS_Z_RESCALE_TOO_LONG: return "growth_reason_rescale_too_long";
	default: return "growth_reason_no_value";
	}
}

const char *growth_report__reason_field(observe_z_reason r)
{
	switch (r) {
	case OBS_Z_SEX_UNKNOWN: return "infant.sex";
	case OBS_Z_BEFORE_TERM: return "infant.gestational_age_weeks";
	default: return NULL;
	}
}

void growth_report__fill(char *buf, size_t size, const char *tmpl, const char *const *args, size_t n)
{
	size_t used = 0, k = 0;
	const char *p = tmpl;

	if (!size)
		return;
	while (*p && used + 1 < size) {
		const char *a = NULL;
		/* "{}" takes the next argument, "{N}" (1-9) argument N: word
		 * order differs between the languages. */
		if (p[0] == '{' && p[1] == '}') {
			a = k < n ? args[k] : "";
			k++;
			p += 2;
		} else if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			size_t i = (size_t)(p[1] - '1');
			a = i < n ? args[i] : "";
			p += 3;
		}
		if (a) {
			while (*a && used + 1 < size)
				buf[used++] = *a++;
			continue;
		}
		buf[used++] = *p++;
	}
	buf[used] = '\0';
}

static bool var(const struct galacta_kb *kb, const struct galacta_case *c, const char *name, double *out)
{
	int i = kb__var_index(kb, name);

	if (i < 0 || c->var_state[i] != VAR_KNOWN)
		return false;
	*out = c->var[i];
	return true;
}

static int var_state(const struct galacta_kb *kb, const struct galacta_case *c, const char *name)
{
	int i = kb__var_index(kb, name);
	return i < 0 ? VAR_MISSING : c->var_state[i];
}

/* The newborn statements shown for a measurement (docs/growth.md). */
static int context(growth_report *r, gr_measurement *m)
{
	const struct galacta_kb *kb = r->kb;
	double hours = m->age_days * 24.0, loss = -m->change_pct;
	size_t i, n = 0;

	if (!m->has_change || !r->wl_population || m->kind == GR_BIRTH)
		return 0;
	m->context = arena__calloc(&r->mem, kb->n_wl_statements ? kb->n_wl_statements : 1, sizeof(*m->context));
	if (!m->context)
		return GALACTA_ENOMEM;
	for (i = 0; i < kb->n_wl_statements; i++) {
		const kb_wl_statement *s = &kb->wl_statements[i];
		gr_comparison cmp;

		if (hours < s->show_from_hours || hours >= s->show_to_hours)
			continue;
		if (r->delivery >= 0 && !(s->delivery_mask & (1u << r->delivery)))
			continue;
		switch (s->statistic) {
		case WL_MEDIAN_LOSS_PCT:
			cmp = loss > s->value_pct ? GR_CMP_MORE_THAN_MEDIAN : GR_CMP_NOT_MORE_THAN_MEDIAN;
			break;
		case WL_SHARE_LOST_AT_LEAST:
			cmp = loss >= s->threshold_pct ? GR_CMP_LOST_AT_LEAST : GR_CMP_LOST_LESS;
			break;
		default:
			cmp = m->change_pct < 0 ? GR_CMP_BELOW_BIRTH_WEIGHT : GR_CMP_AT_OR_ABOVE_BIRTH_WEIGHT;
			break;
		}
		m->context[n].st = s;
		m->context[n].cmp = cmp;
		n++;
	}
	m->n_context = n;
	return 0;
}

static void weight_z(growth_report *r, gr_measurement *m)
{
	m->who_age_days = observe__who_age(m->age_days, r->has_ga ? r->ga_weeks : (double)NAN);
	m->corrected = m->who_age_days != m->age_days;
	if (!m->has_weight) {
		m->z_reason = OBS_Z_NO_VALUE;
		return;
	}
	m->z_reason = observe__weight_z(r->sex, r->has_ga ? r->ga_weeks : (double)NAN, m->age_days, m->weight_g, &m->z);
	if (m->z_reason == OBS_Z_OK)
		m->percentile = galacta_growth_percentile(m->z);
}

static int measurements(growth_report *r)
{
	const struct galacta_case *c = r->c;
	double pct;
	size_t i, n = 0;

	r->m = arena__calloc(&r->mem, c->n_weights + 2, sizeof(*r->m));
	if (!r->m)
		return GALACTA_ENOMEM;
	if (r->has_bw) {
		gr_measurement *m = &r->m[n++];
		m->kind = GR_BIRTH;
		m->has_weight = m->has_change = true;
		m->weight_g = r->bw_g;
	}
	for (i = 0; i < c->n_weights; i++) {
		gr_measurement *m = &r->m[n++];
		m->kind = GR_WEIGHT;
		m->age_days = c->weights[i].age_days;
		m->has_weight = true;
		m->weight_g = c->weights[i].weight_g;
		if (r->has_bw) {
			m->has_change = true;
			m->change_pct = (m->weight_g - r->bw_g) / r->bw_g * 100.0;
		}
	}
	if (!c->n_weights && r->has_age && var(r->kb, c, "infant.weight_change_pct_from_birth", &pct)) {
		gr_measurement *m = &r->m[n++];
		m->kind = GR_REPORTED_CHANGE;
		m->age_days = r->age_days;
		m->has_change = true;
		m->change_pct = pct;
		if (r->has_bw) {
			m->has_weight = true;
			m->weight_g = r->bw_g * (1.0 + pct / 100.0);
		}
	}
	r->n_m = n;
	for (i = 0; i < n; i++) {
		int rc;
		weight_z(r, &r->m[i]);
		if ((rc = context(r, &r->m[i])))
			return rc;
	}
	return 0;
}

/* A KB g/day norm, or WHO's 1-month increment spread over its days. */
static void gain_norm(growth_report *r, gr_velocity *v)
{
	const struct galacta_kb *kb = r->kb;
	const struct who_tables__velocity_row *rows;
	double shift, from, to, mid;
	size_t i, n = 0;

	for (i = 0; i < kb->n_gain_norms; i++) {
		const kb_gain_norm *g = &kb->gain_norms[i];
		if (v->from_days >= g->from_day && v->to_days <= g->to_day) {
			v->norm = g;
			v->judgement = v->g_per_day < g->low_g_per_day    ? GR_GAIN_BELOW_LOW
				       : v->g_per_day >= g->good_g_per_day ? GR_GAIN_AT_OR_ABOVE_GOOD
									   : GR_GAIN_BETWEEN;
			return;
		}
	}
	if (r->sex == GALACTA_SEX_UNKNOWN)
		return;
	shift = observe__who_age(v->to_days, r->has_ga ? r->ga_weeks : (double)NAN) - v->to_days;
	from = v->from_days + shift;
	to = v->to_days + shift;
	if (from < WHO_COMPARE_FROM_DAYS)
		return;
	mid = (from + to) / 2.0;
	rows = who_tables__velocity(1, (int)r->sex, &n);
	for (i = 0; rows && i < n; i++)
		if (mid >= rows[i].start_days && mid < rows[i].end_days) {
			double days = rows[i].end_days - rows[i].start_days;
			v->who_compare = true;
			v->who_interval = rows[i].interval;
			v->who_median_g_per_day = rows[i].published_g[3] / days;
			v->who_sd2neg_g_per_day = rows[i].published_g[1] / days;
			return;
		}
}

static void velocity_one(growth_report *r, gr_velocity *v, int from, int to)
{
	const gr_measurement *a = &r->m[from], *b = &r->m[to];

	v->from = from;
	v->to = to;
	v->from_days = a->age_days;
	v->to_days = b->age_days;
	v->gain_g = b->weight_g - a->weight_g;
	v->g_per_day = v->gain_g / (v->to_days - v->from_days);
	v->reason = observe__velocity(r->sex, r->has_ga ? r->ga_weeks : (double)NAN, v->from_days, v->to_days,
		v->gain_g, &v->v);
	if (v->reason != OBS_Z_OK)
		gain_norm(r, v);
}

static int velocities(growth_report *r)
{
	observe_interval iv;
	int from_m = -1, to_m = -1;
	size_t i, n = 0, prev = 0;
	bool have_prev = false, listed = false;

	r->vel = arena__calloc(&r->mem, r->n_m + 1, sizeof(*r->vel));
	if (!r->vel)
		return GALACTA_ENOMEM;
	if (observe__gain_interval(r->kb, r->c, &iv)) {
		from_m = iv.from < 0 ? 0 : iv.from + (r->has_bw ? 1 : 0);
		to_m = iv.to + (r->has_bw ? 1 : 0);
	}
	for (i = 0; i < r->n_m; i++) {
		if (!r->m[i].has_weight || r->m[i].kind == GR_REPORTED_CHANGE)
			continue;
		if (have_prev && r->m[i].age_days > r->m[prev].age_days) {
			gr_velocity *v = &r->vel[n++];
			velocity_one(r, v, (int)prev, (int)i);
			if ((int)prev == from_m && (int)i == to_m)
				v->used_by_assessment = listed = true;
		}
		prev = i;
		have_prev = true;
	}
	if (from_m >= 0 && !listed) {
		gr_velocity *v = &r->vel[n++];
		velocity_one(r, v, from_m, to_m);
		v->used_by_assessment = true;
	}
	r->n_vel = n;
	return 0;
}

static void size_one(growth_report *r, gr_size *s, const char *field, galacta_growth_indicator ind)
{
	double a;

	if (!var(r->kb, r->c, field, &s->value_cm) || !r->has_age)
		return;
	s->given = true;
	s->age_days = r->age_days;
	s->who_age_days = a = observe__who_age(r->age_days, r->has_ga ? r->ga_weeks : (double)NAN);
	if (r->sex == GALACTA_SEX_UNKNOWN)
		s->z_reason = OBS_Z_SEX_UNKNOWN;
	else if (a < 0)
		s->z_reason = OBS_Z_BEFORE_TERM;
	else if (a > GALACTA_GROWTH_AGE_DAYS_MAX)
		s->z_reason = OBS_Z_BEYOND_TABLES;
	else if (galacta_growth_z(ind, r->sex, a, s->value_cm, &s->z))
		s->z_reason = OBS_Z_NO_VALUE;
	else
		s->percentile = galacta_growth_percentile(s->z);
}

/* True when a condition tests a growth or intake observation, directly or
 * through derived findings (findings may only use earlier ones, so the
 * recursion ends). */
static bool growth_var(const struct galacta_kb *kb, int v)
{
	static const char *const fields[] = {"infant.weight_change_pct_from_birth", "pumping.ml_per_24h", NULL};
	const char *name = kb->vars[v].name;
	size_t i;

	if (!strncmp(name, "growth.", 7) || !strncmp(name, "intake.", 7))
		return true;
	for (i = 0; fields[i]; i++)
		if (!strcmp(name, fields[i]))
			return true;
	return false;
}

static bool growth_cond(const struct galacta_kb *kb, const kb_cond *c, int depth)
{
	size_t i;

	if (!c || depth > 64)
		return false;
	if ((c->kind == COND_VAR || c->kind == COND_ENUM || c->kind == COND_KNOWN) && growth_var(kb, c->index))
		return true;
	/* The supply status is decided by growth and intake evidence. */
	if (c->kind == COND_SUPPLY)
		return true;
	if (c->kind == COND_FINDING && c->index >= 0 && (size_t)c->index < kb->n_findings &&
	    kb->findings[c->index].derived && growth_cond(kb, kb->findings[c->index].when, depth + 1))
		return true;
	for (i = 0; i < c->n_kids; i++)
		if (growth_cond(kb, c->kids[i], depth + 1))
			return true;
	return false;
}

static int conclusions(growth_report *r)
{
	const struct galacta_kb *kb = r->kb;
	const struct galacta_assessment *a = r->a;
	size_t i;

	r->triage = arena__calloc(&r->mem, a->n_triage_fired ? a->n_triage_fired : 1, sizeof(*r->triage));
	r->findings = arena__calloc(&r->mem, kb->n_findings ? kb->n_findings : 1, sizeof(int));
	if (!r->triage || !r->findings)
		return GALACTA_ENOMEM;
	for (i = 0; i < a->n_triage_fired; i++) {
		if (growth_cond(kb, a->triage_fired[i]->when, 0))
			r->triage[r->n_triage++] = a->triage_fired[i];
		else
			r->n_other_triage++;
	}
	for (i = 0; i < kb->n_findings; i++)
		if (kb->findings[i].derived && a->finding[i] == TRI_TRUE && growth_cond(kb, kb->findings[i].when, 0))
			r->findings[r->n_findings++] = (int)i;
	return 0;
}

static void output_norms(growth_report *r)
{
	const struct galacta_kb *kb = r->kb;
	const struct galacta_case *c = r->c;
	int f;
	size_t i;

	r->has_wet = var(kb, c, "infant.wet_diapers_per_24h", &r->wet);
	r->has_stools = var(kb, c, "infant.stools_per_24h", &r->stools);
	if (r->has_age) {
		r->has_day = true;
		r->day_of_life = (int)floor(r->age_days) + 1;
		for (i = 0; i < kb->n_diaper_norms; i++)
			if (r->day_of_life >= kb->diaper_norms[i].from_day && r->day_of_life <= kb->diaper_norms[i].to_day)
				r->diapers = &kb->diaper_norms[i];
		for (i = 0; i < kb->n_pumping_norms; i++)
			if (r->day_of_life >= kb->pumping_norms[i].from_day && r->day_of_life <= kb->pumping_norms[i].to_day)
				r->pumping = &kb->pumping_norms[i];
	}
	if (var(kb, c, "mother.lactogenesis_onset_hours", &r->onset_hours))
		r->lact_state = 1;
	else if (var_state(kb, c, "mother.lactogenesis_onset_hours") == VAR_NULL ||
		 ((f = kb__finding_index(kb, "milk_came_in")) >= 0 && c->finding[f] == TRI_FALSE))
		r->lact_state = 2;
	f = kb__finding_index(kb, "lactogenesis_delayed");
	r->lact_delayed = f >= 0 ? r->a->finding[f] : -2;
	r->has_pumped = var(kb, c, "pumping.ml_per_24h", &r->pumped_ml);
	r->has_sessions = var(kb, c, "pumping.sessions_per_24h", &r->sessions);
	if (r->has_pumped && r->pumping) {
		const kb_pumping_norm *p = r->pumping;
		if (p->lower_limit_ml >= 0 && r->pumped_ml < p->lower_limit_ml)
			r->pump_cmp = GR_PUMP_BELOW_LOWER_LIMIT;
		else if (p->full_supply_ml >= 0)
			r->pump_cmp = r->pumped_ml < p->full_supply_ml ? GR_PUMP_BELOW_FULL_SUPPLY
								       : GR_PUMP_AT_OR_ABOVE_FULL_SUPPLY;
		else
			r->pump_cmp = GR_PUMP_AT_OR_ABOVE_LOWER_LIMIT;
	}
}

int growth_report__build(const struct galacta_kb *kb, const struct galacta_case *c, growth_report **out)
{
	growth_report *r;
	double dm;
	int rc;

	*out = NULL;
	if (!kb || !c || c->n_vars != kb->n_vars || c->n_findings != kb->n_findings)
		return error__set(GALACTA_EINVALID, "growth report: NULL argument or case parsed with another KB");
	r = calloc(1, sizeof(*r));
	if (!r)
		return error__set(GALACTA_ENOMEM, "out of memory");
	r->kb = kb;
	r->c = c;
	if ((rc = galacta_assess(kb, c, &r->a))) {
		free(r);
		return rc;
	}
	r->sex = observe__sex(kb, c);
	if (r->sex != GALACTA_SEX_UNKNOWN) {
		int f = kb__field_index(kb, "infant.sex"), v = kb__var_index(kb, "infant.sex");
		r->sex_name = kb->fields[f].choices[(int)c->var[v]];
	}
	r->has_age = var(kb, c, "infant.age_days", &r->age_days);
	r->ga_weeks = observe__gestational_age(kb, c);
	r->has_ga = !isnan(r->ga_weeks);
	r->has_bw = var(kb, c, "infant.birth_weight_g", &r->bw_g);
	r->preterm = r->has_ga && r->ga_weeks < GALACTA_GROWTH_PRETERM_WEEKS;
	if (r->preterm)
		r->correction_days = (GALACTA_GROWTH_TERM_WEEKS - r->ga_weeks) * 7.0;
	r->corrected = r->preterm && (!r->has_age || r->age_days < GALACTA_GROWTH_CORRECT_UNTIL_DAYS);
	r->delivery = var(kb, c, "mother.delivery_mode", &dm) ? (int)dm : -1;
	r->wl_population = r->has_bw && r->bw_g >= kb->wl_min_bw_g && r->bw_g <= kb->wl_max_bw_g &&
			   !(r->has_ga && r->ga_weeks < kb->wl_min_ga_weeks);
	rc = measurements(r);
	if (!rc)
		rc = velocities(r);
	if (!rc) {
		size_one(r, &r->length, "infant.length_cm", GALACTA_GROWTH_LENGTH_FOR_AGE);
		size_one(r, &r->head, "infant.head_circumference_cm", GALACTA_GROWTH_HEAD_FOR_AGE);
		r->has_crossing = observe__crossing(kb, c, &r->crossing);
		output_norms(r);
		rc = conclusions(r);
	}
	error__clear(); /* a z-score that cannot be computed is not an error */
	if (rc) {
		growth_report__free(r);
		return error__set(GALACTA_ENOMEM, "out of memory");
	}
	*out = r;
	return 0;
}

void growth_report__free(growth_report *r)
{
	if (!r)
		return;
	galacta_assessment_free(r->a);
	arena__free(&r->mem);
	free(r);
}

int galacta_growth_sex(const galacta_kb *kb, const galacta_case *c, galacta_sex *out)
{
	galacta_sex s;

	error__clear();
	if (!kb || !c || !out || c->n_vars != kb->n_vars)
		return error__set(GALACTA_EINVALID, "galacta_growth_sex: NULL argument or case parsed with another KB");
	s = observe__sex(kb, c);
	if (s == GALACTA_SEX_UNKNOWN)
		return error__set(GALACTA_ENOTFOUND, "infant.sex: not given; WHO z-scores and percentiles are by sex");
	*out = s;
	return 0;
}
