/* lotse-test-forms.c: typing into the app's forms and reading back the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window over a temporary database with a few records to choose
 * from, in the locale LOTSE_TEST_LOCALE names; setting a value through
 * the widget a person uses, giving it the way the form takes it, and
 * reading the record back from the SQLite file with a second connection.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lotse-application-private.h"
#include "lotse-date-entry.h"
#include "lotse-test-forms.h"
#include "lotse-test-helpers.h"
#include "lotse-window-private.h"

#define WAIT_USEC (10 * G_USEC_PER_SEC)

guint forms_lang;

static LotseApplication *app;

gboolean
forms_wait_until (Condition condition,
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

void
forms_iterate (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

/* A msgid, "context|msgid" or a plain name in the language of the test. */
const char *
forms_translate (const char *text)
{
  const char *bar = strchr (text, '|');

  if (bar != NULL)
    {
      g_autofree char *context = g_strndup (text, bar - text);

      return g_dpgettext2 (GETTEXT_PACKAGE, context, bar + 1);
    }

  return g_dgettext (GETTEXT_PACKAGE, text);
}

static char *
without_mnemonic (const char *text)
{
  g_autoptr(GString) plain = g_string_new (text);

  g_string_replace (plain, "_", "", 0);
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

static GtkWidget *
find_control (GtkWidget *widget)
{
  if (LOTSE_IS_DATE_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_control (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The control a label names, as a person finds it: a visible preferences
 * row titled so (the row, or its date entry, spin button or drop-down),
 * or the mnemonic widget of a label. */
GtkWidget *
forms_find_labelled (GtkWidget  *widget,
                     const char *label)
{
  g_autofree char *wanted = without_mnemonic (forms_translate (label));

  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), wanted) == 0)
    return ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget) ? widget : find_control (widget);

  if (GTK_IS_LABEL (widget) && gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), wanted) == 0)
    return gtk_label_get_mnemonic_widget (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = forms_find_labelled (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
forms_find_in_root (gpointer    form,
                    const Step *step)
{
  return forms_find_labelled (form, step->label);
}

static void
choose (GtkWidget  *widget,
        const char *typed)
{
  GListModel *model = ADW_IS_COMBO_ROW (widget) ? adw_combo_row_get_model (ADW_COMBO_ROW (widget))
                                                : gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  const char *label = *typed != '\0' ? forms_translate (typed) : NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (label == NULL ? i == 0 : g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          if (ADW_IS_COMBO_ROW (widget))
            adw_combo_row_set_selected (ADW_COMBO_ROW (widget), i);
          else
            gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), i);
          return;
        }
    }

  g_error ("No choice “%s” among %u", label, g_list_model_get_n_items (model));
}

/* Sets @typed through @widget as a person would; a toggle button (one of
 * a group named by @typed) is pressed. */
void
forms_set_widget (GtkWidget  *widget,
                  const char *typed)
{
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), typed, -1);
  else if (GTK_IS_SPIN_BUTTON (widget))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), g_ascii_strtod (typed, NULL));
  else if (ADW_IS_COMBO_ROW (widget) || GTK_IS_DROP_DOWN (widget))
    choose (widget, typed);
  else if (GTK_IS_TOGGLE_BUTTON (widget))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), TRUE);
  else if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), typed);
  else
    g_error ("Cannot type into a %s", G_OBJECT_TYPE_NAME (widget));
}

/* What ends the input there: the row's apply button, Enter in an entry
 * or a date entry. Choices, spin buttons and text views need nothing. */
void
forms_give (GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_signal_emit_by_name (widget, "apply");
  else if (LOTSE_IS_DATE_ENTRY (widget))
    g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (widget)), "activate");
  else if (GTK_IS_ENTRY (widget))
    g_signal_emit_by_name (widget, "activate");
  forms_iterate ();
}

char *
forms_id_of (Fixture    *f,
             const char *table,
             const char *title)
{
  const LotseTable *schema = lotse_schema_lookup_table (table);
  g_autofree char *sql = NULL;

  g_assert_null (strchr (title, '\''));
  sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = '%s' AND NOT deleted",
                         table, schema->title_field, title);
  return lotse_test_query_text (f->db, sql);
}

char *
forms_newest (Fixture    *f,
              const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE NOT deleted"
                                          " ORDER BY created_at DESC, rowid DESC LIMIT 1", table);

  return lotse_test_query_text (f->db, sql);
}

static char *
expected_value (Fixture    *f,
                const char *stored)
{
  if (stored != NULL && stored[0] == '@')
    {
      g_auto(GStrv) parts = g_strsplit (stored + 1, ":", 2);

      return forms_id_of (f, parts[0], parts[1]);
    }
  if (stored != NULL && g_str_has_prefix (stored, "this-year-"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      return g_strdup_printf ("%04d-%s", g_date_time_get_year (now), stored + strlen ("this-year-"));
    }

  return g_strdup (stored);
}

typedef struct
{
  Fixture    *f;
  const char *table;
  const char *id;
  const char *field;
  char       *expected;
} StoredCheck;

static char *
stored_value (StoredCheck *check)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = '%s'",
                                          check->field, check->table, check->id);

  return lotse_test_query_text (check->f->db, sql);
}

static gboolean
stored_is_expected (gpointer data)
{
  g_autofree char *value = stored_value (data);

  return g_strcmp0 (value, ((StoredCheck *) data)->expected) == 0;
}

/* Waits for the record to hold what @step says: a text view saves when
 * typing pauses. */
