/* lotse-project-detail.c: one project: its form, partners, health, milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field of the project is a row of an adaptive form; a text field is
 * saved when the user applies it (Enter or the row's apply button), a
 * choice as soon as it is made. When the store reports a change of the
 * project, made here or elsewhere (sync, the CLI, another view), the rows
 * are filled again, except those the user is editing: what they type
 * stays.
 *
 * The buttons of the partner, status report and milestone rows activate
 * the portfolio view's actions ("portfolio.mark-done" …), which write and
 * show the undo toasts; this widget only shows.
 */

#define G_LOG_DOMAIN "lotse-project-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-conflict-badge.h"
#include "lotse-field-row.h"
#include "lotse-project-detail.h"
#include "lotse-project-row.h"
#include "lotse-widget-util.h"

#define N_TREND_REPORTS 6
#define ID_KEY          "lotse-id"

struct _LotseProjectDetail
{
  GtkWidget       parent_instance;

  LotseStore     *store;
  char           *project_id;
  gulong          changed_id;
  gboolean        loading;
  gboolean        refs_stale;

  GtkWidget      *box;
  GtkWidget      *back_button;
  GtkLabel       *title_label;
  GtkWidget      *conflict_badge;
  GtkScrolledWindow *scrolled;
  GtkWidget      *form_box;
  GPtrArray      *field_rows;
  GtkWidget      *partners_group;
  GPtrArray      *partner_rows;
  GtkWidget      *history_group;
  GtkWidget      *trend_box;
  GtkWidget      *latest_row;
  guint           n_reports;
  GtkWidget      *milestones_group;
  GPtrArray      *milestone_rows;
};

G_DEFINE_FINAL_TYPE (LotseProjectDetail, lotse_project_detail, GTK_TYPE_WIDGET)

/* The form's groups and the fields in each: what the project is, who leads it,
 * then its runtime and money. */
static const struct
{
  const char *title;
  const char *fields[8];
} form_groups[] = {
  { N_("Project"), { "title", "acronym", "summary", "topic", "programme_id", "status", "health", NULL } },
  { N_("Lead"), { "lead_organisation_id", "leader_person_id", NULL } },
  { N_("Runtime and Funding"), { "start_date", "end_date", "budget_cents", "funding", "website", NULL } },
};

static void
show_toast (LotseProjectDetail *self,
            const char         *message)
{
  lotse_widget_show_toast (GTK_WIDGET (self), message);
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *tooltip,
                 const char *action_name,
                 const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);

  return button;
}

/* Writes the field of @row to the stored project. */
static void
save_field (LotseProjectDetail *self,
            GtkWidget          *row)
{
  g_autoptr(LotseRecord) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->loading || self->project_id == NULL)
    return;

  project = lotse_store_get (self->store, "project", self->project_id, &error);
  if (project != NULL && lotse_field_row_get_value (row, &value, &error))
    {
      lotse_record_set (project, lotse_field_row_get_field (row), value);
      if (lotse_store_update (self->store, project, &error))
        {
          /* The store's signal has filled the row already, unless the
           * value was the same; either way it is no longer edited. */
          self->loading = TRUE;
          lotse_field_row_set_value (row, lotse_record_get (project, lotse_field_row_get_field (row)));
          self->loading = FALSE;
          return;
        }
    }

  lotse_field_row_set_error (row, TRUE);
  show_toast (self, error->message);
}

static void
on_entry_apply (GtkWidget          *row,
                LotseProjectDetail *self)
{
  save_field (self, row);
}

static void
on_date_given (GtkWidget *row)
{
  LotseProjectDetail *self = LOTSE_PROJECT_DETAIL (gtk_widget_get_ancestor (row, LOTSE_TYPE_PROJECT_DETAIL));

  if (self != NULL)
    save_field (self, row);
}

static void
on_combo_selected (GtkWidget          *row,
                   GParamSpec         *pspec,
                   LotseProjectDetail *self)
{
  save_field (self, row);
}

static GtkWidget *
group_new (const char *title,
           const char *add_action,
           const char *add_tooltip)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (add_action != NULL)
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                             icon_button_new ("list-add-symbolic", add_tooltip,
                                                              add_action, NULL));
  return group;
}

