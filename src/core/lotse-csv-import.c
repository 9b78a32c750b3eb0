/* lotse-csv-import.c: CSV import of projects, milestones, organisations,
 * status reports and expenditures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import takes lists as offices keep them in spreadsheets: headers in
 * English or German, German enum labels, and references by name. Every
 * row is checked before anything is written; with any bad row nothing is
 * imported, and every problem is reported with the line its record
 * starts on.
 *
 * Dates are read in the forms that mean one day on every machine (ISO and
 * 31.03.2027, see lotse_parse_date_portable()): a file must import alike
 * in every office, whatever the locale of the laptop. A money column named
 * as people name it (“Budget”, “Budget (EUR)”, “budget”) holds amounts of
 * euros as spreadsheets write them, “1.250.000,00 €” or “1,250,000.00”
 * (lotse_field_normalize_amount(): an amount that could be read two ways
 * is refused, never guessed); named by its field (“budget_cents”, as the
 * export writes it) or “Budget (Cent)” it holds whole cents.
 */

#define G_LOG_DOMAIN "lotse-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-csv-private.h"
#include "lotse-error.h"
#include "lotse-parse.h"

#define ID_COLUMN (-1)
#define UNNAMED_COLUMN (-3)  /* a blank header cell, as spreadsheets leave after the last column */

/* Header names besides the schema's field names and English labels. The
 * alternatives are separated by “|”. A money field's column holds amounts
 * of euros when @amount is set, else whole cents. */
typedef struct
{
  const char *table;
  const char *field;
  const char *names;
  gboolean    amount;
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
  { "project", "budget_cents", "Budget (Cent)|Budget (ct)" },
  { "project", "budget_cents", "Budget (EUR)|Budget (€)|Budget in EUR|Budget in €", TRUE },
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
  { "expenditure", "project_id", "Projekt|project" },
  { "expenditure", "partner_id", "Partner|partner" },
  { "expenditure", "date", "Datum|Belegdatum|Buchungsdatum|Rechnungsdatum" },
  { "expenditure", "amount_cents", "Betrag (Cent)|Betrag (ct)|Amount (cents)" },
  { "expenditure", "amount_cents", "Betrag|Betrag (EUR)|Betrag (€)|Betrag in EUR|Betrag in €|Ausgabe|"
                                   "Amount (EUR)|Amount (€)", TRUE },
  { "expenditure", "category", "Kostenart|Kostenkategorie|Kategorie|Category" },
  { "expenditure", "description", "Beschreibung|Verwendungszweck|Buchungstext|Text" },
  { "expenditure", "voucher", "Beleg|Belegnummer|Beleg-Nr.|Belegnr.|Voucher no.|Voucher number" },
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
  /* The seeded cost categories (migration 014), a text field by code. */
  { "personnel", "Personal|Personalkosten|Personalausgaben|Personnel" },
  { "material", "Sachkosten|Sachausgaben|Material|Materials" },
  { "travel", "Reisekosten|Reisen|Dienstreisen|Travel" },
  { "investment", "Investitionen|Investition|Anlagen|Investment" },
  { "subcontracts", "Aufträge|Fremdleistungen|Unteraufträge|Vergabe von Aufträgen|Subcontracts|Subcontracting" },
  { "overhead", "Gemeinkosten|Verwaltungskosten|Overhead|Overheads" },
};

typedef struct
{
  LotseStore       *store;
  const LotseTable *table;
  int              *columns;     /* CSV column → field index or ID_COLUMN */
  gboolean         *amounts;     /* CSV column → holds amounts of euros */
  guint             n_columns;
  GHashTable       *references;  /* "table\nname" → id */
  GPtrArray        *errors;      /* "line N: …" */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->columns, g_free);
  g_clear_pointer (&import->amounts, g_free);
  g_clear_pointer (&import->references, g_hash_table_unref);
  g_clear_pointer (&import->errors, g_ptr_array_unref);
}

