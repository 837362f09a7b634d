/*
 * galacta/case.h — parsing and validating a case (`galacta-case/1`, see
 * ../shared/spec/case-format.md and docs/case-format.md).
 */
#ifndef GALACTA_CASE_H
#define GALACTA_CASE_H

#include "galacta/common.h"
#include "galacta/kb.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galacta_case galacta_case;

/* Largest case accepted, in bytes (a real case is under 10 KiB). */
#define GALACTA_CASE_MAX_BYTES (1024 * 1024)

/* Parses one JSON object of len bytes (UTF-8; need not be NUL-terminated)
 * into a case, validating every field against the KB's field table
 * (kb/fields.yaml: types, units, ranges from the spec) and finding
 * vocabulary. Unknown keys are errors unless they start with "x_".
 * On success *out is owned by the caller (galacta_case_free).
 * Errors: GALACTA_EINVALID with a one-line message naming the JSON path and
 * what is allowed, e.g. "infant.weights[1].weight_g: 35 is outside
 * 300–30000 g" (malformed JSON, invalid UTF-8, wrong type, out of range,
 * unknown key/finding/enum value, duplicate key, weights out of order,
 * len 0 or over GALACTA_CASE_MAX_BYTES); GALACTA_ENOMEM. */
GALACTA_EXTERN int galacta_case_parse(const galacta_kb *kb, const char *json,
	size_t len, galacta_case **out);

/* Frees a case; NULL allowed. */
GALACTA_EXTERN void galacta_case_free(galacta_case *c);

/* The case's "id", or NULL when it has none. Borrowed from c. */
GALACTA_EXTERN const char *galacta_case_id(const galacta_case *c);

/* The case's "language" when given (*out set, returns 0), else
 * GALACTA_ENOTFOUND. */
GALACTA_EXTERN int galacta_case_language(const galacta_case *c, galacta_lang *out);

#ifdef __cplusplus
}
#endif
#endif
