/* lotse-open-actions.c: the series' open action items beside the agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting of a series goes through what its earlier meetings left
 * open. The prepared agenda has an item for that, a time slot; here,
 * under the agenda of a meeting still to be held, is every open action
 * item of the series, as it is now (lotse-action-items.c), with its
 * owner, due date and the day it was agreed, as the agenda PDF prints
 * them. A held meeting's minutes have their own action items instead.
 */

#define G_LOG_DOMAIN "lotse-open-actions"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-open-actions.h"

struct _LotseOpenActions
{
  GtkWidget   parent_instance;

  GtkWidget  *group;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (LotseOpenActions, lotse_open_actions, GTK_TYPE_WIDGET)

/* “Katrin Voßmeyer · due 15.12.2026 · agreed 10.11.2026” */
static GtkWidget *
new_row (LotseJourfixeCatalog *catalog,
         LotseRecord          *action)
{
  LotseStore *store = lotse_jourfixe_catalog_get_store (catalog);
  const char *owner = lotse_jourfixe_catalog_get_title (catalog, LOTSE_TABLE_PERSON,
                                                        lotse_record_get (action, LOTSE_ACTION_ITEM_OWNER_PERSON_ID));
  const char *meeting_id = lotse_record_get (action, LOTSE_ACTION_ITEM_MEETING_ID);
  g_autoptr(LotseRecord) meeting = meeting_id ? lotse_store_get (store, LOTSE_TABLE_MEETING, meeting_id, NULL) : NULL;
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (store);
  g_autofree char *due = lotse_format_date (lotse_record_get (action, LOTSE_ACTION_ITEM_DUE_DATE));
  g_autofree char *day = meeting ? lotse_meeting_get_date (meeting, zone) : NULL;
  g_autofree char *agreed = lotse_format_date (day);
  g_autofree char *title = g_markup_escape_text (lotse_record_get (action, LOTSE_ACTION_ITEM_TITLE), -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (owner != NULL)
    g_ptr_array_add (parts, g_markup_escape_text (owner, -1));
  if (due != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("due %s"), due));
  if (agreed != NULL)
    /* Translators: the day of the meeting where an action item was agreed */
    g_ptr_array_add (parts, g_strdup_printf (_("agreed %s"), agreed));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **)parts->pdata);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/**
 * lotse_open_actions_show_for:
 * @self: the list
 * @catalog: (nullable): the names and store of the jour fixe
 * @meeting: (nullable): the meeting shown
 *
 * Shows the open action items of @meeting's series while it is still to
 * be held, and hides itself otherwise.
 */
void
lotse_open_actions_show_for (LotseOpenActions     *self,
                             LotseJourfixeCatalog *catalog,
                             LotseRecord          *meeting)
{
  const char *series_id = meeting ? lotse_record_get (meeting, LOTSE_MEETING_SERIES_ID) : NULL;
  const char *status = meeting ? lotse_record_get (meeting, LOTSE_MEETING_STATUS) : NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (LOTSE_IS_OPEN_ACTIONS (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (catalog != NULL && series_id != NULL && g_strcmp0 (status, "held") != 0 && g_strcmp0 (status, "cancelled") != 0)
    {
      open = lotse_action_items_list_open_for_series (lotse_jourfixe_catalog_get_store (catalog), series_id, &error);
      if (open == NULL)
        g_warning ("Could not read the open action items: %s", error->message);
    }

  for (guint i = 0; open != NULL && i < open->len; i++)
    gtk_list_box_append (self->list, new_row (catalog, g_ptr_array_index (open, i)));
  gtk_widget_set_visible (GTK_WIDGET (self), open != NULL && open->len > 0);
}

static void
lotse_open_actions_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_OPEN_ACTIONS);

  G_OBJECT_CLASS (lotse_open_actions_parent_class)->dispose (object);
}

static void
lotse_open_actions_class_init (LotseOpenActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_open_actions_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/jourfixe/lotse-open-actions.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseOpenActions, group);
  gtk_widget_class_bind_template_child (widget_class, LotseOpenActions, list);
}

static void
lotse_open_actions_init (LotseOpenActions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkListBox *
lotse_open_actions_get_list (LotseOpenActions *self)
{
  return self->list;
}
