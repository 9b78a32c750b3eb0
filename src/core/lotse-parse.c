/* lotse-parse.c: dates, money and numbers as people type and read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is stored stays locale-free: dates as YYYY-MM-DD, money as whole
 * cents (of euros), numbers as plain digits. What a person types and
 * reads follows the locale's formats (LC_TIME for dates, LC_MONETARY and
 * LC_NUMERIC for amounts), the way GNOME's "Formats" setting sets them,
 * while the words (the hint "TT.MM.JJJJ" in German) follow the language.
 *
 * Dates: ISO is always understood, and so is the locale's own order and
 * separator taken from nl_langinfo (D_FMT): 15.12.2026, 15.12.26 and
 * 15.12. in German, 15/12/2026 in British English, 12/15/2026 in the US.
 * Dots always mean day first, as everywhere dots are written. A two-digit
 * year is the one within 50 years of today; a missing one is this year.
 *
 * Money: the locale's decimal mark and grouping, and the other mark where
 * the reading is unambiguous ("12.50" in German, "1,234.56" anywhere).
 * One mark followed by exactly three digits could be either: it groups
 * unless it is the locale's decimal mark, which is refused as ambiguous
 * ("1,250" in German), never guessed.
 */

#define G_LOG_DOMAIN "lotse-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-parse.h"

#define SEP_LEN 8

/* The locale's date form: the order of day, month and year and what
 * stands between them, e.g. "dmy", ".", ".", "" in German. */
typedef struct
{
  char order[3];
  char sep[2][SEP_LEN];
  char end[SEP_LEN];
} DateConvention;

static const DateConvention iso_convention = { { 'y', 'm', 'd' }, { "-", "-" }, "" };
static const DateConvention dotted_convention = { { 'd', 'm', 'y' }, { ".", "." }, "" };

/* Reads D_FMT; a form without three fields and separators is read as ISO. */
static void
date_convention (DateConvention *conv)
{
  g_autoptr(GString) literal = g_string_new (NULL);
  const char *p = nl_langinfo (D_FMT);
  guint n = 0;

  *conv = (DateConvention) { { 0 } };
  for (; p != NULL && *p != '\0'; p++)
    {
      char field;

      if (*p != '%')
        {
          g_string_append_c (literal, *p);
          continue;
        }
      while (p[1] != '\0' && strchr ("-_0^#EO", p[1]) != NULL)
        p++;
      switch (*++p)
        {
        case 'd': case 'e': field = 'd'; break;
        case 'm': field = 'm'; break;
        case 'y': case 'Y': field = 'y'; break;
        case 'D': *conv = (DateConvention) { { 'm', 'd', 'y' }, { "/", "/" }, "" }; return;
        default: *conv = iso_convention; return;
        }
      if (n == 3 || memchr (conv->order, field, n) != NULL ||
          (n > 0 && (literal->len == 0 || literal->len >= SEP_LEN)))
        {
          *conv = iso_convention;
          return;
        }
      if (n > 0)
        g_strlcpy (conv->sep[n - 1], literal->str, SEP_LEN);
      g_string_truncate (literal, 0);
      conv->order[n++] = field;
    }

  if (n != 3 || literal->len >= SEP_LEN)
    *conv = iso_convention;
  else
    g_strlcpy (conv->end, literal->str, SEP_LEN);
}

/* YYYY-MM-DD exactly, a real day. */
static gboolean
split_iso_date (const char *text,
                guint      *year,
                guint      *month,
                guint      *day)
{
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  *year = g_ascii_strtoull (text, NULL, 10);
  *month = g_ascii_strtoull (text + 5, NULL, 10);
  *day = g_ascii_strtoull (text + 8, NULL, 10);

  return *year >= 1 && g_date_valid_dmy (*day, *month, *year);
}

static guint
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

/* 26 is 2026 and 80 is 1980 in 2026: the year within 50 years of now. */
static guint
expand_year (guint two_digits)
{
  int now = current_year ();
  int year = now - now % 100 + (int) two_digits;

  if (year > now + 50)
    year -= 100;
  else if (year <= now - 50)
    year += 100;

  return year;
}

/* Reads up to three runs of digits with @conv's separators between them;
 * spaces may follow a separator. Returns the number of runs read. */
