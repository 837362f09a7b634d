/*
 * growth.c — WHO growth maths: LMS parameters by age, z-scores (with WHO's
 * restricted rule beyond ±3 SD for weight), values at a z-score, percentiles
 * and WHO 2009 weight-velocity z-scores. The tables come from who_tables.c
 * (generated); the formulas and the choices made are in docs/growth.md.
 */
#include "galacta/growth.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>

#include "error.h"
#include "who_tables.h"

/* Velocity interval matching (see galacta_growth_velocity in growth.h). */
#define VELOCITY_TOLERANCE_DAYS 3.0	/* ends within ±3 d of WHO's: exact */
#define VELOCITY_MIN_DAYS 14.0		/* shortest interval we rescale */
#define VELOCITY_LATE_START_DAYS 14.0	/* rescale only from day 0 or >= 14 */
#define VELOCITY_BIRTH_DAY_END 1.0	/* from_days < 1: starts at birth */

#define SQRT1_2 0.70710678118654752440	/* 1/sqrt(2); M_SQRT1_2 is not C11 */

_Static_assert(GALACTA_GROWTH_AGE_DAYS_MAX == WHO_TABLES_AGE_DAYS_MAX,
	"growth.h and who_tables.h disagree on the age range");
_Static_assert(GALACTA_GROWTH_HEIGHT_FROM_DAYS == WHO_TABLES_HEIGHT_FROM_DAYS,
	"growth.h and who_tables.h disagree on the first standing-height day");

static const char *indicator_name(galacta_growth_indicator ind)
{
	switch (ind) {
	case GALACTA_GROWTH_WEIGHT_FOR_AGE: return "weight-for-age";
	case GALACTA_GROWTH_LENGTH_FOR_AGE: return "length/height-for-age";
	case GALACTA_GROWTH_HEAD_FOR_AGE: return "head circumference-for-age";
	}
	return "?";
}

static int check_indicator(const char *fn, galacta_growth_indicator ind,
	enum who_tables_lms_table *table_out)
{
	switch (ind) {
	case GALACTA_GROWTH_WEIGHT_FOR_AGE:
		*table_out = WHO_TABLES_WEIGHT_FOR_AGE;
		return 0;
	case GALACTA_GROWTH_LENGTH_FOR_AGE:
		*table_out = WHO_TABLES_LENGTH_FOR_AGE;
		return 0;
	case GALACTA_GROWTH_HEAD_FOR_AGE:
		*table_out = WHO_TABLES_HEAD_FOR_AGE;
		return 0;
	}
	return error__set(GALACTA_EINVALID, "%s: unknown growth indicator %d", fn, (int)ind);
}

static int check_sex(const char *fn, galacta_sex sex)
{
	if (sex != GALACTA_SEX_MALE && sex != GALACTA_SEX_FEMALE)
		return error__set(GALACTA_EINVALID,
			"%s: sex %d is not 1 (male) or 2 (female); WHO standards are by sex",
			fn, (int)sex);
	return 0;
}

static int check_out(const char *fn, const void *out)
{
	assert(out != NULL);
	if (!out)
		return error__set(GALACTA_EINVALID, "%s: NULL output pointer", fn);
	return 0;
}

/* Box-Cox z of y > 0. expm1 keeps full precision when L·ln(y/M) is small,
 * including the days where the weight-for-age L crosses 0. */
static double lms_z(const galacta_lms *p, double y)
{
	double r = log(y / p->m);

	if (p->l == 0.0)
		return r / p->s;
	return expm1(p->l * r) / (p->l * p->s);
}

/* Inverse Box-Cox: the value at z, or NaN where 1 + L·S·z <= 0 (no value). */
static double lms_value(const galacta_lms *p, double z)
{
	double t = p->l * p->s * z;

	if (p->l == 0.0)
		return p->m * exp(p->s * z);
	if (t <= -1.0)
		return (double)NAN;
	return p->m * exp(log1p(t) / p->l);
}

/* WHO's restricted z-score: the LMS z within ±3 SD, a straight line through
 * SD3 with slope 1/(SD3 - SD2) above, and through SD3neg with slope
 * 1/(SD2neg - SD3neg) below. Comparing y with SD±3 instead of z with ±3 is
 * the same test (z increases with y) and never takes log(y) for y <= 0.
 * Needs 3·|L|·S < 1 so SD±3 exist; the generator checks every row, and
 * interpolation between two such rows keeps it. */
