/* lotse-meeting-detail-agenda.c: the agenda of the meeting detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The agenda items of the meeting in a list box bound to a model, their
 * start times and total against the meeting's length, and moving and
 * adding items. Part of LotseMeetingDetail (lotse-meeting-detail.c).
 */

#define G_LOG_DOMAIN "lotse-meeting-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-meeting-detail-private.h"

GPtrArray *
lotse_meeting_detail_list (LotseMeetingDetail *self,
                           const char         *table,
                           const char         *order)
{
  LotseFilter filter = { LOTSE_AGENDA_ITEM_MEETING_ID, self->meeting_id };
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lotse_store_list (lotse_meeting_detail_get_store (self), table, &filter, 1, order, 0, 0, &error);

  if (rows == NULL)
    {
      g_warning ("Could not read %s: %s", table, error->message);
      rows = g_ptr_array_new_with_free_func (g_object_unref);
    }

  return rows;
}

/* Groups decisions or action items by their agenda item. */
static GHashTable *
group_by_item (GPtrArray *records)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);

  for (guint i = 0; i < records->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (records, i);
      const char *item_id = lotse_record_get (record, LOTSE_DECISION_AGENDA_ITEM_ID);
      GPtrArray *group;

      if (item_id == NULL)
        continue;
      group = g_hash_table_lookup (groups, item_id);
      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, g_strdup (item_id), group);
        }
      g_ptr_array_add (group, g_object_ref (record));
    }

  return groups;
}

static void
update_totals (LotseMeetingDetail *self,
               gint64              total)
{
  gint64 length = self->meeting ? lotse_record_get_int (self->meeting, LOTSE_MEETING_DURATION_MIN, 0) : 0;
  g_autofree char *over_text = NULL;

  g_free (self->total_text);
  if (length > 0)
    /* Translators: the planned length of all agenda items against the
     * meeting's length, in minutes */
    self->total_text = g_strdup_printf (ngettext ("Total: %d of %d minute",
                                                  "Total: %d of %d minutes", (int)length),
                                        (int)total, (int)length);
  else
    self->total_text = g_strdup_printf (ngettext ("Total: %d minute", "Total: %d minutes", (int)total),
                                        (int)total);
  gtk_label_set_text (self->total_label, self->total_text);

  /* An overrun is said in words, with a warning icon, not by colour alone. */
  gtk_widget_set_visible (self->overrun_box, length > 0 && total > length);
  if (length > 0 && total > length)
    {
      over_text = g_strdup_printf (ngettext ("%d minute over the meeting's length",
                                             "%d minutes over the meeting's length",
                                             (int)(total - length)),
                                   (int)(total - length));
      gtk_label_set_text (self->overrun_label, over_text);
    }
  else
    {
      gtk_label_set_text (self->overrun_label, "");
    }
}

static LotseAgendaRow *
focused_row (LotseMeetingDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, LOTSE_TYPE_AGENDA_ROW) : NULL;

  return row ? LOTSE_AGENDA_ROW (row) : NULL;
}

static void on_row_move (LotseAgendaRow *row, int delta, LotseMeetingDetail *self);
static void on_row_drop (LotseAgendaRow *row, const char *source_id, LotseMeetingDetail *self);

/* The row of an item of the agenda model. A row lives as long as its item
 * is on the agenda, so it keeps its open editor and what is typed into it
 * when the agenda is read again or reordered. */
static GtkWidget *
agenda_row_for_item (gpointer item,
                     gpointer user_data)
{
  LotseMeetingDetail *self = user_data;
  const char *id = lotse_record_get_id (item);
  GtkWidget *row = g_hash_table_lookup (self->agenda_rows, id);

  if (row == NULL)
    {
      row = lotse_agenda_row_new (self->catalog, item);
      g_signal_connect (row, "move", G_CALLBACK (on_row_move), self);
      g_signal_connect (row, "drop-item", G_CALLBACK (on_row_drop), self);
      g_hash_table_insert (self->agenda_rows, g_strdup (id), g_object_ref_sink (row));
    }

  return g_object_ref (row);
}

