// Tests of handoff plans: states, validation, awaiting, autosave, JSON, CLI.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "tend-book.h"
#include "tend-error.h"
#include "tend-handoff.h"
#include "tend-settings.h"
#include "tend-store.h"

/* As-of day of every test: 2026-03-01. D-60 is 2025-12-31, D-59 2026-01-01. */
#define AS_OF "2026-03-01"

static const char mirror_sql[] =
  "INSERT INTO owners (id, name) VALUES ('77', 'Rita Rep'), ('78', 'Sid Seller');"
  "INSERT INTO accounts (id, name, currency) VALUES "
  "  ('9001', 'Acme', 'USD'), ('9002', 'Globex', 'EUR'), ('9003', 'Initech', 'USD'),"
  "  ('9004', 'Umbrella', 'USD'), ('9005', 'Hooli', 'USD'), ('9006', 'Stark', 'USD');"
  "INSERT INTO deals (id, account_id, name, category, amount, currency, status, close_date, owner_id) VALUES "
  "  ('5001', '9001', 'Acme platform', 'new', 1200000, 'USD', 'won', '2026-02-01', '77'),"
  "  ('5002', '9002', 'Globex day 60', 'new', 500000, 'EUR', 'won', '2025-12-31', '77'),"
  "  ('5003', '9003', 'Initech day 59', 'new', 700000, 'USD', 'won', '2026-01-01', '78'),"
  "  ('5004', '9004', 'Umbrella today', 'new', NULL, 'USD', 'won', '2026-03-01', '78'),"
  "  ('5005', '9004', 'Umbrella tomorrow', 'new', 100, 'USD', 'won', '2026-03-02', '78'),"
  "  ('5006', '9005', 'Hooli renewal', 'renewal', 100, 'USD', 'won', '2026-02-10', '77'),"
  "  ('5007', '9005', 'Hooli lost', 'new', 100, 'USD', 'lost', '2026-02-10', '77'),"
  "  ('5008', '9005', 'Hooli open', 'new', 100, 'USD', 'open', '2026-02-10', '77'),"
  "  ('5009', '9006', 'Stark platform', 'new', 900000, 'USD', 'won', '2026-02-15', '77'),"
  "  ('5010', NULL, 'Orphan', 'new', 100, 'USD', 'won', '2026-02-15', '77');";

typedef struct {
  char      *dir;
  char      *path;
  TendStore *store;
  TendBook  *book;
} Fixture;

static TendDay
day (const char *text)
{
  TendDay d = TEND_DAY_NONE;

  g_assert_true (tend_day_parse (text, &d, NULL));
  return d;
}

static void
load_mirror (TendStore  *store,
             TendBook  **book)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_exec (store, mirror_sql, &error));
  g_assert_no_error (error);
  *book = tend_book_load (store, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tend-handoffs-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "ws.db", NULL);
  f->store = tend_store_open (f->path, &error);
  g_assert_no_error (error);
  load_mirror (f->store, &f->book);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_pointer (&f->book, tend_book_free);
  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
