/* lotse-schema-values.c: what a field accepts, and in which form it is stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules behind lotse_field_normalize() and lotse_table_check_row():
 * dates, times, numbers, money, enums and time zones as the store, the
 * server, the CLI and CSV import accept them. The tables and fields
 * themselves are described in lotse-schema.c.
 */

#define G_LOG_DOMAIN "lotse-schema"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-parse.h"
#include "lotse-schema.h"

static gboolean
parse_date (const char *value,
            char      **normalized)
{
  if (!lotse_parse_iso_date (value, NULL, NULL, NULL))
    return FALSE;

  *normalized = g_strdup (value);
  return TRUE;
}

static gboolean
parse_datetime (const char *value,
                char      **normalized)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *rest = NULL;

  /* A date and time without a zone would be read in the machine's zone
   * and silently change meaning on another laptop: require the offset. */
  dt = g_date_time_new_from_iso8601 (value, NULL);
  if (dt == NULL)
    return FALSE;

  /* %Y does not pad: year 539 would be stored as "539-…", which neither
   * parses again nor sorts with the others. */
  rest = g_date_time_format (dt, "-%m-%dT%H:%M:%S%:z");
  if (rest == NULL)
    return FALSE;

  *normalized = g_strdup_printf ("%04d%s", g_date_time_get_year (dt), rest);
  return TRUE;
}

/**
 * lotse_time_zone_new:
 * @identifier: a zone's name, e.g. “Europe/Berlin”
 * @error: a location for a #GError
 *
 * Looks up a zone of the tz database that iCalendar exports can describe
 * as well (libical knows it). Offsets like “+01:00” and POSIX rules are
 * refused: an office's meetings move with daylight saving time, a fixed
 * offset does not.
 *
 * Returns: (transfer full) (nullable): the zone, or %NULL with @error set
 */
GTimeZone *
lotse_time_zone_new (const char  *identifier,
                     GError     **error)
{
  GTimeZone *zone = NULL;

  if (identifier != NULL && g_ascii_isalpha (identifier[0]) &&
      icaltimezone_get_builtin_timezone (identifier) != NULL)
    zone = g_time_zone_new_identifier (identifier);

  if (zone == NULL)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                 /* Translators: %s is what was given; keep “Europe/Berlin” */
                 _("“%s” is not a time zone like Europe/Berlin"),
                 identifier != NULL ? identifier : "");

  return zone;
}

static gboolean
parse_int (const char *value,
           gint64     *out)
{
  g_autoptr(GError) error = NULL;

  return g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, out, &error);
}

static char *
normalize_text (const LotseField  *field,
                const char        *value,
                GError           **error)
{
  if (field->max_length > 0 && g_utf8_strlen (value, -1) > (glong)field->max_length)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” is longer than %u characters"),
                   field->name, field->max_length);
      return NULL;
    }

  if ((field->flags & LOTSE_FIELD_SHA256) && !lotse_is_sha256 (value))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” must be a SHA-256 checksum of 64 hexadecimal digits, not “%s”"),
                   field->name, value);
      return NULL;
    }

  return g_strdup (value);
}

static char *
normalize_int (const LotseField  *field,
               const char        *value,
               GError           **error)
{
  gint64 number;

  if (!parse_int (value, &number))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” must be a whole number, not “%s”"), field->name, value);
      return NULL;
    }

  if (number < field->min_value || number > field->max_value)
    {
      /* Cents are shown as the amounts people type. */
      gboolean money = lotse_field_is_money (field);
      g_autofree char *min_text = g_strdup_printf ("%" G_GINT64_FORMAT, field->min_value);
      g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, field->max_value);
      g_autofree char *min = money ? lotse_format_money (min_text) : g_strdup (min_text);
      g_autofree char *max = money ? lotse_format_money (max_text) : g_strdup (max_text);
      g_autofree char *shown = money ? lotse_format_money (value) : g_strdup (value);

      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   /* Translators: a field, the least and the largest value, and what was given */
                   _("Field “%s” must be between %s and %s, not %s"), field->name, min, max, shown);
      return NULL;
    }

  return g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

static char *
normalize_enum (const LotseField  *field,
                const char        *value,
                GError           **error)
{
  if (!lotse_field_is_valid_enum (field, value))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **)field->enum_values);

      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” must be one of %s, not “%s”"),
                   field->name, allowed, value);
      return NULL;
    }

  return g_strdup (value);
}

