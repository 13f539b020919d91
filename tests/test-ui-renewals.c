// The renewals page as a person sees it: month grid, agenda, assessment form.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tend-application.h"
#include "tend-book.h"
#include "tend-money.h"
#include "tend-renewal-calendar.h"
#include "tend-renewal-calendar-day.h"
#include "tend-renewal-form.h"
#include "tend-renewals.h"
#include "tend-renewals-csv.h"
#include "tend-renewals-page.h"
#include "tend-store.h"
#include "tend-window.h"

#define N_ACCOUNTS 300
#define WAIT_SECONDS 60
#define AS_OF_TEXT "2026-11-23"

static char *tmp_dir;
static char *workspace_path;
static GSubprocess *sim;
static TendApplication *app;
static TendDay as_of;

static gboolean
keep_waking (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until cond holds, for at most WAIT_SECONDS. */
#define WAIT_FOR(cond)                                                        \
  G_STMT_START {                                                              \
    gint64 end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;    \
    guint tick_ = g_timeout_add (20, keep_waking, NULL);                      \
    while (!(cond) && g_get_monotonic_time () < end_)                         \
      g_main_context_iteration (NULL, TRUE);                                  \
    g_source_remove (tick_);                                                  \
    if (!(cond))                                                              \
      g_error ("Timed out waiting for %s", #cond);                            \
  } G_STMT_END

static void
drain (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label on screen (mapped) whose text contains part. */
static GtkLabel *
find_label_containing (GtkWidget  *root,
                       const char *part)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), part) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, part);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A check or toggle button by its label, as written (with its underline). */
static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      GType       type,
                      const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = GTK_IS_CHECK_BUTTON (root) ? gtk_check_button_get_label (GTK_CHECK_BUTTON (root))
                                                    : gtk_button_get_label (GTK_BUTTON (root));
      if (g_strcmp0 (text, label) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The check button at the start of the action row whose title starts with title. */
static GtkCheckButton *
find_milestone_check (GtkWidget  *root,
                      const char *title)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title))
    return GTK_CHECK_BUTTON (find_widget (root, GTK_TYPE_CHECK_BUTTON));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_milestone_check (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  guint      n_chips;
  guint      n_more;
  GtkWidget *chip;         /* of account_id, when asked */
  const char *account_id;
} ChipCount;

/* Counts the chips on screen in the days of the month, and the renewals
 * behind "+N more". */
