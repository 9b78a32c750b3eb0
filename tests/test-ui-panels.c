/* test-ui-panels.c: the monitor, timeline and directory panels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real widgets over a temporary database with hand-built rows, in a window
 * under Xvfb. A parent box carries an action group named "win" whose
 * open-record action records what the panels ask to open.
 */

#include "config.h"

#include <adwaita.h>

#include "lotse-directory-panel.h"
#include "lotse-monitor-panel.h"
#include "lotse-test-helpers.h"
#include "lotse-timeline.h"

#define TODAY    "2026-11-22"
#define WAIT_USEC (10 * G_USEC_PER_SEC)

typedef struct
{
  char       *dir;
  LotseStore *store;
  GtkWindow  *window;
  GtkWidget  *box;
  char       *opened_table;
  char       *opened_id;
  char       *org_a;
  char       *org_b;
  char       *person;
  char       *project_a;
  char       *project_b;
  char       *overdue;
  char       *due_today;
  char       *at_horizon;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static void
open_record_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  Fixture *f = user_data;

  g_clear_pointer (&f->opened_table, g_free);
  g_clear_pointer (&f->opened_id, g_free);
  g_variant_get (parameter, "(ss)", &f->opened_table, &f->opened_id);
}

static char *
add (LotseStore *store,
     const char *table,
     ...)
{
  /* lotse_test_insert takes a NULL-terminated list; up to six here. */
  va_list args;
  const char *a[6] = { NULL, };

  va_start (args, table);
  for (guint i = 0; i < G_N_ELEMENTS (a); i++)
    if ((a[i] = va_arg (args, const char *)) == NULL)
      break;
  va_end (args);

  return lotse_test_insert (store, table, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("open-record", G_VARIANT_TYPE ("(ss)"));
  g_autofree char *programme = NULL;
  g_autofree char *in_programme = NULL;
  g_autofree char *of_a = NULL;
  g_autofree char *of_b = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *org_of = NULL;
  g_autofree char *partner = NULL;
  g_autofree char *done = NULL;
  g_autofree char *far = NULL;
  g_autofree char *partner_org = NULL;
  g_autofree char *partner_project = NULL;
  g_autofree char *leader = NULL;

  f->store = lotse_test_open_store (&f->dir);
  programme = add (f->store, "programme", "name=OWL 4.0", NULL);
  in_programme = g_strdup_printf ("programme_id=%s", programme);

  f->org_a = add (f->store, "organisation", "name=Universität Bielefeld", "kind=university",
                  "city=Bielefeld", NULL);
  f->org_b = add (f->store, "organisation", "name=Kreis Lippe", "kind=municipality",
                  "city=Detmold", NULL);
  org_of = g_strdup_printf ("organisation_id=%s", f->org_a);
  f->person = add (f->store, "person", "name=Anna Berger", org_of, "role=Projektleitung", NULL);

  lead = g_strdup_printf ("lead_organisation_id=%s", f->org_b);
  leader = g_strdup_printf ("leader_person_id=%s", f->person);
  f->project_a = add (f->store, "project", in_programme, "title=Alpha Digital", "acronym=ALP",
                      "start_date=2025-01-01", "end_date=2027-12-31", NULL);
  f->project_b = add (f->store, "project", in_programme, "title=Beta Mobil", lead, leader,
                      "start_date=2026-03-01", NULL);

  partner_org = g_strdup_printf ("organisation_id=%s", f->org_a);
  partner_project = g_strdup_printf ("project_id=%s", f->project_a);
  partner = add (f->store, "project_partner", partner_project, partner_org, "role=Forschung", NULL);

  of_a = g_strdup_printf ("project_id=%s", f->project_a);
  of_b = g_strdup_printf ("project_id=%s", f->project_b);
  f->overdue = add (f->store, "milestone", of_a, "title=Konzept", "due_date=2026-11-10", "status=open", NULL);
  f->due_today = add (f->store, "milestone", of_b, "title=Pilot", "due_date=" TODAY, "status=at_risk", NULL);
  f->at_horizon = add (f->store, "milestone", of_b, "title=Bericht", "due_date=2026-12-06", "status=open", NULL);
  far = add (f->store, "milestone", of_a, "title=Später", "due_date=2026-12-07", "status=open", NULL);
  done = add (f->store, "milestone", of_a, "title=Fertig", "due_date=2026-11-15", "status=done", NULL);

  g_signal_connect (action, "activate", G_CALLBACK (open_record_activated), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 600);
  f->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_insert_action_group (f->box, "win", G_ACTION_GROUP (group));
  gtk_window_set_child (f->window, f->box);
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->opened_table);
  g_free (f->opened_id);
  g_free (f->org_a);
  g_free (f->org_b);
  g_free (f->person);
  g_free (f->project_a);
  g_free (f->project_b);
  g_free (f->overdue);
  g_free (f->due_today);
  g_free (f->at_horizon);
}

/* Monitor */

static gboolean
monitor_loaded (gpointer data)
{
  return !lotse_monitor_panel_is_loading (data);
}

