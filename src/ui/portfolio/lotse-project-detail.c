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
 *
 * The page is lotse-project-detail.ui; the rows of the fields come from
 * the schema (lotse-field-row.c), those of the partners and milestones
 * from list models of their records.
 */

#define G_LOG_DOMAIN "lotse-project-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-attachment-list.h"
#include "lotse-conflict-badge.h"
#include "lotse-field-row.h"
#include "lotse-finance-page.h"
#include "lotse-project-detail.h"
#include "lotse-project-row.h"
#include "lotse-widget-util.h"

#define N_TREND_REPORTS 6

struct _LotseProjectDetail
{
  GtkWidget       parent_instance;

  LotseStore     *store;
  char           *project_id;
  gulong          changed_id;
  gboolean        loading;
  gboolean        refs_stale;

  GPtrArray      *field_rows;
  GListStore     *partners;
  guint           n_reports;
  GListStore     *milestones;
  /* What the milestone rows being made are measured against */
  char           *project_status;
  char           *today;

  GtkWidget      *box;
  GtkWidget      *back_button;
  GtkLabel       *title_label;
  GtkWidget      *conflict_badge;
  GtkScrolledWindow *scrolled;
  AdwPreferencesGroup *project_group;
  AdwPreferencesGroup *lead_group;
  AdwPreferencesGroup *runtime_group;
  AdwPreferencesGroup *grant_group;
  LotseFinancePage *finance_page;
  AdwPreferencesGroup *partners_group;
  GtkListBox     *partner_list;
  GtkWidget      *trend_box;
  GtkWidget      *latest_row;
  AdwPreferencesGroup *milestones_group;
  LotseAttachmentList *attachments;
  GtkListBox     *milestone_list;
};

G_DEFINE_FINAL_TYPE (LotseProjectDetail, lotse_project_detail, GTK_TYPE_WIDGET)

/* The fields of the form's groups (lotse-project-detail.ui): what the
 * project is, who leads it, then its runtime and money. */
static const char * const project_fields[] = { LOTSE_PROJECT_TITLE, LOTSE_PROJECT_ACRONYM,
                                               LOTSE_PROJECT_SUMMARY, LOTSE_PROJECT_TOPIC, LOTSE_PROJECT_PROGRAMME_ID, LOTSE_PROJECT_STATUS, LOTSE_PROJECT_HEALTH, NULL };
static const char * const lead_fields[] = { LOTSE_PROJECT_LEAD_ORGANISATION_ID,
                                            LOTSE_PROJECT_LEADER_PERSON_ID, NULL };
static const char * const runtime_fields[] = { LOTSE_PROJECT_START_DATE, LOTSE_PROJECT_END_DATE,
                                               LOTSE_PROJECT_BUDGET_CENTS, LOTSE_PROJECT_FUNDING, LOTSE_PROJECT_WEBSITE, NULL };
static const char * const grant_fields[] = { LOTSE_PROJECT_FUNDER, LOTSE_PROJECT_FUNDING_SCHEME,
                                             LOTSE_PROJECT_GRANT_REFERENCE, LOTSE_PROJECT_FUNDING_START,
                                             LOTSE_PROJECT_FUNDING_END, LOTSE_PROJECT_ELIGIBLE_CENTS,
                                             LOTSE_PROJECT_FUNDING_RATE, LOTSE_PROJECT_GRANT_CENTS,
                                             LOTSE_PROJECT_OWN_CONTRIBUTION_CENTS, NULL };

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

  project = lotse_store_get (self->store, LOTSE_TABLE_PROJECT, self->project_id, &error);
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

static GtkWidget *
field_row_new (LotseProjectDetail *self,
               const char         *field)
{
  GtkWidget *row = lotse_field_row_new (self->store, LOTSE_TABLE_PROJECT, field);

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

  return row;
}

/* The rows of the fields, made again when the choices of their combo rows
 * (organisations, people, programmes) may have changed. */