/* Whether the model lists the items of @items in their order already. */
static gboolean
agenda_shown (LotseMeetingDetail *self,
              GPtrArray          *items)
{
  GListModel *model = G_LIST_MODEL (self->agenda_model);

  if (g_list_model_get_n_items (model) != items->len)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(LotseRecord) shown = g_list_model_get_item (model, i);

      if (g_strcmp0 (lotse_record_get_id (shown), lotse_record_get_id (g_ptr_array_index (items, i))) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Puts @items into the model when their set or order changed; the rows
 * of items gone go with them. */
static void
show_agenda (LotseMeetingDetail *self,
             GPtrArray          *items)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  LotseAgendaRow *focus;
  GHashTableIter iter;
  gpointer key;

  if (agenda_shown (self, items))
    return;

  focus = focused_row (self);
  g_list_store_splice (self->agenda_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->agenda_model)),
                       items->pdata, items->len);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (keep, (gpointer)lotse_record_get_id (g_ptr_array_index (items, i)));
  g_hash_table_iter_init (&iter, self->agenda_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (keep, key))
      g_hash_table_iter_remove (&iter);

  if (focus != NULL && gtk_widget_get_parent (GTK_WIDGET (focus)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (focus));
}

void
lotse_meeting_detail_clear_agenda (LotseMeetingDetail *self)
{
  if (self->agenda_model != NULL)
    g_list_store_remove_all (self->agenda_model);
  if (self->agenda_rows != NULL)
    g_hash_table_remove_all (self->agenda_rows);
}

void
lotse_meeting_detail_reload_agenda (LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) items = lotse_meeting_detail_list (self, LOTSE_TABLE_AGENDA_ITEM, LOTSE_AGENDA_ITEM_POSITION);
  g_autoptr(GPtrArray) decisions = lotse_meeting_detail_list (self, LOTSE_TABLE_DECISION, "created_at");
  g_autoptr(GPtrArray) actions = lotse_meeting_detail_list (self, LOTSE_TABLE_ACTION_ITEM, "created_at");
  g_autoptr(GHashTable) decisions_by_item = group_by_item (decisions);
  g_autoptr(GHashTable) actions_by_item = group_by_item (actions);
  g_autoptr(GDateTime) start = lotse_meeting_detail_get_start (self);
  gint64 total = 0;

  show_agenda (self, items);

  /* The rows show the items as read now, and start where the one before ends. */
  for (guint i = 0; i < items->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (items, i);
      const char *id = lotse_record_get_id (item);
      LotseAgendaRow *row = g_hash_table_lookup (self->agenda_rows, id);
      g_autoptr(GDateTime) item_start = start ? g_date_time_add_minutes (start, (int)total) : NULL;

      lotse_agenda_row_set_item (row, item);
      lotse_agenda_row_set_minutes (row, g_hash_table_lookup (decisions_by_item, id),
                                    g_hash_table_lookup (actions_by_item, id));
      lotse_agenda_row_set_minutes_mode (row, self->minutes);
      lotse_agenda_row_set_locked (row, self->approved);
      lotse_agenda_row_set_start (row, item_start);
      total += lotse_record_get_int (item, LOTSE_AGENDA_ITEM_DURATION_MIN, 0);
    }

  update_totals (self, total);
  lotse_meeting_detail_update_current (self);
  lotse_open_actions_show_for (self->open_actions, self->catalog, self->meeting);
  lotse_meeting_proposals_show_for (self->proposals, self->catalog, self->meeting);
}

/* Writes positions 1…n in the given order, in one transaction. */
static void
write_order (LotseMeetingDetail *self,
             GPtrArray          *rows)
{
  LotseStore *store = lotse_meeting_detail_get_store (self);
  g_autoptr(GError) error = NULL;

  if (!lotse_store_begin (store, &error))
    goto fail;

  for (guint i = 0; i < rows->len; i++)
    {
      LotseRecord *item = lotse_agenda_row_get_item (g_ptr_array_index (rows, i));
      g_autoptr(LotseRecord) copy = NULL;

      if (lotse_record_get_int (item, LOTSE_AGENDA_ITEM_POSITION, -1) == (gint64)(i + 1))
        continue;

      copy = lotse_record_copy (item);
      lotse_record_set_int (copy, LOTSE_AGENDA_ITEM_POSITION, i + 1);
      if (!lotse_store_update (store, copy, &error))
        {
          lotse_store_rollback (store);
          goto fail;
        }
    }

  if (lotse_store_commit (store, &error))
    return;

  lotse_store_rollback (store);

fail:
  lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
}

