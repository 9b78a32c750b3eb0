/* lotse-cli-sync.c: sync with a lotse-server, list and resolve conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lotse-cli-private.h"

#define MAX_PASSWORD_BYTES 4096

typedef struct
{
  GMainLoop      *loop;
  GAsyncResult   *result;
} Waiter;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Waiter *waiter = data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  g_main_loop_unref (waiter->loop);
  return waiter->result;
}

static char *
read_password (GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    {
      if (text->len >= MAX_PASSWORD_BYTES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The password on standard input is too long"));
          return NULL;
        }
      g_string_append_c (text, (char)c);
    }

  if (text->len > 0 && text->str[text->len - 1] == '\r')
    g_string_truncate (text, text->len - 1);

  if (text->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("No password on standard input"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* TRUE for an http:// address that leaves the machine: what is sent to it
 * can be read by anyone on the way. */
static gboolean
is_plain_remote (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;

  host = g_uri_get_host (uri);
  if (host == NULL || g_ascii_strcasecmp (host, "localhost") == 0)
    return FALSE;

  address = g_inet_address_new_from_string (host);
  return address == NULL || !g_inet_address_get_is_loopback (address);
}

static void
print_stats (const LotseSyncStats *stats,
             gint64                open_conflicts,
             gint64                outbox)
{
  /* Translators: counts of changes sent in a sync */
  g_print (_("Pushed: %u applied, %u merged, %u conflicting, %u rejected\n"),
           stats->pushed, stats->merged, stats->conflicts, stats->rejected);
  if (stats->held_back > 0)
    /* Translators: rows received; the second number were not written because of newer local edits */
    g_print (_("Pulled: %u rows (%u kept back for local edits that are sent next time)\n"),
             stats->pulled, stats->held_back);
  else
    g_print (_("Pulled: %u rows\n"), stats->pulled);
  if (stats->resynced)
    g_print ("%s\n", _("The server asked for a full sync; all rows were fetched again and no local row was removed."));
  if (stats->restated > 0)
    g_print (ngettext ("%u record held changes the server no longer had (it was restored from a backup); "
                       "they were sent again.\n",
                       "%u records held changes the server no longer had (it was restored from a backup); "
                       "they were sent again.\n", stats->restated),
             stats->restated);
  if (outbox > 0)
    g_print (ngettext ("%u local change is still waiting to be sent.\n",
                       "%u local changes are still waiting to be sent.\n", (gulong)outbox),
             (guint)outbox);
  if (open_conflicts > 0)
    g_print (ngettext ("%u conflict is open; see “lotse-cli conflicts”.\n",
                       "%u conflicts are open; see “lotse-cli conflicts”.\n",
                       (gulong)open_conflicts),
             (guint)open_conflicts);
}

static int
note_kept (LotseStore *store)
{
  gint64 outbox = lotse_store_count_outbox (store);

  if (outbox > 0)
    g_printerr (ngettext ("%u local change is kept and will be sent by the next sync.\n",
                          "%u local changes are kept and will be sent by the next sync.\n",
                          (gulong)outbox),
                (guint)outbox);

  return LOTSE_CLI_EXIT_ERROR;
}

static int
fail_sync (LotseStore   *store,
           const GError *error)
{
  lotse_cli_print_error ("%s", error->message);
  return note_kept (store);
}

/* One run of `lotse-cli sync`. */
typedef struct
{
  LotseStore      *store;
  LotseSyncEngine *engine;
  char            *url;
  char            *user;
  char            *trust;        /* --trust-fingerprint as "AB:CD:…", or NULL */
  gboolean         interactive;  /* a person at the terminal can be asked */
  gboolean         created;      /* a new database, removed again on failure */
} SyncRun;