static void
build_form (LotseProjectDetail *self)
{
  const struct
  {
    AdwPreferencesGroup *group;
    const char * const  *fields;
  } groups[] = {
    { self->project_group, project_fields },
    { self->lead_group, lead_fields },
    { self->runtime_group, runtime_fields },
    { self->grant_group, grant_fields },
  };

  for (guint i = 0; i < self->field_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->field_rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->field_rows, 0);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; groups[g].fields[i] != NULL; i++)
      {
        GtkWidget *row = field_row_new (self, groups[g].fields[i]);

        adw_preferences_group_add (groups[g].group, row);
        g_ptr_array_add (self->field_rows, row);
      }

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

  gtk_label_set_text (self->title_label, lotse_record_get (project, LOTSE_PROJECT_TITLE));
}

/* Replaces the records of @model by @records (%NULL: none); an empty
 * list hides behind its group's description "No … yet". */
static void
replace_records (GListStore          *model,
                 GPtrArray           *records,
                 GtkListBox          *list,
                 AdwPreferencesGroup *group,
                 const char          *empty)
{
  guint n = records != NULL ? records->len : 0;

  g_list_store_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                       n > 0 ? records->pdata : NULL, n);
  gtk_widget_set_visible (GTK_WIDGET (list), n > 0);
  adw_preferences_group_set_description (group, n == 0 ? empty : NULL);
}

static GtkWidget *
partner_row_new (gpointer item,
                 gpointer user_data)
{
  LotseProjectDetail *self = user_data;
  LotseRecord *partner = item;
  g_autoptr(LotseRecord) organisation = NULL;
  GtkWidget *row = adw_action_row_new ();
  const char *role = lotse_record_get (partner, LOTSE_PROJECT_PARTNER_ROLE);

  organisation = lotse_store_get (self->store, LOTSE_TABLE_ORGANISATION,
                                  lotse_record_get (partner, LOTSE_PROJECT_PARTNER_ORGANISATION_ID), NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 organisation != NULL ? lotse_record_get_title (organisation)
                                                      : _("Unknown organisation"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role != NULL ? role : "");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button_new ("user-trash-symbolic", _("Remove Partner"),
                                              "portfolio.remove-partner",
                                              lotse_record_get_id (partner)));

  return row;
}

static void
fill_partners (LotseProjectDetail *self)
{
  LotseFilter filter = { LOTSE_PROJECT_PARTNER_PROJECT_ID, self->project_id };
  g_autoptr(GPtrArray) partners = NULL;

  partners = lotse_store_list (self->store, LOTSE_TABLE_PROJECT_PARTNER, &filter, 1,
                               "created_at", 0, 0, NULL);
  replace_records (self->partners, partners, self->partner_list, self->partners_group,
                   _("No partners yet"));
}

static GtkWidget *
trend_item_new (LotseRecord *report)
{
  const char *health = lotse_record_get (report, LOTSE_STATUS_REPORT_HEALTH);
  const char *summary = lotse_record_get (report, LOTSE_STATUS_REPORT_SUMMARY);
  g_autofree char *date = lotse_format_date (lotse_record_get (report, LOTSE_STATUS_REPORT_DATE));
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
  tooltip = g_strdup_printf (_("%s on %s: %s"), lotse_enum_value_label (LOTSE_TABLE_STATUS_REPORT,
                                                                        LOTSE_STATUS_REPORT_HEALTH, health),
                             date, summary != NULL ? summary : "");
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  return box;
}

