/* lotse-global-search-row.c: one result of the search over all records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row of the Ctrl+K popover's list (lotse-global-search-row.ui): the
 * result's title, the line that says what and where it is, and the
 * snippet that matched; the row knows the record it opens. The header
 * above the first result of each kind comes from
 * lotse-global-search-header.ui.
 */

#define G_LOG_DOMAIN "lotse-global-search"

#include "config.h"

#include "lotse-global-search-private.h"
#include "lotse-global-search-row.h"
#include "lotse-search-snippet.h"

struct _LotseGlobalSearchRow
{
  GtkListBoxRow    parent_instance;

  LotseSearchKind  kind;
  const char      *table;
  char            *id;

  GtkLabel        *title;
  GtkLabel        *context;
  GtkLabel        *snippet;
};

G_DEFINE_FINAL_TYPE (LotseGlobalSearchRow, lotse_global_search_row, GTK_TYPE_LIST_BOX_ROW)

static void
lotse_global_search_row_finalize (GObject *object)
{
  LotseGlobalSearchRow *self = LOTSE_GLOBAL_SEARCH_ROW (object);

  g_free (self->id);

  G_OBJECT_CLASS (lotse_global_search_row_parent_class)->finalize (object);
}

static void
lotse_global_search_row_class_init (LotseGlobalSearchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lotse_global_search_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/widgets/lotse-global-search-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseGlobalSearchRow, title);
  gtk_widget_class_bind_template_child (widget_class, LotseGlobalSearchRow, context);
  gtk_widget_class_bind_template_child (widget_class, LotseGlobalSearchRow, snippet);
}

static void
lotse_global_search_row_init (LotseGlobalSearchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lotse_global_search_row_new:
 * @result: the result the row shows and opens
 * @context: the line under the title (lotse_global_search_describe())
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
lotse_global_search_row_new (const LotseSearchResult *result,
                             const char              *context)
{
  LotseGlobalSearchRow *self = g_object_new (LOTSE_TYPE_GLOBAL_SEARCH_ROW, NULL);
  g_autofree char *markup = lotse_search_snippet_to_markup (result->snippet);

  self->kind = result->kind;
  self->table = lotse_search_kind_to_table (result->kind);
  self->id = g_strdup (result->id);

  gtk_label_set_text (self->title, result->title);
  gtk_label_set_text (self->context, context);
  gtk_label_set_markup (self->snippet, markup);
  /* A snippet of the title alone would only repeat it. */
  gtk_widget_set_visible (GTK_WIDGET (self->snippet),
                          *markup != '\0' && !lotse_search_result_snippet_is_title (result));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, result->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, context,
                                  -1);

  return GTK_WIDGET (self);
}

LotseSearchKind
lotse_global_search_row_get_kind (LotseGlobalSearchRow *self)
{
  g_return_val_if_fail (LOTSE_IS_GLOBAL_SEARCH_ROW (self), 0);

  return self->kind;
}

const char *
lotse_global_search_row_get_table (GtkListBoxRow *row)
{
  g_return_val_if_fail (LOTSE_IS_GLOBAL_SEARCH_ROW (row), NULL);

  return LOTSE_GLOBAL_SEARCH_ROW (row)->table;
}

const char *
lotse_global_search_row_get_id (GtkListBoxRow *row)
{
  g_return_val_if_fail (LOTSE_IS_GLOBAL_SEARCH_ROW (row), NULL);

  return LOTSE_GLOBAL_SEARCH_ROW (row)->id;
}

const char *
lotse_global_search_row_get_context (GtkListBoxRow *row)
{
  g_return_val_if_fail (LOTSE_IS_GLOBAL_SEARCH_ROW (row), NULL);

  return gtk_label_get_text (LOTSE_GLOBAL_SEARCH_ROW (row)->context);
}

/**
 * lotse_global_search_header_new:
 * @title: the kind of the results below it
 * @first: whether it is the list's first header, which sits closer to the top
 *
 * Returns: (transfer full): the header above a kind's first result
 */
GtkWidget *
lotse_global_search_header_new (const char *title,
                                gboolean    first)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/app/lotse/Lotse/widgets/lotse-global-search-header.ui");
  GtkWidget *header = GTK_WIDGET (gtk_builder_get_object (builder, "header"));

  gtk_label_set_text (GTK_LABEL (header), title);
  gtk_widget_set_margin_top (header, first ? 6 : 12);

  return g_object_ref (header);
}
