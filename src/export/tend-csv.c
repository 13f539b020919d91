// An RFC 4180 CSV writer that spreadsheets cannot be tricked into running.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-csv.h"
#include "tend-error.h"
#include "tend-money.h"

struct _TendCsvWriter
{
  GString  *out;
  guint     n_rows;
  gboolean  row_has_cells;
};

/* A cell a spreadsheet would read as a formula (or, for TAB and CR, strip
 * and then read as one). OWASP's "CSV injection" list. */
static gboolean
starts_like_formula (const char *text)
{
  return text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
         text[0] == '\t' || text[0] == '\r';
}

/* A plain decimal: optional minus, digits, optional fraction. Nothing a
 * spreadsheet could read as anything but a number. */
static gboolean
is_plain_number (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    {
      gboolean fraction = FALSE;

      for (p++; g_ascii_isdigit (*p); p++)
        fraction = TRUE;
      if (!fraction)
        return FALSE;
    }
  return digits && *p == '\0';
}

static void
append_separator (TendCsvWriter *self)
{
  if (self->row_has_cells)
    g_string_append_c (self->out, ',');
  self->row_has_cells = TRUE;
}

/* Quotes when the cell holds a comma, quote, CR or LF (RFC 4180 2.6, 2.7). */
static void
append_field (TendCsvWriter *self,
              const char    *text)
{
  append_separator (self);
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (self->out, text);
      return;
    }
  g_string_append_c (self->out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (self->out, '"');
      g_string_append_c (self->out, *p);
    }
  g_string_append_c (self->out, '"');
}

TendCsvWriter *
tend_csv_writer_new (void)
{
  TendCsvWriter *self = g_new0 (TendCsvWriter, 1);

  self->out = g_string_new (NULL);
  return self;
}

void
tend_csv_writer_free (TendCsvWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_free (self);
}

char *
tend_csv_neutralize (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (starts_like_formula (text))
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

/* Text as it is, except: invalid UTF-8 is repaired (the file is UTF-8),
 * and a formula-like start is neutralised. NULL is an empty cell. */
void
tend_csv_writer_add_text (TendCsvWriter *self,
                          const char    *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *safe = NULL;

  g_return_if_fail (self != NULL);

  if (text == NULL)
    {
      tend_csv_writer_add_empty (self);
      return;
    }
  valid = g_utf8_make_valid (text, -1);
  safe = tend_csv_neutralize (valid);
  append_field (self, safe);
}

/* A number stays a number, negative ones included ("-5.00"); anything that
 * is not a plain decimal is written as text, neutralised. */
void
tend_csv_writer_add_number (TendCsvWriter *self,
                            const char    *number)
{
  g_return_if_fail (self != NULL);

  if (number != NULL && is_plain_number (number))
    {
      append_separator (self);
      g_string_append (self->out, number);
    }
  else
    tend_csv_writer_add_text (self, number);
}

void
tend_csv_writer_add_int (TendCsvWriter *self,
                         gint64         value)
{
  g_return_if_fail (self != NULL);

  append_separator (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

/* Cents as a decimal in major units ("1234.50", "-5.00"). */
void
tend_csv_writer_add_money (TendCsvWriter *self,
                           gint64         cents)
{
  g_autofree char *text = tend_money_to_decimal (cents);

  g_return_if_fail (self != NULL);

  append_separator (self);
  g_string_append (self->out, text);
}

void
tend_csv_writer_add_empty (TendCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  append_separator (self);
}

void
tend_csv_writer_end_row (TendCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  g_string_append (self->out, "\r\n");
  self->row_has_cells = FALSE;
  self->n_rows++;
}

void
tend_csv_writer_add_row (TendCsvWriter *self,
                         const char    *first_cell,
                         ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, first_cell);
  for (const char *cell = first_cell; cell != NULL; cell = va_arg (args, const char *))
    tend_csv_writer_add_text (self, cell);
  va_end (args);
  tend_csv_writer_end_row (self);
}

guint
tend_csv_writer_get_n_rows (TendCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

const char *
tend_csv_writer_get_text (TendCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->out->str;
}

gsize
tend_csv_writer_get_length (TendCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->out->len;
}

gboolean
tend_csv_writer_write (TendCsvWriter  *self,
                       GOutputStream  *stream,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  return g_output_stream_write_all (stream, self->out->str, self->out->len,
                                    NULL, cancellable, error);
}

gboolean
tend_csv_writer_save (TendCsvWriter  *self,
                      const char     *path,
                      GError        **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* g_file_set_contents writes a temporary file with mode 0666 & ~umask,
   * syncs it and renames it over path. */
  if (!g_file_set_contents (path, self->out->str, (gssize) self->out->len, &local))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_FAILED, "Cannot write %s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
