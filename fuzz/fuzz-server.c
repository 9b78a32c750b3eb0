/* fuzz-server-request.c: libFuzzer target for lotse-server's request parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the parser (push body, login body, pull query),
 * the rest is its input. Whatever the bytes, a parser must return either
 * a request that satisfies the invariants below or an error, and never
 * crash, leak or read out of bounds (built with ASan/UBSan).
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lotse-server-request.h"
#include "lotse-sync-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define MAX_BATCH 64

static void
check_push (const LotseServerPush *push)
{
  g_assert (lotse_is_uuid (push->device_id));
  g_assert (push->changes->len <= MAX_BATCH);
  g_assert (!push->has_cursor || (lotse_is_uuid (push->cursor_server_id) && push->cursor_seq >= 0));

  for (guint i = 0; i < push->changes->len; i++)
    {
      const LotseServerChange *change = g_ptr_array_index (push->changes, i);

      g_assert (lotse_is_uuid (change->op_id));
      g_assert (lotse_is_uuid (change->id));
      g_assert (change->table != NULL);
      g_assert (lotse_schema_lookup_table (change->table->name) == change->table);
      g_assert (change->base_rev >= 0);

      for (guint f = 0; f < change->table->n_fields; f++)
        {
          const LotseField *field = &change->table->fields[f];
          g_autofree char *again = NULL;

          if (change->values[f] == NULL)
            {
              g_assert (!(field->flags & LOTSE_FIELD_REQUIRED) || !change->present[f]);
              continue;
            }

          g_assert (change->present[f]);
          g_assert (g_utf8_validate (change->values[f], -1, NULL));
          /* Stored values are normalised: normalising again is a no-op. */
          again = lotse_field_normalize (field, change->values[f], NULL);
          g_assert (again != NULL);
          g_assert (strcmp (again, change->values[f]) == 0);
        }
    }
}

static void
check_string (const char *text)
{
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_page (const LotseSyncPage *page)
{
  check_string (lotse_sync_page_get_next_cursor (page));
  g_assert (lotse_sync_page_get_more (page) >= -1 && lotse_sync_page_get_more (page) <= 1);

  for (guint i = 0; i < lotse_sync_page_get_n_rows (page); i++)
    {
      const LotseSyncPageRow *row = lotse_sync_page_get_row (page, i);

      check_string (row->table);
      check_string (row->id);
      check_string (row->updated_at);
      g_assert (row->deleted >= -1 && row->deleted <= 1);
      g_assert (row->has_fields || row->n_values == 0);

      /* Every value is found again by its name. */
      for (guint v = 0; v < row->n_values; v++)
        {
          const LotseSyncValue *value = lotse_sync_page_get_nth_value (page, row, v);
          const LotseSyncValue *found = lotse_sync_page_get_value (page, row, value->name);

          check_string (value->name);
          g_assert (found != NULL && g_str_equal (found->name, value->name));
          if (value->kind == LOTSE_SYNC_VALUE_STRING)
            check_string (value->text);
        }
    }
}

static void
check_error (const LotseServerError *error)
{
  g_assert (error != NULL);
  g_assert (error->status >= 400 && error->status < 500);
  g_assert (error->code != NULL && error->message != NULL);
  g_assert (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LotseServerError) error = NULL;
  const char *text;
  gsize length;

  if (size < 1)
    return 0;

  text = (const char *)data + 1;
  length = size - 1;

  switch (data[0] % 4)
    {
    case 0:
      {
        g_autoptr(LotseServerPush) push = lotse_server_parse_push (text, length, MAX_BATCH, &error);

        if (push != NULL)
          check_push (push);
        else
          check_error (error);
      }
      break;

    case 1:
      {
        g_autoptr(LotseServerLogin) login = lotse_server_parse_login (text, length, &error);

        if (login != NULL)
          g_assert (login->user != NULL && login->password != NULL && login->device_name != NULL);
        else
          check_error (error);
      }
      break;

    case 3:
      {
        /* The client's reader of a pull's answer (lotse-sync-page.c). */
        g_autoptr(GError) page_error = NULL;
        g_autoptr(LotseSyncPage) page = lotse_sync_page_parse (text, length, &page_error);

        if (page != NULL)
          check_page (page);
        else
          g_assert (page_error != NULL);
      }
      break;

    default:
      {
        /* A query string is text without NUL. */
        g_autofree char *query = g_strndup (text, length);
        g_autoptr(LotseServerPull) pull = lotse_server_parse_pull (query, &error);

        if (pull != NULL)
          {
            g_assert (pull->limit >= 1 && pull->limit <= 1000);
            g_assert (!pull->has_cursor || (lotse_is_uuid (pull->cursor_server_id) && pull->cursor_seq >= 0));
          }
        else
          check_error (error);
      }
      break;
    }

  return 0;
}
