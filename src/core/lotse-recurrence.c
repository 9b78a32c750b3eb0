/* lotse-recurrence.c: how a meeting series repeats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one reader and writer of meeting_series.recurrence (the subset is
 * described in lotse-recurrence.h): the meeting logic steps through it
 * (lotse-recurrence-next.c), the series editor builds it from a few
 * choices and shows its description, the iCalendar export writes its
 * RRULE. Parsing says exactly what is wrong with a rule, since people
 * type them on the command line.
 */

#define G_LOG_DOMAIN "lotse-recurrence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-recurrence-private.h"
#include "lotse-schema.h"

#define MAX_INTERVAL 99

G_DEFINE_BOXED_TYPE (LotseRecurrence, lotse_recurrence, lotse_recurrence_copy, lotse_recurrence_free)

static const char * const weekday_codes[] = { NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* --- parsing ------------------------------------------------------------- */

static gboolean
recurrence_error (GError     **error,
                  const char  *text,
                  const char  *problem)
{
  /* Translators: the first %s is a recurrence like FREQ=WEEKLY;BYDAY=TU,
   * the second what is wrong with it */
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("Recurrence “%s”: %s"),
               text, problem);
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

/* “TU”, “1WE” or “-1FR”; FALSE if @token is none of these. */
static gboolean
parse_byday_token (const char *token,
                   LotseByDay *out)
{
  gsize length = strlen (token);
  gint64 ordinal = 0;

  if (length < 2 || (out->weekday = parse_weekday_code (token + length - 2)) == 0)
    return FALSE;

  if (length > 2)
    {
      g_autofree char *number = g_strndup (token, length - 2);

      if (!g_ascii_string_to_signed (number, 10, -5, 5, &ordinal, NULL) || ordinal == 0)
        return FALSE;
    }

  out->ordinal = (gint8) ordinal;
  return TRUE;
}

static gboolean
parse_byday (const char       *text,
             const char       *value,
             LotseRecurrence  *rule,
             GError          **error)
{
  g_auto(GStrv) tokens = g_strsplit (value, ",", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (rule->n_byday == LOTSE_RECURRENCE_MAX_BYDAY)
        return recurrence_error (error, text, _("BYDAY lists too many days"));

      if (!parse_byday_token (tokens[i], &rule->byday[rule->n_byday]))
        {
          g_autofree char *problem =
            /* Translators: %s is a part of a recurrence; keep the codes as they are */
            g_strdup_printf (_("“%s” is not a day like TU, 1WE or -1FR"), tokens[i]);

          return recurrence_error (error, text, problem);
        }
      rule->n_byday++;
    }

  return TRUE;
}

static gboolean
parse_bymonthday (const char       *text,
                  const char       *value,
                  LotseRecurrence  *rule,
                  GError          **error)
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

          return recurrence_error (error, text, problem);
        }

      rule->bymonthday[rule->n_bymonthday++] = (gint8) day;
    }

  return TRUE;
}

static gboolean
parse_number_part (const char  *text,
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

      return recurrence_error (error, text, problem);
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

/* The bit of a part's name, after checking that it is known, given once
 * and has a value; 0 with @error set otherwise. */
static guint
check_part (const char  *text,
            const char  *name,
            const char  *value,
            guint       *seen,
            GError     **error)
{
  static const struct { const char *name; guint bit; } parts[] = {
    { "FREQ", SEEN_FREQ }, { "INTERVAL", SEEN_INTERVAL }, { "BYDAY", SEEN_BYDAY },
    { "BYMONTHDAY", SEEN_BYMONTHDAY }, { "BYHOUR", SEEN_BYHOUR },
    { "BYMINUTE", SEEN_BYMINUTE }, { "TZID", SEEN_TZID },
  };
  g_autofree char *problem = NULL;
  guint bit = 0;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (g_ascii_strcasecmp (name, parts[i].name) == 0)
        bit = parts[i].bit;
    }

  if (bit == 0)
    /* Translators: %s is a part name of a recurrence; keep the list of names as it is */
    problem = g_strdup_printf (_("“%s” is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, "
                                 "BYHOUR, BYMINUTE and TZID"),
                               name);
  else if (*seen & bit)
    /* Translators: %s is a part name of a recurrence like BYDAY */
    problem = g_strdup_printf (_("%s is given twice"), name);
  else if (*value == '\0')
    /* Translators: %s is a part name of a recurrence like BYDAY */
    problem = g_strdup_printf (_("%s has no value"), name);

  if (problem != NULL)
    {
      recurrence_error (error, text, problem);
      return 0;
    }

  *seen |= bit;
  return bit;
}

