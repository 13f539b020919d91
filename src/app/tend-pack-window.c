// A QBR pack or portfolio review: its pages previewed, its notes, export.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-error.h"
#include "tend-format.h"
#include "tend-pack-page.h"
#include "tend-pack-preview.h"
#include "tend-pack-window.h"
#include "tend-qbr-notes.h"
#include "tend-qbr.h"
#include "tend-review.h"

/* The pack is computed and drawn in GTask threads, each with a store of
 * its own (SQLite connections are per thread) and a book the first one
 * loads: never the workspace's, which a sync may replace at any time. */

/* That book, shared by the packs computed from it. */
typedef struct {
  TendBook *book;
} SharedBook;

/* What one computation made; read-only after, so the drawing and export
 * tasks that follow can share it. */
typedef struct {
  SharedBook *book;
  TendQbr    *qbr;
  TendReview *review;
} Pack;

typedef struct {
  /* what to do: compute (pack NULL), compute again with pack's book after
   * the notes changed (recompute), or only draw pack on another paper */
  char         *path;
  gboolean      is_review;
  char         *id;
  TendDay       as_of;
  TendSettings  settings;
  TendPaper     paper;
  Pack         *pack;
  gboolean      recompute;
  /* what it made */
  Pack         *new_pack;
  char         *name;           /* the account's or owner's; NULL for all */
  char         *stored_notes;
  GPtrArray    *pages;
} PreviewJob;

typedef struct {
  Pack      *pack;
  TendPaper  paper;
  char      *path;
} ExportJob;

struct _TendPackWindow
{
  AdwWindow       parent_instance;

  TendWorkspace  *workspace;
  gboolean        is_review;
  char           *id;
  char           *name;
  TendDay         as_of;
  TendSettings    settings;
  GCancellable   *cancellable;
  Pack           *pack;
  char           *saved_notes;
  GtkFileChooserNative *chooser;
  guint           is_drawing : 1;
  guint           is_exporting : 1;
  guint           discard_notes : 1;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkDropDown    *paper_dropdown;
  GtkSpinner     *busy_spinner;
  GtkStack       *stack;
  GtkSpinner     *loading_spinner;
  GtkLabel       *loading_label;
  AdwStatusPage  *error_status;
  GtkWidget      *notes_panel;
  GtkWidget      *notes_separator;
  GtkTextView    *notes_view;
  GtkLabel       *notes_count_label;
  GListStore     *pages;
};

G_DEFINE_FINAL_TYPE (TendPackWindow, tend_pack_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_IS_REVIEW,
  PROP_ID,
  PROP_IS_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shared_book_clear (SharedBook *shared)
{
  g_clear_pointer (&shared->book, tend_book_free);
}

static SharedBook *
shared_book_ref (SharedBook *shared)
{
  return g_atomic_rc_box_acquire (shared);
}

static void
shared_book_unref (SharedBook *shared)
{
  g_atomic_rc_box_release_full (shared, (GDestroyNotify) shared_book_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SharedBook, shared_book_unref)

static void
pack_clear (Pack *pack)
{
  /* the pack points into the book: free it first */
  g_clear_pointer (&pack->qbr, tend_qbr_free);
  g_clear_pointer (&pack->review, tend_review_free);
  g_clear_pointer (&pack->book, shared_book_unref);
}

static Pack *
pack_ref (Pack *pack)
{
  return g_atomic_rc_box_acquire (pack);
}

static void
pack_unref (Pack *pack)
{
  g_atomic_rc_box_release_full (pack, (GDestroyNotify) pack_clear);
}

static void
preview_job_free (PreviewJob *job)
{
  g_free (job->path);
  g_free (job->id);
  tend_settings_clear (&job->settings);
  g_clear_pointer (&job->pack, pack_unref);
  g_clear_pointer (&job->new_pack, pack_unref);
  g_free (job->name);
  g_free (job->stored_notes);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  g_free (job);
}

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->pack, pack_unref);
  g_free (job->path);
  g_free (job);
}

static TendPaper
get_paper (TendPackWindow *self)
{
  return gtk_drop_down_get_selected (self->paper_dropdown) == 1 ? TEND_PAPER_LETTER : TEND_PAPER_A4;
}