static double restricted_z(const galacta_lms *p, double y)
{
	double sd3, sd3neg;

	/* Most values lie within +-3 SD: one LMS evaluation decides (z is
	 * increasing in y, so |z| <= 3 is the same test as SD3neg <= y <= SD3),
	 * and only the others pay for the SD values. */
	if (y > 0.0) {
		double z = lms_z(p, y);
		if (z >= -3.0 && z <= 3.0)
			return z;
	}
	sd3 = lms_value(p, 3.0);
	sd3neg = lms_value(p, -3.0);

	if (y > sd3)
		return 3.0 + (y - sd3) / (sd3 - lms_value(p, 2.0));
	if (y < sd3neg)
		return -3.0 + (y - sd3neg) / (lms_value(p, -2.0) - sd3neg);
	return lms_z(p, y);
}

static double restricted_value(const galacta_lms *p, double z)
{
	if (z > 3.0) {
		double sd3 = lms_value(p, 3.0);

		return sd3 + (z - 3.0) * (sd3 - lms_value(p, 2.0));
	}
	if (z < -3.0) {
		double sd3neg = lms_value(p, -3.0);

		return sd3neg + (z + 3.0) * (lms_value(p, -2.0) - sd3neg);
	}
	return lms_value(p, z);
}

/* The checks and the table lookup shared by the three LMS functions. */
static int lms_at(const char *fn, galacta_growth_indicator ind, galacta_sex sex,
	double age_days, galacta_lms *out)
{
	enum who_tables_lms_table table = WHO_TABLES_WEIGHT_FOR_AGE;
	const struct who_tables__lms_row *rows, *a, *b;
	int rc, day;
	double frac;

	if ((rc = check_indicator(fn, ind, &table)) < 0 || (rc = check_sex(fn, sex)) < 0)
		return rc;
	if (isnan(age_days))
		return error__set(GALACTA_EINVALID, "%s: age_days is NaN", fn);
	if (!(age_days >= 0.0 && age_days <= WHO_TABLES_AGE_DAYS_MAX))
		return error__set(GALACTA_ERANGE,
			"%s: age_days %g is outside the WHO %s table (0-%d days)", fn, age_days,
			indicator_name(ind), WHO_TABLES_AGE_DAYS_MAX);
	rows = who_tables__lms(table, (int)sex);
	assert(rows != NULL);
	if (!rows)
		return error__set(GALACTA_EINVALID, "%s: no WHO table", fn);

	day = (int)age_days;	/* age_days >= 0: truncation is floor */
	frac = age_days - day;
	a = &rows[day];
	/* No interpolation at a whole day, at the last day, or from the last
	 * recumbent-length day into the first standing-height day. */
	if (frac == 0.0 || day == WHO_TABLES_AGE_DAYS_MAX ||
		(table == WHO_TABLES_LENGTH_FOR_AGE && day + 1 == WHO_TABLES_HEIGHT_FROM_DAYS)) {
		out->l = a->l;
		out->m = a->m;
		out->s = a->s;
		return 0;
	}
	b = &rows[day + 1];
	out->l = a->l + frac * (b->l - a->l);
	out->m = a->m + frac * (b->m - a->m);
	out->s = a->s + frac * (b->s - a->s);
	return 0;
}

int galacta_growth_lms(galacta_growth_indicator ind, galacta_sex sex, double age_days,
	galacta_lms *out)
{
	static const char fn[] = "galacta_growth_lms";
	int rc;

	if ((rc = check_out(fn, out)) < 0)
		return rc;
	return lms_at(fn, ind, sex, age_days, out);
}

int galacta_growth_z(galacta_growth_indicator ind, galacta_sex sex, double age_days,
	double value, double *z_out)
{
	static const char fn[] = "galacta_growth_z";
	galacta_lms p = { 0, 0, 0 };
	double z;
	int rc;

	if ((rc = check_out(fn, z_out)) < 0 || (rc = lms_at(fn, ind, sex, age_days, &p)) < 0)
		return rc;
	if (!isfinite(value) || value <= 0.0)
		return error__set(GALACTA_EINVALID,
			"%s: %s measurement %g must be a finite number > 0 (%s)", fn,
			indicator_name(ind), value,
			ind == GALACTA_GROWTH_WEIGHT_FOR_AGE ? "kg" : "cm");
	if (ind == GALACTA_GROWTH_WEIGHT_FOR_AGE)
		z = restricted_z(&p, value);
	else
		z = lms_z(&p, value);
	if (!isfinite(z))
		return error__set(GALACTA_ERANGE, "%s: %s measurement %g gives no finite z-score",
			fn, indicator_name(ind), value);
	*z_out = z;
	return 0;
}

