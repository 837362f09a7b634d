/*
 * arena.c — bump allocator used for the knowledge base and assessments.
 */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	arena_block *next;
	size_t used, size;
	max_align_t data[];
};

enum { ARENA_BLOCK_DEFAULT = 64 * 1024 };

void *arena__alloc(arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	arena_block *b = a->head;
	void *p;

	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK_DEFAULT ? n : ARENA_BLOCK_DEFAULT;
		b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

void *arena__calloc(arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return arena__alloc(a, count * size);
}

char *arena__strndup(arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = arena__alloc(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *arena__strdup(arena *a, const char *s)
{
	return arena__strndup(a, s, strlen(s));
}

void arena__free(arena *a)
{
	arena_block *b = a->head;

	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
