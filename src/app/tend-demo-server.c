// The bundled CRM simulator, run on a loopback port to fill the demo workspace.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tend-day.h"
#include "tend-demo-server.h"
#include "tend-error.h"

#define DEMO_SEED     "7"
#define DEMO_ACCOUNTS "300"   /* the simulator's default portfolio */

struct _TendDemoServer
{
  GObject      parent_instance;

  GSubprocess *process;
  char        *base_url;
};

G_DEFINE_FINAL_TYPE (TendDemoServer, tend_demo_server, G_TYPE_OBJECT)

static void
line_read (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendDemoServer *self = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *url;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                     NULL, &error);
  if (line == NULL)
    {
      tend_demo_server_stop (self);
      if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_new_error (task, TEND_ERROR, TEND_ERROR_CANCELLED, _("Cancelled"));
      else
        g_task_return_new_error (task, TEND_ERROR, TEND_ERROR_FAILED,
                                 _("The demo server stopped before it was ready%s%s"),
                                 error ? ": " : "", error ? error->message : "");
      return;
    }
  url = strstr (line, "http://");
  if (!g_str_has_prefix (line, "listening on ") || url == NULL)
    {
      tend_demo_server_stop (self);
      g_task_return_new_error (task, TEND_ERROR, TEND_ERROR_PROTOCOL,
                               _("The demo server said “%s” instead of its address"), line);
      return;
    }
  self->base_url = g_strdup (g_strstrip ((char *) url));
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

static void
tend_demo_server_dispose (GObject *object)
{
  TendDemoServer *self = TEND_DEMO_SERVER (object);

  tend_demo_server_stop (self);

  G_OBJECT_CLASS (tend_demo_server_parent_class)->dispose (object);
}

static void
tend_demo_server_finalize (GObject *object)
{
  TendDemoServer *self = TEND_DEMO_SERVER (object);

  g_free (self->base_url);

  G_OBJECT_CLASS (tend_demo_server_parent_class)->finalize (object);
}

static void
tend_demo_server_class_init (TendDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tend_demo_server_dispose;
  object_class->finalize = tend_demo_server_finalize;
}

static void
tend_demo_server_init (TendDemoServer *self)
{
}

/* The simulator goes away with the app, even when the app crashes. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* TEND_CRM_SIM when set (tests, a build tree), else the installed copy. */
char *
tend_demo_server_find_program (GError **error)
{
  const char *env = g_getenv ("TEND_CRM_SIM");
  g_autofree char *installed = g_build_filename (TEND_LIBEXECDIR, "tend-crm-sim", NULL);
  const char *path = (env != NULL && *env != '\0') ? env : installed;

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   _("The demo server is not installed (looked for %s)"), path);
      return NULL;
    }
  return g_strdup (path);
}

/* Starts the simulator on a free loopback port with a fixed seed and today's
 * date, and completes once it printed its address. */
void
tend_demo_server_start_async (GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(TendDemoServer) self = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *program = NULL;
  g_autofree char *today = tend_day_to_iso (tend_day_today ());
  const char *token = g_getenv ("TEND_CRM_TOKEN");
  GError *error = NULL;

  g_task_set_source_tag (task, tend_demo_server_start_async);
  program = tend_demo_server_find_program (&error);
  if (program == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  self = g_object_new (TEND_TYPE_DEMO_SERVER, NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawn (launcher, &error,
                                               program, "--port", "0", "--seed", DEMO_SEED,
                                               "--accounts", DEMO_ACCOUNTS, "--today", today,
                                               "--token", (token != NULL && *token != '\0') ? token : TEND_DEMO_TOKEN,
                                               NULL);
  if (self->process == NULL)
    {
      g_prefix_error (&error, _("Could not start the demo server: "));
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, g_object_ref (self), g_object_unref);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, cancellable,
                                       line_read, g_steal_pointer (&task));
}

TendDemoServer *
tend_demo_server_start_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* http://127.0.0.1:PORT */
const char *
tend_demo_server_get_base_url (TendDemoServer *self)
{
  g_return_val_if_fail (TEND_IS_DEMO_SERVER (self), NULL);
  return self->base_url;
}

void
tend_demo_server_stop (TendDemoServer *self)
{
  g_return_if_fail (TEND_IS_DEMO_SERVER (self));

  if (self->process == NULL)
    return;
  g_subprocess_force_exit (self->process);
  /* Reap it; the answer does not matter. */
  g_subprocess_wait_async (self->process, NULL, NULL, NULL);
  g_clear_object (&self->process);
}