static void
fill_history (LotseProjectDetail *self)
{
  LotseFilter filter = { LOTSE_STATUS_REPORT_PROJECT_ID, self->project_id };
  g_autoptr(GPtrArray) reports = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->trend_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->trend_box), child);

  reports = lotse_store_list (self->store, LOTSE_TABLE_STATUS_REPORT, &filter, 1, "-date",
                              N_TREND_REPORTS, 0, NULL);
  self->n_reports = reports != NULL ? reports->len : 0;

  /* Newest on the right: the list comes newest first. */
  for (guint i = self->n_reports; i > 0; i--)
    gtk_box_append (GTK_BOX (self->trend_box), trend_item_new (g_ptr_array_index (reports, i - 1)));

  if (self->n_reports > 0)
    {
      LotseRecord *latest = g_ptr_array_index (reports, 0);
      const char *summary = lotse_record_get (latest, LOTSE_STATUS_REPORT_SUMMARY);
      g_autofree char *date = lotse_format_date (lotse_record_get (latest, LOTSE_STATUS_REPORT_DATE));
      g_autofree char *title = NULL;

      /* Translators: the latest status report: its traffic light and date,
       * e.g. "Green since 03/01/2027" */
      title = g_strdup_printf (_("%s since %s"),
                               lotse_enum_value_label (LOTSE_TABLE_STATUS_REPORT, LOTSE_STATUS_REPORT_HEALTH,
                                                       lotse_record_get (latest, LOTSE_STATUS_REPORT_HEALTH)),
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
milestone_row_new (gpointer item,
                   gpointer user_data)
{
  LotseProjectDetail *self = user_data;
  LotseRecord *milestone = item;
  const char *today = self->today;
  const char *status = lotse_record_get (milestone, LOTSE_MILESTONE_STATUS);
  const char *due = lotse_record_get (milestone, LOTSE_MILESTONE_DUE_DATE);
  const char *done = lotse_record_get (milestone, LOTSE_MILESTONE_DONE_DATE);
  gboolean open = g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "cancelled") != 0;
  gboolean overdue = lotse_monitor_is_overdue (status, due, self->project_status, today);
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
  g_string_append (subtitle, lotse_enum_value_label (LOTSE_TABLE_MILESTONE, LOTSE_MILESTONE_STATUS, status));
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
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 lotse_record_get (milestone, LOTSE_MILESTONE_TITLE));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  icon = gtk_image_new_from_icon_name (milestone_icon_name (status, overdue));
  gtk_widget_add_css_class (icon, "milestone-icon");
  gtk_widget_add_css_class (icon, overdue ? "milestone-overdue" : css);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  badge = lotse_conflict_badge_new ();
  lotse_conflict_badge_set_record (LOTSE_CONFLICT_BADGE (badge), LOTSE_TABLE_MILESTONE,
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

  return row;
}

static void
fill_milestones (LotseProjectDetail *self)
{
  LotseFilter filter = { LOTSE_MILESTONE_PROJECT_ID, self->project_id };
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(LotseRecord) project = lotse_store_get (self->store, LOTSE_TABLE_PROJECT, self->project_id, NULL);

  g_free (self->project_status);
  self->project_status = project != NULL ? g_strdup (lotse_record_get (project, LOTSE_PROJECT_STATUS)) : NULL;
  g_free (self->today);
  self->today = lotse_monitor_today ();

  milestones = lotse_store_list (self->store, LOTSE_TABLE_MILESTONE, &filter, 1,
                                 LOTSE_MILESTONE_DUE_DATE, 0, 0, NULL);
  replace_records (self->milestones, milestones, self->milestone_list, self->milestones_group,
                   _("No milestones yet"));
}

static void
on_store_changed (LotseProjectDetail *self,
                  const char         *table,
                  const char         *id,
                  LotseStore         *store)
{
  if (self->project_id == NULL)
    {
      if (g_str_equal (table, LOTSE_TABLE_ORGANISATION) || g_str_equal (table, LOTSE_TABLE_PERSON) ||
          g_str_equal (table, LOTSE_TABLE_PROGRAMME))
        self->refs_stale = TRUE;
      return;
    }

  if (g_str_equal (table, LOTSE_TABLE_PROJECT) && (id == NULL || g_str_equal (id, self->project_id)))
    {
      g_autoptr(LotseRecord) project = lotse_store_get (store, LOTSE_TABLE_PROJECT, self->project_id, NULL);

      if (project != NULL)
        fill_fields (self, project);
      /* Whether a milestone is overdue depends on the project's status. */
      fill_milestones (self);
    }
  else if (g_str_equal (table, LOTSE_TABLE_PROJECT_PARTNER) || g_str_equal (table, LOTSE_TABLE_ORGANISATION))
    {
      fill_partners (self);
      self->refs_stale |= g_str_equal (table, LOTSE_TABLE_ORGANISATION);
    }
  else if (g_str_equal (table, LOTSE_TABLE_STATUS_REPORT))
    {
      fill_history (self);
    }
  else if (g_str_equal (table, LOTSE_TABLE_MILESTONE))
    {
      fill_milestones (self);
    }
  else if (g_str_equal (table, LOTSE_TABLE_PERSON) || g_str_equal (table, LOTSE_TABLE_PROGRAMME))
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
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_PROJECT_DETAIL);
  g_clear_object (&self->partners);
  g_clear_object (&self->milestones);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lotse_project_detail_parent_class)->dispose (object);
}

