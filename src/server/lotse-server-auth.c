/* lotse-server-auth.c: passwords and device tokens of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords are hashed with yescrypt (libxcrypt's "$y$" prefix); device
 * tokens are 32 bytes from getrandom(), handed out base64url-encoded and
 * stored only as their SHA-256.
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "lotse-server-auth.h"

#define TOKEN_BYTES 32

static gboolean
fill_random (guint8  *buffer,
             gsize    length,
             GError **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read random bytes: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      done += n;
    }

  return TRUE;
}

char *
lotse_server_hash_password (const char  *password,
                            GError     **error)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  g_autofree char *setting = NULL;
  const char *hash;

  g_return_val_if_fail (password != NULL, NULL);

  setting = crypt_gensalt_ra ("$y$", 0, NULL, 0);
  if (setting == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make a password salt: %s"), g_strerror (errno));
      return NULL;
    }

  hash = crypt_r (password, setting, data);
  if (hash == NULL || hash[0] == '*')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not hash the password"));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
lotse_server_check_password (const char *password,
                             const char *hash)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *computed;
  gsize length;
  guint8 diff = 0;

  if (password == NULL || hash == NULL)
    return FALSE;

  computed = crypt_r (password, hash, data);
  if (computed == NULL || computed[0] == '*')
    return FALSE;

  length = strlen (hash);
  if (strlen (computed) != length)
    return FALSE;

  /* Constant time in the length of the hash. */
  for (gsize i = 0; i < length; i++)
    diff |= (guint8)computed[i] ^ (guint8)hash[i];

  return diff == 0;
}

const char *
lotse_server_dummy_hash (void)
{
  static char *dummy = NULL;

  if (g_once_init_enter (&dummy))
    {
      char *hash = lotse_server_hash_password ("lotse-dummy-password", NULL);

      g_once_init_leave (&dummy, hash != NULL ? hash : g_strdup ("*"));
    }

  return dummy;
}

char *
lotse_server_new_token (GError **error)
{
  guint8 bytes[TOKEN_BYTES];
  g_autofree char *base64 = NULL;
  GString *token;

  if (!fill_random (bytes, sizeof bytes, error))
    return NULL;

  /* base64url without padding: 43 characters for 32 bytes. */
  base64 = g_base64_encode (bytes, sizeof bytes);
  token = g_string_new (NULL);
  for (const char *p = base64; *p != '\0'; p++)
    {
      if (*p == '+')
        g_string_append_c (token, '-');
      else if (*p == '/')
        g_string_append_c (token, '_');
      else if (*p != '=')
        g_string_append_c (token, *p);
    }
  memset (bytes, 0, sizeof bytes);

  return g_string_free (token, FALSE);
}

char *
lotse_server_hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

gboolean
lotse_server_is_valid_role (const char *role)
{
  return g_strcmp0 (role, "admin") == 0 ||
         g_strcmp0 (role, "editor") == 0 ||
         g_strcmp0 (role, "reader") == 0;
}

/* 1-64 characters of letters, digits, '.', '_', '-' and '@'. */
gboolean
lotse_server_is_valid_user_name (const char *name)
{
  gsize length;

  if (name == NULL)
    return FALSE;

  length = strlen (name);
  if (length == 0 || length > 64)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (name[i]) && strchr ("._-@", name[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}
