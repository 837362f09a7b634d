/*
 * chart.c — galacta_growth_chart(): the baby's weights drawn over the WHO
 * weight-for-age percentile curves (the lines of kb/growth.yaml, normally
 * P3/P15/P50/P85/P97) for the baby's sex, with cairo, as SVG or PNG. The
 * age axis fits the data (days, weeks or months; corrected age for preterm
 * babies); texts come from kb/ui.yaml in the chosen language, Chinese with
 * the fontconfig family "Noto Sans CJK SC".
 */
#include "growth_report.h"

#include "error.h"

#include <cairo.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Layout, in pixels (PNG) or points (SVG). */
enum { W = GALACTA_CHART_WIDTH, H = GALACTA_CHART_HEIGHT };
static const double MARGIN_LEFT = 78, MARGIN_RIGHT = 64, MARGIN_TOP = 66, MARGIN_BOTTOM = 92;
static const double CURVE_SAMPLES = 240;
static const double DAYS_PER_WEEK = 7.0, DAYS_PER_MONTH = 30.4375;
#define M_PI_VALUE 3.14159265358979323846 /* M_PI is not C11 */

typedef struct {
	unsigned char *data;
	size_t len, cap;
	bool oom;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int length)
{
	membuf *m = closure;

	if (m->oom)
		return CAIRO_STATUS_WRITE_ERROR;
	if (length > m->cap - m->len) {
		size_t cap = m->cap ? m->cap : 65536;
		unsigned char *p;
		while (cap - m->len < length) {
			if (cap > ((size_t)-1) / 2) {
				m->oom = true;
				return CAIRO_STATUS_WRITE_ERROR;
			}
			cap *= 2;
		}
		p = realloc(m->data, cap);
		if (!p) {
			m->oom = true;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		m->data = p;
		m->cap = cap;
	}
	memcpy(m->data + m->len, data, length);
	m->len += length;
	return CAIRO_STATUS_SUCCESS;
}

typedef struct {
	const growth_report *r;
	int lang;
	cairo_t *cr;
	double x0, x1, y0, y1;  /* data window: age in days, weight in kg */
	double px0, px1, py0, py1; /* plot area in device units (py0 top) */
	double unit_days, step; /* x axis: days per label unit, tick step in units */
	const char *font;
	double lx, ly, lw, lh;  /* legend box in device units */
} chart;

static double sx(const chart *c, double days)
{
	return c->px0 + (days - c->x0) / (c->x1 - c->x0) * (c->px1 - c->px0);
}

static double sy(const chart *c, double kg)
{
	return c->py1 - (kg - c->y0) / (c->y1 - c->y0) * (c->py1 - c->py0);
}

static const char *ui(const chart *c, const char *id)
{
	return kb__ui(c->r->kb, id, c->lang);
}

static void font(chart *c, double size, bool bold)
{
	cairo_select_font_face(c->cr, c->font, CAIRO_FONT_SLANT_NORMAL,
		bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(c->cr, size);
}

/* Text at (x, y): align 0 left, 0.5 centre, 1 right; y is the baseline. */
static void text_at(chart *c, double x, double y, double align, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(c->cr, s, &e);
	cairo_move_to(c->cr, x - align * e.x_advance, y);
	cairo_show_text(c->cr, s);
}

static double text_width(chart *c, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(c->cr, s, &e);
	return e.x_advance;
}

/* The WHO weight (kg) at z on the chart's age axis, or NaN. */
static double curve(const chart *c, double days, double z)
{
	double kg;

	if (days < 0 || days > GALACTA_GROWTH_AGE_DAYS_MAX ||
	    galacta_growth_value_at_z(GALACTA_GROWTH_WEIGHT_FOR_AGE, c->r->sex, days, z, &kg))
		return (double)NAN;
	return kg;
}

/* A "nice" step (1, 2 or 5 × 10^k) giving at most max_ticks ticks. */
static double nice_step(double span, int max_ticks)
{
	double raw = span / max_ticks, p = pow(10.0, floor(log10(raw))), f = raw / p;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/* The age window and unit: days up to about 10 weeks, weeks to 6 months,
 * months after. */
static void x_axis(chart *c, double lo, double hi)
{
	static const double day_steps[] = {1, 2, 7, 14}, week_steps[] = {1, 2, 4, 8},
			    month_steps[] = {1, 2, 3, 6, 12};
	const double *steps;
	double span, u;
	size_t n, i;

	if (hi < lo + 7)
		hi = lo + 7;
	hi += fmax(2.0, 0.08 * (hi - lo));
	if (hi > GALACTA_GROWTH_AGE_DAYS_MAX)
		hi = GALACTA_GROWTH_AGE_DAYS_MAX;
	span = hi - lo;
	if (hi <= 70) {
		c->unit_days = 1;
		steps = day_steps;
		n = 4;
	} else if (hi <= 26 * DAYS_PER_WEEK) {
		c->unit_days = DAYS_PER_WEEK;
		steps = week_steps;
		n = 4;
	} else {
		c->unit_days = DAYS_PER_MONTH;
		steps = month_steps;
		n = 5;
	}
	u = span / c->unit_days;
	c->step = steps[n - 1];
	for (i = 0; i < n; i++)
		if (u / steps[i] <= 12) {
			c->step = steps[i];
			break;
		}
	c->x0 = floor(lo / c->unit_days / c->step) * c->step * c->unit_days;
	c->x1 = ceil(hi / c->unit_days / c->step) * c->step * c->unit_days;
	if (c->x1 > GALACTA_GROWTH_AGE_DAYS_MAX)
		c->x1 = GALACTA_GROWTH_AGE_DAYS_MAX;
	if (c->x1 <= c->x0)
		c->x1 = c->x0 + c->step * c->unit_days;
}

static void y_axis(chart *c, double lo, double hi)
{
	double step, pad = 0.04 * (hi - lo);

	lo -= pad;
	hi += pad;
	step = nice_step(hi - lo, 10);
	c->y0 = fmax(0.0, floor(lo / step) * step);
	c->y1 = ceil(hi / step) * step;
}

static void set_rgb(cairo_t *cr, unsigned hex)
{
	cairo_set_source_rgb(cr, ((hex >> 16) & 255) / 255.0, ((hex >> 8) & 255) / 255.0, (hex & 255) / 255.0);
}

static void set_rgba(cairo_t *cr, unsigned hex, double a)
{
	cairo_set_source_rgba(cr, ((hex >> 16) & 255) / 255.0, ((hex >> 8) & 255) / 255.0, (hex & 255) / 255.0, a);
}

/* Traces the curve at z over the visible ages at or after 0. */
static void trace(chart *c, double z, bool reverse)
{
	double from = fmax(0.0, c->x0), to = c->x1;
	int i, n = (int)CURVE_SAMPLES;

	for (i = 0; i <= n; i++) {
		int k = reverse ? n - i : i;
		double d = from + (to - from) * k / n, kg = curve(c, d, z);
		if (isnan(kg))
			continue;
		if (i == 0 && !reverse)
			cairo_move_to(c->cr, sx(c, d), sy(c, kg));
		else
			cairo_line_to(c->cr, sx(c, d), sy(c, kg));
	}
}

static void bands(chart *c, const double *z, size_t n)
{
	cairo_t *cr = c->cr;

	if (n < 2)
		return;
	/* Outer band (first to last line), then inner (second to last but one). */
	trace(c, z[0], false);
	trace(c, z[n - 1], true);
	cairo_close_path(cr);
	set_rgba(cr, 0x4c9a6a, 0.07);
	cairo_fill(cr);
	if (n >= 4) {
		trace(c, z[1], false);
		trace(c, z[n - 2], true);
		cairo_close_path(cr);
		set_rgba(cr, 0x4c9a6a, 0.10);
		cairo_fill(cr);
	}
}

static void grid(chart *c)
{
	cairo_t *cr = c->cr;
	char buf[32];
	double v, ystep = nice_step(c->y1 - c->y0, 10);

	font(c, 13, false);
	cairo_set_line_width(cr, 1);
	for (v = c->x0; v <= c->x1 + 1e-9; v += c->step * c->unit_days) {
		double x = sx(c, v), u = v / c->unit_days;
		set_rgb(cr, 0xe4e4e4);
		cairo_move_to(cr, floor(x) + 0.5, c->py0);
		cairo_line_to(cr, floor(x) + 0.5, c->py1);
		cairo_stroke(cr);
		set_rgb(cr, 0x333333);
		snprintf(buf, sizeof(buf), "%.*f", fabs(u - round(u)) < 1e-6 ? 0 : 1, fabs(u) < 1e-9 ? 0.0 : u);
		text_at(c, x, c->py1 + 20, 0.5, buf);
	}
	for (v = c->y0; v <= c->y1 + 1e-9; v += ystep) {
		double y = sy(c, v);
		set_rgb(cr, 0xe4e4e4);
		cairo_move_to(cr, c->px0, floor(y) + 0.5);
		cairo_line_to(cr, c->px1, floor(y) + 0.5);
		cairo_stroke(cr);
		set_rgb(cr, 0x333333);
		snprintf(buf, sizeof(buf), "%.*f", ystep < 1 ? 1 : 0, v);
		text_at(c, c->px0 - 8, y + 4.5, 1.0, buf);
	}
}

static void before_term(chart *c)
{
	cairo_t *cr = c->cr;
	double x = sx(c, 0);

	if (c->x0 >= 0)
		return;
	set_rgba(cr, 0x888888, 0.12);
	cairo_rectangle(cr, c->px0, c->py0, x - c->px0, c->py1 - c->py0);
	cairo_fill(cr);
	font(c, 12, false);
	set_rgb(cr, 0x555555);
	cairo_save(cr);
	cairo_rectangle(cr, c->px0, c->py0, x - c->px0, c->py1 - c->py0);
	cairo_clip(cr);
	text_at(c, c->px0 + 6, c->py0 + 18, 0, ui(c, "chart_before_term"));
	cairo_restore(cr);
}

static void weights(chart *c)
{
	const growth_report *r = c->r;
	cairo_t *cr = c->cr;
	size_t i;
	bool first = true;

	set_rgb(cr, 0x1f4e9c);
	cairo_set_line_width(cr, 2.2);
	for (i = 0; i < r->n_m; i++) {
		const gr_measurement *m = &r->m[i];
		if (!m->has_weight)
			continue;
		if (first)
			cairo_move_to(cr, sx(c, m->who_age_days), sy(c, m->weight_g / 1000.0));
		else
			cairo_line_to(cr, sx(c, m->who_age_days), sy(c, m->weight_g / 1000.0));
		first = false;
	}
	cairo_stroke(cr);
	for (i = 0; i < r->n_m; i++) {
		const gr_measurement *m = &r->m[i];
		if (!m->has_weight)
			continue;
		cairo_arc(cr, sx(c, m->who_age_days), sy(c, m->weight_g / 1000.0), 5.0, 0, 2 * M_PI_VALUE);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		set_rgb(cr, 0x1f4e9c);
		cairo_set_line_width(cr, 2.2);
		cairo_stroke(cr);
	}
}

static const char *legend_item(const chart *c, int i)
{
	static const char *const ids[3] = {"chart_legend_weights", "chart_legend_median", "chart_legend_lines"};
	return ui(c, ids[i]);
}

enum { LEGEND_ROW = 21 };

/* True when the box (device units) is clear of the shaded band of the
 * curves and of the baby's weights. */
static bool legend_clear(const chart *c, const double *z, size_t n, double x, double y, double w, double h)
{
	const growth_report *r = c->r;
	size_t i;
	int k;

	for (k = 0; k <= 24 && n; k++) {
		double px = x + w * k / 24.0;
		double d = c->x0 + (px - c->px0) / (c->px1 - c->px0) * (c->x1 - c->x0);
		double top = curve(c, d, z[n - 1]), bottom = curve(c, d, z[0]);
		if (isnan(top))
			continue;
		/* The band spans sy(top) (higher on screen) to sy(bottom). */
		if (sy(c, top) < y + h + 6 && sy(c, bottom) > y - 6)
			return false;
	}
	for (i = 0; i < r->n_m; i++) {
		double px, py;
		if (!r->m[i].has_weight)
			continue;
		px = sx(c, r->m[i].who_age_days);
		py = sy(c, r->m[i].weight_g / 1000.0);
		if (px > x - 8 && px < x + w + 8 && py > y - 8 && py < y + h + 8)
			return false;
	}
	return true;
}

/* Places the legend top-left (right of the due date for preterm babies),
 * else bottom-right; when both would hide the curves, raises the top of
 * the weight axis until top-left is clear. */
static void legend_place(chart *c, const double *z, size_t n)
{
	double w = 0, step = nice_step(c->y1 - c->y0, 10);
	int i;

	font(c, 13, false);
	for (i = 0; i < 3; i++)
		w = fmax(w, text_width(c, legend_item(c, i)));
	c->lw = w + 58;
	c->lh = LEGEND_ROW * 3 + 10;
	for (i = 0; i < 30; i++) {
		c->lx = c->x0 < 0 ? sx(c, 0) + 12 : c->px0 + 12;
		c->ly = c->py0 + 12;
		if (legend_clear(c, z, n, c->lx, c->ly, c->lw, c->lh))
			return;
		c->lx = c->px1 - 12 - c->lw;
		c->ly = c->py1 - 12 - c->lh;
		if (legend_clear(c, z, n, c->lx, c->ly, c->lw, c->lh))
			return;
		c->y1 += step;
	}
	c->lx = c->px0 + 12;
	c->ly = c->py0 + 12;
}

static void legend(chart *c)
{
	cairo_t *cr = c->cr;
	double x = c->lx, y = c->ly, row = LEGEND_ROW;
	int i;

	font(c, 13, false);
	cairo_rectangle(cr, x, y, c->lw, c->lh);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
	cairo_fill_preserve(cr);
	set_rgb(cr, 0xcccccc);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	for (i = 0; i < 3; i++) {
		double ly = y + 5 + row * i + row / 2;
		if (i == 0) {
			set_rgb(cr, 0x1f4e9c);
			cairo_set_line_width(cr, 2.2);
			cairo_move_to(cr, x + 8, ly);
			cairo_line_to(cr, x + 40, ly);
			cairo_stroke(cr);
			cairo_arc(cr, x + 24, ly, 4.5, 0, 2 * M_PI_VALUE);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			set_rgb(cr, 0x1f4e9c);
			cairo_stroke(cr);
		} else {
			set_rgb(cr, i == 1 ? 0x2e7d4f : 0x5f9f78);
			cairo_set_line_width(cr, i == 1 ? 2.4 : 1.2);
			cairo_move_to(cr, x + 8, ly);
			cairo_line_to(cr, x + 40, ly);
			cairo_stroke(cr);
		}
		set_rgb(cr, 0x222222);
		text_at(c, x + 48, ly + 4.5, 0, legend_item(c, i));
	}
}

static void labels(chart *c)
{
	const growth_report *r = c->r;
	cairo_t *cr = c->cr;
	char buf[256], ga[16];
	const char *args[1];
	const char *xkey;

	font(c, 20, true);
	set_rgb(cr, 0x111111);
	args[0] = ui(c, r->sex == GALACTA_SEX_MALE ? "chart_sex_male" : "chart_sex_female");
	growth_report__fill(buf, sizeof(buf), ui(c, "chart_title"), args, 1);
	text_at(c, c->px0, 34, 0, buf);
	if (r->a->case_id) {
		char id[80];
		size_t i;
		/* Case text: printable ASCII and UTF-8 kept, control characters replaced. */
		snprintf(id, sizeof(id), "%s", r->a->case_id);
		for (i = 0; id[i]; i++)
			if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
				id[i] = '?';
		font(c, 13, false);
		set_rgb(cr, 0x555555);
		text_at(c, c->px1, 34, 1.0, id);
	}
	font(c, 14, false);
	set_rgb(cr, 0x222222);
	if (c->unit_days == 1)
		xkey = r->corrected ? "chart_x_corrected_days" : "chart_x_days";
	else if (c->unit_days == DAYS_PER_WEEK)
		xkey = r->corrected ? "chart_x_corrected_weeks" : "chart_x_weeks";
	else
		xkey = r->corrected ? "chart_x_corrected_months" : "chart_x_months";
	snprintf(ga, sizeof(ga), "%g", r->ga_weeks);
	args[0] = ga;
	growth_report__fill(buf, sizeof(buf), ui(c, xkey), args, 1);
	text_at(c, (c->px0 + c->px1) / 2, c->py1 + 46, 0.5, buf);
	cairo_save(cr);
	cairo_translate(cr, 24, (c->py0 + c->py1) / 2);
	cairo_rotate(cr, -M_PI_VALUE / 2);
	text_at(c, 0, 0, 0.5, ui(c, "chart_y_kg"));
	cairo_restore(cr);
	font(c, 11.5, false);
	set_rgb(cr, 0x666666);
	text_at(c, c->px0, H - 16, 0, ui(c, "chart_source"));
}

static int draw(chart *c)
{
	const growth_report *r = c->r;
	const struct galacta_kb *kb = r->kb;
	cairo_t *cr = c->cr;
	double lo = 0, hi = 0, ylo = INFINITY, yhi = -INFINITY, z[16], pct[16], d;
	size_t i, n = kb->n_percentile_lines < 16 ? kb->n_percentile_lines : 16;
	int k;

	for (i = 0; i < n; i++) {
		pct[i] = kb->percentile_lines[i];
		z[i] = galacta_growth_percentile_z(pct[i]);
	}
	for (i = 0; i < r->n_m; i++)
		if (r->m[i].has_weight) {
			lo = fmin(lo, r->m[i].who_age_days);
			hi = fmax(hi, r->m[i].who_age_days);
			ylo = fmin(ylo, r->m[i].weight_g / 1000.0);
			yhi = fmax(yhi, r->m[i].weight_g / 1000.0);
		}
	x_axis(c, lo, hi);
	/* The curves' range over the window joins the data's. */
	for (k = 0; k <= 40; k++) {
		d = fmax(0.0, c->x0) + (c->x1 - fmax(0.0, c->x0)) * k / 40.0;
		if (n) {
			double a = curve(c, d, z[0]), b = curve(c, d, z[n - 1]);
			if (!isnan(a))
				ylo = fmin(ylo, a);
			if (!isnan(b))
				yhi = fmax(yhi, b);
		}
	}
	y_axis(c, ylo, yhi);
	c->px0 = MARGIN_LEFT;
	c->px1 = W - MARGIN_RIGHT;
	c->py0 = MARGIN_TOP;
	c->py1 = H - MARGIN_BOTTOM;
	legend_place(c, z, n);

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	grid(c);
	cairo_save(cr);
	cairo_rectangle(cr, c->px0, c->py0, c->px1 - c->px0, c->py1 - c->py0);
	cairo_clip(cr);
	before_term(c);
	bands(c, z, n);
	cairo_restore(cr);
	cairo_save(cr);
	cairo_rectangle(cr, c->px0, c->py0 - 2, c->px1 - c->px0 + 1, c->py1 - c->py0 + 4);
	cairo_clip(cr);
	for (i = 0; i < n; i++) {
		bool median = fabs(z[i]) < 1e-9;
		trace(c, z[i], false);
		cairo_set_line_width(cr, median ? 2.4 : 1.2);
		set_rgb(cr, median ? 0x2e7d4f : 0x5f9f78);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	/* Not clipped: a birth weight sits on the left edge. */
	weights(c);
	/* Percentile names in the right margin. */
	{
		double ly[16], x_end = c->x1;
		char buf[16];
		for (i = 0; i < n; i++)
			ly[i] = sy(c, curve(c, x_end, z[i]));
		for (k = 0; k < 8; k++)
			for (i = 1; i < n; i++)
				if (ly[i - 1] - ly[i] < 15) {
					double mid = (ly[i - 1] + ly[i]) / 2;
					ly[i - 1] = mid + 7.5;
					ly[i] = mid - 7.5;
				}
		font(c, 13, false);
		set_rgb(cr, 0x2e7d4f);
		for (i = 0; i < n; i++) {
			if (isnan(ly[i]) || ly[i] < c->py0 - 4 || ly[i] > c->py1 + 4)
				continue;
			snprintf(buf, sizeof(buf), "P%g", pct[i]);
			text_at(c, c->px1 + 6, ly[i] + 4.5, 0, buf);
		}
	}
	cairo_rectangle(cr, c->px0 + 0.5, c->py0 + 0.5, c->px1 - c->px0 - 1, c->py1 - c->py0 - 1);
	set_rgb(cr, 0x999999);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	legend(c);
	labels(c);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

int galacta_growth_chart(const galacta_kb *kb, const galacta_case *c, galacta_lang lang,
	galacta_chart_format format, unsigned char **data, size_t *len)
{
	growth_report *r = NULL;
	cairo_surface_t *surface = NULL;
	membuf mb = {NULL, 0, 0, false};
	chart ch;
	size_t i;
	bool any = false;
	int rc;

	error__clear();
	if (data)
		*data = NULL;
	if (len)
		*len = 0;
	if (!kb || !c || !data || !len || (lang != GALACTA_LANG_EN && lang != GALACTA_LANG_ZH_HANS) ||
	    (format != GALACTA_CHART_SVG && format != GALACTA_CHART_PNG))
		return error__set(GALACTA_EINVALID, "galacta_growth_chart: NULL argument, unknown language or format");
	if ((rc = growth_report__build(kb, c, &r)))
		return rc;
	if (r->sex == GALACTA_SEX_UNKNOWN) {
		growth_report__free(r);
		return error__set(GALACTA_EINVALID,
			"infant.sex: not given; the WHO weight-for-age curves are by sex, so no chart can be drawn");
	}
	for (i = 0; i < r->n_m; i++)
		any |= r->m[i].has_weight;
	if (!any) {
		growth_report__free(r);
		return error__set(GALACTA_EINVALID,
			"infant.weights: no weight to draw (give infant.birth_weight_g or infant.weights)");
	}
	memset(&ch, 0, sizeof(ch));
	ch.r = r;
	ch.lang = lang == GALACTA_LANG_ZH_HANS ? 1 : 0;
	ch.font = lang == GALACTA_LANG_ZH_HANS ? "Noto Sans CJK SC" : "sans-serif";
	if (format == GALACTA_CHART_SVG) {
		surface = cairo_svg_surface_create_for_stream(write_mem, &mb, W, H);
	} else {
		surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	}
	rc = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	if (!rc) {
		ch.cr = cairo_create(surface);
		rc = draw(&ch);
		cairo_destroy(ch.cr);
	}
	if (!rc && format == GALACTA_CHART_PNG)
		rc = cairo_surface_write_to_png_stream(surface, write_mem, &mb) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_finish(surface);
	if (!rc && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		rc = -1;
	cairo_surface_destroy(surface);
	growth_report__free(r);
	if (mb.oom || rc || !mb.len) {
		free(mb.data);
		return mb.oom ? error__set(GALACTA_ENOMEM, "out of memory")
			      : error__set(GALACTA_EIO, "galacta_growth_chart: cairo could not draw the chart");
	}
	*data = mb.data;
	*len = mb.len;
	return 0;
}
