/* test-ui-knowledge.c: the knowledge view and the global search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and a session bus. Builds the real window over a
 * temporary database, drives it through its actions and widgets, waits
 * (bounded) for the searches that run on a worker thread, and checks the
 * store after each step.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <unistd.h>

#include "lotse-application-private.h"
#include "lotse-article-hit-row.h"
#include "lotse-global-search-private.h"
#include "lotse-knowledge-view-private.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-window-private.h"

#define WAIT_USEC (20 * G_USEC_PER_SEC)

static LotseApplication *app;

typedef struct
{
  char               *dir;
  LotseStore         *store;
  LotseWindow        *window;
  LotseKnowledgeView *view;
  LotseKnowledgeViewParts parts;
} Fixture;

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wait_until (Fixture   *f,
            Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!condition (f))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static void
iterate_until_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "last-view");
  /* Wide enough for list and article side by side, and narrower than
   * the middle of xvfb-run's screen (1280 × 1024), where the pointer
   * rests: no tooltip or pointer crossing of the window then depends on
   * timing. */
  g_settings_set_int (settings, "window-width", data != NULL ? GPOINTER_TO_INT (data) : 620);
  f->store = lotse_test_open_store (&f->dir);
  lotse_application_set_store (app, f->store);

  g_application_activate (G_APPLICATION (app));
  f->window = LOTSE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (LOTSE_IS_WINDOW (f->window));
  iterate_until_idle ();

  f->view = LOTSE_KNOWLEDGE_VIEW (lotse_window_get_view (f->window, "knowledge"));
  lotse_knowledge_view_get_parts (f->view, &f->parts);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "knowledge");
  iterate_until_idle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GList *windows;
  gint64 hover_end = g_get_monotonic_time () + G_USEC_PER_SEC * 6 / 10;

  /* A popover opened under the resting pointer (the global search) got
   * an enter event, and GTK 4.8 started its 500 ms tooltip hover timeout
   * for it. Destroying the window unrealizes the popover, which outlives
   * the window a little; the timeout then asks
   * gdk_surface_get_device_position() about its NULL surface, a critical.
   * So let any hover timeout run out while every surface still exists. */
  while (g_get_monotonic_time () < hover_end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      g_list_free (windows);
    }
  iterate_until_idle ();

  lotse_application_set_store (app, NULL);
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
set_body (Fixture    *f,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (f->parts.body_editor), text, -1);
}

static void
add_tag (Fixture    *f,
         const char *name)
{
  gtk_editable_set_text (f->parts.tag_entry, name);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.add-tag", NULL);
}

static const char *
detail_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (f->parts.detail_stack);
}

static gboolean
search_settled (Fixture *f)
{
  return !lotse_knowledge_view_is_searching (f->view);
}

typedef struct
{
  const char *text;
  guint       count;
} Typed;

/* Replacing the text passes through "", which emits at once; only the
 * emission for the whole text counts. */
static void
count_cb (GtkEditable *entry,
          Typed       *typed)
{
  if (g_strcmp0 (gtk_editable_get_text (entry), typed->text) == 0)
    typed->count++;
}

/* Types into a search entry, waits for its (delayed) search-changed, and
 * then until @settled holds. */
static gboolean
type_and_wait (Fixture     *f,
               GtkEditable *entry,
               const char  *text,
               Condition    settled)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;
  Typed typed = { text, 0 };
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (count_cb), &typed);

  gtk_editable_set_text (entry, text);
  while (typed.count == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (entry, handler);

  return typed.count > 0 && wait_until (f, settled);
}

static guint
n_results (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (f->parts.results_view)));
}

/* Creates an article through the editor and returns its id */
static char *
create_article (Fixture    *f,
                const char *title,
                const char *body,
                const char *tags[])
{
  g_autoptr(GPtrArray) rows = NULL;
  LotseFilter filter = { "title", title };

  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.new", NULL);
  g_assert_cmpstr (detail_page (f), ==, "edit");

  gtk_editable_set_text (f->parts.title_row, title);
  gtk_editable_set_text (f->parts.summary_row, "Was wir gelernt haben");
  set_body (f, body);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    add_tag (f, tags[i]);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL);
  g_assert_cmpstr (detail_page (f), ==, "article");

  rows = lotse_store_list (f->store, "article", &filter, 1, NULL, 0, 0, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (lotse_knowledge_view_get_article_id (f->view), ==,
                   lotse_record_get_id (g_ptr_array_index (rows, 0)));

  return g_strdup (lotse_record_get_id (g_ptr_array_index (rows, 0)));
}

