// tend-cli handoffs, handoff and objective: sales-to-CS handoffs (DOMAIN.md 7).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tend-cli.h"
#include "tend-error.h"
#include "tend-handoff.h"
#include "tend-handoff-pdf.h"
#include "tend-money.h"
#include "tend-settings.h"

static void
add_id_member (JsonBuilder *b,
               const char  *member,
               gint64       id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, text);
}

static void
add_int_member (JsonBuilder *b,
                const char  *member,
                gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_issues_member (JsonBuilder *b,
                   GPtrArray   *issues)
{
  json_builder_set_member_name (b, "issues");
  json_builder_begin_array (b);
  for (guint i = 0; i < issues->len; i++)
    {
      const TendHandoffIssue *issue = g_ptr_array_index (issues, i);

      json_builder_begin_object (b);
      tend_cli_json_add_string_or_null (b, "field", issue->field);
      tend_cli_json_add_string_or_null (b, "message", issue->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static int
print_builder (JsonBuilder *b)
{
  tend_cli_print_builder (b);
  return TEND_CLI_OK;
}

/* What a person passed, fit for a one-line message: valid UTF-8, control
 * characters replaced, at most 40 characters. */
static char *
display_arg (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 40)
        {
          g_string_append (out, "…");
          break;
        }
      if (c < 0x20 || c == 0x7f)
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Why a file could not be read or written, without repeating its name. */
static const char *
file_error_reason (const GError *error)
{
  if (error->domain != G_FILE_ERROR)
    return "input/output error";
  switch (error->code)
    {
    case G_FILE_ERROR_NOENT:       return "no such file or folder";
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:        return "permission denied";
    case G_FILE_ERROR_ISDIR:       return "it is a folder";
    case G_FILE_ERROR_NOTDIR:      return "a part of the path is not a folder";
    case G_FILE_ERROR_NAMETOOLONG: return "the name is too long";
    case G_FILE_ERROR_NOSPC:       return "the disk is full";
    default:                       return "input/output error";
    }
}

/* CRM ids are short printable text; anything else is refused before it
 * reaches a message or the workspace. */
static gboolean
check_crm_id (const char  *command,
              const char  *option,
              const char  *text,
              int         *out_status)
{
  g_autofree char *shown = NULL;
  gboolean is_plausible = text != NULL && *text != '\0' && strlen (text) <= 64 && g_utf8_validate (text, -1, NULL);

  for (const char *p = text; is_plausible && *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      is_plausible = FALSE;
  if (is_plausible)
    return TRUE;
  shown = display_arg (text);
  *out_status = tend_cli_usage_error (command, "%s: “%s” is not a CRM id", option, shown);
  return FALSE;
}

static gboolean
parse_plan_id (const char  *command,
               const char  *text,
               gint64      *out_id,
               int         *out_status)
{
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out_id, NULL))
    {
      g_autofree char *shown = display_arg (text);

      *out_status = tend_cli_usage_error (command, "“%s” is not a plan id; “tend-cli handoffs” lists them", shown);
      return FALSE;
    }
  return TRUE;
}

/* Rows are numbered from 1 on the command line, as show prints them. */
static gboolean
parse_row_number (const char  *command,
                  const char  *text,
                  guint       *out_index,
                  int         *out_status)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &number, NULL))
    {
      g_autofree char *shown = display_arg (text);

      *out_status = tend_cli_usage_error (command, "“%s” is not a row number; rows are numbered from 1 "
                                          "as “tend-cli handoff show” prints them", shown);
      return FALSE;
    }
  *out_index = (guint) number - 1;
  return TRUE;
}