static gboolean
parse_part (const char       *text,
            const char       *name,
            const char       *value,
            LotseRecurrence  *rule,
            guint            *seen,
            GError          **error)
{
  int number = 0;

  switch (check_part (text, name, value, seen, error))
    {
    case 0:
      return FALSE;

    case SEEN_FREQ:
      if (g_ascii_strcasecmp (value, "WEEKLY") == 0)
        rule->freq = LOTSE_FREQ_WEEKLY;
      else if (g_ascii_strcasecmp (value, "MONTHLY") == 0)
        rule->freq = LOTSE_FREQ_MONTHLY;
      else
        return recurrence_error (error, text, _("FREQ must be WEEKLY or MONTHLY"));
      return TRUE;

    case SEEN_INTERVAL:
      if (!parse_number_part (text, "INTERVAL", value, 1, MAX_INTERVAL, &number, error))
        return FALSE;
      rule->interval = (guint) number;
      return TRUE;

    case SEEN_BYDAY:
      return parse_byday (text, value, rule, error);

    case SEEN_BYMONTHDAY:
      return parse_bymonthday (text, value, rule, error);

    case SEEN_BYHOUR:
      return parse_number_part (text, "BYHOUR", value, 0, 23, &rule->hour, error);

    case SEEN_BYMINUTE:
      return parse_number_part (text, "BYMINUTE", value, 0, 59, &rule->minute, error);

    case SEEN_TZID:
      {
        g_autoptr(GError) zone_error = NULL;
        g_autoptr(GTimeZone) zone = lotse_time_zone_new (value, &zone_error);

        if (zone == NULL)
          return recurrence_error (error, text, zone_error->message);
        rule->tzid = g_strdup (value);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* What the parts say together, once each is read. */
static gboolean
check_rule (const char             *text,
            const LotseRecurrence  *rule,
            guint                   seen,
            GError                **error)
{
  if (!(seen & SEEN_FREQ))
    return recurrence_error (error, text, _("FREQ=WEEKLY or FREQ=MONTHLY is missing"));

  if (rule->freq == LOTSE_FREQ_WEEKLY)
    {
      if (rule->n_bymonthday > 0)
        return recurrence_error (error, text, _("BYMONTHDAY needs FREQ=MONTHLY"));
      for (guint i = 0; i < rule->n_byday; i++)
        {
          if (rule->byday[i].ordinal != 0)
            return recurrence_error (error, text,
                                     _("a numbered day like 1WE needs FREQ=MONTHLY"));
        }
    }

  if ((seen & SEEN_BYMINUTE) && !(seen & SEEN_BYHOUR))
    return recurrence_error (error, text, _("BYMINUTE needs BYHOUR"));

  return TRUE;
}

static gboolean
parse_parts (const char       *text,
             const char       *rest,
             LotseRecurrence  *rule,
             GError          **error)
{
  g_auto(GStrv) parts = g_strsplit (rest, ";", -1);
  guint seen = 0;

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

          return recurrence_error (error, text, problem);
        }

      name = g_strndup (part, (gsize) (equals - part));
      if (!parse_part (text, g_strstrip (name), equals + 1, rule, &seen, error))
        return FALSE;
    }

  if (!check_rule (text, rule, seen, error))
    return FALSE;
  if ((seen & SEEN_BYHOUR) && !(seen & SEEN_BYMINUTE))
    rule->minute = 0;

  return TRUE;
}

static LotseRecurrence *
recurrence_alloc (void)
{
  LotseRecurrence *self = g_new0 (LotseRecurrence, 1);

  self->interval = 1;
  self->hour = -1;
  self->minute = -1;

  return self;
}

/**
 * lotse_recurrence_parse:
 * @text: (nullable): a recurrence as stored in meeting_series.recurrence
 * @error: a location for a #GError
 *
 * Reads @text in the subset described in lotse-recurrence.h.
 *
 * Returns: (transfer full) (nullable): the rule, or %NULL with @error
 *   set to a message that names @text and says what is wrong with it
 */
LotseRecurrence *
lotse_recurrence_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(LotseRecurrence) self = recurrence_alloc ();
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *rest = trimmed;

  if (g_ascii_strncasecmp (rest, "RRULE:", 6) == 0)
    rest += 6;

  if (*rest == '\0')
    {
      recurrence_error (error, text != NULL ? text : "", _("it is empty"));
      return NULL;
    }

  if (!parse_parts (text, rest, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lotse_recurrence_validate:
 * @text: (nullable): a recurrence as stored in meeting_series.recurrence
 * @error: a location for a #GError
 *
 * Returns: %TRUE when lotse_recurrence_parse() reads @text
 */
gboolean
lotse_recurrence_validate (const char  *text,
                           GError     **error)
{
  g_autoptr(LotseRecurrence) rule = lotse_recurrence_parse (text, error);

  return rule != NULL;
}

LotseRecurrence *
lotse_recurrence_copy (const LotseRecurrence *self)
{
  LotseRecurrence *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->tzid = g_strdup (self->tzid);

  return copy;
}

void
lotse_recurrence_free (LotseRecurrence *self)
{
  if (self == NULL)
    return;

  g_free (self->tzid);
  g_free (self);
}

/* --- the simple shapes --------------------------------------------------- */

static gboolean
pattern_is_valid (const LotseRecurrencePattern *pattern)
{
  if (pattern->interval < 1 || pattern->interval > MAX_INTERVAL)
    return FALSE;

  switch (pattern->kind)
    {
    case LOTSE_RECURRENCE_WEEKLY:
      return g_date_valid_weekday (pattern->weekday);
    case LOTSE_RECURRENCE_MONTHLY_DAY:
      return pattern->month_day != 0 && ABS (pattern->month_day) <= 31;
    case LOTSE_RECURRENCE_MONTHLY_WEEKDAY:
      return g_date_valid_weekday (pattern->weekday) && pattern->nth != 0 &&
             ABS (pattern->nth) <= 5;
    case LOTSE_RECURRENCE_OTHER:
    default:
      return FALSE;
    }
}

/**
 * lotse_recurrence_new:
 * @pattern: one of the simple shapes, not %LOTSE_RECURRENCE_OTHER
 *
 * Returns: (transfer full): the rule, without time of day or zone: its
 *   meetings keep the time of the one before, in the office's zone
 */
LotseRecurrence *
lotse_recurrence_new (const LotseRecurrencePattern *pattern)
{
  LotseRecurrence *self;

  g_return_val_if_fail (pattern != NULL && pattern_is_valid (pattern), NULL);

  self = recurrence_alloc ();
  lotse_recurrence_set_pattern (self, pattern);

  return self;
}

/**
 * lotse_recurrence_get_pattern:
 * @self: a rule
 * @out_pattern: (out): its shape
 *
 * Returns: %TRUE if @self is one of the simple shapes; otherwise
 *   @out_pattern's kind is %LOTSE_RECURRENCE_OTHER and its interval that
 *   of @self
 */
gboolean
lotse_recurrence_get_pattern (const LotseRecurrence  *self,
                              LotseRecurrencePattern *out_pattern)
{
  const LotseByDay *day;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_pattern != NULL, FALSE);

  day = &self->byday[0];
  *out_pattern = (LotseRecurrencePattern) { LOTSE_RECURRENCE_OTHER, self->interval,
                                            G_DATE_BAD_WEEKDAY, 0, 0 };

  if (self->n_byday == 1 && self->n_bymonthday == 0 && day->ordinal == 0 &&
      self->freq == LOTSE_FREQ_WEEKLY)
    {
      out_pattern->kind = LOTSE_RECURRENCE_WEEKLY;
      out_pattern->weekday = day->weekday;
    }
  else if (self->n_byday == 1 && self->n_bymonthday == 0 && day->ordinal != 0)
    {
      out_pattern->kind = LOTSE_RECURRENCE_MONTHLY_WEEKDAY;
      out_pattern->weekday = day->weekday;
      out_pattern->nth = day->ordinal;
    }
  else if (self->n_byday == 0 && self->n_bymonthday == 1 && self->freq == LOTSE_FREQ_MONTHLY)
    {
      out_pattern->kind = LOTSE_RECURRENCE_MONTHLY_DAY;
      out_pattern->month_day = self->bymonthday[0];
    }

  return out_pattern->kind != LOTSE_RECURRENCE_OTHER;
}

/**
 * lotse_recurrence_set_pattern:
 * @self: a rule
 * @pattern: one of the simple shapes, not %LOTSE_RECURRENCE_OTHER
 *
 * Makes @self repeat as @pattern says; its time of day and zone stay.
 */
void
lotse_recurrence_set_pattern (LotseRecurrence              *self,
                              const LotseRecurrencePattern *pattern)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (pattern != NULL && pattern_is_valid (pattern));

  self->interval = pattern->interval;
  self->n_byday = 0;
  self->n_bymonthday = 0;

  switch (pattern->kind)
    {
    case LOTSE_RECURRENCE_WEEKLY:
      self->freq = LOTSE_FREQ_WEEKLY;
      self->byday[self->n_byday++] = (LotseByDay) { 0, (guint8) pattern->weekday };
      break;
    case LOTSE_RECURRENCE_MONTHLY_WEEKDAY:
      self->freq = LOTSE_FREQ_MONTHLY;
      self->byday[self->n_byday++] = (LotseByDay) { (gint8) pattern->nth,
                                                    (guint8) pattern->weekday };
      break;
    case LOTSE_RECURRENCE_MONTHLY_DAY:
      self->freq = LOTSE_FREQ_MONTHLY;
      self->bymonthday[self->n_bymonthday++] = (gint8) pattern->month_day;
      break;
    case LOTSE_RECURRENCE_OTHER:
    default:
      g_assert_not_reached ();
    }
}

/**
 * lotse_recurrence_get_time_of_day:
 * @self: a rule
 * @out_hour: (out): BYHOUR
 * @out_minute: (out): BYMINUTE, 0 when only BYHOUR is given
 *
 * Returns: %TRUE if @self gives the time of day of its meetings
 */
gboolean
lotse_recurrence_get_time_of_day (const LotseRecurrence *self,
                                  int                   *out_hour,
                                  int                   *out_minute)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->hour < 0)
    return FALSE;

  *out_hour = self->hour;
  *out_minute = self->minute;
  return TRUE;
}

