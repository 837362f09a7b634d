/*
 * case_internal.h — a parsed galacta-case/1: field values by variable index,
 * findings as tri-states, weights, pumping history and medicines.
 */
#ifndef GALACTA_CASE_INTERNAL_H
#define GALACTA_CASE_INTERNAL_H

#include "arena.h"
#include "galacta/case.h"

#include <stdbool.h>

enum { VAR_MISSING = 0, VAR_KNOWN = 1, VAR_NULL = 2 }; /* NULL: asked, "don't know" (or "not yet") */

typedef struct {
	double age_days, weight_g;
} case_weight;

typedef struct {
	double age_days, ml_per_24h;
} case_pumping;

struct galacta_case {
	arena mem;
	const char *id;
	int lang; /* galacta_lang, or -1 when not given */
	size_t n_vars;
	double *var;               /* by KB variable index (fields only) */
	unsigned char *var_state;  /* VAR_* */
	size_t n_findings;
	signed char *finding;      /* TRI_* by KB finding index */
	unsigned char *finding_null;
	case_weight *weights;      /* sorted by age, strictly increasing */
	size_t n_weights;
	case_pumping *history;
	size_t n_history;
	const char **meds;         /* lowercased, trimmed */
	size_t n_meds;
	bool meds_given;
	unsigned char *field_state; /* by KB field index, any type: VAR_MISSING, VAR_KNOWN (given) or VAR_NULL */
};

#endif
