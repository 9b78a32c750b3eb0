/* lotse-conflict-window.c: the list of open conflicts and their resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list names each conflicting record with a warning badge; the
 * resolution view shows, per conflicting field, this computer's value, the
 * server's and the common base, lets the person take one or write their
 * own, and for long text shows the lines that differ. The result is an
 * ordinary local edit, sent by the next sync.
 */

#define G_LOG_DOMAIN "lotse-conflict-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lotse-conflict-field.h"
#include "lotse-conflict-row.h"
#include "lotse-conflict-window.h"

struct _LotseConflictWindow
{
  AdwWindow         parent_instance;

  LotseSyncEngine  *engine;
  gulong            notify_id;
  LotseConflict    *conflict;
  GtkStringList    *ids;            /* the list's model: the open conflicts' ids */
  GHashTable       *listed;         /* id → LotseConflict, for the list's rows */

  GtkStack         *stack;
  GtkListBox       *list;
  GtkWidget        *back_button;
  AdwWindowTitle   *title;
  AdwToastOverlay  *toasts;
  GtkLabel         *record_label;
  GtkLabel         *summary_label;
  GtkBox           *fields_box;     /* LotseConflictField, one per field */
  GtkWidget        *whole_box;      /* a conflict without fields: the side to keep */
  GtkLabel         *whole_label;
  GtkCheckButton   *whole_mine;
  GtkCheckButton   *whole_theirs;
  GtkLabel         *whole_mine_who;
  GtkLabel         *whole_theirs_who;
  GtkWidget        *all_box;
  GtkWidget        *show_record_button;
};

G_DEFINE_FINAL_TYPE (LotseConflictWindow, lotse_conflict_window, ADW_TYPE_WINDOW)

static JsonNode *
parse (const char *text)
{
  JsonNode *node = text ? json_from_string (text, NULL) : NULL;

  return node;
}

static JsonObject *
as_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
side_deleted (JsonObject *side)
{
  return side != NULL && json_object_has_member (side, "deleted") &&
         json_object_get_boolean_member (side, "deleted");
}

static char *
record_title (LotseSyncEngine *engine,
              LotseConflict   *conflict)
{
  g_autoptr(LotseRecord) record = lotse_store_sync_get_row (lotse_sync_engine_get_store (engine),
                                                            conflict->table, conflict->row_id, NULL);
  const char *title = record ? lotse_record_get_title (record) : NULL;

  return g_strdup (title != NULL && *title != '\0' ? title : _("Untitled"));
}

static char *
fields_summary (LotseConflict *conflict)
{
  const LotseTable *table = lotse_schema_lookup_table (conflict->table);
  g_autoptr(JsonNode) node = parse (conflict->fields_json);
  g_autoptr(GString) text = g_string_new (table ? _(table->label) : conflict->table);
  JsonArray *fields = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = fields ? json_array_get_length (fields) : 0;

  if (conflict->error != NULL)
    return g_strdup_printf ("%s — %s", text->str, _("refused by the server"));
  if (n == 0)
    return g_strdup_printf ("%s — %s", text->str, _("edited on one side, deleted on the other"));

  g_string_append (text, " — ");
  for (guint i = 0; i < n; i++)
    {
      const char *name = json_array_get_string_element (fields, i);
      const LotseField *field = table ? lotse_table_lookup_field (table, name) : NULL;

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, field ? _(field->label) : name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
row_activated_cb (LotseConflictWindow *self,
                  GtkListBoxRow       *row)
{
  lotse_conflict_window_show_conflict (self, lotse_conflict_row_get_conflict_id (LOTSE_CONFLICT_ROW (row)));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LotseConflictWindow *self = user_data;
  const char *id = gtk_string_object_get_string (item);
  LotseConflict *conflict = g_hash_table_lookup (self->listed, id);
  g_autofree char *title = record_title (self->engine, conflict);
  g_autofree char *subtitle = fields_summary (conflict);

  return lotse_conflict_row_new (id, title, subtitle);
}

static void
reload_list (LotseConflictWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  conflicts = lotse_store_sync_list_conflicts (lotse_sync_engine_get_store (self->engine),
                                               FALSE, &error);
  if (conflicts == NULL)
    {
      g_warning ("Could not read the conflicts: %s", error->message);
      g_hash_table_remove_all (self->listed);
      gtk_string_list_splice (self->ids, 0, g_list_model_get_n_items (G_LIST_MODEL (self->ids)), NULL);
      return;
    }

  /* The rows are made during the splice, from what the table holds */
  g_hash_table_remove_all (self->listed);
  g_ptr_array_set_free_func (conflicts, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LotseConflict *conflict = g_ptr_array_index (conflicts, i);

      g_hash_table_insert (self->listed, conflict->id, conflict);
      g_ptr_array_add (ids, conflict->id);
    }
  g_ptr_array_add (ids, NULL);
  gtk_string_list_splice (self->ids, 0, g_list_model_get_n_items (G_LIST_MODEL (self->ids)),
                          (const char * const *) ids->pdata);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "resolve") != 0)
    gtk_stack_set_visible_child_name (self->stack, conflicts->len > 0 ? "list" : "empty");
}

