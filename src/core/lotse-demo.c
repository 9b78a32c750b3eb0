/* lotse-demo.c: the demo programme office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A programme office that steers four regional digitalisation programmes
 * of North Rhine-Westphalia. Programmes, organisations, dates and numbers
 * follow public descriptions of OWL 4.0, the Digitale Modellregion OWL,
 * SMART REGION Emscher-Lippe and the Digitalisierungs-Missionare; where
 * those stop, titles and dates are invented but plausible. Every person is
 * invented and has an example.org address.
 *
 * The data are the resource lotse-demo.json; this file only loads them,
 * with lotse-demo-calendar.c for the dates. Its "comment" member is for
 * people reading it, its "tables" member holds, per table of the schema,
 * the rows in the order they are inserted. A row is an object of the table's fields by
 * name plus "key", a short name unique in its table:
 *
 *   - the row's id is a UUID derived from its table and key, so loading
 *     twice finds the rows of the first load and inserts nothing, on every
 *     machine;
 *   - a reference field names the key of the row it refers to;
 *   - a number field is a JSON number, every other field a string; a long
 *     text may be an array of lines, joined with newlines;
 *   - a field that is left out stays empty (or takes the schema's default).
 *
 * The dates never go stale: they are written as of the day in "today"
 * (2026-11-22) and move with the day the demo is loaded.
 *
 *   - Every date moves by the same whole number of weeks, so weekdays
 *     stay: as many weeks as take the day after "today" to the first day
 *     with its weekday on or after the load day. The load day then falls
 *     between five days before the moved "today" and one day after it:
 *     what the data show as done or held (nine days before "today" at the
 *     latest) stays in the past, and loaded on "today" or the day after,
 *     the data load as written.
 *   - A meeting of a series with a recurrence keeps its place in the
 *     series' rhythm, counted from the rhythm's first day after "today",
 *     and its wall-clock time in the office's zone (lotse-office.h; the
 *     data are written for Europe/Berlin, its default): the planned jour
 *     fixe falls on the first Tuesday after the load day and the held ones
 *     on every other Tuesday before it, the steering board meets on first
 *     Thursdays, whatever the day. The dates of the meeting's agenda
 *     items, decisions and action items move as far as the meeting did.
 *   - A text names a date as {{FORMAT:DATE}}, DATE written as of "today"
 *     and moved like the row's dates, or as {{FORMAT:MEETING}}, the day of
 *     the meeting with that key. FORMAT is date (19.11.2026), day
 *     (19.11.), month (November), month_year (November 2026), year (2026)
 *     or month_end, the month whose last day is nearest, for "Ende
 *     {{month_end:2026-10-31}}".
 *
 * The German texts are content, not user interface: they are not marked
 * for translation.
 */

#define G_LOG_DOMAIN "lotse-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lotse-demo-calendar.h"
#include "lotse-demo-private.h"
#include "lotse-error.h"
#include "lotse-monitor.h"
#include "lotse-office.h"

#define DEMO_RESOURCE "/app/lotse/Lotse/core/lotse-demo.json"

typedef struct
{
  LotseStore        *store;
  LotseDemoCalendar *calendar;
  /* Ids of the rows read so far: a key used twice is a mistake in the data. */
  GHashTable        *seen;
  /* Ids of demo rows that a person deleted: they stay deleted, and so do
   * demo rows that refer to them. */
  GHashTable        *skipped;
  guint              n_inserted;
} DemoLoader;

static void
demo_loader_clear (DemoLoader *loader)
{
  g_clear_pointer (&loader->calendar, lotse_demo_calendar_free);
  g_clear_pointer (&loader->seen, g_hash_table_unref);
  g_clear_pointer (&loader->skipped, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoLoader, demo_loader_clear)

/* Says which row of the demo data is wrong; @key is NULL for a table. */
static void
prefix_row (GError     **error,
            const char  *table,
            const char  *key)
{
  if (key != NULL)
    /* Translators: the demo data are built into Lotse; the first %s is a
     * table, the second the key of a row; what is wrong follows */
    g_prefix_error (error, _("The demo data are damaged: %s “%s”: "), table, key);
  else
    /* Translators: the demo data are built into Lotse; %s is a table; what
     * is wrong follows */
    g_prefix_error (error, _("The demo data are damaged: %s: "), table);
}

static gboolean
data_error (GError     **error,
            const char  *table,
            const char  *key,
            const char  *problem)
{
  g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE, problem);
  prefix_row (error, table, key);
  return FALSE;
}

