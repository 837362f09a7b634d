/*
 * read_file.c — reads a whole small input file (a case, a vignette) or
 * standard input into memory, refusing more than a limit, for the commands
 * that take one JSON document (growth, interview, eval).
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_read_all(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	struct stat st;

	*out = NULL;
	*len = 0;
	if (!f)
		return errno ? errno : EIO;
	if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return EISDIR;
	}
	do {
		if (cap - n < 4096) {
			char *p;
			if (cap > max) {
				free(buf);
				if (f != stdin)
					fclose(f);
				return EFBIG;
			}
			p = realloc(buf, cap ? cap * 2 : 8192);
			if (!p) {
				free(buf);
				if (f != stdin)
					fclose(f);
				return ENOMEM;
			}
			buf = p;
			cap = cap ? cap * 2 : 8192;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		int e = errno ? errno : EIO;
		free(buf);
		if (f != stdin)
			fclose(f);
		return e;
	}
	if (f != stdin)
		fclose(f);
	if (n > max) {
		free(buf);
		return EFBIG;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}
