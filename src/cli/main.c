/*
 * main.c — `galacta`: dispatches sub-commands (assess, …), global options
 * --kb, --help, --version. The commands are thin: all reasoning is in
 * libgalacta.
 */
#include "cli.h"

#include <string.h>

static const char usage[] =
	"Usage: galacta [--kb DIR] COMMAND [OPTIONS] [FILE|-]\n"
	"\n"
	"Clinical decision support for insufficient breast-milk supply.\n"
	"\n"
	"Commands:\n"
	"  assess     assess a case (galacta-case/1 JSON or JSON Lines)\n"
	"  growth     growth report of a case: WHO percentiles, gains, chart\n"
	"  interview  ask about a case one question at a time (or --next: one step)\n"
	"  eval       measure accuracy (and interview efficiency) on vignettes\n"
	"  serve      HTTP JSON API and web page (default http://127.0.0.1:8080/)\n"
	"\n"
	"Options:\n"
	"  --kb DIR       knowledge-base directory (default: $GALACTA_KB_DIR,\n"
	"                 else the kb/ galacta was built or installed with)\n"
	"  -h, --help     show this help; `galacta COMMAND --help` for a command\n"
	"  -V, --version  show the version\n"
	"\n"
	"Exit status: 0 ok; 1 invalid input; 2 usage error; 3 knowledge base\n"
	"missing or invalid; 4 input file unreadable; 5 out of memory.\n"
	"\n"
	"galacta supports decisions; it does not replace a doctor, midwife or\n"
	"lactation consultant. Documentation: docs/cli.md.\n";

int cli_exit_code(int e)
{
	switch (e) {
	case GALACTA_OK: return EXIT_OK;
	case GALACTA_EINVALID:
	case GALACTA_ERANGE: return EXIT_BAD_INPUT;
	case GALACTA_EKB: return EXIT_KB;
	case GALACTA_EIO:
	case GALACTA_ENOTFOUND: return EXIT_IO;
	case GALACTA_ENOMEM: return EXIT_NOMEM;
	default: return EXIT_BAD_INPUT;
	}
}

int cli_load_kb(const char *dir, galacta_kb **kb)
{
	int rc = galacta_kb_load(dir, kb);

	if (rc) {
		fprintf(stderr, "galacta: knowledge base: %s\n", galacta_error_last());
		return rc == GALACTA_EIO ? EXIT_KB : cli_exit_code(rc);
	}
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const char *kb_dir = NULL;
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			printf("galacta %s\n", galacta_version());
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--kb")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "galacta: --kb needs a directory\n");
				return EXIT_USAGE;
			}
			kb_dir = argv[i + 1];
			i += 2;
			continue;
		}
		if (!strncmp(argv[i], "--kb=", 5)) {
			kb_dir = argv[i] + 5;
			i++;
			continue;
		}
		fprintf(stderr, "galacta: unknown option '%s' (try --help)\n", argv[i]);
		return EXIT_USAGE;
	}
	if (i >= argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[i], "assess"))
		return cmd_assess(argc - i, argv + i, kb_dir);
	if (!strcmp(argv[i], "growth"))
		return cmd_growth(argc - i, argv + i, kb_dir);
	if (!strcmp(argv[i], "interview"))
		return cmd_interview(argc - i, argv + i, kb_dir);
	if (!strcmp(argv[i], "eval"))
		return cmd_eval(argc - i, argv + i, kb_dir);
	if (!strcmp(argv[i], "serve"))
		return cmd_serve(argc - i, argv + i, kb_dir);
	fprintf(stderr, "galacta: unknown command '%s' (try --help)\n", argv[i]);
	return EXIT_USAGE;
}
