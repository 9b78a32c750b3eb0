/* lotse-meeting-list.c: the meetings, grouped by series, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One item per meeting, so the list counts meetings; the first meeting of
 * each group carries the group's heading (the series' title, or “Single
 * Meetings” for those outside a series). The series whose latest meeting
 * is newest comes first, the single meetings last, and inside a group the
 * newest meeting leads; meetings without a date lead their group, since
 * they are the ones still being planned.
 *
 * An office holds a few hundred meetings (the benchmark database 2,000),
 * so the list reads them in one query and sorts them in memory.
 */

#define G_LOG_DOMAIN "lotse-meeting-list"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-meeting-list.h"

typedef struct
{
  LotseRecord *meeting;
  char        *series_id;
  gint64       when;        /* Unix time; G_MAXINT64 without a date */
  gint64       group_when;  /* the newest of its group */
  char        *heading;     /* only on the first of a group */
} Entry;

struct _LotseMeetingList
{
  GObject     parent_instance;

  LotseStore *store;
  GArray     *entries;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LotseMeetingList, lotse_meeting_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
lotse_meeting_list_get_item_type (GListModel *model)
{
  return LOTSE_TYPE_RECORD;
}

static guint
lotse_meeting_list_get_n_items (GListModel *model)
{
  return LOTSE_MEETING_LIST (model)->entries->len;
}

static gpointer
lotse_meeting_list_get_item (GListModel *model,
                             guint       position)
{
  LotseMeetingList *self = LOTSE_MEETING_LIST (model);

  if (position >= self->entries->len)
    return NULL;

  return g_object_ref (g_array_index (self->entries, Entry, position).meeting);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lotse_meeting_list_get_item_type;
  iface->get_n_items = lotse_meeting_list_get_n_items;
  iface->get_item = lotse_meeting_list_get_item;
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->meeting);
  g_clear_pointer (&entry->series_id, g_free);
  g_clear_pointer (&entry->heading, g_free);
}

static gint64
meeting_time (LotseRecord *meeting)
{
  const char *starts_at = lotse_record_get (meeting, "starts_at");
  g_autoptr(GDateTime) parsed = NULL;

  if (starts_at != NULL)
    parsed = g_date_time_new_from_iso8601 (starts_at, NULL);

  return parsed != NULL ? g_date_time_to_unix (parsed) : G_MAXINT64;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;
  int by_series;

  /* Single meetings last; groups by their newest meeting. */
  if ((ea->series_id == NULL) != (eb->series_id == NULL))
    return ea->series_id == NULL ? 1 : -1;
  if (ea->group_when != eb->group_when)
    return ea->group_when > eb->group_when ? -1 : 1;
  by_series = g_strcmp0 (ea->series_id, eb->series_id);
  if (by_series != 0)
    return by_series;
  if (ea->when != eb->when)
    return ea->when > eb->when ? -1 : 1;

  return g_strcmp0 (lotse_record_get_id (ea->meeting), lotse_record_get_id (eb->meeting));
}

static void
on_store_changed (LotseMeetingList *self,
                  const char       *table,
                  const char       *id,
                  LotseStore       *store)
{
  /* The office's zone moves every time shown. */
  if (g_strcmp0 (table, "meeting") == 0 || g_strcmp0 (table, "meeting_series") == 0 ||
      g_strcmp0 (table, "office") == 0)
    lotse_meeting_list_reload (self);
}

static void
lotse_meeting_list_dispose (GObject *object)
{
  LotseMeetingList *self = LOTSE_MEETING_LIST (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lotse_meeting_list_parent_class)->dispose (object);
}

static void
lotse_meeting_list_finalize (GObject *object)
{
  LotseMeetingList *self = LOTSE_MEETING_LIST (object);

  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (lotse_meeting_list_parent_class)->finalize (object);
}

