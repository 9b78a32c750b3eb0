/* test-sync-random.c: seeded random offline edits on two and three
 * devices, then convergence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Devices edit, delete, tag and untag while offline and sync at random
 * moments. In the end every device holds exactly the server's rows, and
 * every edit anybody saved is on the server, in its history, or in a
 * conflict on the device that made it. The seed is printed;
 * LOTSE_SYNC_SEED=N repeats a run, LOTSE_SYNC_ROUNDS=N makes it longer.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotse-test-sync.h"

typedef struct
{
  char            *dir;
  LotseTestServer *server;
} Fixture;

/* One saved edit: the field's value, or a deletion (field NULL). */
typedef struct
{
  guint       client;
  const char *table;
  char       *id;
  const char *field;
  char       *value;
  char       *seen;    /* the field's value on the device before the edit */
} SavedEdit;

static void
saved_edit_free (SavedEdit *edit)
{
  g_free (edit->id);
  g_free (edit->value);
  g_free (edit->seen);
  g_free (edit);
}

typedef struct
{
  GRand      *rand;
  TestClient *clients[3];
  guint       n_clients;
  GPtrArray  *edits;
  guint       counter;
} Run;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const args[] = { "--rate-limit", "100000", "--rate-burst", "100000", NULL };

  fixture->dir = lotse_test_make_tmpdir ();
  fixture->server = lotse_test_server_new ();
  lotse_test_server_add_user (fixture->server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (fixture->server, "ben", "editor", "secret-ben");
  lotse_test_server_add_user (fixture->server, "carla", "editor", "secret-carla");
  lotse_test_server_start (fixture->server, args, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lotse_test_server_stop (fixture->server);
  lotse_test_server_free (fixture->server);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static const char * const words[] = {
  "Bielefeld", "Paderborn", "Detmold", "Minden", "Herford", "Lemgo", "Gütersloh", "Höxter",
  "Digitalisierung", "Mobilität", "Energie", "Bildung", "Verwaltung", "Beteiligung",
};

static char *
random_text (Run *run)
{
  return g_strdup_printf ("%s %u", words[g_rand_int_range (run->rand, 0, G_N_ELEMENTS (words))],
                          run->counter++);
}

static void
remember (Run        *run,
          guint       client,
          const char *table,
          const char *id,
          const char *field,
          const char *value,
          const char *seen)
{
  SavedEdit *edit = g_new0 (SavedEdit, 1);
  const LotseTable *schema = lotse_schema_lookup_table (table);

  edit->client = client;
  edit->table = schema->name;
  edit->id = g_strdup (id);
  edit->field = field ? lotse_table_lookup_field (schema, field)->name : NULL;
  edit->value = g_strdup (value);
  edit->seen = g_strdup (seen);
  g_ptr_array_add (run->edits, edit);
}

static GPtrArray *
live_rows (TestClient *client,
           const char *table)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lotse_store_list (client->store, table, NULL, 0, NULL, 0, 0, &error);

  g_assert_no_error (error);
  return rows;
}

static LotseRecord *
pick (Run       *run,
      GPtrArray *rows)
{
  if (rows->len == 0)
    return NULL;

  return g_ptr_array_index (rows, g_rand_int_range (run->rand, 0, rows->len));
}

static void
random_edit (Run   *run,
             guint  index)
{
  TestClient *client = run->clients[index];
  g_autoptr(GError) error = NULL;
  int action = g_rand_int_range (run->rand, 0, 100);

  if (action < 20)
    {
      g_autofree char *name = random_text (run);
      g_autoptr(LotseRecord) record = lotse_record_new_for_table ("organisation");

      lotse_record_set (record, "name", name);
      lotse_store_insert (client->store, record, &error);
      g_assert_no_error (error);
      remember (run, index, "organisation", lotse_record_get_id (record), "name", name, NULL);
    }
  else if (action < 60)
    {
      static const char * const fields[] = { "name", "city", "notes", "kind" };
      static const char * const kinds[] = { "company", "university", "municipality", "chamber" };
      g_autoptr(GPtrArray) rows = live_rows (client, "organisation");
      LotseRecord *record = pick (run, rows);
      const char *field = fields[g_rand_int_range (run->rand, 0, G_N_ELEMENTS (fields))];
      g_autofree char *value = NULL;
      g_autofree char *seen = NULL;

      if (record == NULL)
        return;

      /* Often the same few values, so that equal edits happen too. */
      if (g_str_equal (field, "kind"))
        value = g_strdup (kinds[g_rand_int_range (run->rand, 0, G_N_ELEMENTS (kinds))]);
      else if (g_rand_boolean (run->rand))
        value = g_strdup (words[g_rand_int_range (run->rand, 0, 3)]);
      else
        value = random_text (run);

      seen = g_strdup (lotse_record_get (record, field));
      lotse_record_set (record, field, value);
      lotse_store_update (client->store, record, &error);
      g_assert_no_error (error);
      remember (run, index, "organisation", lotse_record_get_id (record), field, value, seen);
    }
  else if (action < 70)
    {
      g_autoptr(GPtrArray) rows = live_rows (client, "organisation");
      LotseRecord *record = pick (run, rows);

      if (record == NULL)
        return;

      lotse_store_delete (client->store, "organisation", lotse_record_get_id (record), &error);
      g_assert_no_error (error);
      remember (run, index, "organisation", lotse_record_get_id (record), NULL, NULL, NULL);
    }
  else if (action < 85)
    {
      g_autoptr(GPtrArray) articles = live_rows (client, "article");
      g_autoptr(GPtrArray) tags = live_rows (client, "tag");
      LotseRecord *article = pick (run, articles);
      LotseRecord *tag = pick (run, tags);
      g_autoptr(LotseRecord) link = lotse_record_new_for_table ("article_tag");

      if (article == NULL || tag == NULL)
        return;

      lotse_record_set (link, "article_id", lotse_record_get_id (article));
      lotse_record_set (link, "tag_id", lotse_record_get_id (tag));
      lotse_store_insert (client->store, link, &error);
      g_assert_no_error (error);
      remember (run, index, "article_tag", lotse_record_get_id (link), "tag_id", lotse_record_get_id (tag), NULL);
    }
  else
    {
      g_autoptr(GPtrArray) links = live_rows (client, "article_tag");
      LotseRecord *link = pick (run, links);

      if (link == NULL)
        return;

      lotse_store_delete (client->store, "article_tag", lotse_record_get_id (link), &error);
      g_assert_no_error (error);
      remember (run, index, "article_tag", lotse_record_get_id (link), NULL, NULL, NULL);
    }
}

static void
resolve_all (Run *run)
{
  for (guint i = 0; i < run->n_clients; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) conflicts = lotse_store_sync_list_conflicts (run->clients[i]->store, FALSE, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < conflicts->len; j++)
        {
          LotseConflict *conflict = g_ptr_array_index (conflicts, j);

          lotse_sync_resolve_conflict (run->clients[i]->store, conflict->id,
                                       g_rand_boolean (run->rand) ? LOTSE_SYNC_TAKE_MINE : LOTSE_SYNC_TAKE_THEIRS,
                                       &error);
          g_assert_no_error (error);
        }
    }
}

