/*
 * kb_builtin_none.c — "no compiled-in KB", linked into the generator that
 * produces the real one (tools/gen_kb_builtin.c).
 */
#include "kb_builtin.h"

#include <stddef.h>

const struct galacta_kb *kb__builtin(void)
{
	return NULL;
}