/* The notes as the editor holds them, trimmed as the store keeps them. */
static char *
dup_notes_text (TendPackWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static gboolean
notes_are_dirty (TendPackWindow *self)
{
  g_autofree char *text = NULL;

  if (self->is_review || self->pack == NULL)
    return FALSE;
  text = dup_notes_text (self);
  return g_strcmp0 (text, self->saved_notes ? self->saved_notes : "") != 0;
}

static void
update_actions (TendPackWindow *self)
{
  gboolean has_pack = self->pack != NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  int n_chars = gtk_text_buffer_get_char_count (buffer);
  gboolean fits = n_chars <= TEND_QBR_NOTES_MAX_TEXT;
  gboolean is_busy = self->is_drawing || self->is_exporting;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pack.export", has_pack && !self->is_exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pack.save-notes",
                                 has_pack && !self->is_drawing && fits && notes_are_dirty (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pack.retry", !self->is_drawing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_dropdown), has_pack && !self->is_drawing);

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), has_pack && is_busy);
  gtk_spinner_set_spinning (self->busy_spinner, has_pack && is_busy);
  gtk_spinner_set_spinning (self->loading_spinner, !has_pack && self->is_drawing);

  if (fits)
    gtk_widget_remove_css_class (GTK_WIDGET (self->notes_count_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->notes_count_label), "error");
}

static void
set_busy (TendPackWindow *self,
          gboolean        is_drawing,
          gboolean        is_exporting)
{
  gboolean was_busy = self->is_drawing || self->is_exporting;

  self->is_drawing = is_drawing;
  self->is_exporting = is_exporting;
  update_actions (self);
  if (was_busy != (is_drawing || is_exporting))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_BUSY]);
}

static char *
dup_subject (TendPackWindow *self)
{
  if (self->name != NULL && *self->name != '\0')
    return g_strdup (self->name);
  if (self->is_review && self->id == NULL)
    return g_strdup (_("All accounts"));
  return g_strdup (self->id);
}

static void
update_title (TendPackWindow *self)
{
  g_autofree char *subject = dup_subject (self);
  g_autofree char *title = NULL;
  g_autofree char *day = tend_format_day (self->as_of);
  g_autofree char *subtitle = NULL;
  guint n_pages = g_list_model_get_n_items (G_LIST_MODEL (self->pages));

  if (self->is_review)
    /* Translators: %s is a person's name or "All accounts" */
    title = g_strdup_printf (_("Portfolio Review — %s"), subject);
  else
    /* Translators: %s is an account's name; QBR is a quarterly business review */
    title = g_strdup_printf (_("QBR — %s"), subject);

  if (n_pages > 0)
    /* Translators: "As of 23 Nov 2026 · 6 pages" */
    subtitle = g_strdup_printf (ngettext ("As of %s · %u page", "As of %s · %u pages", n_pages),
                                day, n_pages);
  else
    /* Translators: %s is a day such as "23 Nov 2026" */
    subtitle = g_strdup_printf (_("As of %s"), day);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
add_toast (TendPackWindow *self,
           AdwToast       *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_message (TendPackWindow *self,
              const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  add_toast (self, adw_toast_new (escaped));
}

static void
show_pages (TendPackWindow *self,
            GPtrArray      *surfaces)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < surfaces->len; i++)
    g_ptr_array_add (pages, tend_pack_page_new (g_ptr_array_index (surfaces, i), i + 1, surfaces->len));
  g_list_store_splice (self->pages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pages)),
                       pages->pdata, pages->len);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  update_title (self);
}

/* Sets the editor's text without marking it as edited. */
static void
set_saved_notes (TendPackWindow *self,
                 const char     *text)
{
  gboolean was_dirty = notes_are_dirty (self);
  g_autofree char *shown = dup_notes_text (self);

  g_free (self->saved_notes);
  self->saved_notes = g_strdup (text ? text : "");
  /* Unedited text follows the store; what is being written is kept. */
  if (!was_dirty && !g_str_equal (shown, self->saved_notes))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), self->saved_notes, -1);
  update_actions (self);
}