static void
clear_rows (GtkWidget *group,
            GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static gboolean
scroll_to_end (gpointer data)
{
  GtkAdjustment *adjustment = data;

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

/* After the allocation that changed the adjustment, which would reset a
 * value set now. */
static void
scroll_to_newest (GtkAdjustment *adjustment)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_to_end, g_object_ref (adjustment), g_object_unref);
}

static void
build_form (LotseProjectDetail *self)
{
  GtkWidget *child;
  GtkWidget *delete_button;

  while ((child = gtk_widget_get_first_child (self->form_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->form_box), child);
  g_ptr_array_set_size (self->field_rows, 0);
  g_ptr_array_set_size (self->partner_rows, 0);
  g_ptr_array_set_size (self->milestone_rows, 0);

  for (guint g = 0; g < G_N_ELEMENTS (form_groups); g++)
    {
      GtkWidget *group = group_new (_(form_groups[g].title), NULL, NULL);

      for (guint i = 0; form_groups[g].fields[i] != NULL; i++)
        {
          GtkWidget *row = lotse_field_row_new (self->store, "project", form_groups[g].fields[i]);

          if (ADW_IS_ENTRY_ROW (row))
            {
              adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
              g_signal_connect (row, "apply", G_CALLBACK (on_entry_apply), self);
            }
          else if (ADW_IS_COMBO_ROW (row))
            {
              g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), self);
            }
          else
            {
              /* A date: given by Enter, from the calendar or by leaving it. */
              g_signal_connect_swapped (lotse_field_row_get_editable (row), "activate",
                                        G_CALLBACK (on_date_given), row);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_add (self->field_rows, row);
        }
      gtk_box_append (GTK_BOX (self->form_box), group);

      /* Partners follow the lead. */
      if (g == 1)
        {
          self->partners_group = group_new (_("Partners"), "portfolio.add-partner",
                                            _("Add Partner"));
          gtk_box_append (GTK_BOX (self->form_box), self->partners_group);
        }
    }

  self->history_group = group_new (_("Health History"), "portfolio.add-status-report",
                                   _("Add Status Report"));
  self->trend_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->trend_box, "health-trend");
  {
    GtkWidget *scrolled = gtk_scrolled_window_new ();
    GtkWidget *frame = gtk_list_box_new ();
    GtkWidget *row = gtk_list_box_row_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
    gtk_widget_set_halign (self->trend_box, GTK_ALIGN_END);
    gtk_widget_set_hexpand (self->trend_box, TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->trend_box);
    /* The newest report is on the right; a narrow window shows it first. */
    g_signal_connect (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                      "changed", G_CALLBACK (scroll_to_newest), NULL);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), scrolled);
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    gtk_widget_set_focusable (row, FALSE);
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (frame), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (frame, "boxed-list");
    gtk_list_box_append (GTK_LIST_BOX (frame), row);
    self->latest_row = adw_action_row_new ();
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->latest_row), FALSE);
    gtk_list_box_append (GTK_LIST_BOX (frame), self->latest_row);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->history_group), frame);
  }
  gtk_box_append (GTK_BOX (self->form_box), self->history_group);

  self->milestones_group = group_new (_("Milestones"), "portfolio.new-milestone",
                                      _("New Milestone"));
  gtk_box_append (GTK_BOX (self->form_box), self->milestones_group);

  delete_button = gtk_button_new_with_mnemonic (_("_Delete Project"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "portfolio.delete-project");
  gtk_widget_set_halign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "destructive-action");
  gtk_widget_add_css_class (delete_button, "pill");
  gtk_box_append (GTK_BOX (self->form_box), delete_button);

  self->refs_stale = FALSE;
}

static void
fill_fields (LotseProjectDetail *self,
             LotseRecord        *project)
{
  self->loading = TRUE;
  for (guint i = 0; i < self->field_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->field_rows, i);

      /* What the user is typing stays; the rest follows the store. */
      if (!lotse_field_row_is_edited (row) || ADW_IS_COMBO_ROW (row))
        lotse_field_row_set_value (row, lotse_record_get (project, lotse_field_row_get_field (row)));
    }
  self->loading = FALSE;

  gtk_label_set_text (self->title_label, lotse_record_get (project, "title"));
}

