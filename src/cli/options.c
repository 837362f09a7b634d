/*
 * options.c — the command-line option helpers every sub-command shares.
 */
#include "cli.h"

#include <string.h>

const char *cli_option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (!strcmp(argv[*i], name)) {
		if (*i + 1 >= argc)
			return NULL;
		return argv[++*i];
	}
	return NULL;
}

bool cli_is_option(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

int cli_common_option(int argc, char **argv, int *i, const char *cmd, bool *json, galacta_lang *lang,
	bool *lang_set)
{
	const char *arg = argv[*i], *v;

	if (cli_is_option(arg, "--format")) {
		v = cli_option_value(argc, argv, i, "--format");
		if (!v || (strcmp(v, "json") && strcmp(v, "text"))) {
			fprintf(stderr, "galacta %s: --format must be text or json%s%s%s\n", cmd, v ? ", not '" : "",
				v ? v : "", v ? "'" : "");
			return -1;
		}
		*json = !strcmp(v, "json");
		return 1;
	}
	if (cli_is_option(arg, "--lang")) {
		v = cli_option_value(argc, argv, i, "--lang");
		if (!v || galacta_lang_parse(v, lang)) {
			fprintf(stderr, "galacta %s: --lang must be en or zh-Hans%s%s%s\n", cmd, v ? ", not '" : "",
				v ? v : "", v ? "'" : "");
			return -1;
		}
		*lang_set = true;
		return 1;
	}
	return 0;
}

int cli_operand(const char *cmd, const char *arg, bool options_done, const char **path, const char *want)
{
	if (!options_done && arg[0] == '-' && arg[1]) {
		fprintf(stderr, "galacta %s: unknown option '%s' (try --help)\n", cmd, arg);
		return -1;
	}
	if (*path) {
		fprintf(stderr, "galacta %s: %s\n", cmd, want);
		return -1;
	}
	*path = arg;
	return 0;
}