static void
sync_run_clear (SyncRun *run)
{
  g_clear_object (&run->engine);
  g_clear_object (&run->store);
  g_clear_pointer (&run->url, g_free);
  g_clear_pointer (&run->user, g_free);
  g_clear_pointer (&run->trust, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncRun, sync_run_clear)

/* A failed first login leaves no empty database behind. */
static void
remove_new_database (SyncRun *run)
{
  g_autofree char *path = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (!run->created)
    return;

  path = g_strdup (lotse_store_get_path (run->store));
  g_clear_object (&run->engine);
  g_clear_object (&run->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* "sha256 Fingerprint=ab:cd…" (openssl's words), "AB:CD:…" or "abcd…" as
 * "AB:CD:…"; NULL unless it is 32 bytes in hex. */
static char *
parse_fingerprint (const char *text)
{
  const char *equals = strrchr (text, '=');
  g_autoptr(GString) hex = g_string_new (NULL);
  GString *fingerprint;

  for (const char *p = equals ? equals + 1 : text; *p != '\0'; p++)
    {
      if (*p == ':' || g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isxdigit (*p))
        return NULL;
      g_string_append_c (hex, g_ascii_toupper (*p));
    }
  if (hex->len != 64)
    return NULL;

  fingerprint = g_string_new (NULL);
  for (gsize i = 0; i < hex->len; i += 2)
    g_string_append_printf (fingerprint, "%s%c%c", i > 0 ? ":" : "", hex->str[i], hex->str[i + 1]);

  return g_string_free (fingerprint, FALSE);
}

static gboolean
ask_on_terminal (const char *url,
                 const char *fingerprint,
                 const char *subject,
                 const char *issuer,
                 gboolean    replaces)
{
  char answer[32];

  g_printerr ("%s\n", replaces ? _("The server’s certificate changed since it was trusted.")
                               : _("The server uses a certificate that this computer does not trust."));
  /* Translators: the details of a certificate; keep the alignment */
  g_printerr (_("  Server:      %s\n  Subject:     %s\n  Issuer:      %s\n  SHA-256:     %s\n"),
              url, subject ? subject : "", issuer ? issuer : "", fingerprint);
  g_printerr ("%s ", _("Trust it only if the fingerprint is the one your administrator gave you. "
                       "Trust it? [y/N]"));

  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);

  /* Translators: the answers that mean yes to “Trust it? [y/N]”, in lower case */
  return g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0 ||
         g_utf8_collate (answer, C_("answer", "y")) == 0 || g_utf8_collate (answer, C_("answer", "yes")) == 0;
}

static gboolean
accept_certificate_cb (LotseSyncEngine *engine,
                       const char      *url,
                       const char      *fingerprint,
                       const char      *subject,
                       const char      *issuer,
                       gboolean         replaces,
                       SyncRun         *run)
{
  if (run->trust != NULL)
    return g_strcmp0 (run->trust, fingerprint) == 0;
  if (run->interactive)
    return ask_on_terminal (url, fingerprint, subject, issuer, replaces);

  return FALSE;
}

/* For a certificate nobody accepted: why nothing was sent, and what to run
 * once the fingerprint is checked. Else @error as it is. */
static int
fail_untrusted_or (SyncRun      *run,
                   const GError *error)
{
  g_autofree char *url = NULL;
  g_autofree char *fingerprint = NULL;

  if (!g_error_matches (error, LOTSE_SYNC_ENGINE_ERROR, LOTSE_SYNC_ENGINE_ERROR_UNTRUSTED_CERTIFICATE) ||
      !lotse_sync_engine_get_untrusted_certificate (run->engine, &url, &fingerprint, NULL, NULL))
    return fail_sync (run->store, error);

  if (run->trust != NULL)
    /* Translators: %s are a server address and a SHA-256 fingerprint */
    lotse_cli_print_error (_("The certificate of %s has the SHA-256 fingerprint %s, not the one given "
                             "with --trust-fingerprint. Nothing was sent."), url, fingerprint);
  else if (lotse_sync_engine_get_fingerprint (run->engine) != NULL &&
           g_strcmp0 (url, lotse_sync_engine_get_server_url (run->engine)) == 0)
    /* Translators: %s are a server address and a SHA-256 fingerprint (twice) */
    lotse_cli_print_error (_("The certificate of %s changed since it was trusted; nothing was sent. Its "
                             "SHA-256 fingerprint is now %s. If your administrator replaced the "
                             "certificate and gave you this fingerprint, run again with "
                             "--trust-fingerprint %s."), url, fingerprint, fingerprint);
  else
    /* Translators: %s are a server address and a SHA-256 fingerprint (twice) */
    lotse_cli_print_error (_("The server %s uses a certificate that this computer does not trust; "
                             "nothing was sent. Its SHA-256 fingerprint is %s. Compare it with the one "
                             "your administrator gave you; if they are the same, run again with "
                             "--trust-fingerprint %s."), url, fingerprint, fingerprint);

  return note_kept (run->store);
}

/* The server and user to sync: given, or the database's account. FALSE
 * when there is none. */
static gboolean
choose_account (SyncRun    *run,
                const char *server,
                const char *user)
{
  const char *account_url = lotse_sync_engine_get_server_url (run->engine);
  g_autofree char *url = NULL;

  if (server != NULL)
    url = lotse_sync_normalize_url (server, NULL);
  run->url = g_strdup (server == NULL ? account_url : url ? url : server);
  if (user != NULL)
    run->user = g_strdup (user);
  else if (account_url != NULL && g_strcmp0 (run->url, account_url) == 0)
    run->user = g_strdup (lotse_sync_engine_get_user (run->engine));

  return run->url != NULL && run->user != NULL;
}

static int
log_in (SyncRun    *run,
        const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  LotseCredentialsBackend backend = LOTSE_CREDENTIALS_FILE;
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };

  if (is_plain_remote (run->url))
    /* Translators: %s is a server address starting with http:// */
    lotse_cli_print_error (_("Warning: the password goes to %s unencrypted; anyone on the "
                             "network in between can read it. Use an https:// address."), run->url);

  lotse_sync_engine_connect_async (run->engine, run->url, run->user, password, NULL, wait_cb, &waiter);
  result = wait_for (&waiter);
  if (!lotse_sync_engine_connect_finish (run->engine, result, &error))
    {
      int status = fail_untrusted_or (run, error);

      remove_new_database (run);
      return status;
    }

  lotse_credentials_lookup (lotse_store_get_path (run->store), run->url, run->user, &device_id, &token,
                            &backend, NULL);
  if (backend == LOTSE_CREDENTIALS_KEYRING)
    /* Translators: %s are a user name and a server address */
    g_print (_("Logged in as %s on %s; the device token is stored in the keyring.\n"), run->user, run->url);
  else
    {
      g_autofree char *path = lotse_credentials_file_path (lotse_store_get_path (run->store));
      g_autofree char *display = g_filename_display_name (path);

      /* Translators: %s are a user name, a server address and a file */
      g_print (_("Logged in as %s on %s; the device token is stored in the file %s (readable only by you).\n"),
               run->user, run->url, display);
    }

  return LOTSE_CLI_EXIT_SUCCESS;
}

/* The account given on the command line, with the token of an earlier
 * login, becomes the database's. */
static int
use_account (SyncRun *run)
{
  g_autoptr(GError) error = NULL;

  if (lotse_sync_engine_get_connected (run->engine) &&
      g_strcmp0 (run->url, lotse_sync_engine_get_server_url (run->engine)) == 0 &&
      g_strcmp0 (run->user, lotse_sync_engine_get_user (run->engine)) == 0)
    return LOTSE_CLI_EXIT_SUCCESS;

  if (lotse_sync_engine_use_account (run->engine, run->url, run->user, NULL, &error))
    return LOTSE_CLI_EXIT_SUCCESS;

  if (g_error_matches (error, LOTSE_SYNC_ENGINE_ERROR, LOTSE_SYNC_ENGINE_ERROR_NOT_LOGGED_IN))
    lotse_cli_print_error (_("This device is not logged in as %s on %s. Log in once with "
                             "--password-stdin (the password on standard input)."),
                           run->user, run->url);
  else
    lotse_cli_print_error ("%s", error->message);
  remove_new_database (run);

  return LOTSE_CLI_EXIT_ERROR;
}

static int
run_cycle (SyncRun *run)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LotseSyncStats stats = { 0, };
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };

  /* Right after a login this joins the cycle the login started. */
  lotse_sync_engine_sync_async (run->engine, NULL, wait_cb, &waiter);
  result = wait_for (&waiter);
  if (!lotse_sync_engine_sync_finish (run->engine, result, &stats, &error))
    {
      if (g_error_matches (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_UNAUTHORIZED))
        {
          g_autofree char *message = g_strdup_printf ("%s (lotse-cli sync --server %s --user %s --password-stdin)",
                                                      error->message, run->url, run->user);
          g_autoptr(GError) hint = g_error_new_literal (LOTSE_SYNC_ERROR, error->code, message);

          return fail_sync (run->store, hint);
        }
      return fail_untrusted_or (run, error);
    }

  g_print (_("Synced with %s.\n"), run->url);
  print_stats (&stats, lotse_store_sync_count_conflicts (run->store), lotse_store_count_outbox (run->store));

  return LOTSE_CLI_EXIT_SUCCESS;
}