static void
show_list (LotseConflictWindow *self)
{
  g_clear_pointer (&self->conflict, lotse_conflict_free);
  gtk_widget_set_visible (self->back_button, FALSE);
  adw_window_title_set_subtitle (self->title, NULL);
  gtk_stack_set_visible_child_name (self->stack, "list");
  reload_list (self);
}

/* "12.03.2026, 14:05": the day as the locale writes it, in the office's
 * zone like every time Lotse shows */
static char *
format_when (LotseConflictWindow *self,
             const char          *iso)
{
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (lotse_sync_engine_get_store (self->engine));
  g_autoptr(GDateTime) when = lotse_time_parse (iso, zone);
  g_autofree char *iso_day = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (when == NULL)
    return NULL;

  iso_day = g_date_time_format (when, "%Y-%m-%d");
  day = lotse_format_date (iso_day);
  time = g_date_time_format (when, "%H:%M");
  /* Translators: a day and a time of day, "12.03.2026, 14:05" */
  return g_strdup_printf (C_("day and time", "%s, %s"), day, time);
}

static const char *
side_string (JsonObject *side,
             const char *member)
{
  return side != NULL && json_object_has_member (side, member)
           ? json_object_get_string_member_with_default (side, member, NULL) : NULL;
}

/* Who made this computer's change and when: the account it syncs as. */
static char *
describe_mine (LotseConflictWindow *self,
               JsonObject          *mine)
{
  g_autofree char *when = format_when (self, side_string (mine, "changed_at"));
  const char *user = lotse_sync_engine_get_user (self->engine);

  if (user != NULL && *user != '\0' && when != NULL)
    /* Translators: under "Mine": the account this computer syncs as, and when */
    return g_strdup_printf (_("Changed here by %s on %s"), user, when);
  if (when != NULL)
    return g_strdup_printf (_("Changed here on %s"), when);
  return g_strdup (_("Changed here"));
}

/* Who made the server's state and when, as the server said. */
static char *
describe_theirs (LotseConflictWindow *self,
                 JsonObject          *theirs)
{
  g_autofree char *when = format_when (self, side_string (theirs, "committed_at"));
  const char *user = side_string (theirs, "user");

  if (user != NULL && when != NULL)
    /* Translators: under "Theirs": the account that changed the record
     * on the server, and when */
    return g_strdup_printf (_("Changed on the server by %s on %s"), user, when);
  if (user != NULL)
    return g_strdup_printf (_("Changed on the server by %s"), user);
  return g_strdup (_("Changed on the server"));
}

static gboolean
is_long_text (const LotseField *field,
              const char       *mine,
              const char       *theirs)
{
  if (field == NULL || field->type != LOTSE_FIELD_TEXT)
    return FALSE;

  return (mine && strchr (mine, '\n')) || (theirs && strchr (theirs, '\n')) ||
         (mine && strlen (mine) > 80) || (theirs && strlen (theirs) > 80);
}

