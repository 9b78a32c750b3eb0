/* lotse-csv.c: CSV import and export of projects, milestones, organisations
 * and status reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Project offices keep lists in spreadsheets, so the import takes what
 * Excel and LibreOffice write: UTF-8 with or without a byte order mark,
 * “;” or “,” between cells (whichever the header line uses), RFC 4180
 * quotes, CRLF or LF, headers in English or German, German dates and enum
 * labels, and references by name. Every row is checked before anything is
 * written; with any bad row nothing is imported, and every problem is
 * reported with the line its record starts on.
 *
 * The export writes what the import reads back unchanged: a BOM (so Excel
 * recognises UTF-8), the schema's field names as header, “,” and CRLF, and
 * references as ids.
 *
 * A spreadsheet must never run what a cell holds. A text that begins with
 * “=”, “+”, “-”, “@”, a tab or a carriage return would be a formula (or a
 * DDE call) in LibreOffice and Excel, so the export writes it after a
 * single quote, as OWASP's “CSV Injection” advises: “'=1+1” shows as text.
 * A text that begins with a quote itself gets one more, so the import can
 * take exactly one away from a cell that begins with a quote followed by
 * one of those characters or another quote, and every text comes back as
 * it was stored. Other cells that begin with a quote are imported as
 * they are (“'s-Hertogenbosch”).
 *
 * Every cell but a number is quoted: that is what CSV has to say “text”,
 * and LibreOffice keeps “0042” as text with “Format quoted field as text”
 * (Excel reads it as 42 whatever the file says, unless the column is
 * imported as Text). Whole numbers are written bare: the schema allows
 * only digits with an optional minus there, and “-5” in a number column is
 * the number −5 in a spreadsheet, not a formula.
 */

#define G_LOG_DOMAIN "lotse-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-csv.h"
#include "lotse-error.h"
#include "lotse-output.h"

#define UTF8_BOM "\xEF\xBB\xBF"
/* What a text cell must not begin with (see above): a formula's first
 * characters, and the quote that marks the others. */
#define NEUTRALISED "=+-@\t\r'"
#define ID_COLUMN (-1)
#define UNNAMED_COLUMN (-3)  /* a blank header cell, as spreadsheets leave after the last column */

static const char * const importable_tables[] = { "organisation", "project", "milestone", "status_report",
                                                   NULL };

/* Header names besides the schema's field names and English labels. The
 * alternatives are separated by “|”. */
typedef struct
{
  const char *table;
  const char *field;
  const char *names;
} HeaderAlias;

static const HeaderAlias header_aliases[] = {
  { NULL, "id", "ID|Id|Kennung" },
  { "organisation", "name", "Name|Organisation" },
  { "organisation", "kind", "Art|Typ" },
  { "organisation", "city", "Stadt|Ort" },
  { "organisation", "website", "Webseite|Website|Internetseite" },
  { "organisation", "notes", "Notizen|Bemerkungen|Anmerkungen" },
  { "project", "programme_id", "Programm|programme" },
  { "project", "title", "Titel|Projekttitel" },
  { "project", "acronym", "Akronym|Kürzel|Kurztitel" },
  { "project", "summary", "Zusammenfassung|Beschreibung|Kurzbeschreibung" },
  { "project", "topic", "Thema|Handlungsfeld" },
  { "project", "lead_organisation_id", "Organisation|Leitorganisation|Federführung|lead_organisation" },
  { "project", "leader_person_id", "Projektleitung|Projektleiter|Projektleiterin|leader" },
  { "project", "status", "Status" },
  { "project", "health", "Ampel" },
  { "project", "start_date", "Beginn|Start|Projektbeginn" },
  { "project", "end_date", "Ende|Projektende" },
  { "project", "budget_cents", "Budget (Cent)" },
  { "project", "funding", "Förderung" },
  { "project", "website", "Webseite|Website|Internetseite" },
  { "milestone", "project_id", "Projekt|project" },
  { "milestone", "title", "Titel|Meilenstein" },
  { "milestone", "description", "Beschreibung" },
  { "milestone", "due_date", "Fällig|Fällig am|Fälligkeit|Termin" },
  { "milestone", "done_date", "Erledigt|Erledigt am" },
  { "milestone", "status", "Status" },
  { "status_report", "project_id", "Projekt|project" },
  { "status_report", "date", "Datum|Berichtsdatum|Stichtag" },
  { "status_report", "health", "Ampel" },
  { "status_report", "summary", "Zusammenfassung|Bericht|Kommentar" },
};

