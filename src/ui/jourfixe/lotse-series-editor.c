/* lotse-series-editor.c: a meeting series: recurrence, defaults and standing items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each editor writes its field when applied or changed. The recurrence
 * rows present a rule of lotse-recurrence.h: the core reads it into one of
 * the editor's choices and builds it back from them (keeping its time of
 * day and zone); a rule the editor cannot show is kept as it is until the
 * user chooses another.
 */

#define G_LOG_DOMAIN "lotse-series-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-entry-row.h"
#include "lotse-jourfixe-private.h"
#include "lotse-meeting.h"
#include "lotse-series-editor.h"

#define STANDING_SAVE_DELAY_MS 800
#define MAX_MONTHS             12  /* the interval row's upper limit */
#define NTH_LAST               4   /* the position of “Last” in the nth row */

static const char * const series_kinds[] = { "jour_fixe", "steering", "strategy", "workshop", "event", NULL };

struct _LotseSeriesEditor
{
  GtkWidget             parent_instance;

  LotseJourfixeCatalog *catalog;
  char                 *series_id;
  LotseRecord          *series;
  gboolean              narrow;
  gboolean              filling;
  GMenu                *menu;
  char                 *title_loaded;
  char                 *location_loaded;
  char                 *standing_loaded;
  guint                 standing_timeout;

  GtkLabel             *heading_label;
  GtkButton            *prepare_button;
  GtkMenuButton        *menu_button;
  AdwEntryRow          *title_row;
  AdwComboRow          *kind_row;
  AdwEntryRow          *location_row;
  GtkSpinButton        *duration_spin;
  AdwComboRow          *repeat_row;
  AdwComboRow          *nth_row;
  AdwComboRow          *weekday_row;
  AdwActionRow         *month_day_row;
  GtkSpinButton        *month_day_spin;
  AdwActionRow         *interval_row;
  GtkSpinButton        *interval_spin;
  AdwActionRow         *rule_row;
  GtkTextView          *standing_view;
  GtkListBox           *participants_list;
};