static Pack *
compute_pack (TendStore   *store,
              SharedBook  *book,
              PreviewJob  *job,
              GError     **error)
{
  Pack *pack = g_atomic_rc_box_new0 (Pack);

  pack->book = shared_book_ref (book);
  if (job->is_review)
    pack->review = tend_review_compute (store, book->book, job->id, job->as_of, &job->settings, error);
  else
    pack->qbr = tend_qbr_compute (store, book->book, job->id, job->as_of, &job->settings, error);
  if (pack->qbr == NULL && pack->review == NULL)
    {
      pack_unref (pack);
      return NULL;
    }
  return pack;
}

static void
preview_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(SharedBook) book = NULL;
  GError *error = NULL;
  Pack *pack = job->pack;

  if (pack == NULL || job->recompute)
    {
      store = tend_store_open (job->path, &error);
      if (store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (pack != NULL)
        book = shared_book_ref (pack->book);
      else
        {
          book = g_atomic_rc_box_new0 (SharedBook);
          book->book = tend_book_load (store, &error);
          if (book->book == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
        }
      if (g_task_return_error_if_cancelled (task))
        return;

      job->new_pack = pack = compute_pack (store, book, job, &error);
      if (pack == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (pack->qbr != NULL)
        {
          g_autoptr(TendQbrNotes) notes = tend_qbr_notes_get (store, job->id, &error);

          if (error != NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          job->stored_notes = g_strdup (notes != NULL ? notes->text : "");
          job->name = g_strdup (tend_qbr_get_account (pack->qbr)->name);
        }
      else if (tend_review_get_owner (pack->review) != NULL)
        {
          const TendOwner *owner = tend_review_get_owner (pack->review);

          job->name = g_strdup (owner->name != NULL && *owner->name != '\0' ? owner->name : owner->id);
        }
    }

  if (pack->qbr != NULL)
    job->pages = tend_pack_preview_qbr (pack->qbr, job->paper);
  else
    job->pages = tend_pack_preview_review (pack->review, job->paper);
  g_task_return_boolean (task, TRUE);
}

static void
preview_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TendPackWindow *self = TEND_PACK_WINDOW (object);
  PreviewJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Closed meanwhile: nothing left to show it in. The work may have
   * finished just before the window closed, so the task's own cancellable
   * (cancelled by dispose) decides, not only its result. */
  if ((!g_task_propagate_boolean (G_TASK (result), &error) &&
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  if (error != NULL)
    {
      if (self->pack == NULL)
        {
          adw_status_page_set_title (self->error_status,
                                     self->is_review ? _("Could Not Prepare the Review")
                                                     : _("Could Not Prepare the QBR"));
          adw_status_page_set_description (self->error_status, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      else
        show_message (self, error->message);
      set_busy (self, FALSE, self->is_exporting);
      return;
    }

  if (job->new_pack != NULL)
    {
      g_clear_pointer (&self->pack, pack_unref);
      self->pack = g_steal_pointer (&job->new_pack);
      g_free (self->name);
      self->name = g_steal_pointer (&job->name);
      if (!self->is_review)
        set_saved_notes (self, job->stored_notes);
    }
  show_pages (self, job->pages);
  set_busy (self, FALSE, self->is_exporting);
}

/* Computes the pack (pack NULL), computes it again after the notes were
 * saved (recompute) or draws it on the paper chosen. */
static void
start_preview (TendPackWindow *self,
               gboolean        recompute)
{
  g_autoptr(GTask) task = NULL;
  PreviewJob *job;

  if (self->is_drawing)
    return;

  job = g_new0 (PreviewJob, 1);
  job->path = g_strdup (tend_workspace_get_path (self->workspace));
  job->is_review = self->is_review;
  job->id = g_strdup (self->id);
  job->as_of = self->as_of;
  job->settings = self->settings;
  job->settings.onboarding_checklist = g_strdupv (self->settings.onboarding_checklist);
  job->paper = get_paper (self);
  job->pack = self->pack != NULL ? pack_ref (self->pack) : NULL;
  job->recompute = recompute;

  if (self->pack == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_busy (self, TRUE, self->is_exporting);

  task = g_task_new (self, self->cancellable, preview_done, NULL);
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  /* No return-on-cancel: a cancelled task would complete while its worker
   * went on drawing with cairo and pango as windows were torn down (a
   * crash about one run in ten). Closing never waits anyway: dispose
   * cancels, and the completion, arriving when the worker ends, sees the
   * cancellation and touches nothing. */
  g_task_run_in_thread (task, preview_in_thread);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean saved;

  if (job->pack->qbr != NULL)
    saved = tend_qbr_save (job->pack->qbr, job->paper, job->path, NULL, &error);
  else
    saved = tend_review_save (job->pack->review, job->paper, job->path, NULL, &error);
  if (saved)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TendPackWindow *self = TEND_PACK_WINDOW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if ((!g_task_propagate_boolean (G_TASK (result), &error) &&
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  set_busy (self, self->is_drawing, FALSE);
  if (error != NULL)
    {
      show_message (self, error->message);
      return;
    }

  file = g_file_new_for_path (job->path);
  uri = g_file_get_uri (file);
  /* Translators: %s is the path of the PDF file written */
  message = g_strdup_printf (_("Saved %s"), job->path);
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "pack.open-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  add_toast (self, toast);
}

/* "QBR Acme 2026-11-23.pdf": no slash, so the name stays one file name. */
static char *
dup_suggested_name (TendPackWindow *self)
{
  g_autofree char *subject = dup_subject (self);
  g_autofree char *day = tend_day_to_iso (self->as_of);
  g_autofree char *name = NULL;

  g_strdelimit (subject, "/\\:", '-');
  if (self->is_review)
    /* Translators: a file name: a person's name or "All accounts", a date */
    name = g_strdup_printf (_("Portfolio Review %s %s.pdf"), subject, day);
  else
    /* Translators: a file name: an account's name, a date */
    name = g_strdup_printf (_("QBR %s %s.pdf"), subject, day);
  return g_steal_pointer (&name);
}

static void
on_chooser_response (TendPackWindow *self,
                     int             response,
                     GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL)
        tend_pack_window_export_to (self, path);
      else
        show_message (self, _("Choose a folder on this computer to save the PDF in"));
    }
  g_clear_object (&self->chooser);
}

static void
pack_export (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendPackWindow *self = TEND_PACK_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = dup_suggested_name (self);

  if (self->chooser != NULL || self->pack == NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (self->is_review ? _("Export the Portfolio Review")
                                                               : _("Export the QBR"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Writes the editor's text to the workspace: a small write, done on the
 * main thread's connection as the pages do theirs. */
static gboolean
save_notes (TendPackWindow  *self,
            GError         **error)
{
  TendStore *store = tend_workspace_get_store (self->workspace);
  g_autofree char *text = dup_notes_text (self);

  if (store == NULL)
    {
      g_set_error_literal (error, TEND_ERROR, TEND_ERROR_FAILED, _("The workspace is closed"));
      return FALSE;
    }
  if (!tend_qbr_notes_set (store, self->pack->book->book, self->id, text, error))
    return FALSE;
  g_free (self->saved_notes);
  self->saved_notes = g_steal_pointer (&text);
  update_actions (self);
  return TRUE;
}

static void
pack_save_notes (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TendPackWindow *self = TEND_PACK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->is_review || self->pack == NULL || self->is_drawing || !notes_are_dirty (self))
    return;
  if (!save_notes (self, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, _("Asks and next steps saved"));
  start_preview (self, TRUE);
}

static void
pack_retry (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  start_preview (TEND_PACK_WINDOW (widget), FALSE);
}

static void
launched (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TendPackWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      gtk_widget_get_realized (GTK_WIDGET (self)))
    show_message (self, error->message);
}

static void
pack_open_file (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GAppLaunchContext) context = NULL;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), context, NULL,
                                           launched, g_object_ref (widget));
}

static void
on_paper_selected (TendPackWindow *self)
{
  if (self->pack != NULL)
    start_preview (self, FALSE);
}

static void
on_notes_changed (TendPackWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *count = tend_format_count (gtk_text_buffer_get_char_count (buffer));
  g_autofree char *limit = tend_format_count (TEND_QBR_NOTES_MAX_TEXT);
  g_autofree char *text = NULL;

  /* Translators: "120 of 4,000 characters" */
  text = g_strdup_printf (_("%s of %s characters"), count, limit);
  gtk_label_set_label (self->notes_count_label, text);
  update_actions (self);
}

/* A page at its own size, smaller when the window is narrow: the clamp
 * keeps the picture from growing to the width of the list. */
static void
setup_page_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *picture = gtk_picture_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (picture, "pack-page");
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);
  gtk_list_item_set_child (item, clamp);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_page_item (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  TendPackPage *page = gtk_list_item_get_item (item);
  AdwClamp *clamp = ADW_CLAMP (gtk_list_item_get_child (item));
  GtkPicture *picture = GTK_PICTURE (adw_clamp_get_child (clamp));
  int width = gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (page));
  g_autofree char *label = tend_pack_page_dup_label (page);

  adw_clamp_set_maximum_size (clamp, width);
  adw_clamp_set_tightening_threshold (clamp, width);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (page));
  gtk_picture_set_alternative_text (picture, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
unbind_page_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  AdwClamp *clamp = ADW_CLAMP (gtk_list_item_get_child (item));

  gtk_picture_set_paintable (GTK_PICTURE (adw_clamp_get_child (clamp)), NULL);
}

static gboolean
close_in_idle (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (TendPackWindow *self,
                   const char     *response)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save") && !save_notes (self, &error))
    {
      show_message (self, error->message);
      return;
    }
  if (g_str_equal (response, "discard"))
    self->discard_notes = TRUE;
  /* Once the dialog, which closes with this window, has finished. */
  if (!g_str_equal (response, "cancel"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_in_idle, g_object_ref (self), g_object_unref);
}

static gboolean
tend_pack_window_close_request (GtkWindow *window)
{
  TendPackWindow *self = TEND_PACK_WINDOW (window);
  AdwMessageDialog *dialog;

  if (!self->discard_notes && notes_are_dirty (self))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save the Asks and Next Steps?"),
                                                           _("They were changed and are not saved yet.")));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (tend_pack_window_parent_class)->close_request (window);
}

static void
tend_pack_window_constructed (GObject *object)
{
  TendPackWindow *self = TEND_PACK_WINDOW (object);
  const TendBook *book = tend_workspace_get_book (self->workspace);
  const TendAccount *account = NULL;

  G_OBJECT_CLASS (tend_pack_window_parent_class)->constructed (object);

  /* Names for the title until the pack brings its own. */
  if (!self->is_review && book != NULL && (account = tend_book_find_account (book, self->id)) != NULL)
    self->name = g_strdup (account->name);
  else if (self->is_review && book != NULL && self->id != NULL)
    self->name = g_strdup (tend_book_owner_name (book, self->id));

  self->as_of = tend_workspace_get_as_of (self->workspace);
  self->settings = *tend_workspace_get_settings (self->workspace);
  self->settings.onboarding_checklist = g_strdupv (self->settings.onboarding_checklist);

  gtk_label_set_label (self->loading_label, self->is_review ? _("Preparing the portfolio review…")
                                                            : _("Preparing the QBR…"));
  gtk_widget_set_visible (self->notes_panel, !self->is_review);
  gtk_widget_set_visible (self->notes_separator, !self->is_review);
  update_title (self);
  on_notes_changed (self);
  start_preview (self, FALSE);
}

static void
tend_pack_window_dispose (GObject *object)
{
  TendPackWindow *self = TEND_PACK_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->pack, pack_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PACK_WINDOW);

  G_OBJECT_CLASS (tend_pack_window_parent_class)->dispose (object);
}

static void
tend_pack_window_finalize (GObject *object)
{
  TendPackWindow *self = TEND_PACK_WINDOW (object);

  g_clear_object (&self->cancellable);
  tend_settings_clear (&self->settings);
  g_free (self->id);
  g_free (self->name);
  g_free (self->saved_notes);

  G_OBJECT_CLASS (tend_pack_window_parent_class)->finalize (object);
}

static void
tend_pack_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TendPackWindow *self = TEND_PACK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_IS_REVIEW:
      g_value_set_boolean (value, self->is_review);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_IS_BUSY:
      g_value_set_boolean (value, tend_pack_window_get_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_pack_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TendPackWindow *self = TEND_PACK_WINDOW (object);
  const char *id;

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    case PROP_IS_REVIEW:
      self->is_review = g_value_get_boolean (value);
      break;
    case PROP_ID:
      id = g_value_get_string (value);
      self->id = id != NULL && *id != '\0' ? g_strdup (id) : NULL;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_pack_window_class_init (TendPackWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tend_pack_window_constructed;
  object_class->dispose = tend_pack_window_dispose;
  object_class->finalize = tend_pack_window_finalize;
  object_class->get_property = tend_pack_window_get_property;
  object_class->set_property = tend_pack_window_set_property;
  window_class->close_request = tend_pack_window_close_request;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TEND_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_REVIEW] =
    g_param_spec_boolean ("is-review", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_BUSY] =
    g_param_spec_boolean ("is-busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pack.export", NULL, pack_export);
  gtk_widget_class_install_action (widget_class, "pack.save-notes", NULL, pack_save_notes);
  gtk_widget_class_install_action (widget_class, "pack.retry", NULL, pack_retry);
  gtk_widget_class_install_action (widget_class, "pack.open-file", "s", pack_open_file);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "pack.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "pack.save-notes", NULL);

  g_type_ensure (TEND_TYPE_PACK_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tend/Tend/ui/tend-pack-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, paper_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, error_status);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, notes_panel);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, notes_separator);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, notes_count_label);
  gtk_widget_class_bind_template_child (widget_class, TendPackWindow, pages);
  gtk_widget_class_bind_template_callback (widget_class, on_paper_selected);
  gtk_widget_class_bind_template_callback (widget_class, setup_page_item);
  gtk_widget_class_bind_template_callback (widget_class, bind_page_item);
  gtk_widget_class_bind_template_callback (widget_class, unbind_page_item);
}