/* Enum labels as people type them in spreadsheets, German and English;
 * the labels of the current locale are accepted as well. */
typedef struct
{
  const char *value;
  const char *labels;
} EnumAlias;

static const EnumAlias enum_aliases[] = {
  { "company", "Unternehmen|Firma|Company" },
  { "university", "Hochschule|Universität|University" },
  { "municipality", "Kommune|Gemeinde|Municipality" },
  { "chamber", "Kammer|Chamber" },
  { "association", "Verband|Verein|Association" },
  { "other", "Sonstige|Sonstiges|Andere|Other" },
  { "planned", "Geplant|Planned" },
  { "running", "Laufend|Läuft|Aktiv|Running" },
  { "completed", "Abgeschlossen|Completed" },
  { "paused", "Pausiert|Ruhend|Paused" },
  { "cancelled", "Abgebrochen|Abgesagt|Entfallen|Cancelled|Canceled" },
  { "green", "Grün|Im Plan|On track|Green" },
  { "yellow", "Gelb|Gefährdet|At risk|Yellow" },
  { "red", "Rot|Kritisch|Critical|Red" },
  { "open", "Offen|Open" },
  { "done", "Erledigt|Erreicht|Done" },
  { "at_risk", "Gefährdet|At risk" },
  { "missed", "Verfehlt|Verpasst|Missed" },
};

void
lotse_csv_row_free (LotseCsvRow *row)
{
  if (row == NULL)
    return;

  g_strfreev (row->cells);
  g_free (row);
}

/**
 * lotse_csv_can_import:
 * @table: a table name
 *
 * Returns: whether CSV import and export support @table
 */
gboolean
lotse_csv_can_import (const char *table)
{
  return table != NULL && g_strv_contains (importable_tables, table);
}

static guint
line_of (const char *data,
         const char *position)
{
  guint line = 1;

  for (const char *p = data; p < position; p++)
    if (*p == '\n')
      line++;

  return line;
}

static char *
line_message (guint       line,
              const char *message)
{
  /* Translators: the first is a line number of a CSV file, the second what is wrong there */
  return g_strdup_printf (_("line %u: %s"), line, message);
}

/* The separator is the one the header line uses more often. */
static char
detect_separator (const char *p,
                  const char *end)
{
  guint semicolons = 0;
  guint commas = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == ',')
        commas++;
    }

  return semicolons > commas ? ';' : ',';
}

static gboolean
is_line_end (char c)
{
  return c == '\n' || c == '\r';
}

/* Reads a quoted cell starting after its opening quote; CRLF inside it
 * becomes LF. */
static gboolean
parse_quoted (const char **pp,
              const char  *end,
              char         separator,
              guint       *line,
              guint        start_line,
              GString     *cell,
              GError     **error)
{
  const char *p = *pp;

  for (;;)
    {
      if (p >= end)
        {
          g_autofree char *message = line_message (start_line, _("a quoted cell is not closed"));

          g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, message);
          return FALSE;
        }

      if (*p == '"')
        {
          if (p + 1 < end && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p += 2;
              continue;
            }
          p++;
          break;
        }

      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        {
          p++;
          continue;
        }
      if (*p == '\n')
        (*line)++;
      g_string_append_c (cell, *p);
      p++;
    }

  if (p < end && *p != separator && !is_line_end (*p))
    {
      g_autofree char *message = line_message (*line, _("text after the closing quote of a cell"));

      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, message);
      return FALSE;
    }

  *pp = p;
  return TRUE;
}

static gboolean
cells_are_empty (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (*(const char *) g_ptr_array_index (cells, i) != '\0')
      return FALSE;

  return TRUE;
}

/* Reads one record from *pp; returns NULL with @error set on a syntax error. */
static LotseCsvRow *
parse_record (const char **pp,
              const char  *end,
              char         separator,
              guint       *line,
              gboolean    *out_blank,
              GError     **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *p = *pp;
  guint start_line = *line;
  gboolean quoted_any = FALSE;
  LotseCsvRow *row;

  for (;;)
    {
      g_autoptr(GString) cell = g_string_new (NULL);

      if (p < end && *p == '"')
        {
          p++;
          quoted_any = TRUE;
          if (!parse_quoted (&p, end, separator, line, start_line, cell, error))
            return NULL;
        }
      else
        {
          while (p < end && *p != separator && !is_line_end (*p))
            g_string_append_c (cell, *p++);
        }

      g_ptr_array_add (cells, g_string_free (g_steal_pointer (&cell), FALSE));

      if (p < end && *p == separator)
        {
          p++;
          continue;
        }

      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      (*line)++;
      break;
    }

  *out_blank = !quoted_any && cells_are_empty (cells);
  *pp = p;

  g_ptr_array_add (cells, NULL);
  row = g_new0 (LotseCsvRow, 1);
  row->line = start_line;
  row->cells = (GStrv) g_ptr_array_steal (cells, NULL);

  return row;
}

