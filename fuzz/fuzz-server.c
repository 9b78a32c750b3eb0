/* fuzz-server.c: libFuzzer targets for lotse-server's request parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One target per input (fuzz/meson.build builds each with
 * LOTSE_FUZZ_TARGET naming it): a push body, a login body, a pull query,
 * and a page of a pull as the client reads it. Whatever the bytes, a
 * parser must return either a request that satisfies the checks below or
 * an error, and never crash, leak or read out of bounds (built with
 * ASan/UBSan). The JSON bodies are also checked against json-glib: what
 * the strict check (lotse-server-json.c) takes, json-glib must read.
 *
 * test-server-parse replays fuzz/corpus/TARGET and fuzz/regressions/TARGET
 * through these functions in every test run.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-server.h"
#include "lotse-server-json.h"
#include "lotse-server-request.h"
#include "lotse-sync-private.h"

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

/* What the strict check takes, json-glib reads. (Not the other way round:
 * json-glib takes far more. Nor json-glib's writing of it: that turns
 * 2e22 into "2e+22.0".) */
static void
check_json (const char *text,
            gsize       length)
{
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;

  if (!lotse_server_json_check (text, length, NULL, &error))
    {
      check_error (error);
      return;
    }

  parser = json_parser_new_immutable ();
  g_assert (json_parser_load_from_data (parser, text, length, NULL));
}

int
lotse_fuzz_push (const uint8_t *data,
                 size_t         size)
{
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerPush) push = NULL;
  const char *text = (const char *)data;

  check_json (text, size);
  push = lotse_server_parse_push (text, size, MAX_BATCH, &error);
  if (push != NULL)
    check_push (push);
  else
    check_error (error);

  return 0;
}

/* An accepted login says the same when written and read again. */
static void
check_login (const LotseServerLogin *login)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerLogin) again = NULL;
  g_autofree char *text = NULL;

  g_assert (login->user != NULL && login->password != NULL && login->device_name != NULL);
  g_assert (g_utf8_validate (login->user, -1, NULL) && g_utf8_validate (login->device_name, -1, NULL));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, login->user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, login->password);
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, login->device_name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);

  again = lotse_server_parse_login (text, strlen (text), &error);
  g_assert (again != NULL);
  g_assert (strcmp (again->user, login->user) == 0);
  g_assert (strcmp (again->password, login->password) == 0);
  g_assert (strcmp (again->device_name, login->device_name) == 0);
}

int
lotse_fuzz_login (const uint8_t *data,
                  size_t         size)
{
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerLogin) login = NULL;
  const char *text = (const char *)data;

  check_json (text, size);
  login = lotse_server_parse_login (text, size, &error);
  if (login != NULL)
    check_login (login);
  else
    check_error (error);

  return 0;
}

int
lotse_fuzz_query (const uint8_t *data,
                  size_t         size)
{
  g_autoptr(LotseServerError) error = NULL;
  g_autoptr(LotseServerPull) pull = NULL;
  /* A query string is text without NUL. */
  g_autofree char *query = g_strndup ((const char *)data, size);

  pull = lotse_server_parse_pull (query, &error);
  if (pull != NULL)
    {
      g_assert (pull->limit >= 1 && pull->limit <= 1000);
      g_assert (!pull->has_cursor || (lotse_is_uuid (pull->cursor_server_id) && pull->cursor_seq >= 0));
    }
  else
    check_error (error);

  return 0;
}

/* The client's reader of a pull's answer (lotse-sync-page.c). */
int
lotse_fuzz_page (const uint8_t *data,
                 size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseSyncPage) page = lotse_sync_page_parse ((const char *)data, size, &error);

  if (page != NULL)
    check_page (page);
  else
    g_assert (error != NULL);

  return 0;
}

#ifdef LOTSE_FUZZ_TARGET
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return LOTSE_FUZZ_TARGET (data, size);
}
#endif
