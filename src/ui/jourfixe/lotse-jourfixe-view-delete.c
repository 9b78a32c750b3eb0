/* lotse-jourfixe-view-delete.c: deleting a meeting, series or item with what hangs on it, and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of LotseJourfixeView (lotse-jourfixe-view.c). A deletion takes
 * what hangs on the record with it (a meeting its agenda, participants,
 * decisions and action items) in one transaction, and clears references
 * to it (an item carried from a deleted one); the toast's Undo (or
 * Ctrl+Z) brings all of it back.
 */

#define G_LOG_DOMAIN "lotse-jourfixe-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-jourfixe-view-private.h"
#include "lotse-widget-util.h"

typedef struct
{
  char *table;
  char *id;
  char *field;  /* a reference cleared because its target went; NULL for a deleted row */
  char *value;
} Undo;

static void
undo_clear (gpointer data)
{
  Undo *undo = data;

  g_free (undo->table);
  g_free (undo->id);
  g_free (undo->field);
  g_free (undo->value);
}


static GPtrArray *
list_where (LotseStore *store,
            const char *table,
            const char *field,
            const char *value)
{
  LotseFilter filter = { field, value };

  return lotse_store_list (store, table, &filter, 1, NULL, 0, 0, NULL);
}

static gboolean delete_tree (LotseJourfixeView *self, LotseStore *store, const char *table,
                             const char *id, GError **error);

static gboolean
delete_children (LotseJourfixeView *self,
                 LotseStore        *store,
                 const char        *table,
                 const char        *field,
                 const char        *id,
                 GError           **error)
{
  g_autoptr(GPtrArray) rows = list_where (store, table, field, id);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (!delete_tree (self, store, table, lotse_record_get_id (g_ptr_array_index (rows, i)), error))
      return FALSE;

  return TRUE;
}

static gboolean
delete_tree (LotseJourfixeView *self,
             LotseStore        *store,
             const char        *table,
             const char        *id,
             GError           **error)
{
  Undo undo = { 0 };

  if (g_str_equal (table, "meeting_series"))
    {
      if (!delete_children (self, store, "meeting", "series_id", id, error))
        return FALSE;
    }
  else if (g_str_equal (table, "meeting"))
    {
      if (!delete_children (self, store, "agenda_item", "meeting_id", id, error) ||
          !delete_children (self, store, "meeting_participant", "meeting_id", id, error) ||
          !delete_children (self, store, "decision", "meeting_id", id, error) ||
          !delete_children (self, store, "action_item", "meeting_id", id, error))
        return FALSE;
    }
  else if (g_str_equal (table, "agenda_item"))
    {
      g_autoptr(GPtrArray) carried = list_where (store, "agenda_item", "carried_from_id", id);

      if (!delete_children (self, store, "decision", "agenda_item_id", id, error) ||
          !delete_children (self, store, "action_item", "agenda_item_id", id, error))
        return FALSE;

      /* Items carried over from this one, in later meetings, stay; they
       * only forget where they came from. */
      for (guint i = 0; carried != NULL && i < carried->len; i++)
        {
          LotseRecord *item = g_ptr_array_index (carried, i);
          Undo cleared = { 0 };

          cleared.table = g_strdup ("agenda_item");
          cleared.id = g_strdup (lotse_record_get_id (item));
          cleared.field = g_strdup ("carried_from_id");
          cleared.value = g_strdup (id);
          lotse_record_set (item, "carried_from_id", NULL);
          if (!lotse_store_update (store, item, error))
            {
              undo_clear (&cleared);
              return FALSE;
            }
          g_array_append_val (self->undo, cleared);
        }
    }

  if (!lotse_store_delete (store, table, id, error))
    return FALSE;

  undo.table = g_strdup (table);
  undo.id = g_strdup (id);
  g_array_append_val (self->undo, undo);

  return TRUE;
}