G_DEFINE_FINAL_TYPE (LotseSeriesEditor, lotse_series_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- recurrence rules ----------------------------------------------------- */

/* The choice that shows @pattern, or OTHER when the rows cannot. */
static LotseSeriesRepeat
repeat_of (const LotseRecurrencePattern *pattern)
{
  gboolean months_fit = pattern->interval <= MAX_MONTHS;

  switch (pattern->kind)
    {
    case LOTSE_RECURRENCE_WEEKLY:
      if (pattern->interval <= 2)
        return pattern->interval == 1 ? LOTSE_SERIES_REPEAT_WEEKLY : LOTSE_SERIES_REPEAT_BIWEEKLY;
      return LOTSE_SERIES_REPEAT_OTHER;
    case LOTSE_RECURRENCE_MONTHLY_DAY:
      return months_fit && pattern->month_day >= 1 ? LOTSE_SERIES_REPEAT_MONTHLY_DAY
                                                   : LOTSE_SERIES_REPEAT_OTHER;
    case LOTSE_RECURRENCE_MONTHLY_WEEKDAY:
      return months_fit && (pattern->nth == -1 || (pattern->nth >= 1 && pattern->nth <= NTH_LAST))
               ? LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY : LOTSE_SERIES_REPEAT_OTHER;
    case LOTSE_RECURRENCE_OTHER:
    default:
      return LOTSE_SERIES_REPEAT_OTHER;
    }
}

/* What the rows say, for a choice other than NONE and OTHER. */
static LotseRecurrencePattern
pattern_from_rows (LotseSeriesEditor *self,
                   LotseSeriesRepeat  repeat)
{
  guint nth = adw_combo_row_get_selected (self->nth_row);
  LotseRecurrencePattern pattern = {
    .kind = LOTSE_RECURRENCE_WEEKLY,
    .interval = gtk_spin_button_get_value_as_int (self->interval_spin),
    .weekday = adw_combo_row_get_selected (self->weekday_row) + 1,
    .month_day = gtk_spin_button_get_value_as_int (self->month_day_spin),
    .nth = nth >= NTH_LAST ? -1 : (int) nth + 1,
  };

  if (repeat == LOTSE_SERIES_REPEAT_WEEKLY || repeat == LOTSE_SERIES_REPEAT_BIWEEKLY)
    pattern.interval = repeat == LOTSE_SERIES_REPEAT_WEEKLY ? 1 : 2;
  else if (repeat == LOTSE_SERIES_REPEAT_MONTHLY_DAY)
    pattern.kind = LOTSE_RECURRENCE_MONTHLY_DAY;
  else
    pattern.kind = LOTSE_RECURRENCE_MONTHLY_WEEKDAY;

  return pattern;
}

/* --- editing -------------------------------------------------------------- */

static LotseStore *
get_store (LotseSeriesEditor *self)
{
  return self->catalog ? lotse_jourfixe_catalog_get_store (self->catalog) : NULL;
}

static gboolean
save_field (LotseSeriesEditor *self,
            const char        *field,
            const char        *value)
{
  if (self->filling || self->series == NULL)
    return FALSE;

  return lotse_jourfixe_save_field (GTK_WIDGET (self), get_store (self), &self->series, field, value);
}

static void
update_recurrence_rows (LotseSeriesEditor *self)
{
  guint repeat = adw_combo_row_get_selected (self->repeat_row);

  gtk_widget_set_visible (GTK_WIDGET (self->weekday_row),
                          repeat == LOTSE_SERIES_REPEAT_WEEKLY || repeat == LOTSE_SERIES_REPEAT_BIWEEKLY ||
                          repeat == LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY);
  gtk_widget_set_visible (GTK_WIDGET (self->nth_row), repeat == LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY);
  gtk_widget_set_visible (GTK_WIDGET (self->month_day_row), repeat == LOTSE_SERIES_REPEAT_MONTHLY_DAY);
  gtk_widget_set_visible (GTK_WIDGET (self->interval_row),
                          repeat == LOTSE_SERIES_REPEAT_MONTHLY_DAY || repeat == LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY);
}

/* The rule in words, as the core describes it; one it cannot read as it is. */
static void
show_rule (LotseSeriesEditor *self,
           const char        *text)
{
  g_autoptr(LotseRecurrence) rule = lotse_recurrence_parse (text, NULL);
  g_autofree char *words = rule != NULL ? lotse_recurrence_describe (rule) : NULL;

  adw_action_row_set_subtitle (self->rule_row, words ? words : (text ? text : ""));
}

static void
on_recurrence_changed (LotseSeriesEditor *self)
{
  LotseSeriesRepeat repeat = adw_combo_row_get_selected (self->repeat_row);
  g_autoptr(LotseRecurrence) rule = NULL;
  LotseRecurrencePattern pattern;
  g_autofree char *text = NULL;

  update_recurrence_rows (self);
  if (self->filling || self->series == NULL || repeat == LOTSE_SERIES_REPEAT_OTHER)
    return;

  if (repeat != LOTSE_SERIES_REPEAT_NONE)
    {
      /* The stored rule keeps its time of day and zone. */
      pattern = pattern_from_rows (self, repeat);
      rule = lotse_recurrence_parse (lotse_record_get (self->series, "recurrence"), NULL);
      if (rule != NULL)
        lotse_recurrence_set_pattern (rule, &pattern);
      else
        rule = lotse_recurrence_new (&pattern);
      text = lotse_recurrence_to_string (rule);
    }

  if (save_field (self, "recurrence", text))
    show_rule (self, text);
}

static void
on_title_apply (LotseSeriesEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (*title == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      lotse_jourfixe_toast (GTK_WIDGET (self), _("A meeting series needs a title"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  if (save_field (self, "title", title))
    {
      gtk_label_set_text (self->heading_label, title);
      g_free (self->title_loaded);
      self->title_loaded = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
    }
}

static void
on_location_apply (LotseSeriesEditor *self)
{
  g_autofree char *location = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location_row))));

  if (save_field (self, "default_location", *location ? location : NULL))
    {
      g_free (self->location_loaded);
      self->location_loaded = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location_row)));
    }
}

static void
on_kind_selected (LotseSeriesEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected < G_N_ELEMENTS (series_kinds) - 1)
    save_field (self, "kind", series_kinds[selected]);
}

static void
on_duration_changed (LotseSeriesEditor *self)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->duration_spin));

  save_field (self, "default_duration_min", value);
}