static char *
normalize_time_zone (const LotseField  *field,
                     const char        *value,
                     GError           **error)
{
  g_autoptr(GTimeZone) zone = lotse_time_zone_new (value, NULL);

  if (zone == NULL)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” must be a time zone like Europe/Berlin, not “%s”"),
                   field->name, value);
      return NULL;
    }

  return g_strdup (value);
}

/**
 * lotse_field_normalize:
 * @field: the field
 * @value: a value as typed by a person or read from a file
 *
 * Checks @value against the field's type and limits and returns its stored
 * form. Required-ness and references: lotse_table_check_row().
 *
 * Returns: (transfer full) (nullable): the normalised value, or %NULL with
 *   @error set; the message names the field
 */
char *
lotse_field_normalize (const LotseField  *field,
                       const char        *value,
                       GError           **error)
{
  char *normalized = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                   _("Field “%s” is not valid UTF-8 text"), field->name);
      return NULL;
    }

  switch (field->type)
    {
    case LOTSE_FIELD_TEXT:
      return normalize_text (field, value, error);

    case LOTSE_FIELD_INT:
      return normalize_int (field, value, error);

    case LOTSE_FIELD_DATE:
      if (!parse_date (value, &normalized))
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       _("Field “%s” must be a date like 2024-03-31, not “%s”"),
                       field->name, value);
          return NULL;
        }
      return normalized;

    case LOTSE_FIELD_DATETIME:
      if (!parse_datetime (value, &normalized))
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       _("Field “%s” must be a date and time with zone like "
                         "2024-03-31T10:00:00+02:00, not “%s”"),
                       field->name, value);
          return NULL;
        }
      return normalized;

    case LOTSE_FIELD_ENUM:
      return normalize_enum (field, value, error);

    case LOTSE_FIELD_TIME_ZONE:
      return normalize_time_zone (field, value, error);

    case LOTSE_FIELD_REF:
      if (!lotse_is_uuid (value))
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       _("Field “%s” must be the id of a record, not “%s”"),
                       field->name, value);
          return NULL;
        }
      return g_strdup (value);

    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
lotse_field_is_money (const LotseField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  return (field->flags & LOTSE_FIELD_MONEY) != 0;
}

/**
 * lotse_field_dup_amount_name:
 * @field: a money field
 *
 * Returns: (transfer full): the name under which people give @field as
 *   an amount of euros, e.g. “budget” for budget_cents
 */
char *
lotse_field_dup_amount_name (const LotseField *field)
{
  g_return_val_if_fail (field != NULL && lotse_field_is_money (field), NULL);
  g_return_val_if_fail (g_str_has_suffix (field->name, LOTSE_MONEY_SUFFIX), NULL);

  return g_strndup (field->name, strlen (field->name) - strlen (LOTSE_MONEY_SUFFIX));
}

/**
 * lotse_table_lookup_amount:
 * @table: a table
 * @amount_name: a name like “budget”
 *
 * Returns: (nullable): the money field that @amount_name gives as an
 *   amount of euros (budget_cents for “budget”), or %NULL
 */
const LotseField *
lotse_table_lookup_amount (const LotseTable *table,
                           const char       *amount_name)
{
  g_autofree char *name = NULL;
  const LotseField *field;

  g_return_val_if_fail (table != NULL, NULL);

  if (amount_name == NULL)
    return NULL;

  name = g_strconcat (amount_name, LOTSE_MONEY_SUFFIX, NULL);
  field = lotse_table_lookup_field (table, name);

  return field != NULL && lotse_field_is_money (field) ? field : NULL;
}

/**
 * lotse_field_normalize_amount:
 * @field: a money field
 * @text: an amount of euros as people write it: “1.250.000,00 €”,
 *   “1,250,000.00”, “1250000”, in the locale's form or a plain one
 * @error: a location for a #GError
 *
 * Reads @text with lotse_parse_money(), which refuses an amount it would
 * have to guess (“1,250” in German) rather than read it either way.
 *
 * Returns: (transfer full) (nullable): the stored cents, or %NULL with
 *   @error set; the message names the field by its amount name and quotes
 *   @text
 */