static GPtrArray *
monitor_rows (LotseMonitorPanel *panel)
{
  GListModel *rows = lotse_monitor_panel_get_rows (panel);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LotseMonitorRow) row = g_list_model_get_item (rows, i);

      g_ptr_array_add (titles, g_strdup_printf ("%s%s", lotse_monitor_row_is_header (row) ? "# " : "",
                                                lotse_monitor_row_get_title (row)));
    }

  return titles;
}

static void
assert_rows (LotseMonitorPanel  *panel,
             const char * const *expected)
{
  g_autoptr(GPtrArray) titles = monitor_rows (panel);

  g_ptr_array_add (titles, NULL);
  g_assert_cmpstrv ((char **) titles->pdata, expected);
}

static guint
count_milestone_rows (LotseMonitorPanel *panel)
{
  GListModel *rows = lotse_monitor_panel_get_rows (panel);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LotseMonitorRow) row = g_list_model_get_item (rows, i);

      n += !lotse_monitor_row_is_header (row);
    }

  return n;
}

static void
test_monitor (Fixture       *f,
              gconstpointer  data)
{
  LotseMonitorPanel *panel = g_object_new (LOTSE_TYPE_MONITOR_PANEL, NULL);
  g_autoptr(LotseMonitorRow) row = NULL;
  const char * const by_week[] = {
    "# Week 46, 2026 · 9 Nov – 15 Nov", "Konzept", "# Week 47, 2026 · 16 Nov – 22 Nov", "Pilot", "# Week 49, 2026 · 30 Nov – 6 Dec", "Bericht", NULL,
  };
  const char * const by_project[] = {
    "# Alpha Digital (ALP)", "Konzept", "# Beta Mobil", "Pilot", "Bericht", NULL,
  };
  const char * const one_day[] = { "# Week 46, 2026 · 9 Nov – 15 Nov", "Konzept", "# Week 47, 2026 · 16 Nov – 22 Nov", "Pilot", NULL };
  const char * const one_more[] = {
    "# Week 46, 2026 · 9 Nov – 15 Nov", "Konzept", "# Week 47, 2026 · 16 Nov – 22 Nov", "Pilot", "# Week 49, 2026 · 30 Nov – 6 Dec", "Bericht",
    "# Week 50, 2026 · 7 Dec – 13 Dec", "Später", NULL,
  };

  gtk_box_append (GTK_BOX (f->box), GTK_WIDGET (panel));
  lotse_monitor_panel_set_today (panel, TODAY);
  lotse_monitor_panel_set_days (panel, 14);
  /* the store is set after construction */
  lotse_panel_set_store (LOTSE_PANEL (panel), f->store);
  g_assert_true (wait_until (monitor_loaded, panel));
  assert_rows (panel, by_week);

  lotse_monitor_panel_set_by_project (panel, TRUE);
  assert_rows (panel, by_project);
  lotse_monitor_panel_set_by_project (panel, FALSE);
  assert_rows (panel, by_week);
  g_assert_false (lotse_monitor_panel_get_by_project (panel));

  /* the toggle buttons and the property agree both ways */
  {
    GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (panel));
    GtkToggleButton *week = NULL, *project = NULL;

    while (child != NULL)
      {
        if (GTK_IS_TOGGLE_BUTTON (child))
          {
            if (week == NULL)
              week = GTK_TOGGLE_BUTTON (child);
            else
              project = GTK_TOGGLE_BUTTON (child);
          }
        if (gtk_widget_get_first_child (child) != NULL && !GTK_IS_TOGGLE_BUTTON (child) &&
            !GTK_IS_LIST_VIEW (child) && !GTK_IS_SPIN_BUTTON (child) && !GTK_IS_DROP_DOWN (child))
          child = gtk_widget_get_first_child (child);
        else
          {
            while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
              child = gtk_widget_get_parent (child);
            child = child ? gtk_widget_get_next_sibling (child) : NULL;
          }
      }
    g_assert_nonnull (project);
    gtk_toggle_button_set_active (project, TRUE);
    g_assert_true (lotse_monitor_panel_get_by_project (panel));
    g_assert_false (gtk_toggle_button_get_active (week));
    assert_rows (panel, by_project);
    lotse_monitor_panel_set_by_project (panel, FALSE);
    g_assert_true (gtk_toggle_button_get_active (week));
    g_assert_false (gtk_toggle_button_get_active (project));
  }

  lotse_monitor_panel_set_days (panel, 1);
  g_assert_true (wait_until (monitor_loaded, panel));
  assert_rows (panel, one_day);

  lotse_monitor_panel_set_days (panel, 15);
  g_assert_true (wait_until (monitor_loaded, panel));
  assert_rows (panel, one_more);

  /* a milestone marked done leaves the list */
  {
    g_autoptr(LotseRecord) record = lotse_store_get (f->store, "milestone", f->due_today, NULL);
    g_autoptr(GError) error = NULL;

    lotse_record_set (record, "status", "done");
    lotse_store_update (f->store, record, &error);
    g_assert_no_error (error);
    g_assert_true (wait_until (monitor_loaded, panel));
    g_assert_cmpuint (g_list_model_get_n_items (lotse_monitor_panel_get_rows (panel)), ==, 6);
  }

  /* activating a milestone opens it; a project header opens the project */
  lotse_monitor_panel_set_by_project (panel, TRUE);
  {
    GtkListView *list = NULL;
    GtkWidget *child;

    /* find the list view and activate its rows as a click or Enter does */
    for (child = gtk_widget_get_first_child (GTK_WIDGET (panel)); child != NULL && list == NULL;)
      {
        if (GTK_IS_LIST_VIEW (child) && gtk_widget_has_css_class (child, "monitor-list"))
          list = GTK_LIST_VIEW (child);
        else if (gtk_widget_get_first_child (child) != NULL)
          child = gtk_widget_get_first_child (child);
        else
          {
            while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
              child = gtk_widget_get_parent (child);
            child = child ? gtk_widget_get_next_sibling (child) : NULL;
          }
      }
    g_assert_nonnull (list);

    g_signal_emit_by_name (list, "activate", 1);
    g_assert_cmpstr (f->opened_table, ==, "milestone");
    g_assert_cmpstr (f->opened_id, ==, f->overdue);

    g_signal_emit_by_name (list, "activate", 3);
    g_assert_cmpstr (f->opened_table, ==, "project");
    g_assert_cmpstr (f->opened_id, ==, f->project_b);
  }

  /* the programme filter: another programme has nothing due */
  {
    g_autofree char *other = add (f->store, "programme", "name=Modellregion", NULL);

    g_assert_true (wait_until (monitor_loaded, panel));
    lotse_monitor_panel_set_programme_id (panel, other);
    g_assert_true (wait_until (monitor_loaded, panel));
    g_assert_cmpuint (g_list_model_get_n_items (lotse_monitor_panel_get_rows (panel)), ==, 0);
    lotse_monitor_panel_set_programme_id (panel, NULL);
    g_assert_true (wait_until (monitor_loaded, panel));
    g_assert_cmpuint (count_milestone_rows (panel), ==, 3);
  }

  /* another store replaces the rows; no store empties the panel */
  {
    g_autofree char *other_dir = NULL;
    g_autoptr(LotseStore) other = lotse_test_open_store (&other_dir);

    lotse_panel_set_store (LOTSE_PANEL (panel), other);
    g_assert_true (wait_until (monitor_loaded, panel));
    g_assert_cmpuint (g_list_model_get_n_items (lotse_monitor_panel_get_rows (panel)), ==, 0);
    lotse_panel_set_store (LOTSE_PANEL (panel), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (lotse_monitor_panel_get_rows (panel)), ==, 0);
    g_object_set (panel, "store", f->store, NULL);
    g_assert_true (wait_until (monitor_loaded, panel));
    g_assert_cmpuint (count_milestone_rows (panel), ==, 3);
    lotse_test_remove_tree (other_dir);
  }

  row = g_list_model_get_item (lotse_monitor_panel_get_rows (panel), 1);
  g_assert_cmpint (lotse_monitor_row_get_entry (row)->state, ==, LOTSE_MONITOR_OVERDUE);
  g_assert_cmpint (lotse_monitor_row_get_entry (row)->days_overdue, ==, 12);
}

