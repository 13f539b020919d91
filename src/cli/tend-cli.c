// tend-cli: the same core as the window, from a terminal (ARCHITECTURE.md).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tend-cli.h"
#include "tend-error.h"

static const TendCliCommand *groups[] = {
  tend_cli_sync_commands,
  tend_cli_accounts_commands,
  tend_cli_health_commands,
  tend_cli_renewals_commands,
  tend_cli_handoffs_commands,
  tend_cli_incentives_commands,
  tend_cli_reports_commands,
};

static void
print_help (FILE *out)
{
  fprintf (out,
           "Usage: tend-cli [--workspace PATH] [--as-of YYYY-MM-DD] COMMAND [OPTIONS]\n\n"
           "Tend keeps a local cache of your CRM's accounts and computes health,\n"
           "renewals, handoffs and incentives from it.\n\nCommands:\n");
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const TendCliCommand *c = groups[g]; c->name != NULL; c++)
      fprintf (out, "  %-12s %s\n", c->name, c->summary);
  fprintf (out, "\nRun “tend-cli COMMAND --help” for a command's options.\n");
}

static const TendCliCommand *
find_command (const char *name)
{
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const TendCliCommand *c = groups[g]; c->name != NULL; c++)
      if (strcmp (c->name, name) == 0)
        return c;
  return NULL;
}

TendStore *
tend_cli_store (TendCli  *cli,
                GError  **error)
{
  if (cli->store == NULL)
    cli->store = tend_store_open (cli->workspace_path, error);
  return cli->store;
}

TendBook *
tend_cli_book (TendCli  *cli,
               GError  **error)
{
  if (cli->book == NULL)
    {
      TendStore *store = tend_cli_store (cli, error);
      if (store == NULL)
        return NULL;
      cli->book = tend_book_load (store, error);
    }
  return cli->book;
}

#define MAX_QUOTED_CHARS 60

/* Messages quote what a person typed: keep them on one line and short,
 * whatever was typed (a pasted 100 KB value, a newline, a control
 * character). Quoted values longer than MAX_QUOTED_CHARS are cut with “…”. */
static void
print_message (const char *prefix,
               const char *message)
{
  g_autofree char *valid = g_utf8_make_valid (message, -1);
  GString *out = g_string_new (prefix);
  guint quoted = 0;
  gboolean in_quote = FALSE;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x201C)
        {
          in_quote = TRUE;
          quoted = 0;
        }
      else if (c == 0x201D)
        in_quote = FALSE;
      else if (in_quote && ++quoted > MAX_QUOTED_CHARS)
        {
          if (quoted == MAX_QUOTED_CHARS + 1)
            g_string_append (out, "…");
          continue;
        }
      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '\n');
  fputs (out->str, stderr);
  g_string_free (out, TRUE);
}

/* Prints a failure's one-line message and returns the exit status: 2 when
 * the input was wrong, 1 otherwise. Takes the error. */
int
tend_cli_fail (GError *error)
{
  int status = g_error_matches (error, TEND_ERROR, TEND_ERROR_INVALID_INPUT) ||
               g_error_matches (error, TEND_ERROR, TEND_ERROR_NOT_FOUND)
               ? TEND_CLI_USAGE : TEND_CLI_FAILURE;

  print_message ("tend-cli: ", error->message);
  g_error_free (error);
  return status;
}

int
tend_cli_usage_error (const char *command,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (command != NULL)
    {
      g_autofree char *prefix = g_strdup_printf ("tend-cli %s: ", command);
      print_message (prefix, message);
    }
  else
    print_message ("tend-cli: ", message);
  return TEND_CLI_USAGE;
}

/* Parses a command's options; on failure or --help sets *out_status and
 * returns FALSE. Leftover arguments stay in argv (argv[0] is the command). */
gboolean
tend_cli_parse_options (const char     *command,
                        const char     *parameter_string,
                        GOptionEntry   *entries,
                        int            *argc,
                        char         ***argv,
                        int            *out_status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = tend_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* json-glib 1.6 prints doubles with 17 digits (63.4 becomes
 * 63.399999999999999), so the CLI prints its JSON with this small writer:
 * the shortest text that reads back as the same double. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* Fixed notation with the fewest decimals (at least one) that read back
   * exactly; anything finer falls back to 17 significant digits. */
  for (int decimals = 1; decimals <= 10; decimals++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        {
          g_string_append (out, buf);
          return;
        }
    }
  g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        append_double (out, json_node_get_double (node));
      else
        {
          g_autofree char *text = json_to_string (node, FALSE);
          g_string_append (out, text);
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append_printf (out, "%s\n%*s", i > 0 ? "," : "", (depth + 1) * 2, "");
            append_node (out, json_array_get_element (array, i), depth + 1);
          }
        if (n > 0)
          g_string_append_printf (out, "\n%*s", depth * 2, "");
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), l->data);
            g_autofree char *quoted = json_to_string (name, FALSE);

            g_string_append_printf (out, "%s\n%*s%s: ", first ? "" : ",", (depth + 1) * 2, "", quoted);
            append_node (out, json_object_get_member (object, l->data), depth + 1);
            first = FALSE;
          }
        if (!first)
          g_string_append_printf (out, "\n%*s", depth * 2, "");
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_string_append (out, "null");
      break;
    }
}