static void
count_chips (GtkWidget *root,
             ChipCount *count)
{
  if (!gtk_widget_get_visible (root) ||
      (TEND_IS_RENEWAL_CALENDAR_DAY (root) && gtk_widget_has_css_class (root, "other-month")))
    return;
  if (GTK_IS_BUTTON (root))
    {
      if (gtk_widget_has_css_class (root, "renewal-chip"))
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

          count->n_chips++;
          if (count->account_id != NULL && target != NULL &&
              g_strcmp0 (g_variant_get_string (target, NULL), count->account_id) == 0)
            count->chip = root;
        }
      else if (gtk_widget_has_css_class (root, "renewal-more"))
        {
          guint n = 0;

          g_assert_cmpint (sscanf (gtk_button_get_label (GTK_BUTTON (root)), "+%u more", &n), ==, 1);
          count->n_more += n;
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_chips (child, count);
}

static GPtrArray *
core_renewals (TendStore **out_store,
               TendBook  **out_book)
{
  g_autoptr(GError) error = NULL;
  TendSettings settings;
  GPtrArray *renewals;

  *out_store = tend_store_open (workspace_path, &error);
  g_assert_no_error (error);
  *out_book = tend_book_load (*out_store, &error);
  g_assert_no_error (error);
  tend_settings_init_defaults (&settings);
  renewals = tend_renewals_list (*out_store, *out_book, as_of, settings.renewal_horizon_days, &settings, &error);
  tend_settings_clear (&settings);
  g_assert_no_error (error);
  return renewals;
}

static guint
count_in_month (GPtrArray *renewals,
                TendDay    month)
{
  guint n = 0;

  for (guint i = 0; i < renewals->len; i++)
    {
      const TendRenewal *r = g_ptr_array_index (renewals, i);

      if (tend_day_year (r->renewal_date) == tend_day_year (month) &&
          tend_day_month (r->renewal_date) == tend_day_month (month))
        n++;
    }
  return n;
}

static gint64
count_assessments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (workspace_path, &error);
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_no_error (error);
  stmt = tend_store_prepare (store, "SELECT count(*) FROM risk_assessments", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

typedef struct {
  TendWindow       *window;
  TendRenewalsPage *page;
  TendRenewalCalendar *calendar;
  TendRenewalForm  *form;
  AdwLeaflet       *leaflet;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (workspace_path == NULL)
    {
      g_test_skip ("TEND_CRM_SIM and TEND_CLI are needed to prepare a workspace");
      return;
    }
  f->window = tend_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  tend_window_open_workspace (f->window, workspace_path);
  /* The simulator's today, whatever the clock says. */
  tend_workspace_set_as_of (tend_window_get_workspace (f->window), as_of);
  tend_window_show_page (f->window, "renewals");
  gtk_window_present (GTK_WINDOW (f->window));

  f->page = TEND_RENEWALS_PAGE (find_widget (GTK_WIDGET (f->window), TEND_TYPE_RENEWALS_PAGE));
  g_assert_nonnull (f->page);
  f->calendar = TEND_RENEWAL_CALENDAR (find_widget (GTK_WIDGET (f->page), TEND_TYPE_RENEWAL_CALENDAR));
  f->form = TEND_RENEWAL_FORM (find_widget (GTK_WIDGET (f->page), TEND_TYPE_RENEWAL_FORM));
  f->leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (f->page), ADW_TYPE_LEAFLET));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->calendar)) &&
            find_label_containing (GTK_WIDGET (f->page), "renewals in the next 90 days") != NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GLogLevelFlags fatal;

  /* libadwaita 1.2 unparents the view switchers' buttons twice while a
   * window with this many pages is destroyed (this page or not): criticals
   * are fatal everywhere but there. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_log_set_always_fatal (fatal);
}

static void
test_calendar_and_agenda (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendBook) book = NULL;
  g_autoptr(GPtrArray) renewals = NULL;
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GtkLabel *total;
  GHashTableIter iter;
  gpointer key, value;
  ChipCount count = { 0 };
  TendDay month;

  if (f->window == NULL)
    return;
  renewals = core_renewals (&store, &book);
  g_assert_cmpuint (renewals->len, >, 10);

  /* The grid opens on this month with one chip per renewal of the month. */
  month = tend_renewal_calendar_get_month (f->calendar);
  g_assert_cmpint (tend_day_month (month), ==, 11);
  count_chips (GTK_WIDGET (f->calendar), &count);
  g_assert_cmpuint (count.n_chips + count.n_more, ==, count_in_month (renewals, month));
  g_assert_cmpuint (count_in_month (renewals, month), >, 0);

  /* Page Down's action: the next month, with its own renewals. */
  gtk_widget_activate_action (GTK_WIDGET (f->calendar), "calendar.next-month", NULL);
  month = tend_renewal_calendar_get_month (f->calendar);
  g_assert_cmpint (tend_day_month (month), ==, 12);
  memset (&count, 0, sizeof count);
  count_chips (GTK_WIDGET (f->calendar), &count);
  g_assert_cmpuint (count.n_chips + count.n_more, ==, count_in_month (renewals, month));

  /* "+N more" opens the whole day in a popover. */
  {
    TendDay busiest = TEND_DAY_NONE;
    guint most = 0;

    for (guint i = 0; i < renewals->len;)
      {
        const TendRenewal *r = g_ptr_array_index (renewals, i);
        guint n = 0;

        while (i + n < renewals->len &&
               ((const TendRenewal *) g_ptr_array_index (renewals, i + n))->renewal_date == r->renewal_date)
          n++;
        if (n > most)
          {
            most = n;
            busiest = r->renewal_date;
          }
        i += n;
      }
    if (most > TEND_RENEWAL_CALENDAR_DAY_MAX_CHIPS)
      {
        GtkWidget *popover;

        tend_renewal_calendar_show_month (f->calendar, busiest);
        gtk_widget_activate_action (GTK_WIDGET (f->calendar), "calendar.show-day", "u", busiest);
        popover = find_widget (GTK_WIDGET (f->calendar), GTK_TYPE_POPOVER);
        g_assert_nonnull (popover);
        WAIT_FOR (gtk_widget_get_mapped (popover));
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                            GTK_LIST_VIEW (find_widget (popover, GTK_TYPE_LIST_VIEW))))), ==, most);
        gtk_popover_popdown (GTK_POPOVER (popover));
      }
  }

  /* The horizon total is the sum of the ARR the core listed, per currency. */
  for (guint i = 0; i < renewals->len; i++)
    {
      const TendRenewal *r = g_ptr_array_index (renewals, i);
      gint64 *sum;

      if (!r->account->has_arr)
        continue;
      if ((sum = g_hash_table_lookup (sums, r->account->currency)) == NULL)
        g_hash_table_insert (sums, (gpointer) r->account->currency, sum = g_new0 (gint64, 1));
      *sum += r->account->arr;
    }
  total = find_label_containing (GTK_WIDGET (f->page), "Total ARR:");
  g_assert_nonnull (total);
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *money = tend_money_format (*(gint64 *) value, key);
      g_assert_nonnull (strstr (gtk_label_get_label (total), money));
    }

  /* The agenda's first week heading is this week's. */
  WAIT_FOR (find_label_containing (GTK_WIDGET (f->page), "Week of 23 Nov") != NULL);
}

