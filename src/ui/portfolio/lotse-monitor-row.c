/* lotse-monitor-row.c: one row of the milestone monitor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The item of the monitor's list (a group header or a milestone with its
 * entry) and the factory that shows it: a header as a heading, a
 * milestone or funder report with its status or kind, project and due
 * date.
 */

#define G_LOG_DOMAIN "lotse-monitor-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-monitor-row.h"

struct _LotseMonitorRow
{
  GObject            parent_instance;

  char              *title;
  char              *target_table;
  char              *target_id;
  LotseMonitorEntry *entry;
};

G_DEFINE_FINAL_TYPE (LotseMonitorRow, lotse_monitor_row, G_TYPE_OBJECT)

static void
lotse_monitor_row_finalize (GObject *object)
{
  LotseMonitorRow *self = LOTSE_MONITOR_ROW (object);

  g_free (self->title);
  g_free (self->target_table);
  g_free (self->target_id);
  g_clear_pointer (&self->entry, lotse_monitor_entry_free);

  G_OBJECT_CLASS (lotse_monitor_row_parent_class)->finalize (object);
}

static void
lotse_monitor_row_class_init (LotseMonitorRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lotse_monitor_row_finalize;
}

static void
lotse_monitor_row_init (LotseMonitorRow *self)
{
}

LotseMonitorRow *
lotse_monitor_row_new_header (const char *title,
                              const char *project_id)
{
  LotseMonitorRow *self = g_object_new (LOTSE_TYPE_MONITOR_ROW, NULL);

  self->title = g_strdup (title);
  if (project_id != NULL)
    {
      self->target_table = g_strdup (LOTSE_TABLE_PROJECT);
      self->target_id = g_strdup (project_id);
    }

  return self;
}

LotseMonitorRow *
lotse_monitor_row_new_entry (const LotseMonitorEntry *entry)
{
  LotseMonitorRow *self = g_object_new (LOTSE_TYPE_MONITOR_ROW, NULL);

  self->entry = lotse_monitor_entry_copy (entry);
  self->title = g_strdup (lotse_monitor_entry_get_title (entry));
  /* A funder report is kept on its project's finance page. */
  self->target_table = g_strdup (entry->report_kind != NULL ? LOTSE_TABLE_PROJECT
                                                            : LOTSE_TABLE_MILESTONE);
  self->target_id = g_strdup (entry->report_kind != NULL ? entry->project_id
                                                         : lotse_record_get_id (entry->milestone));

  return self;
}

gboolean
lotse_monitor_row_is_header (LotseMonitorRow *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_ROW (self), FALSE);

  return self->entry == NULL;
}

const char *
lotse_monitor_row_get_title (LotseMonitorRow *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_ROW (self), NULL);

  return self->title;
}

const LotseMonitorEntry *
lotse_monitor_row_get_entry (LotseMonitorRow *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_ROW (self), NULL);

  return self->entry;
}

const char *
lotse_monitor_row_get_target_table (LotseMonitorRow *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_ROW (self), NULL);

  return self->target_table;
}

const char *
lotse_monitor_row_get_target_id (LotseMonitorRow *self)
{
  g_return_val_if_fail (LOTSE_IS_MONITOR_ROW (self), NULL);

  return self->target_id;
}

static const char *
status_icon (const char *status)
{
  if (g_strcmp0 (status, "at_risk") == 0)
    return "dialog-warning-symbolic";
  if (g_strcmp0 (status, "missed") == 0)
    return "process-stop-symbolic";
  if (g_strcmp0 (status, "done") == 0)
    return "object-select-symbolic";
  return "media-record-symbolic";
}

static char *
format_due (const LotseMonitorEntry *entry)
{
  g_autofree char *date = lotse_format_date (entry->due_date);

  if (entry->state == LOTSE_MONITOR_CLOSED)
    return g_strdup_printf (g_strcmp0 (entry->project_status, "cancelled") == 0
                              /* Translators: the due date of a milestone that a cancelled
                               * project left open, e.g. "12/31/2018 · project cancelled" */
                              ? _("%s · project cancelled")
                              /* Translators: the due date of a milestone that a completed
                               * project left open, e.g. "12/31/2018 · project completed" */
                              : _("%s · project completed"),
                            date);
  if (entry->days_overdue > 0)
    /* Translators: the due date and how long ago it was */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d day overdue",
                                         "%s · %d days overdue", entry->days_overdue),
                            date, entry->days_overdue);
  if (entry->days_overdue == 0)
    return g_strdup_printf (_("%s · due today"), date);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · due in %d day",
                                       "%s · due in %d days", -entry->days_overdue),
                          date, -entry->days_overdue);
}