static GtkWidget *
field_group (LotseConflictWindow *self,
             const LotseTable    *table,
             const char          *name,
             JsonObject          *mine,
             JsonObject          *theirs,
             JsonObject          *base,
             const char          *mine_who,
             const char          *theirs_who)
{
  const LotseField *field = lotse_table_lookup_field (table, name);
  gboolean has_base = FALSE;
  g_autofree char *base_value = lotse_sync_side_get_value (base, name, &has_base);
  g_autofree char *mine_value = lotse_sync_side_get_value (mine, name, NULL);
  g_autofree char *theirs_value = lotse_sync_side_get_value (theirs, name, NULL);
  GtkWidget *group = lotse_conflict_field_new (name, field ? _(field->label) : name, mine_value, theirs_value);

  lotse_conflict_field_set_who (LOTSE_CONFLICT_FIELD (group), mine_who, theirs_who);
  if (has_base)
    lotse_conflict_field_set_base (LOTSE_CONFLICT_FIELD (group), base_value);
  if (is_long_text (field, mine_value, theirs_value))
    lotse_conflict_field_show_diff (LOTSE_CONFLICT_FIELD (group));

  return group;
}

/**
 * lotse_conflict_window_take:
 *
 * Resolves the open conflict by one side as a whole (Keep Mine, Take Theirs).
 */
gboolean
lotse_conflict_window_take (LotseConflictWindow  *self,
                            LotseSyncTake         take,
                            GError              **error)
{
  g_return_val_if_fail (LOTSE_IS_CONFLICT_WINDOW (self), FALSE);

  if (self->conflict == NULL)
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND, _("No conflict is open."));
      return FALSE;
    }

  if (!lotse_sync_engine_resolve_take (self->engine, self->conflict->id, take, error))
    return FALSE;

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Conflict resolved")));
  show_list (self);

  return TRUE;
}

/* Resolve: the choices of the fields, or for a record deleted on one
 * side (or refused by the server) the side chosen for all of it. */
static void
resolve_clicked_cb (LotseConflictWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (gtk_widget_get_first_child (GTK_WIDGET (self->fields_box)) != NULL)
    ok = lotse_conflict_window_apply (self, &error);
  else
    ok = lotse_conflict_window_take (self, gtk_check_button_get_active (self->whole_theirs)
                                             ? LOTSE_SYNC_TAKE_THEIRS : LOTSE_SYNC_TAKE_MINE,
                                     &error);
  if (!ok)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

/* Jumps to the record in the main window (“win.open-record”). */
static void
show_record_clicked_cb (LotseConflictWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *table = NULL;
  g_autofree char *id = NULL;

  if (self->conflict == NULL || parent == NULL)
    return;

  table = g_strdup (self->conflict->table);
  id = g_strdup (self->conflict->row_id);
  gtk_window_close (GTK_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-record", "(ss)", table, id);
}

/* "Use all of mine" / "… of the server": sets every field's choice, and
 * leaves resolving to the one Resolve button. */
static void
choose_all (LotseConflictWindow *self,
            LotseSyncTake        take)
{
  for (GtkWidget *field = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box)); field != NULL;
       field = gtk_widget_get_next_sibling (field))
    lotse_conflict_field_choose (LOTSE_CONFLICT_FIELD (field), take);
}

static void
choose_all_mine_cb (LotseConflictWindow *self)
{
  choose_all (self, LOTSE_SYNC_TAKE_MINE);
}

static void
choose_all_theirs_cb (LotseConflictWindow *self)
{
  choose_all (self, LOTSE_SYNC_TAKE_THEIRS);
}

static const char *
whole_explanation (LotseConflict *conflict,
                   JsonObject    *mine,
                   JsonObject    *theirs)
{
  if (conflict->error != NULL)
    return conflict->error;
  if (side_deleted (mine))
    return _("You deleted this record while it was changed on the server.");
  if (side_deleted (theirs))
    return _("You changed this record while it was deleted on the server.");
  return _("This record was changed here and on the server.");
}

