/* lotse-server-json.h: request bodies are RFC 8259 JSON, nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-server-request.h"

G_BEGIN_DECLS

/* TRUE when @data is exactly one JSON value as RFC 8259 defines it, in
 * UTF-8, nesting at most LOTSE_SERVER_MAX_DEPTH deep, without NUL
 * characters, unpaired surrogates, integers beyond 64 bits or numbers
 * beyond a double; sets *n_members to the number of object members in
 * it. Else FALSE with a 400 @error that says what and where. */
gboolean lotse_server_json_check (const char        *data,
                                  gsize              length,
                                  guint             *n_members,
                                  LotseServerError **error);

typedef enum
{
  LOTSE_SERVER_JSON_NULL,
  LOTSE_SERVER_JSON_BOOLEAN,
  LOTSE_SERVER_JSON_INT,
  LOTSE_SERVER_JSON_DOUBLE,
  LOTSE_SERVER_JSON_STRING,
  LOTSE_SERVER_JSON_ARRAY,
  LOTSE_SERVER_JSON_OBJECT,
} LotseServerJsonType;

typedef struct _LotseServerJsonNode LotseServerJsonNode;

/* A value of a parsed tree; the tree owns it. */
struct _LotseServerJsonNode
{
  LotseServerJsonType  type;
  guint                n_children;  /* ARRAY and OBJECT */
  const char          *name;        /* a member's name; NULL in an array and at the root */
  const char          *string;      /* STRING: the text, unescaped (valid UTF-8, no NUL) */
  gint64               integer;     /* INT; BOOLEAN: 1 for true */
  LotseServerJsonNode *first;       /* ARRAY and OBJECT: the first element or member */
  LotseServerJsonNode *next;        /* the next element of the array or member of the object */
};

typedef struct _LotseServerJson LotseServerJson;

LotseServerJson           *lotse_server_json_parse          (const char                *data,
                                                             gsize                      length,
                                                             LotseServerError         **error);
const LotseServerJsonNode *lotse_server_json_get_root       (LotseServerJson           *json);
gboolean                   lotse_server_json_has_duplicates (LotseServerJson           *json);
const LotseServerJsonNode *lotse_server_json_member         (const LotseServerJsonNode *node,
                                                             const char                *name);
void                       lotse_server_json_free           (LotseServerJson           *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseServerJson, lotse_server_json_free)

G_END_DECLS