/* What the factory shows of a row; built from lotse-monitor-row.ui. */
#define LOTSE_TYPE_MONITOR_ROW_WIDGET (lotse_monitor_row_widget_get_type ())

G_DECLARE_FINAL_TYPE (LotseMonitorRowWidget, lotse_monitor_row_widget,
                      LOTSE, MONITOR_ROW_WIDGET, GtkBox)

struct _LotseMonitorRowWidget
{
  GtkBox    parent_instance;

  GtkImage *icon;
  GtkLabel *title;
  GtkLabel *subtitle;
  GtkLabel *due;
};

G_DEFINE_FINAL_TYPE (LotseMonitorRowWidget, lotse_monitor_row_widget, GTK_TYPE_BOX)

static void
lotse_monitor_row_widget_class_init (LotseMonitorRowWidgetClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/portfolio/lotse-monitor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorRowWidget, icon);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorRowWidget, title);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorRowWidget, subtitle);
  gtk_widget_class_bind_template_child (widget_class, LotseMonitorRowWidget, due);
}

static void
lotse_monitor_row_widget_init (LotseMonitorRowWidget *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
show_header (LotseMonitorRowWidget *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "monitor-header");
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->due), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->due), "overdue");
}

static void
show_entry (LotseMonitorRowWidget   *self,
            const LotseMonitorEntry *entry)
{
  const char *status = lotse_record_get (entry->milestone, LOTSE_MILESTONE_STATUS);
  g_autofree char *status_line = NULL;
  g_autofree char *due_text = format_due (entry);
  const char *project = entry->project_acronym && *entry->project_acronym
                          ? entry->project_acronym : entry->project_title;

  if (entry->report_kind != NULL)
    /* Translators: a funder report in the monitor: its kind and its project,
     * e.g. "Funder report: Interim statement · KIWI" */
    status_line = g_strdup_printf (_("Funder report: %s · %s"),
                                   lotse_enum_value_label (LOTSE_TABLE_FUNDER_REPORT,
                                                           LOTSE_FUNDER_REPORT_KIND,
                                                           entry->report_kind),
                                   project);
  else
    /* Translators: a milestone's status and its project, e.g. "At risk · KIWI" */
    status_line = g_strdup_printf (_("%s · %s"), lotse_enum_value_label (LOTSE_TABLE_MILESTONE,
                                                                         LOTSE_MILESTONE_STATUS,
                                                                         status),
                                   project);

  gtk_widget_remove_css_class (GTK_WIDGET (self), "monitor-header");
  gtk_widget_remove_css_class (GTK_WIDGET (self->title), "heading");
  gtk_widget_set_visible (GTK_WIDGET (self->icon), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->due), TRUE);
  gtk_image_set_from_icon_name (self->icon, entry->report_kind != NULL
                                              ? "x-office-document-symbolic"
                                              : status_icon (status));
  gtk_label_set_text (self->subtitle, status_line);
  gtk_label_set_text (self->due, due_text);
  if (entry->state == LOTSE_MONITOR_OVERDUE)
    gtk_widget_add_css_class (GTK_WIDGET (self->due), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due), "overdue");
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, g_object_new (LOTSE_TYPE_MONITOR_ROW_WIDGET, NULL));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  LotseMonitorRow *row = gtk_list_item_get_item (item);
  LotseMonitorRowWidget *widget = LOTSE_MONITOR_ROW_WIDGET (gtk_list_item_get_child (item));

  gtk_label_set_text (widget->title, row->title);
  gtk_list_item_set_activatable (item, row->target_table != NULL);
  gtk_list_item_set_selectable (item, row->entry != NULL);

  if (row->entry == NULL)
    show_header (widget);
  else
    show_entry (widget, row->entry);
}

/**
 * lotse_monitor_row_factory_new:
 *
 * Returns: (transfer full): a factory that shows #LotseMonitorRow items
 */
GtkListItemFactory *
lotse_monitor_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);

  return factory;
}
