/*
 * gen_who_tables.c — build-time generator: reads the WHO growth CSV files in
 * data/who/ (see data/README.md), validates every row and prints
 * who_tables.c, the static const arrays and accessors declared in
 * src/lib/who_tables.h, on standard output.
 *
 *   gen_who_tables WFA.csv LHFA.csv HCFA.csv VEL1MO.csv VEL2MO.csv > who_tables.c
 *
 * Every file is read and checked before anything is printed. On the first
 * problem it prints "FILE:LINE: message" on stderr and exits with status 1.
 * Numbers are copied to the output exactly as written in the CSV (they are
 * checked against a strict decimal grammar first, so that no CSV text can be
 * read differently by the C compiler, e.g. "010" as octal).
 *
 * Uses only the C standard library (no libm) so that the build needs no
 * extra link flags for the host tool.
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AGE_DAYS_MAX 1856
#define AGE_DAYS_COUNT (AGE_DAYS_MAX + 1)
#define HEIGHT_FROM_DAYS 731	/* first standing-height day of LHFA */
#define SEXES 2
#define LINE_SIZE 1024
#define MAX_FIELDS 16
#define NUM_SIZE 32		/* longest number text + 1 */
#define LABEL_SIZE 32
#define VEL_MAX_ROWS 64		/* per file, both sexes */
#define VEL_NUMBERS 13		/* start, end, L, M, S, delta, 7 SD columns */
#define VEL_SDS 7

/* A CSV file being read: its path (as given) and the current line number. */
struct reader {
	const char *path;
	FILE *fp;
	long line;
	char buf[LINE_SIZE];
};

struct lms_text {
	char l[NUM_SIZE], m[NUM_SIZE], s[NUM_SIZE];
};

struct lms_file {
	const char *path;
	struct lms_text rows[SEXES][AGE_DAYS_COUNT];
};

struct vel_row {
	int sex;
	char label[LABEL_SIZE];
	char text[VEL_NUMBERS][NUM_SIZE];
	double value[VEL_NUMBERS];
};

struct vel_file {
	const char *path;
	int months;
	size_t count;			/* rows of both sexes */
	struct vel_row rows[VEL_MAX_ROWS];
};

/* Column positions of the numbers in a velocity row (after sex, interval). */
enum { V_START, V_END, V_L, V_M, V_S, V_DELTA, V_SD3NEG };

/* Kept in static storage: about 1 MB, too big for some stacks. */
static struct lms_file wfa, lhfa, hcfa;
static struct vel_file vel1, vel2;

static void fail(const char *path, long line, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4), noreturn))
#endif
	;

static void fail(const char *path, long line, const char *fmt, ...)
{
	va_list ap;

	if (line > 0)
		fprintf(stderr, "%s:%ld: ", path, line);
	else
		fprintf(stderr, "%s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void reader_open(struct reader *r, const char *path)
{
	r->path = path;
	r->line = 0;
	r->fp = fopen(path, "r");
	if (!r->fp)
		fail(path, 0, "cannot open: %s", strerror(errno));
}

/* Reads the next line into r->buf without its line ending. Returns 0 at end
 * of file. A line that does not fit, an empty line or a NUL byte is an
 * error. CR before LF is accepted (a CRLF checkout), a lone CR is not. */
static int reader_next(struct reader *r)
{
	size_t len;

	if (!fgets(r->buf, sizeof(r->buf), r->fp)) {
		if (ferror(r->fp))
			fail(r->path, r->line + 1, "read error: %s", strerror(errno));
		return 0;
	}
	r->line++;
	len = strlen(r->buf);
	if (len > 0 && r->buf[len - 1] == '\n')
		r->buf[--len] = '\0';
	else if (!feof(r->fp))
		fail(r->path, r->line, "line longer than %d characters (or contains a NUL byte)",
			LINE_SIZE - 2);
	if (len > 0 && r->buf[len - 1] == '\r')
		r->buf[--len] = '\0';
	if (strlen(r->buf) != len)
		fail(r->path, r->line, "line contains a NUL byte");
	if (len == 0)
		fail(r->path, r->line, "empty line");
	if (strchr(r->buf, '\r'))
		fail(r->path, r->line, "stray carriage return");
	return 1;
}

static void reader_close(struct reader *r)
{
	fclose(r->fp);
}

/* Splits line at commas in place. Returns the number of fields; more than
 * max fields returns max + 1. */
static int split(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *comma = strchr(p, ',');

		if (n == max)
			return max + 1;
		fields[n++] = p;
		if (!comma)
			return n;
		*comma = '\0';
		p = comma + 1;
	}
}

/* Checks text against the JSON number grammar
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and converts it.
 * This rules out spaces, "inf", "nan", hex floats and leading zeros, so the
 * text means the same to strtod and to a C compiler. */
static int is_decimal(const char *text, double *out)
{
	const char *p = text;
	char *end;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (isdigit((unsigned char)*p))
			p++;
	else
		return 0;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != '\0')
		return 0;
	errno = 0;
	*out = strtod(text, &end);
	return *end == '\0' && errno == 0 && *out >= -DBL_MAX && *out <= DBL_MAX;
}

