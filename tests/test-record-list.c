/* test-record-list.c: the paged list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lotse-test-helpers.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->calls++;
}

static void
test_paging (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(LotseRecordList) list = NULL;
  g_autoptr(LotseRecord) first = NULL;
  g_autoptr(LotseRecord) last = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lotse_store_begin (store, &error));
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *title = g_strdup_printf ("title=Projekt %04u", i);

      g_free (lotse_test_insert (store, "project", title, NULL));
    }
  g_assert_true (lotse_store_commit (store, &error));

  list = lotse_record_list_new (store, "project", "title");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_cmpuint (lotse_record_list_get_n_loaded (list), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == LOTSE_TYPE_RECORD);

  /* A screenful reads one page, not the table. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (lotse_record_get_title (first), ==, "Projekt 0000");
  g_assert_cmpuint (lotse_record_list_get_n_loaded (list), <, 100);

  last = g_list_model_get_item (G_LIST_MODEL (list), 999);
  g_assert_cmpstr (lotse_record_get_title (last), ==, "Projekt 0999");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 1000));
  g_assert_cmpuint (lotse_record_list_get_n_loaded (list), <, 200);

  lotse_test_remove_tree (dir);
}

static void
test_follows_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(LotseRecordList) list = lotse_record_list_new (store, "article", NULL);
  g_autoptr(LotseRecord) item = NULL;
  ItemsChanged seen = { 0 };
  g_autofree char *id = NULL;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &seen);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  id = lotse_test_insert (store, "article", "title=Lernreise planen", "category=best_practice", NULL);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);

  /* Other tables do not disturb the list. */
  g_free (lotse_test_insert (store, "tag", "name=KMU", NULL));
  g_assert_cmpuint (seen.calls, ==, 1);

  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (lotse_record_get_id (item), ==, id);

  g_assert_true (lotse_store_delete (store, "article", id, NULL));
  g_assert_cmpuint (seen.calls, ==, 2);
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  lotse_test_remove_tree (dir);
}

static void
test_filter (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LotseStore) store = lotse_test_open_store (&dir);
  g_autoptr(LotseRecordList) list = NULL;
  g_autofree char *project = lotse_test_insert (store, "project", "title=Bauen 4.0", NULL);
  g_autofree char *other = lotse_test_insert (store, "project", "title=Energie 4.0", NULL);
  g_autofree char *ref = g_strdup_printf ("project_id=%s", project);
  g_autofree char *other_ref = g_strdup_printf ("project_id=%s", other);

  g_free (lotse_test_insert (store, "milestone", ref, "title=M1", NULL));
  g_free (lotse_test_insert (store, "milestone", ref, "title=M2", NULL));
  g_free (lotse_test_insert (store, "milestone", other_ref, "title=M3", NULL));

  list = lotse_record_list_new (store, "milestone", "title");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  lotse_record_list_add_filter (list, "project_id", project);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  lotse_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-list/paging", test_paging);
  g_test_add_func ("/record-list/follows-store", test_follows_store);
  g_test_add_func ("/record-list/filter", test_filter);

  return g_test_run ();
}