static void
test_create_with_tags (Fixture       *f,
                       gconstpointer  data)
{
  const char *tags[] = { "Lernreise", "KMU", " kmu ", NULL };
  g_autofree char *id = NULL;
  g_autoptr(LotseRecord) article = NULL;
  g_auto(GStrv) names = NULL;

  id = create_article (f, "Lernreise nach Paderborn",
                       "## Ablauf\n\nDie Reise nach **Paderborn** war ein Erfolg.\n\n- [x] Busse gebucht\n",
                       tags);

  article = lotse_store_get (f->store, "article", id, NULL);
  g_assert_nonnull (article);
  g_assert_cmpstr (lotse_record_get (article, "summary"), ==, "Was wir gelernt haben");
  g_assert_cmpstr (lotse_record_get (article, "category"), ==, "note");
  g_assert_true (g_str_has_prefix (lotse_record_get (article, "body"), "## Ablauf\n"));

  /* “kmu” is the tag “KMU” once, not a second tag. */
  names = lotse_article_get_tag_names (f->store, id, NULL);
  g_assert_cmpstrv (names, ((const char *[]) { "KMU", "Lernreise", NULL }));

  /* The article shows, rendered. */
  g_assert_cmpstr (gtk_label_get_text (f->parts.title_label), ==, "Lernreise nach Paderborn");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (f->parts.body_view);
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Ablauf\n\nDie Reise nach Paderborn war ein Erfolg.\n\n☑ Busse gebucht");
  }

  /* Edit: a tag removed, one added, the category changed */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.edit", NULL);
  g_assert_cmpstr (detail_page (f), ==, "edit");
  g_assert_cmpstr (gtk_editable_get_text (f->parts.title_row), ==, "Lernreise nach Paderborn");
  adw_combo_row_set_selected (f->parts.category_row, 1);
  add_tag (f, "Nachnutzung");
  {
    /* The chip of “KMU”: its remove button */
    GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (f->parts.edit_tags_box));
    GtkWidget *box = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (chip));
    GtkWidget *remove = gtk_widget_get_last_child (box);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))), ==, "KMU");
    g_signal_emit_by_name (remove, "clicked");
  }
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL);
  g_assert_cmpstr (detail_page (f), ==, "article");

  g_clear_object (&article);
  g_clear_pointer (&names, g_strfreev);
  article = lotse_store_get (f->store, "article", id, NULL);
  g_assert_cmpstr (lotse_record_get (article, "category"), ==, "lesson_learned");
  names = lotse_article_get_tag_names (f->store, id, NULL);
  g_assert_cmpstrv (names, ((const char *[]) { "Lernreise", "Nachnutzung", NULL }));
}

/* The chip of the tag @name among the shown article's tags */
static GtkWidget *
find_tag_chip (Fixture    *f,
               const char *name)
{
  GtkFlowBoxChild *child;

  for (guint i = 0; (child = gtk_flow_box_get_child_at_index (f->parts.tags_box, i)) != NULL; i++)
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (child);

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (chip)), name) == 0)
        return chip;
    }

  return NULL;
}

/* A tag chip of the article lists the articles that carry the tag, as
 * stored. */
static void
test_tag_chip_filters (Fixture       *f,
                       gconstpointer  data)
{
  const char *kmu[] = { "KMU", NULL };
  const char *both[] = { "KMU", "Sensorik", NULL };
  g_autofree char *other = create_article (f, "Lernreise nach Paderborn", "Busse gebucht.", kmu);
  g_autofree char *untagged = create_article (f, "Jour fixe vorbereiten", "Tagesordnung verschicken.", NULL);
  g_autofree char *tagged = create_article (f, "Bodenfeuchte messen", "Sensoren an Stadtbäumen.", both);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->parts.tags_box)));
  g_assert_nonnull (find_tag_chip (f, "KMU"));
  g_assert_null (find_tag_chip (f, "Lernreise"));

  g_signal_emit_by_name (find_tag_chip (f, "Sensorik"), "clicked");
  g_assert_true (wait_until (f, search_settled));
  g_assert_cmpuint (n_results (f), ==, 1);
  g_assert_cmpstr (lotse_knowledge_view_get_result_id (f->view, 0), ==, tagged);

  g_signal_emit_by_name (find_tag_chip (f, "KMU"), "clicked");
  g_assert_true (wait_until (f, search_settled));
  g_assert_cmpuint (n_results (f), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_auto(GStrv) names = lotse_article_get_tag_names (f->store, lotse_knowledge_view_get_result_id (f->view, i), NULL);

      g_assert_true (g_strv_contains ((const char * const *) names, "KMU"));
      g_assert_cmpstr (lotse_knowledge_view_get_result_id (f->view, i), !=, untagged);
    }
  g_assert_true (g_strcmp0 (lotse_knowledge_view_get_result_id (f->view, 0), other) == 0 ||
                 g_strcmp0 (lotse_knowledge_view_get_result_id (f->view, 1), other) == 0);
}

static void
test_invalid_changes_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *long_title = g_strnfill (301, 'x');
  gint64 outbox = lotse_store_count_outbox (f->store);

  /* No title */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.new", NULL);
  gtk_editable_set_text (f->parts.title_row, "   ");
  set_body (f, "Text");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL);
  g_assert_cmpstr (detail_page (f), ==, "edit");

  /* A title over the limit, with a tag: neither is written. */
  gtk_editable_set_text (f->parts.title_row, long_title);
  add_tag (f, "Neu");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL);
  g_assert_cmpstr (detail_page (f), ==, "edit");

  g_assert_cmpint (lotse_store_count (f->store, "article", NULL, 0, NULL), ==, 0);
  g_assert_cmpint (lotse_store_count (f->store, "tag", NULL, 0, NULL), ==, 0);
  g_assert_cmpint (lotse_store_count_outbox (f->store), ==, outbox);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.cancel", NULL);
  g_assert_cmpstr (detail_page (f), ==, "none");
}

/* The row of the results that shows @article_id, once the list made it */
static LotseArticleHitRow *
find_hit_row (GtkWidget  *widget,
              const char *article_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      LotseArticleHitRow *row;

      if (LOTSE_IS_ARTICLE_HIT_ROW (child))
        {
          g_autofree char *id = NULL;

          g_object_get (child, "article-id", &id, NULL);
          if (g_strcmp0 (id, article_id) == 0)
            return LOTSE_ARTICLE_HIT_ROW (child);
          continue;
        }
      if ((row = find_hit_row (child, article_id)) != NULL)
        return row;
    }

  return NULL;
}

typedef struct
{
  Fixture    *f;
  const char *id;
} HitWait;

static gboolean
hit_row_shown (gpointer data)
{
  HitWait *wait = data;

  return find_hit_row (GTK_WIDGET (wait->f->parts.results_view), wait->id) != NULL;
}

/* What the row of a result shows is the stored article: its title, the
 * label of its category and the words found. */