/* Parses a number column into value and, when text_out is given, copies the
 * text as written. */
static double number(const struct reader *r, const char *column, const char *text,
	char *text_out)
{
	double value;

	if (!is_decimal(text, &value))
		fail(r->path, r->line, "column %s: \"%s\" is not a decimal number", column, text);
	if (strlen(text) >= NUM_SIZE)
		fail(r->path, r->line, "column %s: \"%s\" has more than %d characters", column,
			text, NUM_SIZE - 1);
	if (text_out)
		strcpy(text_out, text);
	return value;
}

/* Parses an integer column in [min, max]. */
static int integer(const struct reader *r, const char *column, const char *text, int min,
	int max)
{
	double value;

	if (!is_decimal(text, &value) || strpbrk(text, ".eE") || value < min || value > max)
		fail(r->path, r->line, "column %s: \"%s\" is not an integer in %d-%d", column,
			text, min, max);
	return (int)value;
}

/* L, M and S must describe a distribution whose ±3 SD values exist:
 * M > 0, S > 0 and 1 ± 3·L·S > 0 (growth.c relies on this for the
 * restricted z-score beyond ±3 SD). */
static void check_lms(const struct reader *r, double l, double m, double s)
{
	if (!(m > 0))
		fail(r->path, r->line, "M must be > 0");
	if (!(s > 0))
		fail(r->path, r->line, "S must be > 0");
	if (!(3 * (l < 0 ? -l : l) * s < 1))
		fail(r->path, r->line, "|L|*S must be < 1/3 so that the +-3 SD values exist");
}

/* Reads one by-day LMS file: header, then exactly one row per (sex, day)
 * for sex 1, 2 and day 0–AGE_DAYS_MAX, sorted. With has_measure the file
 * has a sixth column `measure`, L before HEIGHT_FROM_DAYS and H from it. */