query_int (TendStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
query_text (TendStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

/* Everything the handoffs module owns, plus the audit log, as text: equal
 * before and after means nothing was written. */
static char *
dump_handoffs (TendStore *store)
{
  static const char * const tables[] = {
    "handoff_plans", "handoff_objectives", "handoff_progress_notes", "handoff_stakeholders",
    "handoff_commitments", "handoff_products", "handoff_risks", "handoff_checklist", "audit_log",
  };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "NULL");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

static TendHandoffPlan *
create_plan (Fixture    *f,
             const char *deal_id)
{
  g_autoptr(GError) error = NULL;
  TendSettings settings = { 0 };
  TendHandoffPlan *plan;

  tend_settings_init_defaults (&settings);
  plan = tend_handoff_create (f->store, f->book, &settings, deal_id, NULL, &error);
  tend_settings_clear (&settings);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* Fills every field a submission needs. */
static void
complete_plan (TendHandoffPlan *plan)
{
  TendHandoffObjective *o;
  TendHandoffStakeholder *s;
  TendHandoffCommitment *c;
  TendHandoffProduct *p;

  tend_handoff_set_text (&plan->kickoff_date, "2026-03-10");
  tend_handoff_set_text (&plan->go_live_target, "2026-05-01");
  tend_handoff_set_text (&plan->notes, "Signed after a two-week pilot.\nCFO cares about cost.");
  o = tend_handoff_plan_add_objective (plan);
  o->objective = g_strdup ("Cut onboarding time for new hires");
  o->success_metric = g_strdup ("Days from hire to first shift");
  o->target_value = g_strdup ("5 days");
  o->target_date = g_strdup ("2026-06-30");
  o = tend_handoff_plan_add_objective (plan);
  o->objective = g_strdup ("Replace spreadsheets");
  o->success_metric = g_strdup ("Share of rosters made in the app");
  o->target_value = g_strdup ("90%");
  s = tend_handoff_plan_add_stakeholder (plan);
  s->name = g_strdup ("Jane Doe");
  s->role = g_strdup ("VP Operations");
  s->email = g_strdup ("jane@acme.example");
  s->is_champion = TRUE;
  s->is_decision_maker = TRUE;
  s = tend_handoff_plan_add_stakeholder (plan);
  s->name = g_strdup ("Carl CFO");
  s->is_executive_sponsor = TRUE;
  c = tend_handoff_plan_add_commitment (plan);
  c->what = g_strdup ("SSO with Okta");
  c->due_date = g_strdup ("2026-04-01");
  p = tend_handoff_plan_add_product (plan);
  p->product = g_strdup ("Scheduling");
  p->has_seats = TRUE;
  p->seats = 250;
  tend_handoff_plan_add_risk (plan, "IT team is busy with a migration");
}

static gint64
complete_and_submit (Fixture    *f,
                     const char *deal_id)
{
  g_autoptr(TendHandoffPlan) plan = create_plan (f, deal_id);
  g_autoptr(GError) error = NULL;

  complete_plan (plan);
  g_assert_true (tend_handoff_save (f->store, plan, &error));
  g_assert_no_error (error);
  g_assert_true (tend_handoff_submit (f->store, plan->id, NULL, &error));
  g_assert_no_error (error);
  return plan->id;
}

static TendHandoffState
stored_state (Fixture *f,
              gint64   plan_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendHandoffPlan) plan = tend_handoff_load (f->store, plan_id, &error);

  g_assert_no_error (error);
  return plan->state;
}

static void
test_state_machine (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) plan = create_plan (f, "5001");
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (plan->state, ==, TEND_HANDOFF_DRAFT);
  g_assert_cmpstr (plan->account_id, ==, "9001");
  g_assert_cmpstr (plan->deal_id, ==, "5001");
  g_assert_cmpuint (plan->checklist->len, ==, 7);

  /* One plan per account. */
  g_assert_null (tend_handoff_create (f->store, f->book, NULL, NULL, "9001", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);

  /* No accept (or return) before submit; nothing is written. */
  before = dump_handoffs (f->store);
  g_assert_false (tend_handoff_accept (f->store, plan->id, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "draft"));
  g_clear_error (&error);
  g_assert_false (tend_handoff_return (f->store, plan->id, "Needs more", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);

  /* An incomplete plan is not submitted. */
  g_assert_false (tend_handoff_submit (f->store, plan->id, &issues, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_assert_nonnull (issues);
  g_assert_nonnull (tend_handoff_issues_lookup (issues, "objectives"));
  g_clear_error (&error);
  after = dump_handoffs (f->store);
  g_assert_cmpstr (before, ==, after);

  complete_plan (plan);
  g_assert_true (tend_handoff_save (f->store, plan, &error));
  g_assert_no_error (error);
  g_assert_true (tend_handoff_submit (f->store, plan->id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_state (f, plan->id), ==, TEND_HANDOFF_SUBMITTED);

  /* Submitted: no second submit, no edits. */
  g_assert_false (tend_handoff_submit (f->store, plan->id, NULL, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);
  tend_handoff_set_text (&plan->notes, "Changed while submitted");
  g_assert_false (tend_handoff_save (f->store, plan, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);

  /* Return needs a comment. */
  g_assert_false (tend_handoff_return (f->store, plan->id, NULL, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tend_handoff_return (f->store, plan->id, "  \n ", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (stored_state (f, plan->id), ==, TEND_HANDOFF_SUBMITTED);
  g_assert_true (tend_handoff_return (f->store, plan->id, "Add the IT contact as a stakeholder", &error));
  g_assert_no_error (error);

  /* Returned: not accepted; edited and submitted again. */
  {
    g_autoptr(TendHandoffPlan) returned = tend_handoff_load (f->store, plan->id, &error);
    TendHandoffStakeholder *s;

    g_assert_no_error (error);
    g_assert_cmpint (returned->state, ==, TEND_HANDOFF_RETURNED);
    g_assert_cmpstr (returned->return_comment, ==, "Add the IT contact as a stakeholder");
    g_assert_cmpstr (returned->returned_by, ==, "Test Runner");
    g_assert_false (tend_handoff_accept (f->store, plan->id, &error));
    g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
    g_clear_error (&error);

    s = tend_handoff_plan_add_stakeholder (returned);
    s->name = g_strdup ("Ivan IT");
    s->email = g_strdup ("ivan@acme.example");
    g_assert_true (tend_handoff_save (f->store, returned, &error));
    g_assert_no_error (error);
    g_assert_cmpint (returned->state, ==, TEND_HANDOFF_RETURNED);
    g_assert_true (tend_handoff_submit (f->store, plan->id, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_true (tend_handoff_accept (f->store, plan->id, &error));
  g_assert_no_error (error);

  /* Accepted is final. */
  {
    g_autoptr(TendHandoffPlan) accepted = tend_handoff_load (f->store, plan->id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (accepted->state, ==, TEND_HANDOFF_ACCEPTED);
    g_assert_cmpstr (accepted->accepted_by, ==, "Test Runner");
    g_assert_nonnull (accepted->accepted_at);
    g_assert_cmpuint (accepted->stakeholders->len, ==, 3);
    g_clear_pointer (&before, g_free);
    before = dump_handoffs (f->store);
    tend_handoff_set_text (&accepted->notes, "Rewrite history");
    g_assert_false (tend_handoff_save (f->store, accepted, &error));
    g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
    g_assert_nonnull (strstr (error->message, "final"));
    g_clear_error (&error);
    g_assert_false (tend_handoff_return (f->store, plan->id, "Too late", &error));
    g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
    g_clear_error (&error);
    g_assert_false (tend_handoff_submit (f->store, plan->id, NULL, &error));
    g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
    g_clear_error (&error);
    g_assert_false (tend_handoff_accept (f->store, plan->id, &error));
    g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
    g_clear_error (&error);
    g_clear_pointer (&after, g_free);
    after = dump_handoffs (f->store);
    g_assert_cmpstr (before, ==, after);
  }

  g_assert_null (tend_handoff_load (f->store, 999, &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
}

static void
test_audit_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) plan = create_plan (f, "5001");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *return_detail = NULL;

  complete_plan (plan);
  g_assert_true (tend_handoff_save (f->store, plan, &error));
  /* An autosave of an unchanged plan writes nothing. */
  g_assert_true (tend_handoff_save (f->store, plan, &error));
  g_assert_true (tend_handoff_submit (f->store, plan->id, NULL, &error));
  g_assert_true (tend_handoff_return (f->store, plan->id, "Add the IT contact", &error));
  g_assert_true (tend_handoff_submit (f->store, plan->id, NULL, &error));
  g_assert_true (tend_handoff_accept (f->store, plan->id, &error));
  g_assert_true (tend_handoff_update_objective (f->store, plan->id, 0, TEND_OBJECTIVE_ON_TRACK, "Kickoff done", &error));
  g_assert_true (tend_handoff_set_checklist_done (f->store, plan->id, 0, TRUE, &error));
  g_assert_true (tend_handoff_review_commitment (f->store, plan->id, 0, TEND_COMMITMENT_DELIVERED, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT group_concat (action, ',') FROM (SELECT action FROM audit_log "
                         "WHERE entity = 'handoff' AND entity_id = '%" G_GINT64_FORMAT "' ORDER BY id)",
                         plan->id);
  actions = query_text (f->store, sql);
  g_assert_cmpstr (actions, ==, "create,save,submit,return,submit,accept,objective_progress,checklist,commitment_review");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'handoff' AND "
                                        "(actor <> 'Test Runner' OR at NOT LIKE '20__-__-__T__:__:__Z')"), ==, 0);
  return_detail = query_text (f->store, "SELECT detail FROM audit_log WHERE action = 'return'");
  g_assert_nonnull (strstr (return_detail, "\"from\":\"submitted\""));
  g_assert_nonnull (strstr (return_detail, "\"comment\":\"Add the IT contact\""));
  /* A save's detail is the plan as saved, so the history can be replayed. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE action = 'save' "
                                        "AND detail LIKE '%Cut onboarding time%'"), ==, 1);
}

static const TendHandoffAwaiting *
find_awaiting (GArray     *rows,
               const char *deal_id)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const TendHandoffAwaiting *a = &g_array_index (rows, TendHandoffAwaiting, i);

      if (g_strcmp0 (a->deal->id, deal_id) == 0)
        return a;
    }
  return NULL;
}

static void
test_awaiting (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = tend_handoff_awaiting (f->store, f->book, day (AS_OF), &error);
  g_autoptr(GArray) later = NULL;
  g_autoptr(TendHandoffPlan) draft = NULL;
  const TendHandoffAwaiting *a;
  gint64 stark;

  g_assert_no_error (error);
  /* D-59, D-28, D-14 and D are in, oldest win first; D-60, D+1, renewal,
   * lost, open and unlinked deals are out. */
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (g_array_index (rows, TendHandoffAwaiting, 0).deal->id, ==, "5003");
  g_assert_cmpstr (g_array_index (rows, TendHandoffAwaiting, 1).deal->id, ==, "5001");
  g_assert_cmpstr (g_array_index (rows, TendHandoffAwaiting, 2).deal->id, ==, "5009");
  g_assert_cmpstr (g_array_index (rows, TendHandoffAwaiting, 3).deal->id, ==, "5004");
  g_assert_null (find_awaiting (rows, "5002"));
  g_assert_null (find_awaiting (rows, "5005"));
  a = find_awaiting (rows, "5003");
  g_assert_cmpint (a->days_since_won, ==, 59);
  g_assert_cmpstr (a->account->name, ==, "Initech");
  g_assert_cmpstr (a->rep_name, ==, "Sid Seller");
  g_assert_cmpint (a->plan_id, ==, 0);
  g_assert_cmpint (find_awaiting (rows, "5004")->days_since_won, ==, 0);
  g_clear_pointer (&rows, g_array_unref);

  /* A draft leaves the deal awaiting (with the plan); an accepted plan
   * takes it out. */
  draft = create_plan (f, "5001");
  stark = complete_and_submit (f, "5009");
  rows = tend_handoff_awaiting (f->store, f->book, day (AS_OF), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpint (find_awaiting (rows, "5001")->plan_id, ==, draft->id);
  g_assert_cmpint (find_awaiting (rows, "5001")->plan_state, ==, TEND_HANDOFF_DRAFT);
  g_assert_cmpint (find_awaiting (rows, "5009")->plan_state, ==, TEND_HANDOFF_SUBMITTED);
  g_assert_true (tend_handoff_accept (f->store, stark, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_array_unref);
  rows = tend_handoff_awaiting (f->store, f->book, day (AS_OF), &error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_null (find_awaiting (rows, "5009"));
  g_assert_nonnull (find_awaiting (rows, "5001"));

  /* A day later the D-59 deal is 60 days old and drops out. */
  later = tend_handoff_awaiting (f->store, f->book, day ("2026-03-02"), &error);
  g_assert_null (find_awaiting (later, "5003"));
  g_assert_nonnull (find_awaiting (later, "5005"));
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) plan = tend_handoff_plan_new ();
  g_autoptr(GPtrArray) issues = NULL;
  TendHandoffObjective *o;
  TendHandoffStakeholder *s;
  TendHandoffCommitment *c;
  TendHandoffProduct *p;

  issues = tend_handoff_plan_validate (plan);
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "objectives"), ==, "Add at least one customer objective");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "kickoff_date"), ==, "Set the kickoff date");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "go_live_target"), ==, "Set the go-live target");
  g_clear_pointer (&issues, g_ptr_array_unref);

  complete_plan (plan);
  issues = tend_handoff_plan_validate (plan);
  g_assert_cmpuint (issues->len, ==, 0);
  g_clear_pointer (&issues, g_ptr_array_unref);

  tend_handoff_set_text (&plan->go_live_target, "2026-03-09");
  o = g_ptr_array_index (plan->objectives, 0);
  tend_handoff_set_text (&o->objective, "   ");
  g_clear_pointer (&o->success_metric, g_free);
  tend_handoff_set_text (&o->target_date, "2026-03-09");
  o = g_ptr_array_index (plan->objectives, 1);
  tend_handoff_set_text (&o->target_date, "2026-13-01");
  s = g_ptr_array_index (plan->stakeholders, 0);
  tend_handoff_set_text (&s->email, "jane.acme.example");
  s = g_ptr_array_index (plan->stakeholders, 1);
  tend_handoff_set_text (&s->name, "");
  c = g_ptr_array_index (plan->commitments, 0);
  g_clear_pointer (&c->due_date, g_free);
  p = tend_handoff_plan_add_product (plan);
  p->product = g_strdup ("Analytics");
  tend_handoff_plan_add_risk (plan, "");

  issues = tend_handoff_plan_validate (plan);
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "go_live_target"), ==,
                   "The go-live target is before the kickoff (2026-03-10)");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "objectives[0].objective"), ==,
                   "Describe the customer's objective");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "objectives[0].success_metric"), ==,
                   "Say how success will be measured");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "objectives[0].target_date"), ==,
                   "The target date is before the kickoff (2026-03-10)");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "objectives[1].target_date"), ==,
                   "“2026-13-01” is not a date; use YYYY-MM-DD");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "stakeholders[0].email"), ==,
                   "“jane.acme.example” is not an email address; expected name@example.com");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "stakeholders[1].name"), ==,
                   "Enter the stakeholder's name");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "commitments[0].due_date"), ==,
                   "Set the date it is due by");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "products[1].seats"), ==,
                   "Enter the number of seats bought");
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "risks[1]"), ==,
                   "Describe the risk or remove the row");
  g_assert_null (tend_handoff_issues_lookup (issues, "objectives"));
  g_assert_null (tend_handoff_issues_lookup (issues, "kickoff_date"));
  g_assert_null (tend_handoff_issues_lookup (issues, "objectives[1].success_metric"));
  g_assert_cmpuint (issues->len, ==, 10);
  g_clear_pointer (&issues, g_ptr_array_unref);

  p->has_seats = TRUE;
  p->seats = 0;
  issues = tend_handoff_plan_validate (plan);
  g_assert_cmpstr (tend_handoff_issues_lookup (issues, "products[1].seats"), ==,
                   "The seats bought must be 1 or more");
}