static void
assert_hit_row_shows (Fixture    *f,
                      const char *id,
                      const char *words)
{
  HitWait wait = { f, id };
  g_autofree char *title_sql = g_strdup_printf ("SELECT title FROM article WHERE id = '%s'", id);
  g_autofree char *category_sql = g_strdup_printf ("SELECT category FROM article WHERE id = '%s'", id);
  g_autofree char *title = lotse_test_query_text (lotse_store_get_path (f->store), title_sql);
  g_autofree char *category = lotse_test_query_text (lotse_store_get_path (f->store), category_sql);
  LotseArticleHitRow *row;

  g_assert_true (lotse_test_wait_until (hit_row_shown, &wait));
  row = find_hit_row (GTK_WIDGET (f->parts.results_view), id);
  g_assert_nonnull (title);
  g_assert_cmpstr (lotse_article_hit_row_get_title (row), ==, title);
  g_assert_cmpstr (lotse_article_hit_row_get_category_label (row), ==,
                   lotse_enum_value_label ("article", "category", category));
  g_assert_nonnull (strstr (lotse_article_hit_row_get_snippet (row), words));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const char * const hostile[] = {
    "\"", "(", "AND", "OR NOT", "*", "a*b\"c(", "NEAR(x y)", "'; DROP TABLE article; --",
    "\xe2\x80\x8b", "🙂 ü", "^", "title:x", "a\tb\nc",
  };
  const char *tags[] = { "Sensorik", NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = create_article (f, "Bodenfeuchte messen",
                          "Die Sensoren an **Stadtbäumen** funken über LoRaWAN.", tags);
  second = create_article (f, "Jour fixe vorbereiten", "Tagesordnung zwei Tage vorher verschicken.",
                           NULL);

  /* A word of the body finds the article, folded (ae for ä). */
  g_assert_true (type_and_wait (f, f->parts.search_entry, "Stadtbaeume", search_settled));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->parts.list_stack), ==, "results");
  g_assert_cmpuint (n_results (f), ==, 1);
  g_assert_cmpstr (lotse_knowledge_view_get_result_id (f->view, 0), ==, first);
  assert_hit_row_shows (f, first, "Stadtbäumen");

  /* Activating the result shows the article. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.back", NULL);
  g_signal_emit_by_name (f->parts.results_view, "activate", 0);
  g_assert_cmpstr (lotse_knowledge_view_get_article_id (f->view), ==, first);
  g_assert_cmpstr (gtk_label_get_text (f->parts.title_label), ==, "Bodenfeuchte messen");

  /* Prefix while typing */
  g_assert_true (type_and_wait (f, f->parts.search_entry, "Tagesord", search_settled));
  g_assert_cmpuint (n_results (f), ==, 1);
  g_assert_cmpstr (lotse_knowledge_view_get_result_id (f->view, 0), ==, second);

  /* Any text is a query: no error, at worst no results */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      const char *page;

      g_assert_true (type_and_wait (f, f->parts.search_entry, hostile[i], search_settled));
      page = gtk_stack_get_visible_child_name (f->parts.list_stack);
      g_test_message ("%s → %s", hostile[i], page);
      g_assert_true (g_str_equal (page, "all") || g_str_equal (page, "results") ||
                     g_str_equal (page, "no-results"));
    }

  /* A word nothing has */
  g_assert_true (type_and_wait (f, f->parts.search_entry, "Zeppelin", search_settled));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->parts.list_stack), ==, "no-results");

  /* No words: all articles again */
  g_assert_true (type_and_wait (f, f->parts.search_entry, "", search_settled));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->parts.list_stack), ==, "all");

  /* The tag filter, through “win.open-record” on the tag */
  {
    g_autoptr(GPtrArray) tag_rows = lotse_store_list (f->store, "tag", NULL, 0, NULL, 0, 0, NULL);

    g_assert_cmpuint (tag_rows->len, ==, 1);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "tag",
                                lotse_record_get_id (g_ptr_array_index (tag_rows, 0)));
    g_assert_true (wait_until (f, search_settled));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (f->parts.list_stack), ==, "results");
    g_assert_cmpuint (n_results (f), ==, 1);
    g_assert_cmpstr (lotse_knowledge_view_get_result_id (f->view, 0), ==, first);
  }

  /* The category filter: both are notes, the first is then a lesson. */
  gtk_drop_down_set_selected (f->parts.tag_filter, 0);
  gtk_drop_down_set_selected (f->parts.category_filter, 5);
  g_assert_true (wait_until (f, search_settled));
  g_assert_cmpuint (n_results (f), ==, 2);
  gtk_drop_down_set_selected (f->parts.category_filter, 2);
  g_assert_true (wait_until (f, search_settled));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->parts.list_stack), ==, "no-results");
}

typedef struct
{
  Fixture    *f;
  const char *id;
  const char *words;
} SnippetWait;

static gboolean
hit_row_shows_snippet (gpointer data)
{
  SnippetWait *wait = data;
  LotseArticleHitRow *row = find_hit_row (GTK_WIDGET (wait->f->parts.results_view), wait->id);

  return row != NULL && strstr (lotse_article_hit_row_get_snippet (row), wait->words) != NULL;
}

static gboolean
results_scrollable (Fixture *f)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->parts.results_view));

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment);
}

/* The hit at @position; the list holds it */
static LotseArticleHit *
result_hit (Fixture *f,
            guint    position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (f->parts.results_view));
  g_autoptr(LotseArticleHit) hit = g_list_model_get_item (model, position);

  g_assert_nonnull (hit);
  return hit;
}

/* A search makes the snippets of the first screenful only; the others
 * come when their rows are shown. A newer search cancels the snippets
 * of the one before, and its rows show only its own. */
