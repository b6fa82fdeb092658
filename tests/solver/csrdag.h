/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csrdag.h - DAGs built by hand for the LP and deadline tests: the CSR
 * successor arrays only (n, nedges, succ_off, succ), which is all those
 * solvers read, so the tests do not depend on the graph library.
 */
#ifndef PP_TEST_CSRDAG_H
#define PP_TEST_CSRDAG_H

#include <stddef.h>

#include "solver.h"

/* A DAG with N instructions and NE edges EDGES[2k] -> EDGES[2k+1]
 * (Criterion asserts on allocation failure).  Free it with freedag. */
struct pp_dag *mkdag(size_t n, size_t ne, const size_t *edges);

/* Frees a DAG from mkdag; NULL is a no-op. */
void freedag(struct pp_dag *d);

#endif