static guint
read_date_fields (const DateConvention *conv,
                  const char           *text,
                  guint                 values[3],
                  guint                 lengths[3])
{
  const char *p = text;
  guint n;

  for (n = 0; n < 3 && *p != '\0'; n++)
    {
      const char *start = p;
      const char *sep = n < 2 ? conv->sep[n] : conv->end;

      values[n] = 0;
      while (g_ascii_isdigit (*p) && p - start < 4)
        values[n] = values[n] * 10 + (guint) (*p++ - '0');
      lengths[n] = p - start;
      if (lengths[n] == 0 || g_ascii_isdigit (*p))
        return 0;

      if (*sep != '\0' && g_str_has_prefix (p, sep))
        {
          p += strlen (sep);
          while (*p == ' ')
            p++;
        }
      else if (*p != '\0')
        {
          return 0;
        }
    }

  return *p == '\0' ? n : 0;
}

static gboolean
parse_with (const DateConvention *conv,
            const char           *text,
            guint                *year,
            guint                *month,
            guint                *day)
{
  guint values[3] = { 0 }, lengths[3] = { 0 };
  guint n = read_date_fields (conv, text, values, lengths);
  guint year_length = 0;

  /* Without the year only where it comes last: "15.12." */
  if (n < 2 || (n == 2 && conv->order[2] != 'y'))
    return FALSE;

  *year = current_year ();
  for (guint i = 0; i < n; i++)
    {
      switch (conv->order[i])
        {
        case 'd': *day = values[i]; break;
        case 'm': *month = values[i]; break;
        default: *year = values[i]; year_length = lengths[i]; break;
        }
      if (conv->order[i] != 'y' && lengths[i] > 2)
        return FALSE;
    }

  if (year_length == 2)
    *year = expand_year (*year);
  else if (year_length != 0 && (year_length != 4 || *year < 1000))
    return FALSE;

  return g_date_valid_dmy (*day, *month, *year);
}

/**
 * lotse_parse_date:
 * @text: a date as typed: ISO, the locale's form, or day first with dots
 * @out_date: (out) (transfer full) (nullable): YYYY-MM-DD, %NULL for an
 *   empty @text
 * @error: a location for a #GError
 *
 * Returns: %TRUE if @text is empty or a valid date; the error names @text
 *   and the form the locale expects
 */
gboolean
lotse_parse_date (const char  *text,
                  char       **out_date,
                  GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  DateConvention conv;
  guint year = 0, month = 0, day = 0;

  *out_date = NULL;
  if (*trimmed == '\0')
    return TRUE;

  date_convention (&conv);
  if (split_iso_date (trimmed, &year, &month, &day) ||
      parse_with (&conv, trimmed, &year, &month, &day) ||
      parse_with (&dotted_convention, trimmed, &year, &month, &day))
    {
      *out_date = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
      return TRUE;
    }

  {
    g_autofree char *hint = lotse_date_hint ();
    g_autofree char *example = lotse_format_date ("2026-12-31");

    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                 /* Translators: what was typed, the form of a date (“TT.MM.JJJJ”)
                  * and an example in it */
                 _("“%s” is not a date; type it as %s, such as %s"), trimmed, hint, example);
  }
  return FALSE;
}

/**
 * lotse_format_date:
 * @iso_date: (nullable): a stored date, YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): the date as the locale writes it,
 *   with four digits of the year, e.g. 15.12.2026 in German; @iso_date
 *   itself if it is no date
 */
char *
lotse_format_date (const char *iso_date)
{
  DateConvention conv;
  guint parts[3] = { 0 };
  guint year, month, day;

  if (iso_date == NULL || !split_iso_date (iso_date, &year, &month, &day))
    return g_strdup (iso_date);

  date_convention (&conv);
  for (guint i = 0; i < 3; i++)
    parts[i] = conv.order[i] == 'd' ? day : conv.order[i] == 'm' ? month : year;

  return g_strdup_printf ("%0*u%s%0*u%s%0*u%s",
                          conv.order[0] == 'y' ? 4 : 2, parts[0], conv.sep[0],
                          conv.order[1] == 'y' ? 4 : 2, parts[1], conv.sep[1],
                          conv.order[2] == 'y' ? 4 : 2, parts[2], conv.end);
}

/**
 * lotse_date_hint:
 *
 * Returns: (transfer full): the form of a date the locale expects, in the
 *   language's letters: “TT.MM.JJJJ” in German, “DD/MM/YYYY” in Britain
 */
