/* lotse-test-sync.h: sync clients over real stores for the sync suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-sync-private.h"
#include "lotse-test-cli.h"
#include "lotse-test-server.h"

G_BEGIN_DECLS

/* One device: its own SQLite file and a LotseSyncClient logged in. */
typedef struct
{
  char            *name;
  char            *db;
  char            *user;
  char            *device_id;
  char            *token;
  LotseStore      *store;
  LotseSyncClient *client;
} TestClient;

TestClient  *test_client_new            (LotseTestServer *server,
                                         const char      *dir,
                                         const char      *name,
                                         const char      *user,
                                         const char      *password);
void         test_client_free           (TestClient      *client);
/* Points the client at the server's current URL (after a restart). */
void         test_client_retarget       (TestClient      *client,
                                         LotseTestServer *server);
void         test_client_sync           (TestClient      *client,
                                         LotseSyncStats  *stats);
GError      *test_client_sync_error     (TestClient      *client,
                                         LotseSyncStats  *stats);

char        *test_client_add            (TestClient      *client,
                                         const char      *table,
                                         ...) G_GNUC_NULL_TERMINATED;
void         test_client_set            (TestClient      *client,
                                         const char      *table,
                                         const char      *id,
                                         ...) G_GNUC_NULL_TERMINATED;
void         test_client_delete         (TestClient      *client,
                                         const char      *table,
                                         const char      *id);
/* The value of a field, or NULL; "deleted" and "rev" are answered too. */
char        *test_client_get            (TestClient      *client,
                                         const char      *table,
                                         const char      *id,
                                         const char      *field);
gint64       test_client_count          (TestClient      *client,
                                         const char      *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestClient, test_client_free)

/* Runs lotse-cli with @input on stdin and NAME=VALUE pairs of @env (NULL-
 * terminated, may be NULL) while the test's main context keeps running
 * (a SoupServer of the test can answer). Tokens go to files
 * (LOTSE_CREDENTIALS=file) and XDG_DATA_HOME into @dir. */
LotseTestCliResult *test_sync_cli       (const char          *dir,
                                         const char          *input,
                                         const char * const  *env,
                                         ...) G_GNUC_NULL_TERMINATED;

/* A GNetworkMonitor whose network a test takes away and brings back */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

void         test_monitor_set_available (TestMonitor     *self,
                                         gboolean         available);

/* A self-signed certificate for 127.0.0.1 made with openssl, @name.pem and
 * @name.key in @dir; FALSE when openssl is not installed. */
gboolean     test_make_certificate      (const char      *dir,
                                         const char      *name,
                                         char           **out_cert,
                                         char           **out_key);
/* openssl's own SHA-256 fingerprint of @cert, "AB:CD:…" */
char        *test_certificate_fingerprint (const char    *cert);

G_END_DECLS
