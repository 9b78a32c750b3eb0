/* lotse-meeting.c: meeting series recurrence and “prepare next meeting”
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preparing the next jour fixe builds its draft agenda from the series’
 * history, in this order (positions 1, 2, 3 … without gaps):
 *
 *  1. the series’ standing items that open the meeting;
 *  2. “Open action items”: one item whose notes list every open action item
 *     of the series (title, owner, due date), so they are reviewed together;
 *  3. one item per project of the series whose health changed since the
 *     last held meeting (status reports dated after it, up to the meeting’s
 *     day, that differ from the report before them), titled with the
 *     sequence of healths;
 *  4. one item per milestone of a project of the series that is neither
 *     done nor cancelled and due before the meeting after this one (overdue
 *     ones are marked so);
 *  5. every agenda item of the last held meeting that is not done, carried
 *     over with carried_from_id pointing to the item it was copied from, so
 *     an item carried several times forms a chain back to its original;
 *  6. the standing items that close the meeting.
 *
 * The projects of a series are those that an agenda item (directly or
 * through its milestone), a decision or an action item of one of its
 * meetings refers to: a jour fixe hears about the projects it deals with,
 * not about every project of the office.
 *
 * standing_items holds one title per line. When a blank line separates
 * them, the lines before it open the meeting and those after it close it;
 * otherwise the last of two or more lines closes it (“Verschiedenes”).
 *
 * Nothing appears twice: items of the last meeting that are recreated anyway
 * (standing items, the open action items) are not carried; two items carried
 * from the same original are carried once; a milestone already on a carried
 * item gets no item of its own.
 */

#define G_LOG_DOMAIN "lotse-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-collate-private.h"
#include "lotse-error.h"
#include "lotse-health-private.h"
#include "lotse-meeting.h"
#include "lotse-office.h"
#include "lotse-parse.h"
#include "lotse-store-private.h"

#define MAX_PERIODS            1200  /* 100 years of months, 23 years of weeks */
#define MAX_CATCH_UP           10000
#define DEFAULT_HOUR           10
#define DEFAULT_DURATION_MIN   60
#define HORIZON_DAYS_NO_RULE   28
#define MAX_LISTED_ACTIONS     200
#define MAX_BYDAY              16

/* --- recurrence ---------------------------------------------------------- */

typedef enum
{
  FREQ_WEEKLY = 1,
  FREQ_MONTHLY,
} Freq;

typedef struct
{
  gint8  ordinal;   /* 0 = every such weekday; 1…5 or -1…-5 in MONTHLY */
  guint8 weekday;   /* GDateWeekday, Monday = 1 */
} ByDay;

typedef struct
{
  Freq   freq;
  guint  interval;
  ByDay  byday[MAX_BYDAY];
  guint  n_byday;
  gint8  bymonthday[31];
  guint  n_bymonthday;
  int    hour;      /* -1 when not given */
  int    minute;
  char  *tzid;
} Rule;

static const char * const weekday_codes[] = { NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static void
rule_clear (Rule *rule)
{
  g_clear_pointer (&rule->tzid, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rule, rule_clear)

static gboolean
recurrence_error (GError     **error,
                  const char  *recurrence,
                  const char  *problem)
{
  /* Translators: the first %s is a recurrence like FREQ=WEEKLY;BYDAY=TU,
   * the second what is wrong with it */
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("Recurrence “%s”: %s"),
               recurrence, problem);
  return FALSE;
}

static guint8
parse_weekday_code (const char *code)
{
  for (guint i = 1; i < G_N_ELEMENTS (weekday_codes); i++)
    {
      if (g_ascii_strcasecmp (code, weekday_codes[i]) == 0)
        return (guint8) i;
    }

  return 0;
}

static gboolean
parse_byday (const char  *recurrence,
             const char  *value,
             Rule        *rule,
             GError     **error)
{
  g_auto(GStrv) tokens = g_strsplit (value, ",", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];
      gsize length = strlen (token);
      gint64 ordinal = 0;
      guint8 weekday;

      if (length < 2)
        goto bad;

      weekday = parse_weekday_code (token + length - 2);
      if (weekday == 0)
        goto bad;

      if (length > 2)
        {
          g_autofree char *number = g_strndup (token, length - 2);

          if (!g_ascii_string_to_signed (number, 10, -5, 5, &ordinal, NULL) || ordinal == 0)
            goto bad;
        }

      if (rule->n_byday == MAX_BYDAY)
        return recurrence_error (error, recurrence, _("BYDAY lists too many days"));

      rule->byday[rule->n_byday].ordinal = (gint8) ordinal;
      rule->byday[rule->n_byday].weekday = weekday;
      rule->n_byday++;
      continue;

    bad:
      {
        g_autofree char *problem =
          /* Translators: %s is a part of a recurrence; keep the codes as they are */
          g_strdup_printf (_("“%s” is not a day like TU, 1WE or -1FR"), token);

        return recurrence_error (error, recurrence, problem);
      }
    }

  return TRUE;
}

static gboolean
parse_bymonthday (const char  *recurrence,
                  const char  *value,
                  Rule        *rule,
                  GError     **error)
{
  g_auto(GStrv) tokens = g_strsplit (value, ",", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gint64 day;

      if (!g_ascii_string_to_signed (tokens[i], 10, -31, 31, &day, NULL) || day == 0 ||
          rule->n_bymonthday == G_N_ELEMENTS (rule->bymonthday))
        {
          g_autofree char *problem =
            /* Translators: %s is a part of a recurrence */
            g_strdup_printf (_("“%s” is not a day of the month (1 to 31, or -1 for the last)"),
                             tokens[i]);

          return recurrence_error (error, recurrence, problem);
        }

      rule->bymonthday[rule->n_bymonthday++] = (gint8) day;
    }

  return TRUE;
}

static gboolean
parse_number_part (const char  *recurrence,
                   const char  *name,
                   const char  *value,
                   gint64       min,
                   gint64       max,
                   int         *out,
                   GError     **error)
{
  gint64 number;

  if (!g_ascii_string_to_signed (value, 10, min, max, &number, NULL))
    {
      g_autofree char *problem =
        /* Translators: %s is a part name like INTERVAL; the numbers are its limits */
        g_strdup_printf (_("%s must be a number from %d to %d"), name, (int) min, (int) max);

      return recurrence_error (error, recurrence, problem);
    }

  *out = (int) number;
  return TRUE;
}

enum
{
  SEEN_FREQ = 1 << 0,
  SEEN_INTERVAL = 1 << 1,
  SEEN_BYDAY = 1 << 2,
  SEEN_BYMONTHDAY = 1 << 3,
  SEEN_BYHOUR = 1 << 4,
  SEEN_BYMINUTE = 1 << 5,
  SEEN_TZID = 1 << 6,
};