static void
test_form_validation_and_save (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendBook) book = NULL;
  g_autoptr(GPtrArray) renewals = NULL;
  g_autoptr(TendRenewal) after = NULL;
  g_autoptr(GError) error = NULL;
  const TendRenewal *missing = NULL;
  ChipCount count = { 0 };
  GtkWidget *form, *date_row, *next_step_row, *forecast_row, *currency_row, *owner_row;
  GtkWidget *medium, *price, *budget, *focus;
  GtkTextView *mitigation;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *mitigation_text = NULL;
  GtkCheckButton *proposal;
  GtkLabel *message;
  TendSettings settings;
  gint64 rows_before;

  if (f->window == NULL)
    return;
  renewals = core_renewals (&store, &book);
  /* A renewal of this month without an assessment: its chip is on screen. */
  for (guint i = 0; i < renewals->len && missing == NULL; i++)
    {
      const TendRenewal *r = g_ptr_array_index (renewals, i);
      if (r->assessment == NULL && tend_day_month (r->renewal_date) == 11)
        missing = r;
    }
  g_assert_nonnull (missing);

  count.account_id = missing->account->id;
  count_chips (GTK_WIDGET (f->calendar), &count);
  if (count.chip == NULL)
    {
      /* Behind "+N more": open it the way the agenda does. */
      gtk_widget_activate_action (GTK_WIDGET (f->page), "renewals.open", "s", missing->account->id);
    }
  else
    {
      g_assert_true (gtk_widget_get_visible (find_widget (count.chip, GTK_TYPE_IMAGE)));
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (count.chip), "assessment missing"));
      gtk_widget_activate (count.chip);
    }
  WAIT_FOR (g_strcmp0 (adw_leaflet_get_visible_child_name (f->leaflet), "form") == 0);
  form = GTK_WIDGET (f->form);
  WAIT_FOR (find_label_containing (form, missing->account->name) != NULL);

  /* Everything typed, with a day that does not exist. */
  medium = find_button_labelled (form, GTK_TYPE_TOGGLE_BUTTON, "_Medium");
  price = find_button_labelled (form, GTK_TYPE_CHECK_BUTTON, "_Price");
  budget = find_button_labelled (form, GTK_TYPE_CHECK_BUTTON, "_Budget");
  mitigation = GTK_TEXT_VIEW (find_widget (form, GTK_TYPE_TEXT_VIEW));
  forecast_row = find_entry_row (form, "Forecast amount");
  currency_row = find_entry_row (form, "Currency (ISO code)");
  owner_row = find_entry_row (form, "Owner");
  next_step_row = find_entry_row (form, "Next step");
  date_row = find_entry_row (form, "Next-step date (YYYY-MM-DD)");
  g_assert_nonnull (medium);
  g_assert_nonnull (price);
  g_assert_nonnull (budget);
  g_assert_nonnull (date_row);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (medium), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (price), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (budget), TRUE);
  buffer = gtk_text_view_get_buffer (mitigation);
  gtk_text_buffer_set_text (buffer, "Two-year price lock\nExec sponsor call", -1);
  gtk_editable_set_text (GTK_EDITABLE (forecast_row), "120000.50");
  gtk_editable_set_text (GTK_EDITABLE (currency_row), "EUR");
  gtk_editable_set_text (GTK_EDITABLE (owner_row), "Dana Whitfield");
  gtk_editable_set_text (GTK_EDITABLE (next_step_row), "Send the proposal");
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2026-02-30");

  rows_before = count_assessments ();
  gtk_widget_activate_action (form, "form.save", NULL);
  drain ();

  /* The message is at the field, which is marked and focused... */
  message = find_label_containing (form, "YYYY-MM-DD, such as");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == date_row || gtk_widget_is_ancestor (focus, date_row));
  /* ...nothing was written, and nothing typed was lost. */
  g_assert_cmpint (count_assessments (), ==, rows_before);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (medium)));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (price)));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (budget)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  mitigation_text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (mitigation_text, ==, "Two-year price lock\nExec sponsor call");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (forecast_row)), ==, "120000.50");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (currency_row)), ==, "EUR");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner_row)), ==, "Dana Whitfield");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (next_step_row)), ==, "Send the proposal");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "2026-02-30");

  /* Fixed: saved, the message gone, the chip without its mark. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2026-12-15");
  gtk_widget_activate_action (form, "form.save", NULL);
  drain ();
  g_assert_cmpint (count_assessments (), ==, rows_before + 1);
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  g_assert_null (find_label_containing (form, "YYYY-MM-DD, such as"));

  tend_settings_init_defaults (&settings);
  after = tend_renewals_get (store, book, missing->account->id, as_of, &settings, &error);
  tend_settings_clear (&settings);
  g_assert_no_error (error);
  g_assert_nonnull (after->assessment);
  g_assert_cmpint (after->assessment->risk, ==, TEND_RISK_MEDIUM);
  g_assert_cmpuint (after->assessment->reasons, ==, TEND_RISK_REASON_PRICE | TEND_RISK_REASON_BUDGET);
  g_assert_cmpint (after->assessment->forecast_amount, ==, 12000050);
  g_assert_cmpstr (after->assessment->forecast_currency, ==, "EUR");
  g_assert_cmpstr (after->assessment->owner, ==, "Dana Whitfield");
  g_assert_cmpuint (after->assessment->next_step_date, ==, tend_day_from_ymd (2026, 12, 15));
  g_assert_true (after->milestones[TEND_MILESTONE_RISK_ASSESSMENT].is_done);

  /* Escape's action: back to the month grid, where the chip lost its mark. */
  gtk_widget_activate_action (form, "renewals.show-overview", NULL);
  WAIT_FOR (g_strcmp0 (adw_leaflet_get_visible_child_name (f->leaflet), "overview") == 0);
  memset (&count, 0, sizeof count);
  count.account_id = missing->account->id;
  count_chips (GTK_WIDGET (f->calendar), &count);
  if (count.chip != NULL)
    {
      g_assert_false (gtk_widget_get_visible (find_widget (count.chip, GTK_TYPE_IMAGE)));
      g_assert_null (strstr (gtk_widget_get_tooltip_text (count.chip), "assessment missing"));
    }

  /* A milestone checked in the form is stored with who checked it. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "renewals.open", "s", missing->account->id);
  WAIT_FOR (g_strcmp0 (adw_leaflet_get_visible_child_name (f->leaflet), "form") == 0);
  proposal = find_milestone_check (form, "Renewal proposal sent");
  g_assert_nonnull (proposal);
  g_assert_false (gtk_check_button_get_active (proposal));
  gtk_check_button_set_active (proposal, TRUE);
  drain ();
  g_clear_pointer (&after, tend_renewal_free);
  tend_settings_init_defaults (&settings);
  after = tend_renewals_get (store, book, missing->account->id, as_of, &settings, &error);
  tend_settings_clear (&settings);
  g_assert_no_error (error);
  g_assert_true (after->milestones[TEND_MILESTONE_PROPOSAL_SENT].is_done);
  g_assert_cmpstr (after->milestones[TEND_MILESTONE_PROPOSAL_SENT].done_by, ==, "Test Runner");
  WAIT_FOR (find_label_containing (form, "done by Test Runner") != NULL);
}

/* The window and tend-cli write the same CSV: one function builds both. */
static void
test_csv_matches_cli (void)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendBook) book = NULL;
  g_autoptr(GPtrArray) renewals = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cli_csv = NULL;
  g_autofree char *csv = NULL;

  if (workspace_path == NULL)
    {
      g_test_skip ("TEND_CRM_SIM and TEND_CLI are needed to prepare a workspace");
      return;
    }
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("TEND_CLI"),
                          "--workspace", workspace_path, "--as-of", AS_OF_TEXT,
                          "renewals", "--format", "csv", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (cli, NULL, NULL, &cli_csv, NULL, &error);
  g_assert_no_error (error);
  renewals = core_renewals (&store, &book);
  csv = tend_renewals_csv (renewals, book);
  g_assert_cmpstr (csv, ==, cli_csv);
}

