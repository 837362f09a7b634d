/*
 * assess_internal.h — the assessment produced by galacta_assess(), read by
 * the renderers (report_json.c, report_text.c).
 */
#ifndef GALACTA_ASSESS_INTERNAL_H
#define GALACTA_ASSESS_INTERNAL_H

#include "arena.h"
#include "galacta/assess.h"
#include "kb_internal.h"

typedef struct {
	int finding;
	int present;        /* 1 = present, 0 = absent */
	double lr;          /* the likelihood ratio applied */
	double weight;      /* |log lr|: the explanation lists the weightiest first */
	const kb_link *link;
} assess_contribution;

typedef struct {
	int cause;          /* index into kb->causes */
	double probability; /* posterior */
	assess_contribution *contrib; /* sorted by |log LR|, largest first */
	size_t n_contrib;
} assess_cause;

typedef struct {
	const char *name;   /* as given (lowercased) */
	int med;            /* index into kb->meds, or -1: not evaluated */
} assess_med;

struct galacta_assessment {
	arena mem;
	const struct galacta_kb *kb;
	const char *case_id;
	int case_lang;               /* -1 when the case gave none */
	double *var;
	unsigned char *var_known;
	signed char *finding;        /* TRI_* incl. derived findings */
	galacta_supply_status supply;
	const kb_rule **supply_fired;
	size_t n_supply_fired;
	galacta_triage_level triage;
	const kb_rule **triage_fired; /* most urgent first */
	size_t n_triage_fired;
	assess_cause *causes;        /* sorted by probability, highest first */
	size_t n_causes;
	assess_med *meds;
	size_t n_meds;
	size_t n_known_inputs;       /* answered findings + numbers + weights */
	int sparse;                  /* too little data to conclude */
};

#endif