static void
test_monitor_pages (Fixture       *f,
                    gconstpointer  data)
{
  LotseMonitorPanel *panel = g_object_new (LOTSE_TYPE_MONITOR_PANEL, NULL);
  g_autofree char *of_a = g_strdup_printf ("project_id=%s", f->project_a);
  g_autoptr(GError) error = NULL;

  /* 230 more overdue milestones: more than a page */
  g_assert_true (lotse_store_begin (f->store, &error));
  for (guint i = 0; i < 230; i++)
    {
      g_autofree char *title = g_strdup_printf ("title=Alt %03u", i);
      g_autofree char *due = g_strdup_printf ("due_date=2025-%02u-%02u", 1 + i / 28 % 12, 1 + i % 28);
      g_autofree char *id = add (f->store, "milestone", of_a, title, due, NULL);
    }
  g_assert_true (lotse_store_commit (f->store, &error));

  gtk_box_append (GTK_BOX (f->box), GTK_WIDGET (panel));
  lotse_monitor_panel_set_today (panel, TODAY);
  lotse_monitor_panel_set_days (panel, 14);
  lotse_panel_set_store (LOTSE_PANEL (panel), f->store);
  g_assert_true (wait_until (monitor_loaded, panel));
  g_assert_cmpuint (count_milestone_rows (panel), ==, 200);

  lotse_monitor_panel_load_more (panel);
  g_assert_true (wait_until (monitor_loaded, panel));
  g_assert_cmpuint (count_milestone_rows (panel), ==, 233);
  lotse_monitor_panel_load_more (panel);  /* nothing more: no change */
  g_assert_true (wait_until (monitor_loaded, panel));
  g_assert_cmpuint (count_milestone_rows (panel), ==, 233);

  /* a change in the store keeps what the user has opened */
  {
    g_autoptr(LotseRecord) record = lotse_store_get (f->store, "milestone", f->overdue, NULL);

    lotse_record_set (record, "status", "done");
    g_assert_true (lotse_store_update (f->store, record, &error));
    g_assert_true (wait_until (monitor_loaded, panel));
    g_assert_cmpuint (count_milestone_rows (panel), ==, 232);
  }
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A milestone that a completed project left open in 2018 is history: the
 * monitor opens on what is overdue now, and shows the history when the
 * user ticks "Include closed projects". */
static void
test_monitor_history (Fixture       *f,
                      gconstpointer  data)
{
  LotseMonitorPanel *panel = g_object_new (LOTSE_TYPE_MONITOR_PANEL, NULL);
  g_autofree char *completed = add (f->store, "project", "title=Gamma Alt", "status=completed",
                                    "start_date=2016-01-01", "end_date=2019-02-28", NULL);
  g_autofree char *of_completed = g_strdup_printf ("project_id=%s", completed);
  g_autofree char *relic = add (f->store, "milestone", of_completed, "title=Relikt",
                                "due_date=2018-09-30", "status=missed", NULL);
  const char * const current[] = {
    "# Week 46, 2026 · 9 Nov – 15 Nov", "Konzept", "# Week 47, 2026 · 16 Nov – 22 Nov", "Pilot",
    "# Week 49, 2026 · 30 Nov – 6 Dec", "Bericht", NULL,
  };
  const char * const history[] = {
    "# Week 39, 2018 · 24 Sep – 30 Sep", "Relikt",
    "# Week 46, 2026 · 9 Nov – 15 Nov", "Konzept", "# Week 47, 2026 · 16 Nov – 22 Nov", "Pilot",
    "# Week 49, 2026 · 30 Nov – 6 Dec", "Bericht", NULL,
  };
  GtkCheckButton *check;
  g_autoptr(LotseMonitorRow) row = NULL;

  gtk_box_append (GTK_BOX (f->box), GTK_WIDGET (panel));
  lotse_monitor_panel_set_today (panel, TODAY);
  lotse_monitor_panel_set_days (panel, 14);
  lotse_panel_set_store (LOTSE_PANEL (panel), f->store);
  g_assert_true (wait_until (monitor_loaded, panel));
  assert_rows (panel, current);
  g_assert_nonnull (find_label (GTK_WIDGET (panel), "1 overdue, 2 due soon"));
  g_assert_false (lotse_monitor_panel_get_history (panel));

  /* The user ticks the filter. */
  check = GTK_CHECK_BUTTON (find_descendant (GTK_WIDGET (panel), GTK_TYPE_CHECK_BUTTON));
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (lotse_monitor_panel_get_history (panel));
  g_assert_true (wait_until (monitor_loaded, panel));
  assert_rows (panel, history);
  row = g_list_model_get_item (lotse_monitor_panel_get_rows (panel), 1);
  g_assert_cmpstr (lotse_monitor_row_get_target_id (row), ==, relic);
  g_assert_cmpint (lotse_monitor_row_get_entry (row)->state, ==, LOTSE_MONITOR_CLOSED);
  /* History is not counted as overdue. */
  g_assert_nonnull (find_label (GTK_WIDGET (panel), "1 overdue, 2 due soon, 1 of closed projects"));

  g_object_set (panel, "history", FALSE, NULL);
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_true (wait_until (monitor_loaded, panel));
  assert_rows (panel, current);
}

/* Timeline */

static gboolean
timeline_loaded (gpointer data)
{
  return !lotse_timeline_is_loading (data) && lotse_timeline_get_n_projects (data) > 0;
}

static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  GList *controllers = NULL;
  GListModel *list = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (list, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        controllers = g_list_prepend (controllers, controller);
    }
  g_object_unref (list);

  for (GList *l = controllers; l != NULL && !handled; l = l->next)
    g_signal_emit_by_name (l->data, "key-pressed", keyval, 0, 0, &handled);
  g_list_free (controllers);
  g_assert_true (handled);
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *panel = lotse_timeline_panel_new (NULL);
  LotseTimeline *timeline = lotse_timeline_panel_get_timeline (LOTSE_TIMELINE_PANEL (panel));
  const char *table = NULL, *id = NULL;
  double quarters;

  gtk_widget_set_vexpand (panel, TRUE);
  gtk_box_append (GTK_BOX (f->box), panel);
  lotse_timeline_set_today (timeline, TODAY);
  g_object_set (panel, "store", f->store, NULL);
  g_assert_true (wait_until (timeline_loaded, timeline));
  g_assert_cmpuint (lotse_timeline_get_n_projects (timeline), ==, 2);

  /* zoom: the scale grows towards months, shrinks towards years */
  quarters = lotse_timeline_get_pixels_per_day (timeline);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-in", NULL));
  g_assert_cmpint (lotse_timeline_get_zoom (timeline), ==, LOTSE_TIMELINE_ZOOM_MONTHS);
  g_assert_cmpfloat (lotse_timeline_get_pixels_per_day (timeline), >, quarters);
  g_assert_true (gtk_widget_activate_action (panel, "timeline.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (panel, "timeline.zoom-out", NULL));
  g_assert_cmpint (lotse_timeline_get_zoom (timeline), ==, LOTSE_TIMELINE_ZOOM_YEARS);
  g_assert_cmpfloat (lotse_timeline_get_pixels_per_day (timeline), <, quarters);

  /* keyboard: Down selects the first project (sorted by start), Right its
   * first milestone, Down the next project, Enter opens */
  g_assert_false (lotse_timeline_get_selected (timeline, NULL, NULL));
  press_key (GTK_WIDGET (timeline), GDK_KEY_Down);
  g_assert_true (lotse_timeline_get_selected (timeline, &table, &id));
  g_assert_cmpstr (table, ==, "project");
  g_assert_cmpstr (id, ==, f->project_a);

  press_key (GTK_WIDGET (timeline), GDK_KEY_Right);
  g_assert_true (lotse_timeline_get_selected (timeline, &table, &id));
  g_assert_cmpstr (table, ==, "milestone");
  g_assert_cmpstr (id, ==, f->overdue);
  press_key (GTK_WIDGET (timeline), GDK_KEY_Return);
  g_assert_cmpstr (f->opened_table, ==, "milestone");
  g_assert_cmpstr (f->opened_id, ==, f->overdue);

  press_key (GTK_WIDGET (timeline), GDK_KEY_Down);
  press_key (GTK_WIDGET (timeline), GDK_KEY_Down);  /* stays on the last */
  g_assert_true (lotse_timeline_get_selected (timeline, &table, &id));
  g_assert_cmpstr (id, ==, f->project_b);
  press_key (GTK_WIDGET (timeline), GDK_KEY_KP_Enter);
  g_assert_cmpstr (f->opened_table, ==, "project");
  g_assert_cmpstr (f->opened_id, ==, f->project_b);

  /* selecting by id, as the portfolio view may when it opens a record */
  g_assert_true (lotse_timeline_select (timeline, f->project_b, f->at_horizon));
  g_assert_true (lotse_timeline_get_selected (timeline, &table, &id));
  g_assert_cmpstr (id, ==, f->at_horizon);
  g_assert_false (lotse_timeline_select (timeline, "no-such-project", NULL));
  press_key (GTK_WIDGET (timeline), GDK_KEY_Left);
  press_key (GTK_WIDGET (timeline), GDK_KEY_Left);
  g_assert_true (lotse_timeline_get_selected (timeline, &table, &id));
  g_assert_cmpstr (table, ==, "project");
  g_assert_cmpstr (id, ==, f->project_b);

  /* another store: the timeline follows it */
  {
    g_autofree char *other_dir = NULL;
    g_autoptr(LotseStore) other = lotse_test_open_store (&other_dir);
    g_autofree char *lonely = add (other, "project", "title=Solo", "start_date=2026-01-01",
                                   "end_date=2026-12-31", NULL);

    g_object_set (panel, "store", other, NULL);
    g_assert_true (wait_until (timeline_loaded, timeline));
    g_assert_cmpuint (lotse_timeline_get_n_projects (timeline), ==, 1);
    g_assert_false (lotse_timeline_get_selected (timeline, NULL, NULL));
    g_object_set (panel, "store", f->store, NULL);
    g_assert_true (wait_until (timeline_loaded, timeline));
    g_assert_cmpuint (lotse_timeline_get_n_projects (timeline), ==, 2);
    lotse_test_remove_tree (other_dir);
  }

  /* the widget draws without trouble at its size */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Draws @widget's window and returns the luminance (0–255) of one pixel
 * of @widget, in its coordinates. */
static int
luminance_at (GtkWidget *widget,
              int        x,
              int        y)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autofree guchar *pixels = NULL;
  graphene_point_t point;
  guchar *pixel;

  g_assert_true (gtk_widget_compute_point (widget, window, &GRAPHENE_POINT_INIT (x, y), &point));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);

  /* CAIRO_FORMAT_ARGB32 in memory order on little-endian: B, G, R, A */
  pixel = pixels + ((gsize) point.y * width + (gsize) point.x) * 4;
  return (pixel[0] * 114 + pixel[1] * 587 + pixel[2] * 299) / 1000;
}

static gboolean
drawn_once (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static gboolean
timeline_idle (gpointer data)
{
  return !lotse_timeline_is_loading (data);
}

static char *
query (LotseStore *store,
       const char *table,
       const char *field,
       const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = '%s'", field, table, id);

  return lotse_test_query_text (lotse_store_get_path (store), sql);
}

/* Over the demo programme, whose older projects ended years ago: the
 * timeline opens on the projects running today, keeps their names in
 * view when the chart scrolls, and labels milestones without overlap. */
static void
test_timeline_today (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) demo = lotse_test_open_store (&dir);
  g_autoptr(GError) error = NULL;
  GtkWidget *panel = lotse_timeline_panel_new (NULL);
  LotseTimeline *timeline = lotse_timeline_panel_get_timeline (LOTSE_TIMELINE_PANEL (panel));
  GtkAdjustment *hadjustment;
  g_autofree char *first = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *status = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *overdue_id = NULL;
  graphene_rect_t before, after;

  g_assert_true (lotse_demo_load (demo, "2026-12-07", NULL, &error));
  g_assert_no_error (error);
  gtk_widget_set_vexpand (panel, TRUE);
  gtk_box_append (GTK_BOX (f->box), panel);
  lotse_timeline_set_today (timeline, "2026-12-07");
  g_object_set (panel, "store", demo, NULL);
  g_assert_true (wait_until (timeline_loaded, timeline));
  g_assert_true (wait_until (drawn_once, timeline));

  /* The first row shown runs today. */
  first = g_strdup (lotse_timeline_get_first_visible_project (timeline));
  g_assert_nonnull (first);
  status = query (demo, "project", "status", first);
  start = query (demo, "project", "start_date", first);
  end = query (demo, "project", "end_date", first);
  g_test_message ("first row: %s, %s, %s to %s", first, status, start, end);
  g_assert_cmpstr (status, !=, "completed");
  g_assert_cmpstr (status, !=, "cancelled");
  g_assert_cmpstr (start, <=, "2026-12-07");
  g_assert_cmpstr (end, >=, "2026-12-07");

  /* Completed projects are history: left out, shown when asked. */
  closed = lotse_test_query_text (lotse_store_get_path (demo),
                                  "SELECT id FROM project WHERE status = 'completed' LIMIT 1");
  g_assert_false (lotse_timeline_get_name_area (timeline, closed, &before));
  lotse_timeline_set_history (timeline, TRUE);
  g_assert_true (wait_until (timeline_idle, timeline));
  g_assert_true (lotse_timeline_get_name_area (timeline, closed, &before));
  lotse_timeline_set_history (timeline, FALSE);
  g_assert_true (wait_until (timeline_idle, timeline));

  /* A horizontal scroll moves the chart, not the names. */
  g_assert_true (lotse_timeline_get_name_area (timeline, first, &before));
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (timeline));
  {
    g_autoptr(GArray) marks_before = lotse_timeline_get_marks (timeline, first);
    g_autoptr(GArray) marks_after = NULL;

    gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_value (hadjustment) + 100);
    g_assert_true (lotse_timeline_get_name_area (timeline, first, &after));
    g_assert_true (graphene_rect_equal (&before, &after));
    g_assert_cmpfloat (before.origin.x, ==, 0);
    g_assert_cmpfloat (before.size.width, >, 100);
    marks_after = lotse_timeline_get_marks (timeline, first);
    if (marks_before->len > 0 && marks_after->len > 0)
      g_assert_cmpfloat (g_array_index (marks_after, LotseTimelineMark, 0).x, <,
                         g_array_index (marks_before, LotseTimelineMark, 0).x);
  }

  /* Years on one screen: marks never overlap, nor do labels, and every
   * milestone in view is counted once. */
  lotse_timeline_set_zoom (timeline, LOTSE_TIMELINE_ZOOM_YEARS);
  lotse_timeline_scroll_to_today (timeline);
  overdue_id = lotse_test_query_text (lotse_store_get_path (demo),
                                      "SELECT m.id FROM milestone AS m JOIN project AS p ON p.id = m.project_id"
                                      " WHERE p.status = 'running' AND m.status = 'open'"
                                      " AND m.due_date < '2026-12-07' AND m.due_date > '2025-06-01' LIMIT 1");
  g_assert_nonnull (overdue_id);
  {
    g_autofree char *project = query (demo, "milestone", "project_id", overdue_id);
    g_autoptr(GArray) marks = lotse_timeline_get_marks (timeline, project);
    gboolean found_overdue = FALSE;

    g_assert_cmpuint (marks->len, >, 0);
    for (guint i = 0; i < marks->len; i++)
      {
        LotseTimelineMark *mark = &g_array_index (marks, LotseTimelineMark, i);

        if (i + 1 < marks->len)
          {
            LotseTimelineMark *next = &g_array_index (marks, LotseTimelineMark, i + 1);

            g_assert_cmpfloat (next->x - mark->x, >=, 2 * 7.0);
            g_assert_cmpfloat (mark->label_x + mark->label_width, <=, next->x - 7.0);
          }
        found_overdue |= mark->overdue;
      }
    g_assert_true (found_overdue);
  }

  lotse_test_remove_tree (dir);
}