void
tend_cli_print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(GString) out = g_string_new (NULL);

  append_node (out, root, 0);
  g_string_append_c (out, '\n');
  fputs (out->str, stdout);
}

void
tend_cli_json_add_double_or_null (JsonBuilder *b,
                                  const char  *member,
                                  gboolean     present,
                                  double       value)
{
  json_builder_set_member_name (b, member);
  if (present && isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
tend_cli_print_json (JsonNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_node (out, node, 0);
  g_string_append_c (out, '\n');
  fputs (out->str, stdout);
}

void
tend_cli_json_add_day (JsonBuilder *builder,
                       const char  *member,
                       TendDay      day)
{
  char buf[11];

  json_builder_set_member_name (builder, member);
  if (day == TEND_DAY_NONE)
    json_builder_add_null_value (builder);
  else
    {
      tend_day_format (day, buf);
      json_builder_add_string_value (builder, buf);
    }
}

void
tend_cli_json_add_string_or_null (JsonBuilder *builder,
                                  const char  *member,
                                  const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

void
tend_cli_json_add_int_or_null (JsonBuilder *builder,
                               const char  *member,
                               gboolean     present,
                               gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (!present)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *workspace = NULL;
  g_autofree char *as_of = NULL;
  const TendCliCommand *command;
  TendCli cli = { 0 };
  int i, status;

  setlocale (LC_ALL, "");
  /* Debug and info messages (G_MESSAGES_DEBUG) would go to stdout and
   * break the JSON there: every diagnostic goes to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* Global options may stand before or after the command: take them out
   * wherever they are, and leave the rest to the command. */
  {
    int out = 1;
    for (i = 1; i < argc; i++)
      {
        const char *arg = argv[i];
        char **target = NULL;
        const char *value;

        if (g_str_equal (arg, "--workspace") || g_str_has_prefix (arg, "--workspace="))
          target = &workspace;
        else if (g_str_equal (arg, "--as-of") || g_str_has_prefix (arg, "--as-of="))
          target = &as_of;
        else
          {
            argv[out++] = argv[i];
            continue;
          }
        value = strchr (arg, '=');
        if (value != NULL)
          value++;
        else if (i + 1 < argc)
          value = argv[++i];
        else
          return tend_cli_usage_error (NULL, "%s needs a value", arg);
        g_free (*target);
        *target = g_strdup (value);
      }
    argc = out;
    argv[argc] = NULL;
  }

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help (stdout);
          return TEND_CLI_OK;
        }
      if (g_str_equal (arg, "--version"))
        {
          printf ("tend-cli %s\n", PACKAGE_VERSION);
          return TEND_CLI_OK;
        }
      if (arg[0] == '-')
        return tend_cli_usage_error (NULL, "unknown option “%s” before the command; see tend-cli --help", arg);
      break;
    }

  if (i >= argc)
    {
      print_help (stderr);
      return TEND_CLI_USAGE;
    }
  command = find_command (argv[i]);
  if (command == NULL)
    return tend_cli_usage_error (NULL, "unknown command “%s”; see tend-cli --help", argv[i]);

  if (as_of != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!tend_day_parse (as_of, &cli.as_of, &error))
        return tend_cli_usage_error (NULL, "--as-of: %s", error->message);
      cli.as_of_given = TRUE;
    }
  else
    cli.as_of = tend_day_today ();

  if (workspace != NULL && *workspace == '\0')
    return tend_cli_usage_error (NULL, "--workspace needs the path of a workspace file, such as ~/work.db");
  if (workspace == NULL && g_getenv ("TEND_WORKSPACE") != NULL)
    workspace = g_strdup (g_getenv ("TEND_WORKSPACE"));
  /* --workspace is a path to the database file; without it, the default
   * workspace under $XDG_DATA_HOME/tend. */
  if (workspace != NULL)
    cli.workspace_path = g_steal_pointer (&workspace);
  else
    cli.workspace_path = tend_store_default_path ("default");

  status = command->run (&cli, argc - i, argv + i);

  g_clear_pointer (&cli.book, tend_book_free);
  g_clear_object (&cli.store);
  g_free (cli.workspace_path);
  fflush (stdout);
  return status;
}