static gboolean
settled (Run *run)
{
  for (guint i = 0; i < run->n_clients; i++)
    {
      if (lotse_store_count_outbox (run->clients[i]->store) != 0 ||
          lotse_store_sync_count_conflicts (run->clients[i]->store) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Every client holds the server's rows: same revision, deleted flag and
 * field values. */
static void
assert_converged (Fixture *fixture,
                  Run     *run)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;

  g_assert_cmpint (sqlite3_open_v2 (lotse_test_server_get_copy (fixture->server), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT tbl, id, rev, deleted, fields FROM rows", -1, &stmt, NULL),
                   ==, SQLITE_OK);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *)sqlite3_column_text (stmt, 0);
      const char *id = (const char *)sqlite3_column_text (stmt, 1);
      g_autoptr(JsonNode) fields = json_from_string ((const char *)sqlite3_column_text (stmt, 4), NULL);
      const LotseTable *schema = lotse_schema_lookup_table (table);

      n_rows++;
      for (guint i = 0; i < run->n_clients; i++)
        {
          g_autoptr(LotseRecord) record = lotse_store_sync_get_row (run->clients[i]->store, table, id, NULL);

          g_assert_nonnull (record);
          g_assert_cmpint (lotse_record_get_rev (record), ==, sqlite3_column_int64 (stmt, 2));
          g_assert_cmpint (lotse_record_get_deleted (record), ==, sqlite3_column_int (stmt, 3));
          for (guint f = 0; f < schema->n_fields; f++)
            {
              JsonNode *value = json_object_get_member (json_node_get_object (fields), schema->fields[f].name);
              g_autofree char *text = NULL;

              if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
                text = json_node_get_value_type (value) == G_TYPE_INT64
                         ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value))
                         : g_strdup (json_node_get_string (value));
              g_assert_cmpstr (lotse_record_get_nth (record, f), ==, text);
            }
        }
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Nothing on a device that the server lacks. */
  for (guint i = 0; i < run->n_clients; i++)
    g_assert_cmpint (test_client_count (run->clients[i],
                                        "SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM article)"
                                        " + (SELECT count(*) FROM tag) + (SELECT count(*) FROM article_tag)"),
                     ==, n_rows);
}

