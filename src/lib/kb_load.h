/*
 * kb_load.h — the parts of the KB loader that live in separate files.
 */
#ifndef GALACTA_KB_LOAD_H
#define GALACTA_KB_LOAD_H

#include "kb_yaml.h"

/* Opens KB file rel (relative to the KB dir) and checks the root type. */
int kbl__open(kb_ctx *ctx, const char *rel, struct fy_document **doc, struct fy_node **root,
	enum fy_node_type type);
/* Sorted *.yaml names in KB subdirectory rel. */
int kbl__list_dir(struct galacta_kb *kb, const char *rel, char ***names, size_t *n);

int kbl__load_causes(kb_ctx *ctx);      /* kb_causes.c */
/* A list of {id, text, sources} (NULL seq: empty). */
int kbl__load_advice_list(kb_ctx *ctx, struct fy_node *seq, kb_advice **out, size_t *n);
int kbl__load_rules(kb_ctx *ctx);       /* kb_rules.c: supply.yaml, triage.yaml */
int kbl__load_medications(kb_ctx *ctx); /* kb_rules.c */
int kbl__load_advice(kb_ctx *ctx);      /* kb_advice.c */
int kbl__load_seed(kb_ctx *ctx);        /* kb_advice.c */
int kbl__load_ui(kb_ctx *ctx);          /* kb_advice.c */
int kbl__load_interview(kb_ctx *ctx);   /* kb_interview.c: interview.yaml (optional) */
int kbl__load_growth(kb_ctx *ctx);      /* kb_growth.c: growth.yaml */

#endif