/* A UUID v4 from the SHA-256 of "demo:TABLE:KEY": stable across loads and
 * machines, and distinct from every random id. */
static char *
demo_id (const char *table,
         const char *key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8   digest[32];
  gsize    length = sizeof digest;
  GString *id = g_string_sized_new (36);

  g_checksum_update (checksum, (const guchar *)"demo:", -1);
  g_checksum_update (checksum, (const guchar *)table, -1);
  g_checksum_update (checksum, (const guchar *)":", -1);
  g_checksum_update (checksum, (const guchar *)key, -1);
  g_checksum_get_digest (checksum, digest, &length);

  digest[6] = (digest[6] & 0x0f) | 0x40;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        g_string_append_c (id, '-');
      g_string_append_printf (id, "%02x", digest[i]);
    }

  return g_string_free (id, FALSE);
}

static gboolean
refers_to_skipped (DemoLoader  *loader,
                   LotseRecord *record)
{
  const LotseTable *table = lotse_record_get_table (record);

  if (g_hash_table_size (loader->skipped) == 0)
    return FALSE;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *value = lotse_record_get_nth (record, i);

      if (table->fields[i].type == LOTSE_FIELD_REF && value != NULL &&
          g_hash_table_contains (loader->skipped, value))
        return TRUE;
    }

  return FALSE;
}

/* Inserts @record unless a row with its id is there already. */
static gboolean
demo_write (DemoLoader   *loader,
            LotseRecord  *record,
            const char   *key,
            GError      **error)
{
  const char *table = lotse_record_get_table_name (record);
  const char *id = lotse_record_get_id (record);
  g_autoptr(LotseRecord) existing = NULL;
  g_autoptr(GError) local_error = NULL;

  existing = lotse_store_get (loader->store, table, id, &local_error);
  if (existing != NULL)
    return TRUE;

  if (!g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  if (refers_to_skipped (loader, record))
    {
      g_hash_table_add (loader->skipped, g_strdup (id));
      return TRUE;
    }

  /* Only a valid row can fail to insert for having a taken id: then it is
   * a demo row that was deleted (a tombstone), which we leave alone. */
  if (!lotse_store_validate (loader->store, record, error))
    {
      prefix_row (error, table, key);
      return FALSE;
    }

  if (!lotse_store_insert (loader->store, record, &local_error))
    {
      if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE))
        {
          g_hash_table_add (loader->skipped, g_strdup (id));
          return TRUE;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  loader->n_inserted++;

  return TRUE;
}

/* --- JSON --------------------------------------------------------------- */

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return node_string (json_object_get_member (object, name));
}

/* A string, or an array of strings taken as lines. */
static char *
node_text (JsonNode *node)
{
  JsonArray *lines;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) strv = NULL;

  if (node_string (node) != NULL)
    return g_strdup (node_string (node));

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  lines = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      const char *line = node_string (json_array_get_element (lines, i));

      if (line == NULL)
        return NULL;
      g_strv_builder_add (builder, line);
    }

  strv = g_strv_builder_end (builder);
  return g_strjoinv ("\n", strv);
}

/* --- meetings ------------------------------------------------------------ */

static JsonObject *
find_row (JsonObject *tables,
          const char *table,
          const char *key)
{
  JsonNode *rows = json_object_get_member (tables, table);
  JsonArray *array;

  if (key == NULL || rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows))
    return NULL;

  array = json_node_get_array (rows);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *row = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (row) &&
          g_strcmp0 (member_string (json_node_get_object (row), "key"), key) == 0)
        return json_node_get_object (row);
    }

  return NULL;
}

/* Places every meeting before any row is read, so that a text can name
 * the day of any meeting. */