static void
test_search_snippets_when_shown (Fixture       *f,
                                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seventh = NULL;
  g_autofree char *last = NULL;
  GtkAdjustment *adjustment;
  SnippetWait wait = { f, NULL, "Hochwasser" };

  g_assert_true (lotse_store_begin (f->store, &error));
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("title=Pegel %u", i);
      g_autofree char *body = g_strdup_printf ("body=Am Pegel %u stieg das Hochwasser.", i);
      g_autofree char *id = lotse_test_insert (f->store, "article", title, body, NULL);

      if (i == 7)
        seventh = g_steal_pointer (&id);
    }
  g_assert_true (lotse_store_commit (f->store, &error));

  g_assert_true (type_and_wait (f, f->parts.search_entry, "Hochwasser", search_settled));
  g_assert_cmpuint (n_results (f), ==, 120);
  /* Right after the search: the first rows have their snippets, the last
   * not yet (main made all 200 with every keystroke). */
  g_assert_nonnull (strstr (result_hit (f, 0)->markup, "<b>Hochwasser</b>"));
  g_assert_null (result_hit (f, 119)->markup);

  last = g_strdup (lotse_knowledge_view_get_result_id (f->view, 119));
  g_assert_true (wait_until (f, results_scrollable));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->parts.results_view));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait.id = last;
  g_assert_true (lotse_test_wait_until (hit_row_shows_snippet, &wait));
  g_assert_nonnull (strstr (result_hit (f, 119)->markup, "<b>Hochwasser</b>"));

  /* Scrolled back up while the next search starts: that search's rows
   * only, with its words marked. */
  gtk_adjustment_set_value (adjustment, 0);
  gtk_editable_set_text (f->parts.search_entry, "Pegel 7");
  lotse_knowledge_view_update_search (f->view);
  g_assert_true (wait_until (f, search_settled));
  g_assert_cmpuint (n_results (f), ==, 1);
  g_assert_cmpstr (lotse_knowledge_view_get_result_id (f->view, 0), ==, seventh);
  wait.id = seventh;
  wait.words = "Pegel 7";
  g_assert_true (lotse_test_wait_until (hit_row_shows_snippet, &wait));
}

static gboolean
global_settled (Fixture *f)
{
  LotseGlobalSearch *search = LOTSE_GLOBAL_SEARCH (lotse_window_get_global_search (f->window));

  return lotse_global_search_get_state (search) != NULL;
}

/* Sends a key to the key controllers of @widget, as a key press would */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }

  return handled;
}

static void
test_global_search_opens (Fixture       *f,
                          gconstpointer  data)
{
  LotseGlobalSearch *search = LOTSE_GLOBAL_SEARCH (lotse_window_get_global_search (f->window));
  g_autofree char *article = NULL;
  g_autofree char *project = NULL;
  GtkListBox *list_box;
  GtkListBoxRow *row;
  g_auto(GStrv) accels = NULL;

  project = lotse_test_insert (f->store, "project", "title=Kommunale Lernreisen", NULL);
  article = create_article (f, "Lernreisen planen", "Eine gute Lernreise hat drei Stationen.", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.back", NULL);
  iterate_until_idle ();

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.global-search");
  g_assert_cmpstrv (accels, ((const char *[]) { "<Control>k", NULL }));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search", NULL);
  iterate_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (search)));

  g_assert_true (type_and_wait (f, lotse_global_search_get_entry (search), "lernreise",
                               global_settled));
  g_assert_cmpstr (lotse_global_search_get_state (search), ==, "results");

  /* Grouped: the project first, then the article */
  list_box = lotse_global_search_get_list_box (search);
  row = gtk_list_box_get_row_at_index (list_box, 0);
  g_assert_cmpstr (lotse_global_search_row_get_table (row), ==, "project");
  g_assert_cmpstr (lotse_global_search_row_get_id (row), ==, project);
  g_assert_nonnull (gtk_list_box_row_get_header (row));
  row = gtk_list_box_get_row_at_index (list_box, 1);
  g_assert_cmpstr (lotse_global_search_row_get_table (row), ==, "article");
  g_assert_cmpstr (lotse_global_search_row_get_id (row), ==, article);
  g_assert_nonnull (gtk_list_box_row_get_header (row));
  g_assert_null (gtk_list_box_get_row_at_index (list_box, 2));

  /* Down moves from the entry into the results, Up from the first back */
  g_assert_true (press_key (GTK_WIDGET (lotse_global_search_get_entry (search)), GDK_KEY_Down));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) ==
                 GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, 0)));
  g_assert_true (press_key (GTK_WIDGET (list_box), GDK_KEY_Up));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) ==
                 gtk_widget_get_first_child (GTK_WIDGET (lotse_global_search_get_entry (search))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (lotse_global_search_get_entry (search))));

  /* Activating the article's result opens it in the knowledge view. */
  g_signal_emit_by_name (list_box, "row-activated", row);
  iterate_until_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (search)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (f->window)),
                   ==, "knowledge");
  g_assert_cmpstr (lotse_knowledge_view_get_article_id (f->view), ==, article);
  g_assert_cmpstr (detail_page (f), ==, "article");
  g_assert_cmpstr (gtk_label_get_text (f->parts.title_label), ==, "Lernreisen planen");

  /* Enter in the entry opens the first result. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search", NULL);
  g_assert_true (type_and_wait (f, lotse_global_search_get_entry (search), "Stationen",
                               global_settled));
  g_signal_emit_by_name (lotse_global_search_get_entry (search), "activate");
  iterate_until_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (search)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (f->window)),
                   ==, "knowledge");
  g_assert_cmpstr (lotse_knowledge_view_get_article_id (f->view), ==, article);

  /* Enter typed before the search ran still opens the first result. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search", NULL);
  gtk_editable_set_text (lotse_global_search_get_entry (search), "drei Stationen");
  g_signal_emit_by_name (lotse_global_search_get_entry (search), "activate");
  g_assert_true (wait_until (f, global_settled));
  iterate_until_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (search)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (f->window)),
                   ==, "knowledge");

  /* Hostile text in the global box: no error */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search", NULL);
  g_assert_true (type_and_wait (f, lotse_global_search_get_entry (search), "\"(* AND",
                               global_settled));
  g_assert_true (type_and_wait (f, lotse_global_search_get_entry (search), "Zeppelin\"",
                               global_settled));
  g_assert_cmpstr (lotse_global_search_get_state (search), ==, "empty");
  g_assert_true (type_and_wait (f, lotse_global_search_get_entry (search), "  ",
                               global_settled));
  g_assert_cmpstr (lotse_global_search_get_state (search), ==, "hint");

  /* Closed as a person closes it: a popover still open when its window is
   * destroyed leaves GTK 4.8 holding its pointer grab, and later clicks of
   * the process go nowhere. */
  gtk_popover_popdown (GTK_POPOVER (search));
  iterate_until_idle ();
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  const char *tags[] = { "Leitfaden", NULL };
  g_autofree char *id = create_article (f, "Checkliste Verwendungsnachweis", "Belege sammeln.", tags);
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM article WHERE id = '%s'", id);
  g_autoptr(LotseRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.delete", NULL);
  g_assert_null (lotse_store_get (f->store, "article", id, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->store), sql), ==, 1);
  g_assert_cmpstr (detail_page (f), ==, "none");
  g_assert_null (lotse_knowledge_view_get_article_id (f->view));

  /* Undo: the row and its tags are back, and so is the article on show. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.undo-delete", "s", id);
  back = lotse_store_get (f->store, "article", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (back, "title"), ==, "Checkliste Verwendungsnachweis");
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->store), sql), ==, 0);
  names = lotse_article_get_tag_names (f->store, id, NULL);
  g_assert_cmpstrv (names, ((const char *[]) { "Leitfaden", NULL }));
  g_assert_cmpstr (detail_page (f), ==, "article");
  g_assert_cmpstr (lotse_knowledge_view_get_article_id (f->view), ==, id);

  /* The search finds it again. */
  g_assert_true (type_and_wait (f, f->parts.search_entry, "Belege", search_settled));
  g_assert_cmpuint (n_results (f), ==, 1);
}