static void
lotse_meeting_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LotseMeetingList *self = LOTSE_MEETING_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->entries->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_meeting_list_class_init (LotseMeetingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotse_meeting_list_dispose;
  object_class->finalize = lotse_meeting_list_finalize;
  object_class->get_property = lotse_meeting_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotse_meeting_list_init (LotseMeetingList *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

/**
 * lotse_meeting_list_new:
 * @store: the store to read
 *
 * Returns: (transfer full): the meetings of @store, following its changes
 */
LotseMeetingList *
lotse_meeting_list_new (LotseStore *store)
{
  LotseMeetingList *self;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);

  self = g_object_new (LOTSE_TYPE_MEETING_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  lotse_meeting_list_reload (self);

  return self;
}

/* Sorts the meetings by series, the series with the newest meeting
 * first, and gives the first meeting of each group its heading. */
static void
sort_into_groups (GArray     *entries,
                  GHashTable *newest,
                  GHashTable *titles)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      gint64 *group_when = entry->series_id ? g_hash_table_lookup (newest, entry->series_id) : NULL;

      entry->group_when = group_when ? *group_when : G_MININT64;
    }

  g_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      Entry *previous = i > 0 ? &g_array_index (entries, Entry, i - 1) : NULL;

      if (previous != NULL && g_strcmp0 (previous->series_id, entry->series_id) == 0)
        continue;

      if (entry->series_id != NULL)
        entry->heading = g_strdup (g_hash_table_lookup (titles, entry->series_id));
      else
        entry->heading = g_strdup (_("Single Meetings"));
    }
}

/**
 * lotse_meeting_list_reload:
 * @self: a list
 *
 * Reads the meetings and series again.
 */
void
lotse_meeting_list_reload (LotseMeetingList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GArray *entries;
  guint old_n;

  g_return_if_fail (LOTSE_IS_MEETING_LIST (self));

  meetings = lotse_store_list (self->store, "meeting", NULL, 0, "-starts_at", 0, 0, &error);
  if (meetings != NULL)
    series = lotse_store_list (self->store, "meeting_series", NULL, 0, "title", 0, 0, &error);
  if (meetings == NULL || series == NULL)
    {
      g_warning ("Could not read the meetings: %s", error->message);
      return;
    }

  for (guint i = 0; i < series->len; i++)
    {
      LotseRecord *record = g_ptr_array_index (series, i);

      g_hash_table_insert (titles, (gpointer)lotse_record_get_id (record),
                           (gpointer)lotse_record_get_title (record));
    }

  entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), meetings->len);
  g_array_set_clear_func (entries, entry_clear);
  for (guint i = 0; i < meetings->len; i++)
    {
      LotseRecord *meeting = g_ptr_array_index (meetings, i);
      const char *series_id = lotse_record_get (meeting, "series_id");
      Entry entry = { 0 };
      gint64 *group_when;

      /* A meeting of a deleted series is a single meeting now. */
      if (series_id != NULL && !g_hash_table_contains (titles, series_id))
        series_id = NULL;

      entry.meeting = g_object_ref (meeting);
      entry.series_id = g_strdup (series_id);
      entry.when = meeting_time (meeting);
      g_array_append_val (entries, entry);

      if (series_id == NULL)
        continue;
      group_when = g_hash_table_lookup (newest, series_id);
      if (group_when == NULL)
        {
          group_when = g_new (gint64, 1);
          *group_when = G_MININT64;
          g_hash_table_insert (newest, (gpointer)series_id, group_when);
        }
      *group_when = MAX (*group_when, entry.when);
    }

  sort_into_groups (entries, newest, titles);

  old_n = self->entries->len;
  g_array_unref (self->entries);
  self->entries = entries;

  if (old_n == 0 && entries->len == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, entries->len);
  if (old_n != entries->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * lotse_meeting_list_get_heading:
 * @self: a list
 * @position: a position in the list
 *
 * Returns: (transfer none) (nullable): the heading of the group that
 *   starts at @position, or %NULL if the group started before
 */
const char *
lotse_meeting_list_get_heading (LotseMeetingList *self,
                                guint             position)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_LIST (self), NULL);

  if (position >= self->entries->len)
    return NULL;

  return g_array_index (self->entries, Entry, position).heading;
}

/**
 * lotse_meeting_list_find:
 * @self: a list
 * @id: a meeting id
 *
 * Returns: the position of the meeting, or %GTK_INVALID_LIST_POSITION
 */
guint
lotse_meeting_list_find (LotseMeetingList *self,
                         const char       *id)
{
  g_return_val_if_fail (LOTSE_IS_MEETING_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_strcmp0 (lotse_record_get_id (g_array_index (self->entries, Entry, i).meeting), id) == 0)
      return i;

  return G_MAXUINT;
}

/**
 * lotse_meeting_list_refresh_row:
 * @self: a list
 * @id: (nullable): a meeting id
 *
 * Has the list view bind the meeting's row again, e.g. to mark it as the
 * one open.
 */
void
lotse_meeting_list_refresh_row (LotseMeetingList *self,
                                const char       *id)
{
  guint position;

  g_return_if_fail (LOTSE_IS_MEETING_LIST (self));

  if (id == NULL || (position = lotse_meeting_list_find (self, id)) == G_MAXUINT)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}
