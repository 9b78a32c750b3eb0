/* test-contrast.c: every text of the main views reads at 4.5:1, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. Brings the real window over the demo programme into its
 * main views, in libadwaita's light and dark styles, renders it and, for
 * every label shown, compares the colour its text is drawn in with the
 * colour behind it as WCAG 2 does (relative luminance, (L1 + 0.05) /
 * (L2 + 0.05)): what counts is the pixel on screen, after the label's
 * colour, the dim-label opacity and the row behind it. A style sheet of
 * the test makes every label big and black-bold, so that the glyphs'
 * middles are the text colour itself, not a mix with the background.
 *
 * The timeline draws its text with cairo: its colours are compared with
 * its background the same way, from the style it draws with.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "lotse-application-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-monitor-panel.h"
#include "lotse-portfolio-table.h"
#include "lotse-portfolio-view-private.h"
#include "lotse-test-helpers.h"
#include "lotse-test-ui.h"
#include "lotse-timeline.h"
#include "lotse-window-private.h"

#define TEXT_CONTRAST 4.5

typedef struct
{
  LotseWindow *window;
  GString     *failures;
  const char  *state;
  const char  *scheme;
} Fixture;

static LotseApplication *app;
static LotseStore *store;

/* --- WCAG -------------------------------------------------------------------- */

static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const GdkRGBA *color)
{
  return 0.2126 * channel (color->red) + 0.7152 * channel (color->green) + 0.0722 * channel (color->blue);
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* @color drawn with its alpha over the opaque @background */
static GdkRGBA
over (const GdkRGBA *color,
      const GdkRGBA *background)
{
  return (GdkRGBA) {
    color->red * color->alpha + background->red * (1 - color->alpha),
    color->green * color->alpha + background->green * (1 - color->alpha),
    color->blue * color->alpha + background->blue * (1 - color->alpha),
    1,
  };
}

/* --- pixels ------------------------------------------------------------------- */

typedef struct
{
  guchar *data;
  gsize   stride;
  int     width;
  int     height;
  GdkRGBA window;  /* behind the content: the window's background */
} Pixels;

/* Premultiplied B, G, R, A over the window's background. */
static GdkRGBA
pixel_at (const Pixels *pixels,
          int           x,
          int           y)
{
  const guchar *p = pixels->data + y * pixels->stride + x * 4;
  double a = p[3] / 255.0;

  return (GdkRGBA) {
    p[2] / 255.0 + pixels->window.red * (1 - a),
    p[1] / 255.0 + pixels->window.green * (1 - a),
    p[0] / 255.0 + pixels->window.blue * (1 - a),
    1,
  };
}

static guint32
pixel_key (const Pixels *pixels,
           int           x,
           int           y)
{
  const guchar *p = pixels->data + y * pixels->stride + x * 4;

  return p[0] | p[1] << 8 | p[2] << 16 | (guint32) p[3] << 24;
}

/* The window's content: a window paints nothing through a paintable. */
static GtkWidget *
content (Fixture *f)
{
  return adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
}

static void
render (Fixture *f,
        Pixels  *pixels)
{
  GtkWidget *widget = content (f);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  pixels->width = gtk_widget_get_width (widget);
  pixels->height = gtk_widget_get_height (widget);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color",
                                                 &pixels->window));

  /* A paintable shows what the widget drew last: nothing before its first
   * frame. */
  for (guint frames = 0; node == NULL && frames < 100; frames++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
      gdk_paintable_snapshot (paintable, snapshot, pixels->width, pixels->height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, pixels->width, pixels->height));
  pixels->stride = pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
}

/* The part of @widget that shows, its bounds cut by every ancestor's; a
 * label cut in half by a list's edge is measured where it shows whole. */
