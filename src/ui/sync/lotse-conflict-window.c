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

#include "lotse-conflict-window.h"
#include "lotse-line-diff.h"

typedef struct
{
  char           *name;
  char           *mine;
  char           *theirs;
  char           *diff;
  GtkCheckButton *mine_check;
  GtkCheckButton *theirs_check;
  GtkCheckButton *edit_check;
  GtkTextView    *text_view;
} FieldChoice;

struct _LotseConflictWindow
{
  AdwWindow         parent_instance;

  LotseSyncEngine  *engine;
  gulong            notify_id;
  LotseConflict    *conflict;
  GPtrArray        *choices;

  GtkStack         *stack;
  GtkListBox       *list;
  GtkWidget        *back_button;
  AdwWindowTitle   *title;
  GtkBox           *resolve_box;
  AdwToastOverlay  *toasts;
  GtkCheckButton   *whole_mine;     /* a conflict without fields: keep this side */
  GtkCheckButton   *whole_theirs;
  GtkWidget        *resolve_button;
  char             *mine_who;       /* who changed each side and when */
  char             *theirs_who;
};

G_DEFINE_FINAL_TYPE (LotseConflictWindow, lotse_conflict_window, ADW_TYPE_WINDOW)

static void
field_choice_free (FieldChoice *choice)
{
  g_free (choice->name);
  g_free (choice->mine);
  g_free (choice->theirs);
  g_free (choice->diff);
  g_free (choice);
}

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
  const char *id = g_object_get_data (G_OBJECT (row), "conflict-id");

  lotse_conflict_window_show_conflict (self, id);
}

static void
reload_list (LotseConflictWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  conflicts = lotse_store_sync_list_conflicts (lotse_sync_engine_get_store (self->engine),
                                               FALSE, &error);
  if (conflicts == NULL)
    {
      g_warning ("Could not read the conflicts: %s", error->message);
      return;
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      LotseConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *title = record_title (self->engine, conflict);
      g_autofree char *subtitle = fields_summary (conflict);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (badge, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Conflict"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "conflict-id", g_strdup (conflict->id), g_free);
      gtk_list_box_append (self->list, row);
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "resolve") != 0)
    gtk_stack_set_visible_child_name (self->stack, conflicts->len > 0 ? "list" : "empty");
}

static void
show_list (LotseConflictWindow *self)
{
  g_clear_pointer (&self->conflict, lotse_conflict_free);
  g_ptr_array_set_size (self->choices, 0);
  gtk_widget_set_visible (self->back_button, FALSE);
  adw_window_title_set_subtitle (self->title, NULL);
  gtk_stack_set_visible_child_name (self->stack, "list");
  reload_list (self);
}