static gboolean
in_conflicts (TestClient *client,
              SavedEdit  *edit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = lotse_store_sync_list_conflicts (client->store, TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LotseConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autoptr(JsonNode) mine = NULL;
      JsonObject *object;

      if (!g_str_equal (conflict->row_id, edit->id))
        continue;

      mine = json_from_string (conflict->mine_json, NULL);
      object = json_node_get_object (mine);
      if (edit->field == NULL)
        {
          if (json_object_get_boolean_member (object, "deleted"))
            return TRUE;
        }
      else if (g_strcmp0 (json_object_get_string_member (json_object_get_object_member (object, "fields"),
                                                         edit->field), edit->value) == 0)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static void
assert_nothing_lost (Fixture *fixture,
                     Run     *run)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *value_stmt = NULL;
  sqlite3_stmt *delete_stmt = NULL;
  guint in_history = 0;
  guint in_conflict = 0;

  g_assert_cmpint (sqlite3_open_v2 (lotse_test_server_get_copy (fixture->server), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM history WHERE tbl = ? AND id = ?"
                                           " AND json_extract(fields, '$.' || ?) IS ?", -1, &value_stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM history WHERE tbl = ? AND id = ? AND deleted = 1",
                                       -1, &delete_stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < run->edits->len; i++)
    {
      SavedEdit *edit = g_ptr_array_index (run->edits, i);
      sqlite3_stmt *stmt = edit->field ? value_stmt : delete_stmt;
      gint64 found;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, edit->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, edit->id, -1, SQLITE_STATIC);
      if (edit->field != NULL)
        {
          sqlite3_bind_text (stmt, 3, edit->field, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, edit->value, -1, SQLITE_STATIC);
        }
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      found = sqlite3_column_int64 (stmt, 0);

      if (found > 0)
        in_history++;
      else if (in_conflicts (run->clients[edit->client], edit))
        in_conflict++;
      else
        g_error ("Lost: client %u set %s %s %s to “%s”", edit->client, edit->table, edit->id,
                 edit->field ? edit->field : "(deleted)", edit->value ? edit->value : "");
    }

  g_test_message ("%u saved edits: %u in the server's history, %u only in conflicts",
                  run->edits->len, in_history, in_conflict);

  sqlite3_finalize (value_stmt);
  sqlite3_finalize (delete_stmt);
  sqlite3_close (db);
}

/* Whether @client has a conflict (open or resolved) of row @id over
 * @field, or over the whole row: resolving it is the person's decision, taken with both sides
 * shown. */
static gboolean
conflict_on_field (TestClient *client,
                   const char *id,
                   const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = lotse_store_sync_list_conflicts (client->store, TRUE, &error);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", field);

  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LotseConflict *conflict = g_ptr_array_index (conflicts, i);

      /* An edit-against-delete conflict ([]) puts the whole row in question. */
      if (g_str_equal (conflict->row_id, id) && conflict->fields_json != NULL &&
          (strstr (conflict->fields_json, quoted) != NULL || g_str_equal (conflict->fields_json, "[]")))
        return TRUE;
    }

  return FALSE;
}