static gboolean
visible_bounds (GtkWidget       *widget,
                GtkWidget       *root,
                graphene_rect_t *bounds)
{
  graphene_rect_t whole;

  if (!gtk_widget_compute_bounds (widget, root, &whole))
    return FALSE;
  *bounds = whole;

  for (GtkWidget *a = gtk_widget_get_parent (widget); a != NULL && a != root; a = gtk_widget_get_parent (a))
    {
      graphene_rect_t clip;

      if (gtk_widget_compute_bounds (a, root, &clip) && !graphene_rect_intersection (bounds, &clip, bounds))
        return FALSE;
    }

  return bounds->size.width >= 4 && bounds->size.height >= 4 &&
         bounds->size.width * bounds->size.height >= 0.9 * whole.size.width * whole.size.height;
}

/* Behind: the commonest colour in the label's box. Text: the pixel that
 * differs from it most. */
static gboolean
measure (const Pixels          *pixels,
         const graphene_rect_t *bounds,
         GdkRGBA               *text,
         GdkRGBA               *background)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  int x0 = MAX (0, (int) ceil (bounds->origin.x)), y0 = MAX (0, (int) ceil (bounds->origin.y));
  int x1 = MIN (pixels->width, (int) floor (bounds->origin.x + bounds->size.width));
  int y1 = MIN (pixels->height, (int) floor (bounds->origin.y + bounds->size.height));
  guint best = 0, bx = 0, by = 0;
  double most = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        gpointer key = GUINT_TO_POINTER (pixel_key (pixels, x, y));
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;

        g_hash_table_insert (counts, key, GUINT_TO_POINTER (n));
        if (n > best)
          {
            best = n;
            bx = x;
            by = y;
          }
      }
  if (best == 0)
    return FALSE;

  *background = pixel_at (pixels, bx, by);
  *text = *background;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        GdkRGBA color = pixel_at (pixels, x, y);
        double ratio = contrast (&color, background);

        if (ratio > most)
          {
            most = ratio;
            *text = color;
          }
      }

  return TRUE;
}

static void
check_labels (Fixture   *f,
              GtkWidget *widget,
              Pixels    *pixels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      GdkRGBA text, background;

      if (!gtk_widget_get_mapped (child))
        continue;

      /* Disabled text need not be read (WCAG 1.4.3). */
      if (GTK_IS_LABEL (child) && gtk_widget_is_sensitive (child) &&
          *gtk_label_get_text (GTK_LABEL (child)) != '\0' &&
          visible_bounds (child, content (f), &bounds) &&
          measure (pixels, &bounds, &text, &background) &&
          /* 1:1 is no text at all: a label the big font pushed out of view. */
          contrast (&text, &background) > 1.05 && contrast (&text, &background) < TEXT_CONTRAST)
        {
          g_autofree char *fg = gdk_rgba_to_string (&text);
          g_autofree char *bg = gdk_rgba_to_string (&background);

          g_string_append_printf (f->failures, "%s, %s: “%s” (%s) %.2f:1, %s on %s\n", f->state, f->scheme,
                                  gtk_label_get_text (GTK_LABEL (child)),
                                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (child)),
                                  contrast (&text, &background), fg, bg);
        }

      check_labels (f, child, pixels);
    }
}

/* --- the timeline's own drawing ---------------------------------------------------- */

static void
check_timeline (Fixture       *f,
                LotseTimeline *timeline)
{
  GtkWidget *widget = GTK_WIDGET (timeline);
  GdkRGBA view, fg, text;
  /* Besides the foreground of names and axis, the colours text is drawn
   * in, all on the view's background: today, milestone labels, overdue. */
  const char * const colours[] = { "timeline_today_color", "timeline_label_color", "timeline_overdue_color" };

  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "view_bg_color", &view));
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  text = over (&fg, &view);
  if (contrast (&text, &view) < TEXT_CONTRAST)
    g_string_append_printf (f->failures, "%s, %s: timeline text %.2f:1\n", f->state, f->scheme,
                            contrast (&text, &view));

  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      GdkRGBA colour;

      if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), colours[i], &colour))
        {
          g_string_append_printf (f->failures, "%s, %s: no @%s\n", f->state, f->scheme, colours[i]);
          continue;
        }
      text = over (&colour, &view);
      if (contrast (&text, &view) < TEXT_CONTRAST)
        g_string_append_printf (f->failures, "%s, %s: timeline @%s %.2f:1\n", f->state, f->scheme,
                                colours[i], contrast (&text, &view));
    }
}