/* The fields' choices, or for a record deleted on one side (or refused by
 * the server) the choice of a side for all of it; mine is chosen first. */
static void
fill_choices (LotseConflictWindow *self,
              LotseConflict       *conflict,
              const LotseTable    *table)
{
  g_autoptr(JsonNode) mine_node = parse (conflict->mine_json);
  g_autoptr(JsonNode) theirs_node = parse (conflict->theirs_json);
  g_autoptr(JsonNode) base_node = parse (conflict->base_json);
  g_autoptr(JsonNode) fields_node = parse (conflict->fields_json);
  g_autofree char *mine_who = describe_mine (self, as_object (mine_node));
  g_autofree char *theirs_who = describe_theirs (self, as_object (theirs_node));
  JsonArray *fields = fields_node && JSON_NODE_HOLDS_ARRAY (fields_node) ? json_node_get_array (fields_node) : NULL;
  guint n_fields = conflict->error == NULL && fields != NULL ? json_array_get_length (fields) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);

  for (guint i = 0; i < n_fields; i++)
    gtk_box_append (self->fields_box,
                    field_group (self, table, json_array_get_string_element (fields, i), as_object (mine_node),
                                 as_object (theirs_node), as_object (base_node), mine_who, theirs_who));

  gtk_label_set_text (self->whole_label, n_fields == 0 ? whole_explanation (conflict, as_object (mine_node),
                                                                            as_object (theirs_node)) : NULL);
  gtk_label_set_text (self->whole_mine_who, mine_who);
  gtk_label_set_text (self->whole_theirs_who, theirs_who);
  gtk_check_button_set_active (self->whole_mine, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_box), n_fields > 0);
  gtk_widget_set_visible (self->whole_box, n_fields == 0);
  gtk_widget_set_visible (self->all_box, n_fields > 1);
}

gboolean
lotse_conflict_window_show_conflict (LotseConflictWindow *self,
                                     const char          *conflict_id)
{
  g_autoptr(LotseConflict) conflict = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  const LotseTable *table;

  g_return_val_if_fail (LOTSE_IS_CONFLICT_WINDOW (self), FALSE);

  conflict = lotse_store_sync_get_conflict (lotse_sync_engine_get_store (self->engine),
                                            conflict_id, NULL);
  table = conflict ? lotse_schema_lookup_table (conflict->table) : NULL;
  if (conflict == NULL || conflict->resolved_at != NULL || table == NULL)
    return FALSE;

  title = record_title (self->engine, conflict);
  summary = fields_summary (conflict);
  gtk_label_set_text (self->record_label, title);
  gtk_label_set_text (self->summary_label, summary);
  fill_choices (self, conflict, table);
  gtk_widget_set_visible (self->show_record_button, gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL);

  g_clear_pointer (&self->conflict, lotse_conflict_free);
  self->conflict = g_steal_pointer (&conflict);
  adw_window_title_set_subtitle (self->title, title);
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "resolve");

  return TRUE;
}

static void
engine_notify_cb (LotseConflictWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "resolve") != 0)
    reload_list (self);
}

static void
lotse_conflict_window_dispose (GObject *object)
{
  LotseConflictWindow *self = LOTSE_CONFLICT_WINDOW (object);

  if (self->engine != NULL)
    g_clear_signal_handler (&self->notify_id, self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_CONFLICT_WINDOW);
  g_clear_object (&self->engine);
  g_clear_object (&self->ids);
  g_clear_pointer (&self->listed, g_hash_table_unref);
  g_clear_pointer (&self->conflict, lotse_conflict_free);

  G_OBJECT_CLASS (lotse_conflict_window_parent_class)->dispose (object);
}

static gboolean
back_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  LotseConflictWindow *self = LOTSE_CONFLICT_WINDOW (widget);

  if (self->conflict == NULL)
    return FALSE;

  show_list (self);
  return TRUE;
}