/* The timeline's colours come from the style: dark mode darkens it. */
static void
test_timeline_dark (Fixture       *f,
                    gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *panel = lotse_timeline_panel_new (f->store);
  LotseTimeline *timeline = lotse_timeline_panel_get_timeline (LOTSE_TIMELINE_PANEL (panel));
  int light, dark, x, y;

  gtk_widget_set_vexpand (panel, TRUE);
  gtk_box_append (GTK_BOX (f->box), panel);
  g_assert_true (wait_until (timeline_loaded, timeline));
  g_assert_true (wait_until (drawn_once, timeline));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* below the two rows, at the right: background only, away from the
   * edges where an overlay scrollbar fades in after the scroll to today */
  x = gtk_widget_get_width (GTK_WIDGET (timeline)) - 30;
  y = gtk_widget_get_height (GTK_WIDGET (timeline)) - 30;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  light = luminance_at (GTK_WIDGET (timeline), x, y);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  dark = luminance_at (GTK_WIDGET (timeline), x, y);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  g_test_message ("background luminance: light %d, dark %d", light, dark);
  g_assert_cmpint (light, >, 200);
  g_assert_cmpint (dark, <, 80);
}

/* Directory */

static gboolean
has_project (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;

  return FALSE;
}

static gboolean
directory_loaded (gpointer data)
{
  return !lotse_directory_panel_is_loading (data);
}