static void
test_open_while_editing (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first = create_article (f, "Erster Artikel", "Text eins", NULL);
  g_autofree char *second = create_article (f, "Zweiter Artikel", "Text zwei", NULL);
  g_autoptr(LotseRecord) article = NULL;

  /* Editing the second, a jump to the first keeps the edits on screen. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.edit", NULL);
  gtk_editable_set_text (f->parts.title_row, "Zweiter Artikel, geändert");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "article", first);
  g_assert_cmpstr (detail_page (f), ==, "edit");
  g_assert_cmpstr (lotse_knowledge_view_get_article_id (f->view), ==, second);
  g_assert_cmpstr (gtk_editable_get_text (f->parts.title_row), ==, "Zweiter Artikel, geändert");

  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL);
  article = lotse_store_get (f->store, "article", second, NULL);
  g_assert_cmpstr (lotse_record_get (article, "title"), ==, "Zweiter Artikel, geändert");

  /* Now the jump goes through. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "article", first);
  g_assert_cmpstr (lotse_knowledge_view_get_article_id (f->view), ==, first);
  g_assert_cmpstr (detail_page (f), ==, "article");
}

static gboolean
references_loaded (Fixture *f)
{
  return lotse_knowledge_view_references_loaded (f->view);
}

static void
test_project_and_author (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LotseRecord) article = NULL;
  LotseFilter filter = { "title", "Mit Projekt und Autor" };
  GListModel *model;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.load-demo", NULL);
  iterate_until_idle ();
  projects = lotse_store_list (f->store, "project", NULL, 0, "title", 0, 0, NULL);
  persons = lotse_store_list (f->store, "person", NULL, 0, "name", 0, 0, NULL);

  /* The rows fill in from the worker: “None”, then every row by name */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.new", NULL);
  g_assert_true (wait_until (f, references_loaded));
  model = adw_combo_row_get_model (f->parts.project_row);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, projects->len + 1);
  g_assert_cmpuint (adw_combo_row_get_selected (f->parts.project_row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (f->parts.author_row)),
                    ==, persons->len + 1);

  adw_combo_row_set_selected (f->parts.project_row, 2);
  adw_combo_row_set_selected (f->parts.author_row, 1);
  gtk_editable_set_text (f->parts.title_row, "Mit Projekt und Autor");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL);

  rows = lotse_store_list (f->store, "article", &filter, 1, NULL, 0, 0, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  article = g_object_ref (g_ptr_array_index (rows, 0));
  g_assert_cmpstr (lotse_record_get (article, "project_id"), ==,
                   lotse_record_get_id (g_ptr_array_index (projects, 1)));
  g_assert_cmpstr (lotse_record_get (article, "author_person_id"), ==,
                   lotse_record_get_id (g_ptr_array_index (persons, 0)));

  /* The project is named in the article, as a link to it */
  {
    LotseRecord *project = g_ptr_array_index (projects, 1);
    g_autofree char *uri = g_strdup_printf ("lotse:project/%s", lotse_record_get_id (project));
    gboolean handled = FALSE;

    g_assert_nonnull (strstr (gtk_label_get_label (f->parts.meta_label), uri));
    g_assert_nonnull (strstr (gtk_label_get_text (f->parts.meta_label),
                              lotse_record_get (project, "title")));
    g_signal_emit_by_name (f->parts.meta_label, "activate-link", uri, &handled);
    g_assert_true (handled);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (lotse_window_get_view_stack (f->window)),
                     ==, "portfolio");
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "knowledge");
  }

  /* Editing again: the current values are chosen, before and after loading */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.edit", NULL);
  g_assert_cmpstr (lotse_knowledge_view_get_article_id (f->view), ==, lotse_record_get_id (article));
  g_assert_cmpuint (adw_combo_row_get_selected (f->parts.project_row), ==, 1);
  g_assert_true (wait_until (f, references_loaded));
  g_assert_cmpuint (adw_combo_row_get_selected (f->parts.project_row), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (f->parts.author_row), ==, 1);

  /* “None” removes the project. */
  adw_combo_row_set_selected (f->parts.project_row, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL);
  g_clear_object (&article);
  article = lotse_store_get (f->store, "article", lotse_knowledge_view_get_article_id (f->view), NULL);
  g_assert_null (lotse_record_get (article, "project_id"));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  const char *tags[] = { "Leitfaden", NULL };
  g_autofree char *id = create_article (f, "Export: \"Test\"", "## Teil\n\n- [ ] Frage\n", tags);
  g_autofree char *path = g_build_filename (f->dir, "Export.md", NULL);
  g_autofree char *missing_dir = g_build_filename (f->dir, "no", "such", "dir", "x.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) unwritable = g_file_new_for_path (missing_dir);
  g_autofree char *contents = NULL;

  g_assert_true (lotse_knowledge_view_export_to (f->view, id, file));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "---\ntitle: \"Export: \\\"Test\\\"\"\n"));
  g_assert_nonnull (strstr (contents, "tags:\n  - \"Leitfaden\"\n"));
  g_assert_nonnull (strstr (contents, "---\n\n# Export: \"Test\"\n\n## Teil\n\n- [ ] Frage\n"));

  /* A place that cannot be written: an error, no file */
  g_assert_false (lotse_knowledge_view_export_to (f->view, id, unwritable));
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

  /* A symbolic link is refused, and what it points to stays as it was */
  {
    g_autofree char *target = g_build_filename (f->dir, "notes.txt", NULL);
    g_autofree char *link = g_build_filename (f->dir, "Link.md", NULL);
    g_autoptr(GFile) link_file = g_file_new_for_path (link);
    g_autofree char *kept = NULL;

    g_assert_true (g_file_set_contents (target, "mine\n", -1, NULL));
    g_assert_cmpint (symlink (target, link), ==, 0);
    g_assert_false (lotse_knowledge_view_export_to (f->view, id, link_file));
    g_assert_true (g_file_get_contents (target, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "mine\n");
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  }
}