static gboolean
parse_part (const char  *recurrence,
            const char  *name,
            const char  *value,
            Rule        *rule,
            guint       *seen,
            GError     **error)
{
  static const struct { const char *name; guint bit; } parts[] = {
    { "FREQ", SEEN_FREQ }, { "INTERVAL", SEEN_INTERVAL }, { "BYDAY", SEEN_BYDAY },
    { "BYMONTHDAY", SEEN_BYMONTHDAY }, { "BYHOUR", SEEN_BYHOUR },
    { "BYMINUTE", SEEN_BYMINUTE }, { "TZID", SEEN_TZID },
  };
  guint bit = 0;
  int number = 0;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (g_ascii_strcasecmp (name, parts[i].name) == 0)
        bit = parts[i].bit;
    }

  if (bit == 0)
    {
      g_autofree char *problem =
        /* Translators: %s is a part name of a recurrence; keep the list of names as it is */
        g_strdup_printf (_("“%s” is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, "
                           "BYHOUR, BYMINUTE and TZID"),
                         name);

      return recurrence_error (error, recurrence, problem);
    }

  if (*seen & bit)
    {
      /* Translators: %s is a part name of a recurrence like BYDAY */
      g_autofree char *problem = g_strdup_printf (_("%s is given twice"), name);

      return recurrence_error (error, recurrence, problem);
    }
  *seen |= bit;

  if (*value == '\0')
    {
      /* Translators: %s is a part name of a recurrence like BYDAY */
      g_autofree char *problem = g_strdup_printf (_("%s has no value"), name);

      return recurrence_error (error, recurrence, problem);
    }

  switch (bit)
    {
    case SEEN_FREQ:
      if (g_ascii_strcasecmp (value, "WEEKLY") == 0)
        rule->freq = FREQ_WEEKLY;
      else if (g_ascii_strcasecmp (value, "MONTHLY") == 0)
        rule->freq = FREQ_MONTHLY;
      else
        return recurrence_error (error, recurrence,
                                 _("FREQ must be WEEKLY or MONTHLY"));
      return TRUE;

    case SEEN_INTERVAL:
      if (!parse_number_part (recurrence, "INTERVAL", value, 1, 99, &number, error))
        return FALSE;
      rule->interval = (guint) number;
      return TRUE;

    case SEEN_BYDAY:
      return parse_byday (recurrence, value, rule, error);

    case SEEN_BYMONTHDAY:
      return parse_bymonthday (recurrence, value, rule, error);

    case SEEN_BYHOUR:
      return parse_number_part (recurrence, "BYHOUR", value, 0, 23, &rule->hour, error);

    case SEEN_BYMINUTE:
      return parse_number_part (recurrence, "BYMINUTE", value, 0, 59, &rule->minute, error);

    case SEEN_TZID:
      {
        g_autoptr(GError) zone_error = NULL;
        g_autoptr(GTimeZone) zone = lotse_time_zone_new (value, &zone_error);

        if (zone == NULL)
          return recurrence_error (error, recurrence, zone_error->message);
        rule->tzid = g_strdup (value);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
rule_parse (const char  *recurrence,
            Rule        *rule,
            GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  const char *rest;
  guint seen = 0;

  memset (rule, 0, sizeof *rule);
  rule->interval = 1;
  rule->hour = -1;
  rule->minute = -1;

  if (recurrence == NULL)
    recurrence = "";

  text = g_strstrip (g_strdup (recurrence));
  rest = text;
  if (g_ascii_strncasecmp (rest, "RRULE:", 6) == 0)
    rest += 6;

  if (*rest == '\0')
    return recurrence_error (error, recurrence, _("it is empty"));

  parts = g_strsplit (rest, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      const char *equals;
      g_autofree char *name = NULL;

      /* A trailing “;” is harmless. */
      if (*part == '\0' && parts[i + 1] == NULL)
        continue;

      equals = strchr (part, '=');
      if (equals == NULL || equals == part)
        {
          g_autofree char *problem =
            /* Translators: %s is a part of a recurrence */
            g_strdup_printf (_("“%s” is not of the form NAME=VALUE"), part);

          return recurrence_error (error, recurrence, problem);
        }

      name = g_strndup (part, (gsize) (equals - part));
      if (!parse_part (recurrence, g_strstrip (name), equals + 1, rule, &seen, error))
        return FALSE;
    }

  if (!(seen & SEEN_FREQ))
    return recurrence_error (error, recurrence, _("FREQ=WEEKLY or FREQ=MONTHLY is missing"));

  if (rule->freq == FREQ_WEEKLY)
    {
      if (rule->n_bymonthday > 0)
        return recurrence_error (error, recurrence,
                                 _("BYMONTHDAY needs FREQ=MONTHLY"));
      for (guint i = 0; i < rule->n_byday; i++)
        {
          if (rule->byday[i].ordinal != 0)
            return recurrence_error (error, recurrence,
                                     _("a numbered day like 1WE needs FREQ=MONTHLY"));
        }
    }

  if ((seen & SEEN_BYMINUTE) && !(seen & SEEN_BYHOUR))
    return recurrence_error (error, recurrence, _("BYMINUTE needs BYHOUR"));
  if ((seen & SEEN_BYHOUR) && !(seen & SEEN_BYMINUTE))
    rule->minute = 0;

  return TRUE;
}

/* The series' TZID, else @office_zone: a series without TZID meets at
 * the wall-clock times of the office, not of the laptop that reads it. */
static GTimeZone *
rule_get_timezone (const Rule *rule,
                   GTimeZone  *office_zone)
{
  GTimeZone *zone = NULL;

  if (rule != NULL && rule->tzid != NULL)
    zone = lotse_time_zone_new (rule->tzid, NULL);

  return zone != NULL ? zone : g_time_zone_ref (office_zone);
}

/* Marks in @days (index 1…31) the days of @month that the rule picks. */
static void
monthly_candidates (const Rule   *rule,
                    GDateYear     year,
                    GDateMonth    month,
                    GDateDay      default_day,
                    gboolean      days[32])
{
  guint8 n_days = g_date_get_days_in_month (month, year);
  gboolean by_monthday[32] = { FALSE, };
  gboolean by_weekday[32] = { FALSE, };
  g_autoptr(GDate) first = g_date_new_dmy (1, month, year);
  GDateWeekday first_weekday = g_date_get_weekday (first);

  for (guint i = 0; i < rule->n_bymonthday; i++)
    {
      int day = rule->bymonthday[i] > 0 ? rule->bymonthday[i] : n_days + 1 + rule->bymonthday[i];

      if (day >= 1 && day <= n_days)
        by_monthday[day] = TRUE;
    }

  for (guint i = 0; i < rule->n_byday; i++)
    {
      const ByDay *by = &rule->byday[i];
      int first_day = 1 + ((int) by->weekday - (int) first_weekday + 7) % 7;
      int last_day = first_day + 7 * ((n_days - first_day) / 7);

      if (by->ordinal == 0)
        {
          for (int day = first_day; day <= n_days; day += 7)
            by_weekday[day] = TRUE;
        }
      else
        {
          int day = by->ordinal > 0 ? first_day + 7 * (by->ordinal - 1)
                                    : last_day + 7 * (by->ordinal + 1);

          if (day >= 1 && day <= n_days)
            by_weekday[day] = TRUE;
        }
    }

  for (int day = 1; day <= 31; day++)
    {
      if (day > n_days)
        days[day] = FALSE;
      else if (rule->n_byday > 0 && rule->n_bymonthday > 0)
        days[day] = by_weekday[day] && by_monthday[day];
      else if (rule->n_byday > 0)
        days[day] = by_weekday[day];
      else if (rule->n_bymonthday > 0)
        days[day] = by_monthday[day];
      else
        days[day] = day == default_day;
    }
}

/* The first occurrence after @after at @hour:@minute in @zone. INTERVAL
 * counts from the week or month of @after; @interval overrides it. */
static GDateTime *
rule_next (const Rule *rule,
           GTimeZone  *zone,
           GDateTime  *after,
           guint       interval,
           int         hour,
           int         minute)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (after, zone);
  g_autoptr(GDate) date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (local),
                                          (GDateMonth) g_date_time_get_month (local),
                                          (GDateYear) g_date_time_get_year (local));
  guint32 after_julian = g_date_get_julian (date);

  for (guint period = 0; period < MAX_PERIODS; period++)
    {
      if (rule->freq == FREQ_WEEKLY)
        {
          guint32 monday = after_julian - (g_date_get_weekday (date) - 1) + 7 * interval * period;
          gboolean weekdays[8] = { FALSE, };

          if (rule->n_byday == 0)
            weekdays[g_date_get_weekday (date)] = TRUE;
          for (guint i = 0; i < rule->n_byday; i++)
            weekdays[rule->byday[i].weekday] = TRUE;

          for (guint weekday = 1; weekday <= 7; weekday++)
            {
              g_autoptr(GDate) day = NULL;
              g_autoptr(GDateTime) candidate = NULL;

              if (!weekdays[weekday] || monday + weekday - 1 < after_julian ||
                  !g_date_valid_julian (monday + weekday - 1))
                continue;

              day = g_date_new_julian (monday + weekday - 1);
              if (g_date_get_year (day) > 9999)
                return NULL;
              candidate = g_date_time_new (zone, g_date_get_year (day), g_date_get_month (day),
                                           g_date_get_day (day), hour, minute, 0);
              if (candidate != NULL && g_date_time_compare (candidate, after) > 0)
                return g_steal_pointer (&candidate);
            }
        }
      else
        {
          guint index = (guint) (g_date_get_month (date) - 1) + interval * period;
          GDateYear year = (GDateYear) (g_date_get_year (date) + index / 12);
          GDateMonth month = (GDateMonth) (index % 12 + 1);
          gboolean days[32];

          if (year > 9999)
            return NULL;

          monthly_candidates (rule, year, month, g_date_get_day (date), days);
          for (int day = 1; day <= 31; day++)
            {
              g_autoptr(GDateTime) candidate = NULL;

              if (!days[day])
                continue;

              candidate = g_date_time_new (zone, year, month, day, hour, minute, 0);
              if (candidate != NULL && g_date_time_compare (candidate, after) > 0)
                return g_steal_pointer (&candidate);
            }
        }
    }

  return NULL;
}