/* --- views -------------------------------------------------------------------------- */

static GtkWidget *
view (Fixture    *f,
      const char *name)
{
  return lotse_window_get_view (f->window, name);
}

static GtkWidget *
section (Fixture    *f,
         const char *name)
{
  GtkStack *sections = lotse_portfolio_view_get_sections (LOTSE_PORTFOLIO_VIEW (view (f, "portfolio")));

  gtk_stack_set_visible_child_name (sections, name);
  return gtk_stack_get_child_by_name (sections, name);
}

static void
open_first (Fixture    *f,
            const char *view_name,
            const char *table,
            const char *sql)
{
  g_autofree char *id = lotse_test_query_text (lotse_store_get_path (store), sql);

  g_assert_nonnull (id);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", view_name);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", table, id);
}

static gboolean
monitor_loaded (gpointer data)
{
  return !lotse_monitor_panel_is_loading (data);
}

static gboolean
registers_loaded (gpointer data)
{
  return !lotse_registers_is_loading (data);
}

static gboolean
timeline_loaded (gpointer data)
{
  return !lotse_timeline_is_loading (data) && lotse_timeline_get_n_projects (data) > 0;
}

static void
enter_projects (Fixture *f)
{
  /* A project with overdue milestones, shown beside the list. */
  open_first (f, "portfolio", "project",
              "SELECT p.id FROM project AS p JOIN milestone AS m ON m.project_id = p.id"
              " WHERE p.deleted = 0 AND p.status = 'running' AND m.deleted = 0"
              " AND m.status NOT IN ('done', 'cancelled') AND m.due_date < date('now')"
              " ORDER BY p.title LIMIT 1");
  section (f, "projects");
}

static gboolean
table_loaded (gpointer data)
{
  return !lotse_portfolio_table_get_loading (data) &&
         g_list_model_get_n_items (lotse_portfolio_table_get_rows (data)) > 0;
}

/* The portfolio as a table, with its overdue counts in red. */
static void
enter_table (Fixture *f)
{
  LotsePortfolioView *portfolio = LOTSE_PORTFOLIO_VIEW (view (f, "portfolio"));

  enter_projects (f);
  /* As a click does: the button toggles through its action. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (lotse_portfolio_view_get_table_toggle (portfolio))));
  g_assert_true (lotse_test_wait_until (table_loaded, lotse_portfolio_view_get_table (portfolio)));
}

static void
enter_monitor (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  g_assert_true (lotse_test_wait_until (monitor_loaded, section (f, "monitor")));
}

static void
enter_timeline (Fixture *f)
{
  LotseTimeline *timeline;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "portfolio");
  timeline = lotse_timeline_panel_get_timeline (LOTSE_TIMELINE_PANEL (section (f, "timeline")));
  g_assert_true (lotse_test_wait_until (timeline_loaded, timeline));
  check_timeline (f, timeline);
}

static void
enter_directory (Fixture *f)
{
  open_first (f, "portfolio", "organisation", "SELECT id FROM organisation WHERE deleted = 0 ORDER BY name LIMIT 1");
}

static void
enter_meeting (Fixture *f)
{
  open_first (f, "jourfixe", "meeting",
              "SELECT m.id FROM meeting AS m WHERE m.deleted = 0 AND EXISTS"
              " (SELECT 1 FROM agenda_item AS a WHERE a.meeting_id = m.id AND a.deleted = 0)"
              " ORDER BY m.starts_at DESC LIMIT 1");
}

static void
enter_minutes (Fixture *f)
{
  enter_meeting (f);
  lotse_meeting_detail_set_minutes (lotse_jourfixe_view_get_meeting_detail (LOTSE_JOURFIXE_VIEW (view (f, "jourfixe"))),
                                    TRUE);
}

static void
enter_registers (Fixture *f)
{
  LotseRegisters *registers = lotse_jourfixe_view_get_registers (LOTSE_JOURFIXE_VIEW (view (f, "jourfixe")));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  gtk_widget_activate_action (view (f, "jourfixe"), "jourfixe.show-registers", NULL);
  g_assert_true (lotse_test_wait_until (registers_loaded, registers));
  lotse_registers_show (registers, "actions");
}

/* The person with an overdue action item, its row selected: the red of
 * overdue on the view and under the selection's tint. */
static void
enter_my_actions (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *me = lotse_test_query_text (lotse_store_get_path (store),
                                               "SELECT owner_person_id FROM action_item WHERE deleted = 0"
                                               " AND status = 'open' AND owner_person_id IS NOT NULL"
                                               " ORDER BY due_date < date('now') DESC, due_date LIMIT 1");
  LotseMyActions *page = lotse_jourfixe_view_get_my_actions (LOTSE_JOURFIXE_VIEW (view (f, "jourfixe")));

  g_settings_set_string (settings, "me-person-id", me);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "jourfixe");
  gtk_widget_activate_action (view (f, "jourfixe"), "jourfixe.show-my-actions", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lotse_my_actions_get_selection (page))), >, 0);
  gtk_selection_model_select_item (lotse_my_actions_get_selection (page), 0, TRUE);
}