/* The exports write the core's documents and say so; a folder that does
 * not exist gets an error toast and no file. */
static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendBook) book = NULL;
  g_autoptr(GPtrArray) renewals = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *ics_path = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) events = NULL;

  if (f->window == NULL)
    return;
  renewals = core_renewals (&store, &book);
  csv_path = g_build_filename (tmp_dir, "renewals.csv", NULL);
  ics_path = g_build_filename (tmp_dir, "renewals.ics", NULL);
  bad_path = g_build_filename (tmp_dir, "no-such-folder", "renewals.csv", NULL);

  g_assert_true (tend_renewals_page_export (f->page, FALSE, csv_path));
  g_assert_true (g_file_get_contents (csv_path, &written, NULL, NULL));
  expected = tend_renewals_csv (renewals, book);
  g_assert_cmpstr (written, ==, expected);
  WAIT_FOR (find_label_containing (GTK_WIDGET (f->page), "CSV exported to") != NULL);

  g_clear_pointer (&written, g_free);
  g_assert_true (tend_renewals_page_export (f->page, TRUE, ics_path));
  g_assert_true (g_file_get_contents (ics_path, &written, NULL, NULL));
  g_assert_true (g_str_has_prefix (written, "BEGIN:VCALENDAR"));
  events = g_strsplit (written, "BEGIN:VEVENT", -1);
  g_assert_cmpuint (g_strv_length (events) - 1, ==, renewals->len);

  g_assert_false (tend_renewals_page_export (f->page, FALSE, bad_path));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  WAIT_FOR (find_label_containing (GTK_WIDGET (f->page), "Could not export") != NULL);
}