static void read_lms(struct lms_file *f, const char *path, int has_measure)
{
	static const char *header[] = { "sex,age_days,L,M,S", "sex,age_days,L,M,S,measure" };
	struct reader r;
	char *field[MAX_FIELDS] = { NULL };
	int want_fields = has_measure ? 6 : 5;
	int want_sex = 1, want_day = 0;

	f->path = path;
	reader_open(&r, path);
	if (!reader_next(&r))
		fail(path, 1, "empty file (expected the header \"%s\")", header[has_measure]);
	if (strcmp(r.buf, header[has_measure]) != 0)
		fail(path, r.line, "header must be \"%s\"", header[has_measure]);
	while (reader_next(&r)) {
		struct lms_text *row;
		int n, sex, day;
		double l, m, s;

		n = split(r.buf, field, MAX_FIELDS);
		if (n != want_fields)
			fail(path, r.line, "%d columns, expected %d", n, want_fields);
		sex = integer(&r, "sex", field[0], 1, SEXES);
		day = integer(&r, "age_days", field[1], 0, AGE_DAYS_MAX);
		if (want_sex > SEXES)
			fail(path, r.line, "extra row after sex %d day %d", SEXES, AGE_DAYS_MAX);
		if (sex != want_sex || day != want_day)
			fail(path, r.line,
				"found sex %d day %d, expected sex %d day %d (rows must be sorted by sex then age_days, days 0-%d, no gap or duplicate)",
				sex, day, want_sex, want_day, AGE_DAYS_MAX);
		row = &f->rows[sex - 1][day];
		l = number(&r, "L", field[2], row->l);
		m = number(&r, "M", field[3], row->m);
		s = number(&r, "S", field[4], row->s);
		check_lms(&r, l, m, s);
		if (has_measure) {
			const char *want = day < HEIGHT_FROM_DAYS ? "L" : "H";

			if (strcmp(field[5], want) != 0)
				fail(path, r.line, "measure \"%s\", expected \"%s\" (L before day %d, H from it)",
					field[5], want, HEIGHT_FROM_DAYS);
		}
		if (++want_day > AGE_DAYS_MAX) {
			want_day = 0;
			want_sex++;
		}
	}
	if (want_sex <= SEXES)
		fail(path, r.line + 1, "file ends before sex %d day %d (days 0-%d for both sexes required)",
			want_sex, want_day, AGE_DAYS_MAX);
	reader_close(&r);
}

