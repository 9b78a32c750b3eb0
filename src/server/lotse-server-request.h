/* lotse-server-request.h: parsing the bodies and queries of requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions from bytes to a parsed request or an error, so that they
 * can be tested and fuzzed without a server. Error messages travel on the
 * wire and stay English.
 */

#pragma once

#include "lotse-core.h"

G_BEGIN_DECLS

#define LOTSE_SERVER_MAX_DEPTH 8

typedef struct
{
  guint  status;        /* HTTP status */
  char  *code;
  char  *message;       /* English */
  char  *field;         /* nullable */
  int    index;         /* the change, or -1 */
} LotseServerError;

/* A point of the server's history a client knows: a seq and the digest
 * of the history up to it (PROTOCOL.md, "Marks"). */
typedef struct
{
  gint64  seq;
  char   *digest;
} LotseServerMark;

#define LOTSE_SERVER_MAX_MARKS 64

typedef struct
{
  char             *op_id;
  const LotseTable *table;
  char             *id;
  gint64            base_rev;
  gboolean          deleted;
  gboolean         *present;   /* per field: named in "fields" */
  char            **values;    /* per field: normalised value, NULL = null */
  gboolean          state;     /* the client's whole row, restated after a restore */
  gint64            fork;      /* state: the newest seq both histories share */
} LotseServerChange;

typedef struct
{
  char      *device_id;
  GPtrArray *changes;          /* of LotseServerChange */
  gboolean   has_cursor;       /* the client's pull cursor, optional */
  char      *cursor_server_id;
  gint64     cursor_seq;
  gboolean   has_known;        /* the newest mark of the client, optional */
  LotseServerMark known;
} LotseServerPush;

typedef struct
{
  char *user;
  char *password;
  char *device_name;
} LotseServerLogin;

typedef struct
{
  gboolean  has_cursor;
  char     *cursor_server_id;
  gint64    cursor_seq;
  guint     limit;
  gboolean  has_known;
  LotseServerMark known;
  GArray   *marks;             /* of LotseServerMark, newest first; NULL when not asked */
} LotseServerPull;

LotseServerError *lotse_server_error_new    (guint              status,
                                             const char        *code,
                                             const char        *field,
                                             int                index,
                                             const char        *format,
                                             ...) G_GNUC_PRINTF (5, 6);
void              lotse_server_error_free   (LotseServerError  *error);
/* {"error":{"code","message","field","index"}} */
char             *lotse_server_error_to_json (const LotseServerError *error);

void              lotse_server_push_free    (LotseServerPush   *push);
void              lotse_server_login_free   (LotseServerLogin  *login);
void              lotse_server_pull_free    (LotseServerPull   *pull);

LotseServerPush  *lotse_server_parse_push   (const char        *data,
                                             gsize              length,
                                             guint              max_batch,
                                             LotseServerError **error);
LotseServerLogin *lotse_server_parse_login  (const char        *data,
                                             gsize              length,
                                             LotseServerError **error);
LotseServerPull  *lotse_server_parse_pull   (const char        *query,
                                             LotseServerError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerError, lotse_server_error_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerPush, lotse_server_push_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerLogin, lotse_server_login_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerPull, lotse_server_pull_free)

G_END_DECLS