static const char *
account_name (const TendBook *book,
              const char     *account_id)
{
  const TendAccount *account = tend_book_find_account (book, account_id);

  return account != NULL ? account->name : NULL;
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

/* handoffs */

static void
print_handoffs_json (const TendBook *book,
                     GArray         *awaiting,
                     GPtrArray      *plans)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "awaiting");
  json_builder_begin_array (b);
  for (guint i = 0; i < awaiting->len; i++)
    {
      const TendHandoffAwaiting *a = &g_array_index (awaiting, TendHandoffAwaiting, i);

      json_builder_begin_object (b);
      tend_cli_json_add_string_or_null (b, "deal_id", a->deal->id);
      tend_cli_json_add_string_or_null (b, "deal_name", a->deal->name);
      tend_cli_json_add_string_or_null (b, "account_id", a->account->id);
      tend_cli_json_add_string_or_null (b, "account_name", a->account->name);
      tend_cli_json_add_string_or_null (b, "rep_id", a->deal->owner_id);
      tend_cli_json_add_string_or_null (b, "rep_name", a->rep_name);
      tend_cli_json_add_int_or_null (b, "amount", a->deal->has_amount, a->deal->amount);
      tend_cli_json_add_string_or_null (b, "currency", a->deal->currency);
      tend_cli_json_add_day (b, "won_date", a->won_date);
      add_int_member (b, "days_since_won", a->days_since_won);
      if (a->plan_id != 0)
        add_id_member (b, "plan_id", a->plan_id);
      else
        tend_cli_json_add_string_or_null (b, "plan_id", NULL);
      tend_cli_json_add_string_or_null (b, "plan_state",
                                        a->plan_id != 0 ? tend_handoff_state_to_string (a->plan_state) : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "plans");
  json_builder_begin_array (b);
  for (guint i = 0; i < plans->len; i++)
    {
      const TendHandoffSummary *s = g_ptr_array_index (plans, i);

      json_builder_begin_object (b);
      add_id_member (b, "plan_id", s->plan_id);
      tend_cli_json_add_string_or_null (b, "account_id", s->account_id);
      tend_cli_json_add_string_or_null (b, "account_name", account_name (book, s->account_id));
      tend_cli_json_add_string_or_null (b, "deal_id", s->deal_id);
      tend_cli_json_add_string_or_null (b, "state", tend_handoff_state_to_string (s->state));
      tend_cli_json_add_string_or_null (b, "updated_at", s->updated_at);
      add_int_member (b, "objectives", s->n_objectives);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  print_builder (b);
}

static void
print_handoffs_table (const TendBook *book,
                      GArray         *awaiting,
                      GPtrArray      *plans)
{
  printf ("Handoffs awaiting (new business won in the last %d days, no accepted plan)\n",
          TEND_HANDOFF_AWAITING_DAYS);
  printf ("%-12s %-28s %-28s %-20s %16s  %-10s %5s  %s\n",
          "DEAL", "DEAL NAME", "ACCOUNT", "REP", "AMOUNT", "WON", "DAYS", "PLAN");
  for (guint i = 0; i < awaiting->len; i++)
    {
      const TendHandoffAwaiting *a = &g_array_index (awaiting, TendHandoffAwaiting, i);
      g_autofree char *amount = a->deal->has_amount ? tend_money_format (a->deal->amount, a->deal->currency)
                                                    : g_strdup ("—");
      g_autofree char *plan = a->plan_id != 0
                              ? g_strdup_printf ("%" G_GINT64_FORMAT " (%s)", a->plan_id,
                                                 tend_handoff_state_to_string (a->plan_state))
                              : g_strdup ("none");
      char won[11];

      tend_day_format (a->won_date, won);
      printf ("%-12.12s %-28.28s %-28.28s %-20.20s %16s  %-10s %5d  %s\n", a->deal->id, or_dash (a->deal->name),
              a->account->name, or_dash (a->rep_name), amount, won, a->days_since_won, plan);
    }
  printf ("\nPlans\n%-6s %-12s %-28s %-12s %-10s %-10s %s\n",
          "ID", "ACCOUNT", "NAME", "DEAL", "STATE", "OBJECTIVES", "UPDATED");
  for (guint i = 0; i < plans->len; i++)
    {
      const TendHandoffSummary *s = g_ptr_array_index (plans, i);

      printf ("%-6" G_GINT64_FORMAT " %-12.12s %-28.28s %-12.12s %-10s %10u %s\n", s->plan_id, s->account_id,
              or_dash (account_name (book, s->account_id)), or_dash (s->deal_id),
              tend_handoff_state_to_string (s->state), s->n_objectives, s->updated_at);
    }
  fprintf (stderr, "%u awaiting, %u plans\n", awaiting->len, plans->len);
}

static int
run_handoffs (TendCli  *cli,
              int       argc,
              char    **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GArray) awaiting = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  GError *error = NULL;
  TendBook *book;
  TendStore *store;
  int status;

  if (!tend_cli_parse_options ("handoffs", "- handoffs awaiting and the handoff plans", entries,
                               &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("handoffs", "unexpected argument “%s”", argv[1]);
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  store = tend_cli_store (cli, NULL);
  if ((awaiting = tend_handoff_awaiting (store, book, cli->as_of, &error)) == NULL ||
      (plans = tend_handoff_list (store, &error)) == NULL)
    return tend_cli_fail (error);

  if (as_json)
    print_handoffs_json (book, awaiting, plans);
  else
    print_handoffs_table (book, awaiting, plans);
  return TEND_CLI_OK;
}

/* handoff show */

static JsonNode *
plan_document (const TendHandoffPlan *plan)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = tend_handoff_plan_to_json (plan);

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    g_return_val_if_reached (NULL);
  return json_node_copy (json_parser_get_root (parser));
}

/* {"plan_id", "account_name", the export document's members..., "issues"} */
static int
print_plan_json (const TendBook        *book,
                 const TendHandoffPlan *plan)
{
  g_autoptr(JsonNode) document = plan_document (plan);
  g_autoptr(GPtrArray) issues = tend_handoff_plan_validate (plan);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonObject *object = json_node_get_object (document);
  g_autoptr(GList) members = json_object_get_members (object);

  json_builder_begin_object (b);
  add_id_member (b, "plan_id", plan->id);
  tend_cli_json_add_string_or_null (b, "account_name", account_name (book, plan->account_id));
  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (object, l->data)));
    }
  add_issues_member (b, issues);
  json_builder_end_object (b);
  return print_builder (b);
}

