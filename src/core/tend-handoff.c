// Sales-to-CS handoff plans and success plans (DOMAIN.md 7).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tend-error.h"
#include "tend-handoff.h"

#define DOCUMENT_FORMAT  "tend-handoff-plan"
#define DOCUMENT_VERSION 1

static const char * const state_names[TEND_N_HANDOFF_STATES] = {
  "draft", "submitted", "accepted", "returned",
};

static const char * const objective_status_names[TEND_N_OBJECTIVE_STATUSES] = {
  "not_started", "on_track", "at_risk", "achieved",
};

static const char * const commitment_status_names[TEND_N_COMMITMENT_STATUSES] = {
  "pending", "delivered", "at_risk", "missed",
};

/* Rows */

static void
progress_note_free (TendHandoffProgressNote *note)
{
  g_free (note->note);
  g_free (note->noted_by);
  g_free (note->noted_at);
  g_free (note);
}

static void
objective_free (TendHandoffObjective *o)
{
  g_free (o->objective);
  g_free (o->success_metric);
  g_free (o->target_value);
  g_free (o->target_date);
  g_ptr_array_unref (o->progress);
  g_free (o);
}

static TendHandoffObjective *
objective_new (void)
{
  TendHandoffObjective *o = g_new0 (TendHandoffObjective, 1);

  o->progress = g_ptr_array_new_with_free_func ((GDestroyNotify) progress_note_free);
  return o;
}

static void
stakeholder_free (TendHandoffStakeholder *s)
{
  g_free (s->name);
  g_free (s->role);
  g_free (s->email);
  g_free (s);
}

static void
commitment_free (TendHandoffCommitment *c)
{
  g_free (c->what);
  g_free (c->due_date);
  g_free (c->reviewed_by);
  g_free (c->reviewed_at);
  g_free (c);
}

static void
product_free (TendHandoffProduct *p)
{
  g_free (p->product);
  g_free (p);
}

static void
checklist_item_free (TendHandoffChecklistItem *item)
{
  g_free (item->item);
  g_free (item->done_by);
  g_free (item->done_at);
  g_free (item);
}

static gpointer
copy_progress_note (gconstpointer src,
                    gpointer      data)
{
  const TendHandoffProgressNote *n = src;
  TendHandoffProgressNote *copy = g_memdup2 (n, sizeof *n);

  copy->note = g_strdup (n->note);
  copy->noted_by = g_strdup (n->noted_by);
  copy->noted_at = g_strdup (n->noted_at);
  return copy;
}

static gpointer
copy_objective (gconstpointer src,
                gpointer      data)
{
  const TendHandoffObjective *o = src;
  TendHandoffObjective *copy = g_memdup2 (o, sizeof *o);

  copy->objective = g_strdup (o->objective);
  copy->success_metric = g_strdup (o->success_metric);
  copy->target_value = g_strdup (o->target_value);
  copy->target_date = g_strdup (o->target_date);
  copy->progress = g_ptr_array_copy (o->progress, copy_progress_note, NULL);
  g_ptr_array_set_free_func (copy->progress, (GDestroyNotify) progress_note_free);
  return copy;
}

static gpointer
copy_stakeholder (gconstpointer src,
                  gpointer      data)
{
  const TendHandoffStakeholder *s = src;
  TendHandoffStakeholder *copy = g_memdup2 (s, sizeof *s);

  copy->name = g_strdup (s->name);
  copy->role = g_strdup (s->role);
  copy->email = g_strdup (s->email);
  return copy;
}

static gpointer
copy_commitment (gconstpointer src,
                 gpointer      data)
{
  const TendHandoffCommitment *c = src;
  TendHandoffCommitment *copy = g_memdup2 (c, sizeof *c);

  copy->what = g_strdup (c->what);
  copy->due_date = g_strdup (c->due_date);
  copy->reviewed_by = g_strdup (c->reviewed_by);
  copy->reviewed_at = g_strdup (c->reviewed_at);
  return copy;
}

static gpointer
copy_product (gconstpointer src,
              gpointer      data)
{
  const TendHandoffProduct *p = src;
  TendHandoffProduct *copy = g_memdup2 (p, sizeof *p);

  copy->product = g_strdup (p->product);
  return copy;
}

static gpointer
copy_checklist_item (gconstpointer src,
                     gpointer      data)
{
  const TendHandoffChecklistItem *item = src;
  TendHandoffChecklistItem *copy = g_memdup2 (item, sizeof *item);

  copy->item = g_strdup (item->item);
  copy->done_by = g_strdup (item->done_by);
  copy->done_at = g_strdup (item->done_at);
  return copy;
}

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

static GPtrArray *
copy_rows (GPtrArray      *rows,
           GCopyFunc       copy,
           GDestroyNotify  free_func)
{
  GPtrArray *result = g_ptr_array_copy (rows, copy, NULL);

  g_ptr_array_set_free_func (result, free_func);
  return result;
}

static GPtrArray *
section_rows (const TendHandoffPlan *plan,
              TendHandoffSection     section)
{
  switch (section)
    {
    case TEND_HANDOFF_SECTION_OBJECTIVES:   return plan->objectives;
    case TEND_HANDOFF_SECTION_STAKEHOLDERS: return plan->stakeholders;
    case TEND_HANDOFF_SECTION_COMMITMENTS:  return plan->commitments;
    case TEND_HANDOFF_SECTION_PRODUCTS:     return plan->products;
    case TEND_HANDOFF_SECTION_RISKS:        return plan->risks;
    case TEND_HANDOFF_SECTION_CHECKLIST:    return plan->checklist;
    case TEND_N_HANDOFF_SECTIONS:
    default:                                return NULL;
    }
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static char *
day_text (TendDay day)
{
  return tend_day_to_iso (day);
}

/* Text from input, fit to quote in a one-line message: valid UTF-8,
 * control characters replaced, at most 40 characters. */
static char *
quote_input (const char *text)
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
      g_string_append_unichar (out, c < 0x20 || c == 0x7f ? '?' : c);
    }
  return g_string_free (out, FALSE);
}

/* Validation */

static void
add_issue (GPtrArray  *issues,
           const char *field,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
add_issue (GPtrArray  *issues,
           const char *field,
           const char *format,
           ...)
{
  TendHandoffIssue *issue = g_new0 (TendHandoffIssue, 1);
  va_list args;

  va_start (args, format);
  issue->field = g_strdup (field);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (issues, issue);
}

/* Text a person may type anything into: only what cannot be stored or shown
 * is a problem. */
static void
check_text (GPtrArray  *issues,
            const char *field,
            const char *text,
            guint       max_chars)
{
  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    {
      add_issue (issues, field, "This is not valid UTF-8 text");
      return;
    }
  if (g_utf8_strlen (text, -1) > max_chars)
    add_issue (issues, field, "Longer than %u characters; shorten it", max_chars);
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        {
          add_issue (issues, field, "Contains a control character; use plain text");
          return;
        }
    }
}

/* Returns the day, or TEND_DAY_NONE when empty or not a date (an issue). */
static TendDay
check_date (GPtrArray  *issues,
            const char *field,
            const char *text)
{
  g_autofree char *stripped = NULL;
  TendDay day = TEND_DAY_NONE;

  if (is_blank (text))
    return TEND_DAY_NONE;
  stripped = g_strstrip (g_strdup (text));
  if (!tend_day_parse (stripped, &day, NULL))
    {
      g_autofree char *quoted = quote_input (stripped);

      add_issue (issues, field, "“%s” is not a date; use YYYY-MM-DD", quoted);
      return TEND_DAY_NONE;
    }
  return day;
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' &&
         strchr (at + 1, '@') == NULL && strpbrk (text, " \t\r\n") == NULL;
}

static void
issue_free (gpointer issue)
{
  tend_handoff_issue_free (issue);
}

/* JSON writing */

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_boolean_value (b, value);
}

static void
add_objective_json (JsonBuilder                *b,
                    const TendHandoffObjective *o)
{
  json_builder_begin_object (b);
  add_string (b, "objective", o->objective);
  add_string (b, "success_metric", o->success_metric);
  add_string (b, "target_value", o->target_value);
  add_string (b, "target_date", o->target_date);
  add_string (b, "status", tend_objective_status_to_string (o->status));
  json_builder_set_member_name (b, "progress");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->progress->len; i++)
    {
      const TendHandoffProgressNote *n = g_ptr_array_index (o->progress, i);

      json_builder_begin_object (b);
      add_string (b, "note", n->note);
      add_string (b, "status", tend_objective_status_to_string (n->status));
      add_string (b, "noted_by", n->noted_by);
      add_string (b, "noted_at", n->noted_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static JsonNode *
plan_to_node (const TendHandoffPlan *plan)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "format", DOCUMENT_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, DOCUMENT_VERSION);
  add_string (b, "account_id", plan->account_id);
  add_string (b, "deal_id", plan->deal_id);
  add_string (b, "state", tend_handoff_state_to_string (plan->state));
  add_string (b, "kickoff_date", plan->kickoff_date);
  add_string (b, "go_live_target", plan->go_live_target);
  add_string (b, "notes", plan->notes);
  add_string (b, "return_comment", plan->return_comment);
  add_string (b, "created_by", plan->created_by);
  add_string (b, "created_at", plan->created_at);
  add_string (b, "updated_by", plan->updated_by);
  add_string (b, "updated_at", plan->updated_at);
  add_string (b, "submitted_by", plan->submitted_by);
  add_string (b, "submitted_at", plan->submitted_at);
  add_string (b, "accepted_by", plan->accepted_by);
  add_string (b, "accepted_at", plan->accepted_at);
  add_string (b, "returned_by", plan->returned_by);
  add_string (b, "returned_at", plan->returned_at);

  json_builder_set_member_name (b, "objectives");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->objectives->len; i++)
    add_objective_json (b, g_ptr_array_index (plan->objectives, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "stakeholders");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->stakeholders->len; i++)
    {
      const TendHandoffStakeholder *s = g_ptr_array_index (plan->stakeholders, i);

      json_builder_begin_object (b);
      add_string (b, "name", s->name);
      add_string (b, "role", s->role);
      add_string (b, "email", s->email);
      add_bool (b, "champion", s->is_champion);
      add_bool (b, "decision_maker", s->is_decision_maker);
      add_bool (b, "executive_sponsor", s->is_executive_sponsor);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "commitments");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->commitments->len; i++)
    {
      const TendHandoffCommitment *c = g_ptr_array_index (plan->commitments, i);

      json_builder_begin_object (b);
      add_string (b, "what", c->what);
      add_string (b, "due_date", c->due_date);
      add_string (b, "status", tend_commitment_status_to_string (c->status));
      add_string (b, "reviewed_by", c->reviewed_by);
      add_string (b, "reviewed_at", c->reviewed_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "products");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->products->len; i++)
    {
      const TendHandoffProduct *p = g_ptr_array_index (plan->products, i);

      json_builder_begin_object (b);
      add_string (b, "product", p->product);
      json_builder_set_member_name (b, "seats");
      if (p->has_seats)
        json_builder_add_int_value (b, p->seats);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "risks");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->risks->len; i++)
    {
      const char *risk = g_ptr_array_index (plan->risks, i);

      if (risk == NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, risk);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "checklist");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->checklist->len; i++)
    {
      const TendHandoffChecklistItem *item = g_ptr_array_index (plan->checklist, i);

      json_builder_begin_object (b);
      add_string (b, "item", item->item);
      add_bool (b, "done", item->is_done);
      add_string (b, "done_by", item->done_by);
      add_string (b, "done_at", item->done_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static char *
node_to_string (JsonNode *node,
                gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/* The compact document, for audit details and change detection. */
static char *
plan_to_compact_json (const TendHandoffPlan *plan)
{
  g_autoptr(JsonNode) node = plan_to_node (plan);

  return node_to_string (node, FALSE);
}

/* JSON reading: every member is checked and named by its path. */

static gboolean
check_members (JsonObject          *object,
               const char          *path,
               const char * const  *allowed,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *quoted = quote_input (l->data);

        g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                     "%s%sunknown member “%s”", path, *path ? ": " : "", quoted);
        return FALSE;
      }
  return TRUE;
}

/* An absent or null member gives NULL; anything but a string is refused. */
static gboolean
read_string (JsonObject  *object,
             const char  *path,
             const char  *member,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "%s%s%s must be text or null", path, *path ? "." : "", member);
      return FALSE;
    }
  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "%s%s%s is not valid UTF-8 text", path, *path ? "." : "", member);
      return FALSE;
    }
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *path,
           const char  *member,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "%s.%s must be true or false", path, member);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A word from names; an absent member gives the first. */
