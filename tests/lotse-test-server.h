/* lotse-test-server.h: a real lotse-server on loopback for the test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   g_autoptr(LotseTestServer) server = lotse_test_server_new ();
 *   lotse_test_server_add_user (server, "anna", "editor", "secret-anna");
 *   lotse_test_server_start (server, NULL, NULL);
 *   … lotse_test_server_get_url (server) …
 *   g_assert_cmpint (lotse_test_server_stop (server), ==, 0);
 *
 * The binary is $LOTSE_SERVER (set by tests/meson.build). It listens on
 * 127.0.0.1 with port 0 and the helper reads the URL from its first line
 * of output. Its stderr (one line per request) goes to a log file in the
 * temp dir: lotse_test_server_get_log().
 */

#pragma once

#include <libsoup/soup.h>

#include "lotse-test-helpers.h"

G_BEGIN_DECLS

typedef struct _LotseTestServer LotseTestServer;

/* A temp dir with an empty data dir in it; no process yet. */
LotseTestServer *lotse_test_server_new        (void);
/* Another server process on the PostgreSQL database of @first: drop it
 * before @first. */
LotseTestServer *lotse_test_server_new_sharing (LotseTestServer    *first);
void             lotse_test_server_free       (LotseTestServer     *server);
/* Creates a user with `lotse-server user add` (password on stdin). */
void             lotse_test_server_add_user   (LotseTestServer     *server,
                                               const char          *name,
                                               const char          *role,
                                               const char          *password);
/* Runs lotse-server with the admin @args; returns the exit status and
 * stores stdout/stderr in @out/@err when not NULL. @input goes to stdin. */
int              lotse_test_server_admin      (LotseTestServer     *server,
                                               const char          *input,
                                               char               **out,
                                               char               **err,
                                               ...) G_GNUC_NULL_TERMINATED;
/* The server is started with at most @limit open descriptors
 * (RLIMIT_NOFILE, soft and hard, set in the child before exec); 0 = as
 * the test runs. */
void             lotse_test_server_set_fd_limit (LotseTestServer   *server,
                                                 guint              limit);
/* The server is started with files of at most @bytes (RLIMIT_FSIZE, set
 * in the child before exec): a write past it fails as on a full disk;
 * 0 = no limit. */
void             lotse_test_server_set_file_size_limit (LotseTestServer *server,
                                                        goffset          bytes);
/* Starts the server. @args: extra options (e.g. "--rate-limit", "2"),
 * @env: NAME=VALUE pairs (e.g. "LOTSE_SERVER_FAULT=exit-before-commit");
 * both NULL-terminated or NULL. Fails the test if it does not start. */
void             lotse_test_server_start      (LotseTestServer     *server,
                                               const char * const  *args,
                                               const char * const  *env);
/* SIGTERM and wait; returns the exit status (0 = graceful). */
int              lotse_test_server_stop       (LotseTestServer     *server);
/* Waits for the process to exit on its own (after a fault); returns the
 * exit status. */
int              lotse_test_server_wait       (LotseTestServer     *server);
GPid             lotse_test_server_get_pid    (LotseTestServer     *server);
const char      *lotse_test_server_get_url    (LotseTestServer     *server);
guint16          lotse_test_server_get_port   (LotseTestServer     *server);
const char      *lotse_test_server_get_dir    (LotseTestServer     *server);
const char      *lotse_test_server_get_data_dir (LotseTestServer   *server);
/* The server's SQLite file, for lotse_test_query_int(). */
const char      *lotse_test_server_get_db     (LotseTestServer     *server);
/* The server's PostgreSQL database (a URI) when the test runs on one
 * (tests/lotse-test-postgresql.sh), else NULL. */
const char      *lotse_test_server_get_database (LotseTestServer   *server);
gboolean         lotse_test_server_is_postgresql (LotseTestServer  *server);
/* The first column of the first row of @sql on the server's database,
 * whichever backend it is (SQLite's dialect; see lotse-test-postgresql.h). */
/* An SQLite file with what the server stores now: its own file, or on
 * PostgreSQL a copy made with `lotse-server migrate`. */
const char      *lotse_test_server_get_copy   (LotseTestServer     *server);
/* Skips the test and returns TRUE when it runs on PostgreSQL: for what
 * only a data directory has (its file modes, its file's page limit). */
gboolean         lotse_test_skip_on_postgresql (const char         *why);
gint64           lotse_test_server_query_int  (LotseTestServer     *server,
                                               const char          *sql);
char            *lotse_test_server_query_text (LotseTestServer     *server,
                                               const char          *sql);
char            *lotse_test_server_get_log    (LotseTestServer     *server);

/* A synchronous request. @body may be NULL. Returns the parsed JSON answer
 * (or NULL when the body is not JSON) and sets *status. */
JsonNode        *lotse_test_server_request    (LotseTestServer     *server,
                                               const char          *method,
                                               const char          *path,
                                               const char          *token,
                                               const char          *body,
                                               guint               *status);
/* The session lotse_test_server_request() uses (e.g. to set a
 * "tls-database" for an HTTPS server). */
SoupSession     *lotse_test_server_get_session (LotseTestServer    *server);
/* Logs in and returns the token; *device_id gets the device id. */
char            *lotse_test_server_login      (LotseTestServer     *server,
                                               const char          *user,
                                               const char          *password,
                                               char               **device_id);
/* The same in a workspace: @prefix "/w/NAME" ("" = the default one). */
char            *lotse_test_server_login_at   (LotseTestServer     *server,
                                               const char          *prefix,
                                               const char          *user,
                                               const char          *password,
                                               char               **device_id);
/* Sends @request as is over a new TCP connection, reads until the server
 * closes it or @timeout_ms pass, and returns what came back. */
char            *lotse_test_server_raw        (LotseTestServer     *server,
                                               const char          *request,
                                               gsize                length,
                                               guint                timeout_ms);
/* The same from a given local address, e.g. "127.0.0.2" (all of 127/8 is
 * loopback on Linux): for tests of limits per address. */
char            *lotse_test_server_raw_from   (LotseTestServer     *server,
                                               const char          *local_address,
                                               const char          *request,
                                               gsize                length,
                                               guint                timeout_ms);
/* The same, but NULL when the server cannot be reached (a test that
 * kills it while clients run). */
char            *lotse_test_server_try_raw    (LotseTestServer     *server,
                                               const char          *request,
                                               gsize                length,
                                               guint                timeout_ms);
/* A self-signed certificate for 127.0.0.1 in @dir, made with openssl;
 * FALSE when openssl is not installed. */
gboolean         lotse_test_make_certificate  (const char          *dir,
                                               char               **cert,
                                               char               **key);
/* Opens @n connections, @parallel at a time, from 127.0.0.2 … 127.0.0.254
 * in turn: each asks GET /v1/info (kept alive), reads the answer, and the
 * client closes it. Returns how many were answered 200. */
guint            lotse_test_server_churn      (LotseTestServer     *server,
                                               guint                n,
                                               guint                parallel);
/* The server's resident memory (VmRSS) in KiB. */
guint64          lotse_test_server_get_rss_kib (LotseTestServer    *server);
/* The status code of a raw answer, 0 when there is none. */
guint            lotse_test_raw_status        (const char          *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseTestServer, lotse_test_server_free)

G_END_DECLS