static void
print_who (const char *label,
           const char *who,
           const char *when)
{
  if (who != NULL)
    printf ("%s: %s, %s\n", label, who, or_dash (when));
}

static void
print_plan_text (const TendBook        *book,
                 const TendHandoffPlan *plan)
{
  g_autoptr(GPtrArray) issues = tend_handoff_plan_validate (plan);

  printf ("Handoff plan %" G_GINT64_FORMAT ": %s (account %s)", plan->id,
          or_dash (account_name (book, plan->account_id)), plan->account_id);
  if (plan->deal_id != NULL)
    printf (", deal %s", plan->deal_id);
  printf ("\nState: %s\n", tend_handoff_state_to_string (plan->state));
  print_who ("Created", plan->created_by, plan->created_at);
  print_who ("Updated", plan->updated_by, plan->updated_at);
  print_who ("Submitted", plan->submitted_by, plan->submitted_at);
  print_who ("Returned", plan->returned_by, plan->returned_at);
  if (plan->return_comment != NULL)
    printf ("Return comment: %s\n", plan->return_comment);
  print_who ("Accepted", plan->accepted_by, plan->accepted_at);
  printf ("Kickoff: %s\nGo-live target: %s\n", or_dash (plan->kickoff_date), or_dash (plan->go_live_target));

  printf ("\nObjectives\n");
  for (guint i = 0; i < plan->objectives->len; i++)
    {
      const TendHandoffObjective *o = g_ptr_array_index (plan->objectives, i);

      printf ("  %u. %s [%s]\n     metric: %s; target: %s by %s\n", i + 1, or_dash (o->objective),
              tend_objective_status_to_string (o->status), or_dash (o->success_metric),
              or_dash (o->target_value), or_dash (o->target_date));
      for (guint j = 0; j < o->progress->len; j++)
        {
          const TendHandoffProgressNote *n = g_ptr_array_index (o->progress, j);

          printf ("     %s %s (%s): %s\n", n->noted_at, tend_objective_status_to_string (n->status),
                  n->noted_by, or_dash (n->note));
        }
    }
  printf ("\nStakeholders\n");
  for (guint i = 0; i < plan->stakeholders->len; i++)
    {
      const TendHandoffStakeholder *s = g_ptr_array_index (plan->stakeholders, i);

      printf ("  %u. %s, %s <%s>%s%s%s\n", i + 1, or_dash (s->name), or_dash (s->role), or_dash (s->email),
              s->is_champion ? " [champion]" : "", s->is_decision_maker ? " [decision maker]" : "",
              s->is_executive_sponsor ? " [executive sponsor]" : "");
    }
  printf ("\nCommitments\n");
  for (guint i = 0; i < plan->commitments->len; i++)
    {
      const TendHandoffCommitment *c = g_ptr_array_index (plan->commitments, i);

      printf ("  %u. %s by %s [%s]\n", i + 1, or_dash (c->what), or_dash (c->due_date),
              tend_commitment_status_to_string (c->status));
    }
  printf ("\nProducts\n");
  for (guint i = 0; i < plan->products->len; i++)
    {
      const TendHandoffProduct *p = g_ptr_array_index (plan->products, i);

      if (p->has_seats)
        printf ("  %u. %s: %" G_GINT64_FORMAT " seats\n", i + 1, or_dash (p->product), p->seats);
      else
        printf ("  %u. %s: — seats\n", i + 1, or_dash (p->product));
    }
  printf ("\nRisks\n");
  for (guint i = 0; i < plan->risks->len; i++)
    printf ("  %u. %s\n", i + 1, or_dash (g_ptr_array_index (plan->risks, i)));
  printf ("\nOnboarding checklist\n");
  for (guint i = 0; i < plan->checklist->len; i++)
    {
      const TendHandoffChecklistItem *item = g_ptr_array_index (plan->checklist, i);

      printf ("  %u. [%s] %s", i + 1, item->is_done ? "x" : " ", or_dash (item->item));
      if (item->is_done)
        printf (" (%s, %s)", or_dash (item->done_by), or_dash (item->done_at));
      printf ("\n");
    }
  if (plan->notes != NULL)
    printf ("\nNotes\n%s\n", plan->notes);
  if (issues->len > 0 && (plan->state == TEND_HANDOFF_DRAFT || plan->state == TEND_HANDOFF_RETURNED))
    {
      printf ("\nTo do before submitting\n");
      for (guint i = 0; i < issues->len; i++)
        {
          const TendHandoffIssue *issue = g_ptr_array_index (issues, i);

          printf ("  %s: %s\n", issue->field, issue->message);
        }
    }
}

