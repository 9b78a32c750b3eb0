/* lotse-portfolio-view-actions.c: what a person does in the portfolio view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The actions "portfolio.*" and their keys: new projects, milestones,
 * status reports and partners through a record dialog, marking a
 * milestone done, deleting. Every change that takes something away
 * leaves a toast with Undo; lotse_store_undelete() takes a tombstone back,
 * an undone edit writes the previous values back as an ordinary edit.
 */

#define G_LOG_DOMAIN "lotse-portfolio-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-portfolio-view-private.h"
#include "lotse-record-dialog.h"
#include "lotse-widget-util.h"

typedef struct
{
  LotseStore *store;
  char       *table;
  char       *id;
  LotseRecord *previous;   /* for an undone edit; NULL for an undone delete */
  gboolean    done;
} Undo;

static LotseStore *
get_store (LotsePortfolioView *self)
{
  return lotse_view_get_store (LOTSE_VIEW (self));
}

static void
add_toast (LotsePortfolioView *self,
           AdwToast           *toast)
{
  lotse_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
show_error (LotsePortfolioView *self,
            const GError       *error)
{
  add_toast (self, adw_toast_new (error->message));
}

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->previous);
  g_free (undo->table);
  g_free (undo->id);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) current = NULL;
  gboolean ok;

  if (undo->done)
    return;
  undo->done = TRUE;

  if (undo->previous == NULL)
    {
      ok = lotse_store_undelete (undo->store, undo->table, undo->id, &error);
    }
  else
    {
      /* Only the fields the edit changed go back. */
      current = lotse_store_get (undo->store, undo->table, undo->id, &error);
      ok = current != NULL;
      if (ok)
        {
          const LotseTable *table = lotse_record_get_table (current);

          for (guint i = 0; i < table->n_fields; i++)
            lotse_record_set (current, table->fields[i].name,
                              lotse_record_get_nth (undo->previous, i));
          ok = lotse_store_update (undo->store, current, &error);
        }
    }

  if (!ok)
    g_warning ("Could not undo: %s", error->message);
}

static void
toast_with_undo (LotsePortfolioView *self,
                 const char         *message,
                 const char         *table,
                 const char         *id,
                 LotseRecord        *previous)
{
  AdwToast *toast = adw_toast_new (message);
  Undo *undo = g_new0 (Undo, 1);

  undo->store = g_object_ref (lotse_view_get_store (LOTSE_VIEW (self)));
  undo->table = g_strdup (table);
  undo->id = g_strdup (id);
  undo->previous = previous != NULL ? lotse_record_copy (previous) : NULL;

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo,
                         (GClosureNotify) G_CALLBACK (undo_free), 0);
  g_set_weak_pointer (&self->last_toast, toast);
  add_toast (self, toast);
}

static void
project_saved (LotseRecord *project,
               gpointer     user_data)
{
  LotsePortfolioView *self = user_data;

  lotse_portfolio_view_open_project (self, lotse_record_get_id (project), TRUE);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = { LOTSE_PROJECT_TITLE, LOTSE_PROJECT_ACRONYM,
                                         LOTSE_PROJECT_PROGRAMME_ID, LOTSE_PROJECT_STATUS, NULL };
  g_autoptr(LotseRecord) project = lotse_record_new_for_table (LOTSE_TABLE_PROJECT);

  if (get_store (self) == NULL)
    return;

  lotse_record_set (project, LOTSE_PROJECT_STATUS, "planned");
  lotse_record_set (project, LOTSE_PROJECT_PROGRAMME_ID, self->query->programme_id);
  lotse_record_dialog_new (widget, get_store (self), project, fields, _("New Project"),
                           _("_Create"), project_saved, self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);

  gtk_stack_set_visible_child_name (self->sections, "projects");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  lotse_portfolio_view_reset_filters (LOTSE_PORTFOLIO_VIEW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
new_milestone_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = { LOTSE_MILESTONE_TITLE, LOTSE_MILESTONE_DUE_DATE,
                                         LOTSE_MILESTONE_STATUS, LOTSE_MILESTONE_DESCRIPTION, NULL };
  g_autoptr(LotseRecord) milestone = lotse_record_new_for_table (LOTSE_TABLE_MILESTONE);
  const char *project_id = lotse_portfolio_view_get_open_project_id (self);

  if (project_id == NULL)
    return;

  lotse_record_set (milestone, LOTSE_MILESTONE_PROJECT_ID, project_id);
  lotse_record_set (milestone, LOTSE_MILESTONE_STATUS, "open");
  lotse_record_dialog_new (widget, get_store (self), milestone, fields, _("New Milestone"),
                           _("_Add"), NULL, NULL);
}

static void
edit_milestone_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = {
    LOTSE_MILESTONE_TITLE, LOTSE_MILESTONE_DUE_DATE, LOTSE_MILESTONE_STATUS, LOTSE_MILESTONE_DONE_DATE, LOTSE_MILESTONE_DESCRIPTION, NULL
  };
  g_autoptr(LotseRecord) milestone = NULL;
  g_autoptr(GError) error = NULL;

  milestone = lotse_store_get (get_store (self), LOTSE_TABLE_MILESTONE, g_variant_get_string (parameter, NULL),
                               &error);
  if (milestone == NULL)
    {
      show_error (self, error);
      return;
    }

  lotse_record_dialog_new (widget, get_store (self), milestone, fields, _("Edit Milestone"),
                           _("_Save"), NULL, NULL);
}