/**
 * lotse_csv_parse:
 * @data: the file's bytes
 * @length: the length of @data
 * @out_separator: (out) (optional): the separator found in the header line
 * @error: a location for a #GError
 *
 * Splits CSV text into records. The first record is the header. Blank
 * lines are skipped. The error message starts with the line number.
 *
 * Returns: (transfer full) (element-type LotseCsvRow) (nullable): the records
 */
GPtrArray *
lotse_csv_parse (const char  *data,
                 gsize        length,
                 char        *out_separator,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  const char *p = data;
  const char *end = data + length;
  const char *invalid = NULL;
  guint line = 1;
  char separator;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_csv_row_free);

  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    p += 3;

  if (!g_utf8_validate (p, end - p, &invalid))
    {
      g_autofree char *message = line_message (line_of (data, invalid),
                                               _("the text is not UTF-8; save the file as “CSV UTF-8”"));

      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, message);
      return NULL;
    }

  separator = detect_separator (p, end);
  if (out_separator != NULL)
    *out_separator = separator;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lotse_csv_row_free);
  while (p < end)
    {
      gboolean blank = FALSE;
      LotseCsvRow *row = parse_record (&p, end, separator, &line, &blank, error);

      if (row == NULL)
        return NULL;

      if (blank)
        lotse_csv_row_free (row);
      else
        g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

/* Import */

typedef struct
{
  LotseStore       *store;
  const LotseTable *table;
  int              *columns;     /* CSV column → field index or ID_COLUMN */
  guint             n_columns;
  GHashTable       *references;  /* "table\nname" → id */
  GPtrArray        *errors;      /* "line N: …" */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->columns, g_free);
  g_clear_pointer (&import->references, g_hash_table_unref);
  g_clear_pointer (&import->errors, g_ptr_array_unref);
}

static void
add_error (Import     *import,
           guint       line,
           const char *message)
{
  g_ptr_array_add (import->errors, line_message (line, message));
}

static gboolean
names_match (const char *names,
             const char *folded)
{
  g_auto(GStrv) alternatives = NULL;

  if (names == NULL)
    return FALSE;

  alternatives = g_strsplit (names, "|", -1);
  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      g_autofree char *candidate = g_utf8_casefold (alternatives[i], -1);

      if (g_str_equal (candidate, folded))
        return TRUE;
    }

  return FALSE;
}

static gboolean
header_names_field (const LotseTable *table,
                    const LotseField *field,
                    const char       *folded)
{
  g_autofree char *name = g_utf8_casefold (field->name, -1);

  if (g_str_equal (name, folded))
    return TRUE;
  if (names_match (field->label, folded) ||
      names_match (g_dgettext (GETTEXT_PACKAGE, field->label), folded))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (header_aliases); i++)
    {
      if (g_strcmp0 (header_aliases[i].table, table->name) == 0 &&
          g_str_equal (header_aliases[i].field, field->name) &&
          names_match (header_aliases[i].names, folded))
        return TRUE;
    }

  return FALSE;
}

/* The column of a header cell: ID_COLUMN, a field index, or -2 if unknown. */
static int
lookup_header (const LotseTable *table,
               const char       *header)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (header));
  g_autofree char *folded = g_utf8_casefold (trimmed, -1);

  if (g_str_equal (folded, "id") || names_match (header_aliases[0].names, folded))
    return ID_COLUMN;

  /* Field names first, so that “title” never means a label of another field. */
  for (guint i = 0; i < table->n_fields; i++)
    {
      g_autofree char *name = g_utf8_casefold (table->fields[i].name, -1);

      if (g_str_equal (name, folded))
        return (int) i;
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (header_names_field (table, &table->fields[i], folded))
        return (int) i;
    }

  return -2;
}

