/*
 * kb_builtin.h — the knowledge base compiled into the library at build time
 * (tools/gen_kb_builtin.c). galacta_kb_load(NULL) returns it unless
 * GALACTA_KB_DIR names another KB.
 */
#ifndef GALACTA_KB_BUILTIN_H
#define GALACTA_KB_BUILTIN_H

struct galacta_kb;

/* The compiled-in KB, or NULL in a build that has none (the generator). */
const struct galacta_kb *kb__builtin(void);

#endif