static void
test_directory (Fixture       *f,
                gconstpointer  data)
{
  LotseDirectoryPanel *panel = g_object_new (LOTSE_TYPE_DIRECTORY_PANEL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) gone = NULL;
  g_autoptr(LotseRecord) back = NULL;
  GListModel *results = lotse_directory_panel_get_results (panel);
  g_autofree char *new_id = NULL;

  gtk_widget_set_vexpand (GTK_WIDGET (panel), TRUE);
  gtk_box_append (GTK_BOX (f->box), GTK_WIDGET (panel));
  lotse_panel_set_store (LOTSE_PANEL (panel), f->store);
  g_assert_true (wait_until (directory_loaded, panel));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 3);

  /* another store, then back */
  {
    g_autofree char *other_dir = NULL;
    g_autoptr(LotseStore) other = lotse_test_open_store (&other_dir);

    g_object_set (panel, "store", other, NULL);
    g_assert_true (wait_until (directory_loaded, panel));
    g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
    g_object_set (panel, "store", f->store, NULL);
    g_assert_true (wait_until (directory_loaded, panel));
    g_assert_cmpuint (g_list_model_get_n_items (results), ==, 3);
    lotse_test_remove_tree (other_dir);
  }

  /* search as you type, case and accents folded, also by organisation */
  lotse_directory_panel_set_search (panel, "bielef");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  lotse_directory_panel_set_search (panel, "UNIVERSITÄT");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  lotse_directory_panel_set_search (panel, "detmold");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  lotse_directory_panel_set_search (panel, "nobody (\" at all");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  lotse_directory_panel_set_search (panel, "");

  /* an organisation's detail: partner projects and led projects */
  g_assert_true (lotse_directory_panel_show_record (panel, "organisation", f->org_a));
  g_assert_cmpuint (lotse_directory_panel_get_detail_projects (panel)->len, ==, 1);
  g_assert_true (has_project (lotse_directory_panel_get_detail_projects (panel), f->project_a));
  g_assert_true (lotse_directory_panel_show_record (panel, "organisation", f->org_b));
  g_assert_true (has_project (lotse_directory_panel_get_detail_projects (panel), f->project_b));
  g_assert_true (lotse_directory_panel_show_record (panel, "person", f->person));
  g_assert_true (has_project (lotse_directory_panel_get_detail_projects (panel), f->project_b));
  g_assert_false (lotse_directory_panel_show_record (panel, "project", f->project_a));

  /* add: a nameless organisation is refused and changes nothing */
  lotse_directory_panel_new_record (panel, "organisation");
  lotse_directory_panel_set_field (panel, "name", "   ");
  g_assert_null (lotse_directory_panel_save (panel, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (lotse_store_count (f->store, "organisation", NULL, 0, NULL), ==, 2);

  lotse_directory_panel_set_field (panel, "name", "IHK Ostwestfalen");
  lotse_directory_panel_set_field (panel, "city", "Bielefeld");
  lotse_directory_panel_set_field (panel, "kind", "chamber");
  new_id = g_strdup (lotse_directory_panel_save (panel, &error));
  g_assert_no_error (error);
  g_assert_nonnull (new_id);
  g_assert_cmpint (lotse_store_count (f->store, "organisation", NULL, 0, NULL), ==, 3);
  {
    g_autoptr(LotseRecord) ihk = lotse_store_get (f->store, "organisation", new_id, NULL);

    g_assert_cmpstr (lotse_record_get (ihk, "kind"), ==, "chamber");
    g_assert_cmpstr (lotse_record_get (ihk, "city"), ==, "Bielefeld");
  }
  g_assert_true (wait_until (directory_loaded, panel));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 4);

  /* a person added from the organisation's page belongs to it */
  lotse_directory_panel_new_record (panel, "person");
  lotse_directory_panel_set_field (panel, "name", "Jonas Klein");
  g_assert_nonnull (lotse_directory_panel_save (panel, &error));
  g_assert_no_error (error);
  {
    LotseFilter filter = { "organisation_id", new_id };

    g_assert_cmpint (lotse_store_count (f->store, "person", &filter, 1, NULL), ==, 1);
  }

  /* a person's action items from the jour fixe open there */
  {
    g_autofree char *meeting = add (f->store, "meeting", "title=Jour fixe", "starts_at=2026-11-20T10:00:00+01:00", NULL);
    g_autofree char *of_meeting = g_strdup_printf ("meeting_id=%s", meeting);
    g_autofree char *owner = g_strdup_printf ("owner_person_id=%s", f->person);
    g_autofree char *action = add (f->store, "action_item", of_meeting, "title=Förderantrag prüfen", owner,
                                   "due_date=2026-12-01", NULL);
    GtkWidget *found = NULL;
    GtkWidget *child;

    g_assert_true (lotse_directory_panel_show_record (panel, "person", f->person));
    for (child = gtk_widget_get_first_child (GTK_WIDGET (panel)); child != NULL && found == NULL;)
      {
        if (ADW_IS_ACTION_ROW (child) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), "Förderantrag prüfen") == 0)
          found = child;
        else if (gtk_widget_get_first_child (child) != NULL)
          child = gtk_widget_get_first_child (child);
        else
          {
            while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
              child = gtk_widget_get_parent (child);
            child = child ? gtk_widget_get_next_sibling (child) : NULL;
          }
      }
    g_assert_nonnull (found);
    g_signal_emit_by_name (found, "activated");
    g_assert_cmpstr (f->opened_table, ==, "action_item");
    g_assert_cmpstr (f->opened_id, ==, action);
  }

  /* a person's organisation is a choice */
  g_assert_true (lotse_directory_panel_show_record (panel, "person", f->person));
  lotse_directory_panel_set_field (panel, "organisation_id", f->org_b);
  g_assert_nonnull (lotse_directory_panel_save (panel, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LotseRecord) anna = lotse_store_get (f->store, "person", f->person, NULL);

    g_assert_cmpstr (lotse_record_get (anna, "organisation_id"), ==, f->org_b);
    g_assert_cmpstr (lotse_record_get (anna, "role"), ==, "Projektleitung");
  }

  /* a person of a deleted organisation keeps it when saved unchanged */
  {
    g_autofree char *gone_org = add (f->store, "organisation", "name=Aufgelöst e.V.", NULL);
    g_autofree char *of_gone = g_strdup_printf ("organisation_id=%s", gone_org);
    g_autofree char *member = add (f->store, "person", "name=Mara Voss", of_gone, NULL);
    g_autoptr(LotseRecord) saved = NULL;

    g_assert_true (lotse_store_delete (f->store, "organisation", gone_org, &error));
    g_assert_true (wait_until (directory_loaded, panel));
    g_assert_true (lotse_directory_panel_show_record (panel, "person", member));
    lotse_directory_panel_set_field (panel, "phone", "+49 5251 0000");
    /* the store refuses a reference to a deleted row: the form says so and
     * changes nothing, rather than silently dropping the organisation */
    g_assert_null (lotse_directory_panel_save (panel, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    saved = lotse_store_get (f->store, "person", member, NULL);
    g_assert_cmpstr (lotse_record_get (saved, "organisation_id"), ==, gone_org);
    g_assert_null (lotse_record_get (saved, "phone"));

    /* choosing no organisation makes it saveable */
    lotse_directory_panel_set_field (panel, "organisation_id", NULL);
    g_assert_nonnull (lotse_directory_panel_save (panel, &error));
    g_assert_no_error (error);
  }

  /* delete (as Ctrl+Delete does), then undo */
  g_assert_true (lotse_directory_panel_show_record (panel, "organisation", f->org_b));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "directory.delete", NULL));
  g_assert_no_error (error);
  gone = lotse_store_get (f->store, "organisation", f->org_b, NULL);
  g_assert_null (gone);
  g_assert_true (wait_until (directory_loaded, panel));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 5);

  g_assert_true (lotse_directory_panel_undo_delete (panel, &error));
  g_assert_no_error (error);
  back = lotse_store_get (f->store, "organisation", f->org_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (back, "name"), ==, "Kreis Lippe");
  g_assert_true (wait_until (directory_loaded, panel));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 6);

  /* a change elsewhere (sync, another window) refreshes the list but
   * leaves what the user is typing alone */
  g_assert_true (lotse_directory_panel_show_record (panel, "organisation", f->org_a));
  lotse_directory_panel_set_field (panel, "city", "Gütersloh");
  {
    g_autofree char *other = add (f->store, "organisation", "name=Stadt Paderborn", "city=Paderborn", NULL);
  }
  g_assert_true (wait_until (directory_loaded, panel));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 7);
  g_assert_nonnull (lotse_directory_panel_save (panel, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LotseRecord) saved = lotse_store_get (f->store, "organisation", f->org_a, NULL);

    g_assert_cmpstr (lotse_record_get (saved, "city"), ==, "Gütersloh");
    g_assert_cmpstr (lotse_record_get (saved, "name"), ==, "Universität Bielefeld");
  }
}

