/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * internal.h - helpers shared by the files of the graph module only.
 *
 * Nothing here is part of the module's contract (graph.h).  The quoting
 * helpers write a string so that the reader of the target format gets the
 * same bytes back: YAML scalars (plain when that is unambiguous, else a JSON
 * string from the base library's json.h) and Python string literals.
 */
#ifndef PP_GRAPH_INTERNAL_H
#define PP_GRAPH_INTERNAL_H

#include <stdio.h>

#include "graph.h"

/*
 * pp_graph_from_arrays(), and on a dependency cycle also the instructions
 * on it in dependency order, starting at the smallest index (the order of
 * the message): *cycle is malloc'ed with *clen entries and the caller frees
 * it.  The edge from the last back to the first closes the cycle.  In every
 * other case *cycle is NULL and *clen 0.
 */
int pp_graph_from_arrays_cycle(struct pp_dag **out, int ngpus, size_t n,
                               const struct pp_instr *ins, int nkinds,
                               const char *const *kinds, size_t nedges,
                               const size_t *edges, size_t **cycle,
                               size_t *clen, struct pp_error *err);

/* Replace dag->schedule by a copy of NAME; 0 or PP_ENOMEM. */
int pp_graph_set_schedule(struct pp_dag *dag, const char *name);

/* Write S as a YAML scalar: plain if safe, else a JSON string (json.h). */
void pp_put_yaml_scalar(FILE *f, const char *s);

/* Write S as a Python string literal ('...' with escapes). */
void pp_put_python_string(FILE *f, const char *s);

/* Is S a name: 1..64 characters from [A-Za-z0-9_.-]? */
int pp_is_name(const char *s);

/* Write the Zeus freqs_pipeline format (zeus.c), with the provenance
 * PROV (may be NULL) as a comment line after COMMENT's. */
int pp_plan_write_zeus(const struct pp_plan *plan, const struct pp_dag *dag,
                       const char *comment, const struct pp_provenance *prov,
                       FILE *f);

/* The comment line that holds a Zeus plan's provenance starts so. */
#define PP_ZEUS_PROVENANCE "# perseus-plan provenance: "

/* Find and read that line of a Zeus plan TEXT: 0 with *out NULL if there
 * is none, or with a new provenance; an error if it is malformed or
 * given twice (zeus.c). */
int pp_zeus_provenance(struct pp_provenance **out, const char *name,
                       const char *text, size_t len, struct pp_error *err);

/* The provenance as "KEY: VALUE" lines indented by INDENT (provenance.c). */
void pp_provenance_put_yaml(FILE *f, const struct pp_provenance *p,
                            int indent);

/* Read a provenance mapping MAP of the YAML tree (provenance.c). */
struct pp_ynode;
int pp_provenance_from_node(struct pp_provenance **out,
                            const struct pp_ynode *map, const char *name,
                            struct pp_error *err);

#endif