static gboolean
read_header (Import      *import,
             LotseCsvRow *header)
{
  guint n = g_strv_length (header->cells);
  g_autofree gboolean *seen = g_new0 (gboolean, import->table->n_fields + 1);
  gboolean ok = TRUE;

  import->n_columns = n;
  import->columns = g_new0 (int, n);

  for (guint c = 0; c < n; c++)
    {
      const char *cell = header->cells[c];
      g_autofree char *trimmed_cell = g_strstrip (g_strdup (cell));
      int column;
      g_autofree char *message = NULL;

      if (*trimmed_cell == '\0')
        {
          import->columns[c] = UNNAMED_COLUMN;
          continue;
        }

      column = lookup_header (import->table, cell);

      if (column == -2)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (cell));

          /* Translators: %s is a column header of a CSV file */
          message = g_strdup_printf (_("unknown column “%s”"), trimmed);
        }
      else if (seen[column + 1])
        {
          /* Translators: %s is a column header of a CSV file */
          message = g_strdup_printf (_("the column “%s” appears twice"), cell);
        }

      if (message != NULL)
        {
          add_error (import, header->line, message);
          ok = FALSE;
          continue;
        }

      seen[column + 1] = TRUE;
      import->columns[c] = column;
    }

  return ok;
}

static gboolean
enum_matches (const LotseTable *table,
              const LotseField *field,
              const char       *value,
              const char       *folded)
{
  g_autofree char *name = g_utf8_casefold (value, -1);

  if (g_str_equal (name, folded))
    return TRUE;
  if (names_match (lotse_enum_value_label (table->name, field->name, value), folded))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (enum_aliases); i++)
    {
      if (g_str_equal (enum_aliases[i].value, value) &&
          names_match (enum_aliases[i].labels, folded))
        return TRUE;
    }

  return FALSE;
}

static char *
convert_enum (const LotseTable  *table,
              const LotseField  *field,
              const char        *text,
              GError           **error)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; field->enum_values[i] != NULL; i++)
    {
      if (enum_matches (table, field, field->enum_values[i], folded))
        return g_strdup (field->enum_values[i]);
    }

  /* The schema's message lists the allowed values. */
  return lotse_field_normalize (field, text, error);
}

/* DD.MM.YYYY (also D.M.YYYY) as German spreadsheets write dates. */
static char *
german_date_to_iso (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", -1);
  guint64 day, month, year;

  if (g_strv_length (parts) != 3 ||
      strlen (parts[0]) < 1 || strlen (parts[0]) > 2 ||
      strlen (parts[1]) < 1 || strlen (parts[1]) > 2 ||
      strlen (parts[2]) != 4)
    return NULL;

  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &day, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 9999, &year, NULL))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", (guint) year, (guint) month, (guint) day);
}

static char *
convert_date (const LotseField  *field,
              const char        *text,
              GError           **error)
{
  g_autofree char *iso = german_date_to_iso (text);
  char *normalized;

  normalized = lotse_field_normalize (field, iso != NULL ? iso : text, NULL);
  if (normalized == NULL)
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                 _("Field “%s” must be a date like 2024-03-31 or 31.03.2024, not “%s”"),
                 field->name, text);

  return normalized;
}

static void
set_unknown_reference (GError     **error,
                       const char  *table,
                       const char  *name)
{
  if (g_str_equal (table, "organisation"))
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                 _("unknown organisation “%s”"), name);
  else if (g_str_equal (table, "project"))
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                 _("unknown project “%s”"), name);
  else if (g_str_equal (table, "programme"))
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                 _("unknown programme “%s”"), name);
  else
    g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                 _("unknown person “%s”"), name);
}

/* Looks a row of @table up by @field = @name; *out_id is NULL if none. */
static gboolean
find_by_name (Import      *import,
              const char  *table,
              const char  *field,
              const char  *name,
              char       **out_id,
              guint       *out_count,
              GError     **error)
{
  LotseFilter filter = { field, name };
  g_autoptr(GPtrArray) rows = NULL;

  rows = lotse_store_list (import->store, table, &filter, 1, NULL, 2, 0, error);
  if (rows == NULL)
    return FALSE;

  *out_count = rows->len;
  *out_id = rows->len > 0 ? g_strdup (lotse_record_get_id (g_ptr_array_index (rows, 0))) : NULL;

  return TRUE;
}

/* A reference by id or by name: projects by acronym or title, programmes,
 * organisations and people by name. */