/* No value one device saved was overwritten on the server by another
 * device that had not seen it: for each organisation field whose value,
 * set by one device, a revision of another device changed (both revisions
 * live), the overwriting device saved the new value while showing the old
 * one, or it had a conflict over that field (and resolved it). A
 * later edit rebased onto a revision its device never showed fails here. */
static void
assert_no_blind_overwrite (Fixture *fixture,
                           Run     *run)
{
  const LotseTable *schema = lotse_schema_lookup_table ("organisation");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *last_id = NULL;
  g_autoptr(JsonNode) last_fields = NULL;
  /* Per field, the device whose revision set its current value. */
  g_auto(GStrv) setter = g_new0 (char *, schema->n_fields + 1);
  gboolean last_deleted = TRUE;
  guint checked = 0;

  g_assert_cmpint (sqlite3_open_v2 (lotse_test_server_get_copy (fixture->server), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, deleted, fields, device_id FROM history"
                                           " WHERE tbl = 'organisation' ORDER BY id, rev", -1, &stmt, NULL),
                   ==, SQLITE_OK);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      gboolean deleted = sqlite3_column_int (stmt, 1);
      g_autoptr(JsonNode) fields = json_from_string ((const char *)sqlite3_column_text (stmt, 2), NULL);
      const char *device = (const char *)sqlite3_column_text (stmt, 3);
      guint writer = G_MAXUINT;

      for (guint i = 0; i < run->n_clients; i++)
        if (g_strcmp0 (run->clients[i]->device_id, device) == 0)
          writer = i;
      g_assert_cmpuint (writer, <, run->n_clients);

      if (g_strcmp0 (id, last_id) != 0)
        {
          for (guint f = 0; f < schema->n_fields; f++)
            g_clear_pointer (&setter[f], g_free);
        }
      else
        {
          for (guint f = 0; f < schema->n_fields; f++)
            {
              const char *name = schema->fields[f].name;
              const char *before = json_object_get_string_member_with_default (json_node_get_object (last_fields),
                                                                               name, NULL);
              const char *after = json_object_get_string_member_with_default (json_node_get_object (fields),
                                                                              name, NULL);
              gboolean seen = FALSE;
              gboolean own = g_strcmp0 (setter[f], device) == 0;

              if (g_strcmp0 (before, after) == 0)
                continue;

              g_free (setter[f]);
              setter[f] = g_strdup (device);
              /* Overwriting one's own value, or across a delete, is not
               * what this checks. */
              if (own || deleted || last_deleted)
                continue;

              checked++;
              for (guint e = 0; e < run->edits->len && !seen; e++)
                {
                  SavedEdit *edit = g_ptr_array_index (run->edits, e);

                  seen = edit->client == writer && edit->field == name && g_str_equal (edit->id, id) &&
                         g_strcmp0 (edit->value, after) == 0 && g_strcmp0 (edit->seen, before) == 0;
                }
              if (!seen && !conflict_on_field (run->clients[writer], id, name))
                g_error ("Overwritten unseen: client %u set organisation %s %s from “%s” to “%s”",
                         writer, id, name, before ? before : "", after ? after : "");
            }
        }

      g_free (last_id);
      last_id = g_strdup (id);
      g_clear_pointer (&last_fields, json_node_unref);
      last_fields = g_steal_pointer (&fields);
      last_deleted = deleted;
    }

  g_test_message ("%u field changes over another device's value checked", checked);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static guint64
pick_seed (void)
{
  const char *text = g_getenv ("LOTSE_SYNC_SEED");
  guint64 seed;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &seed, NULL))
    return seed;

  return g_random_int ();
}