/* The database, and its engine with lotse-cli's ways: one cycle on
 * demand, certificates asked about on the terminal or checked against
 * --trust-fingerprint. */
static int
open_engine (LotseCli   *cli,
             SyncRun    *run,
             gboolean    may_create,
             const char *device_name)
{
  g_autofree char *default_path = lotse_store_default_path ();
  g_autoptr(GError) error = NULL;

  run->created = !g_file_test (cli->db_path ? cli->db_path : default_path, G_FILE_TEST_EXISTS);
  run->store = lotse_cli_open_store (cli, may_create ? LOTSE_CLI_OPEN_CREATE : LOTSE_CLI_OPEN_EXISTING, &error);
  if (run->store == NULL)
    {
      if (g_error_matches (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
        return lotse_cli_usage_error (cli, _("Which server? Give --server URL and --user NAME for the first sync."));
      return lotse_cli_fail (cli, error);
    }

  run->engine = g_object_new (LOTSE_TYPE_SYNC_ENGINE,
                              "store", run->store,
                              "automatic", FALSE,
                              "device-name", device_name,
                              NULL);
  run->interactive = isatty (STDIN_FILENO);
  g_signal_connect (run->engine, "accept-certificate", G_CALLBACK (accept_certificate_cb), run);

  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_sync (LotseCli  *cli,
                        int        argc,
                        char     **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *device_name = NULL;
  g_autofree char *trust = NULL;
  gboolean password_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The server’s address, e.g. https://lotse.example.org (default: the database’s account)"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("The account on the server (default: the database’s account)"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Log in with the password read from standard input and store a new device token"), NULL },
    { "device-name", 0, 0, G_OPTION_ARG_STRING, &device_name,
      N_("The name of this device on the server when logging in (default: the host name)"), N_("NAME") },
    { "trust-fingerprint", 0, 0, G_OPTION_ARG_STRING, &trust,
      N_("Trust the server’s certificate if its SHA-256 fingerprint is this one, and remember it"), N_("SHA256") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_auto(SyncRun) run = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 0, 0, &args, &status))
    return status;

  if (server != NULL && *server == '\0')
    return lotse_cli_usage_error (cli, _("--server needs an address."));
  if (user != NULL && *user == '\0')
    return lotse_cli_usage_error (cli, _("--user needs a name."));
  if (trust != NULL && (run.trust = parse_fingerprint (trust)) == NULL)
    return lotse_cli_usage_error (cli, _("--trust-fingerprint needs a SHA-256 fingerprint: 64 hexadecimal "
                                         "digits, with or without colons."));

  if (password_stdin && (password = read_password (&error)) == NULL)
    return lotse_cli_fail (cli, error);

  /* Only a first sync with server and user may start a new database. */
  status = open_engine (cli, &run, server != NULL && user != NULL, device_name);
  if (status != LOTSE_CLI_EXIT_SUCCESS)
    return status;

  if (!choose_account (&run, server, user))
    return lotse_cli_usage_error (cli, _("Which server? Give --server URL and --user NAME for the first sync."));

  status = password != NULL ? log_in (&run, password) : use_account (&run);
  if (status != LOTSE_CLI_EXIT_SUCCESS)
    return status;

  return run_cycle (&run);
}
static JsonNode *
parse_or_null (const char *text)
{
  JsonNode *node = text ? json_from_string (text, NULL) : NULL;

  return node ? node : json_node_new (JSON_NODE_NULL);
}

static JsonNode *
conflict_to_json (LotseStore    *store,
                  LotseConflict *conflict)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(LotseRecord) record = NULL;

  record = lotse_store_sync_get_row (store, conflict->table, conflict->row_id, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, conflict->id);
  json_builder_set_member_name (builder, "table");
  json_builder_add_string_value (builder, conflict->table);
  json_builder_set_member_name (builder, "row_id");
  json_builder_add_string_value (builder, conflict->row_id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, record ? lotse_record_get_title (record) : NULL);
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, parse_or_null (conflict->fields_json));
  json_builder_set_member_name (builder, "mine");
  json_builder_add_value (builder, parse_or_null (conflict->mine_json));
  json_builder_set_member_name (builder, "theirs");
  json_builder_add_value (builder, parse_or_null (conflict->theirs_json));
  json_builder_set_member_name (builder, "base");
  json_builder_add_value (builder, parse_or_null (conflict->base_json));
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, conflict->error);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, conflict->created_at);
  json_builder_set_member_name (builder, "resolved_at");
  json_builder_add_string_value (builder, conflict->resolved_at);
  json_builder_set_member_name (builder, "resolution");
  json_builder_add_string_value (builder, conflict->resolution);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static const char *
