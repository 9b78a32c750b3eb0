/* lotse-date-entry.c: a date typed the locale's way or picked from a calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry and a calendar button, linked. The entry takes what
 * lotse_parse_date() reads (15.12.2026, 15.12.26, 15.12. and ISO in
 * German) and shows the date as the locale writes it; the placeholder and
 * the accessible description say the form ("TT.MM.JJJJ"). The user is
 * done with it (::activate) on Enter, when a day is picked in the
 * calendar and when they leave an entry they changed. A text that is no
 * date is marked there and then, with a message that names the form
 * expected; typing again clears the mark. Not before: an untouched entry
 * is never marked wrong.
 *
 * It is a GtkEditable: "text", "changed" and gtk_editable_set_text() work
 * on the entry inside.
 */

#define G_LOG_DOMAIN "lotse-date-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lotse-core.h"
#include "lotse-date-entry.h"

struct _LotseDateEntry
{
  GtkWidget      parent_instance;

  char          *committed;  /* the text last set or given */
  char          *label;
  char          *error;      /* why the text is no date, once marked */
  gboolean       syncing;

  GtkWidget     *box;
  GtkEntry      *entry;
  GtkMenuButton *calendar_button;
  GtkPopover    *popover;
  GtkCalendar   *calendar;
};

static void editable_iface_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LotseDateEntry, lotse_date_entry, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, editable_iface_init))

enum {
  PROP_0,
  PROP_DATE,
  PROP_LABEL,
  N_PROPS
};

enum {
  ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkEditable *
lotse_date_entry_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (LOTSE_DATE_ENTRY (editable)->entry);
}

static void
editable_iface_init (GtkEditableInterface *iface)
{
  iface->get_delegate = lotse_date_entry_get_delegate;
}

/* Marks the entry with @message, or unmarks it; the form expected is
 * the description then. */
static void
set_error (LotseDateEntry *self,
           const char     *message)
{
  g_autofree char *hint = lotse_date_hint ();
  g_autofree char *description = NULL;

  g_free (self->error);
  self->error = g_strdup (message);

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      description = g_strdup (message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      /* Translators: the description of a date entry; %s is the form, e.g. “TT.MM.JJJJ” */
      description = g_strdup_printf (_("Type a date as %s or choose one from the calendar"), hint);
    }

  gtk_entry_set_placeholder_text (self->entry, hint);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
show_text (LotseDateEntry *self,
           const char     *text)
{
  self->syncing = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->syncing = FALSE;
  g_free (self->committed);
  self->committed = g_strdup (text);
}

/* The user is done with what they typed: a date is shown as the locale
 * writes it ("15.12." becomes "15.12.2026"), anything else is marked
 * wrong; either way it is announced. */
static void
commit (LotseDateEntry *self)
{
  g_autofree char *date = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;

  if (lotse_date_entry_get_date (self, &date, &error))
    {
      set_error (self, NULL);
      shown = lotse_format_date (date);
      show_text (self, shown != NULL ? shown : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }
  else
    {
      set_error (self, error->message);
    }

  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
on_entry_activate (LotseDateEntry *self)
{
  commit (self);
}

static void
on_entry_changed (LotseDateEntry *self)
{
  if (!self->syncing && self->error != NULL)
    set_error (self, NULL);
}

static void
on_focus_leave (LotseDateEntry *self)
{
  /* Not while the popover takes the focus, nor while the window goes. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return;

  if (lotse_date_entry_is_edited (self))
    commit (self);
}

static void
on_popover_show (LotseDateEntry *self)
{
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) day = NULL;
  int year, month, dom;

  if (lotse_date_entry_get_date (self, &date, NULL) && date != NULL &&
      sscanf (date, "%d-%d-%d", &year, &month, &dom) == 3)
    day = g_date_time_new_local (year, month, dom, 0, 0, 0);
  if (day == NULL)
    day = g_date_time_new_now_local ();

  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->syncing = FALSE;
}

static void
on_day_selected (LotseDateEntry *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *shown = NULL;

  if (self->syncing)
    return;

  day = gtk_calendar_get_date (self->calendar);
  date = g_strdup_printf ("%04d-%02d-%02d", g_date_time_get_year (day),
                          g_date_time_get_month (day), g_date_time_get_day_of_month (day));
  shown = lotse_format_date (date);
  gtk_popover_popdown (self->popover);
  set_error (self, NULL);
  show_text (self, shown);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static gboolean
lotse_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (LOTSE_DATE_ENTRY (widget)->entry));
}

static void
lotse_date_entry_dispose (GObject *object)
{
  LotseDateEntry *self = LOTSE_DATE_ENTRY (object);

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTSE_TYPE_DATE_ENTRY);

  G_OBJECT_CLASS (lotse_date_entry_parent_class)->dispose (object);
}

static void
lotse_date_entry_finalize (GObject *object)
{
  LotseDateEntry *self = LOTSE_DATE_ENTRY (object);

  g_clear_pointer (&self->committed, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (lotse_date_entry_parent_class)->finalize (object);
}

static void
lotse_date_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LotseDateEntry *self = LOTSE_DATE_ENTRY (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_DATE:
      {
        char *date = NULL;

        lotse_date_entry_get_date (self, &date, NULL);
        g_value_take_string (value, date);
      }
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_date_entry_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LotseDateEntry *self = LOTSE_DATE_ENTRY (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_DATE:
      lotse_date_entry_set_date (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      lotse_date_entry_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotse_date_entry_class_init (LotseDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_date_entry_dispose;
  object_class->finalize = lotse_date_entry_finalize;
  object_class->get_property = lotse_date_entry_get_property;
  object_class->set_property = lotse_date_entry_set_property;
  widget_class->grab_focus = lotse_date_entry_grab_focus;

  /**
   * LotseDateEntry:date: (nullable)
   *
   * The date shown, YYYY-MM-DD; %NULL when the entry is empty or holds
   * no date.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * LotseDateEntry:label: (nullable)
   *
   * What the date is, for assistive technologies, e.g. "Due".
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);

  /**
   * LotseDateEntry::activate:
   *
   * The user is done with the entry: Enter, a day picked in the
   * calendar, or leaving the changed entry. Also for a text that is no
   * date: the entry is marked then, and lotse_date_entry_get_date() says
   * why.
   */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/widgets/lotse-date-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseDateEntry, box);
  gtk_widget_class_bind_template_child (widget_class, LotseDateEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, LotseDateEntry, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, LotseDateEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, LotseDateEntry, calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "date-entry");
}

static void
lotse_date_entry_init (LotseDateEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  self->committed = g_strdup ("");
  set_error (self, NULL);
}

GtkWidget *
lotse_date_entry_new (void)
{
  return g_object_new (LOTSE_TYPE_DATE_ENTRY, NULL);
}

/**
 * lotse_date_entry_get_date:
 * @self: a date entry
 * @out_date: (out) (transfer full) (nullable): YYYY-MM-DD, %NULL when
 *   the entry is empty
 * @error: a location for a #GError
 *
 * Reads what the entry shows now, given or not.
 *
 * Returns: %TRUE if the entry is empty or holds a date
 */
gboolean
lotse_date_entry_get_date (LotseDateEntry  *self,
                           char           **out_date,
                           GError         **error)
{
  g_return_val_if_fail (LOTSE_IS_DATE_ENTRY (self), FALSE);

  return lotse_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->entry)), out_date, error);
}