static char *
standing_text (LotseSeriesEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->standing_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* One item a line, without empty lines or surrounding blanks. */
static char *
normalize_standing (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
save_standing (LotseSeriesEditor *self)
{
  g_autofree char *text = standing_text (self);
  g_autofree char *normalized = NULL;

  g_clear_handle_id (&self->standing_timeout, g_source_remove);
  if (g_strcmp0 (text, self->standing_loaded) == 0)
    return;

  normalized = normalize_standing (text);
  if (save_field (self, "standing_items", normalized))
    {
      g_free (self->standing_loaded);
      self->standing_loaded = g_steal_pointer (&text);
    }
}

static gboolean
standing_timeout_cb (gpointer data)
{
  LotseSeriesEditor *self = data;

  self->standing_timeout = 0;
  save_standing (self);

  return G_SOURCE_REMOVE;
}

static void
on_standing_changed (LotseSeriesEditor *self)
{
  if (self->filling)
    return;

  g_clear_handle_id (&self->standing_timeout, g_source_remove);
  self->standing_timeout = g_timeout_add (STANDING_SAVE_DELAY_MS, standing_timeout_cb, self);
}

/* --- filling -------------------------------------------------------------- */

static void
fill_entry (AdwEntryRow  *row,
            char        **loaded,
            const char   *value)
{
  if (*loaded != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), *loaded) != 0)
    return;

  lotse_entry_row_set_stored_text (row, value);
  g_free (*loaded);
  *loaded = g_strdup (value ? value : "");
}

static void
fill_participants (LotseSeriesEditor *self)
{
  LotseFilter filter = { "series_id", self->series_id };
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list))) != NULL)
    gtk_list_box_remove (self->participants_list, child);

  latest = lotse_store_list (get_store (self), "meeting", &filter, 1, "-starts_at", 1, 0, NULL);
  if (latest != NULL && latest->len > 0)
    {
      LotseFilter by_meeting = { "meeting_id", lotse_record_get_id (g_ptr_array_index (latest, 0)) };

      participants = lotse_store_list (get_store (self), "meeting_participant", &by_meeting, 1, NULL, 0, 0, NULL);
    }

  for (guint i = 0; participants != NULL && i < participants->len; i++)
    {
      LotseRecord *participant = g_ptr_array_index (participants, i);
      const char *name = lotse_jourfixe_catalog_get_title (self->catalog, "person",
                                                           lotse_record_get (participant, "person_id"));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name ? name : "");
      gtk_list_box_append (self->participants_list, row);
    }

  if (participants == NULL || participants->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No meeting of the series yet"));
      gtk_list_box_append (self->participants_list, row);
    }
}

static void
rebuild_menu (LotseSeriesEditor *self)
{
  g_autoptr(GMenu) calendar = g_menu_new ();
  g_autoptr(GMenu) delete = g_menu_new ();
  g_autoptr(GMenuItem) export = g_menu_item_new (_("Export to _Calendar…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete Series"), NULL);

  g_menu_remove_all (self->menu);
  g_menu_item_set_action_and_target (export, "jourfixe.export-series", "s", self->series_id);
  g_menu_append_item (calendar, export);
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (calendar));
  g_menu_item_set_action_and_target (remove, "jourfixe.delete-series", "s", self->series_id);
  g_menu_append_item (delete, remove);
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (delete));

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->prepare_button), "s", self->series_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->prepare_button), "jourfixe.prepare-next");
}

/* Shows @text in the rows; rows that do not apply show their first choice. */
static void
fill_recurrence (LotseSeriesEditor *self,
                 const char        *text)
{
  g_autoptr(LotseRecurrence) rule = lotse_recurrence_parse (text, NULL);
  LotseRecurrencePattern pattern = { LOTSE_RECURRENCE_OTHER, };
  LotseSeriesRepeat repeat = LOTSE_SERIES_REPEAT_OTHER;
  gboolean monthly;

  if (text == NULL || *text == '\0')
    repeat = LOTSE_SERIES_REPEAT_NONE;
  else if (rule != NULL && lotse_recurrence_get_pattern (rule, &pattern))
    repeat = repeat_of (&pattern);
  monthly = repeat == LOTSE_SERIES_REPEAT_MONTHLY_DAY || repeat == LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY;

  adw_combo_row_set_selected (self->repeat_row, repeat);
  adw_combo_row_set_selected (self->weekday_row,
                              g_date_valid_weekday (pattern.weekday) ? pattern.weekday - 1 : 0);
  adw_combo_row_set_selected (self->nth_row, repeat != LOTSE_SERIES_REPEAT_MONTHLY_WEEKDAY ? 0
                                             : pattern.nth < 0 ? NTH_LAST : pattern.nth - 1);
  gtk_spin_button_set_value (self->month_day_spin,
                             repeat == LOTSE_SERIES_REPEAT_MONTHLY_DAY ? pattern.month_day : 1);
  gtk_spin_button_set_value (self->interval_spin, monthly ? pattern.interval : 1);
  show_rule (self, text);
  update_recurrence_rows (self);
}