static int is_label(const char *s)
{
	if (*s == '\0' || strlen(s) >= LABEL_SIZE)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

/* Reads one weight-velocity file. Rows: all boys then all girls, each sex
 * ordered by start_days; both sexes list the same intervals. */
static void read_velocity(struct vel_file *f, const char *path, int months, double delta_g)
{
	static const char *header =
		"sex,interval,start_days,end_days,L,M,S,delta_g,sd3neg_g,sd2neg_g,sd1neg_g,median_g,sd1_g,sd2_g,sd3_g";
	static const char *column[VEL_NUMBERS] = {
		"start_days", "end_days", "L", "M", "S", "delta_g", "sd3neg_g", "sd2neg_g",
		"sd1neg_g", "median_g", "sd1_g", "sd2_g", "sd3_g"
	};
	struct reader r;
	char *field[MAX_FIELDS] = { NULL };
	size_t per_sex[SEXES] = { 0, 0 };
	size_t i;

	f->path = path;
	f->months = months;
	f->count = 0;
	reader_open(&r, path);
	if (!reader_next(&r))
		fail(path, 1, "empty file (expected the header)");
	if (strcmp(r.buf, header) != 0)
		fail(path, r.line, "header must be \"%s\"", header);
	while (reader_next(&r)) {
		struct vel_row *row;
		const struct vel_row *prev;
		int n, j;

		if (f->count == VEL_MAX_ROWS)
			fail(path, r.line, "more than %d rows", VEL_MAX_ROWS);
		row = &f->rows[f->count];
		prev = f->count > 0 ? &f->rows[f->count - 1] : NULL;
		n = split(r.buf, field, MAX_FIELDS);
		if (n != 2 + VEL_NUMBERS)
			fail(path, r.line, "%d columns, expected %d", n, 2 + VEL_NUMBERS);
		row->sex = integer(&r, "sex", field[0], 1, SEXES);
		if (!is_label(field[1]))
			fail(path, r.line, "interval \"%s\" must be 1-%d characters of A-Z a-z 0-9 -",
				field[1], LABEL_SIZE - 1);
		strcpy(row->label, field[1]);
		for (j = 0; j < VEL_NUMBERS; j++)
			row->value[j] = number(&r, column[j], field[2 + j], row->text[j]);
		if (!(row->value[V_START] >= 0 && row->value[V_END] > row->value[V_START]))
			fail(path, r.line, "need 0 <= start_days < end_days");
		check_lms(&r, row->value[V_L], row->value[V_M], row->value[V_S]);
		if (row->value[V_DELTA] != delta_g)
			fail(path, r.line, "delta_g %s, expected %g for the %d-month table",
				field[2 + V_DELTA], delta_g, months);
		for (j = 1; j < VEL_SDS; j++)
			if (!(row->value[V_SD3NEG + j] > row->value[V_SD3NEG + j - 1]))
				fail(path, r.line, "column %s must be greater than column %s",
					column[V_SD3NEG + j], column[V_SD3NEG + j - 1]);
		if (prev && row->sex < prev->sex)
			fail(path, r.line, "rows must be sorted by sex");
		if (prev && row->sex == prev->sex && !(row->value[V_START] > prev->value[V_START]))
			fail(path, r.line, "rows of one sex must be sorted by start_days");
		per_sex[row->sex - 1]++;
		f->count++;
	}
	if (per_sex[0] == 0 || per_sex[0] != per_sex[1])
		fail(path, r.line, "%zu rows for boys and %zu for girls; both must list the same intervals",
			per_sex[0], per_sex[1]);
	for (i = 0; i < per_sex[0]; i++) {
		const struct vel_row *boy = &f->rows[i], *girl = &f->rows[per_sex[0] + i];

		if (strcmp(boy->label, girl->label) != 0 ||
			strcmp(boy->text[V_START], girl->text[V_START]) != 0 ||
			strcmp(boy->text[V_END], girl->text[V_END]) != 0)
			fail(path, (long)(per_sex[0] + i + 2),
				"girls' interval %zu (%s) differs from boys' (%s) in label or days",
				i + 1, girl->label, boy->label);
	}
	reader_close(&r);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
#ifdef _WIN32
	const char *bslash = strrchr(path, '\\');

	if (bslash && (!slash || bslash > slash))
		slash = bslash;
#endif
	return slash ? slash + 1 : path;
}

static void print_lms(const struct lms_file *f, const char *name)
{
	static const char *sex_name[SEXES] = { "boys", "girls" };
	int sex, day;

	printf("\n/* %s */\n", base_name(f->path));
	printf("static const struct who_tables__lms_row %s[%d][%d] = {\n", name, SEXES,
		AGE_DAYS_COUNT);
	for (sex = 0; sex < SEXES; sex++) {
		printf("\t{\t/* sex %d, %s */\n", sex + 1, sex_name[sex]);
		for (day = 0; day < AGE_DAYS_COUNT; day++) {
			const struct lms_text *row = &f->rows[sex][day];

			printf("\t\t{ %s, %s, %s },\t/* day %d */\n", row->l, row->m, row->s, day);
		}
		printf("\t},\n");
	}
	printf("};\n");
}

static void print_velocity(const struct vel_file *f, const char *name)
{
	size_t per_sex = f->count / SEXES, i;
	int sex, j;

	printf("\n/* %s: %d-month increments */\n", base_name(f->path), f->months);
	printf("static const struct who_tables__velocity_row %s[%d][%zu] = {\n", name, SEXES,
		per_sex);
	for (sex = 0; sex < SEXES; sex++) {
		printf("\t{\n");
		for (i = 0; i < per_sex; i++) {
			const struct vel_row *row = &f->rows[(size_t)sex * per_sex + i];

			printf("\t\t{ %d, \"%s\", %s, %s, %s, %s, %s, %s,\n\t\t  {", row->sex,
				row->label, row->text[V_START], row->text[V_END], row->text[V_L],
				row->text[V_M], row->text[V_S], row->text[V_DELTA]);
			for (j = 0; j < VEL_SDS; j++)
				printf(" %s%s", row->text[V_SD3NEG + j], j + 1 < VEL_SDS ? "," : "");
			printf(" } },\n");
		}
		printf("\t},\n");
	}
	printf("};\n");
}

static void print_all(void)
{
	printf("/*\n"
		" * who_tables.c — generated — do not edit; generator: tools/gen_who_tables.c\n"
		" *\n"
		" * From data/who/ (provenance in data/README.md):\n"
		" *   %s, %s, %s — WHO Child Growth Standards 2006/2007;\n"
		" *   %s, %s — WHO weight-velocity standards 2009.\n"
		" * Declarations: who_tables.h.\n"
		" */\n", base_name(wfa.path), base_name(lhfa.path), base_name(hcfa.path),
		base_name(vel1.path), base_name(vel2.path));
	printf("#include \"who_tables.h\"\n\n");
	printf("_Static_assert(WHO_TABLES_AGE_DAYS_COUNT == %d,\n"
		"\t\"who_tables.h and tools/gen_who_tables.c disagree on the age range\");\n",
		AGE_DAYS_COUNT);
	printf("_Static_assert(WHO_TABLES_HEIGHT_FROM_DAYS == %d,\n"
		"\t\"who_tables.h and the length/height CSV disagree on the first height day\");\n",
		HEIGHT_FROM_DAYS);
	printf("_Static_assert(WHO_TABLES_VELOCITY_SD_COUNT == %d,\n"
		"\t\"who_tables.h and tools/gen_who_tables.c disagree on the SD columns\");\n",
		VEL_SDS);

	print_lms(&wfa, "weight_for_age");
	print_lms(&lhfa, "length_for_age");
	print_lms(&hcfa, "head_for_age");
	print_velocity(&vel1, "velocity_1mo");
	print_velocity(&vel2, "velocity_2mo");

	printf("\nconst struct who_tables__lms_row *who_tables__lms(enum who_tables_lms_table table,\n"
		"\tint sex)\n"
		"{\n"
		"\tif (sex < 1 || sex > %d)\n"
		"\t\treturn NULL;\n"
		"\tswitch (table) {\n"
		"\tcase WHO_TABLES_WEIGHT_FOR_AGE: return weight_for_age[sex - 1];\n"
		"\tcase WHO_TABLES_LENGTH_FOR_AGE: return length_for_age[sex - 1];\n"
		"\tcase WHO_TABLES_HEAD_FOR_AGE: return head_for_age[sex - 1];\n"
		"\t}\n"
		"\treturn NULL;\n"
		"}\n", SEXES);
	printf("\nconst struct who_tables__velocity_row *who_tables__velocity(int months, int sex,\n"
		"\tsize_t *count_out)\n"
		"{\n"
		"\t*count_out = 0;\n"
		"\tif (sex < 1 || sex > %d)\n"
		"\t\treturn NULL;\n"
		"\tif (months == 1) {\n"
		"\t\t*count_out = sizeof(velocity_1mo[0]) / sizeof(velocity_1mo[0][0]);\n"
		"\t\treturn velocity_1mo[sex - 1];\n"
		"\t}\n"
		"\tif (months == 2) {\n"
		"\t\t*count_out = sizeof(velocity_2mo[0]) / sizeof(velocity_2mo[0][0]);\n"
		"\t\treturn velocity_2mo[sex - 1];\n"
		"\t}\n"
		"\treturn NULL;\n"
		"}\n", SEXES);
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr,
			"usage: %s WFA.csv LHFA.csv HCFA.csv VEL1MO.csv VEL2MO.csv > who_tables.c\n",
			argc > 0 ? argv[0] : "gen_who_tables");
		return 2;
	}
	read_lms(&wfa, argv[1], 0);
	read_lms(&lhfa, argv[2], 1);
	read_lms(&hcfa, argv[3], 0);
	read_velocity(&vel1, argv[4], 1, 400);
	read_velocity(&vel2, argv[5], 2, 600);

	print_all();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen_who_tables: error writing the output\n");
		return 1;
	}
	return 0;
}