char *
lotse_date_hint (void)
{
  DateConvention conv;
  const char *parts[3];

  date_convention (&conv);
  for (guint i = 0; i < 3; i++)
    {
      switch (conv.order[i])
        {
        /* Translators: the day in the form of a date, as in “DD/MM/YYYY”; German “TT” */
        case 'd': parts[i] = C_("date hint", "DD"); break;
        /* Translators: the month in the form of a date, as in “DD/MM/YYYY” */
        case 'm': parts[i] = C_("date hint", "MM"); break;
        /* Translators: the year in the form of a date, as in “DD/MM/YYYY”; German “JJJJ” */
        default: parts[i] = C_("date hint", "YYYY"); break;
        }
    }

  return g_strconcat (parts[0], conv.sep[0], parts[1], conv.sep[1], parts[2], conv.end, NULL);
}

/* Money and numbers */

typedef struct
{
  char     decimal;        /* '.' or ',' */
  char     group[SEP_LEN]; /* as the locale writes it; may be "" */
  gboolean symbol_first;
  gboolean symbol_space;
} NumberConvention;

static void
number_convention (NumberConvention *conv,
                   gboolean          money)
{
  struct lconv *lc = localeconv ();
  const char *decimal = money && *lc->mon_decimal_point ? lc->mon_decimal_point : lc->decimal_point;
  const char *group = money && *lc->mon_thousands_sep ? lc->mon_thousands_sep : lc->thousands_sep;

  conv->decimal = g_strcmp0 (decimal, ",") == 0 ? ',' : '.';
  g_strlcpy (conv->group, group != NULL && strlen (group) < SEP_LEN ? group : "", SEP_LEN);
  /* The C locale leaves both open (CHAR_MAX): the English way then. */
  conv->symbol_first = lc->p_cs_precedes != 0;
  conv->symbol_space = lc->p_sep_by_space == 1;
}

static void
append_grouped (GString    *out,
                guint64     value,
                const char *group)
{
  char digits[32];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
}

/**
 * lotse_format_money:
 * @cents: (nullable): an amount in cents as stored
 *
 * Returns: (transfer full) (nullable): the amount in euros as the locale
 *   writes money, e.g. “1.250.000,00 €” in German and “€1,250,000.00” in
 *   English; @cents itself if it is no number
 */
char *
lotse_format_money (const char *cents)
{
  NumberConvention conv;
  GString *text;
  gint64 value;
  guint64 magnitude;
  const char *space;

  if (cents == NULL || !g_ascii_string_to_signed (cents, 10, G_MININT64 + 1, G_MAXINT64, &value, NULL))
    return g_strdup (cents);

  number_convention (&conv, TRUE);
  /* No break between the amount and its sign. */
  space = conv.symbol_space ? "\u00a0" : "";
  magnitude = (guint64) ABS (value);
  text = g_string_new (value < 0 ? "-" : "");
  if (conv.symbol_first)
    g_string_append_printf (text, "€%s", space);
  append_grouped (text, magnitude / 100, conv.group);
  g_string_append_printf (text, "%c%02u", conv.decimal, (guint) (magnitude % 100));
  if (!conv.symbol_first)
    g_string_append_printf (text, "%s€", space);

  return g_string_free (text, FALSE);
}

/**
 * lotse_format_number:
 * @number: (nullable): a whole number as stored
 *
 * Returns: (transfer full) (nullable): @number grouped as the locale
 *   does, e.g. “1.500” in German; @number itself if it is no number
 */
char *
lotse_format_number (const char *number)
{
  NumberConvention conv;
  GString *text;
  gint64 value;

  if (number == NULL || !g_ascii_string_to_signed (number, 10, G_MININT64 + 1, G_MAXINT64, &value, NULL))
    return g_strdup (number);

  number_convention (&conv, FALSE);
  text = g_string_new (value < 0 ? "-" : "");
  append_grouped (text, (guint64) ABS (value), conv.group);

  return g_string_free (text, FALSE);
}

typedef enum
{
  AMOUNT_OK,
  AMOUNT_MALFORMED,
  AMOUNT_AMBIGUOUS,
  AMOUNT_TOO_LARGE,
  AMOUNT_NEGATIVE,
} AmountResult;

/* @text with every kind of space, and a grouping mark the locale writes
 * with more than one byte, as one ASCII space; trimmed. */
