/* lotse-server-admin.c: workspace, user and token administration of
 * lotse-server
 *
 *   lotse-server --data-dir DIR [--workspace NAME] user add NAME --role admin|editor|reader
 *   lotse-server --data-dir DIR [--workspace NAME] user list
 *   lotse-server --data-dir DIR [--workspace NAME] user remove NAME
 *   lotse-server --data-dir DIR [--workspace NAME] token revoke NAME | --device ID
 *   lotse-server --data-dir DIR [--workspace NAME] server new-id
 *   lotse-server --data-dir DIR workspace create NAME | list | remove NAME
 *
 * --database postgresql://… instead of --data-dir works alike. Without
 * --workspace the commands work on the workspace "default", except
 * `server new-id`, which (after a restore of the whole database) gives
 * every workspace a new id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lotse-server-auth.h"
#include "lotse-server-cli.h"
#include "lotse-server-storage.h"
#include "lotse-portal-private.h"

#define MIN_PASSWORD_LENGTH 8
#define MAX_PASSWORD_LENGTH 1024

static int
usage (const char *message)
{
  g_printerr ("lotse-server: %s\n", message);
  g_printerr ("%s\n", _("Usage: lotse-server --data-dir DIR [--workspace NAME] user add NAME --role admin|editor|reader\n"
                        "       lotse-server --data-dir DIR [--workspace NAME] user list\n"
                        "       lotse-server --data-dir DIR [--workspace NAME] user remove NAME\n"
                        "       lotse-server --data-dir DIR [--workspace NAME] token revoke NAME|--device ID\n"
                        "       lotse-server --data-dir DIR [--workspace NAME] feed-token create|revoke USER\n"
                        "       lotse-server --data-dir DIR [--workspace NAME] server new-id\n"
                        "       lotse-server --data-dir DIR workspace create NAME | list | remove NAME\n"
                        "       lotse-server migrate --from DIR|URI --to DIR|URI [--workspace NAME] [--to-workspace NAME]\n"
                        "--database postgresql://… takes the place of --data-dir DIR."));
  return 2;
}

static int
fail (GError *error)
{
  g_printerr ("lotse-server: %s\n", error->message);
  return lotse_server_exit_status (error);
}

/* Where the commands work: the database and one of its workspaces. */
typedef struct
{
  const char *location;
  const char *workspace;      /* NULL: the default one */
} Target;

static LotseServerStorage *
open_storage (const Target  *target,
              GError       **error)
{
  g_autoptr(LotseServerStorage) database = lotse_server_open_location (target->location, error);

  if (database == NULL)
    return NULL;

  return lotse_server_storage_open_workspace (database, target->workspace != NULL ? target->workspace
                                                                               : LOTSE_SERVER_DEFAULT_WORKSPACE,
                                              error);
}

/* The first line of stdin, without its line end. */
static char *
read_password (GError **error)
{
  char buffer[MAX_PASSWORD_LENGTH + 2];
  gsize length;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Give the password on standard input"));
      return NULL;
    }

  length = strlen (buffer);
  if (length > 0 && buffer[length - 1] != '\n' && length > MAX_PASSWORD_LENGTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password is longer than %d bytes"), MAX_PASSWORD_LENGTH);
      return NULL;
    }
  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    buffer[--length] = '\0';

  if (!g_utf8_validate (buffer, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password is not valid UTF-8 text"));
      return NULL;
    }
  if (g_utf8_strlen (buffer, -1) < MIN_PASSWORD_LENGTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password must have at least %d characters"), MIN_PASSWORD_LENGTH);
      return NULL;
    }

  return g_strdup (buffer);
}

