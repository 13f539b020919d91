// An RFC 4180 CSV writer that spreadsheets cannot be tricked into running.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TendCsvWriter TendCsvWriter;

TendCsvWriter *tend_csv_writer_new       (void);
void           tend_csv_writer_free      (TendCsvWriter *writer);

/* Cells are added left to right; end_row closes the record with CRLF. */
void           tend_csv_writer_add_text  (TendCsvWriter *writer,
                                          const char    *text);
void           tend_csv_writer_add_number (TendCsvWriter *writer,
                                           const char    *number);
void           tend_csv_writer_add_int   (TendCsvWriter *writer,
                                          gint64         value);
void           tend_csv_writer_add_money (TendCsvWriter *writer,
                                          gint64         cents);
void           tend_csv_writer_add_empty (TendCsvWriter *writer);
void           tend_csv_writer_end_row   (TendCsvWriter *writer);
/* A whole row of text cells, NULL-terminated (a header, typically). */
void           tend_csv_writer_add_row   (TendCsvWriter *writer,
                                          const char    *first_cell,
                                          ...) G_GNUC_NULL_TERMINATED;

guint          tend_csv_writer_get_n_rows (TendCsvWriter *writer);
/* The document so far, UTF-8; valid until the next call on writer. */
const char    *tend_csv_writer_get_text  (TendCsvWriter *writer);
gsize          tend_csv_writer_get_length (TendCsvWriter *writer);
gboolean       tend_csv_writer_write     (TendCsvWriter *writer,
                                          GOutputStream *stream,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Replaces path atomically; a new file gets the user's umask. */
gboolean       tend_csv_writer_save      (TendCsvWriter *writer,
                                          const char    *path,
                                          GError       **error);

/* Formula neutralising on its own, for other writers: a copy of text with
 * an apostrophe in front when it starts with =, +, -, @, TAB or CR. */
char          *tend_csv_neutralize       (const char    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendCsvWriter, tend_csv_writer_free)

G_END_DECLS
