/*
 * cmd_growth.c — `galacta growth [--format text|json] [--lang en|zh-Hans]
 * [--svg FILE] [--png FILE] FILE|-`: the growth report of one case
 * (galacta-growth/1 JSON or plain words) and, on request, a chart of the
 * weights over the WHO curves. Only the public API is used.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include "galacta/growth_report.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"Usage: galacta growth [--format text|json] [--lang en|zh-Hans] [--svg FILE] [--png FILE] FILE|-\n"
	"\n"
	"The growth report of one case (galacta-case/1): every weight with its change\n"
	"from birth weight and WHO percentile, the gains between weights (WHO\n"
	"weight velocity, or grams a day against a sourced norm), length and head\n"
	"for age, what is published about newborn weight loss at that age, nappies\n"
	"and milk for the day of life, and what galacta concludes about supply and\n"
	"urgency. '-' reads standard input.\n"
	"\n"
	"Options:\n"
	"  --format text|json  text (default) speaks to parents in plain words;\n"
	"                      json is galacta-growth/1 (docs/growth-report-format.md)\n"
	"  --lang en|zh-Hans   output language (default: the case's \"language\", else en)\n"
	"  --svg FILE          also draw the weights over the WHO weight-for-age curves\n"
	"  --png FILE          the same chart as PNG (both may be given)\n"
	"  -h, --help          show this help\n"
	"\n"
	"Without infant.sex the report has no z-scores (null, with the reason) and a\n"
	"note on stderr; a chart then cannot be drawn (exit 1).\n"
	"Exit status: 0 ok; 1 invalid case or no chart possible (the message names\n"
	"the field); 2 usage; 3 knowledge base; 4 read or write error; 5 out of memory.\n"
	"\n"
	"Example: galacta growth --png growth.png examples/cluster-feeding-normal-growth.json\n";

static int write_file(const char *path, const unsigned char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len) {
		int e = errno ? errno : EIO;
		if (f)
			fclose(f);
		fprintf(stderr, "galacta growth: %s: %s\n", path, strerror(e));
		return EXIT_IO;
	}
	if (fclose(f)) {
		fprintf(stderr, "galacta growth: %s: %s\n", path, strerror(errno ? errno : EIO));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* Draws one chart into a buffer; returns an exit code. */
static int chart(const galacta_kb *kb, const galacta_case *c, galacta_lang lang, galacta_chart_format fmt,
	unsigned char **data, size_t *len)
{
	int rc = galacta_growth_chart(kb, c, lang, fmt, data, len);

	if (rc) {
		fprintf(stderr, "galacta growth: %s\n", galacta_error_last());
		return cli_exit_code(rc);
	}
	return EXIT_OK;
}

int cmd_growth(int argc, char **argv, const char *kb_dir)
{
	const char *path = NULL, *svg = NULL, *png = NULL, *v, *no_color;
	galacta_kb *kb = NULL;
	galacta_case *c = NULL;
	galacta_lang lang = GALACTA_LANG_EN;
	galacta_sex sex;
	unsigned char *svg_data = NULL, *png_data = NULL;
	size_t svg_len = 0, png_len = 0, len = 0;
	char *text = NULL, *out = NULL;
	bool json = false, lang_set = false, options_done = false, color;
	int i, rc, e;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!options_done && (!strcmp(arg, "-h") || !strcmp(arg, "--help"))) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (!options_done && !strcmp(arg, "--")) {
			options_done = true;
			continue;
		}
		if (!options_done) {
			int used = cli_common_option(argc, argv, &i, "growth", &json, &lang, &lang_set);
			if (used < 0)
				return EXIT_USAGE;
			if (used)
				continue;
		}
		if (!options_done && (cli_is_option(arg, "--svg") || cli_is_option(arg, "--png"))) {
			bool is_svg = cli_is_option(arg, "--svg");
			if (!(v = cli_option_value(argc, argv, &i, is_svg ? "--svg" : "--png")) || !*v) {
				fprintf(stderr, "galacta growth: %s needs a file name\n", is_svg ? "--svg" : "--png");
				return EXIT_USAGE;
			}
			if (is_svg)
				svg = v;
			else
				png = v;
			continue;
		}
		if (cli_operand("growth", arg, options_done, &path, "give one FILE (or - for standard input)"))
			return EXIT_USAGE;
	}
	if (!path) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((e = cli_read_all(path, GALACTA_CASE_MAX_BYTES, &text, &len))) {
		if (e == EFBIG) {
			fprintf(stderr, "galacta: (input): over the %d-byte limit for one case\n", GALACTA_CASE_MAX_BYTES);
			return EXIT_BAD_INPUT;
		}
		if (e == ENOMEM)
			return EXIT_NOMEM;
		fprintf(stderr, "galacta growth: %s: %s\n", strcmp(path, "-") ? path : "standard input", strerror(e));
		return EXIT_IO;
	}
	if ((rc = cli_load_kb(kb_dir, &kb))) {
		free(text);
		return rc;
	}
	rc = galacta_case_parse(kb, text, len, &c);
	free(text);
	if (rc) {
		fprintf(stderr, "galacta: %s\n", galacta_error_last());
		rc = cli_exit_code(rc);
		goto done;
	}
	if (!lang_set)
		galacta_case_language(c, &lang);
	/* Charts first: when one cannot be drawn or written, nothing goes to
	 * stdout. */
	if ((svg && (rc = chart(kb, c, lang, GALACTA_CHART_SVG, &svg_data, &svg_len))) ||
	    (png && (rc = chart(kb, c, lang, GALACTA_CHART_PNG, &png_data, &png_len))) ||
	    (svg && (rc = write_file(svg, svg_data, svg_len))) || (png && (rc = write_file(png, png_data, png_len))))
		goto done;
	no_color = getenv("NO_COLOR");
	color = !json && isatty(STDOUT_FILENO) && !(no_color && *no_color);
	rc = json ? galacta_growth_report(kb, c, lang, 0, &out)
		  : galacta_growth_report_text(kb, c, lang, color ? GALACTA_RENDER_COLOR : 0, &out);
	if (rc) {
		fprintf(stderr, "galacta: %s\n", galacta_error_last());
		rc = cli_exit_code(rc);
		goto done;
	}
	fputs(out, stdout);
	fputs("\n", stdout);
	if (galacta_growth_sex(kb, c, &sex) == GALACTA_ENOTFOUND)
		fprintf(stderr, "galacta growth: note: %s (z-scores and percentiles are null)\n", galacta_error_last());
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "galacta growth: write error: %s\n", strerror(errno ? errno : EIO));
		rc = EXIT_IO;
	}
done:
	galacta_free(out);
	galacta_free(svg_data);
	galacta_free(png_data);
	galacta_case_free(c);
	galacta_kb_free(kb);
	return rc;
}
