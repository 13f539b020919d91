// iCalendar (RFC 5545) export of the renewal calendar.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "tend-error.h"
#include "tend-ics.h"
#include "tend-money.h"
#include "tend-renewals.h"

#define ICS_LINE_OCTETS 75

static const char * const milestone_labels[TEND_N_MILESTONES] = {
  "risk assessment", "renewal proposal sent", "order form signed",
};

static void
append_property (GString    *out,
                 const char *name,
                 const char *text_value)
{
  g_autofree char *escaped = tend_ics_escape_text (text_value);
  g_autofree char *line = g_strconcat (name, ":", escaped, NULL);

  tend_ics_append_line (out, line);
}

static void
append_date (GString    *out,
             const char *name,
             TendDay     day)
{
  char line[64];

  g_snprintf (line, sizeof line, "%s;VALUE=DATE:%04d%02d%02d", name,
              tend_day_year (day), tend_day_month (day), tend_day_of_month (day));
  tend_ics_append_line (out, line);
}

static char *
describe_assessment (const TendAssessment *a)
{
  GString *s = g_string_new (NULL);
  g_auto(GStrv) reasons = tend_risk_reasons_to_strv (a->reasons);
  char day[11];

  g_string_append_printf (s, "Assessment: %s risk", tend_risk_to_string (a->risk));
  if (reasons[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", reasons);
      g_string_append_printf (s, " (%s)", joined);
    }
  g_string_append_printf (s, ", assessed by %s at %s",
                          a->assessed_by ? a->assessed_by : "?", a->assessed_at ? a->assessed_at : "?");
  if (a->has_forecast)
    {
      g_autofree char *forecast = tend_money_format (a->forecast_amount, a->forecast_currency);
      g_string_append_printf (s, "\nForecast: %s", forecast);
    }
  if (a->owner != NULL)
    g_string_append_printf (s, "\nOwner: %s", a->owner);
  if (a->mitigation != NULL)
    g_string_append_printf (s, "\nMitigation: %s", a->mitigation);
  if (a->next_step != NULL)
    {
      tend_day_format (a->next_step_date, day);
      g_string_append_printf (s, "\nNext step: %s (by %s)", a->next_step, day);
    }
  return g_string_free (s, FALSE);
}

static char *
describe_renewal (const TendRenewal *r,
                  const TendBook    *book)
{
  GString *s = g_string_new (NULL);
  const char *owner = book != NULL ? tend_book_owner_name (book, r->account->owner_id) : NULL;

  g_string_append_printf (s, "Health: %s", tend_tier_to_string (r->tier));
  if (owner != NULL)
    g_string_append_printf (s, "\nAccount owner: %s", owner);
  if (r->assessment != NULL)
    {
      g_autofree char *assessment = describe_assessment (r->assessment);
      g_string_append_printf (s, "\n%s", assessment);
    }
  else
    g_string_append (s, "\nAssessment missing");
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    {
      const TendMilestone *m = &r->milestones[k];
      char due[11];

      tend_day_format (m->due_date, due);
      g_string_append_printf (s, "\nMilestone %s (due %s): %s", milestone_labels[k], due,
                              m->is_done ? "done" : m->is_past_due ? "PAST DUE" : "open");
    }
  return g_string_free (s, FALSE);
}

static void
append_event (GString           *out,
              const TendRenewal *r,
              const TendBook    *book,
              const char        *stamp)
{
  g_autofree char *uid = tend_ics_renewal_uid (r->account->id);
  g_autofree char *summary = NULL;
  g_autofree char *description = describe_renewal (r, book);
  g_autofree char *stamp_line = g_strconcat ("DTSTAMP:", stamp, NULL);

  if (r->account->has_arr)
    {
      g_autofree char *arr = tend_money_format (r->account->arr, r->account->currency);
      summary = g_strdup_printf ("Renewal: %s (%s)", r->account->name, arr);
    }
  else
    summary = g_strdup_printf ("Renewal: %s (ARR unknown)", r->account->name);

  tend_ics_append_line (out, "BEGIN:VEVENT");
  append_property (out, "UID", uid);
  tend_ics_append_line (out, stamp_line);
  append_date (out, "DTSTART", r->renewal_date);
  append_date (out, "DTEND", tend_day_add_days (r->renewal_date, 1));
  append_property (out, "SUMMARY", summary);
  append_property (out, "DESCRIPTION", description);
  tend_ics_append_line (out, r->assessment != NULL ? "CATEGORIES:Renewal"
                                                   : "CATEGORIES:Renewal,Assessment missing");
  /* An all-day reminder, not a meeting: do not show the day as busy. */
  tend_ics_append_line (out, "TRANSP:TRANSPARENT");
  tend_ics_append_line (out, "END:VEVENT");
}

char *
tend_ics_escape_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid) + 8);
  for (const char *p = valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          /* RFC 5545 3.3.11: TEXT holds no control characters but HTAB. */
          if (((guchar) *p < 0x20 && *p != '\t') || *p == 0x7f)
            break;
          g_string_append_c (out, *p);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* RFC 5545 3.1: lines of at most 75 octets, CRLF; a longer one continues
 * on lines starting with a space, which counts toward their 75 octets. A
 * fold never lands before a UTF-8 continuation byte. */
void
tend_ics_append_line (GString    *out,
                      const char *line)
{
  gsize len, pos = 0, limit = ICS_LINE_OCTETS;

  g_return_if_fail (out != NULL);
  g_return_if_fail (line != NULL);

  len = strlen (line);
  while (len - pos > limit)
    {
      gsize cut = pos + limit;

      while (cut > pos + 1 && ((guchar) line[cut] & 0xc0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, (gssize) (cut - pos));
      g_string_append (out, "\r\n ");
      pos = cut;
      limit = ICS_LINE_OCTETS - 1;
    }
  g_string_append (out, line + pos);
  g_string_append (out, "\r\n");
}

char *
tend_ics_renewal_uid (const char *account_id)
{
  g_return_val_if_fail (account_id != NULL, NULL);

  return g_strconcat ("renewal-", account_id, "@tend", NULL);
}

char *
tend_ics_renewals (GPtrArray      *renewals,
                   const TendBook *book,
                   GDateTime      *stamp)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp_text = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (renewals != NULL, NULL);

  if (stamp == NULL)
    stamp = now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (stamp);
  stamp_text = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");

  tend_ics_append_line (out, "BEGIN:VCALENDAR");
  tend_ics_append_line (out, "VERSION:2.0");
  tend_ics_append_line (out, "PRODID:-//Tend//Tend Renewals//EN");
  tend_ics_append_line (out, "CALSCALE:GREGORIAN");
  /* No METHOD: a file to import is not an iTIP message (RFC 5546), whose
   * PUBLISH would require an ORGANIZER that libical then checks for. */
  tend_ics_append_line (out, "X-WR-CALNAME:Renewals");
  for (guint i = 0; i < renewals->len; i++)
    append_event (out, g_ptr_array_index (renewals, i), book, stamp_text);
  tend_ics_append_line (out, "END:VCALENDAR");
  return g_string_free (out, FALSE);
}

gboolean
tend_ics_save (const char  *calendar,
               const char  *path,
               GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* g_file_set_contents writes a temporary file with mode 0666 & ~umask,
   * syncs it and renames it over path. */
  if (!g_file_set_contents (path, calendar, -1, &local))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_FAILED, "Cannot write %s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