static void
fill_partners (LotseProjectDetail *self)
{
  LotseFilter filter = { "project_id", self->project_id };
  g_autoptr(GPtrArray) partners = NULL;

  clear_rows (self->partners_group, self->partner_rows);

  partners = lotse_store_list (self->store, "project_partner", &filter, 1, "created_at", 0, 0, NULL);
  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      LotseRecord *partner = g_ptr_array_index (partners, i);
      g_autoptr(LotseRecord) organisation = NULL;
      GtkWidget *row = adw_action_row_new ();
      const char *role = lotse_record_get (partner, "role");

      organisation = lotse_store_get (self->store, "organisation",
                                      lotse_record_get (partner, "organisation_id"), NULL);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     organisation != NULL ? lotse_record_get_title (organisation)
                                                          : _("Unknown organisation"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role != NULL ? role : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button_new ("user-trash-symbolic", _("Remove Partner"),
                                                  "portfolio.remove-partner",
                                                  lotse_record_get_id (partner)));
      g_object_set_data_full (G_OBJECT (row), ID_KEY, g_strdup (lotse_record_get_id (partner)), g_free);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->partners_group), row);
      g_ptr_array_add (self->partner_rows, row);
    }

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->partners_group),
                                         self->partner_rows->len == 0 ? _("No partners yet")
                                                                      : NULL);
}

static GtkWidget *
trend_item_new (LotseRecord *report)
{
  const char *health = lotse_record_get (report, "health");
  const char *summary = lotse_record_get (report, "summary");
  g_autofree char *date = lotse_format_date (lotse_record_get (report, "date"));
  g_autofree char *tooltip = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (lotse_project_health_icon_name (health));
  GtkWidget *label = gtk_label_new (date);
  const char *css = lotse_project_health_css_class (health);

  if (css != NULL)
    gtk_widget_add_css_class (icon, css);
  gtk_widget_add_css_class (icon, "health-icon");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  /* Translators: a status report in the health trend: traffic light,
   * date and summary, e.g. "Yellow on 03/01/2027: Delays at the partner" */
  tooltip = g_strdup_printf (_("%s on %s: %s"), lotse_enum_value_label ("status_report", "health", health),
                             date, summary != NULL ? summary : "");
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  return box;
}

static void
fill_history (LotseProjectDetail *self)
{
  LotseFilter filter = { "project_id", self->project_id };
  g_autoptr(GPtrArray) reports = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->trend_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->trend_box), child);

  reports = lotse_store_list (self->store, "status_report", &filter, 1, "-date",
                              N_TREND_REPORTS, 0, NULL);
  self->n_reports = reports != NULL ? reports->len : 0;

  /* Newest on the right: the list comes newest first. */
  for (guint i = self->n_reports; i > 0; i--)
    gtk_box_append (GTK_BOX (self->trend_box), trend_item_new (g_ptr_array_index (reports, i - 1)));

  if (self->n_reports > 0)
    {
      LotseRecord *latest = g_ptr_array_index (reports, 0);
      const char *summary = lotse_record_get (latest, "summary");
      g_autofree char *date = lotse_format_date (lotse_record_get (latest, "date"));
      g_autofree char *title = NULL;

      /* Translators: the latest status report: its traffic light and date,
       * e.g. "Green since 03/01/2027" */
      title = g_strdup_printf (_("%s since %s"),
                               lotse_enum_value_label ("status_report", "health",
                                                       lotse_record_get (latest, "health")),
                               date);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->latest_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->latest_row), summary != NULL ? summary : "");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->latest_row), _("No status reports yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->latest_row),
                                   _("A status report records the traffic light with a date and a summary."));
    }
}

static const char *
milestone_icon_name (const char *status,
                     gboolean    overdue)
{
  /* The overdue mark of the project list and the monitor. */
  if (overdue)
    return "alarm-symbolic";
  if (g_strcmp0 (status, "done") == 0)
    return "emblem-ok-symbolic";
  if (g_strcmp0 (status, "at_risk") == 0)
    return "dialog-warning-symbolic";
  if (g_strcmp0 (status, "missed") == 0)
    return "dialog-error-symbolic";
  if (g_strcmp0 (status, "cancelled") == 0)
    return "window-close-symbolic";
  return "task-due-symbolic";
}