static TendHandoffPlan *
load_plan (TendCli     *cli,
           gint64       plan_id,
           TendBook   **out_book,
           GError     **error)
{
  TendBook *book = tend_cli_book (cli, error);

  if (book == NULL)
    return NULL;
  *out_book = book;
  return tend_handoff_load (tend_cli_store (cli, NULL), plan_id, error);
}

static int
run_handoff_show (TendCli  *cli,
                  int       argc,
                  char    **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(TendHandoffPlan) plan = NULL;
  GError *error = NULL;
  TendBook *book = NULL;
  gint64 plan_id;
  int status;

  if (!tend_cli_parse_options ("handoff show", "PLAN_ID - show a handoff plan", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff show", "expected one PLAN_ID");
  if (!parse_plan_id ("handoff show", argv[2], &plan_id, &status))
    return status;
  if ((plan = load_plan (cli, plan_id, &book, &error)) == NULL)
    return tend_cli_fail (error);
  if (as_json)
    return print_plan_json (book, plan);
  print_plan_text (book, plan);
  return TEND_CLI_OK;
}

/* handoff create */

static int
run_handoff_create (TendCli  *cli,
                    int       argc,
                    char    **argv)
{
  g_autofree char *deal = NULL, *account = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "deal", 0, 0, G_OPTION_ARG_STRING, &deal, "The won deal it comes from", "DEAL_ID" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, "The account, when there is no deal", "ACCOUNT_ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the new plan as JSON", NULL },
    { NULL }
  };
  g_autoptr(GSettings) gsettings = NULL;
  g_autoptr(TendHandoffPlan) plan = NULL;
  TendSettings settings = { 0 };
  GError *error = NULL;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("handoff create", "- start a draft handoff plan", entries, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return tend_cli_usage_error ("handoff create", "unexpected argument “%s”", argv[2]);
  if (deal == NULL && account == NULL)
    return tend_cli_usage_error ("handoff create", "--deal DEAL_ID or --account ACCOUNT_ID is required");
  if ((deal != NULL && !check_crm_id ("handoff create", "--deal", deal, &status)) ||
      (account != NULL && !check_crm_id ("handoff create", "--account", account, &status)))
    return status;
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);

  gsettings = tend_settings_new_gsettings ();
  tend_settings_load (&settings, gsettings);
  plan = tend_handoff_create (tend_cli_store (cli, NULL), book, &settings, deal, account, &error);
  tend_settings_clear (&settings);
  if (plan == NULL)
    return tend_cli_fail (error);
  if (as_json)
    return print_plan_json (book, plan);
  printf ("%" G_GINT64_FORMAT "\n", plan->id);
  return TEND_CLI_OK;
}

/* handoff export and import */