/* Narrow, the page fits a phone-sized window: its minimum is small. */
static void
test_fits_narrow (Fixture       *f,
                  gconstpointer  data)
{
  int minimum = 0;

  if (f->window == NULL)
    return;
  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 400);
}

static void
test_skip_without_display (void)
{
  g_test_skip ("No display: run the UI tests under xvfb-run -a");
}

static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
prepare_workspace (void)
{
  const char *sim_path = g_getenv ("TEND_CRM_SIM");
  const char *cli_path = g_getenv ("TEND_CLI");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocessLauncher) sim_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) cli = NULL;
  g_autofree char *line = NULL;

  if (sim_path == NULL || cli_path == NULL)
    return;
  g_subprocess_launcher_set_child_setup (sim_launcher, die_with_parent, NULL, NULL);
  sim = g_subprocess_launcher_spawn (sim_launcher, &error, sim_path,
                                     "--port", "0", "--seed", "42", "--accounts", G_STRINGIFY (N_ACCOUNTS),
                                     "--today", AS_OF_TEXT, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://"));

  workspace_path = g_build_filename (tmp_dir, "renewals.db", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "TEND_CRM_TOKEN", "demo-token", TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--workspace", workspace_path,
                                     "--as-of", AS_OF_TEXT, "sync",
                                     "--base-url", line + strlen ("listening on "), NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/ui/renewals/needs-a-display", test_skip_without_display);
      return g_test_run ();
    }

  tmp_dir = g_dir_make_tmp ("tend-ui-renewals-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("TEND_CRM_TOKEN", "demo-token", TRUE);
  if (g_getenv ("GSK_RENDERER") == NULL)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_assert_true (tend_day_parse (AS_OF_TEXT, &as_of, NULL));

  gtk_test_init (&argc, &argv, NULL);
  app = tend_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  prepare_workspace ();

  g_test_add ("/ui/renewals/calendar-and-agenda", Fixture, NULL, fixture_set_up,
              test_calendar_and_agenda, fixture_tear_down);
  g_test_add ("/ui/renewals/form-validation-and-save", Fixture, NULL, fixture_set_up,
              test_form_validation_and_save, fixture_tear_down);
  g_test_add ("/ui/renewals/exports", Fixture, NULL, fixture_set_up,
              test_exports, fixture_tear_down);
  g_test_add ("/ui/renewals/fits-narrow", Fixture, NULL, fixture_set_up,
              test_fits_narrow, fixture_tear_down);
  g_test_add_func ("/ui/renewals/csv-matches-cli", test_csv_matches_cli);

  status = g_test_run ();

  if (sim != NULL)
    {
      g_subprocess_force_exit (sim);
      g_subprocess_wait (sim, NULL, NULL);
      g_clear_object (&sim);
    }
  g_clear_object (&app);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (workspace_path);
  return status;
}