/* "Overdue by 12 days": leads the subtitle, so that it shows also where
 * the row is narrow. */
static char *
overdue_text (const char *due,
              const char *today)
{
  int days = lotse_monitor_days_between (due, today);

  /* Translators: a milestone whose due date has passed */
  return g_strdup_printf (ngettext ("Overdue by %d day", "Overdue by %d days", days), days);
}

static GtkWidget *
milestone_row_new (LotseRecord *milestone,
                   const char  *project_status,
                   const char  *today)
{
  const char *status = lotse_record_get (milestone, "status");
  const char *due = lotse_record_get (milestone, "due_date");
  const char *done = lotse_record_get (milestone, "done_date");
  gboolean open = g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "cancelled") != 0;
  gboolean overdue = lotse_monitor_is_overdue (status, due, project_status, today);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *css = g_strdup_printf ("milestone-%s", status);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  GtkWidget *badge;

  if (overdue)
    {
      g_autofree char *text = overdue_text (due, today);

      g_string_append_printf (subtitle, "%s · ", text);
      gtk_widget_add_css_class (row, "overdue");
    }
  g_string_append (subtitle, lotse_enum_value_label ("milestone", "status", status));
  if (due != NULL)
    {
      g_autofree char *date = lotse_format_date (due);

      g_string_append (subtitle, " · ");
      /* Translators: the due date of a milestone */
      g_string_append_printf (subtitle, _("due %s"), date);
    }
  if (done != NULL && !open)
    {
      g_autofree char *date = lotse_format_date (done);

      g_string_append (subtitle, " · ");
      /* Translators: the date a milestone was done */
      g_string_append_printf (subtitle, _("done %s"), date);
    }
  gtk_widget_add_css_class (row, "milestone-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lotse_record_get (milestone, "title"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  icon = gtk_image_new_from_icon_name (milestone_icon_name (status, overdue));
  gtk_widget_add_css_class (icon, "milestone-icon");
  gtk_widget_add_css_class (icon, overdue ? "milestone-overdue" : css);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  badge = lotse_conflict_badge_new ();
  lotse_conflict_badge_set_record (LOTSE_CONFLICT_BADGE (badge), "milestone",
                                   lotse_record_get_id (milestone));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  if (open)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               icon_button_new ("object-select-symbolic", _("Mark as Done"),
                                                "portfolio.mark-done", lotse_record_get_id (milestone)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button_new ("user-trash-symbolic", _("Delete Milestone"),
                                              "portfolio.delete-milestone",
                                              lotse_record_get_id (milestone)));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", lotse_record_get_id (milestone));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "portfolio.edit-milestone");
  gtk_widget_set_tooltip_text (row, _("Edit the milestone"));
  g_object_set_data_full (G_OBJECT (row), ID_KEY, g_strdup (lotse_record_get_id (milestone)), g_free);

  return row;
}

static void
fill_milestones (LotseProjectDetail *self)
{
  LotseFilter filter = { "project_id", self->project_id };
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(LotseRecord) project = lotse_store_get (self->store, "project", self->project_id, NULL);
  g_autofree char *today = lotse_monitor_today ();

  clear_rows (self->milestones_group, self->milestone_rows);

  milestones = lotse_store_list (self->store, "milestone", &filter, 1, "due_date", 0, 0, NULL);
  for (guint i = 0; milestones != NULL && i < milestones->len; i++)
    {
      GtkWidget *row = milestone_row_new (g_ptr_array_index (milestones, i),
                                          project != NULL ? lotse_record_get (project, "status") : NULL,
                                          today);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->milestones_group), row);
      g_ptr_array_add (self->milestone_rows, row);
    }

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->milestones_group),
                                         self->milestone_rows->len == 0 ? _("No milestones yet")
                                                                        : NULL);
}

