/* lotse-server-sync-private.h: what the sync files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-server-sync.c applies pushes and answers pulls;
 * lotse-server-restore.c adds what protocol 2 needs after a restore:
 * marks and restated rows. Results are JSON texts, stored for the op_id.
 */

#pragma once

#include "lotse-server-sync.h"

G_BEGIN_DECLS

/* lotse-server-sync.c */
char             *lotse_server_result_rejected  (const char               *op_id,
                                                 const char               *code,
                                                 const char               *field,
                                                 const char               *message);
gboolean          lotse_server_check_minutes_lock (LotseServerStorage     *storage,
                                                 const LotseServerChange  *change,
                                                 const LotseServerRow     *current,
                                                 char                    **out_rejected,
                                                 GError                  **error);
char             *lotse_server_result_applied   (const char               *op_id,
                                                 const char               *status,
                                                 const LotseServerRow     *row,
                                                 gboolean                  with_row);
char             *lotse_server_result_conflict  (const char               *op_id,
                                                 GPtrArray                *fields,
                                                 const LotseServerRow     *server,
                                                 GPtrArray                *history,
                                                 const LotseServerRow     *base,
                                                 GPtrArray                *changed);
gboolean          lotse_server_check_row        (LotseServerStorage       *storage,
                                                 const LotseServerChange  *change,
                                                 const LotseServerRow     *current,
                                                 const LotseServerRow     *row,
                                                 char                    **out_rejected,
                                                 GError                  **error);
gboolean          lotse_server_write_revision   (LotseServerStorage       *storage,
                                                 const LotseServerSession *session,
                                                 LotseServerRow           *row,
                                                 GError                  **error);
/* Checks @proposed, the row @change would leave, and writes it as the
 * revision after @current. FALSE when the storage failed; *out_rejected is
 * the answer for a row that must not be stored. */
gboolean          lotse_server_write_next_revision (LotseServerStorage       *storage,
                                                    const LotseServerSession *session,
                                                    const LotseServerChange  *change,
                                                    const LotseServerRow     *current,
                                                    LotseServerRow           *proposed,
                                                    char                    **out_rejected,
                                                    GError                  **error);

/* lotse-server-restore.c */
char             *lotse_server_apply_restated   (LotseServerStorage       *storage,
                                                 const LotseServerSession *session,
                                                 const LotseServerChange  *change,
                                                 const LotseServerRow     *current,
                                                 GError                  **error);
gboolean          lotse_server_mark_matches     (LotseServerStorage       *storage,
                                                 const LotseServerMark    *mark,
                                                 gboolean                 *out_matches,
                                                 GError                  **error);
LotseServerError *lotse_server_history_differs  (void);
gboolean          lotse_server_append_mark      (GString                  *out,
                                                 LotseServerStorage       *storage,
                                                 gint64                    seq,
                                                 GError                  **error);
void              lotse_server_append_mark_digest (GString                *out,
                                                   gint64                  seq,
                                                   const char             *digest);
gboolean          lotse_server_append_fork      (GString                  *out,
                                                 LotseServerStorage       *storage,
                                                 GArray                   *marks,
                                                 GError                  **error);

G_END_DECLS