/**
 * lotse_recurrence_get_time_zone:
 * @self: a rule
 * @office_zone: the office's zone
 *
 * Returns: (transfer full): the zone of the series’ meetings: its TZID,
 *   else @office_zone, whatever the zone of the machine
 */
GTimeZone *
lotse_recurrence_get_time_zone (const LotseRecurrence *self,
                                GTimeZone             *office_zone)
{
  GTimeZone *zone = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (office_zone != NULL, NULL);

  if (self->tzid != NULL)
    zone = lotse_time_zone_new (self->tzid, NULL);

  return zone != NULL ? zone : g_time_zone_ref (office_zone);
}

/* --- writing ------------------------------------------------------------- */

static void
append_rrule (GString               *out,
              const LotseRecurrence *self)
{
  g_string_append (out, self->freq == LOTSE_FREQ_WEEKLY ? "FREQ=WEEKLY" : "FREQ=MONTHLY");
  if (self->interval != 1)
    g_string_append_printf (out, ";INTERVAL=%u", self->interval);
  for (guint i = 0; i < self->n_byday; i++)
    {
      g_string_append (out, i == 0 ? ";BYDAY=" : ",");
      if (self->byday[i].ordinal != 0)
        g_string_append_printf (out, "%d", self->byday[i].ordinal);
      g_string_append (out, weekday_codes[self->byday[i].weekday]);
    }
  for (guint i = 0; i < self->n_bymonthday; i++)
    g_string_append_printf (out, "%s%d", i == 0 ? ";BYMONTHDAY=" : ",", self->bymonthday[i]);
}