static char *
convert_reference (Import            *import,
                   const LotseField  *field,
                   const char        *text,
                   GError           **error)
{
  const char *table = field->ref_table;
  const char *name_fields[] = { "name", NULL, NULL };
  g_autofree char *key = NULL;
  const char *cached;

  if (lotse_is_uuid (text))
    return g_strdup (text);

  key = g_strconcat (table, "\n", text, NULL);
  cached = g_hash_table_lookup (import->references, key);
  if (cached != NULL)
    return g_strdup (cached);

  if (g_str_equal (table, "project"))
    {
      name_fields[0] = "acronym";
      name_fields[1] = "title";
    }

  for (guint i = 0; name_fields[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      guint count = 0;

      if (!find_by_name (import, table, name_fields[i], text, &id, &count, error))
        return NULL;

      if (count > 1)
        {
          g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
                       /* Translators: %s is a name in a CSV file that several rows have */
                       _("“%s” names more than one row; use the id"), text);
          return NULL;
        }

      if (id != NULL)
        {
          g_hash_table_insert (import->references, g_steal_pointer (&key), g_strdup (id));
          return g_steal_pointer (&id);
        }
    }

  set_unknown_reference (error, table, text);

  return NULL;
}

/* The export's quote before a text that a spreadsheet would run. */
static const char *
unneutralise (const char *cell)
{
  if (cell[0] == '\'' && cell[1] != '\0' && strchr (NEUTRALISED, cell[1]) != NULL)
    return cell + 1;

  return cell;
}

/* The stored form of one cell, or NULL with *error unset for a blank
 * cell. Text keeps its spaces, so that an export reads back unchanged. */
static char *
convert_value (Import            *import,
               const LotseField  *field,
               const char        *raw,
               GError           **error)
{
  const char *cell = unneutralise (raw);
  g_autofree char *text = g_strstrip (g_strdup (cell));

  if (*text == '\0')
    return NULL;

  if (field->type == LOTSE_FIELD_TEXT)
    return lotse_field_normalize (field, cell, error);

  switch (field->type)
    {
    case LOTSE_FIELD_DATE:
      return convert_date (field, text, error);
    case LOTSE_FIELD_ENUM:
      return convert_enum (import->table, field, text, error);
    case LOTSE_FIELD_REF:
      return convert_reference (import, field, text, error);
    case LOTSE_FIELD_TEXT:
    case LOTSE_FIELD_INT:
    case LOTSE_FIELD_DATETIME:
    default:
      return lotse_field_normalize (field, text, error);
    }
}

static void
apply_defaults (LotseRecord *record)
{
  const LotseTable *table = lotse_record_get_table (record);

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (lotse_record_get_nth (record, i) == NULL && table->fields[i].default_value != NULL)
        lotse_record_take_nth (record, i, g_strdup (table->fields[i].default_value));
    }
}

static gboolean
read_id (Import      *import,
         LotseRecord *record,
         guint        line,
         const char  *cell)
{
  g_autofree char *id = g_strstrip (g_strdup (cell));
  g_autoptr(LotseRecord) existing = NULL;

  if (*id == '\0')
    return TRUE;

  if (!lotse_is_uuid (id))
    {
      g_autofree char *message =
        g_strdup_printf (_("Field “id” must be a lower-case UUID, not “%s”"), id);

      add_error (import, line, message);
      return FALSE;
    }

  /* Checked here and not only on insert, so that --dry-run reports it. */
  existing = lotse_store_get (import->store, import->table->name, id, NULL);
  if (existing != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("a row with the id “%s” already exists"), id);

      add_error (import, line, message);
      return FALSE;
    }

  lotse_record_set_id (record, id);
  return TRUE;
}

/* Turns one CSV row into a record checked as the store checks it; every
 * problem of the row is added to the errors. */
