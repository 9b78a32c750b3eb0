/* lotse-server-cli.c: the command line of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   lotse-server --data-dir DIR | --database postgresql://… [--listen ADDR:PORT]
 *                [--tls-cert F --tls-key F]
 *   lotse-server --data-dir DIR | --database URI [--workspace NAME] user|token|server …
 *   lotse-server --data-dir DIR | --database URI workspace create|list|remove …
 *   lotse-server migrate --from DIR|URI --to DIR|URI [--workspace NAME]
 *
 * Exit status: 0 success, 1 error, 2 wrong usage, 69 (EX_UNAVAILABLE) the
 * database could not be reached.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "lotse-server.h"
#include "lotse-server-cli.h"

#define DEFAULT_LISTEN "127.0.0.1:8420"

typedef struct
{
  GMainLoop   *loop;
  LotseServer *server;
  guint        grace_id;
  guint        grace;
} ServeState;

char *
lotse_server_database_path (const char *data_dir)
{
  return g_build_filename (data_dir, LOTSE_SERVER_SQLITE_FILE, NULL);
}

/* Takes group and other permissions from @path if it has any. */
static gboolean
make_private (const char  *path,
              gboolean     is_dir,
              GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (!is_dir && saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not check the permissions of “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if ((st.st_mode & 077) == 0)
    return TRUE;

  if (g_chmod (path, st.st_mode & 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Other users may read “%s”, and its permissions could not be changed: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  g_printerr ("lotse-server: ");
  g_printerr (_("Other users could read “%s”; now only its owner can"), path);
  g_printerr ("\n");
  return TRUE;
}

/* Password and token hashes are in the database: nobody but the server's
 * user reads it. Files the server makes from now on are private anyway
 * (umask in lotse_server_cli_run()); these may be older, or come from a
 * backup or an administrator's mkdir. */
gboolean
lotse_server_prepare_data_dir (const char  *data_dir,
                               GError     **error)
{
  g_autofree char *database = lotse_server_database_path (data_dir);
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the data directory “%s”: %s"),
                   data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!make_private (data_dir, TRUE, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (database, suffixes[i], NULL);

      if (!make_private (path, FALSE, error))
        return FALSE;
    }

  return TRUE;
}

/* A connection string without its password, for messages. */
char *
lotse_server_location_display (const char *location)
{
  g_autoptr(GUri) uri = NULL;

  if (!lotse_server_location_is_postgresql (location))
    return g_strdup (location);

  uri = g_uri_parse (location, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return g_strdup ("postgresql://…");

  /* Without the query too: it may hold a password= as well. */
  return g_uri_join_with_user (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_user (uri), NULL, NULL,
                               g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
}

LotseServerStorage *
lotse_server_open_location (const char  *location,
                            GError     **error)
{
  LotseServerStorage *storage;

  if (!lotse_server_location_is_postgresql (location) && !lotse_server_prepare_data_dir (location, error))
    return NULL;

  storage = lotse_server_storage_open (location, error);
  if (storage == NULL && error != NULL && *error != NULL &&
      g_error_matches (*error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE))
    {
      g_autofree char *shown = lotse_server_location_display (location);

      g_prefix_error (error, _("Could not reach the database %s: "), shown);
    }
  return storage;
}

int
lotse_server_exit_status (const GError *error)
{
  if (g_error_matches (error, LOTSE_SERVER_STORAGE_ERROR, LOTSE_SERVER_STORAGE_ERROR_UNAVAILABLE))
    return LOTSE_SERVER_EXIT_UNAVAILABLE;
  return 1;
}

static void
on_idle (LotseServer *server,
         ServeState  *state)
{
  g_main_loop_quit (state->loop);
}

static gboolean
on_grace_over (gpointer user_data)
{
  ServeState *state = user_data;

  g_printerr ("lotse-server: %s\n",
              _("Requests still running after the grace period; stopping anyway"));
  state->grace_id = 0;
  g_main_loop_quit (state->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_terminate (gpointer user_data)
{
  ServeState *state = user_data;

  g_printerr ("lotse-server: %s\n", _("Shutting down; finishing the requests in flight"));
  if (state->grace_id == 0)
    state->grace_id = g_timeout_add_seconds (state->grace, on_grace_over, state);
  lotse_server_begin_shutdown (state->server);

  return G_SOURCE_CONTINUE;
}

/* One descriptor per connection. The soft limit is often 1024 where the
 * hard one is far higher; a server is expected to raise it itself (under
 * systemd, LimitNOFILE sets both). */
static void
raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

static int
serve (const char              *location,
       const char              *listen,
       const char              *tls_cert,
       const char              *tls_key,
       const LotseServerConfig *config)
{
  g_autoptr(LotseServerStorage) storage = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(LotseServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ServeState state = { 0 };
  guint term_id, int_id;

  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_printerr ("lotse-server: %s\n", _("--tls-cert and --tls-key go together"));
      return 2;
    }

  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr ("lotse-server: %s\n", error->message);
          return 1;
        }
    }

  storage = lotse_server_open_location (location, &error);
  if (storage == NULL)
    {
      g_printerr ("lotse-server: %s\n", error->message);
      return lotse_server_exit_status (error);
    }

  raise_fd_limit ();
  /* Under a file size limit (systemd's LimitFSIZE=) a write past it fails
   * with EFBIG and answers 507 like a full disk; the signal that comes
   * with it would end the server instead. */
  signal (SIGXFSZ, SIG_IGN);
  server = lotse_server_new (g_steal_pointer (&storage), config);
  url = lotse_server_listen (server, listen, certificate, &error);
  if (url == NULL)
    {
      g_printerr ("lotse-server: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  state.server = server;
  state.grace = MAX (config->shutdown_grace, 1);
  g_signal_connect (server, "idle", G_CALLBACK (on_idle), &state);
  term_id = g_unix_signal_add (SIGTERM, on_terminate, &state);
  int_id = g_unix_signal_add (SIGINT, on_terminate, &state);

  /* Tests and scripts read the URL from the first line, and may stop the
   * server right after it: the signals are handled from here on. */
  g_print (_("Listening on %s"), url);
  g_print ("\n");
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (term_id);
  g_source_remove (int_id);
  g_clear_handle_id (&state.grace_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (server, &state);
  g_printerr ("lotse-server: %s\n", _("Stopped"));

  return 0;
}

/* Whether exactly one database is given, and a valid workspace if any. */
static gboolean
check_location (const char *data_dir,
                const char *database,
                const char *workspace)
{
  const char *problem = NULL;

  if ((data_dir == NULL) == (database == NULL))
    problem = _("Give either --data-dir or --database");
  else if (database != NULL && !lotse_server_location_is_postgresql (database))
    problem = _("--database takes a postgresql:// URI");
  else if (workspace != NULL && !lotse_server_is_valid_workspace_name (workspace))
    problem = _("A workspace name has 1 to 63 lowercase letters, digits or -");

  if (problem != NULL)
    g_printerr ("lotse-server: %s\n", problem);
  return problem == NULL;
}

/* migrate, or an administration command (argv[1] on). */
static int
run_command (const char  *data_dir,
             const char  *database,
             const char  *workspace,
             int          argc,
             char       **argv)
{
  if (argc > 1 && g_str_equal (argv[1], "migrate"))
    {
      if (data_dir != NULL || database != NULL)
        {
          g_printerr ("lotse-server: %s\n", _("migrate takes --from and --to, not --data-dir or --database"));
          return 2;
        }
      return lotse_server_migrate_run (workspace, argc - 2, argv + 2);
    }

  if (!check_location (data_dir, database, workspace))
    return 2;
  return lotse_server_admin_run (database != NULL ? database : data_dir, workspace, argc - 1, argv + 1);
}

typedef struct
{
  char     *data_dir;
  char     *database;
  char     *workspace;
  char     *listen;
  char     *tls_cert;
  char     *tls_key;
  gint64    max_body;
  char     *blob_dir;
  gint64    max_blob;
  gint64    blob_quota;
  int       max_batch;
  double    rate;
  double    burst;
  int       grace;
  int       request_timeout;
  double    token_idle_days;
  gboolean  portal;
  gboolean  version;
} CliOptions;

static void
cli_options_clear (CliOptions *o)
{
  g_free (o->data_dir);
  g_free (o->database);
  g_free (o->workspace);
  g_free (o->listen);
  g_free (o->tls_cert);
  g_free (o->tls_key);
  g_free (o->blob_dir);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

/* FALSE (with the message printed) when the options are wrong. */
static gboolean
parse_options (CliOptions  *o,
               int         *argc,
               char      ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->data_dir,
      N_("Directory of the server database (SQLite)"), N_("DIR") },
    { "database", 0, 0, G_OPTION_ARG_STRING, &o->database,
      N_("PostgreSQL database instead of a data directory, e.g. postgresql://lotse@db.example.org/lotse"),
      N_("URI") },
    { "workspace", 0, 0, G_OPTION_ARG_STRING, &o->workspace,
      N_("Workspace of the user, token and server commands (default: default)"), N_("NAME") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &o->listen,
      N_("Address and port to listen on (default 127.0.0.1:8420; port 0 picks a free one)"),
      N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &o->tls_cert,
      N_("PEM certificate (chain) for HTTPS"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &o->tls_key,
      N_("PEM private key for HTTPS"), N_("FILE") },
    { "max-body", 0, 0, G_OPTION_ARG_INT64, &o->max_body,
      N_("Largest request body in bytes"), N_("BYTES") },
    { "blob-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->blob_dir,
      N_("Directory of the attachments' files (default: DIR/blobs of --data-dir; needed with --database)"),
      N_("DIR") },
    { "max-blob", 0, 0, G_OPTION_ARG_INT64, &o->max_blob,
      N_("Largest attachment in bytes (default 100 MB)"), N_("BYTES") },
    { "blob-quota", 0, 0, G_OPTION_ARG_INT64, &o->blob_quota,
      N_("Bytes of attachments each workspace may keep (default 0: no limit)"), N_("BYTES") },
    { "max-batch", 0, 0, G_OPTION_ARG_INT, &o->max_batch,
      N_("Most changes in one push"), N_("N") },
    { "rate-limit", 0, 0, G_OPTION_ARG_DOUBLE, &o->rate,
      N_("Requests per second per address and per user (0 = no limit)"), N_("N") },
    { "rate-burst", 0, 0, G_OPTION_ARG_DOUBLE, &o->burst,
      N_("Requests an address or user may make at once"), N_("N") },
    { "shutdown-grace", 0, 0, G_OPTION_ARG_INT, &o->grace,
      N_("Seconds running requests get after SIGTERM"), N_("SECONDS") },
    { "request-timeout", 0, 0, G_OPTION_ARG_INT, &o->request_timeout,
      N_("Seconds a request may take from its first byte to its answer (0 = no limit)"),
      N_("SECONDS") },
    { "token-idle-days", 0, 0, G_OPTION_ARG_DOUBLE, &o->token_idle_days,
      N_("Days a device token may go unused before it expires (default 90, fractions allowed; "
         "0 = never)"),
      N_("DAYS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version, N_("Print the version"), NULL },
    { "portal", 0, 0, G_OPTION_ARG_NONE, &o->portal,
      N_("Serve the web portal (/portal/) and calendar feeds (/calendar/)"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[user add NAME --role ROLE | user list | user remove NAME | "
                                    "token revoke NAME|--device ID | server new-id | "
                                    "workspace create|list|remove | migrate --from A --to B]"));
  g_option_context_set_summary (context, _("The sync server of Lotse."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("lotse-server: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
lotse_server_cli_run (int    argc,
                      char **argv)
{
  g_auto(CliOptions) o = {
    .max_body = LOTSE_SERVER_DEFAULT_MAX_BODY,
    .max_blob = LOTSE_SERVER_DEFAULT_MAX_BLOB,
    .max_batch = LOTSE_SERVER_DEFAULT_MAX_BATCH,
    .rate = LOTSE_SERVER_DEFAULT_RATE,
    .burst = LOTSE_SERVER_DEFAULT_BURST,
    .grace = 30,
    .request_timeout = 120,
    .token_idle_days = LOTSE_SERVER_DEFAULT_TOKEN_IDLE_DAYS,
  };
  LotseServerConfig config;
  g_autofree char *blob_dir = NULL;

  g_set_prgname ("lotse-server");
  /* The database holds password and token hashes. */
  umask (077);

  if (!parse_options (&o, &argc, &argv))
    return 2;

  if (o.version)
    {
      g_print ("lotse-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (argc > 1)
    return run_command (o.data_dir, o.database, o.workspace, argc, argv);
  if (!check_location (o.data_dir, o.database, o.workspace))
    return 2;

  if (o.max_blob < 0 || o.blob_quota < 0)
    {
      g_printerr ("lotse-server: %s\n", _("--max-blob and --blob-quota must not be negative"));
      return 2;
    }
  if (o.max_body < 1024 || o.max_batch < 1 || o.rate < 0 || o.burst < 1 || o.grace < 1 || o.request_timeout < 0 ||
      !(o.token_idle_days >= 0 && o.token_idle_days <= 100 * 365))
    {
      g_printerr ("lotse-server: %s\n",
                  _("--max-body must be at least 1024, --max-batch and --rate-burst at least 1, "
                    "--rate-limit and --request-timeout not negative, --token-idle-days from 0 "
                    "to 36500"));
      return 2;
    }
  if (o.workspace != NULL)
    {
      g_printerr ("lotse-server: %s\n", _("--workspace is for the user, token and server commands; "
                                          "a server serves every workspace"));
      return 2;
    }

  lotse_server_config_init (&config);
  config.max_body = (gsize)o.max_body;
  config.max_batch = (guint)o.max_batch;
  config.rate = o.rate;
  config.burst = o.burst;
  config.shutdown_grace = (guint)o.grace;
  config.request_timeout = (guint)o.request_timeout;
  config.portal = o.portal;
  /* Blobs are files in any case; PostgreSQL keeps only the rows. */
  if (o.blob_dir != NULL)
    blob_dir = g_strdup (o.blob_dir);
  else if (o.data_dir != NULL)
    blob_dir = g_build_filename (o.data_dir, "blobs", NULL);
  config.blob_dir = blob_dir;
  config.max_blob = o.max_blob;
  config.blob_quota = o.blob_quota;
  config.location = o.database != NULL ? o.database : o.data_dir;
  config.token_idle = o.token_idle_days > 0 ? MAX (1, (gint64)(o.token_idle_days * 24 * 3600 + 0.5)) : 0;

  return serve (o.database != NULL ? o.database : o.data_dir, o.listen != NULL ? o.listen : DEFAULT_LISTEN,
                o.tls_cert, o.tls_key, &config);
}