/**
 * lotse_recurrence_to_string:
 * @self: a rule
 *
 * Returns: (transfer full): @self as meeting_series.recurrence stores it,
 *   its parts in a fixed order and upper case, e.g.
 *   “FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=30;TZID=Europe/Berlin”
 */
char *
lotse_recurrence_to_string (const LotseRecurrence *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  append_rrule (out, self);
  if (self->hour >= 0)
    g_string_append_printf (out, ";BYHOUR=%d", self->hour);
  if (self->hour >= 0 && self->minute != 0)
    g_string_append_printf (out, ";BYMINUTE=%d", self->minute);
  if (self->tzid != NULL)
    g_string_append_printf (out, ";TZID=%s", self->tzid);

  return g_string_free (out, FALSE);
}

/**
 * lotse_recurrence_to_rrule:
 * @self: a rule
 *
 * Returns: (transfer full): the standard RRULE value of @self for
 *   iCalendar, e.g. “FREQ=WEEKLY;INTERVAL=2;BYDAY=TU”: without TZID (it
 *   is DTSTART's) and BYHOUR/BYMINUTE (DTSTART gives the time)
 */
char *
lotse_recurrence_to_rrule (const LotseRecurrence *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  append_rrule (out, self);

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
describe_ordinal_day (const LotseByDay *by)
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

static char *
describe_weekdays (const LotseRecurrence *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = 0; i < self->n_byday; i++)
    g_ptr_array_add (names, (gpointer) weekday_name (self->byday[i].weekday));
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);

  /* Translators: %s is one or more weekdays, as in “Every week on Monday, Thursday” */
  return g_strdup_printf (_("on %s"), list);
}

