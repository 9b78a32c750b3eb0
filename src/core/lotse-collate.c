/* lotse-collate.c: sorting text as the person's language does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's own order is by bytes: "Ökologie" after "Zukunft", "eGovernment"
 * after every capitalised title. The collation "lotse_locale" compares with
 * the C library's strcoll() in the process's LC_COLLATE, which is what
 * g_utf8_collate() and g_utf8_collate_key() use underneath and what the
 * app's in-memory sorts use. It calls strcoll() directly, without GLib's
 * normalisation to NFKC first: a sort of 10,000 titles compares about
 * 130,000 pairs, and normalising (or making a collate key) per comparison
 * costs 1 to 4 µs each, against tens of nanoseconds for strcoll() on
 * titles that differ early. glibc's collation tables give a decomposed
 * "O" + U+0308 the place of "Ö" themselves.
 *
 * Two texts the locale sees as equal are ordered by their bytes, so the
 * order does not depend on the order of the rows.
 */

#define G_LOG_DOMAIN "lotse-collate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-collate-private.h"
#include "lotse-error.h"

#define STACK_BYTES 256

/* strcoll() needs terminated strings; SQLite passes lengths. */
static char *
terminated (const void *text,
            int         length,
            char       *buffer)
{
  char *copy = length < STACK_BYTES ? buffer : g_malloc (length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';

  return copy;
}

static int
compare_locale (void       *user_data,
                int         length_a,
                const void *text_a,
                int         length_b,
                const void *text_b)
{
  char buffer_a[STACK_BYTES];
  char buffer_b[STACK_BYTES];
  char *a = terminated (text_a, length_a, buffer_a);
  char *b = terminated (text_b, length_b, buffer_b);
  int result = strcoll (a, b);

  if (result == 0)
    {
      result = memcmp (text_a, text_b, MIN (length_a, length_b));
      if (result == 0)
        result = (length_a > length_b) - (length_a < length_b);
    }

  if (a != buffer_a)
    g_free (a);
  if (b != buffer_b)
    g_free (b);

  return result;
}

gboolean
lotse_collate_register (sqlite3  *db,
                        GError  **error)
{
  if (sqlite3_create_collation_v2 (db, "lotse_locale", SQLITE_UTF8, NULL, compare_locale,
                                   NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTSE_ERROR, LOTSE_ERROR_DATABASE,
                   _("Database error: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}
