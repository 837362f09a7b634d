/*
 * cli.h — shared pieces of the galacta command-line front-end: exit codes
 * (docs/cli.md), error-code mapping, option helpers.
 */
#ifndef GALACTA_CLI_H
#define GALACTA_CLI_H

#include "galacta/galacta.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes; documented in docs/cli.md and `galacta --help`. */
enum {
	EXIT_OK = 0,
	EXIT_BAD_INPUT = 1, /* a case (or a line of JSON Lines) was invalid */
	EXIT_USAGE = 2,     /* bad command line */
	EXIT_KB = 3,        /* the knowledge base is missing or invalid */
	EXIT_IO = 4,        /* an input file could not be read */
	EXIT_NOMEM = 5      /* out of memory */
};

/* The one table from library error codes to exit codes. */
int cli_exit_code(int galacta_error);

/* Loads the KB (dir NULL: default), printing the error and returning an
 * exit code on failure. */
int cli_load_kb(const char *dir, galacta_kb **kb);

/* "--opt value" or "--opt=value": the value, advancing *i past what was
 * used; NULL when argv[*i] is not that option or its value is missing. */
const char *cli_option_value(int argc, char **argv, int *i, const char *name);
/* argv element arg is option name, with or without "=value". */
bool cli_is_option(const char *arg, const char *name);
/* --format text|json and --lang en|zh-Hans, the options the commands share.
 * Returns 1 when argv[*i] was one of them (consumed, *i advanced), 0 when
 * not, -1 on a bad or missing value (the message is printed, naming cmd). */
int cli_common_option(int argc, char **argv, int *i, const char *cmd, bool *json, galacta_lang *lang,
	bool *lang_set);

/* argv element arg, not an option already handled: an unknown option
 * (unless options_done, after "--") or the command's one operand, stored
 * in *path. Returns 0, or -1 after printing why (naming cmd; want says what
 * the one operand is, e.g. "give one FILE (or - for standard input)"). */
int cli_operand(const char *cmd, const char *arg, bool options_done, const char **path, const char *want);

int cmd_assess(int argc, char **argv, const char *kb_dir);
int cmd_growth(int argc, char **argv, const char *kb_dir);
int cmd_interview(int argc, char **argv, const char *kb_dir);
int cmd_eval(int argc, char **argv, const char *kb_dir);
/* src/server/cmd_serve.c: the HTTP API and web page (docs/api.md). */
int cmd_serve(int argc, char **argv, const char *kb_dir);

/* Reads all of path ("-": standard input), at most max bytes, into a
 * malloc'd NUL-terminated *out. Returns 0 or an errno value (EFBIG when
 * over max, EISDIR for a directory). */
int cli_read_all(const char *path, size_t max, char **out, size_t *len);

#endif