static char *
describe_month_day (int day)
{
  if (day == -1)
    return g_strdup (_("on the last day"));
  if (day > 0)
    /* Translators: a day of the month, as in “Every month on the 15.” */
    return g_strdup_printf (_("on the %d."), day);

  /* Translators: %d counts back from the end of the month */
  return g_strdup_printf (_("on the %d. day from the end"), -day);
}

/**
 * lotse_recurrence_describe:
 * @self: a rule
 *
 * Returns: (transfer full): the rule in words for people, like “Every 2
 *   weeks on Tuesday” or “Every month on the first Wednesday”
 */
char *
lotse_recurrence_describe (const LotseRecurrence *self)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, NULL);

  if (self->freq == LOTSE_FREQ_WEEKLY)
    g_ptr_array_add (phrases,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every week",
                                                   "Every %u weeks", self->interval),
                                      self->interval));
  else
    g_ptr_array_add (phrases,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every month",
                                                   "Every %u months", self->interval),
                                      self->interval));

  if (self->freq == LOTSE_FREQ_WEEKLY && self->n_byday > 0)
    g_ptr_array_add (phrases, describe_weekdays (self));
  else
    {
      for (guint i = 0; i < self->n_byday; i++)
        g_ptr_array_add (phrases, describe_ordinal_day (&self->byday[i]));
    }

  for (guint i = 0; i < self->n_bymonthday; i++)
    g_ptr_array_add (phrases, describe_month_day (self->bymonthday[i]));

  g_ptr_array_add (phrases, NULL);
  return g_strjoinv (" ", (char **) phrases->pdata);
}