static void
run_random (Fixture *fixture,
            guint    n_clients)
{
  static const char * const users[] = { "anna", "ben", "carla" };
  guint64 seed = pick_seed ();
  const char *rounds_text = g_getenv ("LOTSE_SYNC_ROUNDS");
  guint64 rounds = 60;
  Run run = { 0, };
  LotseSyncStats total = { 0, };

  if (rounds_text != NULL)
    g_ascii_string_to_unsigned (rounds_text, 10, 1, 100000, &rounds, NULL);

  /* Printed so that a failure can be repeated with LOTSE_SYNC_SEED. */
  g_printerr ("# LOTSE_SYNC_SEED=%" G_GUINT64_FORMAT " (%u clients, %" G_GUINT64_FORMAT " rounds)\n",
              seed, n_clients, rounds);
  g_test_message ("LOTSE_SYNC_SEED=%" G_GUINT64_FORMAT, seed);

  run.rand = g_rand_new_with_seed ((guint32)seed);
  run.n_clients = n_clients;
  run.edits = g_ptr_array_new_with_free_func ((GDestroyNotify)saved_edit_free);
  for (guint i = 0; i < n_clients; i++)
    {
      g_autofree char *password = g_strdup_printf ("secret-%s", users[i]);

      run.clients[i] = test_client_new (fixture->server, fixture->dir, users[i], users[i], password);
    }

  /* A shared start: a few articles, tags and organisations. */
  {
    TestClient *first = run.clients[0];

    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *title = random_text (&run);
        g_autofree char *name = random_text (&run);
        g_autofree char *org = random_text (&run);
        g_autofree char *title_assignment = g_strdup_printf ("title=%s", title);
        g_autofree char *name_assignment = g_strdup_printf ("name=%s", name);
        g_autofree char *org_assignment = g_strdup_printf ("name=%s", org);

        g_free (test_client_add (first, "article", title_assignment, NULL));
        g_free (test_client_add (first, "tag", name_assignment, NULL));
        g_free (test_client_add (first, "organisation", org_assignment, NULL));
      }
    for (guint i = 0; i < n_clients; i++)
      test_client_sync (run.clients[i], NULL);
  }

  for (guint r = 0; r < rounds; r++)
    {
      guint index = g_rand_int_range (run.rand, 0, n_clients);
      guint n_edits = g_rand_int_range (run.rand, 1, 6);

      for (guint e = 0; e < n_edits; e++)
        random_edit (&run, index);

      if (g_rand_int_range (run.rand, 0, 100) < 40)
        {
          LotseSyncStats stats = { 0, };

          test_client_sync (run.clients[g_rand_int_range (run.rand, 0, n_clients)], &stats);
          total.pushed += stats.pushed;
          total.merged += stats.merged;
          total.conflicts += stats.conflicts;
          total.rejected += stats.rejected;
        }
    }

  /* Everybody comes back online; open conflicts are decided at random,
   * which can raise new ones, until all is quiet. */
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < n_clients; i++)
          {
            LotseSyncStats stats = { 0, };

            test_client_sync (run.clients[i], &stats);
            total.conflicts += stats.conflicts;
            total.rejected += stats.rejected;
          }

      if (settled (&run))
        break;
      resolve_all (&run);
    }

  g_test_message ("pushed %u, merged %u, conflicts %u, rejected %u", total.pushed, total.merged,
                  total.conflicts, total.rejected);
  g_assert_cmpuint (total.rejected, ==, 0);
  g_assert_true (settled (&run));
  assert_converged (fixture, &run);
  assert_nothing_lost (fixture, &run);
  assert_no_blind_overwrite (fixture, &run);

  for (guint i = 0; i < n_clients; i++)
    test_client_free (run.clients[i]);
  g_ptr_array_unref (run.edits);
  g_rand_free (run.rand);
}

static void
test_two_clients (Fixture       *fixture,
                  gconstpointer  data)
{
  run_random (fixture, 2);
}

static void
test_three_clients (Fixture       *fixture,
                    gconstpointer  data)
{
  run_random (fixture, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/random/two-clients", Fixture, NULL, fixture_set_up, test_two_clients, fixture_tear_down);
  g_test_add ("/sync/random/three-clients", Fixture, NULL, fixture_set_up, test_three_clients,
              fixture_tear_down);

  return g_test_run ();
}