void
forms_assert_stored (Fixture    *f,
                     const char *table,
                     const char *id,
                     const Step *step)
{
  StoredCheck check = { f, table, id, step->field, expected_value (f, step->stored) };

  g_assert_nonnull (id);
  if (!forms_wait_until (stored_is_expected, &check))
    {
      g_autofree char *value = stored_value (&check);

      g_error ("%s.%s after “%s”: stored “%s”, expected “%s”", table, step->field,
               step->typed[forms_lang], value, check.expected);
    }
  g_free (check.expected);
}

/* A form that saves each field as it is given. */
void
forms_run_live (Fixture    *f,
                gpointer    form,
                FindWidget  find,
                const char *table,
                const char *id,
                const Step *steps,
                guint       n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      GtkWidget *widget = find (form, &steps[i]);

      g_test_message ("%s.%s: “%s”", table, steps[i].field, steps[i].typed[forms_lang]);
      g_assert_nonnull (widget);
      forms_set_widget (widget, steps[i].typed[forms_lang]);
      forms_give (widget);
      forms_assert_stored (f, table, id, &steps[i]);
    }
}

/* A form or dialog saved as a whole: fills in every step. */
void
forms_fill (gpointer    form,
            FindWidget  find,
            const Step *steps,
            guint       n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      GtkWidget *widget = find (form, &steps[i]);

      g_test_message ("%s: “%s”", steps[i].field, steps[i].typed[forms_lang]);
      g_assert_nonnull (widget);
      forms_set_widget (widget, steps[i].typed[forms_lang]);
      forms_give (widget);
    }
}

void
forms_assert_all_stored (Fixture    *f,
                         const char *table,
                         const char *id,
                         const Step *steps,
                         guint       n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    forms_assert_stored (f, table, id, &steps[i]);
}

AdwMessageDialog *
forms_find_dialog (void)
{
  AdwMessageDialog *dialog = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);

  return dialog;
}

/* As a click on the dialog's button: respond, then close. */
void
forms_respond (AdwMessageDialog *dialog,
               const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  forms_iterate ();
}

/* Saves @widget, a window or a popover, as DIR/NAME-LANG.png when
 * LOTSE_TEST_SCREENSHOTS=DIR: pictures for the review, not a check. */
void
forms_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("LOTSE_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  /* A few frames, for the allocation and the CSS to settle. */
  for (guint i = 0; i < 10; i++)
    {
      forms_iterate ();
      g_usleep (20000);
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s-%s.png", dir, name, forms_lang ? "de" : "en");
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* What there is to choose from in the forms. */
static void
insert_records (LotseStore *store)
{
  g_autofree char *org = lotse_test_insert (store, "organisation", "name=Stadt Bielefeld",
                                            "kind=municipality", NULL);
  g_autofree char *of_org = g_strdup_printf ("organisation_id=%s", org);
  g_autofree char *project = lotse_test_insert (store, "project", "title=Bürgerportal",
                                                "status=running", NULL);
  g_autofree char *of_project = g_strdup_printf ("project_id=%s", project);
  g_autofree char *series = lotse_test_insert (store, "meeting_series", "title=Jour fixe Lippe",
                                               "kind=jour_fixe", NULL);
  g_autofree char *of_series = g_strdup_printf ("series_id=%s", series);

  g_free (lotse_test_insert (store, "programme", "name=SMART REGION", NULL));
  g_free (lotse_test_insert (store, "programme", "name=Zukunftsregion Lippe", NULL));
  g_free (lotse_test_insert (store, "organisation", "name=Universität Paderborn", "kind=university", NULL));
  g_free (lotse_test_insert (store, "person", "name=Anna Schmidt", of_org, NULL));
  g_free (lotse_test_insert (store, "person", "name=Jonas Weber", NULL));
  g_free (lotse_test_insert (store, "milestone", of_project, "title=Portal online", "status=open",
                             "due_date=2026-06-30", NULL));
  g_free (lotse_test_insert (store, "meeting", of_series, "title=Jour fixe Dezember", "kind=jour_fixe",
                             "status=planned", "starts_at=2026-12-01T10:00:00+01:00", "duration_min=60",
                             NULL));
}

void
forms_fixture_setup (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWindow *window;

  g_settings_reset (settings, "last-view");
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 900);
  f->store = lotse_test_open_store (&f->dir);
  f->db = lotse_store_get_path (f->store);
  insert_records (f->store);

  lotse_application_set_store (app, f->store);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LOTSE_IS_WINDOW (window));
  f->window = LOTSE_WINDOW (window);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  forms_iterate ();
}

void
forms_fixture_teardown (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GList *windows;

  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      g_list_free (windows);
    }
  forms_iterate ();
  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* In the locale LOTSE_TEST_LOCALE names, with the build's translations:
 * gtk_test_init() would pick en_US where it is installed. */
void
forms_init (int    *argc,
            char ***argv)
{
  const char *locale = g_getenv ("LOTSE_TEST_LOCALE");
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autoptr(GError) error = NULL;

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  if (locale == NULL || setlocale (LC_ALL, locale) == NULL)
    g_error ("The locale “%s” is not installed (build-aux/install-deps.sh generates it)", locale);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  forms_lang = g_str_has_prefix (locale, "de") ? 1 : 0;
  if (forms_lang == 1)
    g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Knowledge"), ==, "Wissen");

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
}

int
forms_run (void)
{
  int status = g_test_run ();

  g_clear_object (&app);
  return status;
}
