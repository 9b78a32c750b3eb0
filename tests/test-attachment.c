/* test-attachment.c: attachments and the blob store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lotse-test-helpers.h"

/* The start of a PDF: its type comes from this, whatever the name says. */
#define PDF_CONTENT "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"

typedef struct
{
  char       *dir;
  char       *path;
  char       *blobs;
  LotseStore *store;
  char       *meeting;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lotse_test_open_store (&f->dir);
  f->path = g_strdup (lotse_store_get_path (f->store));
  f->blobs = lotse_attachment_dup_blob_dir (f->store);
  f->meeting = lotse_test_insert (f->store, "meeting", "title=Jour fixe", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->blobs);
  g_free (f->meeting);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *content,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, length, NULL));
  return g_file_new_for_path (path);
}

static char *
sha256_of (const char *content,
           gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content, length);
}

static guint
count_blobs (Fixture *f)
{
  g_autofree char *sql = NULL;
  g_autoptr(GDir) top = g_dir_open (f->blobs, 0, NULL);
  const char *name;
  guint n = 0;

  if (top == NULL)
    return 0;
  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub = g_build_filename (f->blobs, name, NULL);
      g_autoptr(GDir) dir = NULL;

      if (g_str_equal (name, "partial"))
        continue;
      dir = g_dir_open (sub, 0, NULL);
      while (dir != NULL && g_dir_read_name (dir) != NULL)
        n++;
    }
  return n;
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "photo.jpg", PDF_CONTENT, -1);
  g_autofree char *sha = sha256_of (PDF_CONTENT, strlen (PDF_CONTENT));
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) row = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *type = NULL;
  g_autofree char *content = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GStatBuf st;
  gsize length;

  row = lotse_attachment_add (f->store, "meeting", f->meeting, file, NULL, &error);
  g_assert_no_error (error);

  /* What was stored, read from the file by another connection. */
  stored = lotse_test_query_text (f->path, "SELECT name || '|' || size || '|' || sha256 || '|' || owner_table "
                                           "FROM attachment");
  expected = g_strdup_printf ("photo.jpg|%zu|%s|meeting", strlen (PDF_CONTENT), sha);
  g_assert_cmpstr (stored, ==, expected);
  type = lotse_test_query_text (f->path, "SELECT content_type FROM attachment");
  g_assert_cmpstr (type, ==, "application/pdf");
  g_assert_cmpint (lotse_test_query_int (f->path, "SELECT count(*) FROM outbox WHERE table_name = 'attachment'"),
                   ==, 1);

  blob = lotse_attachment_dup_path (f->store, row);
  g_assert_nonnull (blob);
  suffix = g_strdup_printf ("/%.2s/%s", sha, sha + 2);
  g_assert_true (g_str_has_suffix (blob, suffix));
  /* Read-only, so that a program it is opened in cannot change it. */
  g_assert_cmpint (g_stat (blob, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0400);
  g_assert_true (g_file_get_contents (blob, &content, &length, NULL));
  g_assert_cmpmem (content, length, PDF_CONTENT, strlen (PDF_CONTENT));

  list = lotse_attachment_list (f->store, "meeting", f->meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_dedup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GFile) a = write_file (f, "a.txt", "same content\n", -1);
  g_autoptr(GFile) b = write_file (f, "b.txt", "same content\n", -1);
  g_autoptr(LotseRecord) first = lotse_attachment_add (f->store, "meeting", f->meeting, a, NULL, NULL);
  g_autoptr(LotseRecord) second = lotse_attachment_add (f->store, "meeting", f->meeting, b, NULL, NULL);
  g_autofree char *partial = g_build_filename (f->blobs, "partial", NULL);
  g_autoptr(GDir) dir = NULL;

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpint (lotse_test_query_int (f->path, "SELECT count(*) FROM attachment"), ==, 2);
  g_assert_cmpuint (count_blobs (f), ==, 1);
  /* Nothing is left half written. */
  dir = g_dir_open (partial, 0, NULL);
  g_assert_null (dir != NULL ? g_dir_read_name (dir) : NULL);
}

static void
test_bad_owner (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "x.txt", "x", -1);
  g_autofree char *person = lotse_test_insert (f->store, "person", "name=Anna", NULL);
  const char *bad[][2] = {
    { "person", person },                                   /* no attachments there */
    { "meeting", "00000000-0000-0000-0000-00000000abcd" },  /* no such meeting */
    { "meeting", "../../etc/passwd" },
    { "../meeting", f->meeting },
    { NULL, f->meeting },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LotseRecord) row = lotse_attachment_add (f->store, bad[i][0], bad[i][1], file, NULL, &error);

      g_assert_null (row);
      g_assert_nonnull (error);
    }
  g_assert_cmpint (lotse_test_query_int (f->path, "SELECT count(*) FROM attachment"), ==, 0);
  g_assert_cmpuint (count_blobs (f), ==, 0);
}