static void
mark_done (LotsePortfolioView *self,
           const char         *id)
{
  g_autoptr(LotseRecord) milestone = NULL;
  g_autoptr(LotseRecord) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = lotse_monitor_today ();
  g_autofree char *message = NULL;

  milestone = lotse_store_get (get_store (self), LOTSE_TABLE_MILESTONE, id, &error);
  if (milestone == NULL)
    {
      show_error (self, error);
      return;
    }

  previous = lotse_record_copy (milestone);
  lotse_record_set (milestone, LOTSE_MILESTONE_STATUS, "done");
  lotse_record_set (milestone, LOTSE_MILESTONE_DONE_DATE, today);
  if (!lotse_store_update (get_store (self), milestone, &error))
    {
      show_error (self, error);
      return;
    }

  /* Translators: a toast; the milestone's title */
  message = g_strdup_printf (_("“%s” marked as done"), lotse_record_get (milestone, LOTSE_MILESTONE_TITLE));
  toast_with_undo (self, message, LOTSE_TABLE_MILESTONE, id, previous);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  mark_done (LOTSE_PORTFOLIO_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static char *
deleted_message (const char *table,
                 const char *title)
{
  if (g_str_equal (table, LOTSE_TABLE_MILESTONE))
    /* Translators: a toast; the milestone's title */
    return g_strdup_printf (_("Milestone “%s” deleted"), title);
  if (g_str_equal (table, LOTSE_TABLE_PROJECT))
    /* Translators: a toast; the project's title */
    return g_strdup_printf (_("Project “%s” deleted"), title);

  return g_strdup (_("Partner removed"));
}

static void
delete_with_undo (LotsePortfolioView *self,
                  const char         *table,
                  const char         *id)
{
  g_autoptr(LotseRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  record = lotse_store_get (get_store (self), table, id, &error);
  if (record == NULL || !lotse_store_delete (get_store (self), table, id, &error))
    {
      show_error (self, error);
      return;
    }

  message = deleted_message (table, lotse_record_get_title (record));
  toast_with_undo (self, message, table, id, NULL);
}

static void
delete_milestone_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  delete_with_undo (LOTSE_PORTFOLIO_VIEW (widget), LOTSE_TABLE_MILESTONE,
                    g_variant_get_string (parameter, NULL));
}

static void
delete_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  g_autofree char *id = g_strdup (lotse_portfolio_view_get_open_project_id (self));

  if (id == NULL)
    return;

  lotse_portfolio_view_close_project (self);
  delete_with_undo (self, LOTSE_TABLE_PROJECT, id);
}

static void
add_status_report_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = { LOTSE_STATUS_REPORT_DATE, LOTSE_STATUS_REPORT_HEALTH,
                                         LOTSE_STATUS_REPORT_SUMMARY, NULL };
  g_autoptr(LotseRecord) report = lotse_record_new_for_table (LOTSE_TABLE_STATUS_REPORT);
  g_autoptr(LotseRecord) project = NULL;
  g_autofree char *today = lotse_monitor_today ();
  const char *project_id = lotse_portfolio_view_get_open_project_id (self);

  if (project_id == NULL)
    return;

  project = lotse_store_get (get_store (self), LOTSE_TABLE_PROJECT, project_id, NULL);
  lotse_record_set (report, LOTSE_STATUS_REPORT_PROJECT_ID, project_id);
  lotse_record_set (report, LOTSE_STATUS_REPORT_DATE, today);
  /* Saved, the report sets the project's health in the store (lotse-health.c). */
  lotse_record_set (report, LOTSE_STATUS_REPORT_HEALTH,
                    project != NULL && lotse_record_get (project, LOTSE_PROJECT_HEALTH) != NULL
                      ? lotse_record_get (project, LOTSE_PROJECT_HEALTH) : "green");
  lotse_record_dialog_new (widget, get_store (self), report, fields, _("New Status Report"),
                           _("_Add"), NULL, NULL);
}

