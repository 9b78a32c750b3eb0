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
 * for the attachment; the server killed halfway through an upload, and
 * a server whose disk fills (RLIMIT_FSIZE, see test_server_disk_full),
 * after which the next sync completes the upload; a part of an upload
 * synced before the server acknowledges it (test_partial_synced).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

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


/* "available" of the attachments of @table @id in `lotse-cli attachments
 * --json`, as "1"/"0" in the order listed. */
static char *
cli_available (Fixture    *f,
               const char *db,
               const char *table,
               const char *id)
{
  g_autoptr(LotseTestCliResult) r = test_sync_cli (f->dir, NULL, NULL, "--db", db, "attachments", table, id,
                                                   "--json", NULL);
  g_autoptr(JsonNode) node = NULL;
  GString *flags = g_string_new (NULL);
  JsonArray *array;

  g_assert_cmpint (r->status, ==, 0);
  node = json_from_string (r->out, NULL);
  g_assert_nonnull (node);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_c (flags, json_object_get_boolean_member (json_array_get_object_element (array, i),
                                                              "available") ? '1' : '0');
  return g_string_free (flags, FALSE);
}

static char *
cli_add (Fixture    *f,
         const char *db,
         ...)
{
  g_autoptr(LotseTestCliResult) r = NULL;
  const char *argv[8] = { "--db", db };
  guint n = 2;
  va_list ap;

  va_start (ap, db);
  while (n < G_N_ELEMENTS (argv) - 1 && (argv[n] = va_arg (ap, const char *)) != NULL)
    n++;
  va_end (ap);
  argv[n] = NULL;
  r = test_sync_cli (f->dir, NULL, NULL, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], NULL);
  g_assert_cmpint (r->status, ==, 0);
  return g_strstrip (g_strdup (r->out));
}

/* A blob is whole on the server with @content, or absent. */
static void
assert_server_blob (Fixture     *f,
                    const char  *sha256,
                    const char  *content,
                    gsize        size)
{
  g_autofree char *path = server_blob (f, sha256);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autofree char *hash = NULL;

  if (content == NULL)
    {
      g_assert_null (mapped);
      return;
    }
  g_assert_nonnull (mapped);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped));
  g_assert_cmpstr (hash, ==, sha256);
  g_assert_cmpmem (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped), content, size);
}

/* What a GET of the blob answers, with its body's length. */
static guint
get_blob_status (Fixture    *f,
                 const char *sha256)
{
  g_autofree char *token = lotse_test_server_login (f->server, "ben", "secret-ben", NULL);
  g_autofree char *uri = g_strdup_printf ("%s/v1/blobs/%s", lotse_test_server_get_url (f->server), sha256);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  body = soup_session_send_and_read (lotse_test_server_get_session (f->server), msg, NULL, NULL);
  g_assert_nonnull (body);
  /* Never a short blob: an answer other than 200 has no blob bytes. */
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_assert_cmpuint (g_bytes_get_size (body), <, 4096);
  return soup_message_get_status (msg);
}

static void
restart_server_with (Fixture            *f,
                     const char * const *env)
{
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", lotse_test_server_get_port (f->server));
  const char * const args[] = { "--listen", listen, NULL };

  lotse_test_server_start (f->server, args, env);
}

static void
restart_server (Fixture *f)
{
  restart_server_with (f, NULL);
}

/* The client's parts (PART_SIZE of lotse-sync-blobs.c). */
#define UPLOAD_PART (32 * 1024 * 1024)

typedef struct
{
  Fixture *f;
  char    *partial;
  gint64   threshold;
  gint64   killed_at;  /* bytes of the partial upload when killed, or -1 */
} Killer;

static gboolean
kill_when_partial (gpointer data)
{
  Killer *k = data;
  GStatBuf st;

  if (g_stat (k->partial, &st) != 0 || st.st_size < k->threshold)
    return G_SOURCE_CONTINUE;
  g_assert_cmpint (kill (lotse_test_server_get_pid (k->f->server), SIGKILL), ==, 0);
  k->killed_at = st.st_size;
  return G_SOURCE_REMOVE;
}

static guint
count_puts (const char *log,
            const char *sha256)
{
  g_autofree char *put = g_strconcat (" PUT /v1/blobs/", sha256, " ", NULL);
  guint n = 0;

  for (const char *p = strstr (log, put); p != NULL; p = strstr (p + 1, put))
    n++;
  return n;
}

