/* lotse-sync-trust.c: trusting a self-signed office server by its pinned certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small office runs lotse-server with a self-signed certificate. Lotse
 * never accepts every certificate: the person sees the certificate's
 * SHA-256 fingerprint and subject once and decides; the fingerprint is
 * then pinned for that server address. The pins live in a GTlsDatabase
 * that wraps the system's and is installed as the default, so every
 * SoupSession (also the sync client's) checks them. Verification runs in
 * TLS threads, hence the lock.
 */

#define G_LOG_DOMAIN "lotse-sync-trust"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "lotse-sync-trust.h"

#define LOTSE_TYPE_PINNING_DATABASE (lotse_pinning_database_get_type ())
G_DECLARE_FINAL_TYPE (LotsePinningDatabase, lotse_pinning_database, LOTSE, PINNING_DATABASE, GTlsDatabase)

struct _LotsePinningDatabase
{
  GTlsDatabase  parent_instance;
  GTlsDatabase *system;  /* may be NULL */
};

G_DEFINE_FINAL_TYPE (LotsePinningDatabase, lotse_pinning_database, G_TYPE_TLS_DATABASE)

static GMutex pins_lock;
static GHashTable *pins;  /* "host:port" → fingerprint */

static char *
key_for_url (const char *server_url)
{
  g_autoptr(GUri) uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  int port;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  port = g_uri_get_port (uri);
  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;

  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
}

static char *
key_for_identity (GSocketConnectable *identity)
{
  if (G_IS_NETWORK_ADDRESS (identity))
    return g_strdup_printf ("%s:%u", g_network_address_get_hostname (G_NETWORK_ADDRESS (identity)),
                            g_network_address_get_port (G_NETWORK_ADDRESS (identity)));
  if (G_IS_INET_SOCKET_ADDRESS (identity))
    {
      g_autofree char *host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (identity)));

      return g_strdup_printf ("%s:%u", host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (identity)));
    }

  return NULL;
}

char *
lotse_sync_trust_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *text;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  text = g_string_new (NULL);
  for (guint i = 0; hex[i] != '\0' && hex[i + 1] != '\0'; i += 2)
    {
      if (text->len > 0)
        g_string_append_c (text, ':');
      g_string_append_c (text, g_ascii_toupper (hex[i]));
      g_string_append_c (text, g_ascii_toupper (hex[i + 1]));
    }

  return g_string_free (text, FALSE);
}

static gboolean
pinned_for_key (const char *key,
                const char *fingerprint)
{
  gboolean pinned = FALSE;

  g_mutex_lock (&pins_lock);
  if (pins != NULL && key != NULL && fingerprint != NULL)
    pinned = g_strcmp0 (g_hash_table_lookup (pins, key), fingerprint) == 0;
  g_mutex_unlock (&pins_lock);

  return pinned;
}

static GTlsCertificateFlags
lotse_pinning_database_verify_chain (GTlsDatabase             *database,
                                     GTlsCertificate          *chain,
                                     const char               *purpose,
                                     GSocketConnectable       *identity,
                                     GTlsInteraction          *interaction,
                                     GTlsDatabaseVerifyFlags   flags,
                                     GCancellable             *cancellable,
                                     GError                  **error)
{
  LotsePinningDatabase *self = LOTSE_PINNING_DATABASE (database);
  g_autofree char *key = identity ? key_for_identity (identity) : NULL;
  g_autofree char *fingerprint = lotse_sync_trust_fingerprint (chain);

  /* Exactly the certificate the person accepted for this address */
  if (pinned_for_key (key, fingerprint))
    return 0;

  if (self->system != NULL)
    return g_tls_database_verify_chain (self->system, chain, purpose, identity, interaction,
                                        flags, cancellable, error);

  return G_TLS_CERTIFICATE_UNKNOWN_CA;
}

static char *
lotse_pinning_database_create_certificate_handle (GTlsDatabase    *database,
                                                  GTlsCertificate *certificate)
{
  LotsePinningDatabase *self = LOTSE_PINNING_DATABASE (database);

  return self->system ? g_tls_database_create_certificate_handle (self->system, certificate) : NULL;
}

static GTlsCertificate *
lotse_pinning_database_lookup_certificate_for_handle (GTlsDatabase             *database,
                                                      const char               *handle,
                                                      GTlsInteraction          *interaction,
                                                      GTlsDatabaseLookupFlags   flags,
                                                      GCancellable             *cancellable,
                                                      GError                  **error)
{
  LotsePinningDatabase *self = LOTSE_PINNING_DATABASE (database);

  if (self->system == NULL)
    return NULL;

  return g_tls_database_lookup_certificate_for_handle (self->system, handle, interaction, flags,
                                                       cancellable, error);
}

static GTlsCertificate *
lotse_pinning_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                                  GTlsCertificate          *certificate,
                                                  GTlsInteraction          *interaction,
                                                  GTlsDatabaseLookupFlags   flags,
                                                  GCancellable             *cancellable,
                                                  GError                  **error)
{
  LotsePinningDatabase *self = LOTSE_PINNING_DATABASE (database);

  if (self->system == NULL)
    return NULL;

  return g_tls_database_lookup_certificate_issuer (self->system, certificate, interaction, flags,
                                                   cancellable, error);
}

