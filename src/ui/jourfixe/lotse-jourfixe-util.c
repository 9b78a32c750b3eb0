/* lotse-jourfixe-util.c: helpers shared by the Jour fixe widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-jourfixe"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-widget-util.h"

char *
lotse_jourfixe_now (LotseStore *store)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (store);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  return lotse_time_to_stored (now);
}

char *
lotse_jourfixe_format_when (const char *iso8601,
                            GTimeZone  *zone)
{
  g_autoptr(GDateTime) start = lotse_time_parse (iso8601, zone);
  g_autofree char *iso_date = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (start == NULL)
    return NULL;

  iso_date = g_date_time_format (start, "%Y-%m-%d");
  date = lotse_format_date (iso_date);
  time = g_date_time_format (start, "%H:%M");
  /* Translators: the date and time of a meeting in a list, e.g. “08.12.2026, 10:00” */
  return g_strdup_printf (C_("date and time", "%s, %s"), date, time);
}

GListModel *
lotse_jourfixe_enum_model (const char         *table,
                           const char         *field,
                           const char * const *values)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (list, lotse_enum_value_label (table, field, values[i]));

  return G_LIST_MODEL (list);
}

guint
lotse_jourfixe_enum_index (const char * const *values,
                           const char         *value)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

void
lotse_jourfixe_toast (GtkWidget  *widget,
                           const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_debug ("%s", message);
  adw_toast_set_timeout (toast, 5);
  lotse_widget_add_toast (widget, toast);
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
lotse_jourfixe_save_field (GtkWidget    *widget,
                           LotseStore   *store,
                           LotseRecord **record,
                           const char   *field,
                           const char   *value)
{
  g_autoptr(LotseRecord) copy = NULL;

  g_return_val_if_fail (record != NULL && LOTSE_IS_RECORD (*record), FALSE);

  if (g_strcmp0 (lotse_record_get (*record, field), value) == 0)
    return TRUE;

  copy = lotse_record_copy (*record);
  lotse_record_set (copy, field, value);
  if (!lotse_jourfixe_save (widget, store, copy))
    return FALSE;

  g_set_object (record, copy);
  return TRUE;
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
