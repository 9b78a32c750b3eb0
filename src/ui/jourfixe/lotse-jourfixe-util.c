/* lotse-jourfixe-util.c: helpers shared by the Jour fixe widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-jourfixe"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-window.h"

char *
lotse_jourfixe_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
lotse_jourfixe_format_when (const char *iso8601)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;

  parsed = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (parsed == NULL)
    return NULL;

  local = g_date_time_to_local (parsed);

  /* Translators: the date and time of a meeting in a list; %x is the date in
   * the locale's format, %R the time as hours and minutes. See
   * https://docs.gtk.org/glib/method.DateTime.format.html */
  return g_date_time_format (local, _("%x, %R"));
}

void
lotse_jourfixe_toast (GtkWidget  *widget,
                           const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwToast *toast;

  g_debug ("%s", message);
  if (!LOTSE_IS_WINDOW (root))
    {
      g_message ("%s", message);
      return;
    }

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  lotse_window_add_toast (LOTSE_WINDOW (root), toast);
}

gboolean
lotse_jourfixe_save (GtkWidget   *widget,
                     LotseStore  *store,
                     LotseRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (lotse_store_update (store, record, &error))
    return TRUE;

  lotse_jourfixe_toast (widget, error->message);
  return FALSE;
}

gboolean
lotse_jourfixe_insert (GtkWidget   *widget,
                       LotseStore  *store,
                       LotseRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (lotse_store_insert (store, record, &error))
    return TRUE;

  lotse_jourfixe_toast (widget, error->message);
  return FALSE;
}

gboolean
lotse_jourfixe_delete (GtkWidget  *widget,
                       const char *table,
                       const char *id)
{
  GtkWidget *view = gtk_widget_get_ancestor (widget, LOTSE_TYPE_JOURFIXE_VIEW);

  g_return_val_if_fail (view != NULL, FALSE);

  return lotse_jourfixe_view_delete (LOTSE_JOURFIXE_VIEW (view), table, id);
}
