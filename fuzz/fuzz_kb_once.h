/*
 * fuzz_kb_once.h — what the fuzz targets that load a KB share: abort with a
 * message when an invariant is broken, and the KB loaded once, from
 * $GALACTA_FUZZ_KB or else the compiled-in GALACTA_FUZZ_KB_DIR. FUZZ_NAME
 * (the target's name) prefixes the messages.
 */
#ifndef GALACTA_FUZZ_KB_ONCE_H
#define GALACTA_FUZZ_KB_ONCE_H

#include "galacta/galacta.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef GALACTA_FUZZ_KB_DIR
#error "define GALACTA_FUZZ_KB_DIR (the KB the fuzzer loads by default)"
#endif
#ifndef FUZZ_NAME
#error "define FUZZ_NAME (the target's name, for messages)"
#endif

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "%s: invariant broken: %s (last error: %s)\n", FUZZ_NAME, what, galacta_error_last());
		abort();
	}
}

static const galacta_kb *fuzz_kb(void)
{
	static galacta_kb *kb;

	if (!kb) {
		const char *dir = getenv("GALACTA_FUZZ_KB");
		if (!dir || !*dir)
			dir = GALACTA_FUZZ_KB_DIR;
		if (galacta_kb_load(dir, &kb)) {
			fprintf(stderr, "%s: cannot load the KB in %s: %s\n", FUZZ_NAME, dir, galacta_error_last());
			abort();
		}
	}
	return kb;
}

#endif