static LotseRecord *
row_to_record (Import      *import,
               LotseCsvRow *row)
{
  g_autoptr(LotseRecord) record = lotse_record_new (import->table);
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length (row->cells);
  gboolean ok = TRUE;

  if (n != import->n_columns)
    {
      g_autofree char *message =
        /* Translators: both are numbers of columns in a CSV row */
        g_strdup_printf (ngettext ("expected %u column but found %u",
                                   "expected %u columns but found %u",
                                   import->n_columns),
                         import->n_columns, n);

      add_error (import, row->line, message);
      return NULL;
    }

  for (guint c = 0; c < n; c++)
    {
      int column = import->columns[c];
      char *value;

      if (column == ID_COLUMN)
        {
          ok &= read_id (import, record, row->line, row->cells[c]);
          continue;
        }

      if (column == UNNAMED_COLUMN)
        {
          g_autofree char *stray = g_strstrip (g_strdup (row->cells[c]));

          if (*stray != '\0')
            {
              g_autofree char *message =
                /* Translators: %s is a value in a CSV file */
                g_strdup_printf (_("“%s” is in a column without a header"), stray);

              add_error (import, row->line, message);
              ok = FALSE;
            }
          continue;
        }

      value = convert_value (import, &import->table->fields[column], row->cells[c], &error);
      if (error != NULL)
        {
          add_error (import, row->line, error->message);
          g_clear_error (&error);
          ok = FALSE;
          continue;
        }
      lotse_record_take_nth (record, column, value);
    }

  if (!ok)
    return NULL;

  apply_defaults (record);
  if (!lotse_store_validate (import->store, record, &error))
    {
      add_error (import, row->line, error->message);
      return NULL;
    }

  return g_steal_pointer (&record);
}

static gboolean
write_records (Import     *import,
               GPtrArray  *rows,
               GPtrArray  *records,
               GError    **error)
{
  if (!lotse_store_begin (import->store, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!lotse_store_insert (import->store, g_ptr_array_index (records, i), &local_error))
        {
          LotseCsvRow *row = g_ptr_array_index (rows, i + 1);

          lotse_store_rollback (import->store);
          add_error (import, row->line, local_error->message);
          return TRUE;
        }
    }

  if (!lotse_store_commit (import->store, error))
    {
      lotse_store_rollback (import->store);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_table (const char  *table,
             GError     **error)
{
  if (lotse_csv_can_import (table))
    return TRUE;

  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_UNKNOWN_TABLE,
               /* Translators: %s is a table name; the table names stay English */
               _("CSV import and export work for the tables organisation, project, milestone and "
                 "status_report, not “%s”"),
               table != NULL ? table : "");
  return FALSE;
}

static void
finish_errors (Import  *import,
               GStrv   *out_errors,
               GError **error)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (import->errors, NULL);
  joined = g_strjoinv ("\n", (char **) import->errors->pdata);
  g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, joined);

  if (out_errors != NULL)
    *out_errors = g_strdupv ((char **) import->errors->pdata);
}

/**
 * lotse_csv_import:
 * @store: a store
 * @table: organisation, project, milestone or status_report
 * @data: the file's bytes
 * @length: the length of @data
 * @dry_run: only check, write nothing
 * @out_n_rows: (out) (optional): the number of rows imported, or that
 *   would be imported
 * @out_errors: (out) (optional) (transfer full): on failure, every problem
 *   as “line N: reason”
 * @error: a location for a #GError; its message holds all problems, one a line
 *
 * Checks every row and then inserts them all in one transaction, each with
 * its outbox entry. With any bad row nothing is written.
 *
 * Returns: %TRUE if every row was (or would be) imported
 */
gboolean
lotse_csv_import (LotseStore   *store,
                  const char   *table,
                  const char   *data,
                  gsize         length,
                  gboolean      dry_run,
                  guint        *out_n_rows,
                  GStrv        *out_errors,
                  GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) local_error = NULL;
  Import import = { 0, };
  gboolean ok;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);

  if (out_n_rows != NULL)
    *out_n_rows = 0;
  if (out_errors != NULL)
    *out_errors = NULL;

  if (!check_table (table, error))
    return FALSE;

  import.store = store;
  import.table = lotse_schema_lookup_table (table);
  import.references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.errors = g_ptr_array_new_with_free_func (g_free);

  rows = lotse_csv_parse (data, length, NULL, &local_error);
  if (rows == NULL)
    g_ptr_array_add (import.errors, g_strdup (local_error->message));
  else if (rows->len == 0)
    add_error (&import, 1, _("the file is empty; the first line must name the columns"));
  else if (read_header (&import, g_ptr_array_index (rows, 0)))
    {
      records = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 1; i < rows->len; i++)
        {
          LotseRecord *record = row_to_record (&import, g_ptr_array_index (rows, i));

          if (record != NULL)
            g_ptr_array_add (records, record);
        }

      if (import.errors->len == 0 && !dry_run &&
          !write_records (&import, rows, records, error))
        {
          import_clear (&import);
          return FALSE;
        }
    }

  ok = import.errors->len == 0;
  if (ok && out_n_rows != NULL)
    *out_n_rows = records->len;
  if (!ok)
    finish_errors (&import, out_errors, error);

  import_clear (&import);

  return ok;
}

