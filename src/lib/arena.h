/*
 * arena.h — a bump allocator: the knowledge base and an assessment allocate
 * many small immutable pieces and free them all at once.
 */
#ifndef GALACTA_ARENA_H
#define GALACTA_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct {
	arena_block *head;
} arena;

/* Zeroed memory of n bytes, aligned for any type; NULL when out of memory
 * or when n would overflow. */
void *arena__alloc(arena *a, size_t n);
/* Zeroed array of count elements of size bytes, overflow-checked. */
void *arena__calloc(arena *a, size_t count, size_t size);
/* Copy of the first len bytes of s, NUL-terminated. */
char *arena__strndup(arena *a, const char *s, size_t len);
char *arena__strdup(arena *a, const char *s);
void arena__free(arena *a);

#endif
