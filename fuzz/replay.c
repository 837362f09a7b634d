/*
 * replay.c — runs a libFuzzer entry point (LLVMFuzzerTestOneInput, linked
 * in from fuzz_<target>.c) over corpus files without libFuzzer, so that
 * normal gcc builds replay the committed corpora as regression tests
 * (ctest: fuzz_replay_case, fuzz_replay_kb). Arguments are files or
 * directories (their files, not recursively). Exit status 0 when every input
 * ran (a broken invariant aborts), 1 when there was nothing to run or a file
 * could not be read.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return -1;
	}
	do {
		if (cap - n < 4096) {
			uint8_t *p;
			cap = cap ? cap * 2 : 65536;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				fclose(f);
				fprintf(stderr, "replay: out of memory reading %s\n", path);
				return -1;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	/* libFuzzer hands over a buffer of exactly size bytes: copy the input to
	 * one, so that ASan sees any read past its end. */
	{
		uint8_t *exact = malloc(n ? n : 1);
		if (!exact) {
			free(buf);
			return -1;
		}
		memcpy(exact, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, ran = 0, failed = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st)) {
			fprintf(stderr, "replay: cannot find %s\n", argv[i]);
			failed = 1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *e;
			if (!d) {
				failed = 1;
				continue;
			}
			while ((e = readdir(d))) {
				char path[4096];
				int n = snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
				if (n < 0 || (size_t)n >= sizeof(path)) {
					fprintf(stderr, "replay: path too long: %s/%s\n", argv[i], e->d_name);
					failed = 1;
					continue;
				}
				if (stat(path, &st) || !S_ISREG(st.st_mode))
					continue;
				if (run_file(path))
					failed = 1;
				else
					ran++;
			}
			closedir(d);
		} else if (run_file(argv[i])) {
			failed = 1;
		} else {
			ran++;
		}
	}
	printf("replay: %d inputs\n", ran);
	return failed || ran == 0;
}