static int
user_add (const Target *target,
          int         argc,
          char      **argv)
{
  g_autoptr(LotseServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *hash = NULL;
  const char *name = NULL;
  const char *role = NULL;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--role") && i + 1 < argc)
        role = argv[++i];
      else if (g_str_has_prefix (argv[i], "--role="))
        role = argv[i] + strlen ("--role=");
      else if (argv[i][0] != '-' && name == NULL)
        name = argv[i];
      else
        return usage (_("Unexpected argument"));
    }

  if (name == NULL || role == NULL)
    return usage (_("“user add” needs a NAME and --role"));
  if (!lotse_server_is_valid_user_name (name))
    return usage (_("A user name has 1 to 64 letters, digits or . _ - @"));
  if (!lotse_server_is_valid_role (role))
    return usage (_("The role must be admin, editor or reader"));

  password = read_password (&error);
  if (password == NULL)
    return fail (error);

  storage = open_storage (target, &error);
  if (storage == NULL)
    return fail (error);

  hash = lotse_server_hash_password (password, &error);
  if (hash == NULL || !storage->vtable->account_add (storage, name, role, hash, &error))
    return fail (error);

  /* Translators: %s is a user name, then a role (admin, editor or reader) */
  g_print (_("Added user “%s” with the role %s.\n"), name, role);
  return 0;
}

static int
user_list (const Target *target,
           int         argc,
           char      **argv)
{
  g_autoptr(LotseServerStorage) storage = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  if (argc > 0)
    return usage (_("Unexpected argument"));

  storage = open_storage (target, &error);
  if (storage == NULL)
    return fail (error);

  accounts = storage->vtable->account_list (storage, &error);
  if (accounts == NULL)
    return fail (error);

  if (accounts->len == 0)
    {
      g_print ("%s\n", _("There are no users yet."));
      return 0;
    }

  g_print ("%-24s %-8s %8s  %s\n", _("User"), _("Role"), _("Devices"), _("Created"));
  for (guint i = 0; i < accounts->len; i++)
    {
      const LotseServerAccount *account = g_ptr_array_index (accounts, i);

      g_print ("%-24s %-8s %8u  %s\n", account->name, account->role, account->n_devices,
               account->created_at);
    }

  return 0;
}

static int
user_remove (const Target *target,
             int         argc,
             char      **argv)
{
  g_autoptr(LotseServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1 || argv[0][0] == '-')
    return usage (_("“user remove” needs exactly one NAME"));

  storage = open_storage (target, &error);
  if (storage == NULL)
    return fail (error);

  if (!storage->vtable->account_remove (storage, argv[0], &error))
    return fail (error);

  g_print (_("Removed user “%s”; their devices can no longer sync.\n"), argv[0]);
  return 0;
}

