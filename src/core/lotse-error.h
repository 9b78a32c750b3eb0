/* lotse-error.h: the error domain of Lotse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOTSE_ERROR (lotse_error_quark ())

typedef enum
{
  LOTSE_ERROR_FAILED,
  LOTSE_ERROR_INVALID_VALUE,   /* a field value fails validation; the message names the field */
  LOTSE_ERROR_UNKNOWN_TABLE,
  LOTSE_ERROR_UNKNOWN_FIELD,
  LOTSE_ERROR_NOT_FOUND,
  LOTSE_ERROR_CORRUPT,         /* the database file is not a Lotse database or is damaged */
  LOTSE_ERROR_NEWER_VERSION,   /* the database was written by a newer Lotse */
  LOTSE_ERROR_DATABASE,        /* SQLite reported an error */
  LOTSE_ERROR_BUSY,            /* another connection kept the database locked too long */
  LOTSE_ERROR_READ_ONLY,       /* a write through a reader's connection (LotseStoreReader) */
  LOTSE_ERROR_LOCKED,          /* a change of approved minutes (lotse-minutes.h) */
} LotseError;

GQuark lotse_error_quark (void);

G_END_DECLS