static void
test_open_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *missing = lotse_new_uuid ();

  g_assert_false (lotse_view_open_record (LOTSE_VIEW (f->view), "article", missing));
  g_assert_false (lotse_view_open_record (LOTSE_VIEW (f->view), "tag", missing));
  g_assert_false (lotse_view_open_record (LOTSE_VIEW (f->view), "project", missing));
  g_assert_cmpstr (detail_page (f), ==, "none");
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0;
  g_autofree char *id = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.load-demo", NULL);
  iterate_until_idle ();

  /* In the editor and on an article, nothing asks for more than 360 px. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.new", NULL);
  iterate_until_idle ();
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.cancel", NULL);

  id = create_article (f, "Eine Tabelle",
                       "| Spalte | Noch eine sehr lange Spalte mit viel Text |\n|---|---|\n| a | b |\n",
                       NULL);
  iterate_until_idle ();
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

/* One message of GTK 4.8 itself is not fatal here, every other one is:
 * it draws the window once without laying out its main stack again when
 * a popover of the header bar opens in the same frame as a change of the
 * views below it, warns, and draws the next frame right. */
static const char * const gtk_noise[] = {
  "without a current allocation",
};

static gboolean
is_gtk_noise (const char *message)
{
  for (guint k = 0; k < G_N_ELEMENTS (gtk_noise); k++)
    if (message != NULL && strstr (message, gtk_noise[k]) != NULL)
      return TRUE;
  return FALSE;
}

/* For messages through g_log(), such as failed g_return_if_fail() checks */
static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !is_gtk_noise (message);
}

/* For structured messages, such as GTK's warnings */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        is_gtk_noise (fields[i].value))
      {
        g_test_message ("ignored: %s", (const char *) fields[i].value);
        return G_LOG_WRITER_HANDLED;
      }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Task lists: a box ticked in the article is saved; only its "[ ]" changes */

typedef struct
{
  Fixture    *f;
  const char *id;
  const char *body;
} BodyWait;

static char *
stored_body (Fixture    *f,
             const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT body FROM article WHERE id = '%s'", id);

  return lotse_test_query_text (lotse_store_get_path (f->store), sql);
}

static gboolean
body_stored (gpointer data)
{
  BodyWait *wait = data;
  g_autofree char *body = stored_body (wait->f, wait->id);

  return g_strcmp0 (body, wait->body) == 0;
}

static void
assert_stored_body (Fixture    *f,
                    const char *id,
                    const char *expected)
{
  BodyWait wait = { f, id, expected };

  if (!lotse_test_wait_until (body_stored, &wait))
    {
      g_autofree char *body = stored_body (f, id);

      g_assert_cmpstr (body, ==, expected);
    }
}

static gboolean
transition_done (gpointer data)
{
  return !adw_leaflet_get_child_transition_running (data);
}

/* The view is laid out down to its last line. */
static gboolean
view_laid_out (gpointer data)
{
  GtkTextView *view = data;
  GtkTextIter end;
  GdkRectangle location;
  int x, y;

  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_view_get_iter_location (view, &end, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y + location.height,
                                         &x, &y);

  return gtk_widget_get_mapped (data) && y <= gtk_widget_get_height (data);
}