static void
on_store_changed (LotseProjectDetail *self,
                  const char         *table,
                  const char         *id,
                  LotseStore         *store)
{
  if (self->project_id == NULL)
    {
      if (g_str_equal (table, "organisation") || g_str_equal (table, "person") ||
          g_str_equal (table, "programme"))
        self->refs_stale = TRUE;
      return;
    }

  if (g_str_equal (table, "project") && (id == NULL || g_str_equal (id, self->project_id)))
    {
      g_autoptr(LotseRecord) project = lotse_store_get (store, "project", self->project_id, NULL);

      if (project != NULL)
        fill_fields (self, project);
      /* Whether a milestone is overdue depends on the project's status. */
      fill_milestones (self);
    }
  else if (g_str_equal (table, "project_partner") || g_str_equal (table, "organisation"))
    {
      fill_partners (self);
      self->refs_stale |= g_str_equal (table, "organisation");
    }
  else if (g_str_equal (table, "status_report"))
    {
      fill_history (self);
    }
  else if (g_str_equal (table, "milestone"))
    {
      fill_milestones (self);
    }
  else if (g_str_equal (table, "person") || g_str_equal (table, "programme"))
    {
      self->refs_stale = TRUE;
    }
}

static void
lotse_project_detail_dispose (GObject *object)
{
  LotseProjectDetail *self = LOTSE_PROJECT_DETAIL (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (lotse_project_detail_parent_class)->dispose (object);
}

static void
lotse_project_detail_finalize (GObject *object)
{
  LotseProjectDetail *self = LOTSE_PROJECT_DETAIL (object);

  g_clear_pointer (&self->project_id, g_free);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->partner_rows, g_ptr_array_unref);
  g_clear_pointer (&self->milestone_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lotse_project_detail_parent_class)->finalize (object);
}

static void
lotse_project_detail_class_init (LotseProjectDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_project_detail_dispose;
  object_class->finalize = lotse_project_detail_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "project-detail");
}

static GtkWidget *
menu_button_new (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (menu, _("New _Milestone"), "portfolio.new-milestone");
  g_menu_append (menu, _("Add _Status Report"), "portfolio.add-status-report");
  g_menu_append (menu, _("Add _Partner"), "portfolio.add-partner");
  g_menu_append (section, _("_Delete Project"), "portfolio.delete-project");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Project Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Project Menu"), -1);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
lotse_project_detail_init (LotseProjectDetail *self)
{
  GtkWidget *bar;
  GtkWidget *clamp;

  self->field_rows = g_ptr_array_new ();
  self->partner_rows = g_ptr_array_new ();
  self->milestone_rows = g_ptr_array_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (bar, "toolbar");
  gtk_box_append (GTK_BOX (self->box), bar);

  self->back_button = icon_button_new ("go-previous-symbolic", _("Back to the List"),
                                       "portfolio.back", NULL);
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_box_append (GTK_BOX (bar), self->back_button);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->title_label, 0.0f);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->title_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (bar), menu_button_new ());

  /* Below the bar rather than in it: the title keeps its room in a narrow
   * window, and the badge stays in sight while the form scrolls. */
  self->conflict_badge = lotse_conflict_badge_new ();
  gtk_widget_set_halign (self->conflict_badge, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->conflict_badge, 12);
  gtk_widget_set_margin_top (self->conflict_badge, 6);
  gtk_box_append (GTK_BOX (self->box), self->conflict_badge);

  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->scrolled));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 480);
  gtk_scrolled_window_set_child (self->scrolled, clamp);

  self->form_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->form_box, 12);
  gtk_widget_set_margin_bottom (self->form_box, 24);
  gtk_widget_set_margin_start (self->form_box, 12);
  gtk_widget_set_margin_end (self->form_box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->form_box);
}

GtkWidget *
lotse_project_detail_new (void)
{
  return g_object_new (LOTSE_TYPE_PROJECT_DETAIL, NULL);
}

/**
 * lotse_project_detail_set_store:
 * @self: a detail
 * @store: (nullable): the store to show and write
 */
void
lotse_project_detail_set_store (LotseProjectDetail *self,
                                LotseStore         *store)
{
  g_return_if_fail (LOTSE_IS_PROJECT_DETAIL (self));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->project_id, g_free);
  self->refs_stale = TRUE;

  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed),
                                                self, G_CONNECT_SWAPPED);
}

/**
 * lotse_project_detail_set_project:
 * @self: a detail
 * @id: (nullable): the project to show
 *
 * Returns: %FALSE if there is no such project
 */