static void
fill (LotseSeriesEditor *self)
{
  LotseRecord *series = self->series;
  const char *rule = lotse_record_get (series, "recurrence");
  const char *standing = lotse_record_get (series, "standing_items");
  g_autofree char *current = NULL;

  self->filling = TRUE;

  gtk_label_set_text (self->heading_label, lotse_record_get (series, "title"));
  fill_entry (self->title_row, &self->title_loaded, lotse_record_get (series, "title"));
  fill_entry (self->location_row, &self->location_loaded, lotse_record_get (series, "default_location"));
  gtk_spin_button_set_value (self->duration_spin, lotse_record_get_int (series, "default_duration_min", 60));
  for (guint i = 0; series_kinds[i] != NULL; i++)
    if (g_strcmp0 (series_kinds[i], lotse_record_get (series, "kind")) == 0)
      adw_combo_row_set_selected (self->kind_row, i);

  fill_recurrence (self, rule);

  current = standing_text (self);
  if (self->standing_timeout == 0 &&
      (self->standing_loaded == NULL || g_strcmp0 (current, self->standing_loaded) == 0))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->standing_view), standing ? standing : "", -1);
      g_free (self->standing_loaded);
      self->standing_loaded = g_strdup (standing ? standing : "");
    }

  self->filling = FALSE;
}

static gboolean
reload (LotseSeriesEditor *self)
{
  g_autoptr(LotseRecord) series = NULL;

  if (self->series_id == NULL || get_store (self) == NULL)
    return FALSE;

  series = lotse_store_get (get_store (self), "meeting_series", self->series_id, NULL);
  if (series == NULL)
    {
      g_clear_object (&self->series);
      return FALSE;
    }

  g_set_object (&self->series, series);
  fill (self);
  return TRUE;
}

static void
on_store_changed (LotseSeriesEditor *self,
                  const char        *table,
                  const char        *id,
                  LotseStore        *store)
{
  if (self->series == NULL)
    return;

  if (g_str_equal (table, "meeting_series") && (id == NULL || g_strcmp0 (id, self->series_id) == 0))
    reload (self);
  else if (g_str_equal (table, "meeting") || g_str_equal (table, "meeting_participant"))
    fill_participants (self);
}

/* --- class ---------------------------------------------------------------- */

static void
lotse_series_editor_dispose (GObject *object)
{
  LotseSeriesEditor *self = LOTSE_SERIES_EDITOR (object);

  if (self->standing_timeout != 0)
    save_standing (self);
  lotse_series_editor_set_catalog (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_SERIES_EDITOR);
  /* The template's top box has no name, so disposing the template leaves it. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->series);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (lotse_series_editor_parent_class)->dispose (object);
}

static void
lotse_series_editor_finalize (GObject *object)
{
  LotseSeriesEditor *self = LOTSE_SERIES_EDITOR (object);

  g_free (self->series_id);
  g_free (self->title_loaded);
  g_free (self->location_loaded);
  g_free (self->standing_loaded);

  G_OBJECT_CLASS (lotse_series_editor_parent_class)->finalize (object);
}

static void
lotse_series_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LotseSeriesEditor *self = LOTSE_SERIES_EDITOR (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_series_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LotseSeriesEditor *self = LOTSE_SERIES_EDITOR (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      if (self->narrow != g_value_get_boolean (value))
        {
          self->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_series_editor_class_init (LotseSeriesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_series_editor_dispose;
  object_class->finalize = lotse_series_editor_finalize;
  object_class->get_property = lotse_series_editor_get_property;
  object_class->set_property = lotse_series_editor_set_property;

  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/lotse/Lotse/jourfixe/lotse-series-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, prepare_button);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, nth_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, weekday_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, month_day_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, month_day_spin);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, interval_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, rule_row);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, standing_view);
  gtk_widget_class_bind_template_child (widget_class, LotseSeriesEditor, participants_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lotse_series_editor_init (LotseSeriesEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) weekdays = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  const char *repeats[] = {
    /* Translators: how a meeting series repeats */
    C_("recurrence", "Does not repeat"),
    C_("recurrence", "Weekly"),
    C_("recurrence", "Every 2 weeks"),
    C_("recurrence", "Monthly on a day"),
    C_("recurrence", "Monthly on a weekday"),
    C_("recurrence", "Other rule (kept as it is)"),
    NULL,
  };
  const char *nths[] = {
    C_("week of the month", "First"),
    C_("week of the month", "Second"),
    C_("week of the month", "Third"),
    C_("week of the month", "Fourth"),
    C_("week of the month", "Last"),
    NULL,
  };
  g_autoptr(GtkStringList) repeat_list = gtk_string_list_new (repeats);
  g_autoptr(GtkStringList) nth_list = gtk_string_list_new (nths);
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (self->menu));

  for (guint i = 0; series_kinds[i] != NULL; i++)
    gtk_string_list_append (kinds, lotse_enum_value_label ("meeting_series", "kind", series_kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  /* The locale's names of the weekdays, Monday first. */
  for (int i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, i);
      g_autofree char *name = g_date_time_format (day, "%A");

      gtk_string_list_append (weekdays, name);
    }
  adw_combo_row_set_model (self->weekday_row, G_LIST_MODEL (weekdays));
  adw_combo_row_set_model (self->repeat_row, G_LIST_MODEL (repeat_list));
  adw_combo_row_set_model (self->nth_row, G_LIST_MODEL (nth_list));

  g_signal_connect_swapped (self->title_row, "apply", G_CALLBACK (on_title_apply), self);
  g_signal_connect_swapped (self->location_row, "apply", G_CALLBACK (on_location_apply), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->duration_spin, "value-changed", G_CALLBACK (on_duration_changed), self);
  g_signal_connect_swapped (self->repeat_row, "notify::selected", G_CALLBACK (on_recurrence_changed), self);
  g_signal_connect_swapped (self->weekday_row, "notify::selected", G_CALLBACK (on_recurrence_changed), self);
  g_signal_connect_swapped (self->nth_row, "notify::selected", G_CALLBACK (on_recurrence_changed), self);
  g_signal_connect_swapped (self->month_day_spin, "value-changed", G_CALLBACK (on_recurrence_changed), self);
  g_signal_connect_swapped (self->interval_spin, "value-changed", G_CALLBACK (on_recurrence_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->standing_view), "changed",
                            G_CALLBACK (on_standing_changed), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (save_standing), self);
  gtk_widget_add_controller (GTK_WIDGET (self->standing_view), controller);
}