static int
token_revoke (const Target *target,
              int         argc,
              char      **argv)
{
  g_autoptr(LotseServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  const char *device = NULL;
  const char *name = NULL;
  int n;

  if (argc == 2 && g_str_equal (argv[0], "--device"))
    device = argv[1];
  else if (argc == 1 && g_str_has_prefix (argv[0], "--device="))
    device = argv[0] + strlen ("--device=");
  else if (argc == 1 && argv[0][0] != '-')
    name = argv[0];
  else
    return usage (_("“token revoke” needs a user NAME or --device ID"));

  if (device != NULL && !lotse_is_uuid (device))
    return usage (_("A device id is a UUID"));

  storage = open_storage (target, &error);
  if (storage == NULL)
    return fail (error);

  if (name != NULL)
    {
      g_autoptr(LotseServerAccount) account = storage->vtable->account_get (storage, name, &error);

      if (account == NULL)
        {
          if (error == NULL)
            g_set_error (&error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND,
                         _("There is no user “%s”"), name);
          return fail (error);
        }
      n = storage->vtable->revoke_account (storage, name, &error);
    }
  else
    n = storage->vtable->revoke_device (storage, device, &error);

  if (n < 0)
    return fail (error);
  if (n == 0 && device != NULL)
    {
      g_printerr ("lotse-server: %s\n", _("No device with this id has a valid token"));
      return 1;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Revoked %d token.\n", "Revoked %d tokens.\n", n), n);
  return 0;
}

/* --- calendar feed tokens ---------------------------------------------------- */

typedef struct
{
  const char *account;
  GPtrArray  *ids;
} FeedDevices;

static gboolean
collect_feed_device (const char * const *columns,
                     gpointer            user_data,
                     GError            **error)
{
  FeedDevices *found = user_data;

  /* id, account, name, token_hash, created_at, revoked_at, last_used */
  if (g_strcmp0 (columns[1], found->account) == 0 &&
      g_strcmp0 (columns[2], LOTSE_PORTAL_FEED_DEVICE) == 0 && columns[5] == NULL)
    g_ptr_array_add (found->ids, g_strdup (columns[0]));
  return TRUE;
}

/* Revokes the feed tokens of @account; the number revoked, or -1. */
static int
revoke_feed_tokens (LotseServerStorage  *storage,
                    const char          *account,
                    GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  FeedDevices found = { account, ids };
  int n = 0;

  if (!storage->vtable->dump (storage, LOTSE_SERVER_DUMP_DEVICES, collect_feed_device, &found, error))
    return -1;
  for (guint i = 0; i < ids->len; i++)
    {
      int revoked = storage->vtable->revoke_device (storage, g_ptr_array_index (ids, i), error);

      if (revoked < 0)
        return -1;
      n += revoked;
    }
  return n;
}

/* A user's personal token for the calendar feeds: a new one replaces the
 * old, so that a leaked feed address is closed by making another. */
static int
feed_token (const Target *target,
            int           argc,
            char        **argv,
            gboolean      create)
{
  g_autoptr(LotseServerStorage) storage = NULL;
  g_autoptr(LotseServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *device_id = lotse_new_uuid ();
  const char *workspace;
  int n;

  if (argc != 1 || argv[0][0] == '-')
    return usage (_("“feed-token” needs exactly one user NAME"));

  storage = open_storage (target, &error);
  if (storage == NULL)
    return fail (error);
  account = storage->vtable->account_get (storage, argv[0], &error);
  if (account == NULL)
    {
      if (error == NULL)
        g_set_error (&error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND, _("There is no user “%s”"), argv[0]);
      return fail (error);
    }

  n = revoke_feed_tokens (storage, argv[0], &error);
  if (n < 0)
    return fail (error);
  if (!create)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "Revoked %d feed token.\n", "Revoked %d feed tokens.\n", n), n);
      return 0;
    }

  token = lotse_server_new_token (&error);
  if (token == NULL)
    return fail (error);
  hash = lotse_portal_feed_token_hash (token);
  if (!storage->vtable->device_add (storage, device_id, argv[0], LOTSE_PORTAL_FEED_DEVICE, hash, &error))
    return fail (error);

  workspace = storage->vtable->get_workspace (storage);
  g_print (_("The calendar feeds of “%s” (add them to the server's address; "
             "anyone with them can read the meetings):\n"), argv[0]);
  if (g_strcmp0 (workspace, LOTSE_SERVER_DEFAULT_WORKSPACE) == 0)
    g_print ("/calendar/%s/all.ics\n", token);
  else
    g_print ("/w/%s/calendar/%s/all.ics\n", workspace, token);
  return 0;
}

static int
feed_token_create (const Target *target,
                   int           argc,
                   char        **argv)
{
  return feed_token (target, argc, argv, TRUE);
}

static int
feed_token_revoke (const Target *target,
                   int           argc,
                   char        **argv)
{
  return feed_token (target, argc, argv, FALSE);
}

/* After restoring a backup: clients must not continue from cursors that
 * name revisions the restored data lacks. */
static gboolean
new_id (LotseServerStorage  *storage,
        GError             **error)
{
  if (!storage->vtable->new_server_id (storage, error))
    return FALSE;

  /* Translators: the first %s is a workspace name, the second an id */
  g_print (_("The server id of workspace “%s” is now %s.\n"), storage->vtable->get_workspace (storage),
           storage->vtable->get_server_id (storage));
  return TRUE;
}

/* The workspace of @target, or every one. */
static GPtrArray *
workspace_names (LotseServerStorage  *database,
                 const Target        *target,
                 GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) workspaces = NULL;

  if (target->workspace != NULL)
    {
      g_ptr_array_add (names, g_strdup (target->workspace));
      return g_steal_pointer (&names);
    }

  workspaces = database->vtable->workspace_list (database, error);
  if (workspaces == NULL)
    return NULL;
  for (guint i = 0; i < workspaces->len; i++)
    g_ptr_array_add (names, g_strdup (((LotseServerWorkspace *)g_ptr_array_index (workspaces, i))->name));

  return g_steal_pointer (&names);
}