/**
 * lotse_recurrence_validate:
 * @recurrence: a recurrence as stored in meeting_series.recurrence
 * @error: a location for a #GError
 *
 * Checks @recurrence against the subset described in lotse-meeting.h.
 *
 * Returns: %TRUE when it is valid; otherwise %FALSE with a message that
 *   says what is wrong
 */
gboolean
lotse_recurrence_validate (const char  *recurrence,
                           GError     **error)
{
  g_auto(Rule) rule = { 0, };

  return rule_parse (recurrence, &rule, error);
}

/**
 * lotse_recurrence_get_timezone:
 * @recurrence: (nullable): a recurrence
 * @office_zone: the office's zone
 *
 * Returns: (transfer full): the zone of the series’ meetings: its TZID, or
 *   @office_zone when it has none or is invalid
 */
GTimeZone *
lotse_recurrence_get_timezone (const char *recurrence,
                               GTimeZone  *office_zone)
{
  g_auto(Rule) rule = { 0, };

  g_return_val_if_fail (office_zone != NULL, NULL);

  if (recurrence == NULL || !rule_parse (recurrence, &rule, NULL))
    return g_time_zone_ref (office_zone);

  return rule_get_timezone (&rule, office_zone);
}

/**
 * lotse_recurrence_to_rrule:
 * @recurrence: a recurrence
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the standard RRULE value of
 *   @recurrence (no TZID, canonical order and case), e.g.
 *   “FREQ=WEEKLY;INTERVAL=2;BYDAY=TU”
 */
char *
lotse_recurrence_to_rrule (const char  *recurrence,
                           GError     **error)
{
  g_auto(Rule) rule = { 0, };
  GString *out;

  if (!rule_parse (recurrence, &rule, error))
    return NULL;

  out = g_string_new (rule.freq == FREQ_WEEKLY ? "FREQ=WEEKLY" : "FREQ=MONTHLY");
  if (rule.interval != 1)
    g_string_append_printf (out, ";INTERVAL=%u", rule.interval);
  for (guint i = 0; i < rule.n_byday; i++)
    {
      g_string_append (out, i == 0 ? ";BYDAY=" : ",");
      if (rule.byday[i].ordinal != 0)
        g_string_append_printf (out, "%d", rule.byday[i].ordinal);
      g_string_append (out, weekday_codes[rule.byday[i].weekday]);
    }
  for (guint i = 0; i < rule.n_bymonthday; i++)
    g_string_append_printf (out, "%s%d", i == 0 ? ";BYMONTHDAY=" : ",", rule.bymonthday[i]);

  return g_string_free (out, FALSE);
}

static const char *
weekday_name (guint weekday)
{
  static const char * const names[] = {
    NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };

  return _(names[weekday]);
}

/* A monthly day as a phrase with its preposition, so that translations
 * can choose the case. */
static char *
describe_ordinal_day (const ByDay *by)
{
  const char *day = weekday_name (by->weekday);

  switch (by->ordinal)
    {
    /* Translators: %s is a weekday, as in “Every month on the first Wednesday” */
    case 1: return g_strdup_printf (_("on the first %s"), day);
    /* Translators: %s is a weekday */
    case 2: return g_strdup_printf (_("on the second %s"), day);
    /* Translators: %s is a weekday */
    case 3: return g_strdup_printf (_("on the third %s"), day);
    /* Translators: %s is a weekday */
    case 4: return g_strdup_printf (_("on the fourth %s"), day);
    /* Translators: %s is a weekday */
    case 5: return g_strdup_printf (_("on the fifth %s"), day);
    /* Translators: %s is a weekday */
    case -1: return g_strdup_printf (_("on the last %s"), day);
    /* Translators: %s is a weekday */
    case -2: return g_strdup_printf (_("on the second to last %s"), day);
    /* Translators: %s is a weekday, as in “Every month on every Tuesday” */
    case 0: return g_strdup_printf (_("on every %s"), day);
    default:
      /* Translators: %d counts back from the end of the month, %s is a weekday */
      return g_strdup_printf (_("on the %d. %s from the end"), -by->ordinal, day);
    }
}

/**
 * lotse_recurrence_describe:
 * @recurrence: (nullable): a recurrence
 *
 * Returns: (transfer full) (nullable): the recurrence in words for the UI,
 *   like “Every 2 weeks on Tuesday”, or %NULL when it is empty or invalid
 */
char *
lotse_recurrence_describe (const char *recurrence)
{
  g_auto(Rule) rule = { 0, };
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *period = NULL;
  g_autofree char *days = NULL;

  if (recurrence == NULL || !rule_parse (recurrence, &rule, NULL))
    return NULL;

  if (rule.freq == FREQ_WEEKLY)
    period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every week", "Every %u weeks",
                                           rule.interval),
                              rule.interval);
  else
    period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every month", "Every %u months",
                                           rule.interval),
                              rule.interval);
  g_ptr_array_add (phrases, g_steal_pointer (&period));

  if (rule.freq == FREQ_WEEKLY && rule.n_byday > 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; i < rule.n_byday; i++)
        g_ptr_array_add (names, (gpointer) weekday_name (rule.byday[i].weekday));
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      /* Translators: %s is one or more weekdays, as in “Every week on Monday, Thursday” */
      g_ptr_array_add (phrases, g_strdup_printf (_("on %s"), list));
    }
  else
    {
      for (guint i = 0; i < rule.n_byday; i++)
        g_ptr_array_add (phrases, describe_ordinal_day (&rule.byday[i]));
    }

  for (guint i = 0; i < rule.n_bymonthday; i++)
    {
      if (rule.bymonthday[i] == -1)
        g_ptr_array_add (phrases, g_strdup (_("on the last day")));
      else if (rule.bymonthday[i] > 0)
        /* Translators: a day of the month, as in “Every month on the 15.” */
        g_ptr_array_add (phrases, g_strdup_printf (_("on the %d."), rule.bymonthday[i]));
      else
        /* Translators: %d counts back from the end of the month */
        g_ptr_array_add (phrases, g_strdup_printf (_("on the %d. day from the end"),
                                                   -rule.bymonthday[i]));
    }

  g_ptr_array_add (phrases, NULL);
  days = g_strjoinv (" ", (char **) phrases->pdata);
  return g_steal_pointer (&days);
}

/**
 * lotse_meeting_series_next_occurrence:
 * @series: a meeting_series record
 * @office_zone: the office's zone, that of a series without TZID
 * @after: a time; converted to the series’ zone
 * @error: a location for a #GError
 *
 * Computes the next occurrence strictly after @after. Its time of day is
 * the recurrence’s BYHOUR/BYMINUTE, else that of @after in the series’
 * zone; INTERVAL counts from the week or month of @after.
 *
 * Returns: (transfer full) (nullable): the occurrence in the series’ zone,
 *   or %NULL with @error set when the series has no valid recurrence or no
 *   further occurrence
 */