/* The server killed (SIGKILL) while lotse-cli sync sends a blob of three
 * parts, once the first part arrived: nothing is served meanwhile, and
 * after the restart the next sync continues where the server's partial
 * upload ends (one or two parts, not three) and the other laptop gets
 * the file. */
static void
test_server_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *db_a = g_build_filename (f->dir, "a.db", NULL);
  g_autofree char *db_b = g_build_filename (f->dir, "b.db", NULL);
  gsize size = 80 * 1024 * 1024 + 5;
  g_autofree char *content = make_content (size);
  g_autoptr(GFile) file = write_file (f, "Verwendungsnachweis.pdf", content, size);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content, size);
  g_autofree char *copy = g_build_filename (f->dir, "copy.pdf", NULL);
  g_autofree char *meeting = cli_add (f, db_a, "add", "meeting", "title=Jour fixe", NULL);
  g_autofree char *attachment = cli_add (f, db_a, "attach", "meeting", meeting, path, NULL);
  g_autofree char *log_before = NULL;
  g_autofree char *log = NULL;
  g_autofree char *available = NULL;
  g_autofree char *data_read = NULL;
  Killer killer = { f, NULL, UPLOAD_PART, -1 };
  GStatBuf st;
  gsize length;

  killer.partial = g_build_filename (lotse_test_server_get_data_dir (f->server), "blobs", "default", "partial",
                                     sha, NULL);
  g_timeout_add (5, kill_when_partial, &killer);
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_a, "anna", NULL);

    g_assert_cmpint (r->status, !=, 0);
  }
  g_assert_cmpint (killer.killed_at, >=, killer.threshold);
  lotse_test_server_wait (f->server);
  g_assert_cmpint (g_stat (killer.partial, &st), ==, 0);
  g_free (killer.partial);

  restart_server (f);
  log_before = lotse_test_server_get_log (f->server);
  assert_server_blob (f, sha, NULL, 0);
  g_assert_cmpuint (get_blob_status (f, sha), ==, SOUP_STATUS_NOT_FOUND);

  /* The other laptop gets the row and knows the file is not there yet. */
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_b, "ben", NULL);

    g_assert_cmpint (r->status, ==, 0);
  }
  available = cli_available (f, db_b, "meeting", meeting);
  g_assert_cmpstr (available, ==, "0");
  g_clear_pointer (&available, g_free);

  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_a, NULL, NULL);

    g_assert_cmpint (r->status, ==, 0);
  }
  assert_server_blob (f, sha, content, size);
  log = lotse_test_server_get_log (f->server);
  /* The parts from where the server's partial upload ends: HEAD told
   * the client, it sent no part twice and none from 0 (that would be
   * three). */
  g_assert_cmpuint (count_puts (log + strlen (log_before), sha), ==,
                    (size - st.st_size + UPLOAD_PART - 1) / UPLOAD_PART);

  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_b, NULL, NULL);

    g_assert_cmpint (r->status, ==, 0);
  }
  available = cli_available (f, db_b, "meeting", meeting);
  g_assert_cmpstr (available, ==, "1");
  {
    g_autoptr(LotseTestCliResult) r = test_sync_cli (f->dir, NULL, NULL, "--db", db_b, "get-attachment",
                                                     attachment, "-o", copy, NULL);
    g_assert_cmpint (r->status, ==, 0);
  }
  g_assert_true (g_file_get_contents (copy, &data_read, &length, NULL));
  g_assert_cmpmem (data_read, length, content, size);
}

/* A part of an upload, PUT as the client sends it, or with @length 0 the
 * HEAD the client asks first; returns the status and the Upload-Offset
 * the server answered. */
static guint
put_part (Fixture    *f,
          const char *sha256,
          const char *content,
          gsize       start,
          gsize       length,
          gsize       total,
          gint64     *out_offset)
{
  g_autofree char *token = lotse_test_server_login (f->server, "anna", "secret-anna", NULL);
  g_autofree char *uri = g_strdup_printf ("%s/v1/blobs/%s", lotse_test_server_get_url (f->server), sha256);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *range = g_strdup_printf ("bytes %zu-%zu/%zu", start, start + length - 1, total);
  g_autoptr(SoupMessage) msg = soup_message_new (length > 0 ? "PUT" : "HEAD", uri);
  g_autoptr(GBytes) body = g_bytes_new_static (content + start, length);
  g_autoptr(GBytes) answer = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  const char *offset;

  soup_message_headers_replace (headers, "Authorization", authorization);
  if (length > 0)
    {
      soup_message_headers_replace (headers, "Content-Range", range);
      soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
    }
  answer = soup_session_send_and_read (lotse_test_server_get_session (f->server), msg, NULL, NULL);
  g_assert_nonnull (answer);
  offset = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Upload-Offset");
  g_assert_nonnull (offset);
  *out_offset = g_ascii_strtoll (offset, NULL, 10);
  return soup_message_get_status (msg);
}