static void
enter_article (Fixture *f)
{
  open_first (f, "knowledge", "article", "SELECT id FROM article WHERE deleted = 0 ORDER BY title LIMIT 1");
}

static const struct
{
  const char *name;
  void      (*enter) (Fixture *f);
} states[] = {
  { "projects", enter_projects },
  { "table", enter_table },
  { "monitor", enter_monitor },
  { "timeline", enter_timeline },
  { "directory", enter_directory },
  { "meeting", enter_meeting },
  { "minutes", enter_minutes },
  { "registers", enter_registers },
  { "my-actions", enter_my_actions },
  { "article", enter_article },
};

static void
test_contrast (gconstpointer data)
{
  AdwColorScheme scheme = GPOINTER_TO_INT (data);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GtkCssProvider) big = gtk_css_provider_new ();
  Fixture f = { NULL, g_string_new (NULL), NULL, scheme == ADW_COLOR_SCHEME_FORCE_DARK ? "dark" : "light" };

  adw_style_manager_set_color_scheme (style, scheme);
  gtk_css_provider_load_from_data (big, "label { font-size: 28px; font-weight: 900; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (big),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER + 1);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
      Pixels pixels;

      /* Each state begins with the list, whatever the last one chose. */
      g_settings_reset (settings, "portfolio-table");
      f.window = lotse_window_new (GTK_APPLICATION (app), store);
      gtk_window_set_default_size (GTK_WINDOW (f.window), 1280, 800);
      gtk_window_present (GTK_WINDOW (f.window));
      lotse_test_iterate_idle ();
      f.state = states[i].name;
      states[i].enter (&f);
      lotse_test_iterate_idle ();

      render (&f, &pixels);
      check_labels (&f, content (&f), &pixels);
      g_free (pixels.data);
      lotse_test_destroy_toplevels (NULL);
    }

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (big));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  if (f.failures->len > 0)
    g_test_fail_printf ("Text below %.1f:1:\n%s", TEXT_CONTRAST, f.failures->str);
  g_string_free (f.failures, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* What is measured is the end of a transition, not a frame of it. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  store = lotse_test_open_store (&dir);
  g_assert_true (lotse_demo_load (store, NULL, NULL, &error));
  g_assert_no_error (error);
  lotse_application_set_store (app, store);

  g_test_add_data_func ("/ui/contrast/light", GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_LIGHT), test_contrast);
  g_test_add_data_func ("/ui/contrast/dark", GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_DARK), test_contrast);

  status = g_test_run ();

  g_clear_object (&store);
  lotse_test_remove_tree (dir);
  g_clear_object (&app);

  return status;
}