GDateTime *
lotse_meeting_series_next_occurrence (LotseRecord  *series,
                                      GTimeZone    *office_zone,
                                      GDateTime    *after,
                                      GError      **error)
{
  g_auto(Rule) rule = { 0, };
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  const char *recurrence;
  GDateTime *next;

  g_return_val_if_fail (LOTSE_IS_RECORD (series), NULL);
  g_return_val_if_fail (g_strcmp0 (lotse_record_get_table_name (series), "meeting_series") == 0,
                        NULL);
  g_return_val_if_fail (office_zone != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  recurrence = lotse_record_get (series, "recurrence");
  if (recurrence == NULL || *recurrence == '\0')
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The meeting series “%s” has no recurrence"),
                   lotse_record_get_title (series));
      return NULL;
    }

  if (!rule_parse (recurrence, &rule, error))
    return NULL;

  zone = rule_get_timezone (&rule, office_zone);
  local = g_date_time_to_timezone (after, zone);
  next = rule_next (&rule, zone, after, rule.interval,
                    rule.hour >= 0 ? rule.hour : g_date_time_get_hour (local),
                    rule.hour >= 0 ? rule.minute : g_date_time_get_minute (local));
  if (next == NULL)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                 _("The recurrence “%s” has no further date"), recurrence);

  return next;
}

/* --- reading ------------------------------------------------------------- */

static gboolean
db_error (GError     **error,
          sqlite3     *db,
          const char  *what)
{
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE, _("Database error: %s"),
               sqlite3_errmsg (db));
  g_debug ("SQLite error while %s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

/* “a.id, a.rev, …, a.<field>…” for a table in schema order. */
static void
append_columns (GString          *sql,
                const LotseTable *table,
                const char       *alias)
{
  g_string_append_printf (sql, "%s.id, %s.rev, %s.created_at, %s.updated_at, %s.deleted",
                          alias, alias, alias, alias, alias);
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", %s.%s", alias, table->fields[i].name);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/**
 * lotse_meeting_list_agenda:
 * @store: a store
 * @meeting_id: a meeting’s id
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   meeting’s agenda items by position
 */
GPtrArray *
lotse_meeting_list_agenda (LotseStore  *store,
                           const char  *meeting_id,
                           GError     **error)
{
  LotseFilter filter = { "meeting_id", meeting_id };

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return lotse_store_list (store, "agenda_item", &filter, 1, "position", 0, 0, error);
}

/**
 * lotse_meeting_list_participants:
 * @store: a store
 * @meeting_id: a meeting’s id
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type LotseRecord) (nullable): the
 *   meeting’s participant rows
 */
GPtrArray *
lotse_meeting_list_participants (LotseStore  *store,
                                 const char  *meeting_id,
                                 GError     **error)
{
  LotseFilter filter = { "meeting_id", meeting_id };

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  return lotse_store_list (store, "meeting_participant", &filter, 1, "created_at", 0, 0, error);
}

/**
 * lotse_meeting_agenda_start_times:
 * @meeting: a meeting record
 * @agenda: (element-type LotseRecord): its agenda items in order
 * @zone: the zone to give the times in, the office's
 *
 * Computes when each agenda item starts: the meeting’s start plus the
 * durations of the items before it (an item without duration takes none).
 *
 * Returns: (transfer container) (element-type GDateTime) (nullable): one
 *   start per item, in @zone, or %NULL when the meeting has no start
 */
GPtrArray *
lotse_meeting_agenda_start_times (LotseRecord *meeting,
                                  GPtrArray   *agenda,
                                  GTimeZone   *zone)
{
  g_autoptr(GDateTime) start = NULL;
  GPtrArray *times;
  gint64 minutes = 0;

  g_return_val_if_fail (LOTSE_IS_RECORD (meeting), NULL);
  g_return_val_if_fail (agenda != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  start = lotse_time_parse (lotse_record_get (meeting, "starts_at"), zone);
  if (start == NULL)
    return NULL;

  times = g_ptr_array_new_full (agenda->len, (GDestroyNotify) g_date_time_unref);
  for (guint i = 0; i < agenda->len; i++)
    {
      g_ptr_array_add (times, g_date_time_add_minutes (start, (int) minutes));
      minutes += MAX (0, lotse_record_get_int (g_ptr_array_index (agenda, i), "duration_min", 0));
    }

  return times;
}

static char *
local_date (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d");
}

/**
 * lotse_meeting_get_date:
 * @meeting: a meeting record
 * @zone: the office's zone
 *
 * Returns: (transfer full) (nullable): the day the meeting is on in @zone,
 *   YYYY-MM-DD, or %NULL when it has no start
 */
char *
lotse_meeting_get_date (LotseRecord *meeting,
                        GTimeZone   *zone)
{
  g_autoptr(GDateTime) start = NULL;

  g_return_val_if_fail (LOTSE_IS_RECORD (meeting), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  start = lotse_time_parse (lotse_record_get (meeting, "starts_at"), zone);
  return start != NULL ? local_date (start) : NULL;
}

/**
 * lotse_meeting_format_title:
 * @meeting: a meeting record
 * @series_title: (nullable): the title of the meeting's series
 * @zone: the zone to give the date in, the office's
 *
 * A prepared meeting is stored under its series' title, without a date;
 * it is shown with its date in the reader's locale, e.g. “Jour fixe on
 * 08.12.2026”. A title someone gave the meeting is shown as it is.
 *
 * Returns: (transfer full): the title to show
 */
char *
lotse_meeting_format_title (LotseRecord *meeting,
                            const char  *series_title,
                            GTimeZone   *zone)
{
  const char *title;
  g_autofree char *date = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (LOTSE_IS_RECORD (meeting), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  title = lotse_record_get (meeting, "title");
  date = lotse_meeting_get_date (meeting, zone);
  if (date == NULL || series_title == NULL || g_strcmp0 (title, series_title) != 0)
    return g_strdup (title != NULL ? title : "");

  day = lotse_format_date (date);
  /* Translators: the title of a prepared meeting: the series’ title and the date */
  return g_strdup_printf (C_("meeting title", "%s on %s"), title, day);
}

/* --- preparing ----------------------------------------------------------- */

typedef struct
{
  LotseRecord *record;
  GDateTime   *start;   /* in the series’ zone (see choose_zone()) */
} SeriesMeeting;

static void
series_meeting_free (SeriesMeeting *meeting)
{
  g_clear_object (&meeting->record);
  g_clear_pointer (&meeting->start, g_date_time_unref);
  g_free (meeting);
}

typedef struct
{
  LotseStore   *store;
  LotseRecord  *series;
  Rule          rule;
  gboolean      has_rule;
  GTimeZone    *zone;
  GDateTime    *now;
  GPtrArray    *meetings;        /* SeriesMeeting, by start; those without start left out */

  SeriesMeeting *target;         /* an existing meeting to fill, or NULL */
  GDateTime     *start;          /* of the meeting to prepare */
  char          *date;           /* its local date, YYYY-MM-DD */
  SeriesMeeting *last_held;      /* the last held meeting before it */
  SeriesMeeting *previous;       /* the last meeting before it not cancelled */
  char          *horizon;        /* milestones due before this date are listed */

  GPtrArray    *agenda;          /* new agenda items, in order */
  GHashTable   *carried_milestones;
} Prep;

static void
prep_clear (Prep *prep)
{
  g_clear_object (&prep->series);
  rule_clear (&prep->rule);
  g_clear_pointer (&prep->zone, g_time_zone_unref);
  g_clear_pointer (&prep->now, g_date_time_unref);
  g_clear_pointer (&prep->meetings, g_ptr_array_unref);
  g_clear_pointer (&prep->start, g_date_time_unref);
  g_clear_pointer (&prep->date, g_free);
  g_clear_pointer (&prep->horizon, g_free);
  g_clear_pointer (&prep->agenda, g_ptr_array_unref);
  g_clear_pointer (&prep->carried_milestones, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Prep, prep_clear)

static int
compare_series_meetings (gconstpointer a,
                         gconstpointer b)
{
  const SeriesMeeting *ma = *(SeriesMeeting * const *) a;
  const SeriesMeeting *mb = *(SeriesMeeting * const *) b;

  return g_date_time_compare (ma->start, mb->start);
}

static gboolean
load_series_meetings (Prep    *prep,
                      GError **error)
{
  LotseFilter filter = { "series_id", lotse_record_get_id (prep->series) };
  g_autoptr(GPtrArray) rows = NULL;

  rows = lotse_store_list (prep->store, "meeting", &filter, 1, "starts_at", 0, 0, error);
  if (rows == NULL)
    return FALSE;

  prep->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) series_meeting_free);
  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (rows, i);
      const char *starts_at = lotse_record_get (record, "starts_at");
      g_autoptr(GDateTime) start = NULL;
      SeriesMeeting *meeting;

      if (starts_at == NULL || (start = g_date_time_new_from_iso8601 (starts_at, NULL)) == NULL)
        continue;

      meeting = g_new0 (SeriesMeeting, 1);
      meeting->record = g_object_ref (record);
      meeting->start = g_steal_pointer (&start);
      g_ptr_array_add (prep->meetings, meeting);
    }

  /* starts_at sorts as text, which is not time order across offsets. */
  g_ptr_array_sort (prep->meetings, compare_series_meetings);

  return TRUE;
}

/* The zone of the series’ wall-clock times: its TZID, else the office's,
 * whatever the zone of this machine. */
static void
choose_zone (Prep *prep)
{
  GPtrArray *meetings = prep->meetings;
  g_autoptr(GTimeZone) office_zone = lotse_office_get_time_zone (prep->store);

  prep->zone = rule_get_timezone (prep->has_rule ? &prep->rule : NULL, office_zone);

  for (guint i = 0; i < meetings->len; i++)
    {
      SeriesMeeting *meeting = g_ptr_array_index (meetings, i);
      GDateTime *start = g_date_time_to_timezone (meeting->start, prep->zone);

      g_date_time_unref (meeting->start);
      meeting->start = start;
    }
}

static SeriesMeeting *
last_meeting (Prep *prep)
{
  return prep->meetings->len > 0 ? g_ptr_array_index (prep->meetings, prep->meetings->len - 1)
                                 : NULL;
}

static gboolean
meeting_has_status (SeriesMeeting *meeting,
                    const char    *status)
{
  return g_strcmp0 (lotse_record_get (meeting->record, "status"), status) == 0;
}

static gboolean
meeting_is_pending (SeriesMeeting *meeting)
{
  return meeting_has_status (meeting, "draft") || meeting_has_status (meeting, "planned");
}

/* A strict YYYY-MM-DD that is a real date. */
static gboolean
parse_date (const char *text,
            int        *year,
            int        *month,
            int        *day)
{
  gint64 y, m, d;
  g_autofree char *year_text = NULL;
  g_autofree char *month_text = NULL;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year_text = g_strndup (text, 4);
  month_text = g_strndup (text + 5, 2);
  if (!g_ascii_string_to_signed (year_text, 10, 1, 9999, &y, NULL) ||
      !g_ascii_string_to_signed (month_text, 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_signed (text + 8, 10, 1, 31, &d, NULL) ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  *year = (int) y;
  *month = (int) m;
  *day = (int) d;
  return TRUE;
}

/* The time of day of new meetings: BYHOUR/BYMINUTE, else the last meeting’s. */
static void
meeting_time_of_day (Prep *prep,
                     int  *hour,
                     int  *minute)
{
  SeriesMeeting *last = last_meeting (prep);

  if (prep->has_rule && prep->rule.hour >= 0)
    {
      *hour = prep->rule.hour;
      *minute = prep->rule.minute;
    }
  else if (last != NULL)
    {
      *hour = g_date_time_get_hour (last->start);
      *minute = g_date_time_get_minute (last->start);
    }
  else
    {
      *hour = DEFAULT_HOUR;
      *minute = 0;
    }
}

/* The series’ meeting on @date; one not yet held comes first. */
static SeriesMeeting *
find_meeting_on (Prep       *prep,
                 const char *date)
{
  SeriesMeeting *found = NULL;

  for (guint i = 0; i < prep->meetings->len; i++)
    {
      SeriesMeeting *meeting = g_ptr_array_index (prep->meetings, i);
      g_autofree char *day = local_date (meeting->start);

      if (strcmp (day, date) != 0)
        continue;
      if (meeting_is_pending (meeting))
        return meeting;
      if (found == NULL)
        found = meeting;
    }

  return found;
}

static gboolean
choose_given_date (Prep        *prep,
                   const char  *date,
                   GError     **error)
{
  SeriesMeeting *last = last_meeting (prep);
  SeriesMeeting *existing;
  int year, month, day, hour, minute;

  if (!parse_date (date, &year, &month, &day))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not a date; give it as YYYY-MM-DD"), date);
      return FALSE;
    }

  existing = find_meeting_on (prep, date);
  if (existing != NULL && !meeting_is_pending (existing))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   meeting_has_status (existing, "held")
                     ? _("The series already held its meeting “%s” on %s")
                     : _("The series’ meeting “%s” on %s was cancelled"),
                   lotse_record_get_title (existing->record), date);
      return FALSE;
    }

  if (existing == NULL && last != NULL)
    {
      g_autofree char *last_date = local_date (last->start);

      if (strcmp (date, last_date) < 0)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       _("%s is before the series’ last meeting on %s"), date, last_date);
          return FALSE;
        }
    }

  if (existing != NULL)
    {
      prep->target = existing;
      prep->start = g_date_time_ref (existing->start);
    }
  else
    {
      meeting_time_of_day (prep, &hour, &minute);
      prep->start = g_date_time_new (prep->zone, year, month, day, hour, minute, 0);
    }

  return prep->start != NULL;
}