/**
 * lotse_date_entry_set_date:
 * @self: a date entry
 * @iso_date: (nullable): YYYY-MM-DD
 *
 * Shows @iso_date as the locale writes it, unmarked.
 */
void
lotse_date_entry_set_date (LotseDateEntry *self,
                           const char     *iso_date)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (LOTSE_IS_DATE_ENTRY (self));

  shown = lotse_format_date (iso_date);
  set_error (self, NULL);
  show_text (self, shown != NULL ? shown : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/**
 * lotse_date_entry_is_edited:
 * @self: a date entry
 *
 * Returns: whether the user typed since the date was last set or given:
 *   a refresh from elsewhere should leave the entry alone then
 */
gboolean
lotse_date_entry_is_edited (LotseDateEntry *self)
{
  g_return_val_if_fail (LOTSE_IS_DATE_ENTRY (self), FALSE);

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), self->committed) != 0;
}

const char *
lotse_date_entry_get_label (LotseDateEntry *self)
{
  g_return_val_if_fail (LOTSE_IS_DATE_ENTRY (self), NULL);

  return self->label;
}

void
lotse_date_entry_set_label (LotseDateEntry *self,
                            const char     *label)
{
  g_return_if_fail (LOTSE_IS_DATE_ENTRY (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/**
 * lotse_date_entry_get_error:
 * @self: a date entry
 *
 * Returns: (nullable): the message the entry is marked with, or %NULL
 */
const char *
lotse_date_entry_get_error (LotseDateEntry *self)
{
  g_return_val_if_fail (LOTSE_IS_DATE_ENTRY (self), NULL);

  return self->error;
}

/**
 * lotse_date_entry_set_error:
 * @self: a date entry
 * @message: (nullable): what is wrong with the date, e.g. that it comes
 *   before another, or %NULL
 *
 * Marks the entry as lotse_date_entry_get_date() would for a text that
 * is no date; typing clears the mark.
 */
void
lotse_date_entry_set_error (LotseDateEntry *self,
                            const char     *message)
{
  g_return_if_fail (LOTSE_IS_DATE_ENTRY (self));

  set_error (self, message);
}

/**
 * lotse_date_entry_get_calendar:
 * @self: a date entry
 *
 * Returns: (transfer none): the calendar of the entry's popover
 */
GtkCalendar *
lotse_date_entry_get_calendar (LotseDateEntry *self)
{
  g_return_val_if_fail (LOTSE_IS_DATE_ENTRY (self), NULL);

  return self->calendar;
}
