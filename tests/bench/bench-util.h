// Shared helpers of the benchmarks: the simulator, the 100k book, the figures.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BENCH_TOKEN "bench-token"

typedef struct {
  GSubprocess *process;
  char        *base_url;
} BenchSim;

/* Accounts of the benchmark book: TEND_BENCH_ACCOUNTS, else 100,000. */
guint       bench_n_accounts    (void);
/* The simulator's as-of day, fixed so figures compare across runs. */
const char *bench_today         (void);

gboolean    bench_sim_start     (BenchSim    *sim,
                                 guint        accounts);
void        bench_sim_stop      (BenchSim    *sim);
/* POSTs body to the simulator's path; FALSE on any failure. */
gboolean    bench_sim_post      (BenchSim    *sim,
                                 const char  *path,
                                 const char  *body);

/* A workspace holding the synced benchmark book, made once by a full sync
 * from the simulator and kept in the build directory for the other
 * benchmarks. NULL on failure (printed). */
char       *bench_ensure_book   (void);
/* Where bench_ensure_book () keeps it. */
char       *bench_book_path     (void);

double      bench_ms_since      (gint64       start_us);
/* Peak resident set of this process (VmHWM), in MiB. */
double      bench_peak_rss_mib  (void);

/* Prints one figure and appends it to <builddir>/bench-results.tsv:
 * value and floor in unit, goal a ratio (goal_is_ratio) or an absolute
 * bound in unit; floor <= 0 means "no floor". */
void        bench_report        (const char  *name,
                                 double       value,
                                 double       floor,
                                 const char  *floor_what,
                                 double       goal,
                                 gboolean     goal_is_ratio,
                                 const char  *unit);

/* Starts Xvfb on a free display and sets DISPLAY when there is no
 * display; NULL when there is one already or Xvfb is missing. */
GSubprocess *bench_start_xvfb   (void);

G_END_DECLS
