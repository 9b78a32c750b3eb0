/* test-sync-attachments.c: attachments between two laptops and a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file attached on one client reaches the other through a real
 * lotse-server: the row and the file, which is the same byte for byte.
 * Files only on open; a server that refuses a file (size, quota) and
 * says so while the rows still sync; the client killed halfway through
 * an upload and a download (the real lotse-cli with LOTSE_SYNC_FAULT),
 * after which the next sync completes and no partial file is ever taken
 * for the attachment.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lotse-sync-blobs.h"
#include "lotse-test-sync.h"

typedef struct
{
  char            *dir;
  LotseTestServer *server;
} Fixture;

static const char * const quota_args[] = { "--blob-quota", "200000", NULL };
static const char * const size_args[] = { "--max-blob", "100000", NULL };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const *args = data;

  f->dir = lotse_test_make_tmpdir ();
  f->server = lotse_test_server_new ();
  lotse_test_server_add_user (f->server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (f->server, "ben", "editor", "secret-ben");
  lotse_test_server_start (f->server, args, NULL);
}

static void
fixture_set_up_quota (Fixture       *f,
                      gconstpointer  data)
{
  fixture_set_up (f, quota_args);
}

static void
fixture_set_up_size (Fixture       *f,
                     gconstpointer  data)
{
  fixture_set_up (f, size_args);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lotse_test_server_stop (f->server);
  lotse_test_server_free (f->server);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
make_content (gsize size)
{
  char *content = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    content[i] = (char)((i * 31 + i / 977) & 0xff);
  return content;
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *content,
            gsize       size)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, size, NULL));
  return g_file_new_for_path (path);
}

static char *
server_blob (Fixture    *f,
             const char *sha256)
{
  g_autofree char *dir = g_build_filename (lotse_test_server_get_data_dir (f->server), "blobs", "default", NULL);

  return lotse_blob_store_path (dir, sha256);
}

static void
assert_has_file (LotseStore  *store,
                 const char  *attachment,
                 const char  *content,
                 gsize        size)
{
  g_autoptr(LotseRecord) row = lotse_store_get (store, LOTSE_TABLE_ATTACHMENT, attachment, NULL);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_nonnull (row);
  path = lotse_attachment_dup_path (store, row);
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (data, length, content, size);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static gboolean
fetch_one (TestClient  *client,
           Fixture     *f,
           const char  *sha256,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lotse_sync_blobs_run_async (client->store, lotse_test_server_get_url (f->server),
                              lotse_sync_client_get_server_id (client->client), client->token, FALSE, sha256,
                              NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lotse_sync_blobs_run_finish (client->store, result, NULL, error);
}

static void
test_two_clients (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TestClient) a = test_client_new (f->server, f->dir, "a", "anna", "secret-anna");
  g_autoptr(TestClient) b = test_client_new (f->server, f->dir, "b", "ben", "secret-ben");
  g_autoptr(TestClient) c = test_client_new (f->server, f->dir, "c", "ben", "secret-ben");
  gsize size = 5 * 1024 * 1024 + 17;
  g_autofree char *content = make_content (size);
  g_autoptr(GFile) file = write_file (f, "Förderbescheid.pdf", content, size);
  g_autofree char *project = test_client_add (a, "project", "title=Modellregion", NULL);
  g_autoptr(LotseRecord) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_server = NULL;
  LotseSyncStats stats = { 0 };
  const char *sha;

  row = lotse_attachment_add (a->store, "project", project, file, NULL, &error);
  g_assert_no_error (error);
  sha = lotse_record_get (row, LOTSE_ATTACHMENT_SHA256);
  test_client_sync (a, &stats);
  g_assert_cmpuint (stats.files_sent, ==, 1);
  on_server = server_blob (f, sha);
  g_assert_true (g_file_test (on_server, G_FILE_TEST_IS_REGULAR));

  /* B keeps everything offline (the default): row and file arrive. */
  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.files_received, ==, 1);
  g_assert_cmpstr (test_client_get (b, "attachment", lotse_record_get_id (row), "name"), ==, "Förderbescheid.pdf");
  assert_has_file (b->store, lotse_record_get_id (row), content, size);

  /* C fetches files only when opened: the row says it is not here. */
  lotse_sync_client_set_keep_files_offline (c->client, FALSE);
  test_client_sync (c, &stats);
  g_assert_cmpuint (stats.files_received, ==, 0);
  {
    g_autoptr(LotseRecord) on_c = lotse_store_get (c->store, LOTSE_TABLE_ATTACHMENT, lotse_record_get_id (row), NULL);
    g_autofree char *path = lotse_attachment_dup_path (c->store, on_c);

    g_assert_nonnull (on_c);
    g_assert_null (path);
  }
  /* Opening it fetches it. */
  g_assert_true (fetch_one (c, f, sha, NULL));
  assert_has_file (c->store, lotse_record_get_id (row), content, size);
  g_assert_cmpint (test_client_count (c, "SELECT count(*) FROM attachment"), ==, 1);
}

