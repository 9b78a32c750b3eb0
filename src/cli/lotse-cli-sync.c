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

static char *
normalize_url (const char *url)
{
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    len--;

  return g_strndup (url, len);
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
fail_sync (LotseCli     *cli,
           LotseStore   *store,
           const GError *error)
{
  gint64 outbox = lotse_store_count_outbox (store);

  lotse_cli_print_error ("%s", error->message);
  if (outbox > 0)
    g_printerr (ngettext ("%u local change is kept and will be sent by the next sync.\n",
                          "%u local changes are kept and will be sent by the next sync.\n",
                          (gulong)outbox),
                (guint)outbox);

  return LOTSE_CLI_EXIT_ERROR;
}

/* A failed first login leaves no empty database behind. */
static void
remove_new_database (LotseSyncClient **client,
                     LotseStore      **store)
{
  g_autofree char *path = g_strdup (lotse_store_get_path (*store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (client);
  g_clear_object (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

int
lotse_cli_command_sync (LotseCli  *cli,
                        int        argc,
                        char     **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *device_name = NULL;
  gboolean password_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The server’s address, e.g. https://lotse.example.org (default: the last one)"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("The account on the server (default: the last one)"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Log in with the password read from standard input and store a new device token"), NULL },
    { "device-name", 0, 0, G_OPTION_ARG_STRING, &device_name,
      N_("The name of this device on the server when logging in (default: the host name)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(LotseSyncClient) client = NULL;
  g_autoptr(LotseSyncStateRow) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *password = NULL;
  LotseCredentialsBackend backend = LOTSE_CREDENTIALS_FILE;
  LotseSyncStats stats = { 0, };
  Waiter waiter = { NULL, NULL };
  g_autofree char *default_path = lotse_store_default_path ();
  gboolean created;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 0, 0, &args, &status))
    return status;

  if (server != NULL && *server == '\0')
    return lotse_cli_usage_error (cli, _("--server needs an address."));
  if (user != NULL && *user == '\0')
    return lotse_cli_usage_error (cli, _("--user needs a name."));

  if (password_stdin)
    {
      password = read_password (&error);
      if (password == NULL)
        return lotse_cli_fail (cli, error);
    }

  /* Only a first sync with server and user may start a new database. */
  created = !g_file_test (cli->db_path ? cli->db_path : default_path, G_FILE_TEST_EXISTS);
  store = lotse_cli_open_store (cli, server && user ? LOTSE_CLI_OPEN_CREATE : LOTSE_CLI_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
        return lotse_cli_usage_error (cli, _("Which server? Give --server URL and --user NAME for the first sync."));
      return lotse_cli_fail (cli, error);
    }

  url = server ? normalize_url (server) : NULL;
  if (url == NULL || user == NULL)
    {
      state = lotse_store_sync_find_state (store, url, &error);
      if (error != NULL)
        return lotse_cli_fail (cli, error);
      if (state == NULL || state->server_url == NULL || (user == NULL && state->user_name == NULL))
        return lotse_cli_usage_error (cli, _("Which server? Give --server URL and --user NAME for the first sync."));
      if (url == NULL)
        url = g_strdup (state->server_url);
      if (user == NULL)
        user = g_strdup (state->user_name);
    }

  client = lotse_sync_client_new (store, url);

  if (password != NULL)
    {
      if (device_name == NULL)
        device_name = g_strdup (g_get_host_name ());

      if (is_plain_remote (url))
        /* Translators: %s is a server address starting with http:// */
        lotse_cli_print_error (_("Warning: the password goes to %s unencrypted; anyone on the "
                                 "network in between can read it. Use an https:// address."), url);

      waiter.loop = g_main_loop_new (NULL, FALSE);
      lotse_sync_client_login_async (client, user, password, device_name, NULL, wait_cb, &waiter);
      result = wait_for (&waiter);
      token = lotse_sync_client_login_finish (client, result, &device_id, &error);
      g_clear_object (&result);
      if (token == NULL)
        {
          status = fail_sync (cli, store, error);
          if (created)
            remove_new_database (&client, &store);
          return status;
        }

      if (!lotse_credentials_store (lotse_store_get_path (store), url, user, device_id, token, &backend, &error))
        return fail_sync (cli, store, error);

      if (backend == LOTSE_CREDENTIALS_KEYRING)
        /* Translators: %s are a user name and a server address */
        g_print (_("Logged in as %s on %s; the device token is stored in the keyring.\n"), user, url);
      else
        {
          g_autofree char *path = lotse_credentials_file_path (lotse_store_get_path (store));
          g_autofree char *display = g_filename_display_name (path);

          /* Translators: %s are a user name, a server address and a file */
          g_print (_("Logged in as %s on %s; the device token is stored in the file %s (readable only by you).\n"),
                   user, url, display);
        }
    }
  else
    {
      if (!lotse_credentials_lookup (lotse_store_get_path (store), url, user, &device_id, &token, &backend, &error))
        {
          if (error != NULL)
            return fail_sync (cli, store, error);

          lotse_cli_print_error (_("This device is not logged in as %s on %s. Log in once with "
                                   "--password-stdin (the password on standard input)."),
                                 user, url);
          if (created)
            remove_new_database (&client, &store);
          return LOTSE_CLI_EXIT_ERROR;
        }
    }

  lotse_sync_client_set_credentials (client, user, device_id, token);

  waiter.loop = g_main_loop_new (NULL, FALSE);
  waiter.result = NULL;
  lotse_sync_client_sync_async (client, FALSE, NULL, wait_cb, &waiter);
  result = wait_for (&waiter);

  if (!lotse_sync_client_sync_finish (client, result, &stats, &error))
    {
      if (g_error_matches (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_UNAUTHORIZED))
        {
          g_autofree char *message = g_strdup_printf ("%s (lotse-cli sync --server %s --user %s --password-stdin)",
                                                      error->message, url, user);
          g_autoptr(GError) hint = g_error_new_literal (LOTSE_SYNC_ERROR, error->code, message);

          return fail_sync (cli, store, hint);
        }
      return fail_sync (cli, store, error);
    }

  g_print (_("Synced with %s.\n"), url);
  print_stats (&stats, lotse_store_sync_count_conflicts (store), lotse_store_count_outbox (store));

  return LOTSE_CLI_EXIT_SUCCESS;
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