/* "Autosave survives a restart": a draft with half-typed fields, reordered
 * rows and empty strings reloads exactly after the store is dropped. */
static void
test_autosave_survives_restart (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) plan = create_plan (f, "5001");
  g_autoptr(TendHandoffPlan) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  TendHandoffObjective *o;
  TendHandoffStakeholder *s;
  TendHandoffProduct *p;
  gint64 id = plan->id;

  tend_handoff_set_text (&plan->kickoff_date, "2026-0");
  tend_handoff_set_text (&plan->notes, "  Typed so far: the CFO wants a wee");
  o = tend_handoff_plan_add_objective (plan);
  o->objective = g_strdup ("Faster rosters");
  o = tend_handoff_plan_add_objective (plan);
  o->success_metric = g_strdup ("");
  o = tend_handoff_plan_add_objective (plan);
  o->objective = g_strdup ("Third");
  s = tend_handoff_plan_add_stakeholder (plan);
  s->email = g_strdup ("jane@");
  s->is_executive_sponsor = TRUE;
  p = tend_handoff_plan_add_product (plan);
  p->product = g_strdup ("Scheduling");
  tend_handoff_plan_add_risk (plan, NULL);
  tend_handoff_plan_add_risk (plan, "Budget freeze");
  tend_handoff_checklist_item_set_done (g_ptr_array_index (plan->checklist, 2), TRUE, "Test Runner");
  g_assert_true (tend_handoff_plan_move_row (plan, TEND_HANDOFF_SECTION_OBJECTIVES, 2, 0));
  g_assert_true (tend_handoff_plan_move_row (plan, TEND_HANDOFF_SECTION_CHECKLIST, 0, 6));
  g_assert_true (tend_handoff_plan_remove_row (plan, TEND_HANDOFF_SECTION_CHECKLIST, 2));
  g_assert_false (tend_handoff_plan_move_row (plan, TEND_HANDOFF_SECTION_RISKS, 0, 2));
  g_assert_cmpuint (tend_handoff_plan_get_n_rows (plan, TEND_HANDOFF_SECTION_CHECKLIST), ==, 6);

  g_assert_true (tend_handoff_save (f->store, plan, &error));
  g_assert_no_error (error);
  saved = tend_handoff_plan_to_json (plan);

  g_clear_pointer (&f->book, tend_book_free);
  g_clear_object (&f->store);
  f->store = tend_store_open (f->path, &error);
  g_assert_no_error (error);
  reloaded = tend_handoff_load (f->store, id, &error);
  g_assert_no_error (error);
  again = tend_handoff_plan_to_json (reloaded);
  g_assert_cmpstr (saved, ==, again);
  g_assert_cmpstr (reloaded->kickoff_date, ==, "2026-0");
  g_assert_cmpstr (((TendHandoffObjective *) g_ptr_array_index (reloaded->objectives, 0))->objective, ==, "Third");
  g_assert_cmpstr (((TendHandoffObjective *) g_ptr_array_index (reloaded->objectives, 2))->success_metric, ==, "");
  g_assert_null (((TendHandoffObjective *) g_ptr_array_index (reloaded->objectives, 2))->objective);
  g_assert_null (g_ptr_array_index (reloaded->risks, 0));
  g_assert_cmpstr (((TendHandoffChecklistItem *) g_ptr_array_index (reloaded->checklist, 5))->item, ==,
                   "Kickoff meeting held");
  g_assert_true (((TendHandoffChecklistItem *) g_ptr_array_index (reloaded->checklist, 1))->is_done);
  g_assert_cmpstr (reloaded->updated_by, ==, "Test Runner");
}