gboolean
lotse_jourfixe_view_undo (LotseJourfixeView *self)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) undo = NULL;

  if (store == NULL || self->undo->len == 0)
    return FALSE;

  undo = g_steal_pointer (&self->undo);
  self->undo = g_array_new (FALSE, TRUE, sizeof (Undo));
  g_array_set_clear_func (self->undo, undo_clear);

  /* The toast stays (dismissing it in its show animation trips up
   * libadwaita 1.2), but says what happened and offers nothing more. */
  if (self->undo_toast != NULL)
    {
      adw_toast_set_title (self->undo_toast, _("Restored"));
      adw_toast_set_button_label (self->undo_toast, NULL);
    }

  if (!lotse_store_begin (store, &error))
    goto fail;

  /* Rows first, then the references to them. */
  for (guint i = 0; i < undo->len; i++)
    {
      Undo *u = &g_array_index (undo, Undo, i);

      if (u->field == NULL && !lotse_store_undelete (store, u->table, u->id, &error))
        goto rollback;
    }
  for (guint i = 0; i < undo->len; i++)
    {
      Undo *u = &g_array_index (undo, Undo, i);
      g_autoptr(LotseRecord) record = NULL;

      if (u->field == NULL)
        continue;
      record = lotse_store_get (store, u->table, u->id, NULL);
      if (record == NULL)
        continue;
      lotse_record_set (record, u->field, u->value);
      if (!lotse_store_update (store, record, &error))
        goto rollback;
    }

  if (!lotse_store_commit (store, &error))
    goto rollback;

  /* The last one deleted is the one the user deleted; show it again. */
  {
    Undo *top = &g_array_index (undo, Undo, undo->len - 1);

    if (g_str_equal (top->table, "meeting"))
      lotse_jourfixe_view_show_meeting (self, top->id);
    else if (g_str_equal (top->table, "meeting_series"))
      lotse_jourfixe_view_show_series (self, top->id);
  }

  return TRUE;

rollback:
  lotse_store_rollback (store);
fail:
  lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
  return FALSE;
}

static void
on_undo_toast_dismissed (LotseJourfixeView *self,
                         AdwToast          *toast)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

static const char *
deleted_message (const char *table)
{
  if (g_str_equal (table, "meeting"))
    return _("Meeting deleted");
  if (g_str_equal (table, "meeting_series"))
    return _("Meeting series deleted");
  if (g_str_equal (table, "agenda_item"))
    return _("Agenda item deleted");
  if (g_str_equal (table, "decision"))
    return _("Decision deleted");
  if (g_str_equal (table, "action_item"))
    return _("Action item deleted");
  if (g_str_equal (table, "meeting_participant"))
    return _("Participant removed");
  return _("Deleted");
}

/**
 * lotse_jourfixe_view_delete:
 * @self: the view
 * @table: the table of the record
 * @id: the record
 *
 * Deletes the record and what hangs on it, and shows a toast that undoes it.
 *
 * Returns: whether it was deleted; on failure nothing was
 */
gboolean
lotse_jourfixe_view_delete (LotseJourfixeView *self,
                            const char        *table,
                            const char        *id)
{
  LotseStore *store = lotse_view_get_store (LOTSE_VIEW (self));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_return_val_if_fail (LOTSE_IS_JOURFIXE_VIEW (self), FALSE);
  g_return_val_if_fail (table != NULL && id != NULL, FALSE);

  if (store == NULL)
    return FALSE;

  g_array_set_size (self->undo, 0);

  if (!lotse_store_begin (store, &error))
    goto fail;
  if (!delete_tree (self, store, table, id, &error))
    {
      lotse_store_rollback (store);
      g_array_set_size (self->undo, 0);
      goto fail;
    }
  if (!lotse_store_commit (store, &error))
    {
      lotse_store_rollback (store);
      g_array_set_size (self->undo, 0);
      goto fail;
    }

  toast = adw_toast_new (deleted_message (table));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (lotse_jourfixe_view_undo), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  lotse_widget_add_toast (GTK_WIDGET (self), toast);

  return TRUE;

fail:
  lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
  return FALSE;
}

void
lotse_jourfixe_view_init_undo (LotseJourfixeView *self)
{
  self->undo = g_array_new (FALSE, TRUE, sizeof (Undo));
  g_array_set_clear_func (self->undo, undo_clear);
}
