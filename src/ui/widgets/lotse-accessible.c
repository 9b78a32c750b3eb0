/* lotse-accessible.c: names a screen reader can say, where GTK 4.8 has none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names some controls wrongly over AT-SPI, whoever builds them (our
 * templates, libadwaita's dialogs, GTK's file chooser):
 *
 * - A button with a mnemonic ("_Minutes") has the raw label as its
 *   accessible label and is labelled by its own label child as well: Orca
 *   says "underscore Minutes Minutes". A check button says the underscore.
 * - A menu button is named only inside: the outer object reads
 *   "GtkMenuButton" even when the button shows a label.
 * - The toggle button inside a drop-down, which takes the focus, has no
 *   name at all ("GtkToggleButton"), though the drop-down has one.
 * - A stack switcher's buttons say the pages' titles with their
 *   underscores ("_1" in the shortcuts window).
 * - GTK and libadwaita leave controls they build inside their own windows
 *   nameless ("GtkImage", "GtkSearchEntry", "GtkButton"): the searches of
 *   the preferences and shortcuts windows, the eye of a password row, the
 *   back buttons and the version of the about window.
 *
 * These are classes of widgets, so they are mended once for the whole
 * application, each time a widget is mapped (an emission hook), together
 * with what the map leaves unmapped. A label changed while its button is
 * shown is mended at the next map ("notify" takes no emission hooks).
 * GTK 4.10 names these itself. A control without any label of its own
 * (an icon-only button, a drop-down, an entry) still gets its accessible
 * label where it is built.
 */

#define G_LOG_DOMAIN "lotse-accessible"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lotse-accessible.h"

#define MNEMONIC_LABEL_KEY "lotse-accessible-mnemonic-label"

/**
 * lotse_accessible_strip_mnemonic:
 * @label: (nullable): a label with mnemonics, "_Save" or "Save __As"
 *
 * Returns: (transfer full) (nullable): the text it shows: "Save", "Save _As"
 */
char *
lotse_accessible_strip_mnemonic (const char *label)
{
  GString *text;

  if (label == NULL)
    return NULL;

  text = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static void
set_label (GtkWidget  *widget,
           const char *label,
           gboolean    mnemonic)
{
  g_autofree char *text = mnemonic ? lotse_accessible_strip_mnemonic (label) : g_strdup (label);

  if (text != NULL && *text != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
mend_drop_down (GtkDropDown *drop_down)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (drop_down), MNEMONIC_LABEL_KEY);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Labelled by the label that names the drop-down, or by the
       * drop-down's own accessible label. */
      if (GTK_IS_TOGGLE_BUTTON (child))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        label != NULL ? label : GTK_WIDGET (drop_down), NULL, -1);
    }
}

static GtkWidget *
find_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_LABEL (child) ? child : find_label (child);

      if (label != NULL && *gtk_label_get_text (GTK_LABEL (label)) != '\0')
        return label;
    }

  return NULL;
}

static gboolean
shows_search_icon (GtkWidget *widget)
{
  GtkWidget *image = GTK_IS_BUTTON (widget) ? gtk_button_get_child (GTK_BUTTON (widget)) : NULL;
  const char *icon = GTK_IS_IMAGE (image) ? gtk_image_get_icon_name (GTK_IMAGE (image)) : NULL;

  return g_strcmp0 (icon, "edit-find-symbolic") == 0 || g_strcmp0 (icon, "system-search-symbolic") == 0;
}

/* Controls that GTK and libadwaita build inside their own windows and
 * rows, unnamed: they are named by their tooltip, as a search, or by the
 * text they show. Ours are named where they are built. */
static void
mend_composite (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label;

      if (ADW_IS_PREFERENCES_PAGE (child) || ADW_IS_VIEW_SWITCHER (child) ||
          (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL) ||
          (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_label (GTK_MENU_BUTTON (child)) != NULL))
        continue;

      if (!GTK_IS_BUTTON (child) && !GTK_IS_MENU_BUTTON (child) && !GTK_IS_SEARCH_ENTRY (child))
        mend_composite (child);
      else if (gtk_widget_get_tooltip_text (child) != NULL)
        set_label (child, gtk_widget_get_tooltip_text (child), FALSE);
      else if (GTK_IS_SEARCH_ENTRY (child) || shows_search_icon (child))
        set_label (child, _("Search"), FALSE);
      else if ((label = find_label (child)) != NULL)
        set_label (child, gtk_label_get_text (GTK_LABEL (label)), FALSE);
    }
}