static gboolean
choose_next_date (Prep    *prep,
                  GError **error)
{
  g_autoptr(GDateTime) today = NULL;
  SeriesMeeting *last = last_meeting (prep);
  GDateTime *next = NULL;
  int hour, minute;

  /* A meeting not yet held from today on is the next one already. */
  today = g_date_time_new (prep->zone, g_date_time_get_year (prep->now),
                           g_date_time_get_month (prep->now),
                           g_date_time_get_day_of_month (prep->now), 0, 0, 0);
  for (guint i = 0; i < prep->meetings->len; i++)
    {
      SeriesMeeting *meeting = g_ptr_array_index (prep->meetings, i);

      if (meeting_is_pending (meeting) && g_date_time_compare (meeting->start, today) >= 0)
        {
          prep->target = meeting;
          prep->start = g_date_time_ref (meeting->start);
          return TRUE;
        }
    }

  if (!prep->has_rule)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The meeting series “%s” has no recurrence, so the date of its next "
                     "meeting must be given"),
                   lotse_record_get_title (prep->series));
      return FALSE;
    }

  meeting_time_of_day (prep, &hour, &minute);
  if (last != NULL)
    {
      /* Keep the rhythm of the series: step from its last meeting until the
       * date is no longer in the past. */
      next = g_date_time_ref (last->start);
      for (guint i = 0; next != NULL && i < MAX_CATCH_UP; i++)
        {
          GDateTime *following;

          if (g_date_time_compare (next, prep->now) > 0 && next != last->start)
            break;
          following = rule_next (&prep->rule, prep->zone, next, prep->rule.interval, hour, minute);
          g_date_time_unref (next);
          next = following;
        }
    }
  else
    {
      /* Without a meeting there is no rhythm yet: the first matching day. */
      next = rule_next (&prep->rule, prep->zone, prep->now, 1, hour, minute);
    }

  if (next == NULL || g_date_time_compare (next, prep->now) <= 0)
    {
      g_clear_pointer (&next, g_date_time_unref);
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("The recurrence “%s” has no further date"),
                   lotse_record_get (prep->series, "recurrence"));
      return FALSE;
    }

  prep->start = next;
  return TRUE;
}

/* The last held meeting gives the carried items and the health baseline;
 * the last meeting that was not cancelled (else any) the participants. */
static void
find_baselines (Prep *prep)
{
  SeriesMeeting *last_cancelled = NULL;

  for (guint i = 0; i < prep->meetings->len; i++)
    {
      SeriesMeeting *meeting = g_ptr_array_index (prep->meetings, i);

      if (meeting == prep->target || g_date_time_compare (meeting->start, prep->start) >= 0)
        continue;

      if (meeting_has_status (meeting, "cancelled"))
        last_cancelled = meeting;
      else
        prep->previous = meeting;
      if (meeting_has_status (meeting, "held"))
        prep->last_held = meeting;
    }

  if (prep->previous == NULL)
    prep->previous = last_cancelled;
}