static GtkWidget *
value_label (const char *value)
{
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : _("(empty)"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  if (value == NULL || *value == '\0')
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

/* A side's heading (a choice, if @out_check) with who changed it and
 * when, and its value unless @value_shown is FALSE. */
static GtkWidget *
side_block (const char      *heading,
            const char      *who,
            gboolean         value_shown,
            const char      *value,
            GtkCheckButton **out_check,
            GtkCheckButton  *group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;

  if (out_check != NULL)
    {
      GtkWidget *check = gtk_check_button_new_with_label (heading);

      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      gtk_box_append (GTK_BOX (box), check);
      *out_check = GTK_CHECK_BUTTON (check);
    }
  else
    {
      label = gtk_label_new (heading);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  if (who != NULL)
    {
      label = gtk_label_new (who);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 28);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "conflict-author");
      gtk_box_append (GTK_BOX (box), label);
    }

  if (value_shown)
    {
      label = value_label (value);
      gtk_widget_set_margin_start (label, 28);
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
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

static void
edit_toggled_cb (GtkCheckButton *check,
                 GtkWidget      *text_frame)
{
  gtk_widget_set_visible (text_frame, gtk_check_button_get_active (check));
}

static GtkWidget *
field_group (LotseConflictWindow *self,
             const LotseTable    *table,
             const char          *name,
             JsonObject          *mine,
             JsonObject          *theirs,
             JsonObject          *base)
{
  const LotseField *field = lotse_table_lookup_field (table, name);
  FieldChoice *choice = g_new0 (FieldChoice, 1);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *edit_check;
  GtkWidget *frame;
  GtkWidget *scrolled;
  GtkWidget *text_view;
  gboolean has_base = FALSE;
  g_autofree char *base_value = lotse_sync_side_get_value (base, name, &has_base);

  choice->name = g_strdup (name);
  choice->mine = lotse_sync_side_get_value (mine, name, NULL);
  choice->theirs = lotse_sync_side_get_value (theirs, name, NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), field ? _(field->label) : name);
  gtk_widget_set_margin_top (box, 6);

  gtk_box_append (GTK_BOX (box), side_block (_("Mine (this computer)"), self->mine_who, TRUE, choice->mine,
                                             &choice->mine_check, NULL));
  gtk_box_append (GTK_BOX (box), side_block (_("Theirs (server)"), self->theirs_who, TRUE, choice->theirs,
                                             &choice->theirs_check, choice->mine_check));
  if (has_base)
    gtk_box_append (GTK_BOX (box), side_block (_("Before both changes"), NULL, TRUE, base_value, NULL, NULL));

  if (is_long_text (field, choice->mine, choice->theirs))
    {
      GtkWidget *heading = gtk_label_new (_("Lines that differ (− server, + mine)"));
      GtkWidget *diff = gtk_label_new (NULL);

      choice->diff = lotse_line_diff_markup (choice->theirs, choice->mine);
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_markup (GTK_LABEL (diff), choice->diff);
      gtk_label_set_xalign (GTK_LABEL (diff), 0);
      gtk_label_set_wrap (GTK_LABEL (diff), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (diff), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (diff), TRUE);
      gtk_widget_add_css_class (diff, "monospace");
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), diff);
    }

  edit_check = gtk_check_button_new_with_label (_("Write my own"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (edit_check), choice->mine_check);
  choice->edit_check = GTK_CHECK_BUTTON (edit_check);
  gtk_box_append (GTK_BOX (box), edit_check);

  text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            choice->mine ? choice->mine : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  field ? _(field->label) : name, -1);
  choice->text_view = GTK_TEXT_VIEW (text_view);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_widget_set_visible (frame, FALSE);
  g_signal_connect (edit_check, "toggled", G_CALLBACK (edit_toggled_cb), frame);
  gtk_box_append (GTK_BOX (box), frame);

  gtk_check_button_set_active (choice->mine_check, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  g_ptr_array_add (self->choices, choice);

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

  if (self->choices->len > 0)
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
choose_all_clicked_cb (GtkButton           *button,
                       LotseConflictWindow *self)
{
  LotseSyncTake take = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "take"));

  for (guint i = 0; i < self->choices->len; i++)
    lotse_conflict_window_choose (self, ((FieldChoice *) g_ptr_array_index (self->choices, i))->name, take);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A record deleted on one side, or a change the server refused: the
 * choice is for the record as a whole. */
static void
add_whole_choice (LotseConflictWindow *self,
                  const char          *explanation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_box_append (GTK_BOX (box), wrapped_label (explanation, NULL));
  gtk_box_append (GTK_BOX (box), side_block (_("Keep mine (this computer)"), self->mine_who, FALSE, NULL,
                                             &self->whole_mine, NULL));
  gtk_box_append (GTK_BOX (box), side_block (_("Take the server's"), self->theirs_who, FALSE, NULL,
                                             &self->whole_theirs, self->whole_mine));
  gtk_check_button_set_active (self->whole_mine, TRUE);
  gtk_box_append (self->resolve_box, box);
}

/* One row of actions at the end of the page: what is chosen is resolved
 * with one button. (Keep Mine, Take Theirs and Apply Choices did
 * overlapping things side by side.) */
static void
add_actions (LotseConflictWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button;

  gtk_widget_set_margin_top (box, 12);
  if (self->choices->len > 1)
    {
      /* One above the other: side by side, "Alles von mir übernehmen"
       * and "Alles vom Server übernehmen" made the page wider than a phone */
      GtkWidget *all = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      static const struct { const char *label; LotseSyncTake take; } sides[] = {
        { N_("Use All _Mine"), LOTSE_SYNC_TAKE_MINE },
        { N_("Use All of the _Server's"), LOTSE_SYNC_TAKE_THEIRS },
      };

      gtk_widget_set_halign (all, GTK_ALIGN_CENTER);
      for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
        {
          button = gtk_button_new_with_mnemonic (_(sides[i].label));
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data (G_OBJECT (button), "take", GINT_TO_POINTER (sides[i].take));
          g_signal_connect (button, "clicked", G_CALLBACK (choose_all_clicked_cb), self);
          gtk_box_append (GTK_BOX (all), button);
        }
      gtk_box_append (GTK_BOX (box), all);
    }

  self->resolve_button = gtk_button_new_with_mnemonic (_("_Resolve Conflict"));
  gtk_widget_set_halign (self->resolve_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->resolve_button, "pill");
  gtk_widget_add_css_class (self->resolve_button, "suggested-action");
  g_signal_connect_swapped (self->resolve_button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->resolve_button);

  if (gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL)
    {
      button = gtk_button_new_with_mnemonic (_("Show _Record"));
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (show_record_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_box_append (self->resolve_box, box);
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

gboolean
lotse_conflict_window_show_conflict (LotseConflictWindow *self,
                                     const char          *conflict_id)
{
  g_autoptr(LotseConflict) conflict = NULL;
  g_autoptr(JsonNode) mine_node = NULL;
  g_autoptr(JsonNode) theirs_node = NULL;
  g_autoptr(JsonNode) base_node = NULL;
  g_autoptr(JsonNode) fields_node = NULL;
  g_autofree char *title = NULL;
  const LotseTable *table;
  JsonArray *fields;
  GtkWidget *child;

  g_return_val_if_fail (LOTSE_IS_CONFLICT_WINDOW (self), FALSE);

  conflict = lotse_store_sync_get_conflict (lotse_sync_engine_get_store (self->engine),
                                            conflict_id, NULL);
  table = conflict ? lotse_schema_lookup_table (conflict->table) : NULL;
  if (conflict == NULL || conflict->resolved_at != NULL || table == NULL)
    return FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->resolve_box))) != NULL)
    gtk_box_remove (self->resolve_box, child);
  g_ptr_array_set_size (self->choices, 0);
  self->whole_mine = self->whole_theirs = NULL;

  title = record_title (self->engine, conflict);
  mine_node = parse (conflict->mine_json);
  theirs_node = parse (conflict->theirs_json);
  base_node = parse (conflict->base_json);
  fields_node = parse (conflict->fields_json);
  fields = fields_node && JSON_NODE_HOLDS_ARRAY (fields_node) ? json_node_get_array (fields_node) : NULL;
  g_free (self->mine_who);
  self->mine_who = describe_mine (self, as_object (mine_node));
  g_free (self->theirs_who);
  self->theirs_who = describe_theirs (self, as_object (theirs_node));

  gtk_box_append (self->resolve_box, wrapped_label (title, "title-2"));
  {
    g_autofree char *summary = fields_summary (conflict);

    gtk_box_append (self->resolve_box, wrapped_label (summary, "dim-label"));
  }

  if (conflict->error != NULL || fields == NULL || json_array_get_length (fields) == 0)
    add_whole_choice (self, whole_explanation (conflict, as_object (mine_node), as_object (theirs_node)));
  else
    for (guint i = 0; i < json_array_get_length (fields); i++)
      gtk_box_append (self->resolve_box,
                      field_group (self, table, json_array_get_string_element (fields, i),
                                   as_object (mine_node), as_object (theirs_node), as_object (base_node)));
  add_actions (self);

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
  g_clear_object (&self->engine);
  g_clear_pointer (&self->conflict, lotse_conflict_free);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->mine_who, g_free);
  g_clear_pointer (&self->theirs_who, g_free);

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

  object_class->dispose = lotse_conflict_window_dispose;
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

