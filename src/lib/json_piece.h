/*
 * json_piece.h — the constant parts of the JSON answers, rendered once per
 * knowledge base and language and then copied into every compact answer.
 *
 * Most of an assessment (40-75 KB) is KB text: cause names, summaries,
 * advice, treatments, source citations. The same text is in every answer
 * in a language, and escaping it and writing it token by token was most of
 * the CPU time of POST /v1/assess. A piece is that text as compact JSON,
 * written by the same render function as the live path (so it is the same
 * bytes by construction), kept with the sources it cites. Only the KB's
 * own content is kept: every answer is still rendered from its case.
 *
 * Pieces are made at first use, lock-free (two threads may both render
 * one; the first to store it wins, the other frees its copy), and freed
 * with the KB (jp__free). Indented documents do not use them: their
 * indentation depends on where the part is written (the CLI writes those,
 * one per process).
 */
#ifndef GALACTA_JSON_PIECE_H
#define GALACTA_JSON_PIECE_H

#include "json_build.h"

#include <stddef.h>

/* The cached parts; each kind has its own index (see jp__index_count). */
typedef enum {
	JP_SOURCE,          /* value: a source of the "sources" list; index: source */
	JP_SUPPLY_HEAD,     /* members status, title, text; index: supply status */
	JP_TRIAGE_HEAD,     /* members level, title, text; index: triage level */
	JP_SUPPLY_RULE,     /* value: one supply "evidence" rule; index: rule */
	JP_TRIAGE_RULE,     /* value: one triage "reasons" rule; index: rule */
	JP_CAUSE_HEAD,      /* members id, name, category; index: cause */
	JP_CAUSE_MID,       /* members prior .. evidence_level; index: cause * 2 + likely */
	JP_CAUSE_DETAIL,    /* members summary .. sources of a likely cause; index: cause */
	JP_CONTRIB,         /* value: one "explanation" entry; index: jp__contrib_index() */
	JP_CONTRIB_HEAD,    /* its members before "detail"; same index */
	JP_MEDICATION,      /* members status .. sources of a known medicine; index: medication */
	JP_DERIVED,         /* value: a derived finding; index: finding */
	JP_GENERAL_ADVICE,  /* value: the general advice list; index: 0 */
	JP_ASSESSMENT_END,  /* members disclaimer, generator; index: 0 */
	JP_KIND_COUNT
} jp_kind;

/* Writes into j what render(j, arg) writes. render must depend only on
 * the KB, j->lang and arg (the identity of the part is (kind, index)).
 * jp__value: render writes one value. jp__members: render writes members
 * of the object j is in (possibly none). */
typedef void (*jp_render)(json_build *j, const void *arg);
void jp__value(json_build *j, jp_kind kind, size_t index, jp_render render, const void *arg);
void jp__members(json_build *j, jp_kind kind, size_t index, jp_render render, const void *arg);

/* The index of the explanation entry for link `link` (its place in the
 * cause's links) of cause `cause`, present or absent. */
size_t jp__contrib_index(const json_build *j, size_t cause, size_t link, bool present);

/* Frees the pieces of kb (galacta_kb_free). */
void jp__free(struct galacta_kb *kb);

#endif