/* The server syncs a part of an upload to disk before it answers 202
 * (PROTOCOL.md, "Blobs"): a power cut cannot be had in a test, so the
 * server runs with lotse-fsync-spy.c preloaded, which notes every file
 * it synced. The partial file and, as it is new, its directory were
 * synced when 202 arrives; killed then, the server says after a restart
 * that the upload continues at the acknowledged offset, and the rest
 * completes the blob. */
static void
test_partial_synced (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *log_path = g_build_filename (f->dir, "fsync.log", NULL);
  g_autofree char *env_log = g_strconcat ("LOTSE_FSYNC_LOG=", log_path, NULL);
  g_autofree char *env_preload = g_strconcat ("LD_PRELOAD=", g_getenv ("LOTSE_FSYNC_SPY"), NULL);
  const char * const env[] = { env_preload, env_log, NULL };
  gsize size = 3 * 1024 * 1024 + 7, part = 1024 * 1024;
  g_autofree char *content = make_content (size);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content, size);
  g_autofree char *partial = g_strconcat ("/blobs/default/partial/", sha, "\n", NULL);
  g_autofree char *log = NULL;
  gint64 offset = -1;

  g_assert_nonnull (g_getenv ("LOTSE_FSYNC_SPY"));
  g_assert_cmpint (lotse_test_server_stop (f->server), ==, 0);
  restart_server_with (f, env);

  g_assert_cmpuint (put_part (f, sha, content, 0, part, size, &offset), ==, SOUP_STATUS_ACCEPTED);
  g_assert_cmpint (offset, ==, part);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, partial));
  g_assert_nonnull (strstr (log, "/blobs/default/partial\n"));

  g_assert_cmpint (kill (lotse_test_server_get_pid (f->server), SIGKILL), ==, 0);
  lotse_test_server_wait (f->server);
  restart_server (f);
  g_assert_cmpuint (put_part (f, sha, content, 0, 0, size, &offset), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpint (offset, ==, part);
  g_assert_cmpuint (get_blob_status (f, sha), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (put_part (f, sha, content, part, size - part, size, &offset), ==, SOUP_STATUS_CREATED);
  assert_server_blob (f, sha, content, size);
}

/* A blob on @db's laptop has @content, or is absent. */
static void
assert_local_blob (const char *db,
                   const char *sha256,
                   const char *content,
                   gsize       size)
{
  g_autofree char *dir = g_strconcat (db, ".blobs", NULL);
  g_autofree char *path = lotse_blob_store_path (dir, sha256);
  g_autofree char *data = NULL;
  gsize length;

  if (content == NULL)
    {
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      return;
    }
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (data, length, content, size);
}

/* A server whose file of a blob was damaged (a byte flipped on its disk)
 * serves it whole with a wrong hash: the laptop downloads it and the
 * others of the same sync, names only those whose hash it checked (in
 * the finisher thread of lotse-sync-blobs.c, while the next arrives),
 * says so, keeps no partial file, and gets the file once it is whole. */
static void
test_download_mismatch (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *db_a = g_build_filename (f->dir, "a.db", NULL);
  g_autofree char *db_b = g_build_filename (f->dir, "b.db", NULL);
  g_autofree char *meeting = cli_add (f, db_a, "add", "meeting", "title=Jour fixe", NULL);
  gsize size = 3 * 1024 * 1024;
  char *contents[4];
  char *hashes[G_N_ELEMENTS (contents)];
  g_autofree char *damaged = NULL;
  g_autofree char *server_path = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *name = g_strdup_printf ("Anlage-%u.bin", i + 1);
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = NULL;

      contents[i] = make_content (size);
      contents[i][0] = (char)i;
      hashes[i] = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents[i], size);
      file = write_file (f, name, contents[i], size);
      path = g_file_get_path (file);
      g_free (cli_add (f, db_a, "attach", "meeting", meeting, path, NULL));
    }
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_a, "anna", NULL);

    g_assert_cmpint (r->status, ==, 0);
  }

  server_path = server_blob (f, hashes[1]);
  damaged = g_memdup2 (contents[1], size);
  damaged[size / 2] ^= 0x55;
  g_assert_cmpint (g_chmod (server_path, 0600), ==, 0);
  g_assert_true (g_file_set_contents (server_path, damaged, size, NULL));
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_b, "ben", NULL);

    g_assert_cmpint (r->status, !=, 0);
    g_assert_nonnull (strstr (r->err, hashes[1]));
  }
  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    assert_local_blob (db_b, hashes[i], i == 1 ? NULL : contents[i], size);
  g_assert_cmpuint (count_partial (db_b), ==, 0);

  g_assert_true (g_file_set_contents (server_path, contents[1], size, NULL));
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_b, NULL, NULL);

    g_assert_cmpint (r->status, ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      assert_local_blob (db_b, hashes[i], contents[i], size);
      g_free (contents[i]);
      g_free (hashes[i]);
    }
}