char *
lotse_field_normalize_amount (const LotseField  *field,
                              const char        *text,
                              GError           **error)
{
  g_autofree char *amount_name = NULL;
  g_autofree char *cents = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (field != NULL && lotse_field_is_money (field), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  amount_name = lotse_field_dup_amount_name (field);
  if (lotse_parse_money (text, &cents, &local_error) && cents == NULL)
    /* A blank amount is no amount; callers unset the field instead. */
    local_error = g_error_new_literal (LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("it is empty"));
  if (local_error != NULL)
    {
      /* Translators: the first %s is a field name like “budget”, the second what is wrong */
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, _("Field “%s”: %s"),
                   amount_name, local_error->message);
      return NULL;
    }

  return lotse_field_normalize (field, cents, error);
}

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;

  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/**
 * lotse_field_check:
 * @field: the field
 * @value: (nullable): a value as it would be stored
 *
 * The rules one value must follow to be stored, on this device and on the
 * server alike: a required field is set and not only white space, and a
 * set value is valid for the field's type and in its normal form (what
 * lotse_field_normalize() makes of it).
 *
 * Returns: %LOTSE_VALUE_VALID or the first rule @value breaks
 */
LotseValueProblem
lotse_field_check (const LotseField *field,
                   const char       *value)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (field != NULL, LOTSE_VALUE_MALFORMED);

  if ((field->flags & LOTSE_FIELD_REQUIRED) && is_blank (value))
    return LOTSE_VALUE_BLANK;

  if (value == NULL)
    return LOTSE_VALUE_VALID;

  normalized = lotse_field_normalize (field, value, NULL);
  if (normalized == NULL)
    return LOTSE_VALUE_MALFORMED;

  /* Anything else came in around the schema and would compare wrongly in
   * merges. */
  if (strcmp (normalized, value) != 0)
    return LOTSE_VALUE_NOT_NORMAL;

  return LOTSE_VALUE_VALID;
}

/**
 * lotse_table_check_row:
 * @table: the table
 * @values: (array): one value (or %NULL) per field of @table
 * @check_refs: (array) (nullable): per field, whether to look its reference
 *   up; %NULL looks none up
 * @lookup: (nullable) (scope call): answers whether a referenced row exists
 * @user_data: data for @lookup
 * @out_problem: (out): %LOTSE_VALUE_VALID or what is wrong
 * @out_field: (out): the field it is wrong in; for
 *   %LOTSE_VALUE_BACKWARDS the end of the range
 * @error: set only when @lookup failed
 *
 * Checks a whole row with lotse_field_check(), its date range (the end
 * not before the start) and, where @check_refs says so, that references
 * name existing rows. What "exists" means is the caller's: the store
 * counts live rows, the server also tombstones (PROTOCOL.md).
 *
 * Returns: %FALSE only when @lookup failed
 */
gboolean
lotse_table_check_row (const LotseTable    *table,
                       const char * const  *values,
                       const gboolean      *check_refs,
                       LotseRefLookup       lookup,
                       gpointer             user_data,
                       LotseValueProblem   *out_problem,
                       guint               *out_field,
                       GError             **error)
{
  *out_problem = LOTSE_VALUE_VALID;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const LotseField *field = &table->fields[i];
      gboolean exists = TRUE;

      *out_field = i;
      *out_problem = lotse_field_check (field, values[i]);
      if (*out_problem != LOTSE_VALUE_VALID)
        return TRUE;

      if (field->type != LOTSE_FIELD_REF || values[i] == NULL || check_refs == NULL ||
          !check_refs[i] || lookup == NULL)
        continue;

      /* The row's table field was checked before (it comes first). */
      if (!lookup (lotse_field_get_ref_table (table, field, values), values[i], &exists,
                   user_data, error))
        return FALSE;
      if (!exists)
        {
          *out_problem = LOTSE_VALUE_DANGLING;
          return TRUE;
        }
    }

  if (table->range_start != NULL)
    {
      const char *start = values[lotse_table_field_index (table, table->range_start)];
      int end_index = lotse_table_field_index (table, table->range_end);
      const char *end = values[end_index];

      /* Dates in normal form compare correctly as text. */
      if (start != NULL && end != NULL && strcmp (end, start) < 0)
        {
          *out_problem = LOTSE_VALUE_BACKWARDS;
          *out_field = end_index;
        }
    }

  return TRUE;
}