static gboolean
read_word (JsonObject          *object,
           const char          *path,
           const char          *member,
           const char * const  *names,
           guint                n_names,
           int                 *out,
           GError             **error)
{
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  g_autoptr(GString) choices = g_string_new (NULL);

  if (!read_string (object, path, member, &text, error))
    return FALSE;
  *out = 0;
  if (json_object_get_member (object, member) == NULL)
    return TRUE;
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  for (guint i = 0; i < n_names; i++)
    g_string_append_printf (choices, "%s%s", i > 0 ? ", " : "", names[i]);
  quoted = text != NULL ? quote_input (text) : g_strdup ("null");
  g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
               "%s%s%s: “%s” is not one of %s", path, *path ? "." : "", member,
               quoted, choices->str);
  return FALSE;
}

/* The array member's objects (or strings), checked; absent is empty. */
static JsonArray *
read_array (JsonObject  *object,
            const char  *member,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT, "%s must be an array", member);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
element_object (JsonArray   *array,
                guint        index,
                const char  *path,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT, "%s must be an object", path);
      return NULL;
    }
  return json_node_get_object (node);
}

static const char * const objective_members[] = {
  "objective", "success_metric", "target_value", "target_date", "status", "progress", NULL
};
static const char * const progress_members[] = { "note", "status", "noted_by", "noted_at", NULL };

static TendHandoffObjective *
read_objective (JsonObject  *object,
                const char  *path,
                GError     **error)
{
  TendHandoffObjective *o = objective_new ();
  JsonArray *progress;
  GError *local = NULL;
  int status;

  if (!check_members (object, path, objective_members, error) ||
      !read_string (object, path, "objective", &o->objective, error) ||
      !read_string (object, path, "success_metric", &o->success_metric, error) ||
      !read_string (object, path, "target_value", &o->target_value, error) ||
      !read_string (object, path, "target_date", &o->target_date, error) ||
      !read_word (object, path, "status", objective_status_names, TEND_N_OBJECTIVE_STATUSES, &status, error))
    goto fail;
  o->status = status;
  progress = read_array (object, "progress", &local);
  if (local != NULL)
    {
      g_propagate_prefixed_error (error, local, "%s.", path);
      goto fail;
    }
  for (guint i = 0; progress != NULL && i < json_array_get_length (progress); i++)
    {
      g_autofree char *note_path = g_strdup_printf ("%s.progress[%u]", path, i);
      JsonObject *n_object = element_object (progress, i, note_path, error);
      TendHandoffProgressNote *note;

      if (n_object == NULL || !check_members (n_object, note_path, progress_members, error))
        goto fail;
      note = g_new0 (TendHandoffProgressNote, 1);
      g_ptr_array_add (o->progress, note);
      if (!read_string (n_object, note_path, "note", &note->note, error) ||
          !read_word (n_object, note_path, "status", objective_status_names,
                      TEND_N_OBJECTIVE_STATUSES, &status, error) ||
          !read_string (n_object, note_path, "noted_by", &note->noted_by, error) ||
          !read_string (n_object, note_path, "noted_at", &note->noted_at, error))
        goto fail;
      note->status = status;
      if (note->noted_by == NULL || note->noted_at == NULL)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "%s needs noted_by and noted_at", note_path);
          goto fail;
        }
    }
  return o;

fail:
  objective_free (o);
  return NULL;
}

static const char * const plan_members[] = {
  "format", "version", "account_id", "deal_id", "state", "kickoff_date", "go_live_target",
  "notes", "return_comment", "created_by", "created_at", "updated_by", "updated_at",
  "submitted_by", "submitted_at", "accepted_by", "accepted_at", "returned_by", "returned_at",
  "objectives", "stakeholders", "commitments", "products", "risks", "checklist", NULL
};
static const char * const stakeholder_members[] = {
  "name", "role", "email", "champion", "decision_maker", "executive_sponsor", NULL
};
static const char * const commitment_members[] = {
  "what", "due_date", "status", "reviewed_by", "reviewed_at", NULL
};
static const char * const product_members[] = { "product", "seats", NULL };
static const char * const checklist_members[] = { "item", "done", "done_by", "done_at", NULL };

static gboolean
read_rows (JsonObject       *root,
           TendHandoffPlan  *plan,
           GError          **error)
{
  GError *local = NULL;
  JsonArray *array;
  int status;

  array = read_array (root, "objectives", &local);
  for (guint i = 0; local == NULL && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("objectives[%u]", i);
      JsonObject *object = element_object (array, i, path, error);
      TendHandoffObjective *o;

      if (object == NULL || (o = read_objective (object, path, error)) == NULL)
        return FALSE;
      g_ptr_array_add (plan->objectives, o);
    }

  if (local == NULL)
    array = read_array (root, "stakeholders", &local);
  for (guint i = 0; local == NULL && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("stakeholders[%u]", i);
      JsonObject *object = element_object (array, i, path, error);
      TendHandoffStakeholder *s;

      if (object == NULL || !check_members (object, path, stakeholder_members, error))
        return FALSE;
      s = tend_handoff_plan_add_stakeholder (plan);
      if (!read_string (object, path, "name", &s->name, error) ||
          !read_string (object, path, "role", &s->role, error) ||
          !read_string (object, path, "email", &s->email, error) ||
          !read_bool (object, path, "champion", &s->is_champion, error) ||
          !read_bool (object, path, "decision_maker", &s->is_decision_maker, error) ||
          !read_bool (object, path, "executive_sponsor", &s->is_executive_sponsor, error))
        return FALSE;
    }

  if (local == NULL)
    array = read_array (root, "commitments", &local);
  for (guint i = 0; local == NULL && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("commitments[%u]", i);
      JsonObject *object = element_object (array, i, path, error);
      TendHandoffCommitment *c;

      if (object == NULL || !check_members (object, path, commitment_members, error))
        return FALSE;
      c = tend_handoff_plan_add_commitment (plan);
      if (!read_string (object, path, "what", &c->what, error) ||
          !read_string (object, path, "due_date", &c->due_date, error) ||
          !read_word (object, path, "status", commitment_status_names,
                      TEND_N_COMMITMENT_STATUSES, &status, error) ||
          !read_string (object, path, "reviewed_by", &c->reviewed_by, error) ||
          !read_string (object, path, "reviewed_at", &c->reviewed_at, error))
        return FALSE;
      c->status = status;
    }

  if (local == NULL)
    array = read_array (root, "products", &local);
  for (guint i = 0; local == NULL && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("products[%u]", i);
      JsonObject *object = element_object (array, i, path, error);
      TendHandoffProduct *p;
      JsonNode *seats;

      if (object == NULL || !check_members (object, path, product_members, error))
        return FALSE;
      p = tend_handoff_plan_add_product (plan);
      if (!read_string (object, path, "product", &p->product, error))
        return FALSE;
      seats = json_object_get_member (object, "seats");
      if (seats != NULL && !JSON_NODE_HOLDS_NULL (seats))
        {
          if (!JSON_NODE_HOLDS_VALUE (seats) || json_node_get_value_type (seats) != G_TYPE_INT64)
            {
              g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "%s.seats must be a whole number or null", path);
              return FALSE;
            }
          p->has_seats = TRUE;
          p->seats = json_node_get_int (seats);
        }
    }

  if (local == NULL)
    array = read_array (root, "risks", &local);
  for (guint i = 0; local == NULL && array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_NULL (node))
        {
          g_ptr_array_add (plan->risks, NULL);
          continue;
        }
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "risks[%u] must be text or null", i);
          return FALSE;
        }
      tend_handoff_plan_add_risk (plan, json_node_get_string (node));
    }

  if (local == NULL)
    array = read_array (root, "checklist", &local);
  for (guint i = 0; local == NULL && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("checklist[%u]", i);
      JsonObject *object = element_object (array, i, path, error);
      TendHandoffChecklistItem *item;

      if (object == NULL || !check_members (object, path, checklist_members, error))
        return FALSE;
      item = tend_handoff_plan_add_checklist_item (plan, NULL);
      if (!read_string (object, path, "item", &item->item, error) ||
          !read_bool (object, path, "done", &item->is_done, error) ||
          !read_string (object, path, "done_by", &item->done_by, error) ||
          !read_string (object, path, "done_at", &item->done_at, error))
        return FALSE;
    }

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/* What a state implies about who moved the plan there. */
static gboolean
check_state_facts (const TendHandoffPlan  *plan,
                   GError                **error)
{
  gboolean was_submitted = plan->submitted_by != NULL && plan->submitted_at != NULL;
  gboolean was_accepted = plan->accepted_by != NULL && plan->accepted_at != NULL;
  gboolean was_returned = plan->returned_by != NULL && plan->returned_at != NULL;
  const char *missing = NULL;

  switch (plan->state)
    {
    case TEND_HANDOFF_SUBMITTED:
      if (!was_submitted)
        missing = "submitted_by and submitted_at";
      break;
    case TEND_HANDOFF_ACCEPTED:
      if (!was_submitted || !was_accepted)
        missing = "submitted_by, submitted_at, accepted_by and accepted_at";
      break;
    case TEND_HANDOFF_RETURNED:
      if (!was_returned || is_blank (plan->return_comment))
        missing = "return_comment, returned_by and returned_at";
      break;
    case TEND_HANDOFF_DRAFT:
    case TEND_N_HANDOFF_STATES:
    default:
      break;
    }
  if (missing != NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "A %s plan needs %s", tend_handoff_state_to_string (plan->state), missing);
      return FALSE;
    }
  return TRUE;
}