side_value (JsonNode   *side,
            const char *field,
            char      **storage)
{
  JsonObject *object = side && JSON_NODE_HOLDS_OBJECT (side) ? json_node_get_object (side) : NULL;
  JsonNode *fields = object ? json_object_get_member (object, "fields") : NULL;
  JsonNode *value;

  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    return "?";

  value = json_object_get_member (json_node_get_object (fields), field);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    /* Translators: shown for a field without a value */
    return _("(empty)");

  *storage = json_to_string (value, FALSE);
  return *storage;
}

static gboolean
side_deleted (JsonNode *side)
{
  JsonObject *object = side && JSON_NODE_HOLDS_OBJECT (side) ? json_node_get_object (side) : NULL;
  JsonNode *deleted = object ? json_object_get_member (object, "deleted") : NULL;

  return deleted && JSON_NODE_HOLDS_VALUE (deleted) &&
         json_node_get_value_type (deleted) == G_TYPE_BOOLEAN && json_node_get_boolean (deleted);
}

static void
print_conflict (LotseStore    *store,
                LotseConflict *conflict)
{
  g_autoptr(LotseRecord) record = lotse_store_sync_get_row (store, conflict->table, conflict->row_id, NULL);
  g_autoptr(JsonNode) fields = parse_or_null (conflict->fields_json);
  g_autoptr(JsonNode) mine = parse_or_null (conflict->mine_json);
  g_autoptr(JsonNode) theirs = parse_or_null (conflict->theirs_json);
  const LotseTable *table = lotse_schema_lookup_table (conflict->table);
  JsonArray *names = JSON_NODE_HOLDS_ARRAY (fields) ? json_node_get_array (fields) : NULL;

  g_print ("%s  %s  %s (%s)\n", conflict->id, table ? _(table->label) : conflict->table,
           record ? lotse_record_get_title (record) : "", conflict->row_id);

  if (conflict->resolved_at != NULL)
    g_print ("  %s\n", g_str_equal (conflict->resolution, "mine") ? _("resolved: kept this device’s values")
                                                                   : _("resolved: took the server’s values"));

  if (conflict->error != NULL)
    {
      /* Translators: %s is the server's reason, in English */
      g_print (_("  The server refused the change: %s\n"), conflict->error);
      return;
    }

  if (side_deleted (mine) != side_deleted (theirs))
    {
      g_print ("  %s\n", side_deleted (theirs) ? _("Deleted on the server, edited here")
                                                : _("Deleted here, edited on the server"));
      return;
    }

  for (guint i = 0; names && i < json_array_get_length (names); i++)
    {
      const char *name = json_array_get_string_element (names, i);
      const LotseField *field = table ? lotse_table_lookup_field (table, name) : NULL;
      g_autofree char *mine_storage = NULL;
      g_autofree char *theirs_storage = NULL;

      /* Translators: a field's label, its value on this device and on the server */
      g_print (_("  %s: here %s, on the server %s\n"), field ? _(field->label) : name,
               side_value (mine, name, &mine_storage), side_value (theirs, name, &theirs_storage));
    }
}

