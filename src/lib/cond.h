/*
 * cond.h — conditions of derived findings, supply rules and triage rules:
 * parsing from YAML and three-valued (Kleene) evaluation. The grammar is in
 * docs/kb-format.md, "Conditions".
 */
#ifndef GALACTA_COND_H
#define GALACTA_COND_H

#include "kb_yaml.h"

enum {
	COND_ALLOW_SUPPLY = 1, /* {supply: …} allowed */
	COND_ALLOW_CAUSE = 2   /* {cause: …, ge: p} allowed */
};

/* Tri-state values. */
enum { TRI_UNKNOWN = -1, TRI_FALSE = 0, TRI_TRUE = 1 };

typedef struct {
	const double *var;
	const unsigned char *var_known;
	const signed char *finding; /* TRI_* per finding */
	int supply;                 /* galacta_supply_status, or -1 when not decided yet */
	const double *cause_prob;   /* per cause, or NULL before inference */
} cond_env;

/* Parses node n. Derived finding number self may only use derived findings
 * defined before it (self = -1: no such limit). */
int cond__parse(kb_ctx *ctx, struct fy_node *n, unsigned allow, int self, const kb_cond **out);
/* Returns TRI_TRUE, TRI_FALSE or TRI_UNKNOWN. */
int cond__eval(const kb_cond *c, const cond_env *env);
/* True when c (recursively) tests variable var. */
bool cond__uses_var(const kb_cond *c, int var);
/* True when c (recursively) refers to the supply status. */
bool cond__uses_supply(const kb_cond *c);

#endif