static void
test_undelete_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 outbox = lotse_store_count_outbox (f->store);

  g_assert_false (lotse_store_undelete (f->store, "organisation", "00000000-0000-4000-8000-000000000000", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (lotse_store_undelete (f->store, "no_such_table", f->org_a, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (lotse_store_count_outbox (f->store), ==, outbox);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The application loads Lotse's style sheet; the panels need its colours. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/app/lotse/Lotse/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/ui/panels/monitor", Fixture, NULL, fixture_setup, test_monitor, fixture_teardown);
  g_test_add ("/ui/panels/monitor-history", Fixture, NULL, fixture_setup, test_monitor_history,
              fixture_teardown);
  g_test_add ("/ui/panels/monitor-pages", Fixture, NULL, fixture_setup, test_monitor_pages, fixture_teardown);
  g_test_add ("/ui/panels/timeline", Fixture, NULL, fixture_setup, test_timeline, fixture_teardown);
  g_test_add ("/ui/panels/timeline-today", Fixture, NULL, fixture_setup, test_timeline_today,
              fixture_teardown);
  g_test_add ("/ui/panels/timeline-dark", Fixture, NULL, fixture_setup, test_timeline_dark, fixture_teardown);
  g_test_add ("/ui/panels/directory", Fixture, NULL, fixture_setup, test_directory, fixture_teardown);
  g_test_add ("/ui/panels/undelete-errors", Fixture, NULL, fixture_setup, test_undelete_errors,
              fixture_teardown);

  return g_test_run ();
}