static void
lotse_conflict_window_class_init (LotseConflictWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_conflict_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/sync/lotse-conflict-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, list);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, title);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, record_label);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, fields_box);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, whole_box);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, whole_label);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, whole_mine);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, whole_theirs);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, whole_mine_who);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, whole_theirs_who);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, all_box);
  gtk_widget_class_bind_template_child (widget_class, LotseConflictWindow, show_record_button);
  gtk_widget_class_bind_template_callback (widget_class, show_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_all_mine_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_all_theirs_cb);
  gtk_widget_class_bind_template_callback (widget_class, resolve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_record_clicked_cb);
}

/* Escape closes the window and decides nothing, wherever the focus is:
 * in the capture phase, before a focused text view or list sees the key.
 * Alt+Left goes back from a conflict to the list, like the back button. */
static void
add_shortcuts (LotseConflictWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                          gtk_callback_action_new (back_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
lotse_conflict_window_init (LotseConflictWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = gtk_string_list_new (NULL);
  self->listed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lotse_conflict_free);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->ids), create_row, self, NULL);
  add_shortcuts (self);
}

LotseConflictWindow *
lotse_conflict_window_new (LotseSyncEngine *engine)
{
  LotseConflictWindow *self;

  g_return_val_if_fail (LOTSE_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (LOTSE_TYPE_CONFLICT_WINDOW, NULL);
  self->engine = g_object_ref (engine);
  self->notify_id = g_signal_connect_swapped (engine, "notify::conflict-count",
                                              G_CALLBACK (engine_notify_cb), self);
  reload_list (self);

  return self;
}

GtkListBox *
lotse_conflict_window_get_list (LotseConflictWindow *self)
{
  return self->list;
}

static LotseConflictField *
find_field (LotseConflictWindow *self,
            const char          *name)
{
  for (GtkWidget *field = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box)); field != NULL;
       field = gtk_widget_get_next_sibling (field))
    if (g_str_equal (lotse_conflict_field_get_name (LOTSE_CONFLICT_FIELD (field)), name))
      return LOTSE_CONFLICT_FIELD (field);

  return NULL;
}

void
lotse_conflict_window_choose (LotseConflictWindow *self,
                              const char          *field,
                              LotseSyncTake        take)
{
  LotseConflictField *choice = find_field (self, field);

  g_return_if_fail (choice != NULL);
  lotse_conflict_field_choose (choice, take);
}

void
lotse_conflict_window_edit (LotseConflictWindow *self,
                            const char          *field,
                            const char          *text)
{
  LotseConflictField *choice = find_field (self, field);

  g_return_if_fail (choice != NULL);
  lotse_conflict_field_edit (choice, text);
}

const char *
lotse_conflict_window_get_diff (LotseConflictWindow *self,
                                const char          *field)
{
  LotseConflictField *choice = find_field (self, field);

  return choice ? lotse_conflict_field_get_diff (choice) : NULL;
}

/**
 * lotse_conflict_window_apply:
 *
 * Writes the chosen values of the open conflict as a local edit.
 */
gboolean
lotse_conflict_window_apply (LotseConflictWindow  *self,
                             GError              **error)
{
  g_autoptr(GHashTable) values = NULL;

  g_return_val_if_fail (LOTSE_IS_CONFLICT_WINDOW (self), FALSE);

  if (self->conflict == NULL)
    {
      g_set_error_literal (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND, _("No conflict is open."));
      return FALSE;
    }

  values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (GtkWidget *field = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box)); field != NULL;
       field = gtk_widget_get_next_sibling (field))
    g_hash_table_insert (values, (gpointer) lotse_conflict_field_get_name (LOTSE_CONFLICT_FIELD (field)),
                         lotse_conflict_field_dup_value (LOTSE_CONFLICT_FIELD (field)));

  if (!lotse_sync_engine_resolve_values (self->engine, self->conflict->id, values, error))
    return FALSE;

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Conflict resolved")));
  show_list (self);

  return TRUE;
}