static void
compute_horizon (Prep *prep)
{
  g_autoptr(GDateTime) after = NULL;

  if (prep->has_rule)
    after = rule_next (&prep->rule, prep->zone, prep->start, prep->rule.interval,
                       g_date_time_get_hour (prep->start), g_date_time_get_minute (prep->start));
  if (after == NULL)
    after = g_date_time_add_days (prep->start, HORIZON_DAYS_NO_RULE);

  prep->horizon = local_date (after);
}

static gboolean
row_alive (LotseStore  *store,
           const char  *table,
           const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) record = NULL;

  if (id == NULL)
    return FALSE;

  record = lotse_store_get (store, table, id, &error);
  return record != NULL;
}

static LotseRecord *
new_agenda_item (const char *title,
                 const char *kind,
                 gint64      duration_min)
{
  LotseRecord *item = lotse_record_new_for_table ("agenda_item");
  g_autofree char *short_title = NULL;

  /* Titles built from project and milestone names may run long. */
  if (g_utf8_strlen (title, -1) > 300)
    title = short_title = g_utf8_substring (title, 0, 300);

  lotse_record_set (item, "title", title);
  lotse_record_set (item, "kind", kind);
  lotse_record_set (item, "status", "open");
  if (duration_min > 0)
    lotse_record_set_int (item, "duration_min", duration_min);

  return item;
}

static void
split_standing_items (LotseRecord  *series,
                      GPtrArray    *opening,
                      GPtrArray    *closing)
{
  const char *text = lotse_record_get (series, "standing_items");
  g_auto(GStrv) lines = NULL;
  gboolean separated = FALSE;

  if (text == NULL)
    return;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        {
          if (opening->len > 0 || closing->len > 0)
            separated = TRUE;
          continue;
        }

      g_ptr_array_add (separated ? closing : opening, g_strdup (line));
    }

  if (!separated && opening->len >= 2)
    g_ptr_array_add (closing, g_ptr_array_steal_index (opening, opening->len - 1));
}

static gboolean
title_in (GPtrArray  *titles,
          const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
add_standing_items (Prep      *prep,
                    GPtrArray *titles)
{
  for (guint i = 0; i < titles->len; i++)
    g_ptr_array_add (prep->agenda,
                     new_agenda_item (g_ptr_array_index (titles, i), "information", 5));
}

/* The projects of the series: those an agenda item (directly or through
 * its milestone), a decision or an action item of its meetings refers to.
 * ?1 is the series’ id. “+deleted” keeps SQLite from reading all meetings
 * through the index on deleted instead of those of the series. */
#define LINKED_PROJECTS_CTE \
  "WITH series_meeting AS (" \
  "  SELECT id FROM meeting WHERE series_id = ?1 AND +deleted = 0)," \
  " linked (project_id) AS (" \
  "  SELECT a.project_id FROM agenda_item AS a" \
  "   WHERE a.deleted = 0 AND a.meeting_id IN series_meeting AND a.project_id IS NOT NULL" \
  "  UNION SELECT l.project_id FROM agenda_item AS a" \
  "   JOIN milestone AS l ON l.id = a.milestone_id" \
  "   WHERE a.deleted = 0 AND a.meeting_id IN series_meeting" \
  "  UNION SELECT d.project_id FROM decision AS d" \
  "   WHERE d.deleted = 0 AND d.meeting_id IN series_meeting AND d.project_id IS NOT NULL" \
  "  UNION SELECT t.project_id FROM action_item AS t" \
  "   WHERE t.deleted = 0 AND t.meeting_id IN series_meeting AND t.project_id IS NOT NULL)"

static gboolean
add_open_action_items (Prep    *prep,
                       GError **error)
{
  const LotseTable *table = lotse_schema_lookup_table ("action_item");
  sqlite3 *db = lotse_store_get_db (prep->store);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GString) notes = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint count = 0;
  int rc;

  append_columns (sql, table, "a");
  g_string_append (sql,
                   ", p.name FROM meeting AS m"
                   /* From the series’ meetings to their action items, not
                    * from all open action items to their meetings. */
                   " CROSS JOIN action_item AS a ON a.meeting_id = m.id"
                   " LEFT JOIN person AS p ON p.id = a.owner_person_id AND p.deleted = 0"
                   " WHERE m.series_id = ?1 AND m.deleted = 0 AND a.deleted = 0"
                   " AND a.status = 'open'"
                   " ORDER BY a.due_date IS NULL, a.due_date, a.title" LOTSE_COLLATE ", a.id");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (error, db, "preparing the open action items");
  sqlite3_bind_text (stmt, 1, lotse_record_get_id (prep->series), -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LotseRecord) action = lotse_store_record_from_row (table, stmt);
      const char *owner = column_text (stmt, LOTSE_STORE_N_META_COLUMNS + (int) table->n_fields);
      /* The date as stored (YYYY-MM-DD): the notes are synced and printed
       * for everyone, and the preparer's locale is not theirs. */
      const char *due_text = lotse_record_get (action, "due_date");

      count++;
      if (count > MAX_LISTED_ACTIONS)
        continue;

      g_string_append_printf (notes, "• %s", lotse_record_get (action, "title"));
      if (owner != NULL && due_text != NULL)
        /* Translators: after an action item: its owner and due date */
        g_string_append_printf (notes, _(" (%s, due %s)"), owner, due_text);
      else if (owner != NULL)
        g_string_append_printf (notes, " (%s)", owner);
      else if (due_text != NULL)
        /* Translators: after an action item: its due date */
        g_string_append_printf (notes, _(" (due %s)"), due_text);
      g_string_append_c (notes, '\n');
    }

  if (rc != SQLITE_DONE)
    {
      db_error (error, db, "reading the open action items");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  if (count == 0)
    return TRUE;

  if (count > MAX_LISTED_ACTIONS)
    g_string_append_printf (notes,
                            g_dngettext (GETTEXT_PACKAGE, "… and %u more\n", "… and %u more\n",
                                         count - MAX_LISTED_ACTIONS),
                            count - MAX_LISTED_ACTIONS);

  {
    g_autoptr(LotseRecord) item = new_agenda_item (_("Open action items"), "discussion",
                                                   MIN (30, 5 + 2 * (gint64) count));

    g_strchomp (notes->str);
    lotse_record_set (item, "notes", notes->str);
    g_ptr_array_add (prep->agenda, g_steal_pointer (&item));
  }

  return TRUE;
}

static const char *
project_name (const char *title,
              const char *acronym)
{
  return acronym != NULL && *acronym != '\0' ? acronym : title;
}

static const char *
health_label (const char *health)
{
  return lotse_enum_value_label ("status_report", "health", health);
}

typedef struct
{
  char      *project_id;
  char      *name;
  char      *leader_id;
  GPtrArray *healths;  /* the sequence, without repeats */
  gboolean   changed;
} HealthChange;

static void
health_change_free (HealthChange *change)
{
  g_free (change->project_id);
  g_free (change->name);
  g_free (change->leader_id);
  g_ptr_array_unref (change->healths);
  g_free (change);
}

static void
add_health_item (Prep         *prep,
                 HealthChange *change)
{
  g_autoptr(GString) sequence = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autoptr(LotseRecord) item = NULL;

  if (!change->changed)
    return;

  for (guint i = 0; i < change->healths->len; i++)
    {
      if (i > 0)
        g_string_append (sequence, " → ");
      g_string_append (sequence, health_label (g_ptr_array_index (change->healths, i)));
    }

  /* Translators: an agenda item: a project’s name and its health, e.g. “Green → Red” */
  title = g_strdup_printf (_("Status of %s: %s"), change->name, sequence->str);
  item = new_agenda_item (title, "discussion", 10);
  lotse_record_set (item, "project_id", change->project_id);
  if (row_alive (prep->store, "person", change->leader_id))
    lotse_record_set (item, "presenter_person_id", change->leader_id);
  g_ptr_array_add (prep->agenda, g_steal_pointer (&item));
}

