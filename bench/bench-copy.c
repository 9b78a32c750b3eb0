/* bench-copy.c: generated rows as an office would have written them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-copy.h"

/* The rows every database has from its migrations (the cost categories,
 * under well-known ids) are in @target already. */
static gboolean
seeded_in (LotseStore       *target,
           const LotseTable *table,
           LotseRecord      *record)
{
  g_autoptr(LotseRecord) existing = NULL;

  if (!g_str_has_prefix (lotse_record_get_id (record), LOTSE_WELL_KNOWN_ID_PREFIX))
    return FALSE;

  existing = lotse_store_get (target, table->name, lotse_record_get_id (record), NULL);
  return existing != NULL;
}

guint
bench_copy_rows (LotseStore *source,
                 LotseStore *target,
                 guint      *table_index,
                 guint      *offset,
                 guint       limit)
{
  const LotseTable * const *tables;
  guint n_tables;
  guint copied = 0;
  g_autoptr(GError) error = NULL;

  tables = lotse_schema_get_tables (&n_tables);
  lotse_store_set_bulk_mode (target, TRUE);
  g_assert_true (lotse_store_begin (target, &error));

  while (copied < limit && *table_index < n_tables)
    {
      g_autoptr(GPtrArray) rows = lotse_store_list (source, tables[*table_index]->name, NULL, 0, NULL,
                                                    MIN (1000, limit - copied), *offset, &error);

      g_assert_no_error (error);
      if (rows->len == 0)
        {
          (*table_index)++;
          *offset = 0;
          continue;
        }

      for (guint i = 0; i < rows->len; i++)
        {
          LotseRecord *record = g_ptr_array_index (rows, i);

          if (seeded_in (target, tables[*table_index], record))
            continue;
          lotse_record_set_rev (record, 0);
          lotse_store_insert_full (target, record, LOTSE_STORE_WRITE_TRUSTED, &error);
          g_assert_no_error (error);
        }
      copied += rows->len;
      *offset += rows->len;
    }

  g_assert_true (lotse_store_commit (target, &error));
  lotse_store_set_bulk_mode (target, FALSE);

  return copied;
}
