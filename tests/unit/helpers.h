/*
 * helpers.h — what several unit tests share: private temporary copies of the
 * fixture knowledge base (tests/data/kb-tiny) to mutate, file reading and
 * writing with plain stdio, substring assertions, and parsing plus assessing
 * a case given as a JSON string. Include after <cmocka.h>; the test file
 * defines _POSIX_C_SOURCE 200809L before any include (for mkdtemp).
 */
#ifndef GALACTA_TEST_HELPERS_H
#define GALACTA_TEST_HELPERS_H

#include "galacta/galacta.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TINY_KB_DIR GALACTA_TEST_DATA_DIR "/kb-tiny"

/* Fails the test unless haystack contains needle. */
#define assert_contains(haystack, needle) \
	helper_assert_contains((haystack), (needle), __FILE__, __LINE__)
/* Fails the test unless s starts with prefix. */
#define assert_starts_with(s, prefix) \
	helper_assert_starts_with((s), (prefix), __FILE__, __LINE__)
/* Fails the test unless |actual - expected| <= tolerance. */
#define assert_near(actual, expected, tolerance) \
	helper_assert_near((actual), (expected), (tolerance), __FILE__, __LINE__)

static inline void helper_assert_contains(const char *haystack, const char *needle,
	const char *file, int line)
{
	if (!haystack || !strstr(haystack, needle)) {
		print_error("\"%s\" does not contain \"%s\"\n", haystack ? haystack : "(null)", needle);
		_fail(file, line);
	}
}

static inline void helper_assert_starts_with(const char *s, const char *prefix,
	const char *file, int line)
{
	if (!s || strncmp(s, prefix, strlen(prefix))) {
		print_error("\"%s\" does not start with \"%s\"\n", s ? s : "(null)", prefix);
		_fail(file, line);
	}
}

static inline void helper_assert_near(double actual, double expected, double tolerance,
	const char *file, int line)
{
	if (!(actual - expected <= tolerance && expected - actual <= tolerance)) {
		print_error("%.17g is not within %g of %.17g\n", actual, tolerance, expected);
		_fail(file, line);
	}
}

/* dir/name into buf; fails the test when it does not fit. */
static inline void helper_join(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	assert_true(n >= 0 && (size_t)n < size);
}

/* The whole file as a NUL-terminated malloc'd string; *len its length. */
static inline char *helper_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	assert_non_null(f);
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	assert_int_equal(ferror(f), 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static inline void helper_write_file(const char *path, const char *s, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static inline int helper_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Copies directory from into the existing directory to, recursively. */
static inline void helper_copy_tree(const char *from, const char *to)
{
	DIR *d = opendir(from);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char src[1024], dst[1024];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		helper_join(src, sizeof(src), from, e->d_name);
		helper_join(dst, sizeof(dst), to, e->d_name);
		if (helper_is_dir(src)) {
			assert_int_equal(mkdir(dst, 0700), 0);
			helper_copy_tree(src, dst);
		} else {
			size_t len;
			char *text = helper_read_file(src, &len);
			helper_write_file(dst, text, len);
			free(text);
		}
	}
	closedir(d);
}

static inline void helper_remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[1024];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		helper_join(path, sizeof(path), dir, e->d_name);
		if (helper_is_dir(path))
			helper_remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* A fresh private copy of kb-tiny under /tmp; free with helper_kb_discard. */
static inline char *helper_kb_copy(void)
{
	char *dir = malloc(64);

	assert_non_null(dir);
	strcpy(dir, "/tmp/galacta-test-kb-XXXXXX");
	assert_non_null(mkdtemp(dir));
	helper_copy_tree(TINY_KB_DIR, dir);
	return dir;
}

static inline void helper_kb_discard(char *dir)
{
	helper_remove_tree(dir);
	free(dir);
}

/* Replaces the one occurrence of old in KB file rel by repl; fails the test
 * when old occurs zero or several times (the mutation must be unambiguous). */
static inline void helper_kb_replace(const char *dir, const char *rel, const char *old,
	const char *repl)
{
	char path[1024];
	size_t len, olen = strlen(old), rlen = strlen(repl);
	char *text, *hit, *out;

	helper_join(path, sizeof(path), dir, rel);
	text = helper_read_file(path, &len);
	hit = strstr(text, old);
	if (!hit || strstr(hit + 1, old)) {
		print_error("%s: \"%s\" occurs %s\n", rel, old, hit ? "more than once" : "nowhere");
		free(text);
		fail();
	}
	out = malloc(len - olen + rlen + 1);
	assert_non_null(out);
	memcpy(out, text, (size_t)(hit - text));
	memcpy(out + (hit - text), repl, rlen);
	strcpy(out + (hit - text) + rlen, hit + olen);
	helper_write_file(path, out, len - olen + rlen);
	free(out);
	free(text);
}

/* Appends text to KB file rel. */
static inline void helper_kb_append(const char *dir, const char *rel, const char *text)
{
	char path[1024];
	FILE *f;

	helper_join(path, sizeof(path), dir, rel);
	f = fopen(path, "ab");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Parses a case that must be valid (fails the test with the library's
 * message otherwise); free with galacta_case_free. */
static inline galacta_case *helper_parse(const galacta_kb *kb, const char *json)
{
	galacta_case *c = NULL;
	if (galacta_case_parse(kb, json, strlen(json), &c))
		fail_msg("case rejected: %s", galacta_error_last());
	return c;
}

/* Parses and assesses a case that must be valid; the case is freed. */
static inline galacta_assessment *helper_assess(const galacta_kb *kb, const char *json)
{
	galacta_case *c = NULL;
	galacta_assessment *a = NULL;
	int rc = galacta_case_parse(kb, json, strlen(json), &c);

	if (rc) {
		print_error("case rejected: %s\n", galacta_error_last());
		fail();
	}
	assert_int_equal(galacta_assess(kb, c, &a), 0);
	galacta_case_free(c);
	assert_non_null(a);
	return a;
}

#endif