static void
add_partner_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  static const char * const fields[] = { LOTSE_PROJECT_PARTNER_ORGANISATION_ID,
                                         LOTSE_PROJECT_PARTNER_ROLE, NULL };
  g_autoptr(LotseRecord) partner = lotse_record_new_for_table (LOTSE_TABLE_PROJECT_PARTNER);
  const char *project_id = lotse_portfolio_view_get_open_project_id (self);

  if (project_id == NULL)
    return;

  lotse_record_set (partner, LOTSE_PROJECT_PARTNER_PROJECT_ID, project_id);
  lotse_record_dialog_new (widget, get_store (self), partner, fields, _("Add Partner"),
                           _("_Add"), NULL, NULL);
}

static void
remove_partner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  delete_with_undo (LOTSE_PORTFOLIO_VIEW (widget), LOTSE_TABLE_PROJECT_PARTNER,
                    g_variant_get_string (parameter, NULL));
}

/* Shortcuts that act on the focused milestone row; without one they let
 * the key go on to the focused widget. */
static gboolean
focused_milestone_shortcut (GtkWidget *widget,
                            GVariant  *args,
                            gpointer   user_data)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  g_autofree char *id = NULL;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (self->detail == NULL)
    return FALSE;

  id = lotse_project_detail_dup_focused_milestone (self->detail);
  if (id == NULL)
    return FALSE;

  if (g_str_equal (user_data, "mark-done"))
    mark_done (self, id);
  else
    delete_with_undo (self, LOTSE_TABLE_MILESTONE, id);

  return TRUE;
}

typedef struct
{
  const char *trigger;
  const char *action;
  const char *sections;  /* where the key means this action; NULL: everywhere */
} ViewShortcut;

/* The view's shortcuts work wherever the focus is in the window, as long
 * as the view shows; other views can use the same keys. Those that act on
 * the project shown need its section; the directory has its own Ctrl+F. */
static gboolean
view_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  LotsePortfolioView *self = LOTSE_PORTFOLIO_VIEW (widget);
  const ViewShortcut *shortcut = user_data;
  const char *section = gtk_stack_get_visible_child_name (self->sections);

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  if (shortcut->sections != NULL && (section == NULL || strstr (shortcut->sections, section) == NULL))
    return FALSE;

  return gtk_widget_activate_action (widget, shortcut->action, NULL);
}

void
lotse_portfolio_view_add_shortcuts (LotsePortfolioView *self)
{
  static const ViewShortcut shortcuts[] = {
    { "<Control>n", "portfolio.new-project", NULL },
    { "<Control>f", "portfolio.search", "projects monitor timeline" },
    { "<Control><Shift>n", "portfolio.new-milestone", "projects" },
    { "<Control><Shift>r", "portfolio.add-status-report", "projects" },
    { "<Control><Shift>p", "portfolio.add-partner", "projects" },
    { "<Control>Delete", "portfolio.delete-project", "projects" },
    { "<Alt>Left", "portfolio.back", "projects" },
    /* Not an accelerator of the application: the jour fixe and knowledge
     * views export what they show with the same keys. */
    { "<Control><Shift>e", "win.export-milestone-report", NULL },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                            gtk_callback_action_new (view_shortcut,
                                                                                     (gpointer) &shortcuts[i],
                                                                                     NULL)));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>d"),
                                                          gtk_callback_action_new (focused_milestone_shortcut,
                                                                                   (gpointer) "mark-done", NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete"),
                                                          gtk_callback_action_new (focused_milestone_shortcut,
                                                                                   (gpointer) "delete", NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
lotse_portfolio_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "portfolio.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "portfolio.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "portfolio.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "portfolio.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "portfolio.new-milestone", NULL, new_milestone_action);
  gtk_widget_class_install_action (widget_class, "portfolio.edit-milestone", "s", edit_milestone_action);
  gtk_widget_class_install_action (widget_class, "portfolio.mark-done", "s", mark_done_action);
  gtk_widget_class_install_action (widget_class, "portfolio.delete-milestone", "s", delete_milestone_action);
  gtk_widget_class_install_action (widget_class, "portfolio.delete-project", NULL, delete_project_action);
  gtk_widget_class_install_action (widget_class, "portfolio.add-status-report", NULL, add_status_report_action);
  gtk_widget_class_install_action (widget_class, "portfolio.add-partner", NULL, add_partner_action);
  gtk_widget_class_install_action (widget_class, "portfolio.remove-partner", "s", remove_partner_action);
}
