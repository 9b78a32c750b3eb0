/* lotse-meeting-proposals.c: items proposed for a meeting's agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under the agenda of a meeting yet to be held anyone may propose an
 * item (as the person they say they are, the key me-person-id that “My
 * action items” sets), and the organiser accepts or declines each open
 * proposal; declining asks for the reason. Decided proposals stay in the
 * list with what became of them and why, so the proposer sees the outcome
 * once it has synced. The rules are core's (lotse-agenda-proposal.c);
 * the agenda shows an accepted item by itself, as the store's change
 * reloads it.
 */

#define G_LOG_DOMAIN "lotse-meeting-proposals"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lotse-jourfixe-private.h"
#include "lotse-meeting-proposals.h"
#include "lotse-text-dialog.h"

struct _LotseMeetingProposals
{
  GtkWidget             parent_instance;

  LotseJourfixeCatalog *catalog;
  LotseRecord          *meeting;
  GSettings            *settings;

  GtkWidget            *group;
  GtkButton            *propose_button;
  GtkListBox           *list;
};

G_DEFINE_FINAL_TYPE (LotseMeetingProposals, lotse_meeting_proposals, GTK_TYPE_WIDGET)

static LotseStore *
get_store (LotseMeetingProposals *self)
{
  return lotse_jourfixe_catalog_get_store (self->catalog);
}

/* The person the user says they are, if that person exists. */
static const char *
me (LotseMeetingProposals *self,
    char                 **out_id)
{
  *out_id = g_settings_get_string (self->settings, "me-person-id");
  if (**out_id == '\0' || lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_PERSON, *out_id) == NULL)
    g_clear_pointer (out_id, g_free);
  return *out_id;
}

static char *
format_day (const char *stamp)
{
  g_autofree char *day = stamp != NULL ? g_strndup (stamp, 10) : NULL;

  return lotse_format_date (day);
}

/* “Proposed by Tobias Rehkemper on 01.12.2026 · Why it matters”, or what
 * was decided: “Accepted by Katrin Voßmeyer on 02.12.2026” or
 * “Declined by … on …: the reason”. */
static char *
describe (LotseMeetingProposals *self,
          LotseRecord           *proposal)
{
  const char *state = lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_STATE);
  const char *by_id = lotse_record_get (proposal, g_str_equal (state, "proposed")
                                                    ? LOTSE_AGENDA_PROPOSAL_PROPOSED_BY_PERSON_ID
                                                    : LOTSE_AGENDA_PROPOSAL_DECIDED_BY_PERSON_ID);
  const char *by = lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_PERSON, by_id);
  g_autofree char *day = format_day (lotse_record_get (proposal, g_str_equal (state, "proposed")
                                                                   ? LOTSE_AGENDA_PROPOSAL_PROPOSED_AT
                                                                   : LOTSE_AGENDA_PROPOSAL_DECIDED_AT));
  const char *notes = lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_NOTES);
  g_autofree char *what = NULL;

  if (g_str_equal (state, "accepted"))
    /* Translators: who accepted a proposed agenda item, and the day */
    what = by != NULL ? g_strdup_printf (_("Accepted by %s on %s"), by, day)
                      : g_strdup_printf (_("Accepted on %s"), day);
  else if (g_str_equal (state, "declined"))
    /* Translators: who declined a proposed agenda item, the day and the reason */
    what = by != NULL ? g_strdup_printf (_("Declined by %s on %s: %s"), by, day,
                                         lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_DECLINE_REASON))
                      : g_strdup_printf (_("Declined on %s: %s"), day,
                                         lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_DECLINE_REASON));
  else
    /* Translators: who proposed an agenda item, and the day */
    what = by != NULL ? g_strdup_printf (_("Proposed by %s on %s"), by, day)
                      : g_strdup_printf (_("Proposed on %s"), day);

  if (notes != NULL)
    return g_strdup_printf ("%s · %s", what, notes);
  return g_steal_pointer (&what);
}

/* Icons, so that the title and its description keep the width of a
 * phone; the tooltip and the accessible name say what they do. */
static GtkWidget *
new_button (const char *icon,
            const char *label,
            const char *action,
            const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

static GtkWidget *
new_row (LotseMeetingProposals *self,
         LotseRecord           *proposal,
         gboolean               open)
{
  GtkWidget *row = adw_action_row_new ();
  const char *id = lotse_record_get_id (proposal);
  g_autofree char *title = g_markup_escape_text (lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_TITLE), -1);
  g_autofree char *text = describe (self, proposal);
  g_autofree char *subtitle = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "proposal-id", g_strdup (id), g_free);

  if (open && g_strcmp0 (lotse_record_get (proposal, LOTSE_AGENDA_PROPOSAL_STATE), "proposed") == 0)
    {
      GtkWidget *accept = new_button ("object-select-symbolic", _("Accept into the Agenda"),
                                      "proposals.accept", id);

      gtk_widget_add_css_class (accept, "suggested-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), accept);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_button ("window-close-symbolic", _("Decline…"), "proposals.decline", id));
    }
  return row;
}

static void
reload (LotseMeetingProposals *self)
{
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GError) error = NULL;
  gboolean open = self->meeting != NULL && lotse_agenda_proposal_meeting_is_open (self->meeting);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->catalog != NULL && self->meeting != NULL)
    {
      proposals = lotse_agenda_proposal_list (get_store (self), lotse_record_get_id (self->meeting), &error);
      if (proposals == NULL)
        g_warning ("Could not read the proposed items: %s", error->message);
    }

  for (guint i = 0; proposals != NULL && i < proposals->len; i++)
    gtk_list_box_append (self->list, new_row (self, g_ptr_array_index (proposals, i), open));

  gtk_widget_set_visible (GTK_WIDGET (self->list), proposals != NULL && proposals->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->propose_button), open);
  gtk_widget_set_visible (GTK_WIDGET (self), open || (proposals != NULL && proposals->len > 0));
}