static gboolean
add_health_changes (Prep    *prep,
                    GError **error)
{
  static const char sql[] =
    LINKED_PROJECTS_CTE
    " SELECT r.project_id, r.health,"
    " (SELECT q.health FROM status_report AS q"
    "  WHERE q.project_id = r.project_id AND q.deleted = 0"
    "  AND (q.date, " LOTSE_HEALTH_RANK ("q.health") ", q.id)"
    "    < (r.date, " LOTSE_HEALTH_RANK ("r.health") ", r.id)"
    "  ORDER BY q.date DESC, " LOTSE_HEALTH_RANK ("q.health") " DESC, q.id DESC LIMIT 1),"
    " p.title, p.acronym, p.leader_person_id"
    " FROM linked AS l CROSS JOIN status_report AS r ON r.project_id = l.project_id"
    " JOIN project AS p ON p.id = r.project_id"
    " WHERE r.deleted = 0 AND p.deleted = 0 AND r.date > ?2 AND r.date <= ?3"
    /* Reports in the order of the health rule (lotse-health.c), so the
     * last of a project's sequence is its health. */
    " ORDER BY p.title" LOTSE_COLLATE ", r.project_id, r.date, " LOTSE_HEALTH_RANK ("r.health") ", r.id";
  sqlite3 *db = lotse_store_get_db (prep->store);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *since = NULL;
  HealthChange *current = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Without a held meeting there is nothing to compare with. */
  if (prep->last_held == NULL)
    return TRUE;

  since = local_date (prep->last_held->start);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (error, db, "preparing the health changes");
  sqlite3_bind_text (stmt, 1, lotse_record_get_id (prep->series), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, prep->date, -1, SQLITE_TRANSIENT);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) health_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *project_id = column_text (stmt, 0);
      const char *health = column_text (stmt, 1);
      const char *previous = column_text (stmt, 2);
      const char *last_health;

      if (current == NULL || strcmp (current->project_id, project_id) != 0)
        {
          current = g_new0 (HealthChange, 1);
          current->project_id = g_strdup (project_id);
          current->name = g_strdup (project_name (column_text (stmt, 3), column_text (stmt, 4)));
          current->leader_id = g_strdup (column_text (stmt, 5));
          current->healths = g_ptr_array_new_with_free_func (g_free);
          if (previous != NULL)
            g_ptr_array_add (current->healths, g_strdup (previous));
          g_ptr_array_add (changes, current);
        }

      /* A first report ever has nothing to differ from. */
      if (current->healths->len == 0)
        {
          g_ptr_array_add (current->healths, g_strdup (health));
          continue;
        }

      last_health = g_ptr_array_index (current->healths, current->healths->len - 1);
      if (g_strcmp0 (last_health, health) != 0)
        {
          g_ptr_array_add (current->healths, g_strdup (health));
          current->changed = TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      db_error (error, db, "reading the health changes");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < changes->len; i++)
    add_health_item (prep, g_ptr_array_index (changes, i));

  return TRUE;
}

static gboolean
add_due_milestones (Prep    *prep,
                    GError **error)
{
  const LotseTable *table = lotse_schema_lookup_table ("milestone");
  sqlite3 *db = lotse_store_get_db (prep->store);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_string_append (sql, LINKED_PROJECTS_CTE " SELECT ");
  append_columns (sql, table, "m");
  g_string_append (sql,
                   ", p.title, p.acronym, p.leader_person_id"
                   " FROM linked AS l CROSS JOIN milestone AS m ON m.project_id = l.project_id"
                   " JOIN project AS p ON p.id = m.project_id"
                   " WHERE m.deleted = 0 AND p.deleted = 0"
                   " AND m.status NOT IN ('done', 'cancelled')"
                   " AND m.due_date IS NOT NULL AND m.due_date < ?2"
                   " ORDER BY m.due_date, p.title" LOTSE_COLLATE ", m.title" LOTSE_COLLATE ", m.id");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (error, db, "preparing the due milestones");
  sqlite3_bind_text (stmt, 1, lotse_record_get_id (prep->series), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, prep->horizon, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LotseRecord) milestone = lotse_store_record_from_row (table, stmt);
      int column = LOTSE_STORE_N_META_COLUMNS + (int) table->n_fields;
      const char *name = project_name (column_text (stmt, column), column_text (stmt, column + 1));
      const char *leader = column_text (stmt, column + 2);
      const char *due = lotse_record_get (milestone, "due_date");
      gboolean overdue = strcmp (due, prep->date) < 0;
      g_autofree char *title = NULL;
      g_autoptr(LotseRecord) item = NULL;

      if (g_hash_table_contains (prep->carried_milestones, lotse_record_get_id (milestone)))
        continue;

      title = overdue
                /* Translators: an agenda item: project, milestone title, due date */
                ? g_strdup_printf (_("Overdue milestone of %s: %s (due %s)"), name,
                                   lotse_record_get (milestone, "title"), due)
                /* Translators: an agenda item: project, milestone title, due date */
                : g_strdup_printf (_("Milestone of %s: %s (due %s)"), name,
                                   lotse_record_get (milestone, "title"), due);
      item = new_agenda_item (title, overdue ? "discussion" : "information", 5);
      lotse_record_set (item, "project_id", lotse_record_get (milestone, "project_id"));
      lotse_record_set (item, "milestone_id", lotse_record_get_id (milestone));
      if (row_alive (prep->store, "person", leader))
        lotse_record_set (item, "presenter_person_id", leader);
      g_ptr_array_add (prep->agenda, g_steal_pointer (&item));
    }

  if (rc != SQLITE_DONE)
    {
      db_error (error, db, "reading the due milestones");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  return TRUE;
}

/* Items of the last held meeting that are made afresh every time. */
static gboolean
is_recreated_item (LotseRecord *item,
                   GPtrArray   *standing)
{
  const char *title = lotse_record_get (item, "title");

  if (lotse_record_get (item, "project_id") != NULL ||
      lotse_record_get (item, "milestone_id") != NULL)
    return FALSE;

  return title_in (standing, title) || g_strcmp0 (title, _("Open action items")) == 0 ||
         g_strcmp0 (title, "Open action items") == 0;
}

static gboolean
collect_carried_items (Prep       *prep,
                       GPtrArray  *standing,
                       GPtrArray  *carried,
                       GError    **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  static const struct { const char *field; const char *table; } refs[] = {
    { "presenter_person_id", "person" },
    { "project_id", "project" },
    { "milestone_id", "milestone" },
  };

  if (prep->last_held == NULL)
    return TRUE;

  items = lotse_meeting_list_agenda (prep->store, lotse_record_get_id (prep->last_held->record),
                                     error);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (items, i);
      const char *id = lotse_record_get_id (item);
      const char *from = lotse_record_get (item, "carried_from_id");
      g_autoptr(LotseRecord) copy = NULL;

      if (g_strcmp0 (lotse_record_get (item, "status"), "done") == 0 ||
          is_recreated_item (item, standing))
        continue;

      /* Two items carried from the same original, or an item next to its
       * own original, are one topic: carry it once. */
      if (g_hash_table_contains (seen, id) || (from != NULL && g_hash_table_contains (seen, from)))
        continue;
      g_hash_table_add (seen, (gpointer) id);
      if (from != NULL)
        g_hash_table_add (seen, (gpointer) from);

      copy = new_agenda_item (lotse_record_get (item, "title"), lotse_record_get (item, "kind"),
                              lotse_record_get_int (item, "duration_min", 0));
      for (guint r = 0; r < G_N_ELEMENTS (refs); r++)
        {
          const char *value = lotse_record_get (item, refs[r].field);

          if (row_alive (prep->store, refs[r].table, value))
            lotse_record_set (copy, refs[r].field, value);
        }
      lotse_record_set (copy, "carried_from_id", lotse_record_get_id (item));

      if (lotse_record_get (copy, "milestone_id") != NULL)
        g_hash_table_add (prep->carried_milestones,
                          g_strdup (lotse_record_get (copy, "milestone_id")));
      g_ptr_array_add (carried, g_steal_pointer (&copy));
    }

  return TRUE;
}

