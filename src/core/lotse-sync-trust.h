/* lotse-sync-trust.h: trusting a self-signed office server by its pinned certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Wraps the default TLS database once: certificates the system trusts stay
 * trusted, and a server's certificate whose SHA-256 fingerprint was pinned
 * for its address is trusted too. Nothing else is. */
void             lotse_sync_trust_install       (void);
/* @server_url: https://host[:port]; @fingerprint: as lotse_sync_trust_fingerprint() */
void             lotse_sync_trust_pin           (const char          *server_url,
                                                 const char          *fingerprint);
void             lotse_sync_trust_unpin         (const char          *server_url);
gboolean         lotse_sync_trust_is_pinned     (const char          *server_url,
                                                 const char          *fingerprint);
/* The fingerprint pinned for @server_url, or NULL */
char            *lotse_sync_trust_lookup        (const char          *server_url);
/* "AB:CD:…" of the certificate's DER bytes */
char            *lotse_sync_trust_fingerprint   (GTlsCertificate     *certificate);

/* Asks @server_url for /v1/info and returns the server's certificate when it
 * is not trusted (system or pin); NULL (and no error) when it is, or the
 * address is not https. */
void             lotse_sync_trust_probe_async   (const char          *server_url,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GTlsCertificate *lotse_sync_trust_probe_finish  (GAsyncResult        *result,
                                                 GTlsCertificateFlags *out_errors,
                                                 GError             **error);

G_END_DECLS