/* Clicks on a task box of a view's Markdown, once the view has slid in */
static void
click_task (GtkTextView *view,
            guint        index)
{
  LotseMarkdownBuffer *buffer = LOTSE_MARKDOWN_BUFFER (gtk_text_view_get_buffer (view));
  GdkRectangle location;
  GtkTextIter iter;
  int x, y;

  g_assert_cmpuint (index, <, lotse_markdown_buffer_get_n_tasks (buffer));
  g_assert_true (lotse_test_wait_until (transition_done,
                                        gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_LEAFLET)));
  g_assert_true (lotse_test_wait_until (view_laid_out, view));
  g_assert_true (lotse_test_wait_frames (GTK_WIDGET (view), 2));
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter,
                                      lotse_markdown_buffer_get_task_offset (buffer, index));
  gtk_text_view_get_iter_location (view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, location.x + location.width / 2,
                                         location.y + location.height / 2, &x, &y);
  lotse_test_click_at (GTK_WIDGET (view), x, y);
}

static gboolean
box_shows (gpointer data)
{
  GtkTextView *view = ((gpointer *) data)[0];
  const char *box = ((gpointer *) data)[1];
  LotseMarkdownBuffer *buffer = LOTSE_MARKDOWN_BUFFER (gtk_text_view_get_buffer (view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (lotse_markdown_buffer_get_n_tasks (buffer) == 0)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &start,
                                      lotse_markdown_buffer_get_task_offset (buffer, 0));
  end = start;
  gtk_text_iter_forward_char (&end);
  text = gtk_text_iter_get_text (&start, &end);

  return g_str_equal (text, box);
}

static void
test_tick_tasks (Fixture       *f,
                 gconstpointer  data)
{
  /* CRLF and a numbered item: the rest of the text stays byte for byte */
  static const char body[] = "Vor dem Termin:\r\n\r\n- [ ] Partner anfragen\r\n  - [ ] Unterpunkt\r\n"
                             "- [x] Raum buchen\r\n\r\n1. [ ] Protokoll *verschicken*\r\n";
  g_autofree char *id = lotse_test_insert (f->store, "article", "title=Vorbereitung", "category=guideline",
                                           NULL);
  g_autoptr(LotseRecord) article = lotse_store_get (f->store, "article", id, NULL);
  g_autoptr(GError) error = NULL;
  gpointer unticked[2] = { f->parts.body_view, (gpointer) "☐" };
  gpointer ticked[2] = { f->parts.body_view, (gpointer) "☑" };

  lotse_record_set (article, "body", body);
  g_assert_true (lotse_store_update (f->store, article, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "article", id));
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (f->parts.body_view)));
  g_assert_true (lotse_test_wait_until (box_shows, unticked));
  g_assert_cmpuint (lotse_markdown_buffer_get_n_tasks (LOTSE_MARKDOWN_BUFFER (gtk_text_view_get_buffer (f->parts.body_view))), ==, 4);

  /* A click on the first box ticks it, in the store */
  click_task (f->parts.body_view, 0);
  assert_stored_body (f, id, "Vor dem Termin:\r\n\r\n- [x] Partner anfragen\r\n  - [ ] Unterpunkt\r\n"
                             "- [x] Raum buchen\r\n\r\n1. [ ] Protokoll *verschicken*\r\n");
  g_assert_true (lotse_test_wait_until (box_shows, ticked));

  /* Space on the third unticks it; the nested one ticks with a click */
  gtk_widget_grab_focus (GTK_WIDGET (f->parts.body_view));
  {
    LotseMarkdownBuffer *buffer = LOTSE_MARKDOWN_BUFFER (gtk_text_view_get_buffer (f->parts.body_view));
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter,
                                        lotse_markdown_buffer_get_task_offset (buffer, 2));
    gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &iter);
  }
  lotse_test_press_key (GDK_KEY_space, 0);
  assert_stored_body (f, id, "Vor dem Termin:\r\n\r\n- [x] Partner anfragen\r\n  - [ ] Unterpunkt\r\n"
                             "- [ ] Raum buchen\r\n\r\n1. [ ] Protokoll *verschicken*\r\n");
  click_task (f->parts.body_view, 1);
  assert_stored_body (f, id, "Vor dem Termin:\r\n\r\n- [x] Partner anfragen\r\n  - [x] Unterpunkt\r\n"
                             "- [ ] Raum buchen\r\n\r\n1. [ ] Protokoll *verschicken*\r\n");

  /* A click on the text of an item changes nothing */
  {
    LotseMarkdownBuffer *buffer = LOTSE_MARKDOWN_BUFFER (gtk_text_view_get_buffer (f->parts.body_view));
    GdkRectangle location;
    GtkTextIter iter;
    int x, y;

    gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter,
                                        lotse_markdown_buffer_get_task_offset (buffer, 3) + 6);
    gtk_text_view_get_iter_location (f->parts.body_view, &iter, &location);
    gtk_text_view_buffer_to_window_coords (f->parts.body_view, GTK_TEXT_WINDOW_WIDGET, location.x,
                                           location.y + location.height / 2, &x, &y);
    lotse_test_click_at (GTK_WIDGET (f->parts.body_view), x, y);
    lotse_test_iterate_idle ();
    assert_stored_body (f, id, "Vor dem Termin:\r\n\r\n- [x] Partner anfragen\r\n  - [x] Unterpunkt\r\n"
                               "- [ ] Raum buchen\r\n\r\n1. [ ] Protokoll *verschicken*\r\n");
  }
}

static gboolean
editor_has_tick (gpointer data)
{
  g_autofree char *text = lotse_knowledge_view_editor_text (data);

  return g_str_equal (text, "- [ ] Eins\n- [x] Zwei");
}

/* In the editor's preview a tick changes the text being edited; Save stores it */
static void
test_tick_in_preview (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = lotse_test_insert (f->store, "article", "title=Checkliste", "category=guideline",
                                           "body=- [ ] Eins\n- [ ] Zwei", NULL);
  gpointer unticked[2] = { f->parts.preview_view, (gpointer) "☐" };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "article", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.edit", NULL));
  /* Narrow: the preview is one switch away */
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (f->parts.body_editor)));
  g_assert_true (lotse_test_wait_until ((LotseTestCondition) adw_leaflet_get_folded, f->parts.editor_stack));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.toggle-preview", NULL));
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (f->parts.preview_view)));
  g_assert_true (lotse_test_wait_until (box_shows, unticked));
  click_task (f->parts.preview_view, 1);
  g_assert_true (lotse_test_wait_until (editor_has_tick, f->parts.body_editor));
  assert_stored_body (f, id, "- [ ] Eins\n- [ ] Zwei");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL));
  assert_stored_body (f, id, "- [ ] Eins\n- [x] Zwei");
}