static void
lotse_project_detail_finalize (GObject *object)
{
  LotseProjectDetail *self = LOTSE_PROJECT_DETAIL (object);

  g_clear_pointer (&self->project_id, g_free);
  g_clear_pointer (&self->project_status, g_free);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lotse_project_detail_parent_class)->finalize (object);
}

static void
lotse_project_detail_class_init (LotseProjectDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_project_detail_dispose;
  object_class->finalize = lotse_project_detail_finalize;

  g_type_ensure (LOTSE_TYPE_ATTACHMENT_LIST);
  g_type_ensure (LOTSE_TYPE_CONFLICT_BADGE);
  g_type_ensure (LOTSE_TYPE_FINANCE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/portfolio/lotse-project-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, box);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, conflict_badge);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, scrolled);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, project_group);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, lead_group);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, runtime_group);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, grant_group);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, finance_page);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, partners_group);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, partner_list);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, trend_box);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, latest_row);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, milestones_group);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, attachments);
  gtk_widget_class_bind_template_child (widget_class, LotseProjectDetail, milestone_list);
  gtk_widget_class_bind_template_callback (widget_class, scroll_to_newest);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "project-detail");
}

static void
lotse_project_detail_init (LotseProjectDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_rows = g_ptr_array_new ();
  self->partners = g_list_store_new (LOTSE_TYPE_RECORD);
  self->milestones = g_list_store_new (LOTSE_TYPE_RECORD);
  gtk_list_box_bind_model (self->partner_list, G_LIST_MODEL (self->partners),
                           partner_row_new, self, NULL);
  gtk_list_box_bind_model (self->milestone_list, G_LIST_MODEL (self->milestones),
                           milestone_row_new, self, NULL);
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
  lotse_finance_page_set_project_id (self->finance_page, NULL);
  lotse_panel_set_store (LOTSE_PANEL (self->finance_page), store);

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

  project = lotse_store_get (self->store, LOTSE_TABLE_PROJECT, id, NULL);
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

  lotse_conflict_badge_set_record (LOTSE_CONFLICT_BADGE (self->conflict_badge), LOTSE_TABLE_PROJECT, id);
  lotse_finance_page_set_project_id (self->finance_page, id);
  fill_fields (self, project);
  fill_partners (self);
  fill_history (self);
  fill_milestones (self);
  lotse_attachment_list_set_owner (self->attachments, self->store, LOTSE_TABLE_PROJECT, id);

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

/* The row of the milestone @id in @self's list, or %NULL */
static GtkListBoxRow *
find_milestone_row (LotseProjectDetail *self,
                    const char         *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->milestones));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LotseRecord) milestone = g_list_model_get_item (G_LIST_MODEL (self->milestones), i);

      if (g_strcmp0 (lotse_record_get_id (milestone), id) == 0)
        return gtk_list_box_get_row_at_index (self->milestone_list, i);
    }

  return NULL;
}

GtkWidget *
lotse_project_detail_get_milestone_row (LotseProjectDetail *self,
                                        const char         *milestone_id)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), NULL);

  return (GtkWidget *) find_milestone_row (self, milestone_id);
}

guint
lotse_project_detail_get_n_milestones (LotseProjectDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->milestones));
}

guint
lotse_project_detail_get_n_partners (LotseProjectDetail *self)
{
  g_return_val_if_fail (LOTSE_IS_PROJECT_DETAIL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->partners));
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
      if (gtk_widget_get_parent (focus) == GTK_WIDGET (self->milestone_list))
        {
          int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus));
          g_autoptr(LotseRecord) milestone = g_list_model_get_item (G_LIST_MODEL (self->milestones), index);

          return milestone != NULL ? g_strdup (lotse_record_get_id (milestone)) : NULL;
        }
      if (focus == GTK_WIDGET (self))
        break;
    }

  return NULL;
}

void
lotse_project_detail_focus_milestone (LotseProjectDetail *self,
                                      const char         *milestone_id)
{
  GtkListBoxRow *row;

  g_return_if_fail (LOTSE_IS_PROJECT_DETAIL (self));

  row = find_milestone_row (self, milestone_id);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

void
lotse_project_detail_focus_history (LotseProjectDetail *self)
{
  g_return_if_fail (LOTSE_IS_PROJECT_DETAIL (self));

  gtk_widget_grab_focus (self->latest_row);
}