static GtkWidget *
clamped_page (GtkWidget *child)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 18);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  return scrolled;
}

static void
lotse_conflict_window_init (LotseConflictWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *resolve = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify)field_choice_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Conflicts"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 600);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Conflicts"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Back to the List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the List"), -1);
  gtk_widget_set_visible (self->back_button, FALSE);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (show_list), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  gtk_box_append (GTK_BOX (content), header);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Conflicts"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every change made here and on the server fits together."));

  self->list = GTK_LIST_BOX (list);
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open conflicts"), -1);
  g_signal_connect_swapped (list, "row-activated", G_CALLBACK (row_activated_cb), self);

  self->resolve_box = GTK_BOX (resolve);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, clamped_page (list), "list");
  gtk_stack_add_named (self->stack, clamped_page (resolve), "resolve");

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));

  adw_window_set_content (ADW_WINDOW (self), content);
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

static FieldChoice *
find_choice (LotseConflictWindow *self,
             const char          *field)
{
  for (guint i = 0; i < self->choices->len; i++)
    {
      FieldChoice *choice = g_ptr_array_index (self->choices, i);

      if (g_str_equal (choice->name, field))
        return choice;
    }

  return NULL;
}

void
lotse_conflict_window_choose (LotseConflictWindow *self,
                              const char          *field,
                              LotseSyncTake        take)
{
  FieldChoice *choice = find_choice (self, field);

  g_return_if_fail (choice != NULL);
  gtk_check_button_set_active (take == LOTSE_SYNC_TAKE_MINE ? choice->mine_check : choice->theirs_check,
                               TRUE);
}

void
lotse_conflict_window_edit (LotseConflictWindow *self,
                            const char          *field,
                            const char          *text)
{
  FieldChoice *choice = find_choice (self, field);

  g_return_if_fail (choice != NULL);
  gtk_check_button_set_active (choice->edit_check, TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (choice->text_view), text, -1);
}

const char *
lotse_conflict_window_get_diff (LotseConflictWindow *self,
                                const char          *field)
{
  FieldChoice *choice = find_choice (self, field);

  return choice ? choice->diff : NULL;
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
  for (guint i = 0; i < self->choices->len; i++)
    {
      FieldChoice *choice = g_ptr_array_index (self->choices, i);
      char *value;

      if (gtk_check_button_get_active (choice->edit_check))
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (choice->text_view);
          GtkTextIter start, end;

          gtk_text_buffer_get_bounds (buffer, &start, &end);
          value = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        }
      else if (gtk_check_button_get_active (choice->theirs_check))
        value = g_strdup (choice->theirs);
      else
        value = g_strdup (choice->mine);

      g_hash_table_insert (values, choice->name, value);
    }

  if (!lotse_sync_engine_resolve_values (self->engine, self->conflict->id, values, error))
    return FALSE;

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Conflict resolved")));
  show_list (self);

  return TRUE;
}