/* The workspace */

#define PLAN_COLUMNS \
  "id, account_id, deal_id, state, kickoff_date, go_live_target, notes, return_comment, " \
  "created_by, created_at, updated_by, updated_at, submitted_by, submitted_at, " \
  "accepted_by, accepted_at, returned_by, returned_at"

static TendHandoffPlan *
plan_from_row (sqlite3_stmt *stmt)
{
  TendHandoffPlan *plan = tend_handoff_plan_new ();
  TendHandoffState state = tend_handoff_state_from_string (tend_stmt_column_text (stmt, 3));

  plan->id = sqlite3_column_int64 (stmt, 0);
  plan->account_id = tend_stmt_column_dup (stmt, 1);
  plan->deal_id = tend_stmt_column_dup (stmt, 2);
  plan->state = (int) state < 0 ? TEND_HANDOFF_DRAFT : state;
  plan->kickoff_date = tend_stmt_column_dup (stmt, 4);
  plan->go_live_target = tend_stmt_column_dup (stmt, 5);
  plan->notes = tend_stmt_column_dup (stmt, 6);
  plan->return_comment = tend_stmt_column_dup (stmt, 7);
  plan->created_by = tend_stmt_column_dup (stmt, 8);
  plan->created_at = tend_stmt_column_dup (stmt, 9);
  plan->updated_by = tend_stmt_column_dup (stmt, 10);
  plan->updated_at = tend_stmt_column_dup (stmt, 11);
  plan->submitted_by = tend_stmt_column_dup (stmt, 12);
  plan->submitted_at = tend_stmt_column_dup (stmt, 13);
  plan->accepted_by = tend_stmt_column_dup (stmt, 14);
  plan->accepted_at = tend_stmt_column_dup (stmt, 15);
  plan->returned_by = tend_stmt_column_dup (stmt, 16);
  plan->returned_at = tend_stmt_column_dup (stmt, 17);
  return plan;
}