static void
tend_pack_window_init (TendPackWindow *self)
{
  GtkPaperSize *paper = gtk_paper_size_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* The locale's paper: US Letter in the Americas, A4 elsewhere. */
  if (g_str_equal (gtk_paper_size_get_name (paper), GTK_PAPER_NAME_LETTER))
    gtk_drop_down_set_selected (self->paper_dropdown, 1);
  gtk_paper_size_free (paper);

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);
}

TendPackWindow *
tend_pack_window_new_qbr (GtkWindow     *parent,
                          TendWorkspace *workspace,
                          const char    *account_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TEND_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);

  return g_object_new (TEND_TYPE_PACK_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "workspace", workspace,
                       "is-review", FALSE,
                       "id", account_id,
                       NULL);
}

TendPackWindow *
tend_pack_window_new_review (GtkWindow     *parent,
                             TendWorkspace *workspace,
                             const char    *owner_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TEND_IS_WORKSPACE (workspace), NULL);

  return g_object_new (TEND_TYPE_PACK_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "workspace", workspace,
                       "is-review", TRUE,
                       "id", owner_id,
                       NULL);
}

gboolean
tend_pack_window_shows (TendPackWindow *self,
                        TendWorkspace  *workspace,
                        gboolean        is_review,
                        const char     *id)
{
  g_return_val_if_fail (TEND_IS_PACK_WINDOW (self), FALSE);

  if (id != NULL && *id == '\0')
    id = NULL;
  return self->workspace == workspace && self->is_review == is_review && g_strcmp0 (self->id, id) == 0;
}

gboolean
tend_pack_window_get_is_busy (TendPackWindow *self)
{
  g_return_val_if_fail (TEND_IS_PACK_WINDOW (self), FALSE);
  return self->is_drawing || self->is_exporting;
}

void
tend_pack_window_export_to (TendPackWindow *self,
                            const char     *path)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (TEND_IS_PACK_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->pack != NULL);

  if (self->is_exporting)
    return;

  job = g_new0 (ExportJob, 1);
  job->pack = pack_ref (self->pack);
  job->paper = get_paper (self);
  job->path = g_strdup (path);
  set_busy (self, self->is_drawing, TRUE);

  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, tend_pack_window_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}
