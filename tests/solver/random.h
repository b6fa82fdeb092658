/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * random.h - random DAGs and profiles for the solver tests (Criterion
 * asserts on failure).  Kinds are named "forward", "backward", "weight".
 */
#ifndef PP_TEST_RANDOM_H
#define PP_TEST_RANDOM_H

#include "solver.h"

/* n instructions on g GPUs (instruction i < g on GPU i, the rest random),
 * nk kinds, 0-2 extra edges into each instruction from earlier ones. */
struct pp_dag *rnd_dag(unsigned *seed, int g, size_t n, int nk);

/* Per (stage, kind) 4..10 frequencies; time falls with frequency, energy
 * has a minimum in the middle plus noise.  With SMOOTH, 8 frequencies whose
 * effective energy (at P_b = 50 W) is exactly exponential in time, so the
 * lowtime fit is well posed. */
struct pp_profile *rnd_profile_x(unsigned *seed, int stages, int nk,
                                 int smooth);
struct pp_profile *rnd_profile(unsigned *seed, int stages, int nk);

#endif