/* Steps a reading statement to its end; FALSE (error set) on failure. */
static gboolean
finish_read (TendStore     *store,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the handoff plans");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_children (TendStore        *store,
               TendHandoffPlan  *plan,
               GError          **error)
{
  static const char objectives_sql[] =
    "SELECT objective, success_metric, target_value, target_date, status "
    "FROM handoff_objectives WHERE plan_id = ?1 ORDER BY position";
  static const char progress_sql[] =
    "SELECT objective_position, note, status, noted_by, noted_at "
    "FROM handoff_progress_notes WHERE plan_id = ?1 ORDER BY objective_position, position";
  static const char stakeholders_sql[] =
    "SELECT name, role, email, is_champion, is_decision_maker, is_executive_sponsor "
    "FROM handoff_stakeholders WHERE plan_id = ?1 ORDER BY position";
  static const char commitments_sql[] =
    "SELECT what, due_date, status, reviewed_by, reviewed_at "
    "FROM handoff_commitments WHERE plan_id = ?1 ORDER BY position";
  static const char products_sql[] =
    "SELECT product, seats FROM handoff_products WHERE plan_id = ?1 ORDER BY position";
  static const char risks_sql[] =
    "SELECT risk FROM handoff_risks WHERE plan_id = ?1 ORDER BY position";
  static const char checklist_sql[] =
    "SELECT item, is_done, done_by, done_at FROM handoff_checklist WHERE plan_id = ?1 ORDER BY position";
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = tend_store_prepare (store, objectives_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHandoffObjective *o = tend_handoff_plan_add_objective (plan);
      int status = tend_objective_status_from_string (tend_stmt_column_text (stmt, 4));

      o->objective = tend_stmt_column_dup (stmt, 0);
      o->success_metric = tend_stmt_column_dup (stmt, 1);
      o->target_value = tend_stmt_column_dup (stmt, 2);
      o->target_date = tend_stmt_column_dup (stmt, 3);
      o->status = MAX (status, 0);
    }
  if (!finish_read (store, stmt, rc, error))
    return FALSE;

  if ((stmt = tend_store_prepare (store, progress_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      TendHandoffObjective *o;
      TendHandoffProgressNote *note;
      int status;

      if (position < 0 || position >= plan->objectives->len)
        continue;
      o = g_ptr_array_index (plan->objectives, position);
      note = g_new0 (TendHandoffProgressNote, 1);
      status = tend_objective_status_from_string (tend_stmt_column_text (stmt, 2));
      note->note = tend_stmt_column_dup (stmt, 1);
      note->status = MAX (status, 0);
      note->noted_by = tend_stmt_column_dup (stmt, 3);
      note->noted_at = tend_stmt_column_dup (stmt, 4);
      g_ptr_array_add (o->progress, note);
    }
  if (!finish_read (store, stmt, rc, error))
    return FALSE;

  if ((stmt = tend_store_prepare (store, stakeholders_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHandoffStakeholder *s = tend_handoff_plan_add_stakeholder (plan);

      s->name = tend_stmt_column_dup (stmt, 0);
      s->role = tend_stmt_column_dup (stmt, 1);
      s->email = tend_stmt_column_dup (stmt, 2);
      s->is_champion = sqlite3_column_int (stmt, 3) != 0;
      s->is_decision_maker = sqlite3_column_int (stmt, 4) != 0;
      s->is_executive_sponsor = sqlite3_column_int (stmt, 5) != 0;
    }
  if (!finish_read (store, stmt, rc, error))
    return FALSE;

  if ((stmt = tend_store_prepare (store, commitments_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHandoffCommitment *c = tend_handoff_plan_add_commitment (plan);
      int status = tend_commitment_status_from_string (tend_stmt_column_text (stmt, 2));

      c->what = tend_stmt_column_dup (stmt, 0);
      c->due_date = tend_stmt_column_dup (stmt, 1);
      c->status = MAX (status, 0);
      c->reviewed_by = tend_stmt_column_dup (stmt, 3);
      c->reviewed_at = tend_stmt_column_dup (stmt, 4);
    }
  if (!finish_read (store, stmt, rc, error))
    return FALSE;

  if ((stmt = tend_store_prepare (store, products_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHandoffProduct *p = tend_handoff_plan_add_product (plan);

      p->product = tend_stmt_column_dup (stmt, 0);
      p->has_seats = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      p->seats = sqlite3_column_int64 (stmt, 1);
    }
  if (!finish_read (store, stmt, rc, error))
    return FALSE;

  if ((stmt = tend_store_prepare (store, risks_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    tend_handoff_plan_add_risk (plan, tend_stmt_column_text (stmt, 0));
  if (!finish_read (store, stmt, rc, error))
    return FALSE;

  if ((stmt = tend_store_prepare (store, checklist_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHandoffChecklistItem *item = tend_handoff_plan_add_checklist_item (plan, NULL);

      item->item = tend_stmt_column_dup (stmt, 0);
      item->is_done = sqlite3_column_int (stmt, 1) != 0;
      item->done_by = tend_stmt_column_dup (stmt, 2);
      item->done_at = tend_stmt_column_dup (stmt, 3);
    }
  return finish_read (store, stmt, rc, error);
}

/* The plan with that id, or NULL; error unset when there is none. */
static TendHandoffPlan *
read_plan (TendStore  *store,
           gint64      plan_id,
           GError    **error)
{
  static const char sql[] = "SELECT " PLAN_COLUMNS " FROM handoff_plans WHERE id = ?1";
  g_autoptr(TendHandoffPlan) plan = NULL;
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      plan = plan_from_row (stmt);
      rc = sqlite3_step (stmt);
    }
  if (!finish_read (store, stmt, rc, error))
    return NULL;
  if (plan != NULL && !load_children (store, plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

static TendHandoffPlan *
read_plan_or_fail (TendStore  *store,
                   gint64      plan_id,
                   GError    **error)
{
  GError *local = NULL;
  TendHandoffPlan *plan = read_plan (store, plan_id, &local);

  if (plan == NULL && local == NULL)
    g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                 "No handoff plan %" G_GINT64_FORMAT " in the workspace; "
                 "“tend-cli handoffs” lists them", plan_id);
  else if (local != NULL)
    g_propagate_error (error, local);
  return plan;
}

/* The id of the account's plan, 0 when none (or on error, set). */
static gint64
find_plan_id (TendStore        *store,
              const char       *account_id,
              TendHandoffState *out_state,
              GError          **error)
{
  static const char sql[] = "SELECT id, state FROM handoff_plans WHERE account_id = ?1";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  tend_stmt_bind_text (stmt, 1, account_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (out_state != NULL)
        *out_state = MAX (0, (int) tend_handoff_state_from_string (tend_stmt_column_text (stmt, 1)));
      rc = sqlite3_step (stmt);
    }
  if (!finish_read (store, stmt, rc, error))
    return 0;
  return id;
}

static gboolean
delete_children (TendStore  *store,
                 gint64      plan_id,
                 GError    **error)
{
  static const char progress_sql[] = "DELETE FROM handoff_progress_notes WHERE plan_id = ?1";
  static const char objectives_sql[] = "DELETE FROM handoff_objectives WHERE plan_id = ?1";
  static const char stakeholders_sql[] = "DELETE FROM handoff_stakeholders WHERE plan_id = ?1";
  static const char commitments_sql[] = "DELETE FROM handoff_commitments WHERE plan_id = ?1";
  static const char products_sql[] = "DELETE FROM handoff_products WHERE plan_id = ?1";
  static const char risks_sql[] = "DELETE FROM handoff_risks WHERE plan_id = ?1";
  static const char checklist_sql[] = "DELETE FROM handoff_checklist WHERE plan_id = ?1";
  const char *statements[] = {
    progress_sql, objectives_sql, stakeholders_sql, commitments_sql,
    products_sql, risks_sql, checklist_sql,
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = tend_store_prepare (store, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Rewrites the plan's rows in their order. */
static gboolean
write_children (TendStore              *store,
                gint64                  plan_id,
                const TendHandoffPlan  *plan,
                GError                **error)
{
  static const char objective_sql[] =
    "INSERT INTO handoff_objectives (plan_id, position, objective, success_metric, "
    "target_value, target_date, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  static const char progress_sql[] =
    "INSERT INTO handoff_progress_notes (plan_id, objective_position, position, note, "
    "status, noted_by, noted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  static const char stakeholder_sql[] =
    "INSERT INTO handoff_stakeholders (plan_id, position, name, role, email, is_champion, "
    "is_decision_maker, is_executive_sponsor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  static const char commitment_sql[] =
    "INSERT INTO handoff_commitments (plan_id, position, what, due_date, status, "
    "reviewed_by, reviewed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  static const char product_sql[] =
    "INSERT INTO handoff_products (plan_id, position, product, seats) VALUES (?1, ?2, ?3, ?4)";
  static const char risk_sql[] =
    "INSERT INTO handoff_risks (plan_id, position, risk) VALUES (?1, ?2, ?3)";
  static const char checklist_sql[] =
    "INSERT INTO handoff_checklist (plan_id, position, item, is_done, done_by, done_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  sqlite3_stmt *stmt;

  if (!delete_children (store, plan_id, error))
    return FALSE;

  for (guint i = 0; i < plan->objectives->len; i++)
    {
      const TendHandoffObjective *o = g_ptr_array_index (plan->objectives, i);

      if ((stmt = tend_store_prepare (store, objective_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, i);
      tend_stmt_bind_text (stmt, 3, o->objective);
      tend_stmt_bind_text (stmt, 4, o->success_metric);
      tend_stmt_bind_text (stmt, 5, o->target_value);
      tend_stmt_bind_text (stmt, 6, o->target_date);
      tend_stmt_bind_text (stmt, 7, tend_objective_status_to_string (o->status));
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
      for (guint j = 0; j < o->progress->len; j++)
        {
          const TendHandoffProgressNote *n = g_ptr_array_index (o->progress, j);

          if ((stmt = tend_store_prepare (store, progress_sql, error)) == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, plan_id);
          sqlite3_bind_int64 (stmt, 2, i);
          sqlite3_bind_int64 (stmt, 3, j);
          tend_stmt_bind_text (stmt, 4, n->note);
          tend_stmt_bind_text (stmt, 5, tend_objective_status_to_string (n->status));
          tend_stmt_bind_text (stmt, 6, n->noted_by);
          tend_stmt_bind_text (stmt, 7, n->noted_at);
          if (!tend_store_step_done (store, stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < plan->stakeholders->len; i++)
    {
      const TendHandoffStakeholder *s = g_ptr_array_index (plan->stakeholders, i);

      if ((stmt = tend_store_prepare (store, stakeholder_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, i);
      tend_stmt_bind_text (stmt, 3, s->name);
      tend_stmt_bind_text (stmt, 4, s->role);
      tend_stmt_bind_text (stmt, 5, s->email);
      sqlite3_bind_int (stmt, 6, s->is_champion ? 1 : 0);
      sqlite3_bind_int (stmt, 7, s->is_decision_maker ? 1 : 0);
      sqlite3_bind_int (stmt, 8, s->is_executive_sponsor ? 1 : 0);
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < plan->commitments->len; i++)
    {
      const TendHandoffCommitment *c = g_ptr_array_index (plan->commitments, i);

      if ((stmt = tend_store_prepare (store, commitment_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, i);
      tend_stmt_bind_text (stmt, 3, c->what);
      tend_stmt_bind_text (stmt, 4, c->due_date);
      tend_stmt_bind_text (stmt, 5, tend_commitment_status_to_string (c->status));
      tend_stmt_bind_text (stmt, 6, c->reviewed_by);
      tend_stmt_bind_text (stmt, 7, c->reviewed_at);
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < plan->products->len; i++)
    {
      const TendHandoffProduct *p = g_ptr_array_index (plan->products, i);

      if ((stmt = tend_store_prepare (store, product_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, i);
      tend_stmt_bind_text (stmt, 3, p->product);
      tend_stmt_bind_opt_int64 (stmt, 4, p->has_seats, p->seats);
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < plan->risks->len; i++)
    {
      if ((stmt = tend_store_prepare (store, risk_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, i);
      tend_stmt_bind_text (stmt, 3, g_ptr_array_index (plan->risks, i));
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < plan->checklist->len; i++)
    {
      const TendHandoffChecklistItem *item = g_ptr_array_index (plan->checklist, i);

      if ((stmt = tend_store_prepare (store, checklist_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, i);
      tend_stmt_bind_text (stmt, 3, item->item);
      sqlite3_bind_int (stmt, 4, item->is_done ? 1 : 0);
      tend_stmt_bind_text (stmt, 5, item->done_by);
      tend_stmt_bind_text (stmt, 6, item->done_at);
      if (!tend_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes every column of the plan row: a new row when plan_id is 0 (the new
 * id is returned), else the row with that id. 0 on failure. */
static gint64
write_plan_row (TendStore              *store,
                gint64                  plan_id,
                const TendHandoffPlan  *plan,
                GError                **error)
{
  static const char insert_sql[] =
    "INSERT INTO handoff_plans (account_id, deal_id, state, kickoff_date, go_live_target, "
    "notes, return_comment, created_by, created_at, updated_by, updated_at, submitted_by, "
    "submitted_at, accepted_by, accepted_at, returned_by, returned_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
  static const char update_sql[] =
    "UPDATE handoff_plans SET account_id = ?1, deal_id = ?2, state = ?3, kickoff_date = ?4, "
    "go_live_target = ?5, notes = ?6, return_comment = ?7, created_by = ?8, created_at = ?9, "
    "updated_by = ?10, updated_at = ?11, submitted_by = ?12, submitted_at = ?13, "
    "accepted_by = ?14, accepted_at = ?15, returned_by = ?16, returned_at = ?17 WHERE id = ?18";
  sqlite3_stmt *stmt = tend_store_prepare (store, plan_id == 0 ? insert_sql : update_sql, error);

  if (stmt == NULL)
    return 0;
  tend_stmt_bind_text (stmt, 1, plan->account_id);
  tend_stmt_bind_text (stmt, 2, plan->deal_id);
  tend_stmt_bind_text (stmt, 3, tend_handoff_state_to_string (plan->state));
  tend_stmt_bind_text (stmt, 4, plan->kickoff_date);
  tend_stmt_bind_text (stmt, 5, plan->go_live_target);
  tend_stmt_bind_text (stmt, 6, plan->notes);
  tend_stmt_bind_text (stmt, 7, plan->return_comment);
  tend_stmt_bind_text (stmt, 8, plan->created_by);
  tend_stmt_bind_text (stmt, 9, plan->created_at);
  tend_stmt_bind_text (stmt, 10, plan->updated_by);
  tend_stmt_bind_text (stmt, 11, plan->updated_at);
  tend_stmt_bind_text (stmt, 12, plan->submitted_by);
  tend_stmt_bind_text (stmt, 13, plan->submitted_at);
  tend_stmt_bind_text (stmt, 14, plan->accepted_by);
  tend_stmt_bind_text (stmt, 15, plan->accepted_at);
  tend_stmt_bind_text (stmt, 16, plan->returned_by);
  tend_stmt_bind_text (stmt, 17, plan->returned_at);
  if (plan_id != 0)
    sqlite3_bind_int64 (stmt, 18, plan_id);
  if (!tend_store_step_done (store, stmt, error))
    return 0;
  return plan_id != 0 ? plan_id : sqlite3_last_insert_rowid (tend_store_get_db (store));
}

static gboolean
audit (TendStore   *store,
       gint64       plan_id,
       const char  *action,
       const char  *detail,
       GError     **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);

  return tend_store_audit (store, "handoff", id, action, detail, error);
}

/* Who changed the plan last, and when: tracking changes count too. */
static gboolean
touch_plan (TendStore   *store,
            gint64       plan_id,
            const char  *now,
            GError     **error)
{
  static const char sql[] = "UPDATE handoff_plans SET updated_by = ?2, updated_at = ?3 WHERE id = ?1";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  tend_stmt_bind_text (stmt, 2, tend_store_get_actor (store));
  tend_stmt_bind_text (stmt, 3, now);
  return tend_store_step_done (store, stmt, error);
}

/* {"from": ..., "to": ..., members...} for a transition's audit row. */
static char *
transition_detail (TendHandoffState  from,
                   TendHandoffState  to,
                   const char       *comment)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_string (b, "from", tend_handoff_state_to_string (from));
  add_string (b, "to", tend_handoff_state_to_string (to));
  if (comment != NULL)
    add_string (b, "comment", comment);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_string (root, FALSE);
}

/* Why a plan in its state cannot take an action, as a message. */
static void
set_state_error (GError                **error,
                 const TendHandoffPlan  *plan,
                 const char             *action)
{
  const char *why;

  switch (plan->state)
    {
    case TEND_HANDOFF_DRAFT:
      why = "it is a draft; the sales rep submits it first";
      break;
    case TEND_HANDOFF_SUBMITTED:
      why = "it is submitted and waits for the CSM to accept or return it";
      break;
    case TEND_HANDOFF_ACCEPTED:
      why = "it is accepted, which is final; only objective progress, the checklist "
            "and commitment reviews change now";
      break;
    case TEND_HANDOFF_RETURNED:
      why = "it was returned to the sales rep; it is submitted again first";
      break;
    case TEND_N_HANDOFF_STATES:
    default:
      why = "its state is unknown";
      break;
    }
  g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
               "Handoff plan %" G_GINT64_FORMAT " cannot be %s: %s", plan->id, action, why);
}

static const TendDeal *
find_deal (const TendBook *book,
           const char     *deal_id)
{
  for (guint i = 0; i < book->n_deals; i++)
    if (g_strcmp0 (book->deals[i].id, deal_id) == 0)
      return &book->deals[i];
  return NULL;
}

static int
compare_awaiting (gconstpointer a,
                  gconstpointer b)
{
  const TendHandoffAwaiting *x = a, *y = b;

  if (x->won_date != y->won_date)
    return x->won_date < y->won_date ? -1 : 1;
  return g_strcmp0 (x->deal->id, y->deal->id);
}

/* Public: words */

const char *
tend_handoff_state_to_string (TendHandoffState state)
{
  g_return_val_if_fail ((guint) state < TEND_N_HANDOFF_STATES, NULL);

  return state_names[state];
}

TendHandoffState
tend_handoff_state_from_string (const char *text)
{
  for (guint i = 0; i < TEND_N_HANDOFF_STATES; i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return (TendHandoffState) i;
  return (TendHandoffState) -1;
}

const char *
tend_objective_status_to_string (TendObjectiveStatus status)
{
  g_return_val_if_fail ((guint) status < TEND_N_OBJECTIVE_STATUSES, NULL);

  return objective_status_names[status];
}

TendObjectiveStatus
tend_objective_status_from_string (const char *text)
{
  for (guint i = 0; i < TEND_N_OBJECTIVE_STATUSES; i++)
    if (g_strcmp0 (text, objective_status_names[i]) == 0)
      return (TendObjectiveStatus) i;
  return (TendObjectiveStatus) -1;
}

const char *
tend_commitment_status_to_string (TendCommitmentStatus status)
{
  g_return_val_if_fail ((guint) status < TEND_N_COMMITMENT_STATUSES, NULL);

  return commitment_status_names[status];
}

TendCommitmentStatus
tend_commitment_status_from_string (const char *text)
{
  for (guint i = 0; i < TEND_N_COMMITMENT_STATUSES; i++)
    if (g_strcmp0 (text, commitment_status_names[i]) == 0)
      return (TendCommitmentStatus) i;
  return (TendCommitmentStatus) -1;
}

/* Public: the plan in memory */

G_DEFINE_BOXED_TYPE (TendHandoffPlan, tend_handoff_plan, tend_handoff_plan_copy, tend_handoff_plan_free)

TendHandoffPlan *
tend_handoff_plan_new (void)
{
  TendHandoffPlan *plan = g_new0 (TendHandoffPlan, 1);

  plan->objectives = g_ptr_array_new_with_free_func ((GDestroyNotify) objective_free);
  plan->stakeholders = g_ptr_array_new_with_free_func ((GDestroyNotify) stakeholder_free);
  plan->commitments = g_ptr_array_new_with_free_func ((GDestroyNotify) commitment_free);
  plan->products = g_ptr_array_new_with_free_func ((GDestroyNotify) product_free);
  plan->risks = g_ptr_array_new_with_free_func (g_free);
  plan->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) checklist_item_free);
  return plan;
}

TendHandoffPlan *
tend_handoff_plan_copy (const TendHandoffPlan *plan)
{
  TendHandoffPlan *copy;

  g_return_val_if_fail (plan != NULL, NULL);

  copy = g_memdup2 (plan, sizeof *plan);
  copy->account_id = g_strdup (plan->account_id);
  copy->deal_id = g_strdup (plan->deal_id);
  copy->kickoff_date = g_strdup (plan->kickoff_date);
  copy->go_live_target = g_strdup (plan->go_live_target);
  copy->notes = g_strdup (plan->notes);
  copy->return_comment = g_strdup (plan->return_comment);
  copy->created_by = g_strdup (plan->created_by);
  copy->created_at = g_strdup (plan->created_at);
  copy->updated_by = g_strdup (plan->updated_by);
  copy->updated_at = g_strdup (plan->updated_at);
  copy->submitted_by = g_strdup (plan->submitted_by);
  copy->submitted_at = g_strdup (plan->submitted_at);
  copy->accepted_by = g_strdup (plan->accepted_by);
  copy->accepted_at = g_strdup (plan->accepted_at);
  copy->returned_by = g_strdup (plan->returned_by);
  copy->returned_at = g_strdup (plan->returned_at);
  copy->objectives = copy_rows (plan->objectives, copy_objective, (GDestroyNotify) objective_free);
  copy->stakeholders = copy_rows (plan->stakeholders, copy_stakeholder, (GDestroyNotify) stakeholder_free);
  copy->commitments = copy_rows (plan->commitments, copy_commitment, (GDestroyNotify) commitment_free);
  copy->products = copy_rows (plan->products, copy_product, (GDestroyNotify) product_free);
  copy->risks = copy_rows (plan->risks, copy_string, g_free);
  copy->checklist = copy_rows (plan->checklist, copy_checklist_item, (GDestroyNotify) checklist_item_free);
  return copy;
}

void
tend_handoff_plan_free (TendHandoffPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->account_id);
  g_free (plan->deal_id);
  g_free (plan->kickoff_date);
  g_free (plan->go_live_target);
  g_free (plan->notes);
  g_free (plan->return_comment);
  g_free (plan->created_by);
  g_free (plan->created_at);
  g_free (plan->updated_by);
  g_free (plan->updated_at);
  g_free (plan->submitted_by);
  g_free (plan->submitted_at);
  g_free (plan->accepted_by);
  g_free (plan->accepted_at);
  g_free (plan->returned_by);
  g_free (plan->returned_at);
  g_ptr_array_unref (plan->objectives);
  g_ptr_array_unref (plan->stakeholders);
  g_ptr_array_unref (plan->commitments);
  g_ptr_array_unref (plan->products);
  g_ptr_array_unref (plan->risks);
  g_ptr_array_unref (plan->checklist);
  g_free (plan);
}

TendHandoffObjective *
tend_handoff_plan_add_objective (TendHandoffPlan *plan)
{
  TendHandoffObjective *o;

  g_return_val_if_fail (plan != NULL, NULL);

  o = objective_new ();
  g_ptr_array_add (plan->objectives, o);
  return o;
}

TendHandoffStakeholder *
tend_handoff_plan_add_stakeholder (TendHandoffPlan *plan)
{
  TendHandoffStakeholder *s;

  g_return_val_if_fail (plan != NULL, NULL);

  s = g_new0 (TendHandoffStakeholder, 1);
  g_ptr_array_add (plan->stakeholders, s);
  return s;
}

TendHandoffCommitment *
tend_handoff_plan_add_commitment (TendHandoffPlan *plan)
{
  TendHandoffCommitment *c;

  g_return_val_if_fail (plan != NULL, NULL);

  c = g_new0 (TendHandoffCommitment, 1);
  g_ptr_array_add (plan->commitments, c);
  return c;
}

TendHandoffProduct *
tend_handoff_plan_add_product (TendHandoffPlan *plan)
{
  TendHandoffProduct *p;

  g_return_val_if_fail (plan != NULL, NULL);

  p = g_new0 (TendHandoffProduct, 1);
  g_ptr_array_add (plan->products, p);
  return p;
}

void
tend_handoff_plan_add_risk (TendHandoffPlan *plan,
                            const char      *risk)
{
  g_return_if_fail (plan != NULL);

  g_ptr_array_add (plan->risks, g_strdup (risk));
}

TendHandoffChecklistItem *
tend_handoff_plan_add_checklist_item (TendHandoffPlan *plan,
                                      const char      *item)
{
  TendHandoffChecklistItem *row;

  g_return_val_if_fail (plan != NULL, NULL);

  row = g_new0 (TendHandoffChecklistItem, 1);
  row->item = g_strdup (item);
  g_ptr_array_add (plan->checklist, row);
  return row;
}

guint
tend_handoff_plan_get_n_rows (const TendHandoffPlan *plan,
                              TendHandoffSection     section)
{
  GPtrArray *rows;

  g_return_val_if_fail (plan != NULL, 0);

  rows = section_rows (plan, section);
  g_return_val_if_fail (rows != NULL, 0);
  return rows->len;
}

gboolean
tend_handoff_plan_remove_row (TendHandoffPlan    *plan,
                              TendHandoffSection  section,
                              guint               index)
{
  GPtrArray *rows;

  g_return_val_if_fail (plan != NULL, FALSE);

  rows = section_rows (plan, section);
  g_return_val_if_fail (rows != NULL, FALSE);
  if (index >= rows->len)
    return FALSE;
  g_ptr_array_remove_index (rows, index);
  return TRUE;
}

gboolean
tend_handoff_plan_move_row (TendHandoffPlan    *plan,
                            TendHandoffSection  section,
                            guint               from,
                            guint               to)
{
  GPtrArray *rows;
  gpointer row;

  g_return_val_if_fail (plan != NULL, FALSE);

  rows = section_rows (plan, section);
  g_return_val_if_fail (rows != NULL, FALSE);
  if (from >= rows->len || to >= rows->len)
    return FALSE;
  if (from == to)
    return TRUE;
  row = g_ptr_array_steal_index (rows, from);
  g_ptr_array_insert (rows, (int) to, row);
  return TRUE;
}

void
tend_handoff_checklist_item_set_done (TendHandoffChecklistItem *item,
                                      gboolean                  is_done,
                                      const char               *who)
{
  g_return_if_fail (item != NULL);

  item->is_done = is_done;
  g_free (item->done_by);
  g_free (item->done_at);
  item->done_by = is_done ? g_strdup (who) : NULL;
  item->done_at = is_done ? tend_store_now_iso () : NULL;
}

void
tend_handoff_set_text (char       **field,
                       const char  *text)
{
  g_return_if_fail (field != NULL);

  if (*field == text)
    return;
  g_free (*field);
  *field = g_strdup (text);
}

/* Public: validation */

GPtrArray *
tend_handoff_plan_validate (const TendHandoffPlan *plan)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func (issue_free);
  g_autofree char *kickoff_text = NULL;
  TendDay kickoff, go_live;

  g_return_val_if_fail (plan != NULL, issues);

  kickoff = check_date (issues, "kickoff_date", plan->kickoff_date);
  if (is_blank (plan->kickoff_date))
    add_issue (issues, "kickoff_date", "Set the kickoff date");
  go_live = check_date (issues, "go_live_target", plan->go_live_target);
  if (is_blank (plan->go_live_target))
    add_issue (issues, "go_live_target", "Set the go-live target");
  kickoff_text = kickoff != TEND_DAY_NONE ? day_text (kickoff) : NULL;
  if (kickoff != TEND_DAY_NONE && go_live != TEND_DAY_NONE && go_live < kickoff)
    add_issue (issues, "go_live_target", "The go-live target is before the kickoff (%s)", kickoff_text);
  check_text (issues, "notes", plan->notes, 5 * TEND_HANDOFF_MAX_TEXT);

  if (plan->objectives->len == 0)
    add_issue (issues, "objectives", "Add at least one customer objective");
  for (guint i = 0; i < plan->objectives->len; i++)
    {
      const TendHandoffObjective *o = g_ptr_array_index (plan->objectives, i);
      g_autofree char *base = g_strdup_printf ("objectives[%u]", i);
      g_autofree char *objective = g_strconcat (base, ".objective", NULL);
      g_autofree char *metric = g_strconcat (base, ".success_metric", NULL);
      g_autofree char *value = g_strconcat (base, ".target_value", NULL);
      g_autofree char *date = g_strconcat (base, ".target_date", NULL);
      TendDay target;

      if (is_blank (o->objective))
        add_issue (issues, objective, "Describe the customer's objective");
      check_text (issues, objective, o->objective, TEND_HANDOFF_MAX_TEXT);
      if (is_blank (o->success_metric))
        add_issue (issues, metric, "Say how success will be measured");
      check_text (issues, metric, o->success_metric, TEND_HANDOFF_MAX_TEXT);
      check_text (issues, value, o->target_value, TEND_HANDOFF_MAX_TEXT);
      target = check_date (issues, date, o->target_date);
      if (target != TEND_DAY_NONE && kickoff != TEND_DAY_NONE && target < kickoff)
        add_issue (issues, date, "The target date is before the kickoff (%s)", kickoff_text);
      for (guint j = 0; j < o->progress->len; j++)
        {
          const TendHandoffProgressNote *n = g_ptr_array_index (o->progress, j);
          g_autofree char *note = g_strdup_printf ("%s.progress[%u].note", base, j);

          check_text (issues, note, n->note, TEND_HANDOFF_MAX_TEXT);
        }
    }

  for (guint i = 0; i < plan->stakeholders->len; i++)
    {
      const TendHandoffStakeholder *s = g_ptr_array_index (plan->stakeholders, i);
      g_autofree char *name = g_strdup_printf ("stakeholders[%u].name", i);
      g_autofree char *role = g_strdup_printf ("stakeholders[%u].role", i);
      g_autofree char *email = g_strdup_printf ("stakeholders[%u].email", i);

      if (is_blank (s->name))
        add_issue (issues, name, "Enter the stakeholder's name");
      check_text (issues, name, s->name, TEND_HANDOFF_MAX_TEXT);
      check_text (issues, role, s->role, TEND_HANDOFF_MAX_TEXT);
      if (!is_blank (s->email))
        {
          g_autofree char *stripped = g_strstrip (g_strdup (s->email));

          g_autofree char *quoted = quote_input (stripped);

          if (!looks_like_email (stripped))
            add_issue (issues, email, "“%s” is not an email address; expected name@example.com", quoted);
          else
            check_text (issues, email, s->email, TEND_HANDOFF_MAX_TEXT);
        }
    }

  for (guint i = 0; i < plan->commitments->len; i++)
    {
      const TendHandoffCommitment *c = g_ptr_array_index (plan->commitments, i);
      g_autofree char *what = g_strdup_printf ("commitments[%u].what", i);
      g_autofree char *due = g_strdup_printf ("commitments[%u].due_date", i);

      if (is_blank (c->what))
        add_issue (issues, what, "Say what was committed");
      check_text (issues, what, c->what, TEND_HANDOFF_MAX_TEXT);
      if (is_blank (c->due_date))
        add_issue (issues, due, "Set the date it is due by");
      check_date (issues, due, c->due_date);
    }

  for (guint i = 0; i < plan->products->len; i++)
    {
      const TendHandoffProduct *p = g_ptr_array_index (plan->products, i);
      g_autofree char *product = g_strdup_printf ("products[%u].product", i);
      g_autofree char *seats = g_strdup_printf ("products[%u].seats", i);

      if (is_blank (p->product))
        add_issue (issues, product, "Name the product");
      check_text (issues, product, p->product, TEND_HANDOFF_MAX_TEXT);
      if (!p->has_seats)
        add_issue (issues, seats, "Enter the number of seats bought");
      else if (p->seats < 1)
        add_issue (issues, seats, "The seats bought must be 1 or more");
    }

  for (guint i = 0; i < plan->risks->len; i++)
    {
      const char *risk = g_ptr_array_index (plan->risks, i);
      g_autofree char *field = g_strdup_printf ("risks[%u]", i);

      if (is_blank (risk))
        add_issue (issues, field, "Describe the risk or remove the row");
      check_text (issues, field, risk, TEND_HANDOFF_MAX_TEXT);
    }

  for (guint i = 0; i < plan->checklist->len; i++)
    {
      const TendHandoffChecklistItem *item = g_ptr_array_index (plan->checklist, i);
      g_autofree char *field = g_strdup_printf ("checklist[%u].item", i);

      if (is_blank (item->item))
        add_issue (issues, field, "Name the checklist item or remove it");
      check_text (issues, field, item->item, TEND_HANDOFF_MAX_TEXT);
    }
  return issues;
}

const char *
tend_handoff_issues_lookup (GPtrArray  *issues,
                            const char *field)
{
  g_return_val_if_fail (issues != NULL, NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      const TendHandoffIssue *issue = g_ptr_array_index (issues, i);

      if (g_strcmp0 (issue->field, field) == 0)
        return issue->message;
    }
  return NULL;
}

void
tend_handoff_issue_free (TendHandoffIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->field);
  g_free (issue->message);
  g_free (issue);
}

/* Public: JSON */

char *
tend_handoff_plan_to_json (const TendHandoffPlan *plan)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  node = plan_to_node (plan);
  text = node_to_string (node, TRUE);
  return g_strconcat (text, "\n", NULL);
}

TendHandoffPlan *
tend_handoff_plan_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TendHandoffPlan) plan = tend_handoff_plan_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *format = NULL;
  JsonObject *root;
  JsonNode *version;
  int state;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "Not a JSON document: %s", parse_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "Not a handoff plan: the document is not a JSON object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (!read_string (root, "", "format", &format, error))
    return NULL;
  if (g_strcmp0 (format, DOCUMENT_FORMAT) != 0)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "Not a handoff plan: format is “%s”, expected “" DOCUMENT_FORMAT "”",
                   format ? format : "missing");
      return NULL;
    }
  version = json_object_get_member (root, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != DOCUMENT_VERSION)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "Unsupported handoff plan version; this Tend reads version %d", DOCUMENT_VERSION);
      return NULL;
    }
  if (!check_members (root, "", plan_members, error) ||
      !read_string (root, "", "account_id", &plan->account_id, error) ||
      !read_string (root, "", "deal_id", &plan->deal_id, error) ||
      !read_word (root, "", "state", state_names, TEND_N_HANDOFF_STATES, &state, error) ||
      !read_string (root, "", "kickoff_date", &plan->kickoff_date, error) ||
      !read_string (root, "", "go_live_target", &plan->go_live_target, error) ||
      !read_string (root, "", "notes", &plan->notes, error) ||
      !read_string (root, "", "return_comment", &plan->return_comment, error) ||
      !read_string (root, "", "created_by", &plan->created_by, error) ||
      !read_string (root, "", "created_at", &plan->created_at, error) ||
      !read_string (root, "", "updated_by", &plan->updated_by, error) ||
      !read_string (root, "", "updated_at", &plan->updated_at, error) ||
      !read_string (root, "", "submitted_by", &plan->submitted_by, error) ||
      !read_string (root, "", "submitted_at", &plan->submitted_at, error) ||
      !read_string (root, "", "accepted_by", &plan->accepted_by, error) ||
      !read_string (root, "", "accepted_at", &plan->accepted_at, error) ||
      !read_string (root, "", "returned_by", &plan->returned_by, error) ||
      !read_string (root, "", "returned_at", &plan->returned_at, error))
    return NULL;
  plan->state = state;
  if (is_blank (plan->account_id))
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "account_id is missing; a plan belongs to an account");
      return NULL;
    }
  if (!read_rows (root, plan, error) || !check_state_facts (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/* Public: the workspace */

TendHandoffPlan *
tend_handoff_create (TendStore           *store,
                     const TendBook      *book,
                     const TendSettings  *settings,
                     const char          *deal_id,
                     const char          *account_id,
                     GError             **error)
{
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autofree char *detail = NULL;
  const TendAccount *account;
  TendSettings defaults = { 0 };
  GError *local = NULL;
  char * const *checklist;
  TendHandoffState state;
  gint64 existing, id;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (deal_id != NULL || account_id != NULL, NULL);

  if (deal_id != NULL)
    {
      const TendDeal *deal = find_deal (book, deal_id);

      if (deal == NULL)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                       "No deal with id “%s” in the workspace; sync, or check the id", deal_id);
          return NULL;
        }
      if (!deal->is_linked)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                       "Deal %s has no account in the workspace; link it to a company in the CRM and sync",
                       deal_id);
          return NULL;
        }
      if (deal->status == TEND_DEAL_LOST)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                       "Deal %s was lost; there is nothing to hand off", deal_id);
          return NULL;
        }
      if (account_id != NULL && g_strcmp0 (account_id, deal->account_id) != 0)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "Deal %s belongs to account %s, not %s", deal_id, deal->account_id, account_id);
          return NULL;
        }
      account_id = deal->account_id;
    }
  account = tend_book_find_account (book, account_id);
  if (account == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No account with id “%s” in the workspace; “tend-cli accounts” lists them",
                   account_id);
      return NULL;
    }

  plan = tend_handoff_plan_new ();
  plan->account_id = g_strdup (account->id);
  plan->deal_id = g_strdup (deal_id);
  plan->state = TEND_HANDOFF_DRAFT;
  plan->created_by = g_strdup (tend_store_get_actor (store));
  plan->created_at = tend_store_now_iso ();
  plan->updated_by = g_strdup (plan->created_by);
  plan->updated_at = g_strdup (plan->created_at);
  if (settings == NULL)
    tend_settings_init_defaults (&defaults);
  checklist = settings != NULL ? settings->onboarding_checklist : defaults.onboarding_checklist;
  for (guint i = 0; checklist != NULL && checklist[i] != NULL; i++)
    tend_handoff_plan_add_checklist_item (plan, checklist[i]);
  tend_settings_clear (&defaults);

  if (!tend_store_begin (store, error))
    return NULL;
  existing = find_plan_id (store, account->id, &state, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      goto fail;
    }
  if (existing != 0)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "%s already has a handoff plan (%" G_GINT64_FORMAT ", %s); "
                   "open it with “tend-cli handoff show %" G_GINT64_FORMAT "”",
                   account->name, existing, tend_handoff_state_to_string (state), existing);
      goto fail;
    }
  if ((id = write_plan_row (store, 0, plan, error)) == 0 ||
      !write_children (store, id, plan, error))
    goto fail;
  plan->id = id;
  detail = plan_to_compact_json (plan);
  if (!audit (store, id, "create", detail, error) || !tend_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&plan);

fail:
  tend_store_rollback (store);
  return NULL;
}

TendHandoffPlan *
tend_handoff_load (TendStore  *store,
                   gint64      plan_id,
                   GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return read_plan_or_fail (store, plan_id, error);
}

TendHandoffPlan *
tend_handoff_find_for_account (TendStore   *store,
                               const char  *account_id,
                               GError     **error)
{
  GError *local = NULL;
  gint64 id;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  id = find_plan_id (store, account_id, NULL, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return id != 0 ? read_plan (store, id, error) : NULL;
}

gboolean
tend_handoff_save (TendStore        *store,
                   TendHandoffPlan  *plan,
                   GError          **error)
{
  g_autoptr(TendHandoffPlan) stored = NULL;
  g_autoptr(TendHandoffPlan) next = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->id <= 0)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "This plan is not in the workspace; create it for a deal or an account first");
      return FALSE;
    }
  if (!tend_store_begin (store, error))
    return FALSE;
  if ((stored = read_plan_or_fail (store, plan->id, error)) == NULL)
    goto fail;
  if (stored->state != TEND_HANDOFF_DRAFT && stored->state != TEND_HANDOFF_RETURNED)
    {
      set_state_error (error, stored, "edited");
      goto fail;
    }

  /* The content comes from the form; who moved the plan where, from the
   * workspace. */
  next = tend_handoff_plan_copy (plan);
  tend_handoff_set_text (&next->account_id, stored->account_id);
  tend_handoff_set_text (&next->deal_id, stored->deal_id);
  next->state = stored->state;
  tend_handoff_set_text (&next->return_comment, stored->return_comment);
  tend_handoff_set_text (&next->created_by, stored->created_by);
  tend_handoff_set_text (&next->created_at, stored->created_at);
  tend_handoff_set_text (&next->updated_by, stored->updated_by);
  tend_handoff_set_text (&next->updated_at, stored->updated_at);
  tend_handoff_set_text (&next->submitted_by, stored->submitted_by);
  tend_handoff_set_text (&next->submitted_at, stored->submitted_at);
  tend_handoff_set_text (&next->accepted_by, stored->accepted_by);
  tend_handoff_set_text (&next->accepted_at, stored->accepted_at);
  tend_handoff_set_text (&next->returned_by, stored->returned_by);
  tend_handoff_set_text (&next->returned_at, stored->returned_at);
  before = plan_to_compact_json (stored);
  after = plan_to_compact_json (next);
  if (g_strcmp0 (before, after) != 0)
    {
      g_autofree char *now = tend_store_now_iso ();

      tend_handoff_set_text (&next->updated_by, tend_store_get_actor (store));
      tend_handoff_set_text (&next->updated_at, now);
      g_clear_pointer (&after, g_free);
      after = plan_to_compact_json (next);
      if (write_plan_row (store, plan->id, next, error) == 0 ||
          !write_children (store, plan->id, next, error) ||
          !audit (store, plan->id, "save", after, error))
        goto fail;
    }
  if (!tend_store_commit (store, error))
    goto fail;

  plan->state = next->state;
  tend_handoff_set_text (&plan->account_id, next->account_id);
  tend_handoff_set_text (&plan->deal_id, next->deal_id);
  tend_handoff_set_text (&plan->return_comment, next->return_comment);
  tend_handoff_set_text (&plan->updated_by, next->updated_by);
  tend_handoff_set_text (&plan->updated_at, next->updated_at);
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}

gboolean
tend_handoff_submit (TendStore   *store,
                     gint64       plan_id,
                     GPtrArray  **out_issues,
                     GError     **error)
{
  static const char sql[] =
    "UPDATE handoff_plans SET state = 'submitted', submitted_by = ?2, submitted_at = ?3, "
    "updated_by = ?2, updated_at = ?3 WHERE id = ?1";
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *now = tend_store_now_iso ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (out_issues != NULL)
    *out_issues = NULL;
  if (!tend_store_begin (store, error))
    return FALSE;
  if ((plan = read_plan_or_fail (store, plan_id, error)) == NULL)
    goto fail;
  if (plan->state != TEND_HANDOFF_DRAFT && plan->state != TEND_HANDOFF_RETURNED)
    {
      set_state_error (error, plan, "submitted");
      goto fail;
    }
  issues = tend_handoff_plan_validate (plan);
  if (issues->len > 0)
    {
      const TendHandoffIssue *first = g_ptr_array_index (issues, 0);

      if (issues->len == 1)
        g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                     "Handoff plan %" G_GINT64_FORMAT " is not ready to submit: %s: %s",
                     plan_id, first->field, first->message);
      else
        g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                     "Handoff plan %" G_GINT64_FORMAT " is not ready to submit: %s: %s "
                     "(and %u more problems)",
                     plan_id, first->field, first->message, issues->len - 1);
      if (out_issues != NULL)
        *out_issues = g_steal_pointer (&issues);
      goto fail;
    }
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  tend_stmt_bind_text (stmt, 2, tend_store_get_actor (store));
  tend_stmt_bind_text (stmt, 3, now);
  detail = transition_detail (plan->state, TEND_HANDOFF_SUBMITTED, NULL);
  if (!tend_store_step_done (store, stmt, error) ||
      !audit (store, plan_id, "submit", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}

gboolean
tend_handoff_accept (TendStore  *store,
                     gint64      plan_id,
                     GError    **error)
{
  static const char sql[] =
    "UPDATE handoff_plans SET state = 'accepted', accepted_by = ?2, accepted_at = ?3, "
    "updated_by = ?2, updated_at = ?3 WHERE id = ?1";
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autofree char *now = tend_store_now_iso ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (!tend_store_begin (store, error))
    return FALSE;
  if ((plan = read_plan_or_fail (store, plan_id, error)) == NULL)
    goto fail;
  if (plan->state != TEND_HANDOFF_SUBMITTED)
    {
      set_state_error (error, plan, "accepted");
      goto fail;
    }
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  tend_stmt_bind_text (stmt, 2, tend_store_get_actor (store));
  tend_stmt_bind_text (stmt, 3, now);
  detail = transition_detail (plan->state, TEND_HANDOFF_ACCEPTED, NULL);
  if (!tend_store_step_done (store, stmt, error) ||
      !audit (store, plan_id, "accept", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}

gboolean
tend_handoff_return (TendStore   *store,
                     gint64       plan_id,
                     const char  *comment,
                     GError     **error)
{
  static const char sql[] =
    "UPDATE handoff_plans SET state = 'returned', return_comment = ?2, returned_by = ?3, "
    "returned_at = ?4, updated_by = ?3, updated_at = ?4 WHERE id = ?1";
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func (issue_free);
  g_autofree char *now = tend_store_now_iso ();
  g_autofree char *detail = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (is_blank (comment))
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "Returning a plan needs a comment that says what to change");
      return FALSE;
    }
  check_text (issues, "comment", comment, TEND_HANDOFF_MAX_TEXT);
  if (issues->len > 0)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT, "The comment: %s",
                   ((TendHandoffIssue *) g_ptr_array_index (issues, 0))->message);
      return FALSE;
    }
  text = g_strstrip (g_strdup (comment));

  if (!tend_store_begin (store, error))
    return FALSE;
  if ((plan = read_plan_or_fail (store, plan_id, error)) == NULL)
    goto fail;
  if (plan->state != TEND_HANDOFF_SUBMITTED)
    {
      set_state_error (error, plan, "returned");
      goto fail;
    }
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  tend_stmt_bind_text (stmt, 2, text);
  tend_stmt_bind_text (stmt, 3, tend_store_get_actor (store));
  tend_stmt_bind_text (stmt, 4, now);
  detail = transition_detail (plan->state, TEND_HANDOFF_RETURNED, text);
  if (!tend_store_step_done (store, stmt, error) ||
      !audit (store, plan_id, "return", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}

/* Loads an accepted plan in a transaction and checks index against the
 * rows of section; NULL (rolled back) on failure. */
static TendHandoffPlan *
begin_tracking (TendStore           *store,
                gint64               plan_id,
                TendHandoffSection   section,
                guint                index,
                const char          *row_name,
                GError             **error)
{
  g_autoptr(TendHandoffPlan) plan = NULL;
  guint n;

  if (!tend_store_begin (store, error))
    return NULL;
  if ((plan = read_plan_or_fail (store, plan_id, error)) == NULL)
    goto fail;
  if (plan->state != TEND_HANDOFF_ACCEPTED)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "Handoff plan %" G_GINT64_FORMAT " is %s; its %ss are tracked once the CSM accepts it",
                   plan_id, tend_handoff_state_to_string (plan->state), row_name);
      goto fail;
    }
  n = tend_handoff_plan_get_n_rows (plan, section);
  if (index >= n)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "Handoff plan %" G_GINT64_FORMAT " has no %s %u (it has %u)",
                   plan_id, row_name, index + 1, n);
      goto fail;
    }
  return g_steal_pointer (&plan);

fail:
  tend_store_rollback (store);
  return NULL;
}

gboolean
tend_handoff_update_objective (TendStore            *store,
                               gint64                plan_id,
                               guint                 index,
                               TendObjectiveStatus   status,
                               const char           *note,
                               GError              **error)
{
  static const char status_sql[] =
    "UPDATE handoff_objectives SET status = ?3 WHERE plan_id = ?1 AND position = ?2";
  static const char note_sql[] =
    "INSERT INTO handoff_progress_notes (plan_id, objective_position, position, note, status, "
    "noted_by, noted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func (issue_free);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = tend_store_now_iso ();
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  TendHandoffObjective *o;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if ((guint) status >= TEND_N_OBJECTIVE_STATUSES)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "Unknown objective status; use not_started, on_track, at_risk or achieved");
      return FALSE;
    }
  if (!is_blank (note))
    {
      check_text (issues, "note", note, TEND_HANDOFF_MAX_TEXT);
      if (issues->len > 0)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT, "The note: %s",
                       ((TendHandoffIssue *) g_ptr_array_index (issues, 0))->message);
          return FALSE;
        }
      text = g_strstrip (g_strdup (note));
    }

  plan = begin_tracking (store, plan_id, TEND_HANDOFF_SECTION_OBJECTIVES, index, "objective", error);
  if (plan == NULL)
    return FALSE;
  o = g_ptr_array_index (plan->objectives, index);
  if (o->status == status && text == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                   "Objective %u is already %s; give a note or another status",
                   index + 1, tend_objective_status_to_string (status));
      goto fail;
    }

  if ((stmt = tend_store_prepare (store, status_sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, index);
  tend_stmt_bind_text (stmt, 3, tend_objective_status_to_string (status));
  if (!tend_store_step_done (store, stmt, error))
    goto fail;
  if ((stmt = tend_store_prepare (store, note_sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, index);
  sqlite3_bind_int64 (stmt, 3, o->progress->len);
  tend_stmt_bind_text (stmt, 4, text);
  tend_stmt_bind_text (stmt, 5, tend_objective_status_to_string (status));
  tend_stmt_bind_text (stmt, 6, tend_store_get_actor (store));
  tend_stmt_bind_text (stmt, 7, now);
  if (!tend_store_step_done (store, stmt, error) ||
      !touch_plan (store, plan_id, now, error))
    goto fail;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "objective");
  json_builder_add_int_value (b, index);
  add_string (b, "from", tend_objective_status_to_string (o->status));
  add_string (b, "status", tend_objective_status_to_string (status));
  add_string (b, "note", text);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = node_to_string (root, FALSE);
  if (!audit (store, plan_id, "objective_progress", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}

gboolean
tend_handoff_set_checklist_done (TendStore  *store,
                                 gint64      plan_id,
                                 guint       index,
                                 gboolean    is_done,
                                 GError    **error)
{
  static const char sql[] =
    "UPDATE handoff_checklist SET is_done = ?3, done_by = ?4, done_at = ?5 "
    "WHERE plan_id = ?1 AND position = ?2";
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = tend_store_now_iso ();
  g_autofree char *detail = NULL;
  TendHandoffChecklistItem *item;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  plan = begin_tracking (store, plan_id, TEND_HANDOFF_SECTION_CHECKLIST, index, "checklist item", error);
  if (plan == NULL)
    return FALSE;
  item = g_ptr_array_index (plan->checklist, index);
  if (!item->is_done == !is_done)
    {
      /* Already so: keep who did it and when. */
      tend_store_rollback (store);
      return TRUE;
    }
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, index);
  sqlite3_bind_int (stmt, 3, is_done ? 1 : 0);
  tend_stmt_bind_text (stmt, 4, is_done ? tend_store_get_actor (store) : NULL);
  tend_stmt_bind_text (stmt, 5, is_done ? now : NULL);
  if (!tend_store_step_done (store, stmt, error) ||
      !touch_plan (store, plan_id, now, error))
    goto fail;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, index);
  add_string (b, "text", item->item);
  add_bool (b, "done", is_done);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = node_to_string (root, FALSE);
  if (!audit (store, plan_id, "checklist", detail, error) || !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}

gboolean
tend_handoff_review_commitment (TendStore             *store,
                                gint64                 plan_id,
                                guint                  index,
                                TendCommitmentStatus   status,
                                GError               **error)
{
  static const char sql[] =
    "UPDATE handoff_commitments SET status = ?3, reviewed_by = ?4, reviewed_at = ?5 "
    "WHERE plan_id = ?1 AND position = ?2";
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = tend_store_now_iso ();
  g_autofree char *detail = NULL;
  TendHandoffCommitment *c;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if ((guint) status >= TEND_N_COMMITMENT_STATUSES)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                           "Unknown commitment status; use pending, delivered, at_risk or missed");
      return FALSE;
    }
  plan = begin_tracking (store, plan_id, TEND_HANDOFF_SECTION_COMMITMENTS, index, "commitment", error);
  if (plan == NULL)
    return FALSE;
  c = g_ptr_array_index (plan->commitments, index);
  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, index);
  tend_stmt_bind_text (stmt, 3, tend_commitment_status_to_string (status));
  tend_stmt_bind_text (stmt, 4, tend_store_get_actor (store));
  tend_stmt_bind_text (stmt, 5, now);
  if (!tend_store_step_done (store, stmt, error) ||
      !touch_plan (store, plan_id, now, error))
    goto fail;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "commitment");
  json_builder_add_int_value (b, index);
  add_string (b, "from", tend_commitment_status_to_string (c->status));
  add_string (b, "status", tend_commitment_status_to_string (status));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = node_to_string (root, FALSE);
  if (!audit (store, plan_id, "commitment_review", detail, error) || !tend_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tend_store_rollback (store);
  return FALSE;
}

gint64
tend_handoff_import (TendStore       *store,
                     const TendBook  *book,
                     const char      *json,
                     GError         **error)
{
  g_autoptr(TendHandoffPlan) plan = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *now = tend_store_now_iso ();
  GError *local = NULL;
  TendHandoffState existing_state = TEND_HANDOFF_DRAFT;
  gint64 existing, id;

  g_return_val_if_fail (TEND_IS_STORE (store), 0);
  g_return_val_if_fail (book != NULL, 0);
  g_return_val_if_fail (json != NULL, 0);

  if ((plan = tend_handoff_plan_from_json (json, error)) == NULL)
    return 0;
  if (plan->state == TEND_HANDOFF_SUBMITTED || plan->state == TEND_HANDOFF_ACCEPTED)
    {
      g_autoptr(GPtrArray) issues = tend_handoff_plan_validate (plan);

      if (issues->len > 0)
        {
          const TendHandoffIssue *first = g_ptr_array_index (issues, 0);

          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "The plan is %s but not complete: %s: %s",
                       tend_handoff_state_to_string (plan->state), first->field, first->message);
          return 0;
        }
    }
  if (tend_book_find_account (book, plan->account_id) == NULL)
    {
      g_autofree char *quoted = quote_input (plan->account_id);

      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "The plan is for account “%s”, which is not in the workspace; sync first",
                   quoted);
      return 0;
    }
  if (plan->deal_id != NULL)
    {
      const TendDeal *deal = find_deal (book, plan->deal_id);

      if (deal != NULL && g_strcmp0 (deal->account_id, plan->account_id) != 0)
        {
          g_set_error (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT,
                       "The plan's deal %s belongs to account %s, not %s",
                       plan->deal_id, deal->account_id ? deal->account_id : "(none)", plan->account_id);
          return 0;
        }
    }
  /* A hand-written document may leave out who made it. */
  if (plan->created_by == NULL)
    plan->created_by = g_strdup (tend_store_get_actor (store));
  if (plan->created_at == NULL)
    plan->created_at = g_strdup (now);
  if (plan->updated_by == NULL)
    plan->updated_by = g_strdup (tend_store_get_actor (store));
  if (plan->updated_at == NULL)
    plan->updated_at = g_strdup (now);

  if (!tend_store_begin (store, error))
    return 0;
  existing = find_plan_id (store, plan->account_id, &existing_state, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      goto fail;
    }
  if (existing != 0 && existing_state != TEND_HANDOFF_DRAFT && existing_state != TEND_HANDOFF_RETURNED)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_STATE,
                   "Account %s already has handoff plan %" G_GINT64_FORMAT ", which is %s; "
                   "an import replaces only a draft or a returned plan",
                   plan->account_id, existing, tend_handoff_state_to_string (existing_state));
      goto fail;
    }
  if ((id = write_plan_row (store, existing, plan, error)) == 0 ||
      !write_children (store, id, plan, error))
    goto fail;
  detail = plan_to_compact_json (plan);
  if (!audit (store, id, existing != 0 ? "import_replace" : "import", detail, error) ||
      !tend_store_commit (store, error))
    goto fail;
  return id;