void
lotse_series_editor_set_catalog (LotseSeriesEditor    *self,
                                 LotseJourfixeCatalog *catalog)
{
  g_return_if_fail (LOTSE_IS_SERIES_EDITOR (self));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (lotse_jourfixe_catalog_get_store (self->catalog),
                                          on_store_changed, self);
  g_set_object (&self->catalog, catalog);
  g_clear_object (&self->series);
  g_clear_pointer (&self->series_id, g_free);

  if (catalog != NULL)
    g_signal_connect_object (lotse_jourfixe_catalog_get_store (catalog), "changed",
                             G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
}

/**
 * lotse_series_editor_set_series:
 * @self: an editor
 * @series_id: (nullable): the series to edit
 */
void
lotse_series_editor_set_series (LotseSeriesEditor *self,
                                const char        *series_id)
{
  g_return_if_fail (LOTSE_IS_SERIES_EDITOR (self));
  g_return_if_fail (self->catalog != NULL);

  if (self->standing_timeout != 0)
    save_standing (self);

  if (g_strcmp0 (series_id, self->series_id) != 0)
    {
      g_free (self->series_id);
      self->series_id = g_strdup (series_id);
      g_clear_pointer (&self->title_loaded, g_free);
      g_clear_pointer (&self->location_loaded, g_free);
      g_clear_pointer (&self->standing_loaded, g_free);
    }

  g_clear_object (&self->series);
  if (series_id == NULL || !reload (self))
    return;

  rebuild_menu (self);
  fill_participants (self);
}

const char *
lotse_series_editor_get_series_id (LotseSeriesEditor *self)
{
  g_return_val_if_fail (LOTSE_IS_SERIES_EDITOR (self), NULL);

  return self->series != NULL ? self->series_id : NULL;
}

AdwEntryRow *
lotse_series_editor_get_title_row (LotseSeriesEditor *self)
{
  return self->title_row;
}

AdwComboRow *
lotse_series_editor_get_repeat_row (LotseSeriesEditor *self)
{
  return self->repeat_row;
}

AdwComboRow *
lotse_series_editor_get_weekday_row (LotseSeriesEditor *self)
{
  return self->weekday_row;
}

AdwActionRow *
lotse_series_editor_get_rule_row (LotseSeriesEditor *self)
{
  return self->rule_row;
}

GtkTextView *
lotse_series_editor_get_standing_view (LotseSeriesEditor *self)
{
  return self->standing_view;
}