static GList *
lotse_pinning_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                                      GByteArray               *issuer,
                                                      GTlsInteraction          *interaction,
                                                      GTlsDatabaseLookupFlags   flags,
                                                      GCancellable             *cancellable,
                                                      GError                  **error)
{
  LotsePinningDatabase *self = LOTSE_PINNING_DATABASE (database);

  if (self->system == NULL)
    return NULL;

  return g_tls_database_lookup_certificates_issued_by (self->system, issuer, interaction, flags,
                                                       cancellable, error);
}

static void
lotse_pinning_database_finalize (GObject *object)
{
  LotsePinningDatabase *self = LOTSE_PINNING_DATABASE (object);

  g_clear_object (&self->system);

  G_OBJECT_CLASS (lotse_pinning_database_parent_class)->finalize (object);
}

static void
lotse_pinning_database_class_init (LotsePinningDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = lotse_pinning_database_finalize;
  database_class->verify_chain = lotse_pinning_database_verify_chain;
  database_class->create_certificate_handle = lotse_pinning_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle = lotse_pinning_database_lookup_certificate_for_handle;
  database_class->lookup_certificate_issuer = lotse_pinning_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = lotse_pinning_database_lookup_certificates_issued_by;
}

static void
lotse_pinning_database_init (LotsePinningDatabase *self)
{
}

void
lotse_sync_trust_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      GTlsBackend *backend = g_tls_backend_get_default ();
      LotsePinningDatabase *database = g_object_new (LOTSE_TYPE_PINNING_DATABASE, NULL);

      database->system = g_tls_backend_get_default_database (backend);
      g_tls_backend_set_default_database (backend, G_TLS_DATABASE (database));
      g_object_unref (database);

      g_mutex_lock (&pins_lock);
      if (pins == NULL)
        pins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_mutex_unlock (&pins_lock);

      g_once_init_leave (&installed, 1);
    }
}

void
lotse_sync_trust_pin (const char *server_url,
                      const char *fingerprint)
{
  char *key;

  g_return_if_fail (server_url != NULL && fingerprint != NULL);

  lotse_sync_trust_install ();
  key = key_for_url (server_url);
  if (key == NULL)
    return;

  g_mutex_lock (&pins_lock);
  g_hash_table_replace (pins, key, g_strdup (fingerprint));
  g_mutex_unlock (&pins_lock);
}

void
lotse_sync_trust_unpin (const char *server_url)
{
  g_autofree char *key = NULL;

  g_return_if_fail (server_url != NULL);

  key = key_for_url (server_url);
  g_mutex_lock (&pins_lock);
  if (pins != NULL && key != NULL)
    g_hash_table_remove (pins, key);
  g_mutex_unlock (&pins_lock);
}

gboolean
lotse_sync_trust_is_pinned (const char *server_url,
                            const char *fingerprint)
{
  g_autofree char *key = key_for_url (server_url);

  return pinned_for_key (key, fingerprint);
}

char *
lotse_sync_trust_lookup (const char *server_url)
{
  g_autofree char *key = NULL;
  char *fingerprint = NULL;

  g_return_val_if_fail (server_url != NULL, NULL);

  key = key_for_url (server_url);
  g_mutex_lock (&pins_lock);
  if (pins != NULL && key != NULL)
    fingerprint = g_strdup (g_hash_table_lookup (pins, key));
  g_mutex_unlock (&pins_lock);

  return fingerprint;
}

/* ---- probe -------------------------------------------------------- */

typedef struct
{
  SoupSession          *session;
  GTlsCertificate      *certificate;
  GTlsCertificateFlags  errors;
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_object (&probe->session);
  g_clear_object (&probe->certificate);
  g_free (probe);
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       Probe                *probe)
{
  /* Noted for the question to the person; never accepted here. */
  g_set_object (&probe->certificate, certificate);
  probe->errors = errors;

  return FALSE;
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (probe->certificate != NULL)
    {
      g_task_return_pointer (task, g_object_ref (probe->certificate), g_object_unref);
      return;
    }
  if (body == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Trusted, or some other problem that the login will report. */
  g_task_return_pointer (task, NULL, NULL);
}

void
lotse_sync_trust_probe_async (const char          *server_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;
  Probe *probe;

  g_task_set_source_tag (task, lotse_sync_trust_probe_async);
  lotse_sync_trust_install ();

  if (!g_str_has_prefix (server_url, "https://"))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  uri = g_strconcat (server_url, "/v1/info", NULL);
  message = soup_message_new ("GET", uri);
  if (message == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  probe = g_new0 (Probe, 1);
  probe->session = soup_session_new_with_options ("timeout", 15, NULL);
  g_task_set_task_data (task, probe, (GDestroyNotify)probe_free);
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), probe);
  soup_session_send_and_read_async (probe->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    probe_cb, g_steal_pointer (&task));
}

GTlsCertificate *
lotse_sync_trust_probe_finish (GAsyncResult          *result,
                               GTlsCertificateFlags  *out_errors,
                               GError               **error)
{
  GTask *task = G_TASK (result);
  Probe *probe = g_task_get_task_data (task);

  if (out_errors != NULL)
    *out_errors = probe ? probe->errors : 0;

  return g_task_propagate_pointer (task, error);
}