fail:
  tend_store_rollback (store);
  return 0;
}

GPtrArray *
tend_handoff_list (TendStore  *store,
                   GError    **error)
{
  static const char sql[] =
    "SELECT p.id, p.account_id, p.deal_id, p.state, p.updated_at, "
    "(SELECT count(*) FROM handoff_objectives o WHERE o.plan_id = p.id) "
    "FROM handoff_plans p ORDER BY p.id";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_handoff_summary_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHandoffSummary *s = g_new0 (TendHandoffSummary, 1);
      int state = tend_handoff_state_from_string (tend_stmt_column_text (stmt, 3));

      s->plan_id = sqlite3_column_int64 (stmt, 0);
      s->account_id = tend_stmt_column_dup (stmt, 1);
      s->deal_id = tend_stmt_column_dup (stmt, 2);
      s->state = MAX (state, 0);
      s->updated_at = tend_stmt_column_dup (stmt, 4);
      s->n_objectives = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (rows, s);
    }
  if (!finish_read (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

void
tend_handoff_summary_free (TendHandoffSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->account_id);
  g_free (summary->deal_id);
  g_free (summary->updated_at);
  g_free (summary);
}

GArray *
tend_handoff_awaiting (TendStore       *store,
                       const TendBook  *book,
                       TendDay          as_of,
                       GError         **error)
{
  static const char sql[] = "SELECT account_id, id, state FROM handoff_plans";
  g_autoptr(GHashTable) plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (TendHandoffAwaiting));
  TendDay after = tend_day_add_days (as_of, -TEND_HANDOFF_AWAITING_DAYS);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);

  if ((stmt = tend_store_prepare (store, sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHandoffAwaiting *plan = g_new0 (TendHandoffAwaiting, 1);
      int state = tend_handoff_state_from_string (tend_stmt_column_text (stmt, 2));

      plan->plan_id = sqlite3_column_int64 (stmt, 1);
      plan->plan_state = MAX (state, 0);
      g_hash_table_replace (plans, tend_stmt_column_dup (stmt, 0), plan);
    }
  if (!finish_read (store, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < book->n_deals; i++)
    {
      const TendDeal *deal = &book->deals[i];
      const TendHandoffAwaiting *plan;
      TendHandoffAwaiting row = { 0 };

      /* "the last N days" is D-N < x <= D (DOMAIN.md 1). */
      if (deal->category != TEND_DEAL_NEW || deal->status != TEND_DEAL_WON ||
          deal->close_date == TEND_DAY_NONE ||
          deal->close_date <= after || deal->close_date > as_of || !deal->is_linked)
        continue;
      plan = g_hash_table_lookup (plans, deal->account_id);
      if (plan != NULL && plan->plan_state == TEND_HANDOFF_ACCEPTED)
        continue;
      row.deal = deal;
      row.account = tend_book_find_account (book, deal->account_id);
      if (row.account == NULL)
        continue;
      row.rep_name = tend_book_owner_name (book, deal->owner_id);
      row.won_date = deal->close_date;
      row.days_since_won = (int) (as_of - deal->close_date);
      row.plan_id = plan != NULL ? plan->plan_id : 0;
      row.plan_state = plan != NULL ? plan->plan_state : TEND_HANDOFF_DRAFT;
      g_array_append_val (rows, row);
    }
  g_array_sort (rows, compare_awaiting);
  return g_steal_pointer (&rows);
}

GPtrArray *
tend_handoff_success_plan_for_account (TendStore   *store,
                                       const char  *account_id,
                                       GError     **error)
{
  g_autoptr(TendHandoffPlan) plan = NULL;
  GError *local = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  plan = tend_handoff_find_for_account (store, account_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (plan == NULL || plan->state != TEND_HANDOFF_ACCEPTED)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) objective_free);
  return g_ptr_array_ref (plan->objectives);
}