static void
add_error (Import     *import,
           guint       line,
           const char *message)
{
  g_ptr_array_add (import->errors, lotse_csv_line_message (line, message));
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

/* Whether @folded names @field by a label or an alias; *out_amount says
 * whether the column then holds amounts of euros. A money field's label
 * (“Budget”) is how people head a column of euros. */
static gboolean
header_names_field (const LotseTable *table,
                    const LotseField *field,
                    const char       *folded,
                    gboolean         *out_amount)
{
  if (names_match (field->label, folded) ||
      names_match (g_dgettext (GETTEXT_PACKAGE, field->label), folded))
    {
      *out_amount = lotse_field_is_money (field);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (header_aliases); i++)
    {
      if (g_strcmp0 (header_aliases[i].table, table->name) == 0 &&
          g_str_equal (header_aliases[i].field, field->name) &&
          names_match (header_aliases[i].names, folded))
        {
          *out_amount = header_aliases[i].amount;
          return TRUE;
        }
    }

  return FALSE;
}

/* A field's name, or a money field's amount name (*out_amount set). */
static int
lookup_field_name (const LotseTable *table,
                   const char       *folded,
                   gboolean         *out_amount)
{
  for (guint i = 0; i < table->n_fields; i++)
    {
      g_autofree char *name = g_utf8_casefold (table->fields[i].name, -1);
      g_autofree char *amount = NULL;

      if (g_str_equal (name, folded))
        return (int) i;

      if (!lotse_field_is_money (&table->fields[i]))
        continue;
      amount = lotse_field_dup_amount_name (&table->fields[i]);
      if (g_ascii_strcasecmp (amount, folded) == 0)
        {
          *out_amount = TRUE;
          return (int) i;
        }
    }

  return -2;
}

/* The column of a header cell: ID_COLUMN, a field index, or -2 if
 * unknown; *out_amount says whether it holds amounts of euros. */
static int
lookup_header (const LotseTable *table,
               const char       *header,
               gboolean         *out_amount)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (header));
  g_autofree char *folded = g_utf8_casefold (trimmed, -1);
  int column;

  *out_amount = FALSE;
  if (g_str_equal (folded, "id") || names_match (header_aliases[0].names, folded))
    return ID_COLUMN;

  /* Field names first, so that “title” never means a label of another field. */
  column = lookup_field_name (table, folded, out_amount);
  if (column >= 0)
    return column;

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (header_names_field (table, &table->fields[i], folded, out_amount))
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
  import->amounts = g_new0 (gboolean, n);

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

      column = lookup_header (import->table, cell, &import->amounts[c]);

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

static char *
convert_date (const LotseField  *field,
              const char        *text,
              GError           **error)
{
  char *normalized = NULL;

  if (!lotse_parse_date_portable (text, &normalized))
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

/* A cost category by code, by the name an office gave it, or by a label
 * of a seeded one, German or English. */
static char *
convert_category (Import            *import,
                  const LotseField  *field,
                  const char        *text,
                  GError           **error)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autoptr(GPtrArray) categories = NULL;

  categories = lotse_store_list (import->store, "cost_category", NULL, 0, NULL, 0, 0, error);
  if (categories == NULL)
    return NULL;

  for (guint i = 0; i < categories->len; i++)
    {
      LotseRecord *category = g_ptr_array_index (categories, i);
      const char *code = lotse_record_get (category, "code");
      g_autofree char *folded_code = g_utf8_casefold (code, -1);

      if (g_str_equal (folded_code, folded) || names_match (lotse_record_get (category, "name"), folded) ||
          names_match (lotse_enum_value_label (NULL, NULL, code), folded))
        return g_strdup (code);
      for (guint j = 0; j < G_N_ELEMENTS (enum_aliases); j++)
        if (g_str_equal (enum_aliases[j].value, code) && names_match (enum_aliases[j].labels, folded))
          return g_strdup (code);
    }

  /* The store's message names the unknown category. */
  return lotse_field_normalize (field, text, error);
}

/* The export's quote before a text that a spreadsheet would run. */
static const char *
unneutralise (const char *cell)
{
  if (cell[0] == '\'' && cell[1] != '\0' && strchr (LOTSE_CSV_NEUTRALISED, cell[1]) != NULL)
    return cell + 1;

  return cell;
}

/* The stored form of one cell, or NULL with *error unset for a blank
 * cell. Text keeps its spaces, so that an export reads back unchanged. */
static char *
convert_value (Import            *import,
               const LotseField  *field,
               gboolean           amount,
               const char        *raw,
               GError           **error)
{
  const char *cell = unneutralise (raw);
  g_autofree char *text = g_strstrip (g_strdup (cell));

  if (*text == '\0')
    return NULL;

  if (g_str_equal (field->name, "category") && g_str_equal (import->table->name, "expenditure"))
    return convert_category (import, field, text, error);
  if (field->type == LOTSE_FIELD_TEXT)
    return lotse_field_normalize (field, cell, error);
  if (amount)
    return lotse_field_normalize_amount (field, text, error);

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

      value = convert_value (import, &import->table->fields[column], import->amounts[c],
                             row->cells[c], &error);
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
 * @table: organisation, project, milestone, status_report or expenditure
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

  if (!lotse_csv_check_table (table, error))
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

  if (!lotse_csv_check_table (table, error))
    return FALSE;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;

  return lotse_csv_import (store, table, data, length, dry_run, out_n_rows, out_errors, error);
}