static gboolean
build_agenda (Prep    *prep,
              GError **error)
{
  g_autoptr(GPtrArray) opening = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) closing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) standing = g_ptr_array_new ();
  g_autoptr(GPtrArray) carried = g_ptr_array_new_with_free_func (g_object_unref);

  split_standing_items (prep->series, opening, closing);
  g_ptr_array_extend (standing, opening, NULL, NULL);
  g_ptr_array_extend (standing, closing, NULL, NULL);

  prep->agenda = g_ptr_array_new_with_free_func (g_object_unref);
  prep->carried_milestones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Carried items are collected first so that their milestones are known. */
  if (!collect_carried_items (prep, standing, carried, error))
    return FALSE;

  add_standing_items (prep, opening);
  if (!add_open_action_items (prep, error) || !add_health_changes (prep, error) ||
      !add_due_milestones (prep, error))
    return FALSE;
  g_ptr_array_extend_and_steal (prep->agenda, g_steal_pointer (&carried));
  add_standing_items (prep, closing);

  return TRUE;
}

static LotseRecord *
new_meeting (Prep *prep)
{
  LotseRecord *meeting = lotse_record_new_for_table ("meeting");
  LotseRecord *series = prep->series;
  LotseRecord *previous = prep->previous != NULL ? prep->previous->record : NULL;
  g_autofree char *starts_at = lotse_time_to_stored (prep->start);
  g_autofree char *title = NULL;
  const char *location = lotse_record_get (series, "default_location");
  gint64 duration = lotse_record_get_int (series, "default_duration_min", 0);

  if (location == NULL && previous != NULL)
    location = lotse_record_get (previous, "location");
  if (duration <= 0 && previous != NULL)
    duration = lotse_record_get_int (previous, "duration_min", 0);
  if (duration <= 0)
    duration = DEFAULT_DURATION_MIN;

  /* The series' title alone: the title is synced and printed, so a date
   * in it would be in the preparer's locale; lotse_meeting_format_title()
   * adds the date in the reader's. */
  title = g_strdup (lotse_record_get (series, "title"));

  lotse_record_set (meeting, "series_id", lotse_record_get_id (series));
  lotse_record_set (meeting, "title", title);
  lotse_record_set (meeting, "kind", lotse_record_get (series, "kind"));
  lotse_record_set (meeting, "starts_at", starts_at);
  lotse_record_set_int (meeting, "duration_min", duration);
  lotse_record_set (meeting, "location", location);
  lotse_record_set (meeting, "status", "draft");

  return meeting;
}

static gboolean
copy_participants (Prep        *prep,
                   const char  *meeting_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);

  if (prep->previous == NULL)
    return TRUE;

  existing = lotse_meeting_list_participants (prep->store, meeting_id, error);
  previous = existing != NULL
               ? lotse_meeting_list_participants (prep->store,
                                                  lotse_record_get_id (prep->previous->record),
                                                  error)
               : NULL;
  if (previous == NULL)
    return FALSE;

  for (guint i = 0; i < existing->len; i++)
    g_hash_table_add (people,
                      (gpointer) lotse_record_get (g_ptr_array_index (existing, i), "person_id"));

  for (guint i = 0; i < previous->len; i++)
    {
      const char *person = lotse_record_get (g_ptr_array_index (previous, i), "person_id");
      g_autoptr(LotseRecord) participant = NULL;

      if (g_hash_table_contains (people, person) || !row_alive (prep->store, "person", person))
        continue;
      g_hash_table_add (people, (gpointer) person);

      participant = lotse_record_new_for_table ("meeting_participant");
      lotse_record_set (participant, "meeting_id", meeting_id);
      lotse_record_set (participant, "person_id", person);
      lotse_record_set (participant, "attendance", "invited");
      if (!lotse_store_insert (prep->store, participant, error))
        return FALSE;
    }

  return TRUE;
}

static LotseRecord *
write_prepared_meeting (Prep    *prep,
                        GError **error)
{
  g_autoptr(LotseRecord) meeting = NULL;
  const char *meeting_id;

  if (!lotse_store_begin (prep->store, error))
    return NULL;

  if (prep->target != NULL)
    {
      meeting = g_object_ref (prep->target->record);
    }
  else
    {
      meeting = new_meeting (prep);
      if (!lotse_store_insert (prep->store, meeting, error))
        goto fail;
    }
  meeting_id = lotse_record_get_id (meeting);

  if (!copy_participants (prep, meeting_id, error))
    goto fail;

  for (guint i = 0; i < prep->agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (prep->agenda, i);

      lotse_record_set (item, "meeting_id", meeting_id);
      lotse_record_set_int (item, "position", i + 1);
      if (!lotse_store_insert (prep->store, item, error))
        goto fail;
    }

  if (!lotse_store_commit (prep->store, error))
    goto fail;

  return lotse_store_get (prep->store, "meeting", meeting_id, error);

fail:
  lotse_store_rollback (prep->store);
  return NULL;
}

/**
 * lotse_meeting_prepare_next_at:
 * @store: a store
 * @series_id: the id of a meeting series
 * @date: (nullable): the meeting’s date, YYYY-MM-DD, or %NULL for the next
 *   occurrence
 * @now: (nullable): the present time, or %NULL for the clock’s; tests and
 *   reproducible reports pass it
 * @error: a location for a #GError
 *
 * Like lotse_meeting_prepare_next(), with a given present time.
 *
 * Returns: (transfer full) (nullable): the prepared meeting
 */
LotseRecord *
lotse_meeting_prepare_next_at (LotseStore  *store,
                               const char  *series_id,
                               const char  *date,
                               GDateTime   *now,
                               GError     **error)
{
  g_auto(Prep) prep = { 0, };
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *recurrence;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (series_id != NULL, NULL);

  prep.store = store;
  prep.series = lotse_store_get (store, "meeting_series", series_id, &local_error);
  if (prep.series == NULL)
    {
      if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
        g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                     _("There is no meeting series with the id “%s”"), series_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  recurrence = lotse_record_get (prep.series, "recurrence");
  if (recurrence != NULL && *recurrence != '\0')
    {
      if (!rule_parse (recurrence, &prep.rule, error))
        return NULL;
      prep.has_rule = TRUE;
    }

  if (!load_series_meetings (&prep, error))
    return NULL;

  choose_zone (&prep);
  prep.now = now != NULL ? g_date_time_to_timezone (now, prep.zone)
                         : g_date_time_new_now (prep.zone);

  if (date != NULL ? !choose_given_date (&prep, date, error) : !choose_next_date (&prep, error))
    return NULL;
  prep.date = local_date (prep.start);

  /* Preparing twice changes nothing: a meeting with an agenda is kept. */
  if (prep.target != NULL)
    {
      agenda = lotse_meeting_list_agenda (store, lotse_record_get_id (prep.target->record), error);
      if (agenda == NULL)
        return NULL;
      if (agenda->len > 0)
        return g_object_ref (prep.target->record);
    }

  find_baselines (&prep);
  compute_horizon (&prep);

  if (!build_agenda (&prep, error))
    return NULL;

  return write_prepared_meeting (&prep, error);
}

/**
 * lotse_meeting_prepare_next:
 * @store: a store
 * @series_id: the id of a meeting series
 * @date: (nullable): the meeting’s date, YYYY-MM-DD, or %NULL for the next
 *   occurrence after the series’ last meeting (and after now)
 * @error: a location for a #GError
 *
 * Creates the next meeting of the series as a draft with a prepared agenda
 * (see the top of lotse-meeting.c for the rules), its place and length
 * from the series, its participants those of the last meeting, invited.
 * All of it is written in one transaction.
 *
 * A meeting of the series that is not yet held (draft or planned) on that
 * date — or, without @date, from today on — is the one prepared: if it
 * has agenda items it is returned unchanged, otherwise it gets the agenda.
 * Refused: an unknown or deleted series, a @date that is not a date, lies
 * before the series’ last meeting or has a held or cancelled meeting, no
 * @date for a series without recurrence.
 *
 * Returns: (transfer full) (nullable): the prepared meeting
 */
LotseRecord *
lotse_meeting_prepare_next (LotseStore  *store,
                            const char  *series_id,
                            const char  *date,
                            GError     **error)
{
  return lotse_meeting_prepare_next_at (store, series_id, date, NULL, error);
}