int
lotse_cli_command_conflicts (LotseCli  *cli,
                             int        argc,
                             char     **argv)
{
  gboolean json = FALSE;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of conflicts with id, table, row_id, fields, mine, theirs and base"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Include resolved conflicts"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 0, 0, &args, &status))
    return status;

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  conflicts = lotse_store_sync_list_conflicts (store, all, &error);
  if (conflicts == NULL)
    return lotse_cli_fail (cli, error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < conflicts->len; i++)
        json_array_add_element (array, conflict_to_json (store, g_ptr_array_index (conflicts, i)));
      json_node_set_array (root, array);
      lotse_cli_print_json (root);
      return LOTSE_CLI_EXIT_SUCCESS;
    }

  if (conflicts->len == 0)
    {
      g_print ("%s\n", _("No conflicts."));
      return LOTSE_CLI_EXIT_SUCCESS;
    }

  for (guint i = 0; i < conflicts->len; i++)
    print_conflict (store, g_ptr_array_index (conflicts, i));

  return LOTSE_CLI_EXIT_SUCCESS;
}

int
lotse_cli_command_resolve (LotseCli  *cli,
                           int        argc,
                           char     **argv)
{
  g_autofree char *take_text = NULL;
  const GOptionEntry entries[] = {
    { "take", 0, 0, G_OPTION_ARG_STRING, &take_text,
      N_("Whose values to keep: mine (this device) or theirs (the server)"), N_("mine|theirs") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LotseSyncTake take;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 1, 1, &args, &status))
    return status;

  if (g_strcmp0 (take_text, "mine") == 0)
    take = LOTSE_SYNC_TAKE_MINE;
  else if (g_strcmp0 (take_text, "theirs") == 0)
    take = LOTSE_SYNC_TAKE_THEIRS;
  else
    return lotse_cli_usage_error (cli, _("--take needs “mine” or “theirs”."));

  store = lotse_cli_open_store_or_fail (cli, LOTSE_CLI_OPEN_EXISTING, &status);
  if (store == NULL)
    return status;

  if (!lotse_sync_resolve_conflict (store, args[0], take, &error))
    return lotse_cli_fail (cli, error);

  g_print (take == LOTSE_SYNC_TAKE_MINE
             ? _("Resolved with this device’s values; the next sync sends them.\n")
             : _("Resolved with the server’s values.\n"));

  return LOTSE_CLI_EXIT_SUCCESS;
}