static gboolean
place_meetings (DemoLoader  *loader,
                JsonObject  *tables,
                GError     **error)
{
  JsonArray *meetings;

  if (!json_object_has_member (tables, "meeting"))
    return TRUE;

  meetings = json_object_get_array_member (tables, "meeting");
  for (guint i = 0; i < json_array_get_length (meetings); i++)
    {
      JsonNode *node = json_array_get_element (meetings, i);
      JsonObject *meeting = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = meeting != NULL ? member_string (meeting, "key") : NULL;
      JsonObject *series = NULL;
      g_autofree char *problem = NULL;

      /* A row without a key is reported when it is read, a start that is
       * no string too. */
      if (key == NULL)
        continue;

      series = find_row (tables, "meeting_series", member_string (meeting, "series_id"));
      if (!lotse_demo_calendar_place_meeting (loader->calendar, key,
                                              member_string (meeting, "starts_at"),
                                              series != NULL ? member_string (series, "recurrence")
                                                             : NULL,
                                              &problem, error))
        return problem != NULL ? data_error (error, "meeting", key, problem) : FALSE;
    }

  return TRUE;
}

/* --- reading the rows ---------------------------------------------------- */

typedef struct
{
  DemoLoader       *loader;
  const LotseTable *table;
  const char       *key;
  /* The days the row's dates move: as far as its meeting did, if any. */
  int               shift;
} DemoRow;

/* The stored value of @field for @node, which must have the field's type. */
static char *
field_value (DemoRow           *row,
             const LotseField  *field,
             JsonNode          *node,
             char             **problem,
             GError           **error)
{
  LotseDemoCalendar *calendar = row->loader->calendar;
  g_autofree char *text = field->type == LOTSE_FIELD_TEXT ? node_text (node)
                                                          : g_strdup (node_string (node));

  if (field->type == LOTSE_FIELD_INT && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  if (text == NULL || field->type == LOTSE_FIELD_INT)
    {
      /* Translators: %s is the name of a field */
      *problem = g_strdup_printf (_("the field “%s” has a value of the wrong kind"),
                                  field->name);
      return NULL;
    }

  switch (field->type)
    {
    case LOTSE_FIELD_TEXT:
      return lotse_demo_calendar_render (calendar, text, row->shift, problem, error);
    case LOTSE_FIELD_REF:
      return demo_id (field->ref_table, text);
    case LOTSE_FIELD_DATE:
      return lotse_demo_calendar_move_date (calendar, text, row->shift, problem, error);
    case LOTSE_FIELD_DATETIME:
      if (g_str_equal (row->table->name, "meeting") && g_str_equal (field->name, "starts_at"))
        return lotse_demo_calendar_get_start (calendar, row->key);
      return lotse_demo_calendar_move_time (calendar, text, row->shift, problem, error);
    case LOTSE_FIELD_ENUM:
    case LOTSE_FIELD_INT:
    default:
      return g_steal_pointer (&text);
    }
}

/* Sets the fields of @record from the members of @object. */
static gboolean
fill_record (DemoRow      *row,
             LotseRecord  *record,
             JsonObject   *object,
             GError      **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const LotseField *field = lotse_table_lookup_field (row->table, name);
      g_autofree char *problem = NULL;
      g_autofree char *value = NULL;

      if (g_str_equal (name, "key"))
        continue;

      if (field == NULL)
        /* Translators: %s is the name of a field */
        problem = g_strdup_printf (_("there is no field “%s”"), name);
      else
        value = field_value (row, field, json_object_get_member (object, name), &problem, error);

      if (problem != NULL)
        return data_error (error, row->table->name, row->key, problem);
      if (value == NULL)
        return FALSE;

      lotse_record_set (record, name, value);
    }

  return TRUE;
}

/* The meeting a row belongs to, whose dates its dates follow. */
static const char *
row_meeting (const LotseTable *table,
             const char       *key,
             JsonObject       *object)
{
  if (g_str_equal (table->name, "meeting"))
    return key;

  if (lotse_table_lookup_field (table, "meeting_id") != NULL)
    return member_string (object, "meeting_id");

  return NULL;
}

static gboolean
load_row (DemoLoader        *loader,
          const LotseTable  *table,
          JsonNode          *node,
          GError           **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *key = object != NULL ? member_string (object, "key") : NULL;
  g_autoptr(LotseRecord) record = NULL;
  g_autofree char *id = NULL;
  DemoRow row = { loader, table, key, 0 };

  if (key == NULL || *key == '\0')
    return data_error (error, table->name, NULL, _("a row has no key"));

  id = demo_id (table->name, key);
  if (!g_hash_table_add (loader->seen, g_strdup (id)))
    return data_error (error, table->name, key, _("the key is used twice"));

  record = lotse_record_new_for_table (table->name);
  lotse_record_set_id (record, id);
  row.shift = lotse_demo_calendar_get_shift (loader->calendar, row_meeting (table, key, object));

  return fill_record (&row, record, object, error) && demo_write (loader, record, key, error);
}

