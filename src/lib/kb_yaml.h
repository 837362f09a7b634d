/*
 * kb_yaml.h — typed, validating readers over libfyaml nodes for the KB
 * loader. Every reader reports "FILE:LINE: what is wrong" through
 * error__set(GALACTA_EKB, …) and returns GALACTA_EKB.
 */
#ifndef GALACTA_KB_YAML_H
#define GALACTA_KB_YAML_H

#include "kb_internal.h"

#include <libfyaml.h>
#include <stdbool.h>

typedef struct {
	struct galacta_kb *kb;
	const char *file; /* path relative to the KB dir, for messages */
} kb_ctx;

/* Parses a YAML file; *out owned by the caller (fy_document_destroy). */
int kby__load(kb_ctx *ctx, const char *path, struct fy_document **out);
int kby__line(struct fy_node *n);
int kby__fail(kb_ctx *ctx, struct fy_node *n, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Refuses keys of map not in the NULL-terminated list allowed. */
int kby__keys(kb_ctx *ctx, struct fy_node *map, const char *what, const char *const *allowed);
int kby__expect(kb_ctx *ctx, struct fy_node *n, enum fy_node_type t, const char *what);
/* Scalars: *out untouched when the key is absent and not required. */
int kby__str(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, const char **out);
int kby__num(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, double *out, bool *present);
int kby__num_node(kb_ctx *ctx, struct fy_node *n, const char *what, double *out);
int kby__bool(kb_ctx *ctx, struct fy_node *map, const char *key, bool *out);
int kby__text(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, kb_text *out, bool *present);
/* The same; allow_empty accepts "" (punctuation strings of kb/ui.yaml). */
int kby__text_ex(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, kb_text *out,
	bool *present, bool allow_empty);
/* "sources: [ids]" or "source: id"; required: at least one. */
int kby__refs(kb_ctx *ctx, struct fy_node *map, bool required, kb_refs *out);
int kby__evidence(kb_ctx *ctx, struct fy_node *map, const char *key, kb_evidence *out);
/* A sequence of scalars as an arena array of strings. */
int kby__str_list(kb_ctx *ctx, struct fy_node *map, const char *key, bool required, const char ***out, size_t *n);
/* Scalar text of node n copied to the arena; error when n is not a scalar. */
int kby__scalar(kb_ctx *ctx, struct fy_node *n, const char *what, const char **out);
bool kby__is_id(const char *s);
/* A YAML null scalar (null, ~ or empty). */
bool kby__is_null(struct fy_node *n);
/* Index of s in names[0..n), or -1. */
int kby__enum_index(const char *s, const char *const *names, size_t n);

#endif
