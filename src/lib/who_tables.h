/*
 * who_tables.h — internal declarations of the WHO growth tables that
 * tools/gen_who_tables.c compiles into who_tables.c at build time
 * (WHO Child Growth Standards 2006/2007 by day of age; WHO weight-velocity
 * standards 2009). The data and their provenance are described in
 * data/README.md; the maths that uses them lives in growth.c.
 */
#ifndef GALACTA_WHO_TABLES_H
#define GALACTA_WHO_TABLES_H

#include <stddef.h>

/* Age range of the by-day LMS tables: one row per completed day 0–1856 for
 * each sex. */
#define WHO_TABLES_AGE_DAYS_MAX 1856
#define WHO_TABLES_AGE_DAYS_COUNT (WHO_TABLES_AGE_DAYS_MAX + 1)

/* First day of the length/height-for-age table that is standing height
 * (column `measure` = H); days before it are recumbent length (L). The
 * generator checks the CSV against this value. */
#define WHO_TABLES_HEIGHT_FROM_DAYS 731

/* Number of published z columns of a velocity row: −3 … +3 SD. */
#define WHO_TABLES_VELOCITY_SD_COUNT 7

enum who_tables_lms_table {
	WHO_TABLES_WEIGHT_FOR_AGE,	/* M in kg */
	WHO_TABLES_LENGTH_FOR_AGE,	/* M in cm; L before day 731, H after */
	WHO_TABLES_HEAD_FOR_AGE		/* M in cm */
};

/* One day of an LMS table: Box-Cox power, median, coefficient of variation. */
struct who_tables__lms_row {
	double l, m, s;
};

/* One interval of a WHO 2009 weight-increment table. L, M, S describe the
 * distribution of (increment_g + delta_g). */
struct who_tables__velocity_row {
	int sex;		/* 1 = boys, 2 = girls */
	const char *interval;	/* WHO label, e.g. "0wk-4wk", "1mo-3mo" */
	double start_days, end_days; /* 1 wk = 7 d, 1 mo = 30.4375 d */
	double l, m, s;
	double delta_g;		/* 400 (1-month) or 600 (2-month) */
	/* Published increments in g at z = −3, −2, −1, 0, +1, +2, +3:
	 * published_g[3] is the median, published_g[1] is −2 SD. */
	double published_g[WHO_TABLES_VELOCITY_SD_COUNT];
};

/* The WHO_TABLES_AGE_DAYS_COUNT rows (index = age in days) of one table for
 * one sex (1 = boys, 2 = girls). NULL for an unknown table or sex. */
const struct who_tables__lms_row *who_tables__lms(enum who_tables_lms_table table,
	int sex);

/* The rows of the 1-month (months = 1) or 2-month (months = 2) velocity
 * table for one sex, ordered by start_days; their number goes to *count_out.
 * NULL (and *count_out = 0) for any other months or sex. */
const struct who_tables__velocity_row *who_tables__velocity(int months, int sex,
	size_t *count_out);

#endif