/* Every member of @tables must be a table of the schema with rows. */
static gboolean
check_tables (JsonObject  *tables,
              GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (tables);

  for (GList *l = names; l != NULL; l = l->next)
    {
      if (lotse_schema_lookup_table (l->data) == NULL ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (tables, l->data)))
        return data_error (error, l->data, NULL, _("this is not a table of rows"));
    }

  return TRUE;
}

static gboolean
load_tables (DemoLoader  *loader,
             JsonObject  *tables,
             GError     **error)
{
  const LotseTable * const *schema;
  guint n_tables;

  /* The schema lists parents before children. */
  schema = lotse_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      JsonArray *rows;

      if (!json_object_has_member (tables, schema[i]->name))
        continue;

      rows = json_object_get_array_member (tables, schema[i]->name);
      for (guint j = 0; j < json_array_get_length (rows); j++)
        {
          if (!load_row (loader, schema[i], json_array_get_element (rows, j), error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_error (GError     **error,
            const char  *problem)
{
  /* Translators: %s says what is wrong */
  g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE,
               _("The demo data cannot be read: %s"), problem);
  return FALSE;
}

static JsonObject *
parse_data (JsonParser  *parser,
            const char  *json,
            gssize       length,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    return read_error (error, local_error->message), NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (root), "tables")))
    return read_error (error, _("there are no tables")), NULL;

  return json_node_get_object (root);
}

/**
 * lotse_demo_load_json:
 * @store: the store
 * @json: demo data in the format of lotse-demo.json
 * @length: the length of @json, or -1 when it is nul-terminated
 * @today: (nullable): the load day, YYYY-MM-DD, or %NULL for the local date
 * @n_inserted: (out) (optional): the number of rows inserted
 * @error: a location for a #GError
 *
 * What lotse_demo_load() does, with other data.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_demo_load_json (LotseStore  *store,
                      const char  *json,
                      gssize       length,
                      const char  *today,
                      guint       *n_inserted,
                      GError     **error)
{
  g_auto(DemoLoader) loader = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *load_day = NULL;
  JsonObject *data;
  JsonObject *tables;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (n_inserted != NULL)
    *n_inserted = 0;

  data = parse_data (parser, json, length, error);
  if (data == NULL)
    return FALSE;

  load_day = today != NULL ? g_strdup (today) : lotse_monitor_today ();
  zone = lotse_office_get_time_zone (store);
  loader.calendar = lotse_demo_calendar_new (member_string (data, "today"), zone, load_day, error);
  if (loader.calendar == NULL)
    return FALSE;

  loader.store = store;
  loader.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  tables = json_object_get_object_member (data, "tables");
  if (!check_tables (tables, error) || !place_meetings (&loader, tables, error) ||
      !lotse_store_begin (store, error))
    return FALSE;

  if (!load_tables (&loader, tables, error) || !lotse_store_commit (store, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  if (n_inserted != NULL)
    *n_inserted = loader.n_inserted;

  return TRUE;
}

/**
 * lotse_demo_load:
 * @store: the store
 * @today: (nullable): the day to load the demo for, YYYY-MM-DD, or %NULL
 *   for the local date of today
 * @n_inserted: (out) (optional): the number of rows inserted
 * @error: a location for a #GError
 *
 * Loads the demo programme office through the ordinary validated write
 * path (so the rows also go to the outbox), in one transaction, with its
 * dates moved to @today (see the top of this file). Rows that are present
 * already – also as deleted rows – are left alone, so loading again
 * inserts nothing, whatever the day. On failure nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_demo_load (LotseStore  *store,
                 const char  *today,
                 guint       *n_inserted,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *json;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);

  bytes = g_resources_lookup_data (DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  json = g_bytes_get_data (bytes, &size);

  return lotse_demo_load_json (store, json, (gssize) size, today, n_inserted, error);
}