/**
 * lotse_csv_import_file:
 *
 * Like lotse_csv_import(), reading @path.
 */
gboolean
lotse_csv_import_file (LotseStore   *store,
                       const char   *table,
                       const char   *path,
                       gboolean      dry_run,
                       guint        *out_n_rows,
                       GStrv        *out_errors,
                       GError      **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (out_n_rows != NULL)
    *out_n_rows = 0;
  if (out_errors != NULL)
    *out_errors = NULL;

  if (!check_table (table, error))
    return FALSE;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;

  return lotse_csv_import (store, table, data, length, dry_run, out_n_rows, out_errors, error);
}

/* Export */

static void
append_cell (GString          *out,
             const LotseField *field,
             const char       *value)
{
  if (value == NULL)
    return;

  if (field != NULL && field->type == LOTSE_FIELD_INT)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  if (value[0] != '\0' && strchr (NEUTRALISED, value[0]) != NULL)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * lotse_csv_format_table:
 * @headers: the column titles
 * @rows: (element-type GStrv): the rows, each with a cell per column
 *
 * Writes a table as a view shows it, in the format of lotse_csv_export():
 * a UTF-8 byte order mark, “,” between cells, RFC 4180 quotes, cells that
 * a spreadsheet would take for a formula neutralised, and CRLF line
 * ends. A row with fewer cells than @headers gets empty ones.
 *
 * Returns: (transfer full): the CSV text
 */
char *
lotse_csv_format_table (const char * const *headers,
                        GPtrArray          *rows)
{
  guint n_columns;
  GString *out;

  g_return_val_if_fail (headers != NULL, NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  n_columns = g_strv_length ((GStrv) headers);
  out = g_string_new (UTF8_BOM);
  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_cell (out, NULL, headers[c]);
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < rows->len; r++)
    {
      const char * const *cells = g_ptr_array_index (rows, r);
      gboolean more = TRUE;

      for (guint c = 0; c < n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          more = more && cells[c] != NULL;
          append_cell (out, NULL, more ? cells[c] : NULL);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/**
 * lotse_csv_export:
 * @store: a store
 * @table: organisation, project, milestone or status_report
 * @out_n_rows: (out) (optional): the number of rows written
 * @error: a location for a #GError
 *
 * Writes the rows that are not deleted as CSV: a UTF-8 byte order mark, a
 * header of “id” and the schema's field names, “,” between cells, RFC 4180
 * quotes and CRLF line ends. lotse_csv_import() reads it back unchanged.
 *
 * Returns: (transfer full) (nullable): the CSV text
 */
char *
lotse_csv_export (LotseStore  *store,
                  const char  *table,
                  guint       *out_n_rows,
                  GError     **error)
{
  const LotseTable *schema;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  if (!check_table (table, error))
    return NULL;

  schema = lotse_schema_lookup_table (table);
  rows = lotse_store_list (store, table, NULL, 0, NULL, 0, 0, error);
  if (rows == NULL)
    return NULL;

  out = g_string_new (UTF8_BOM "id");
  for (guint i = 0; i < schema->n_fields; i++)
    g_string_append_printf (out, ",%s", schema->fields[i].name);
  g_string_append (out, "\r\n");

  for (guint r = 0; r < rows->len; r++)
    {
      LotseRecord *record = g_ptr_array_index (rows, r);

      append_cell (out, NULL, lotse_record_get_id (record));
      for (guint i = 0; i < schema->n_fields; i++)
        {
          g_string_append_c (out, ',');
          append_cell (out, &schema->fields[i], lotse_record_get_nth (record, i));
        }
      g_string_append (out, "\r\n");
    }

  if (out_n_rows != NULL)
    *out_n_rows = rows->len;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lotse_csv_export_file:
 *
 * Like lotse_csv_export(), writing @path with lotse_output_write_file().
 */
gboolean
lotse_csv_export_file (LotseStore  *store,
                       const char  *table,
                       const char  *path,
                       guint       *out_n_rows,
                       GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = lotse_csv_export (store, table, out_n_rows, error);
  if (text == NULL)
    return FALSE;

  return lotse_output_write_file (path, text, strlen (text), error);
}