static int
run_handoff_export (TendCli  *cli,
                    int       argc,
                    char    **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE instead of standard output", "FILE" },
    { NULL }
  };
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autofree char *json = NULL;
  GError *error = NULL;
  TendBook *book = NULL;
  gint64 plan_id;
  int status;

  if (!tend_cli_parse_options ("handoff export", "PLAN_ID - write a plan as JSON", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff export", "expected one PLAN_ID");
  if (!parse_plan_id ("handoff export", argv[2], &plan_id, &status))
    return status;
  if (output != NULL && *output == '\0')
    return tend_cli_usage_error ("handoff export", "--output needs a file name");
  if ((plan = load_plan (cli, plan_id, &book, &error)) == NULL)
    return tend_cli_fail (error);
  json = tend_handoff_plan_to_json (plan);
  if (output == NULL)
    {
      fputs (json, stdout);
      return TEND_CLI_OK;
    }
  if (!g_file_set_contents (output, json, -1, &error))
    {
      g_autofree char *shown = display_arg (output);

      fprintf (stderr, "tend-cli handoff export: cannot write %s (%s); choose a folder you can write to\n",
               shown, file_error_reason (error));
      g_error_free (error);
      return TEND_CLI_FAILURE;
    }
  fprintf (stderr, "Wrote handoff plan %" G_GINT64_FORMAT " to %s\n", plan_id, output);
  return TEND_CLI_OK;
}

static int
run_handoff_import (TendCli  *cli,
                    int       argc,
                    char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autofree char *json = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) read_error = NULL;
  GError *error = NULL;
  TendBook *book;
  gint64 plan_id;
  int status;

  if (!tend_cli_parse_options ("handoff import", "FILE - create or replace a plan from JSON",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff import", "expected one FILE (“-” for standard input)");
  shown = display_arg (argv[2]);
  if (g_str_equal (argv[2], "-"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buf[4096];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len (text, buf, n);
      json = g_string_free (g_steal_pointer (&text), FALSE);
    }
  else if (!g_file_get_contents (argv[2], &json, NULL, &read_error))
    return tend_cli_usage_error ("handoff import", "cannot read %s: %s", shown,
                                 file_error_reason (read_error));
  if (!g_utf8_validate (json, -1, NULL))
    return tend_cli_usage_error ("handoff import", "%s is not UTF-8 text", shown);

  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  plan_id = tend_handoff_import (tend_cli_store (cli, NULL), book, json, &error);
  if (plan_id == 0)
    {
      g_prefix_error (&error, "%s: ", shown);
      return tend_cli_fail (error);
    }
  printf ("%" G_GINT64_FORMAT "\n", plan_id);
  return TEND_CLI_OK;
}

/* handoff submit, accept, return and validate */

static int
run_handoff_submit (TendCli  *cli,
                    int       argc,
                    char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GPtrArray) issues = NULL;
  GError *error = NULL;
  TendStore *store;
  gint64 plan_id;
  int status;

  if (!tend_cli_parse_options ("handoff submit", "PLAN_ID - hand a plan to the CSM", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff submit", "expected one PLAN_ID");
  if (!parse_plan_id ("handoff submit", argv[2], &plan_id, &status))
    return status;
  if ((store = tend_cli_store (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if (!tend_handoff_submit (store, plan_id, &issues, &error))
    {
      /* An incomplete plan is refused, not a mistake on the command line. */
      if (issues != NULL)
        {
          fprintf (stderr, "tend-cli: %s; “tend-cli handoff validate %" G_GINT64_FORMAT "” lists them all\n",
                   error->message, plan_id);
          g_error_free (error);
          return TEND_CLI_FAILURE;
        }
      return tend_cli_fail (error);
    }
  fprintf (stderr, "Handoff plan %" G_GINT64_FORMAT " is submitted\n", plan_id);
  return TEND_CLI_OK;
}

static int
run_handoff_accept (TendCli  *cli,
                    int       argc,
                    char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  GError *error = NULL;
  TendStore *store;
  gint64 plan_id;
  int status;

  if (!tend_cli_parse_options ("handoff accept", "PLAN_ID - accept a submitted plan", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff accept", "expected one PLAN_ID");
  if (!parse_plan_id ("handoff accept", argv[2], &plan_id, &status))
    return status;
  if ((store = tend_cli_store (cli, &error)) == NULL ||
      !tend_handoff_accept (store, plan_id, &error))
    return tend_cli_fail (error);
  fprintf (stderr, "Handoff plan %" G_GINT64_FORMAT " is accepted\n", plan_id);
  return TEND_CLI_OK;
}

static int
run_handoff_return (TendCli  *cli,
                    int       argc,
                    char    **argv)
{
  g_autofree char *comment = NULL;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, "What the sales rep should change", "TEXT" },
    { NULL }
  };
  GError *error = NULL;
  TendStore *store;
  gint64 plan_id;
  int status;

  if (!tend_cli_parse_options ("handoff return", "PLAN_ID --comment TEXT - return a plan to the sales rep",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff return", "expected one PLAN_ID");
  if (!parse_plan_id ("handoff return", argv[2], &plan_id, &status))
    return status;
  if (comment == NULL)
    return tend_cli_usage_error ("handoff return", "--comment TEXT is required: say what to change");
  if ((store = tend_cli_store (cli, &error)) == NULL ||
      !tend_handoff_return (store, plan_id, comment, &error))
    return tend_cli_fail (error);
  fprintf (stderr, "Handoff plan %" G_GINT64_FORMAT " is returned to the sales rep\n", plan_id);
  return TEND_CLI_OK;
}

static int
run_handoff_validate (TendCli  *cli,
                      int       argc,
                      char    **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  GError *error = NULL;
  TendBook *book = NULL;
  gint64 plan_id;
  int status;

  if (!tend_cli_parse_options ("handoff validate", "PLAN_ID - list what stops a plan from being submitted",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff validate", "expected one PLAN_ID");
  if (!parse_plan_id ("handoff validate", argv[2], &plan_id, &status))
    return status;
  if ((plan = load_plan (cli, plan_id, &book, &error)) == NULL)
    return tend_cli_fail (error);
  issues = tend_handoff_plan_validate (plan);
  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_id_member (b, "plan_id", plan_id);
      json_builder_set_member_name (b, "is_valid");
      json_builder_add_boolean_value (b, issues->len == 0);
      add_issues_member (b, issues);
      json_builder_end_object (b);
      print_builder (b);
    }
  else
    for (guint i = 0; i < issues->len; i++)
      {
        const TendHandoffIssue *issue = g_ptr_array_index (issues, i);

        printf ("%s: %s\n", issue->field, issue->message);
      }
  if (issues->len > 0)
    {
      fprintf (stderr, "tend-cli: handoff plan %" G_GINT64_FORMAT " has %u problems to fix before it is submitted\n",
               plan_id, issues->len);
      return TEND_CLI_FAILURE;
    }
  return TEND_CLI_OK;
}

/* handoff checklist and commitment: onboarding work on an accepted plan */

static int
run_handoff_checklist (TendCli  *cli,
                       int       argc,
                       char    **argv)
{
  gboolean undo = FALSE;
  GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, "Mark the item as not done", NULL },
    { NULL }
  };
  GError *error = NULL;
  TendStore *store;
  gint64 plan_id;
  guint index;
  int status;

  if (!tend_cli_parse_options ("handoff checklist", "PLAN_ID ITEM - tick an onboarding checklist item",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 4)
    return tend_cli_usage_error ("handoff checklist", "expected PLAN_ID and ITEM (numbered from 1)");
  if (!parse_plan_id ("handoff checklist", argv[2], &plan_id, &status) ||
      !parse_row_number ("handoff checklist", argv[3], &index, &status))
    return status;
  if ((store = tend_cli_store (cli, &error)) == NULL ||
      !tend_handoff_set_checklist_done (store, plan_id, index, !undo, &error))
    return tend_cli_fail (error);
  return TEND_CLI_OK;
}

static int
run_handoff_commitment (TendCli  *cli,
                        int       argc,
                        char    **argv)
{
  g_autofree char *status_word = NULL;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_word, "pending, delivered, at_risk or missed", "STATUS" },
    { NULL }
  };
  TendCommitmentStatus commitment_status;
  GError *error = NULL;
  TendStore *store;
  gint64 plan_id;
  guint index;
  int status;

  if (!tend_cli_parse_options ("handoff commitment", "PLAN_ID INDEX --status STATUS - review a commitment's delivery",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 4)
    return tend_cli_usage_error ("handoff commitment", "expected PLAN_ID and INDEX (numbered from 1)");
  if (!parse_plan_id ("handoff commitment", argv[2], &plan_id, &status) ||
      !parse_row_number ("handoff commitment", argv[3], &index, &status))
    return status;
  if (status_word == NULL)
    return tend_cli_usage_error ("handoff commitment", "--status is required");
  commitment_status = tend_commitment_status_from_string (status_word);
  if ((int) commitment_status < 0)
    {
      g_autofree char *shown = display_arg (status_word);

      return tend_cli_usage_error ("handoff commitment", "--status: unknown status “%s”; "
                                   "expected pending, delivered, at_risk or missed", shown);
    }
  if ((store = tend_cli_store (cli, &error)) == NULL ||
      !tend_handoff_review_commitment (store, plan_id, index, commitment_status, &error))
    return tend_cli_fail (error);
  return TEND_CLI_OK;
}

/* handoff success-plan */

static int
run_handoff_success_plan (TendCli  *cli,
                          int       argc,
                          char    **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) objectives = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  GError *error = NULL;
  const TendAccount *account;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("handoff success-plan", "ACCOUNT_ID - an account's success plan",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff success-plan", "expected one ACCOUNT_ID");
  if (!check_crm_id ("handoff success-plan", "ACCOUNT_ID", argv[2], &status))
    return status;
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if ((account = tend_book_find_account (book, argv[2])) == NULL)
    return tend_cli_usage_error ("handoff success-plan", "no account with id “%s” in the workspace; "
                                 "“tend-cli accounts” lists them", argv[2]);
  objectives = tend_handoff_success_plan_for_account (tend_cli_store (cli, NULL), account->id, &error);
  if (objectives == NULL)
    return tend_cli_fail (error);

  if (!as_json)
    {
      printf ("Success plan of %s: %u objectives\n", account->name, objectives->len);
      for (guint i = 0; i < objectives->len; i++)
        {
          const TendHandoffObjective *o = g_ptr_array_index (objectives, i);
          const TendHandoffProgressNote *last = o->progress->len > 0
                                                ? g_ptr_array_index (o->progress, o->progress->len - 1) : NULL;

          printf ("  %u. %s [%s]: %s, target %s by %s%s%s\n", i + 1, or_dash (o->objective),
                  tend_objective_status_to_string (o->status), or_dash (o->success_metric),
                  or_dash (o->target_value), or_dash (o->target_date),
                  last != NULL && last->note != NULL ? "; latest note: " : "",
                  last != NULL && last->note != NULL ? last->note : "");
        }
      return TEND_CLI_OK;
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  tend_cli_json_add_string_or_null (b, "account_id", account->id);
  tend_cli_json_add_string_or_null (b, "account_name", account->name);
  json_builder_set_member_name (b, "objectives");
  json_builder_begin_array (b);
  for (guint i = 0; i < objectives->len; i++)
    {
      const TendHandoffObjective *o = g_ptr_array_index (objectives, i);

      json_builder_begin_object (b);
      tend_cli_json_add_string_or_null (b, "objective", o->objective);
      tend_cli_json_add_string_or_null (b, "success_metric", o->success_metric);
      tend_cli_json_add_string_or_null (b, "target_value", o->target_value);
      tend_cli_json_add_string_or_null (b, "target_date", o->target_date);
      tend_cli_json_add_string_or_null (b, "status", tend_objective_status_to_string (o->status));
      json_builder_set_member_name (b, "progress");
      json_builder_begin_array (b);
      for (guint j = 0; j < o->progress->len; j++)
        {
          const TendHandoffProgressNote *n = g_ptr_array_index (o->progress, j);

          json_builder_begin_object (b);
          tend_cli_json_add_string_or_null (b, "note", n->note);
          tend_cli_json_add_string_or_null (b, "status", tend_objective_status_to_string (n->status));
          tend_cli_json_add_string_or_null (b, "noted_by", n->noted_by);
          tend_cli_json_add_string_or_null (b, "noted_at", n->noted_at);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return print_builder (b);
}

/* handoff pdf: the kickoff document, as the window's Export PDF… writes it */

static int
run_handoff_pdf (TendCli  *cli,
                 int       argc,
                 char    **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The PDF file to write", "FILE" },
    { NULL }
  };
  g_autoptr(TendHandoffPlan) plan = NULL;
  TendHandoffPdfNames names = { NULL };
  GError *error = NULL;
  TendBook *book = NULL;
  gint64 plan_id;
  int status;

  if (!tend_cli_parse_options ("handoff pdf", "PLAN_ID --output FILE - write the plan as a kickoff PDF",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("handoff pdf", "expected one PLAN_ID");
  if (!parse_plan_id ("handoff pdf", argv[2], &plan_id, &status))
    return status;
  if (output == NULL || *output == '\0')
    return tend_cli_usage_error ("handoff pdf", "--output FILE is required");
  if ((plan = load_plan (cli, plan_id, &book, &error)) == NULL)
    return tend_cli_fail (error);
  names.account_name = account_name (book, plan->account_id);
  if (plan->deal_id != NULL)
    {
      for (guint i = 0; i < book->n_deals; i++)
        if (g_strcmp0 (book->deals[i].id, plan->deal_id) == 0)
          {
            names.deal_name = book->deals[i].name;
            names.rep_name = tend_book_owner_name (book, book->deals[i].owner_id);
            break;
          }
    }
  if (!tend_handoff_pdf_save (plan, &names, TEND_PAPER_A4, output, &error))
    {
      g_autofree char *shown = display_arg (output);

      fprintf (stderr, "tend-cli handoff pdf: cannot write %s; choose a folder you can write to\n", shown);
      g_error_free (error);
      return TEND_CLI_FAILURE;
    }
  fprintf (stderr, "Wrote the kickoff PDF of handoff plan %" G_GINT64_FORMAT " to %s\n", plan_id, output);
  return TEND_CLI_OK;
}

static const struct {
  const char         *name;
  TendCliCommandFunc  run;
} handoff_subcommands[] = {
  { "create", run_handoff_create },
  { "show", run_handoff_show },
  { "export", run_handoff_export },
  { "import", run_handoff_import },
  { "submit", run_handoff_submit },
  { "accept", run_handoff_accept },
  { "return", run_handoff_return },
  { "validate", run_handoff_validate },
  { "checklist", run_handoff_checklist },
  { "commitment", run_handoff_commitment },
  { "success-plan", run_handoff_success_plan },
  { "pdf", run_handoff_pdf },
};

static int
run_handoff (TendCli  *cli,
             int       argc,
             char    **argv)
{
  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (handoff_subcommands); i++)
    if (g_str_equal (argv[1], handoff_subcommands[i].name))
      return handoff_subcommands[i].run (cli, argc, argv);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("Usage:\n"
              "  tend-cli handoff create (--deal DEAL_ID | --account ACCOUNT_ID) [--json]\n"
              "  tend-cli handoff show PLAN_ID [--json]\n"
              "  tend-cli handoff export PLAN_ID [--output FILE]\n"
              "  tend-cli handoff import FILE|-\n"
              "  tend-cli handoff validate PLAN_ID [--json]\n"
              "  tend-cli handoff submit PLAN_ID\n"
              "  tend-cli handoff accept PLAN_ID\n"
              "  tend-cli handoff return PLAN_ID --comment TEXT\n"
              "  tend-cli handoff checklist PLAN_ID ITEM [--undo]\n"
              "  tend-cli handoff commitment PLAN_ID INDEX --status pending|delivered|at_risk|missed\n"
              "  tend-cli handoff success-plan ACCOUNT_ID [--json]\n"
              "  tend-cli handoff pdf PLAN_ID --output FILE\n"
              "Rows (ITEM, INDEX) are numbered from 1, as “handoff show” prints them.\n");
      return TEND_CLI_OK;
    }
  return tend_cli_usage_error ("handoff", "expected create, show, export, import, validate, submit, accept, "
                               "return, checklist, commitment, success-plan or pdf; see tend-cli handoff --help");
}

/* objective update */

static int
run_objective_update (TendCli  *cli,
                      int       argc,
                      char    **argv)
{
  g_autofree char *status_word = NULL, *note = NULL;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_word, "not_started, on_track, at_risk or achieved", "STATUS" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "A progress note", "TEXT" },
    { NULL }
  };
  g_autoptr(TendHandoffPlan) plan = NULL;
  TendObjectiveStatus objective_status;
  GError *error = NULL;
  TendStore *store;
  gint64 plan_id;
  guint index;
  int status;

  if (!tend_cli_parse_options ("objective update", "PLAN_ID INDEX [--status STATUS] [--note TEXT] "
                               "- record success-plan progress", entries, &argc, &argv, &status))
    return status;
  if (argc != 4)
    return tend_cli_usage_error ("objective update", "expected PLAN_ID and INDEX (numbered from 1)");
  if (!parse_plan_id ("objective update", argv[2], &plan_id, &status) ||
      !parse_row_number ("objective update", argv[3], &index, &status))
    return status;
  if (status_word == NULL && note == NULL)
    return tend_cli_usage_error ("objective update", "--status or --note is required");
  if ((store = tend_cli_store (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if (status_word != NULL)
    {
      objective_status = tend_objective_status_from_string (status_word);
      if ((int) objective_status < 0)
        {
          g_autofree char *shown = display_arg (status_word);

          return tend_cli_usage_error ("objective update", "--status: unknown status “%s”; "
                                       "expected not_started, on_track, at_risk or achieved", shown);
        }
    }
  else
    {
      /* A note alone keeps the objective's status. */
      if ((plan = tend_handoff_load (store, plan_id, &error)) == NULL)
        return tend_cli_fail (error);
      objective_status = index < plan->objectives->len
                         ? ((TendHandoffObjective *) g_ptr_array_index (plan->objectives, index))->status
                         : TEND_OBJECTIVE_NOT_STARTED;
    }
  if (!tend_handoff_update_objective (store, plan_id, index, objective_status, note, &error))
    return tend_cli_fail (error);
  return TEND_CLI_OK;
}

static int
run_objective (TendCli  *cli,
               int       argc,
               char    **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "update"))
    return run_objective_update (cli, argc, argv);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("Usage:\n"
              "  tend-cli objective update PLAN_ID INDEX [--status not_started|on_track|at_risk|achieved]\n"
              "      [--note TEXT]\n"
              "INDEX is the objective's number from 1, as “handoff show” prints it.\n");
      return TEND_CLI_OK;
    }
  return tend_cli_usage_error ("objective", "expected “update”; see tend-cli objective --help");
}

const TendCliCommand tend_cli_handoffs_commands[] = {
  { "handoffs", "Handoffs awaiting and the handoff plans [--json]", run_handoffs },
  { "handoff", "Work on a handoff plan: create|show|export|import|validate|submit|accept|return|...", run_handoff },
  { "objective", "Record success-plan progress: update PLAN_ID INDEX --status S [--note TEXT]", run_objective },
  { NULL }
};