static int
server_new_id (const Target *target,
               int           argc,
               char        **argv)
{
  g_autoptr(LotseServerStorage) database = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  if (argc > 0)
    return usage (_("Unexpected argument"));

  database = lotse_server_open_location (target->location, &error);
  if (database == NULL || (names = workspace_names (database, target, &error)) == NULL)
    return fail (error);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(LotseServerStorage) storage = NULL;

      storage = lotse_server_storage_open_workspace (database, g_ptr_array_index (names, i), &error);
      if (storage == NULL || !new_id (storage, &error))
        return fail (error);
    }

  g_print ("%s\n", _("Every device will pull all data again."));
  return 0;
}

static int
workspace_create (const Target *target,
                  int           argc,
                  char        **argv)
{
  g_autoptr(LotseServerStorage) database = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1 || argv[0][0] == '-')
    return usage (_("“workspace create” needs exactly one NAME"));
  if (!lotse_server_is_valid_workspace_name (argv[0]))
    return usage (_("A workspace name has 1 to 63 lowercase letters, digits or -"));

  database = lotse_server_open_location (target->location, &error);
  if (database == NULL || !database->vtable->workspace_create (database, argv[0], &error))
    return fail (error);

  /* Translators: %s is a workspace name, used in server addresses */
  g_print (_("Created workspace “%s”; its devices sync with the server address …/w/%s.\n"), argv[0], argv[0]);
  return 0;
}

static int
workspace_list (const Target *target,
                int           argc,
                char        **argv)
{
  g_autoptr(LotseServerStorage) database = NULL;
  g_autoptr(GPtrArray) workspaces = NULL;
  g_autoptr(GError) error = NULL;

  if (argc > 0)
    return usage (_("Unexpected argument"));

  database = lotse_server_open_location (target->location, &error);
  if (database == NULL || (workspaces = database->vtable->workspace_list (database, &error)) == NULL)
    return fail (error);

  g_print ("%-24s %6s %10s %10s  %s\n", _("Workspace"), _("Users"), _("Rows"), _("Seq"), _("Created"));
  for (guint i = 0; i < workspaces->len; i++)
    {
      const LotseServerWorkspace *workspace = g_ptr_array_index (workspaces, i);

      g_print ("%-24s %6u %10" G_GINT64_FORMAT " %10" G_GINT64_FORMAT "  %s\n", workspace->name,
               workspace->n_accounts, workspace->n_rows, workspace->seq, workspace->created_at);
    }
  return 0;
}

static int
workspace_remove (const Target *target,
                  int           argc,
                  char        **argv)
{
  g_autoptr(LotseServerStorage) database = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1 || argv[0][0] == '-')
    return usage (_("“workspace remove” needs exactly one NAME"));

  database = lotse_server_open_location (target->location, &error);
  if (database == NULL || !database->vtable->workspace_remove (database, argv[0], &error))
    return fail (error);

  g_print (_("Removed workspace “%s” with its users, devices and data.\n"), argv[0]);
  return 0;
}

static const struct
{
  const char *noun;
  const char *verb;
  int       (*run) (const Target *target,
                    int           argc,
                    char        **argv);
  gboolean    of_workspace;   /* works in one workspace (--workspace) */
} commands[] = {
  { "user", "add", user_add, TRUE },
  { "user", "list", user_list, TRUE },
  { "user", "remove", user_remove, TRUE },
  { "token", "revoke", token_revoke, TRUE },
  { "feed-token", "create", feed_token_create, TRUE },
  { "feed-token", "revoke", feed_token_revoke, TRUE },
  { "server", "new-id", server_new_id, TRUE },
  { "workspace", "create", workspace_create, FALSE },
  { "workspace", "list", workspace_list, FALSE },
  { "workspace", "remove", workspace_remove, FALSE },
};

int
lotse_server_admin_run (const char *location,
                        const char *workspace,
                        int         argc,
                        char      **argv)
{
  Target target = { location, workspace };

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[0], commands[i].noun) || !g_str_equal (argv[1], commands[i].verb))
        continue;
      if (workspace != NULL && !commands[i].of_workspace)
        return usage (_("The workspace commands name their workspace themselves, without --workspace"));
      return commands[i].run (&target, argc - 2, argv + 2);
    }

  return usage (_("Unknown command"));
}
