/* lotse-server-log.h: the request log of lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LotseServerLog LotseServerLog;

LotseServerLog *lotse_server_log_new      (void);
void            lotse_server_log_free     (LotseServerLog *self);
/* From now on lines are collected and written when the main loop goes
 * round (see lotse-server-log.c); before, each is written at once. */
void            lotse_server_log_attach   (LotseServerLog *self);
void            lotse_server_log_detach   (LotseServerLog *self);
/* Every line is written at once (the main loop may stop any moment). */
void            lotse_server_log_set_urgent (LotseServerLog *self,
                                             gboolean        urgent);
void            lotse_server_log_flush    (LotseServerLog *self);
/* One request; every text may come from the client and is escaped. NULL
 * is written as "-". */
void            lotse_server_log_request  (LotseServerLog *self,
                                           const char     *address,
                                           const char     *method,
                                           const char     *path,
                                           guint           status,
                                           gsize           bytes,
                                           double          ms,
                                           const char     *user);
/* @text with every byte outside printable ASCII, and space, backslash and
 * double quote, written as \xNN: one field of one line whatever it holds. */
char           *lotse_server_log_escape   (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerLog, lotse_server_log_free)

G_END_DECLS