/**
 * lotse_meeting_proposals_show_for:
 * @self: the proposals
 * @catalog: (nullable): the names and store of the jour fixe
 * @meeting: (nullable): the meeting shown
 *
 * Lists @meeting's proposals and offers to propose while it is yet to be
 * held; hides itself for a held meeting without any.
 */
void
lotse_meeting_proposals_show_for (LotseMeetingProposals *self,
                                  LotseJourfixeCatalog  *catalog,
                                  LotseRecord           *meeting)
{
  g_return_if_fail (LOTSE_IS_MEETING_PROPOSALS (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->meeting, meeting);
  reload (self);
}

/* --- actions -------------------------------------------------------------- */

static void
propose (GtkWidget  *widget,
         GtkWidget  *box,
         const char *typed)
{
  LotseMeetingProposals *self = LOTSE_MEETING_PROPOSALS (widget);
  GtkEditable *notes = g_object_get_data (G_OBJECT (box), "notes");
  g_autofree char *title = g_strstrip (g_strdup (typed));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (notes)));
  g_autofree char *person = NULL;
  g_autoptr(LotseRecord) proposal = NULL;
  g_autoptr(GError) error = NULL;

  if (self->meeting == NULL)
    return;
  proposal = lotse_agenda_proposal_propose (get_store (self), lotse_record_get_id (self->meeting), title,
                                            text, me (self, &person), NULL, &error);
  lotse_jourfixe_toast (GTK_WIDGET (self), proposal != NULL ? _("Item proposed") : error->message);
}

static void
propose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LotseMeetingProposals *self = LOTSE_MEETING_PROPOSALS (widget);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = lotse_text_dialog_entry_new (_("Title"));
  GtkWidget *notes = lotse_text_dialog_entry_new (_("What it is about (optional)"));
  g_autofree char *person = NULL;
  g_autofree char *body = NULL;

  if (self->meeting == NULL)
    return;

  if (me (self, &person) != NULL)
    /* Translators: %s is the person the user said they are */
    body = g_strdup_printf (_("The organiser accepts it into the agenda or declines it. You propose it as %s."),
                            lotse_jourfixe_catalog_get_title (self->catalog, LOTSE_TABLE_PERSON, person));
  else
    body = g_strdup (_("The organiser accepts it into the agenda or declines it. Choose who you are under "
                       "My Action Items so that your name goes with it."));

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), notes);
  g_object_set_data (G_OBJECT (box), "notes", notes);
  lotse_text_dialog_present (widget, _("Propose an Agenda Item"), body, _("_Propose"), box, title, propose);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LotseMeetingProposals *self = LOTSE_MEETING_PROPOSALS (widget);
  g_autofree char *person = NULL;
  g_autoptr(LotseRecord) item = NULL;
  g_autoptr(GError) error = NULL;

  item = lotse_agenda_proposal_accept (get_store (self), g_variant_get_string (parameter, NULL),
                                       me (self, &person), NULL, &error);
  lotse_jourfixe_toast (GTK_WIDGET (self), item != NULL ? _("Item added to the agenda") : error->message);
}

static void
decline (GtkWidget  *widget,
         GtkWidget  *entry,
         const char *typed)
{
  LotseMeetingProposals *self = LOTSE_MEETING_PROPOSALS (widget);
  const char *id = g_object_get_data (G_OBJECT (entry), "proposal-id");
  g_autofree char *reason = g_strstrip (g_strdup (typed));
  g_autofree char *person = NULL;
  g_autoptr(GError) error = NULL;

  if (self->meeting == NULL)
    return;
  if (!lotse_agenda_proposal_decline (get_store (self), id, reason, me (self, &person), NULL, &error))
    lotse_jourfixe_toast (GTK_WIDGET (self), error->message);
}

static void
decline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkWidget *reason = lotse_text_dialog_entry_new (_("Reason"));

  g_object_set_data_full (G_OBJECT (reason), "proposal-id", g_variant_dup_string (parameter, NULL), g_free);
  lotse_text_dialog_present (widget, _("Decline the Proposed Item?"), _("The proposer sees the reason."),
                             _("_Decline"), reason, reason, decline);
}

/* --- class ---------------------------------------------------------------- */

static void
lotse_meeting_proposals_dispose (GObject *object)
{
  LotseMeetingProposals *self = LOTSE_MEETING_PROPOSALS (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOTSE_TYPE_MEETING_PROPOSALS);
  g_clear_object (&self->catalog);
  g_clear_object (&self->meeting);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lotse_meeting_proposals_parent_class)->dispose (object);
}

static void
lotse_meeting_proposals_class_init (LotseMeetingProposalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotse_meeting_proposals_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/lotse/Lotse/jourfixe/lotse-meeting-proposals.ui");
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingProposals, group);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingProposals, propose_button);
  gtk_widget_class_bind_template_child (widget_class, LotseMeetingProposals, list);

  gtk_widget_class_install_action (widget_class, "proposals.propose", NULL, propose_action);
  gtk_widget_class_install_action (widget_class, "proposals.accept", "s", accept_action);
  gtk_widget_class_install_action (widget_class, "proposals.decline", "s", decline_action);
}

static void
lotse_meeting_proposals_init (LotseMeetingProposals *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APPLICATION_ID);
}

GtkListBox *
lotse_meeting_proposals_get_list (LotseMeetingProposals *self)
{
  return self->list;
}

GtkButton *
lotse_meeting_proposals_get_propose_button (LotseMeetingProposals *self)
{
  return self->propose_button;
}
