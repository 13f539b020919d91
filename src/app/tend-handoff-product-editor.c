// One product bought and its seats, in a handoff plan.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "tend-handoff-product-editor.h"

struct _TendHandoffProductEditor
{
  AdwPreferencesGroup  parent_instance;

  TendHandoffPlan     *plan;           /* the form's */
  guint                index;
  TendHandoffMode      mode;
  gboolean             is_loading;

  GtkWidget           *up_button;
  GtkWidget           *down_button;
  GtkWidget           *remove_button;
  AdwEntryRow         *product_row;
  GtkWidget           *product_error_row;
  GtkLabel            *product_error;
  AdwEntryRow         *seats_row;
  GtkWidget           *seats_error_row;
  GtkLabel            *seats_error;
};

G_DEFINE_FINAL_TYPE (TendHandoffProductEditor, tend_handoff_product_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TendHandoffProduct *
get_product (TendHandoffProductEditor *self)
{
  if (self->plan == NULL || self->index >= self->plan->products->len)
    return NULL;
  return g_ptr_array_index (self->plan->products, self->index);
}

static void
on_field_changed (TendHandoffProductEditor *self)
{
  TendHandoffProduct *p = get_product (self);
  g_autofree char *seats = NULL;
  gint64 number;

  if (self->is_loading || p == NULL || self->mode != TEND_HANDOFF_MODE_EDIT)
    return;
  tend_handoff_set_text (&p->product, gtk_editable_get_text (GTK_EDITABLE (self->product_row)));
  /* Seats are a number or nothing: anything else asks for the number. */
  seats = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->seats_row))));
  p->has_seats = g_ascii_string_to_signed (seats, 10, G_MININT64, G_MAXINT64, &number, NULL);
  p->seats = p->has_seats ? number : 0;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
tend_handoff_product_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_HANDOFF_PRODUCT_EDITOR);

  G_OBJECT_CLASS (tend_handoff_product_editor_parent_class)->dispose (object);
}

static void
tend_handoff_product_editor_class_init (TendHandoffProductEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_handoff_product_editor_dispose;

  /* Something typed: the plan in memory holds it already. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tend/Tend/ui/tend-handoff-product-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, up_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, down_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, product_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, product_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, product_error);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, seats_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, seats_error_row);
  gtk_widget_class_bind_template_child (widget_class, TendHandoffProductEditor, seats_error);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
}

static void
tend_handoff_product_editor_init (TendHandoffProductEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_handoff_product_editor_new (void)
{
  return g_object_new (TEND_TYPE_HANDOFF_PRODUCT_EDITOR, NULL);
}

void
tend_handoff_product_editor_bind (TendHandoffProductEditor *self,
                                  TendHandoffPlan          *plan,
                                  guint                     index,
                                  TendHandoffMode           mode)
{
  g_autofree char *title = NULL;
  g_autofree char *seats = NULL;
  g_autofree char *typed = NULL;
  TendHandoffProduct *p;
  gint64 number;
  gboolean is_editable = mode == TEND_HANDOFF_MODE_EDIT;

  g_return_if_fail (TEND_IS_HANDOFF_PRODUCT_EDITOR (self));
  g_return_if_fail (plan != NULL && index < plan->products->len);

  self->plan = plan;
  self->index = index;
  self->mode = mode;
  p = get_product (self);

  self->is_loading = TRUE;
  /* Translators: the heading of the n-th product bought */
  title = g_strdup_printf (_("Product %u"), index + 1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
  tend_handoff_fields_set_text (GTK_EDITABLE (self->product_row), p->product);
  seats = p->has_seats ? g_strdup_printf ("%" G_GINT64_FORMAT, p->seats) : NULL;
  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->seats_row))));
  /* Keep what is typed while it reads as the same number ("007"). */
  if (!p->has_seats || !g_ascii_string_to_signed (typed, 10, G_MININT64, G_MAXINT64, &number, NULL) ||
      number != p->seats)
    tend_handoff_fields_set_text (GTK_EDITABLE (self->seats_row), seats);
  gtk_editable_set_editable (GTK_EDITABLE (self->product_row), is_editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->seats_row), is_editable);
  tend_handoff_fields_set_row_buttons (self->up_button, self->down_button, self->remove_button,
                                       TEND_HANDOFF_SECTION_PRODUCTS, index, plan->products->len,
                                       is_editable);
  self->is_loading = FALSE;
}

void
tend_handoff_product_editor_show_issues (TendHandoffProductEditor *self,
                                         GPtrArray                *issues,
                                         gboolean                  show_empty)
{
  g_autofree char *product = g_strdup_printf ("products[%u].product", self->index);
  g_autofree char *seats = g_strdup_printf ("products[%u].seats", self->index);

  g_return_if_fail (TEND_IS_HANDOFF_PRODUCT_EDITOR (self));

  tend_handoff_fields_show_issue (GTK_WIDGET (self->product_row), self->product_error_row, self->product_error,
                                  tend_handoff_fields_pick_issue (issues, product,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->product_row)),
                                                                  show_empty));
  tend_handoff_fields_show_issue (GTK_WIDGET (self->seats_row), self->seats_error_row, self->seats_error,
                                  tend_handoff_fields_pick_issue (issues, seats,
                                                                  gtk_editable_get_text (GTK_EDITABLE (self->seats_row)),
                                                                  show_empty));
}

gboolean
tend_handoff_product_editor_focus_field (TendHandoffProductEditor *self,
                                         const char               *field)
{
  g_return_val_if_fail (TEND_IS_HANDOFF_PRODUCT_EDITOR (self), FALSE);

  if (g_strcmp0 (field, "seats") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->seats_row));
  return gtk_widget_grab_focus (GTK_WIDGET (self->product_row));
}
