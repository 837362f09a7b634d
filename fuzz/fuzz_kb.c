/*
 * fuzz_kb.c — libFuzzer target for the knowledge-base loader (libfyaml
 * parsing and every validation rule). Once, it copies the fixture KB
 * (GALACTA_FUZZ_KB_DIR, tests/data/kb-tiny) to a private directory under
 * /tmp and keeps the original text of each file below. For each input, the
 * first byte picks a file (byte % N_TARGETS: '0' findings.yaml, '1' and '2'
 * the cause files, …, so corpus files can start with a printable digit),
 * the rest of the input replaces that file, galacta_kb_load() runs, and the
 * original text is put back. A KB that loads is freed again; a refused one
 * must come back as NULL with GALACTA_EKB or GALACTA_EIO and a message.
 * fuzz/replay.c runs the same function over the committed corpus in normal
 * (gcc) builds.
 */
#define _POSIX_C_SOURCE 200809L

#include "galacta/galacta.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GALACTA_FUZZ_KB_DIR
#error "define GALACTA_FUZZ_KB_DIR (the KB the fuzzer starts from)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const targets[] = {
	"findings.yaml",                       /* '0' */
	"causes/mastitis.yaml",                /* '1' */
	"causes/perceived_insufficiency.yaml", /* '2' */
	"fields.yaml",                         /* '3' */
	"triage.yaml",                         /* '4' */
	"supply.yaml",                         /* '5' */
	"norms.yaml",                          /* '6' */
	"seed.yaml",                           /* '7' */
	"advice.yaml",                         /* '8' */
	"medications.yaml",                    /* '9' */
	"ui.yaml",                             /* ':' */
	"sources/tiny.yaml",                   /* ';' */
};
enum { N_TARGETS = sizeof(targets) / sizeof(targets[0]) };

static char kb_dir[64];
static char *originals[N_TARGETS];
static size_t original_len[N_TARGETS];

static void die(const char *what, const char *path)
{
	fprintf(stderr, "fuzz_kb: %s: %s\n", what, path);
	abort();
}

/* dir/name into buf, or abort when it does not fit. */
static void join(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= size)
		die("path too long", name);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		die("cannot read", path);
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			if (!buf)
				die("out of memory reading", path);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return buf;
}

static void write_all(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f))
		die("cannot write", path);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void copy_tree(const char *from, const char *to)
{
	DIR *d = opendir(from);
	struct dirent *e;

	if (!d)
		die("cannot open directory", from);
	while ((e = readdir(d))) {
		char src[1024], dst[1024];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		join(src, sizeof(src), from, e->d_name);
		join(dst, sizeof(dst), to, e->d_name);
		if (is_dir(src)) {
			if (mkdir(dst, 0700))
				die("cannot create", dst);
			copy_tree(src, dst);
		} else {
			size_t len;
			char *text = read_all(src, &len);
			write_all(dst, text, len);
			free(text);
		}
	}
	closedir(d);
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[1024];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		join(path, sizeof(path), dir, e->d_name);
		if (is_dir(path))
			remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static void cleanup(void)
{
	size_t i;

	remove_tree(kb_dir);
	for (i = 0; i < N_TARGETS; i++)
		free(originals[i]);
}

static void init(void)
{
	char path[1024];
	size_t i;

	strcpy(kb_dir, "/tmp/galacta-fuzz-kb-XXXXXX");
	if (!mkdtemp(kb_dir))
		die("cannot create a temporary directory", kb_dir);
	copy_tree(GALACTA_FUZZ_KB_DIR, kb_dir);
	for (i = 0; i < N_TARGETS; i++) {
		join(path, sizeof(path), kb_dir, targets[i]);
		originals[i] = read_all(path, &original_len[i]);
	}
	atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char path[1024];
	galacta_kb *kb = NULL;
	size_t t;
	int rc;

	if (!ready) {
		init();
		ready = 1;
	}
	if (size < 1)
		return 0;
	t = data[0] % N_TARGETS;
	join(path, sizeof(path), kb_dir, targets[t]);
	write_all(path, data + 1, size - 1);
	rc = galacta_kb_load(kb_dir, &kb);
	write_all(path, originals[t], original_len[t]);
	if (rc == 0) {
		if (!kb)
			die("loaded without a KB", kb_dir);
		galacta_kb_free(kb);
		return 0;
	}
	if (kb || (rc != GALACTA_EKB && rc != GALACTA_EIO) || !galacta_error_last()[0]) {
		fprintf(stderr, "fuzz_kb: refused with rc %d, kb %p, message '%s'\n", rc, (void *)kb,
			galacta_error_last());
		abort();
	}
	return 0;
}
