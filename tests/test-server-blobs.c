/* test-server-blobs.c: lotse-server's /v1/blobs/<sha256>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Uploads and downloads of attachment files on a real server: whole and
 * resumed, a body that does not match its hash, the size limit and the
 * workspace's quota, names that are not hashes, and a server killed in
 * the middle of an upload. On both backends (the server-pg suite).
 */

#include "config.h"

#include <signal.h>

#include "lotse-test-server.h"

typedef struct
{
  guint  status;
  char  *offset;  /* Upload-Offset */
  GBytes *body;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->offset, g_free);
  g_clear_pointer (&a->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static void
blob_request (LotseTestServer *server,
              const char      *method,
              const char      *path,
              const char      *token,
              const char      *body,
              gsize            length,
              const char      *range_header,
              const char      *range,
              Answer          *answer)
{
  g_autofree char *uri = g_strconcat (lotse_test_server_get_url (server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (range_header != NULL)
    soup_message_headers_replace (headers, range_header, range);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length);

      soup_message_set_request_body_from_bytes (msg, "application/octet-stream", bytes);
    }

  answer_clear (answer);
  answer->body = soup_session_send_and_read (lotse_test_server_get_session (server), msg, NULL, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (msg);
  answer->offset = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                           "Upload-Offset"));
}

static char *
blob_path (const char *content,
           gsize       length)
{
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content, length);

  return g_strconcat ("/v1/blobs/", sha, NULL);
}

static char *
start_server (LotseTestServer    *server,
              const char * const *args)
{
  lotse_test_server_add_user (server, "anna", "editor", "secret-anna");
  lotse_test_server_add_user (server, "rita", "reader", "secret-rita");
  lotse_test_server_start (server, args, NULL);
  return lotse_test_server_login (server, "anna", "secret-anna", NULL);
}

static void
assert_body (Answer     *a,
             const char *content,
             gsize       length)
{
  g_assert_cmpmem (g_bytes_get_data (a->body, NULL), g_bytes_get_size (a->body), content, length);
}