int galacta_growth_value_at_z(galacta_growth_indicator ind, galacta_sex sex,
	double age_days, double z, double *value_out)
{
	static const char fn[] = "galacta_growth_value_at_z";
	galacta_lms p = { 0, 0, 0 };
	double value;
	int rc;

	if ((rc = check_out(fn, value_out)) < 0 || (rc = lms_at(fn, ind, sex, age_days, &p)) < 0)
		return rc;
	if (!isfinite(z))
		return error__set(GALACTA_EINVALID, "%s: z %g is not a finite number", fn, z);
	if (ind == GALACTA_GROWTH_WEIGHT_FOR_AGE)
		value = restricted_value(&p, z);
	else
		value = lms_value(&p, z);
	if (!(isfinite(value) && value > 0.0))
		return error__set(GALACTA_ERANGE,
			"%s: no positive %s measurement has z = %g at %g days", fn,
			indicator_name(ind), z, age_days);
	*value_out = value;
	return 0;
}

double galacta_growth_percentile(double z)
{
	return 50.0 * erfc(-z * SQRT1_2);
}

/* Acklam's rational approximation of the normal quantile (relative error
 * below 1.2e-9), then one Newton step on the exact CDF, which brings it to
 * about machine precision. */
double galacta_growth_percentile_z(double percentile)
{
	static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
		2.506628277459239e+00};
	static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
	static const double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
		2.938163982698783e+00};
	static const double d[4] = {7.784695709041462e-03, 3.224671290700398e-01,
		2.445134137142996e+00, 3.754408661907416e+00};
	double p = percentile / 100.0, q, r, z, e;

	if (isnan(percentile) || p < 0.0 || p > 1.0)
		return (double)NAN;
	if (p == 0.0)
		return -(double)INFINITY;
	if (p == 1.0)
		return (double)INFINITY;
	if (p < 0.02425) {
		q = sqrt(-2.0 * log(p));
		z = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	} else if (p <= 1.0 - 0.02425) {
		q = p - 0.5;
		r = q * q;
		z = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
		    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
	} else {
		q = sqrt(-2.0 * log1p(-p));
		z = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	/* Newton on Phi(z) - p, Phi(z) = erfc(-z/sqrt 2)/2, Phi' = phi. */
	e = 0.5 * erfc(-z * SQRT1_2) - p;
	z -= e * 2.50662827463100050242 * exp(z * z / 2.0);
	return z;
}

int galacta_growth_corrected_age_days(double age_days, double gestational_age_weeks, double *age_out,
	int *corrected_out)
{
	static const char fn[] = "galacta_growth_corrected_age_days";
	int rc, corrected;

	if ((rc = check_out(fn, age_out)) < 0)
		return rc;
	if (!isfinite(age_days) || age_days < 0.0)
		return error__set(GALACTA_EINVALID, "%s: age_days %g must be a finite number >= 0", fn, age_days);
	if (!isnan(gestational_age_weeks) && !(gestational_age_weeks >= 20.0 && gestational_age_weeks <= 46.0))
		return error__set(GALACTA_EINVALID, "%s: gestational_age_weeks %g is outside 20-46 weeks", fn,
			gestational_age_weeks);
	corrected = !isnan(gestational_age_weeks) && gestational_age_weeks < GALACTA_GROWTH_PRETERM_WEEKS &&
		    age_days < GALACTA_GROWTH_CORRECT_UNTIL_DAYS;
	*age_out = corrected ? age_days - (GALACTA_GROWTH_TERM_WEEKS - gestational_age_weeks) * 7.0 : age_days;
	if (corrected_out)
		*corrected_out = corrected;
	return 0;
}

/* The row of a table whose boundaries are both within the tolerance of the
 * observed ends, or NULL. WHO interval starts are >= 28 days apart, so at
 * most one row can match. */