gboolean
lotse_project_detail_set_project (LotseProjectDetail *self,
                                  const char         *id)
{
  g_autoptr(LotseRecord) project = NULL;

  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), FALSE);

  if (id == NULL || self->store == NULL)
    {
      g_clear_pointer (&self->project_id, g_free);
      lotse_conflict_badge_set_record (LOTSE_CONFLICT_BADGE (self->conflict_badge), NULL, NULL);
      return id == NULL;
    }

  project = lotse_store_get (self->store, "project", id, NULL);
  if (project == NULL)
    return FALSE;

  if (self->refs_stale)
    build_form (self);

  /* Another project: nothing typed for the previous one carries over. */
  if (g_strcmp0 (self->project_id, id) != 0)
    {
      self->loading = TRUE;
      for (guint i = 0; i < self->field_rows->len; i++)
        lotse_field_row_set_value (g_ptr_array_index (self->field_rows, i), NULL);
      self->loading = FALSE;
      g_free (self->project_id);
      self->project_id = g_strdup (id);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
    }

  lotse_conflict_badge_set_record (LOTSE_CONFLICT_BADGE (self->conflict_badge), "project", id);
  fill_fields (self, project);
  fill_partners (self);
  fill_history (self);
  fill_milestones (self);

  return TRUE;
}

GtkWidget *
lotse_project_detail_get_conflict_badge (LotseProjectDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), NULL);

  return self->conflict_badge;
}

const char *
lotse_project_detail_get_project_id (LotseProjectDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), NULL);

  return self->project_id;
}

void
lotse_project_detail_set_show_back (LotseProjectDetail *self,
                                    gboolean            show_back)
{
  g_return_if_fail (LOTSE_IS_PROJECT_DETAIL (self));

  gtk_widget_set_visible (self->back_button, show_back);
}

/**
 * lotse_project_detail_get_field_row:
 * @self: a detail
 * @field: a field of the project table
 *
 * Returns: (transfer none) (nullable): the form row of @field
 */
GtkWidget *
lotse_project_detail_get_field_row (LotseProjectDetail *self,
                                    const char         *field)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), NULL);

  for (guint i = 0; i < self->field_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->field_rows, i);

      if (g_strcmp0 (lotse_field_row_get_field (row), field) == 0)
        return row;
    }

  return NULL;
}

static GtkWidget *
find_row (GPtrArray  *rows,
          const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (rows, i), ID_KEY), id) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

GtkWidget *
lotse_project_detail_get_milestone_row (LotseProjectDetail *self,
                                        const char         *milestone_id)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), NULL);

  return find_row (self->milestone_rows, milestone_id);
}

guint
lotse_project_detail_get_n_milestones (LotseProjectDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), 0);

  return self->milestone_rows->len;
}

guint
lotse_project_detail_get_n_partners (LotseProjectDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), 0);

  return self->partner_rows->len;
}

guint
lotse_project_detail_get_n_reports (LotseProjectDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), 0);

  return self->n_reports;
}

/**
 * lotse_project_detail_dup_focused_milestone:
 * @self: a detail
 *
 * Returns: (transfer full) (nullable): the id of the milestone whose row
 *   has the keyboard focus
 */
char *
lotse_project_detail_dup_focused_milestone (LotseProjectDetail *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root == NULL)
    return NULL;

  for (focus = gtk_root_get_focus (root); focus != NULL; focus = gtk_widget_get_parent (focus))
    {
      if (g_ptr_array_find (self->milestone_rows, focus, NULL))
        return g_strdup (g_object_get_data (G_OBJECT (focus), ID_KEY));
      if (focus == GTK_WIDGET (self))
        break;
    }

  return NULL;
}

void
lotse_project_detail_focus_milestone (LotseProjectDetail *self,
                                      const char         *milestone_id)
{
  GtkWidget *row;

  g_return_if_fail (LOTSE_IS_PROJECT_DETAIL (self));

  row = find_row (self->milestone_rows, milestone_id);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

void
lotse_project_detail_focus_history (LotseProjectDetail *self)
{
  g_return_if_fail (LOTSE_IS_PROJECT_DETAIL (self));

  gtk_widget_grab_focus (self->latest_row);
}