static void
test_whole (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *token = start_server (server, NULL);
  g_autofree char *reader = lotse_test_server_login (server, "rita", "secret-rita", NULL);
  const char *content = "Anlage 1: Protokoll\n";
  g_autofree char *path = blob_path (content, strlen (content));
  g_auto(Answer) a = { 0 };

  blob_request (server, "GET", path, token, NULL, 0, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 404);
  blob_request (server, "PUT", path, NULL, content, strlen (content), NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 401);
  blob_request (server, "PUT", path, reader, content, strlen (content), NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 403);

  blob_request (server, "PUT", path, token, content, strlen (content), NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 201);
  blob_request (server, "GET", path, reader, NULL, 0, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 200);
  assert_body (&a, content, strlen (content));
  blob_request (server, "HEAD", path, token, NULL, 0, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 200);
  g_assert_cmpstr (a.offset, ==, "20");
  /* A second device sending the same file changes nothing. */
  blob_request (server, "PUT", path, token, content, strlen (content), NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 200);
  /* A resumed download. */
  blob_request (server, "GET", path, token, NULL, 0, "Range", "bytes=10-", &a);
  g_assert_cmpuint (a.status, ==, 206);
  assert_body (&a, content + 10, strlen (content) - 10);
  /* Another workspace does not see it. */
  g_assert_cmpint (lotse_test_server_admin (server, NULL, NULL, NULL, "workspace", "create", "other", NULL), ==, 0);
  {
    g_autofree char *other = g_strconcat ("/w/other", path, NULL);

    blob_request (server, "GET", other, token, NULL, 0, NULL, NULL, &a);
    g_assert_cmpuint (a.status, ==, 401);
  }
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_mismatch_and_names (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *token = start_server (server, NULL);
  const char *content = "what the hash says";
  g_autofree char *path = blob_path ("something else", 14);
  const char *bad[] = {
    "/v1/blobs/..%2F..%2F..%2Fetc%2Fpasswd",
    "/v1/blobs/E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    "/v1/blobs/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
    "/v1/blobs/",
  };
  g_auto(Answer) a = { 0 };

  blob_request (server, "PUT", path, token, content, strlen (content), NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 422);
  blob_request (server, "GET", path, token, NULL, 0, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 404);
  g_assert_cmpstr (a.offset, ==, "0");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      blob_request (server, "PUT", bad[i], token, content, strlen (content), NULL, NULL, &a);
      g_assert_true (a.status == 404 || a.status == 400);
    }
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

static void
test_limits (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  const char *args[] = { "--max-blob", "3000", "--blob-quota", "5000", NULL };
  g_autofree char *token = start_server (server, args);
  g_autofree char *big = g_strnfill (3001, 'x');
  g_autofree char *a1 = g_strnfill (3000, 'a');
  g_autofree char *a2 = g_strnfill (2500, 'b');
  g_autofree char *a3 = g_strnfill (1500, 'c');
  g_autofree char *p_big = blob_path (big, 3001);
  g_autofree char *p1 = blob_path (a1, 3000);
  g_autofree char *p2 = blob_path (a2, 2500);
  g_autofree char *p3 = blob_path (a3, 1500);
  g_auto(Answer) a = { 0 };

  blob_request (server, "PUT", p_big, token, big, 3001, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 413);
  /* Announced by its range, before any byte of it is taken. */
  blob_request (server, "PUT", p_big, token, big, 100, "Content-Range", "bytes 0-99/3001", &a);
  g_assert_cmpuint (a.status, ==, 413);
  blob_request (server, "PUT", p1, token, a1, 3000, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 201);
  blob_request (server, "PUT", p2, token, a2, 2500, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 507);
  blob_request (server, "GET", p2, token, NULL, 0, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 404);
  blob_request (server, "PUT", p3, token, a3, 1500, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 201);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

/* An upload continues after the server was killed in its middle; what
 * arrived is never served as the blob. */
static void
test_resume_after_kill (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *token = start_server (server, NULL);
  gsize size = 3 * 1024 * 1024;
  g_autofree char *content = g_malloc (size);
  g_autofree char *path = NULL;
  g_autofree char *range = NULL;
  g_auto(Answer) a = { 0 };

  for (gsize i = 0; i < size; i++)
    content[i] = (char)(i % 251);
  path = blob_path (content, size);

  range = g_strdup_printf ("bytes 0-%zu/%zu", size / 3 - 1, size);
  blob_request (server, "PUT", path, token, content, size / 3, "Content-Range", range, &a);
  g_assert_cmpuint (a.status, ==, 202);
  g_assert_cmpuint (g_ascii_strtoull (a.offset, NULL, 10), ==, size / 3);

  kill (lotse_test_server_get_pid (server), SIGKILL);
  lotse_test_server_wait (server);
  lotse_test_server_start (server, NULL, NULL);

  blob_request (server, "GET", path, token, NULL, 0, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 404);
  blob_request (server, "HEAD", path, token, NULL, 0, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 404);
  g_assert_cmpuint (g_ascii_strtoull (a.offset, NULL, 10), ==, size / 3);

  /* Not where the server's part ends: refused, and it says where. */
  g_free (range);
  range = g_strdup_printf ("bytes 0-%zu/%zu", size - 1, size);
  blob_request (server, "PUT", path, token, content, size, "Content-Range", range, &a);
  g_assert_cmpuint (a.status, ==, 409);
  g_free (range);
  range = g_strdup_printf ("bytes %zu-%zu/%zu", size / 3 + 1, size - 1, size);
  blob_request (server, "PUT", path, token, content + size / 3, size - size / 3, "Content-Range", range, &a);
  g_assert_cmpuint (a.status, ==, 400);

  g_free (range);
  range = g_strdup_printf ("bytes %zu-%zu/%zu", size / 3, size - 1, size);
  blob_request (server, "PUT", path, token, content + size / 3, size - size / 3, "Content-Range", range, &a);
  g_assert_cmpuint (a.status, ==, 201);
  blob_request (server, "GET", path, token, NULL, 0, NULL, NULL, &a);
  g_assert_cmpuint (a.status, ==, 200);
  assert_body (&a, content, size);
  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/blobs/whole", test_whole);
  g_test_add_func ("/server/blobs/mismatch-and-names", test_mismatch_and_names);
  g_test_add_func ("/server/blobs/limits", test_limits);
  g_test_add_func ("/server/blobs/resume-after-kill", test_resume_after_kill);

  return g_test_run ();
}