/* Its buttons say the pages' titles, mnemonics and all. */
static void
mend_stack_switcher (GtkStackSwitcher *switcher)
{
  GtkStack *stack = gtk_stack_switcher_get_stack (switcher);
  g_autoptr(GListModel) pages = stack != NULL ? G_LIST_MODEL (gtk_stack_get_pages (stack)) : NULL;
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (switcher));

  for (guint i = 0; pages != NULL && button != NULL && i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(GObject) page = g_list_model_get_item (pages, i);

      if (gtk_stack_page_get_use_underline (GTK_STACK_PAGE (page)))
        set_label (button, gtk_stack_page_get_title (GTK_STACK_PAGE (page)), TRUE);
      button = gtk_widget_get_next_sibling (button);
    }
}

static void
mend (GObject *object)
{
  if (GTK_IS_BUTTON (object) && gtk_button_get_use_underline (GTK_BUTTON (object)))
    /* Its label child, without the underscore, names it. */
    gtk_accessible_reset_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (GTK_IS_CHECK_BUTTON (object) && gtk_check_button_get_label (GTK_CHECK_BUTTON (object)) != NULL)
    set_label (GTK_WIDGET (object), gtk_check_button_get_label (GTK_CHECK_BUTTON (object)),
               gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (object)));
  else if (GTK_IS_MENU_BUTTON (object) && gtk_menu_button_get_label (GTK_MENU_BUTTON (object)) != NULL)
    set_label (GTK_WIDGET (object), gtk_menu_button_get_label (GTK_MENU_BUTTON (object)),
               gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (object)));
  else if (GTK_IS_MENU_BUTTON (object) && ADW_IS_BUTTON_CONTENT (gtk_menu_button_get_child (GTK_MENU_BUTTON (object))))
    {
      AdwButtonContent *content = ADW_BUTTON_CONTENT (gtk_menu_button_get_child (GTK_MENU_BUTTON (object)));

      set_label (GTK_WIDGET (object), adw_button_content_get_label (content),
                 adw_button_content_get_use_underline (content));
    }
  else if (GTK_IS_DROP_DOWN (object))
    mend_drop_down (GTK_DROP_DOWN (object));
  else if (ADW_IS_PREFERENCES_WINDOW (object) || ADW_IS_PASSWORD_ENTRY_ROW (object) ||
           ADW_IS_ABOUT_WINDOW (object) || GTK_IS_SHORTCUTS_WINDOW (object))
    mend_composite (GTK_WIDGET (object));
  else if (GTK_IS_STACK_SWITCHER (object))
    mend_stack_switcher (GTK_STACK_SWITCHER (object));
  else if (GTK_IS_LABEL (object) && GTK_IS_DROP_DOWN (gtk_label_get_mnemonic_widget (GTK_LABEL (object))))
    {
      GtkWidget *drop_down = gtk_label_get_mnemonic_widget (GTK_LABEL (object));

      g_object_set_data (G_OBJECT (drop_down), MNEMONIC_LABEL_KEY, object);
      mend_drop_down (GTK_DROP_DOWN (drop_down));
    }
}

/* A screen reader also finds what this map leaves unmapped, the pages a
 * stack does not show: those are mended with their descendants, the
 * others when their own map comes. */
static void
mend_unmapped (GtkWidget *widget)
{
  mend (G_OBJECT (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mend_unmapped (child);
}

static gboolean
on_map (GSignalInvocationHint *hint,
        guint                  n_values,
        const GValue          *values,
        gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  mend (G_OBJECT (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        mend_unmapped (child);
    }

  return TRUE;
}

/**
 * lotse_accessible_install_fixes:
 *
 * Mends the names above for every widget of the process, from now on. Call
 * once, after gtk_init().
 */
void
lotse_accessible_install_fixes (void)
{
  static gsize installed = 0;

  if (!g_once_init_enter (&installed))
    return;

  /* The signal exists once the class does. */
  g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_map, NULL, NULL);

  g_once_init_leave (&installed, 1);
}
