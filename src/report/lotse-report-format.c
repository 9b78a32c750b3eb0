/* lotse-report-format.c: dates the way the reader's language writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LANGUAGE switches the messages but not LC_TIME, so dates are formatted
 * through translatable format strings and month and weekday names come
 * from the catalogue, never from strftime's locale.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-parse.h"
#include "lotse-report-private.h"

GDate *
lotse_report_parse_gdate (const char *iso_date)
{
  guint y, m, d;

  if (!lotse_parse_iso_date (iso_date, &y, &m, &d))
    return NULL;

  return g_date_new_dmy (d, m, y);
}

gboolean
lotse_report_is_date (const char *text)
{
  g_autoptr(GDate) date = lotse_report_parse_gdate (text);

  return date != NULL;
}

/**
 * lotse_report_parse_date:
 * @text: a date the user gave
 * @error: a location for a #GError
 *
 * Returns: whether @text is a valid date YYYY-MM-DD
 */
gboolean
lotse_report_parse_date (const char  *text,
                         GError     **error)
{
  if (lotse_report_is_date (text))
    return TRUE;

  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
               /* Translators: %s is what the user typed */
               _("“%s” is not a date of the form YYYY-MM-DD"), text != NULL ? text : "");
  return FALSE;
}

char *
lotse_report_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A date YYYY-MM-DD as the reader writes it: 30.11.2026 in German. */
char *
lotse_report_format_date (const char *iso_date)
{
  g_autoptr(GDate) date = lotse_report_parse_gdate (iso_date);
  char buffer[64];

  if (date == NULL)
    return g_strdup (iso_date != NULL ? iso_date : "");

  /* Translators: a date in a report, as strftime() format: 30.11.2026 is “%d.%m.%Y” */
  if (g_date_strftime (buffer, sizeof buffer, _("%Y-%m-%d"), date) == 0)
    return g_strdup (iso_date);

  return g_strdup (buffer);
}

static const char *
weekday_name (GDateWeekday weekday)
{
  static const char * const names[] = {
    NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
  };

  g_assert (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY);

  return _(names[weekday]);
}

static const char *
month_name (int month)
{
  static const char * const names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  g_assert (month >= 1 && month <= 12);

  return _(names[month - 1]);
}

/* The short name of a month on the timeline's axis. */
const char *
lotse_report_month_abbrev (int month)
{
  static const char * const names[] = {
    NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"),
    NC_("month", "May"), NC_("month", "Jun"), NC_("month", "Jul"), NC_("month", "Aug"),
    NC_("month", "Sep"), NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
  };

  g_assert (month >= 1 && month <= 12);

  return g_dpgettext2 (GETTEXT_PACKAGE, "month", names[month - 1]);
}

/* “Tuesday, 24 November 2026”; German “Dienstag, 24. November 2026”. */
char *
lotse_report_format_date_long (GDateTime *datetime)
{
  g_autofree char *day = g_strdup_printf ("%d", g_date_time_get_day_of_month (datetime));
  g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (datetime));
  g_autoptr(GString) text = g_string_new (NULL);
  /* Translators: a long date; %1$s weekday, %2$s day, %3$s month, %4$s year.
   * German: “%1$s, %2$s. %3$s %4$s” */
  const char *format = _("%1$s, %2$s %3$s %4$s");
  const char *values[] = {
    weekday_name (g_date_time_get_day_of_week (datetime)), day,
    month_name (g_date_time_get_month (datetime)), year,
  };

  /* Positional arguments by hand: g_strdup_printf would accept them too,
   * but -Wformat-nonliteral rightly refuses a translated format. */
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] >= '1' && p[1] <= '4' && p[2] == '$' && p[3] == 's')
        {
          g_string_append (text, values[p[1] - '1']);
          p += 3;
        }
      else
        g_string_append_c (text, *p);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* “10:00” */
char *
lotse_report_format_time (GDateTime *datetime)
{
  return g_date_time_format (datetime, "%H:%M");
}