static char *
normalize_spaces (const char             *text,
                  const NumberConvention *conv)
{
  static const char * const spaces[] = { "\u00a0", "\u202f", "\u2009", "\t" };
  g_autoptr(GString) result = g_string_new (text);

  for (guint i = 0; i < G_N_ELEMENTS (spaces); i++)
    g_string_replace (result, spaces[i], " ", 0);
  if (strlen (conv->group) > 1)
    g_string_replace (result, conv->group, " ", 0);

  return g_strstrip (g_string_free (g_steal_pointer (&result), FALSE));
}

/* Takes “€” or “EUR” off either end of @body; returns whether it did. */
static gboolean
strip_currency (char *body)
{
  gsize len = strlen (body);

  if (g_str_has_suffix (body, "€"))
    body[len - strlen ("€")] = '\0';
  else if (len >= 3 && g_ascii_strcasecmp (body + len - 3, "EUR") == 0)
    body[len - 3] = '\0';
  else if (g_str_has_prefix (body, "€"))
    memmove (body, body + strlen ("€"), len - strlen ("€") + 1);
  else if (g_ascii_strncasecmp (body, "EUR", 3) == 0)
    memmove (body, body + 3, len - 3 + 1);
  else
    return FALSE;

  g_strstrip (body);
  return TRUE;
}

/* Which of '.' and ',' separates the cents in @body, or 0 for none;
 * AMOUNT_AMBIGUOUS when the locale's decimal mark is followed by
 * exactly three digits. */
static AmountResult
find_decimal_mark (const char             *body,
                   const NumberConvention *conv,
                   char                   *mark)
{
  const char *last_dot = strrchr (body, '.');
  const char *last_comma = strrchr (body, ',');
  const char *last;
  gsize digits;

  *mark = 0;
  if (last_dot != NULL && last_comma != NULL)
    {
      *mark = last_dot > last_comma ? '.' : ',';
      return AMOUNT_OK;
    }
  if (last_dot == NULL && last_comma == NULL)
    return AMOUNT_OK;

  last = last_dot != NULL ? last_dot : last_comma;
  digits = strspn (last + 1, "0123456789");
  if (strchr (body, *last) != last || last[1 + digits] != '\0')
    return AMOUNT_OK;
  if (digits == 1 || digits == 2)
    *mark = *last;
  else if (digits == 3 && *last == conv->decimal)
    return AMOUNT_AMBIGUOUS;

  return AMOUNT_OK;
}

/* Whole units, grouped by one kind of mark in threes or not at all. */
static AmountResult
read_whole (const char *start,
            const char *end,
            const char *group_marks,
            guint64     limit,
            guint64    *out)
{
  char group = 0;
  guint run = 0;
  gboolean grouped = FALSE;

  *out = 0;
  for (const char *p = start; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (*out > (limit - (guint64) (*p - '0')) / 10)
            return AMOUNT_TOO_LARGE;
          *out = *out * 10 + (guint64) (*p - '0');
          run++;
          continue;
        }
      if (strchr (group_marks, *p) == NULL || (group != 0 && *p != group) ||
          run == 0 || (grouped ? run != 3 : run > 3))
        return AMOUNT_MALFORMED;
      group = *p;
      grouped = TRUE;
      run = 0;
    }

  return (start == end || (run == 3 || !grouped)) ? AMOUNT_OK : AMOUNT_MALFORMED;
}

static AmountResult
read_amount (const char             *body,
             const NumberConvention *conv,
             gint64                 *out_cents)
{
  const char *end = body + strlen (body);
  char group_marks[] = ".,' ";
  const char *fraction = NULL;
  guint64 units, cents = 0;
  AmountResult result;
  char mark;

  if (*body == '-')
    return AMOUNT_NEGATIVE;
  if ((result = find_decimal_mark (body, conv, &mark)) != AMOUNT_OK)
    return result;

  if (mark != 0)
    {
      char *at = strchr (group_marks, mark);

      memmove (at, at + 1, strlen (at));
      fraction = strrchr (body, mark);
      end = fraction++;
      if (strlen (fraction) < 1 || strlen (fraction) > 2 ||
          strspn (fraction, "0123456789") != strlen (fraction))
        return AMOUNT_MALFORMED;
      cents = g_ascii_strtoull (fraction, NULL, 10) * (strlen (fraction) == 1 ? 10 : 1);
    }

  if (end == body && mark == 0)
    return AMOUNT_MALFORMED;
  result = read_whole (body, end, group_marks, LOTSE_MONEY_MAX_CENTS / 100, &units);
  if (result != AMOUNT_OK)
    return result;
  if (units * 100 + cents > (guint64) LOTSE_MONEY_MAX_CENTS)
    return AMOUNT_TOO_LARGE;

  *out_cents = (gint64) (units * 100 + cents);
  return AMOUNT_OK;
}