/* RLIMIT_FSIZE stands for a full disk: a write fails halfway (EFBIG as
 * ENOSPC would), only in the server's process and without root or a
 * small file system; --blob-quota is refused before a byte is written
 * and has its own test. The client says the server has no room, keeps
 * the row and its file; the other laptop lists the file as not
 * available; once there is room the next sync completes. */
static void
test_server_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *db_a = g_build_filename (f->dir, "a.db", NULL);
  g_autofree char *db_b = g_build_filename (f->dir, "b.db", NULL);
  gsize size = 12 * 1024 * 1024;
  g_autofree char *content = make_content (size);
  g_autoptr(GFile) large = write_file (f, "Anlage.bin", content, size);
  g_autoptr(GFile) small = write_file (f, "klein.txt", "klein\n", 6);
  g_autofree char *large_path = g_file_get_path (large);
  g_autofree char *small_path = g_file_get_path (small);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content, size);
  g_autofree char *meeting = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *available = NULL;

  lotse_test_server_stop (f->server);
  lotse_test_server_set_file_size_limit (f->server, 4 * 1024 * 1024);
  restart_server (f);

  meeting = cli_add (f, db_a, "add", "meeting", "title=Jour fixe", NULL);
  first = cli_add (f, db_a, "attach", "meeting", meeting, small_path, NULL);
  second = cli_add (f, db_a, "attach", "meeting", meeting, large_path, NULL);
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_a, "anna", NULL);

    g_assert_cmpint (r->status, !=, 0);
    g_assert_nonnull (strstr (r->err, "no room"));
  }
  available = cli_available (f, db_a, "meeting", meeting);
  g_assert_cmpstr (available, ==, "11");
  g_clear_pointer (&available, g_free);
  assert_server_blob (f, sha, NULL, 0);
  g_assert_cmpuint (get_blob_status (f, sha), ==, SOUP_STATUS_NOT_FOUND);

  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_b, "ben", NULL);

    g_assert_cmpint (r->status, ==, 0);
  }
  available = cli_available (f, db_b, "meeting", meeting);
  g_assert_cmpuint (strlen (available), ==, 2);
  g_assert_nonnull (strchr (available, '0'));
  g_assert_nonnull (strchr (available, '1'));
  g_clear_pointer (&available, g_free);

  /* Room again: the server ran on through the full disk and stops as
   * asked. */
  g_assert_cmpint (lotse_test_server_stop (f->server), ==, 0);
  lotse_test_server_set_file_size_limit (f->server, 0);
  restart_server (f);
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_a, NULL, NULL);

    g_assert_cmpint (r->status, ==, 0);
  }
  assert_server_blob (f, sha, content, size);
  {
    g_autoptr(LotseTestCliResult) r = cli_sync (f, db_b, NULL, NULL);

    g_assert_cmpint (r->status, ==, 0);
  }
  available = cli_available (f, db_b, "meeting", meeting);
  g_assert_cmpstr (available, ==, "11");
  (void)first;
  (void)second;
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
  g_test_add ("/sync/attachments/server-killed", Fixture, NULL, fixture_set_up, test_server_killed,
              fixture_tear_down);
  g_test_add ("/sync/attachments/partial-synced", Fixture, NULL, fixture_set_up, test_partial_synced,
              fixture_tear_down);
  g_test_add ("/sync/attachments/download-mismatch", Fixture, NULL, fixture_set_up, test_download_mismatch,
              fixture_tear_down);
  g_test_add ("/sync/attachments/server-disk-full", Fixture, NULL, fixture_set_up, test_server_disk_full,
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