static const struct who_tables__velocity_row *velocity_exact(
	const struct who_tables__velocity_row *rows, size_t n, double from_days, double to_days)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fabs(from_days - rows[i].start_days) <= VELOCITY_TOLERANCE_DAYS &&
			fabs(to_days - rows[i].end_days) <= VELOCITY_TOLERANCE_DAYS)
			return &rows[i];
	return NULL;
}

/* The row whose interval contains day (start <= day < end; the last row
 * also takes day == end), or NULL. */
static const struct who_tables__velocity_row *velocity_containing(
	const struct who_tables__velocity_row *rows, size_t n, double day)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (day >= rows[i].start_days &&
			(day < rows[i].end_days || (i + 1 == n && day <= rows[i].end_days)))
			return &rows[i];
	return NULL;
}

int galacta_growth_velocity(galacta_sex sex, double from_days, double to_days, double gain_g,
	galacta_velocity *out)
{
	static const char fn[] = "galacta_growth_velocity";
	const struct who_tables__velocity_row *rows1, *rows2, *row;
	size_t n1, n2;
	galacta_velocity v;
	galacta_lms p = { 0, 0, 0 };
	double observed_days, mid_days;
	int rc;

	if ((rc = check_out(fn, out)) < 0 || (rc = check_sex(fn, sex)) < 0)
		return rc;
	if (!isfinite(from_days) || !isfinite(to_days) || !isfinite(gain_g))
		return error__set(GALACTA_EINVALID,
			"%s: from_days %g, to_days %g and gain_g %g must be finite numbers", fn,
			from_days, to_days, gain_g);
	if (!(to_days > from_days))
		return error__set(GALACTA_EINVALID, "%s: to_days %g must be after from_days %g",
			fn, to_days, from_days);
	if (from_days < 0.0)
		return error__set(GALACTA_ERANGE, "%s: from_days %g is before birth", fn,
			from_days);

	rows1 = who_tables__velocity(1, (int)sex, &n1);
	rows2 = who_tables__velocity(2, (int)sex, &n2);
	assert(rows1 && rows2 && n1 > 0 && n2 > 0);
	if (!rows1 || !rows2 || n1 == 0 || n2 == 0)
		return error__set(GALACTA_EINVALID, "%s: no WHO velocity table", fn);

	observed_days = to_days - from_days;
	mid_days = from_days + observed_days / 2.0;
	v.months = 1;
	v.method = GALACTA_VELOCITY_EXACT;
	row = velocity_exact(rows1, n1, from_days, to_days);
	if (!row) {
		v.months = 2;
		row = velocity_exact(rows2, n2, from_days, to_days);
	}
	if (!row) {
		v.months = 1;
		v.method = GALACTA_VELOCITY_RESCALED;
		if (observed_days < VELOCITY_MIN_DAYS)
			return error__set(GALACTA_ERANGE,
				"%s: interval %g-%g days is shorter than %g days and matches no WHO interval; report g/day only",
				fn, from_days, to_days, VELOCITY_MIN_DAYS);
		if (from_days >= VELOCITY_BIRTH_DAY_END && from_days < VELOCITY_LATE_START_DAYS)
			return error__set(GALACTA_ERANGE,
				"%s: interval %g-%g days starts on day %g, during the early weight loss and regain (WHO increments start at birth); report g/day only",
				fn, from_days, to_days, from_days);
		row = velocity_containing(rows1, n1, mid_days);
		if (!row)
			return error__set(GALACTA_ERANGE,
				"%s: interval %g-%g days is beyond the WHO 1-month table (12 months) and matches no 2-month interval (to 24 months)",
				fn, from_days, to_days);
	}

	v.interval = row->interval;
	v.who_start_days = row->start_days;
	v.who_end_days = row->end_days;
	v.increment_g = gain_g * (row->end_days - row->start_days) / observed_days;
	v.median_g = row->published_g[3];
	v.sd2neg_g = row->published_g[1];
	p.l = row->l;
	p.m = row->m;
	p.s = row->s;
	v.z = restricted_z(&p, v.increment_g + row->delta_g);
	if (!isfinite(v.z))
		return error__set(GALACTA_ERANGE, "%s: gain_g %g gives no finite z-score", fn,
			gain_g);
	v.percentile = galacta_growth_percentile(v.z);
	*out = v;
	return 0;
}