/* An accepted plan with progress history, ready to export. */
static gint64
accepted_plan_with_history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 id = complete_and_submit (f, "5001");

  g_assert_true (tend_handoff_return (f->store, id, "Name the IT contact", &error));
  g_assert_true (tend_handoff_submit (f->store, id, NULL, &error));
  g_assert_true (tend_handoff_accept (f->store, id, &error));
  g_assert_true (tend_handoff_update_objective (f->store, id, 0, TEND_OBJECTIVE_ON_TRACK, "Pilot group live", &error));
  g_assert_true (tend_handoff_update_objective (f->store, id, 0, TEND_OBJECTIVE_AT_RISK, NULL, &error));
  g_assert_true (tend_handoff_update_objective (f->store, id, 1, TEND_OBJECTIVE_NOT_STARTED, "Waiting for IT", &error));
  g_assert_true (tend_handoff_set_checklist_done (f->store, id, 0, TRUE, &error));
  g_assert_true (tend_handoff_review_commitment (f->store, id, 0, TEND_COMMITMENT_AT_RISK, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_json_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(TendHandoffPlan) imported = NULL;
  g_autoptr(TendStore) other = NULL;
  g_autoptr(TendBook) other_book = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *reexported = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = accepted_plan_with_history (f), other_id;

  plan = tend_handoff_load (f->store, id, &error);
  g_assert_no_error (error);
  exported = tend_handoff_plan_to_json (plan);
  g_assert_nonnull (strstr (exported, "\"state\" : \"accepted\""));
  g_assert_nonnull (strstr (exported, "Pilot group live"));
  g_assert_nonnull (strstr (exported, "\"executive_sponsor\" : true"));

  /* Into another workspace: the same document comes back out. */
  other = tend_store_open (other_path, &error);
  g_assert_no_error (error);
  load_mirror (other, &other_book);
  other_id = tend_handoff_import (other, other_book, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_id, >, 0);
  imported = tend_handoff_load (other, other_id, &error);
  g_assert_no_error (error);
  reexported = tend_handoff_plan_to_json (imported);
  g_assert_cmpstr (exported, ==, reexported);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM audit_log WHERE action = 'import'"), ==, 1);

  /* The success plan came along. */
  {
    g_autoptr(GPtrArray) objectives = tend_handoff_success_plan_for_account (other, "9001", &error);
    TendHandoffObjective *o;

    g_assert_no_error (error);
    g_assert_cmpuint (objectives->len, ==, 2);
    o = g_ptr_array_index (objectives, 0);
    g_assert_cmpint (o->status, ==, TEND_OBJECTIVE_AT_RISK);
    g_assert_cmpuint (o->progress->len, ==, 2);
  }

  /* Back into the first workspace: the accepted plan is not replaced. */
  before = dump_handoffs (f->store);
  g_assert_cmpint (tend_handoff_import (f->store, f->book, exported, &error), ==, 0);
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);
  after = dump_handoffs (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_import_replaces_draft (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) draft = create_plan (f, "5001");
  g_autoptr(TendHandoffPlan) edited = tend_handoff_plan_copy (draft);
  g_autoptr(TendHandoffPlan) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *reexported = NULL;
  gint64 id;

  complete_plan (edited);
  json = tend_handoff_plan_to_json (edited);
  id = tend_handoff_import (f->store, f->book, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, draft->id);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM handoff_plans"), ==, 1);
  loaded = tend_handoff_load (f->store, id, &error);
  reexported = tend_handoff_plan_to_json (loaded);
  g_assert_cmpstr (json, ==, reexported);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE action = 'import_replace'"), ==, 1);
  g_assert_true (tend_handoff_submit (f->store, id, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_import_fails (Fixture    *f,
                     const char *json,
                     int         code,
                     const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_handoffs (f->store);
  g_autofree char *after = NULL;

  g_assert_cmpint (tend_handoff_import (f->store, f->book, json, &error), ==, 0);
  g_assert_error (error, TEND_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
  after = dump_handoffs (f->store);
  g_assert_cmpstr (before, ==, after);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, 2);

  g_assert_nonnull (parts[1]);
  return g_strjoinv (to, parts);
}

static void
test_import_invalid (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TendHandoffPlan) plan = create_plan (f, "5001");
  g_autoptr(TendHandoffPlan) submitted = tend_handoff_plan_copy (plan);
  g_autofree char *json = NULL;
  g_autofree char *bad = NULL;

  complete_plan (plan);
  json = tend_handoff_plan_to_json (plan);

  assert_import_fails (f, "{ not json", TEND_ERROR_INVALID_INPUT, "Not a JSON document");
  assert_import_fails (f, "[]", TEND_ERROR_INVALID_INPUT, "not a JSON object");
  assert_import_fails (f, "{\"format\": \"something-else\", \"version\": 1}", TEND_ERROR_INVALID_INPUT, "format");
  bad = replace (json, "\"version\" : 1", "\"version\" : 2");
  assert_import_fails (f, bad, TEND_ERROR_INVALID_INPUT, "version");
  g_clear_pointer (&bad, g_free);
  bad = replace (json, "\"status\" : \"not_started\"", "\"status\" : \"done\"");
  assert_import_fails (f, bad, TEND_ERROR_INVALID_INPUT, "objectives[0].status: “done” is not one of");
  g_clear_pointer (&bad, g_free);
  bad = replace (json, "\"champion\" : true", "\"champion\" : \"yes\"");
  assert_import_fails (f, bad, TEND_ERROR_INVALID_INPUT, "stakeholders[0].champion must be true or false");
  g_clear_pointer (&bad, g_free);
  bad = replace (json, "\"seats\" : 250", "\"seats\" : \"many\"");
  assert_import_fails (f, bad, TEND_ERROR_INVALID_INPUT, "products[0].seats");
  g_clear_pointer (&bad, g_free);
  bad = replace (json, "\"what\" :", "\"whut\" :");
  assert_import_fails (f, bad, TEND_ERROR_INVALID_INPUT, "commitments[0]: unknown member “whut”");
  g_clear_pointer (&bad, g_free);
  bad = replace (json, "\"state\" : \"draft\"", "\"state\" : \"approved\"");
  assert_import_fails (f, bad, TEND_ERROR_INVALID_INPUT, "state: “approved” is not one of");
  g_clear_pointer (&bad, g_free);
  bad = replace (json, "\"state\" : \"draft\"", "\"state\" : \"submitted\"");
  assert_import_fails (f, bad, TEND_ERROR_INVALID_INPUT, "submitted_by");
  g_clear_pointer (&bad, g_free);
  bad = replace (json, "\"account_id\" : \"9001\"", "\"account_id\" : \"4040\"");
  assert_import_fails (f, bad, TEND_ERROR_NOT_FOUND, "4040");
  g_clear_pointer (&bad, g_free);

  /* A submitted document must be complete. */
  submitted->state = TEND_HANDOFF_SUBMITTED;
  submitted->submitted_by = g_strdup ("Rita Rep");
  submitted->submitted_at = g_strdup ("2026-02-20T10:00:00Z");
  g_clear_pointer (&json, g_free);
  json = tend_handoff_plan_to_json (submitted);
  assert_import_fails (f, json, TEND_ERROR_INVALID_INPUT, "not complete");
}

static void
test_objective_progress (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) objectives = NULL;
  g_autoptr(TendHandoffPlan) draft = create_plan (f, "5003");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TendHandoffObjective *o;
  TendHandoffProgressNote *n;
  gint64 id;

  /* Before acceptance there is no success plan and no progress. */
  none = tend_handoff_success_plan_for_account (f->store, "9003", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  before = dump_handoffs (f->store);
  g_assert_false (tend_handoff_update_objective (f->store, draft->id, 0, TEND_OBJECTIVE_ON_TRACK, "x", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_STATE);
  g_clear_error (&error);
  after = dump_handoffs (f->store);
  g_assert_cmpstr (before, ==, after);

  id = accepted_plan_with_history (f);
  g_assert_false (tend_handoff_update_objective (f->store, id, 2, TEND_OBJECTIVE_ON_TRACK, "x", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tend_handoff_update_objective (f->store, id, 0, TEND_OBJECTIVE_AT_RISK, "  ", &error));
  g_assert_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (tend_handoff_update_objective (f->store, id, 0, TEND_OBJECTIVE_ACHIEVED, "  5.5 days in May  ", &error));
  g_assert_no_error (error);

  objectives = tend_handoff_success_plan_for_account (f->store, "9001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (objectives->len, ==, 2);
  o = g_ptr_array_index (objectives, 0);
  g_assert_cmpstr (o->objective, ==, "Cut onboarding time for new hires");
  g_assert_cmpint (o->status, ==, TEND_OBJECTIVE_ACHIEVED);
  g_assert_cmpuint (o->progress->len, ==, 3);
  n = g_ptr_array_index (o->progress, 0);
  g_assert_cmpstr (n->note, ==, "Pilot group live");
  g_assert_cmpint (n->status, ==, TEND_OBJECTIVE_ON_TRACK);
  g_assert_cmpstr (n->noted_by, ==, "Test Runner");
  g_assert_nonnull (n->noted_at);
  n = g_ptr_array_index (o->progress, 1);
  g_assert_null (n->note);
  g_assert_cmpint (n->status, ==, TEND_OBJECTIVE_AT_RISK);
  n = g_ptr_array_index (o->progress, 2);
  g_assert_cmpstr (n->note, ==, "5.5 days in May");
  o = g_ptr_array_index (objectives, 1);
  g_assert_cmpuint (o->progress->len, ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit_log WHERE action = 'objective_progress'"), ==, 4);
}

/* The CLI */

static char *
run_cli (Fixture     *f,
         int         *out_status,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *cli = g_getenv ("TEND_CLI");
  char *out = NULL;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--workspace");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, (char *) "--as-of");
  g_ptr_array_add (argv, (char *) AS_OF);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *out_status = WEXITSTATUS (wait_status);
  if (*out_status != 0)
    {
      /* One line that says what is wrong. */
      g_assert_cmpuint (strlen (err), >, 0);
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
    }
  return out;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_members (JsonObject *object,
                const char *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GString) names = g_string_new (NULL);

  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (names, "%s%s", names->len ? "," : "", (const char *) l->data);
  g_assert_cmpstr (names->str, ==, expected);
}

/* Runs a command that must fail with status and leave the workspace as it was. */
static void
assert_cli_refused (Fixture    *f,
                    int         expected_status,
                    const char *first,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_handoffs (f->store);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("TEND_CLI"));
  g_ptr_array_add (argv, (char *) "--workspace");
  g_ptr_array_add (argv, f->path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  if (WEXITSTATUS (wait_status) != expected_status)
    g_error ("%s: exit %d, expected %d: %s", first, WEXITSTATUS (wait_status), expected_status, err);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
  after = dump_handoffs (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *file = g_build_filename (f->dir, "plan.json", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "broken.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *exported_again = NULL;
  JsonObject *object;
  JsonArray *array;
  int status;

  if (g_getenv ("TEND_CLI") == NULL)
    {
      g_test_skip ("TEND_CLI is not set");
      return;
    }

  out = run_cli (f, &status, "handoff", "create", "--deal", "5001", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_clear_pointer (&out, g_free);

  /* A draft cannot be submitted yet: refused (1), nothing written. */
  assert_cli_refused (f, 1, "handoff", "submit", "1", NULL);
  assert_cli_refused (f, 1, "handoff", "accept", "1", NULL);

  /* Fill it in through export and import, as a script would. */
  out = run_cli (f, &status, "handoff", "export", "1", "--output", file, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_get_contents (file, &json, NULL, NULL));
  plan = tend_handoff_plan_from_json (json, &error);
  g_assert_no_error (error);
  complete_plan (plan);
  g_clear_pointer (&json, g_free);
  json = tend_handoff_plan_to_json (plan);
  g_assert_true (g_file_set_contents (file, json, -1, NULL));
  out = run_cli (f, &status, "handoff", "import", file, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_clear_pointer (&out, g_free);
  exported_again = run_cli (f, &status, "handoff", "export", "1", NULL);
  g_assert_cmpstr (exported_again, ==, json);

  out = run_cli (f, &status, "handoff", "submit", "1", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  assert_cli_refused (f, 2, "handoff", "return", "1", NULL);
  assert_cli_refused (f, 2, "handoff", "return", "1", "--comment", " ", NULL);
  out = run_cli (f, &status, "handoff", "accept", "1", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM handoff_plans WHERE state = 'accepted' "
                                        "AND accepted_by = 'Test Runner'"), ==, 1);

  out = run_cli (f, &status, "objective", "update", "1", "1", "--status", "on_track", "--note", "Pilot live", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM handoff_progress_notes WHERE plan_id = 1 "
                                        "AND objective_position = 0 AND status = 'on_track' AND note = 'Pilot live'"), ==, 1);

  /* handoffs --json: Acme (5001) has an accepted plan now and is not awaiting. */
  out = run_cli (f, &status, "handoffs", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  object = json_node_get_object (root);
  assert_members (object, "awaiting,plans");
  array = json_object_get_array_member (object, "awaiting");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  object = json_array_get_object_element (array, 0);
  assert_members (object, "deal_id,deal_name,account_id,account_name,rep_id,rep_name,amount,currency,"
                          "won_date,days_since_won,plan_id,plan_state");
  g_assert_cmpstr (json_object_get_string_member (object, "deal_id"), ==, "5003");
  g_assert_cmpstr (json_object_get_string_member (object, "account_name"), ==, "Initech");
  g_assert_cmpstr (json_object_get_string_member (object, "rep_name"), ==, "Sid Seller");
  g_assert_cmpint (json_object_get_int_member (object, "amount"), ==, 700000);
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (object, "won_date"), ==, "2026-01-01");
  g_assert_cmpint (json_object_get_int_member (object, "days_since_won"), ==, 59);
  g_assert_true (json_object_get_null_member (object, "plan_id"));
  object = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "deal_id"), ==, "5004");
  g_assert_true (json_object_get_null_member (object, "amount"));
  array = json_object_get_array_member (json_node_get_object (root), "plans");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  assert_members (object, "plan_id,account_id,account_name,deal_id,state,updated_at,objectives");
  g_assert_cmpstr (json_object_get_string_member (object, "plan_id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (object, "account_name"), ==, "Acme");
  g_assert_cmpstr (json_object_get_string_member (object, "deal_id"), ==, "5001");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "accepted");
  g_assert_cmpint (json_object_get_int_member (object, "objectives"), ==, 2);
  g_clear_pointer (&out, g_free);

  out = run_cli (f, &status, "handoff", "show", "1", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "plan_id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "accepted");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "issues")), ==, 0);
  g_clear_pointer (&out, g_free);

  /* Bad input: exit 2; refused by state: exit 1; nothing written. */
  assert_cli_refused (f, 2, "handoff", "show", "abc", NULL);
  assert_cli_refused (f, 2, "handoff", "show", "99", NULL);
  assert_cli_refused (f, 2, "handoff", "accept", "0", NULL);
  assert_cli_refused (f, 2, "handoff", "create", NULL);
  assert_cli_refused (f, 2, "handoff", "create", "--deal", "nope", NULL);
  assert_cli_refused (f, 1, "handoff", "create", "--deal", "5001", NULL);
  assert_cli_refused (f, 1, "handoff", "create", "--deal", "5007", NULL);
  assert_cli_refused (f, 2, "handoff", "frobnicate", NULL);
  assert_cli_refused (f, 1, "handoff", "accept", "1", NULL);
  assert_cli_refused (f, 1, "handoff", "return", "1", "--comment", "Too late", NULL);
  assert_cli_refused (f, 2, "objective", "update", "1", "1", "--status", "done", NULL);
  assert_cli_refused (f, 2, "objective", "update", "1", "0", "--status", "on_track", NULL);
  assert_cli_refused (f, 2, "objective", "update", "1", "7", "--status", "on_track", NULL);
  assert_cli_refused (f, 2, "objective", "update", "1", "1", NULL);
  assert_cli_refused (f, 2, "handoffs", "--as-of", "2026-02-30", NULL);
  assert_cli_refused (f, 1, "handoff", "import", file, NULL);
  g_assert_true (g_file_set_contents (broken, "{\"format\": \"tend-handoff-plan\", \"version\": 1, "
                                      "\"account_id\": \"9003\", \"state\": \"draft\", \"objectives\": 3}", -1, NULL));
  assert_cli_refused (f, 2, "handoff", "import", broken, NULL);
  assert_cli_refused (f, 2, "handoff", "import", "/nonexistent/plan.json", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/handoffs/state-machine", test_state_machine);
  ADD ("/handoffs/audit-rows", test_audit_rows);
  ADD ("/handoffs/awaiting/60-day-edge", test_awaiting);
  ADD ("/handoffs/validation/per-field", test_validation);
  ADD ("/handoffs/autosave-survives-restart", test_autosave_survives_restart);
  ADD ("/handoffs/json/round-trip", test_json_round_trip);
  ADD ("/handoffs/json/import-replaces-draft", test_import_replaces_draft);
  ADD ("/handoffs/json/import-invalid", test_import_invalid);
  ADD ("/handoffs/objective-progress", test_objective_progress);
  ADD ("/handoffs/cli", test_cli);
#undef ADD

  return g_test_run ();
}