/* A server that takes no more: the row syncs, the file stays here, the
 * cycle says why; the other laptop shows the file as not available. */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TestClient) a = test_client_new (f->server, f->dir, "a", "anna", "secret-anna");
  g_autoptr(TestClient) b = test_client_new (f->server, f->dir, "b", "ben", "secret-ben");
  gsize size = 300 * 1024;
  g_autofree char *content = make_content (size);
  g_autoptr(GFile) small = write_file (f, "small.txt", "klein\n", 6);
  g_autoptr(GFile) large = write_file (f, "large.bin", content, size);
  g_autofree char *meeting = test_client_add (a, "meeting", "title=Jour fixe", NULL);
  g_autoptr(LotseRecord) first = lotse_attachment_add (a->store, "meeting", meeting, small, NULL, NULL);
  g_autoptr(LotseRecord) second = lotse_attachment_add (a->store, "meeting", meeting, large, NULL, NULL);
  g_autoptr(GError) error = NULL;
  LotseSyncStats stats = { 0 };

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  error = test_client_sync_error (a, &stats);
  g_assert_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_SERVER);
  g_assert_true (strstr (error->message, (const char *)data) != NULL);
  g_assert_cmpint (lotse_test_server_query_int (f->server, "SELECT count(*) FROM rows WHERE tbl = 'attachment'"),
                   ==, 2);

  test_client_sync (b, &stats);
  g_assert_cmpuint (stats.files_missing, ==, 1);
  assert_has_file (b->store, lotse_record_get_id (first), "klein\n", 6);
  {
    g_autoptr(LotseRecord) row = lotse_store_get (b->store, LOTSE_TABLE_ATTACHMENT, lotse_record_get_id (second), NULL);
    g_autofree char *path = lotse_attachment_dup_path (b->store, row);

    g_assert_nonnull (row);
    g_assert_null (path);
  }
}

static LotseTestCliResult *
cli_sync (Fixture    *f,
          const char *db,
          const char *user,
          const char *fault)
{
  g_autofree char *env_fault = fault ? g_strdup_printf ("LOTSE_SYNC_FAULT=%s", fault) : NULL;
  const char * const env[] = { env_fault, NULL };
  g_autofree char *password = user ? g_strdup_printf ("secret-%s\n", user) : NULL;

  if (user != NULL)
    return test_sync_cli (f->dir, password, env, "--db", db, "sync", "--server",
                          lotse_test_server_get_url (f->server), "--user", user, "--password-stdin", NULL);
  return test_sync_cli (f->dir, NULL, env, "--db", db, "sync", NULL);
}

static guint
count_partial (const char *db)
{
  g_autofree char *dir = g_strconcat (db, ".blobs/partial", NULL);
  g_autoptr(GDir) partial = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (partial != NULL && g_dir_read_name (partial) != NULL)
    n++;
  return n;
}

/* lotse-cli killed halfway through an upload, then through a download:
 * the next sync completes, and nothing half is served or opened. */
static void
test_client_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *db_a = g_build_filename (f->dir, "a.db", NULL);
  g_autofree char *db_b = g_build_filename (f->dir, "b.db", NULL);
  gsize size = 4 * 1024 * 1024;
  g_autofree char *content = make_content (size);
  g_autoptr(GFile) file = write_file (f, "Protokoll.pdf", content, size);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content, size);
  g_autofree char *on_server = server_blob (f, sha);
  g_autofree char *copy = g_build_filename (f->dir, "copy.pdf", NULL);
  g_autofree char *meeting = NULL;
  g_autofree char *attachment = NULL;
  g_autofree char *data_read = NULL;
  gsize length;

  {
    g_autoptr(LotseTestCliResult) r = test_sync_cli (f->dir, NULL, NULL, "--db", db_a, "add", "meeting",
                                                     "title=Jour fixe", NULL);
    g_assert_cmpint (r->status, ==, 0);
    meeting = g_strstrip (g_strdup (r->out));
  }
  {
    g_autoptr(LotseTestCliResult) r = test_sync_cli (f->dir, NULL, NULL, "--db", db_a, "attach", "meeting",
                                                     meeting, path, NULL);
    g_assert_cmpint (r->status, ==, 0);
    attachment = g_strstrip (g_strdup (r->out));
  }

  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_a, "anna", "exit-mid-blob-upload");
    g_assert_cmpint (r->status, ==, 99);
  }
  g_assert_false (g_file_test (on_server, G_FILE_TEST_EXISTS));
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_a, NULL, NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  g_assert_true (g_file_get_contents (on_server, &data_read, &length, NULL));
  g_assert_cmpmem (data_read, length, content, size);

  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_b, "ben", "exit-mid-blob-download");
    g_assert_cmpint (r->status, ==, 99);
  }
  g_assert_cmpuint (count_partial (db_b), ==, 1);
  {
    g_autoptr(LotseTestCliResult) r = test_sync_cli (f->dir, NULL, NULL, "--db", db_b, "get-attachment",
                                                     attachment, "-o", copy, NULL);
    g_assert_cmpint (r->status, ==, 1);
    g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_b, NULL, NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  g_assert_cmpuint (count_partial (db_b), ==, 0);
  {
    g_autoptr(LotseTestCliResult) r = test_sync_cli (f->dir, NULL, NULL, "--db", db_b, "get-attachment",
                                                     attachment, "-o", copy, NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  g_clear_pointer (&data_read, g_free);
  g_assert_true (g_file_get_contents (copy, &data_read, &length, NULL));
  g_assert_cmpmem (data_read, length, content, size);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/attachments/two-clients", Fixture, NULL, fixture_set_up, test_two_clients,
              fixture_tear_down);
  g_test_add ("/sync/attachments/client-killed", Fixture, NULL, fixture_set_up, test_client_killed,
              fixture_tear_down);
  /* The messages of lotse-sync-blobs.c, in the tests' C locale. */
  g_test_add_vtable ("/sync/attachments/quota", sizeof (Fixture), "no room",
                     (GTestFixtureFunc)fixture_set_up_quota, (GTestFixtureFunc)test_limits,
                     (GTestFixtureFunc)fixture_tear_down);
  g_test_add_vtable ("/sync/attachments/max-size", sizeof (Fixture), "file this large",
                     (GTestFixtureFunc)fixture_set_up_size, (GTestFixtureFunc)test_limits,
                     (GTestFixtureFunc)fixture_tear_down);

  return g_test_run ();
}