static GPtrArray *
current_rows (LotseMeetingDetail *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LOTSE_IS_AGENDA_ROW (child))
      g_ptr_array_add (rows, child);

  return rows;
}

static void
move_row_to (LotseMeetingDetail *self,
             LotseAgendaRow     *row,
             guint               target)
{
  g_autoptr(GPtrArray) rows = current_rows (self);
  guint from;

  if (!g_ptr_array_find (rows, row, &from) || target >= rows->len || target == from)
    return;

  g_ptr_array_remove_index (rows, from);
  g_ptr_array_insert (rows, target, row);

  g_object_ref (row);
  write_order (self, rows);
  if (gtk_widget_get_parent (GTK_WIDGET (row)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  g_object_unref (row);
}

static void
on_row_move (LotseAgendaRow     *row,
             int                 delta,
             LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) rows = current_rows (self);
  guint from;

  if (!g_ptr_array_find (rows, row, &from))
    return;
  if ((delta < 0 && from == 0) || (delta > 0 && from + 1 >= rows->len))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  move_row_to (self, row, from + delta);
}

static void
on_row_drop (LotseAgendaRow     *row,
             const char         *source_id,
             LotseMeetingDetail *self)
{
  g_autoptr(GPtrArray) rows = current_rows (self);
  LotseAgendaRow *source = g_hash_table_lookup (self->agenda_rows, source_id);
  guint target;

  if (source == NULL || !g_ptr_array_find (rows, row, &target))
    return;

  move_row_to (self, source, target);
}

void
lotse_meeting_detail_add_item_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  LotseMeetingDetail *self = LOTSE_MEETING_DETAIL (widget);
  g_autoptr(LotseRecord) item = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LotseAgendaRow *row;
  gint64 position = 0;

  if (self->meeting == NULL)
    return;

  rows = current_rows (self);
  for (guint i = 0; i < rows->len; i++)
    position = MAX (position, lotse_record_get_int (lotse_agenda_row_get_item (g_ptr_array_index (rows, i)),
                                                    LOTSE_AGENDA_ITEM_POSITION, 0));

  item = lotse_record_new_for_table (LOTSE_TABLE_AGENDA_ITEM);
  lotse_record_set (item, LOTSE_AGENDA_ITEM_MEETING_ID, self->meeting_id);
  lotse_record_set_int (item, LOTSE_AGENDA_ITEM_POSITION, position + 1);
  lotse_record_set (item, LOTSE_AGENDA_ITEM_TITLE, _("New item"));
  lotse_record_set (item, LOTSE_AGENDA_ITEM_KIND, "information");
  lotse_record_set_int (item, LOTSE_AGENDA_ITEM_DURATION_MIN, 10);
  lotse_record_set (item, LOTSE_AGENDA_ITEM_STATUS, "open");
  if (!lotse_jourfixe_insert (widget, lotse_meeting_detail_get_store (self), item))
    return;

  /* The store's ::changed has added the row; open it to name the item. */
  row = g_hash_table_lookup (self->agenda_rows, lotse_record_get_id (item));
  if (row != NULL)
    {
      GtkEditable *entry;

      lotse_agenda_row_set_expanded (row, TRUE);
      entry = lotse_agenda_row_get_title_entry (row);
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      gtk_editable_select_region (entry, 0, -1);
    }
}

/* During the meeting a row is activated to go on with its item; its form
 * stays behind the row's edit button. */
static void
on_agenda_row_activated (GtkListBox         *list,
                         GtkListBoxRow      *row,
                         LotseMeetingDetail *self)
{
  if (self->minutes)
    lotse_meeting_detail_make_current (self, LOTSE_AGENDA_ROW (row));
  else
    gtk_widget_activate_action (GTK_WIDGET (row), "agenda-item.toggle-expanded", NULL);
}

void
lotse_meeting_detail_init_agenda (LotseMeetingDetail *self)
{
  self->agenda_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->agenda_model = g_list_store_new (LOTSE_TYPE_RECORD);
  gtk_list_box_bind_model (self->agenda_list, G_LIST_MODEL (self->agenda_model),
                           agenda_row_for_item, self, NULL);
  g_signal_connect (self->agenda_list, "row-activated", G_CALLBACK (on_agenda_row_activated), self);
  update_totals (self, 0);
}

guint
lotse_meeting_detail_get_n_items (LotseMeetingDetail *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->agenda_model));
}
