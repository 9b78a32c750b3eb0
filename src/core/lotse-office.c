/* lotse-office.c: the office's own data, and the times of the office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The office is one row with a well-known id (LOTSE_OFFICE_ID), so that
 * the laptops of an office that each set its zone write the same row and
 * the server merges their changes field by field. Until someone writes
 * it nothing is set and the office is in LOTSE_OFFICE_DEFAULT_TIME_ZONE;
 * a deleted row counts as unset.
 */

#define G_LOG_DOMAIN "lotse-office"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-office.h"
#include "lotse-schema.h"

/**
 * lotse_office_get:
 * @store: a store
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the office's row, or a new record
 *   with its id and nothing set (not stored) when nobody has set it yet;
 *   %NULL with @error set when the database could not be read. Unset
 *   fields are unset: lotse_office_get_time_zone() gives the zone.
 */
LotseRecord *
lotse_office_get (LotseStore  *store,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LotseRecord *office;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  office = lotse_store_get (store, "office", LOTSE_OFFICE_ID, &local_error);
  if (office != NULL)
    return office;

  if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
    {
      office = lotse_record_new_for_table ("office");
      lotse_record_set_id (office, LOTSE_OFFICE_ID);
      return office;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * lotse_office_save:
 * @store: a store
 * @office: the office, as from lotse_office_get() and changed
 * @error: a location for a #GError
 *
 * Writes the office's row: the first time as an insert, a row deleted
 * meanwhile comes back. Like every write it goes to the outbox.
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
lotse_office_save (LotseStore   *store,
                   LotseRecord  *office,
                   GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (LOTSE_IS_RECORD (office), FALSE);
  g_return_val_if_fail (g_strcmp0 (lotse_record_get_table_name (office), "office") == 0, FALSE);

  if (!lotse_store_validate (store, office, error) || !lotse_store_begin (store, error))
    return FALSE;

  if (lotse_store_undelete (store, "office", LOTSE_OFFICE_ID, &local_error))
    {
      if (!lotse_store_update (store, office, error))
        goto failed;
    }
  else if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
    {
      if (!lotse_store_insert (store, office, error))
        goto failed;
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  if (lotse_store_commit (store, error))
    return TRUE;

failed:
  lotse_store_rollback (store);
  return FALSE;
}

/**
 * lotse_office_get_time_zone:
 * @store: a store
 *
 * Returns: (transfer full): the office's zone; Europe/Berlin when it is
 *   unset or cannot be read
 */
GTimeZone *
lotse_office_get_time_zone (LotseStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) office = NULL;
  GTimeZone *zone = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  office = lotse_office_get (store, &error);
  if (office != NULL && lotse_record_get (office, "time_zone") != NULL)
    zone = lotse_time_zone_new (lotse_record_get (office, "time_zone"), &error);
  if (zone == NULL)
    {
      if (error != NULL)
        g_warning ("Using the office zone %s: %s", LOTSE_OFFICE_DEFAULT_TIME_ZONE, error->message);
      g_clear_error (&error);
      zone = lotse_time_zone_new (LOTSE_OFFICE_DEFAULT_TIME_ZONE, &error);
    }

  /* Only without a tz database; times are then at least consistent. */
  return zone != NULL ? zone : g_time_zone_new_utc ();
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * lotse_office_list_time_zones:
 *
 * Returns: (transfer full): the names of the zones an office can be in
 *   (those lotse_time_zone_new() takes), sorted, UTC first
 */
char **
lotse_office_list_time_zones (void)
{
  icalarray *builtin = icaltimezone_get_builtin_timezones ();
  GPtrArray *names = g_ptr_array_new ();

  for (size_t i = 0; i < builtin->num_elements; i++)
    {
      const char *name = icaltimezone_get_location (icalarray_element_at (builtin, i));
      g_autoptr(GTimeZone) zone = NULL;

      /* Only what this machine's tz database has as well. */
      if (name == NULL || g_str_equal (name, "UTC") ||
          (zone = lotse_time_zone_new (name, NULL)) == NULL)
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_insert (names, 0, g_strdup ("UTC"));
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * lotse_time_parse:
 * @stored: (nullable): a date and time as stored, with its offset
 * @zone: the zone to show it in, usually the office's
 *
 * Returns: (transfer full) (nullable): the same moment in @zone, or %NULL
 *   when @stored is unset or unreadable
 */
GDateTime *
lotse_time_parse (const char *stored,
                  GTimeZone  *zone)
{
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (zone != NULL, NULL);

  if (stored == NULL || *stored == '\0')
    return NULL;

  parsed = g_date_time_new_from_iso8601 (stored, NULL);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_timezone (parsed, zone);
}

/**
 * lotse_time_to_stored:
 * @time: a date and time
 *
 * Returns: (transfer full): @time in the store's form, with the offset it
 *   has in its zone, e.g. “2026-12-08T10:00:00+01:00”
 */
char *
lotse_time_to_stored (GDateTime *time)
{
  g_autofree char *rest = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  /* %Y does not pad the year to four digits; the schema's form does. */
  rest = g_date_time_format (time, "-%m-%dT%H:%M:%S%:z");
  return g_strdup_printf ("%04d%s", g_date_time_get_year (time), rest);
}

static gboolean
parse_time_of_day (const char *text,
                   int        *hour,
                   int        *minute)
{
  g_auto(GStrv) parts = NULL;
  guint64 h, m;

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 2 || strlen (parts[0]) < 1 || strlen (parts[0]) > 2 ||
      strlen (parts[1]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &h, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &m, NULL))
    return FALSE;

  *hour = (int) h;
  *minute = (int) m;
  return TRUE;
}

/**
 * lotse_time_new:
 * @zone: the zone of the wall-clock time, usually the office's
 * @date: a date YYYY-MM-DD
 * @time_of_day: hours and minutes like “10:00” or “9:30”
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the moment @date @time_of_day is in
 *   @zone, or %NULL with @error set when either is not readable or the
 *   time does not exist there (the hour skipped when clocks go forward)
 */
GDateTime *
lotse_time_new (GTimeZone   *zone,
                const char  *date,
                const char  *time_of_day,
                GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute;
  char extra;

  g_return_val_if_fail (zone != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  if (strlen (date) != 10 || sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not a date; give it as YYYY-MM-DD"), date);
      return NULL;
    }

  if (!parse_time_of_day (time_of_day, &hour, &minute))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The time must be hours and minutes like 10:00"));
      return NULL;
    }

  time = g_date_time_new (zone, year, month, day, hour, minute, 0);
  if (time == NULL || g_date_time_get_hour (time) != hour || g_date_time_get_minute (time) != minute)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: a date, a time of day and a time zone */
                   _("%s %s does not exist in %s"), date, time_of_day,
                   g_time_zone_get_identifier (zone));
      return NULL;
    }

  return g_steal_pointer (&time);
}
