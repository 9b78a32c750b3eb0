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

void
lotse_server_token_digest (const char *token,
                           guint8      digest[LOTSE_SERVER_TOKEN_DIGEST])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize length = LOTSE_SERVER_TOKEN_DIGEST;

  g_checksum_update (checksum, (const guchar *)token, strlen (token));
  g_checksum_get_digest (checksum, digest, &length);
  g_assert (length == LOTSE_SERVER_TOKEN_DIGEST);
}

char *
lotse_server_token_digest_to_hex (const guint8 digest[LOTSE_SERVER_TOKEN_DIGEST])
{
  static const char hex[] = "0123456789abcdef";
  char *text = g_new (char, 2 * LOTSE_SERVER_TOKEN_DIGEST + 1);

  for (guint i = 0; i < LOTSE_SERVER_TOKEN_DIGEST; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0xf];
    }
  text[2 * LOTSE_SERVER_TOKEN_DIGEST] = '\0';

  return text;
}

typedef struct
{
  guint8              digest[LOTSE_SERVER_TOKEN_DIGEST];
  LotseServerSession *session;
} CacheEntry;

struct _LotseServerTokenCache
{
  GHashTable *entries;      /* digest → CacheEntry (the key lives in the entry) */
  guint       max_entries;
  gint64      version;
  gboolean    has_version;
};

static void
cache_entry_free (CacheEntry *entry)
{
  lotse_server_session_free (entry->session);
  g_free (entry);
}

/* The digest is a SHA-256: its first bytes are as good a hash as any. */
static guint
digest_hash (gconstpointer key)
{
  guint value;

  memcpy (&value, key, sizeof value);
  return value;
}

static gboolean
digest_equal (gconstpointer a,
              gconstpointer b)
{
  return memcmp (a, b, LOTSE_SERVER_TOKEN_DIGEST) == 0;
}

LotseServerTokenCache *
lotse_server_token_cache_new (guint max_entries)
{
  LotseServerTokenCache *self = g_new0 (LotseServerTokenCache, 1);

  self->entries = g_hash_table_new_full (digest_hash, digest_equal, NULL,
                                         (GDestroyNotify)cache_entry_free);
  self->max_entries = MAX (max_entries, 1);

  return self;
}

void
lotse_server_token_cache_free (LotseServerTokenCache *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->entries);
  g_free (self);
}

void
lotse_server_token_cache_clear (LotseServerTokenCache *self)
{
  g_hash_table_remove_all (self->entries);
}

void
lotse_server_token_cache_set_version (LotseServerTokenCache *self,
                                      gint64                 version)
{
  if (self->has_version && self->version == version)
    return;

  lotse_server_token_cache_clear (self);
  self->version = version;
  self->has_version = TRUE;
}

const LotseServerSession *
lotse_server_token_cache_lookup (LotseServerTokenCache *self,
                                 const guint8           digest[LOTSE_SERVER_TOKEN_DIGEST])
{
  CacheEntry *entry = g_hash_table_lookup (self->entries, digest);

  return entry != NULL ? entry->session : NULL;
}

void
lotse_server_token_cache_insert (LotseServerTokenCache    *self,
                                 const guint8              digest[LOTSE_SERVER_TOKEN_DIGEST],
                                 const LotseServerSession *session)
{
  CacheEntry *entry;

  /* An office has a few dozen devices; more than max_entries tokens in
   * use at once only costs lookups, never memory. */
  if (g_hash_table_size (self->entries) >= self->max_entries)
    lotse_server_token_cache_clear (self);

  entry = g_new0 (CacheEntry, 1);
  memcpy (entry->digest, digest, LOTSE_SERVER_TOKEN_DIGEST);
  entry->session = lotse_server_session_copy (session);
  g_hash_table_replace (self->entries, entry->digest, entry);
}

guint
lotse_server_token_cache_size (LotseServerTokenCache *self)
{
  return g_hash_table_size (self->entries);
}

LotseServerSession *
lotse_server_session_copy (const LotseServerSession *session)
{
  LotseServerSession *copy = g_new0 (LotseServerSession, 1);

  copy->device_id = g_strdup (session->device_id);
  copy->account = g_strdup (session->account);
  copy->role = g_strdup (session->role);
  copy->last_used = session->last_used;

  return copy;
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