static void
set_amount_error (GError       **error,
                  AmountResult   result,
                  const char    *text)
{
  g_autofree char *example = lotse_format_money ("125000000");
  g_autofree char *max = NULL;

  switch (result)
    {
    case AMOUNT_AMBIGUOUS:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: what was typed, e.g. “1,250”, and an amount as the locale writes it */
                   _("“%s” is ambiguous: type the amount with its cents, such as %s"), text, example);
      break;
    case AMOUNT_TOO_LARGE:
      max = g_strdup_printf ("%" G_GINT64_FORMAT, LOTSE_MONEY_MAX_CENTS);
      g_clear_pointer (&example, g_free);
      example = lotse_format_money (max);
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: what was typed and the largest amount allowed */
                   _("“%s” is more than %s"), text, example);
      break;
    case AMOUNT_NEGATIVE:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is negative; an amount must be zero or more"), text);
      break;
    case AMOUNT_OK:
    case AMOUNT_MALFORMED:
    default:
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: what was typed and an amount as the locale writes it */
                   _("“%s” is not an amount of money; type it such as %s"), text, example);
      break;
    }
}

/**
 * lotse_parse_money:
 * @text: euros as typed, e.g. “1.250.000,00 €”, “1250000”, “1,250,000.00”
 * @out_cents: (out) (transfer full) (nullable): the amount in cents,
 *   %NULL for an empty @text
 * @error: a location for a #GError
 *
 * Returns: %TRUE if @text is empty or an amount from 0 to
 *   %LOTSE_MONEY_MAX_CENTS; the error names @text
 */
gboolean
lotse_parse_money (const char  *text,
                   char       **out_cents,
                   GError     **error)
{
  NumberConvention conv;
  g_autofree char *body = NULL;
  gboolean had_currency;
  AmountResult result;
  gint64 cents = 0;

  *out_cents = NULL;
  number_convention (&conv, TRUE);
  body = normalize_spaces (text != NULL ? text : "", &conv);
  had_currency = strip_currency (body);
  if (*body == '\0' && !had_currency)
    return TRUE;

  result = *body == '\0' ? AMOUNT_MALFORMED : read_amount (body, &conv, &cents);
  if (result != AMOUNT_OK)
    {
      g_autofree char *shown = g_strstrip (g_strdup (text));

      set_amount_error (error, result, shown);
      return FALSE;
    }

  *out_cents = g_strdup_printf ("%" G_GINT64_FORMAT, cents);
  return TRUE;
}

/**
 * lotse_parse_number:
 * @text: a whole number as typed, optionally grouped as the locale does
 * @out_number: (out) (transfer full) (nullable): the number, %NULL for
 *   an empty @text
 * @error: a location for a #GError
 *
 * Returns: %TRUE if @text is empty or a whole number
 */
gboolean
lotse_parse_number (const char  *text,
                    char       **out_number,
                    GError     **error)
{
  NumberConvention conv;
  g_autofree char *body = NULL;
  char group_marks[3] = { ' ', 0, 0 };
  const char *digits;
  guint64 value;

  *out_number = NULL;
  number_convention (&conv, FALSE);
  body = normalize_spaces (text != NULL ? text : "", &conv);
  if (*body == '\0')
    return TRUE;

  if (strlen (conv.group) == 1)
    group_marks[1] = conv.group[0];
  digits = *body == '-' ? body + 1 : body;
  if (*digits == '\0' ||
      read_whole (digits, digits + strlen (digits), group_marks, G_MAXINT64, &value) != AMOUNT_OK)
    {
      g_autofree char *shown = g_strstrip (g_strdup (text));

      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("“%s” is not a whole number"), shown);
      return FALSE;
    }

  *out_number = g_strdup_printf ("%s%" G_GUINT64_FORMAT, digits != body && value > 0 ? "-" : "", value);
  return TRUE;
}