/* A file name is shown, never a path: the blob is named by its hash. */
static void
test_name_not_a_path (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "report.txt", "content", -1);
  g_autoptr(LotseRecord) row = lotse_attachment_add (f->store, "meeting", f->meeting, file, NULL, NULL);
  g_autoptr(LotseRecord) forged = lotse_record_copy (row);
  g_autoptr(GError) error = NULL;

  lotse_record_set_id (forged, NULL);
  lotse_record_set (forged, LOTSE_ATTACHMENT_SHA256, "../../../../etc/passwd");
  g_assert_false (lotse_store_insert (f->store, forged, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  lotse_record_set (forged, LOTSE_ATTACHMENT_SHA256, "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789");
  g_assert_false (lotse_store_insert (f->store, forged, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);

  g_assert_null (lotse_blob_store_path (f->blobs, "../../etc/passwd"));
  g_assert_null (lotse_blob_store_path (f->blobs, NULL));
  g_assert_cmpint (lotse_test_query_int (f->path, "SELECT count(*) FROM attachment"), ==, 1);
}

/* A blob written with a hash it does not have is not kept; an
 * interrupted one continues where it stopped. */
static void
test_writer (Fixture       *f,
             gconstpointer  data)
{
  const char *content = "0123456789abcdef";
  g_autofree char *sha = sha256_of (content, 16);
  g_autofree char *wrong = sha256_of ("other", 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gint64 offset = -1;

  {
    g_autoptr(LotseBlobWriter) writer = lotse_blob_writer_new (f->blobs, wrong, &offset, &error);

    g_assert_no_error (error);
    g_assert_cmpint (offset, ==, 0);
    g_assert_true (lotse_blob_writer_write (writer, content, 16, &error));
    g_assert_null (lotse_blob_writer_finish (writer, &error));
    g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
    g_clear_error (&error);
    g_assert_false (lotse_blob_store_has (f->blobs, wrong));
  }

  {
    g_autoptr(LotseBlobWriter) writer = lotse_blob_writer_new (f->blobs, sha, &offset, &error);

    g_assert_true (lotse_blob_writer_write (writer, content, 10, &error));
    /* the process is gone here */
  }
  g_assert_false (lotse_blob_store_has (f->blobs, sha));

  {
    g_autoptr(LotseBlobWriter) writer = lotse_blob_writer_new (f->blobs, sha, &offset, &error);

    g_assert_no_error (error);
    g_assert_cmpint (offset, ==, 10);
    g_assert_true (lotse_blob_writer_write (writer, content + 10, 6, &error));
    done = lotse_blob_writer_finish (writer, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (done, ==, sha);
  }
  g_assert_true (lotse_blob_store_has (f->blobs, sha));
}

typedef struct
{
  LotseRecord *row;
  GError      *error;
  gboolean     done;
} AddResult;

static void
add_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  AddResult *r = data;

  r->row = lotse_attachment_add_finish (LOTSE_STORE (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *)data)++;
  return G_SOURCE_CONTINUE;
}

/* A large file is hashed and copied in a worker: the main loop keeps
 * running meanwhile, and the row appears only when the blob is whole. */
static void
test_async_large (Fixture       *f,
                  gconstpointer  data)
{
  gsize size = 64 * 1024 * 1024;
  g_autofree char *content = g_malloc (size);
  g_autoptr(GFile) file = NULL;
  AddResult r = { 0 };
  guint ticks = 0;
  guint tick;

  for (gsize i = 0; i < size; i++)
    content[i] = (char)(i * 7 + i / 4096);
  file = write_file (f, "large.bin", content, size);

  tick = g_timeout_add (1, tick_cb, &ticks);
  lotse_attachment_add_async (f->store, "meeting", f->meeting, file, NULL, add_cb, &r);
  g_assert_cmpint (lotse_test_query_int (f->path, "SELECT count(*) FROM attachment"), ==, 0);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  g_assert_no_error (r.error);
  g_assert_nonnull (r.row);
  g_assert_cmpint (ticks, >, 2);
  g_assert_cmpint (lotse_test_query_int (f->path, "SELECT size FROM attachment"), ==, (gint64)size);
  g_clear_object (&r.row);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/attachment/add", test_add);
  ADD ("/attachment/dedup", test_dedup);
  ADD ("/attachment/bad-owner", test_bad_owner);
  ADD ("/attachment/name-not-a-path", test_name_not_a_path);
  ADD ("/attachment/writer", test_writer);
  ADD ("/attachment/async-large", test_async_large);
#undef ADD

  return g_test_run ();
}