static gboolean
preview_has (gpointer data)
{
  GtkTextView *view = ((gpointer *) data)[0];
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  return strstr (text, ((gpointer *) data)[1]) != NULL;
}

/* A wide window shows the text and its preview side by side, the preview
 * following the typing; a narrow one keeps the switch. */
static void
test_side_by_side (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = lotse_test_insert (f->store, "article", "title=Leitfaden", "category=guideline",
                                           "body=# Anfang", NULL);
  gpointer wait[2] = { f->parts.preview_view, (gpointer) "Neu geschrieben" };
  graphene_rect_t editor, preview;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "article", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.edit", NULL));
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (f->parts.preview_view)));
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (f->parts.body_editor)));
  g_assert_false (adw_leaflet_get_folded (f->parts.editor_stack));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->parts.preview_toggle)));

  /* Beside each other: the preview to the right of the editor */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (f->parts.body_editor), GTK_WIDGET (f->window), &editor));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (f->parts.preview_view), GTK_WIDGET (f->window), &preview));
  g_assert_cmpfloat (preview.origin.x, >=, editor.origin.x + editor.size.width);

  set_body (f, "# Anfang\n\nNeu geschrieben");
  g_assert_true (lotse_test_wait_until (preview_has, wait));

  /* Narrow again: one of the two, and the switch */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 620, 900);
  g_assert_true (lotse_test_wait_until ((LotseTestCondition) adw_leaflet_get_folded, f->parts.editor_stack));
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (f->parts.preview_toggle)));
}

static gboolean
editor_has_picture (gpointer data)
{
  g_autofree char *text = lotse_knowledge_view_editor_text (((gpointer *) data)[0]);

  return strstr (text, ((gpointer *) data)[1]) != NULL;
}

static gboolean
has_paintable (gpointer data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (data);
  GtkTextIter iter;

  for (gtk_text_buffer_get_start_iter (buffer, &iter); !gtk_text_iter_is_end (&iter); gtk_text_iter_forward_char (&iter))
    if (gtk_text_iter_get_paintable (&iter) != NULL)
      return TRUE;
  return FALSE;
}

/* A picture dropped into the text is attached to the article, written
 * as ![caption](attachment:HASH) at the cursor and shown in the preview. */
static void
test_drop_picture (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = lotse_test_insert (f->store, "article", "title=Lernreise", "category=note",
                                           "body=Vorher.", NULL);
  g_autofree char *path = g_build_filename (f->dir, "Skizze [1].png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) controllers = NULL;
  g_autofree char *content = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sql = NULL;
  gpointer want[2];
  GValue value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean handled = FALSE;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
  g_assert_true (g_file_get_contents (path, &content, &length, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content, length);
  expected = g_strdup_printf ("![Skizze  1 ](attachment:%s)", sha);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "article", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.edit", NULL));
  g_assert_true (lotse_test_wait_shown (GTK_WIDGET (f->parts.body_editor)));

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->parts.body_editor));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), NULL)[0] == GDK_TYPE_FILE_LIST)
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 5.0, 5.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);

  want[0] = f->parts.body_editor;
  want[1] = expected;
  g_assert_true (lotse_test_wait_until (editor_has_picture, want));
  /* Narrow, the preview is one switch away; wide, it follows the text. */
  if (adw_leaflet_get_folded (f->parts.editor_stack))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.toggle-preview", NULL));
  g_assert_true (lotse_test_wait_until (has_paintable, f->parts.preview_view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "knowledge.save", NULL));
  sql = g_strdup_printf ("SELECT count(*) FROM attachment WHERE owner_table = 'article' AND owner_id = '%s' "
                         "AND sha256 = '%s' AND content_type = 'image/png'", id, sha);
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->store), sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT instr(body, '%s') > 0 FROM article WHERE id = '%s'", expected, id);
  g_assert_cmpint (lotse_test_query_int (lotse_store_get_path (f->store), sql), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  adw_init ();

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/ui/knowledge/create-with-tags", test_create_with_tags);
  ADD ("/ui/knowledge/tag-chip-filters", test_tag_chip_filters);
  ADD ("/ui/knowledge/invalid-changes-nothing", test_invalid_changes_nothing);
  ADD ("/ui/knowledge/search", test_search);
  ADD ("/ui/knowledge/search-snippets-when-shown", test_search_snippets_when_shown);
  ADD ("/ui/knowledge/global-search-opens", test_global_search_opens);
  ADD ("/ui/knowledge/delete-undo", test_delete_undo);
  ADD ("/ui/knowledge/open-missing", test_open_missing);
  ADD ("/ui/knowledge/open-while-editing", test_open_while_editing);
  ADD ("/ui/knowledge/project-and-author", test_project_and_author);
  ADD ("/ui/knowledge/export", test_export);
  ADD ("/ui/knowledge/narrow", test_narrow);
  /* Wide enough for the list and the article side by side at any text */
  g_test_add ("/ui/knowledge/tick-tasks", Fixture, GINT_TO_POINTER (1280), fixture_setup, test_tick_tasks,
              fixture_teardown);
  ADD ("/ui/knowledge/tick-in-preview", test_tick_in_preview);
  ADD ("/ui/knowledge/drop-picture", test_drop_picture);
  ADD ("/ui/knowledge/side-by-side", test_side_by_side);

#undef ADD

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
