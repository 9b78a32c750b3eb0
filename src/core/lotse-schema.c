/* lotse-schema.c: the one description of Lotse's data model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-schema"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <string.h>

#include "lotse-error.h"
#include "lotse-parse.h"
#include "lotse-schema.h"

#define TEXT(n, l, len)       { n, LOTSE_FIELD_TEXT, 0, l, len, 0, 0, NULL, NULL, NULL }
#define TEXT_REQ(n, l, len)   { n, LOTSE_FIELD_TEXT, LOTSE_FIELD_REQUIRED, l, len, 0, 0, NULL, NULL, NULL }
#define INT(n, l, lo, hi)     { n, LOTSE_FIELD_INT, 0, l, 0, lo, hi, NULL, NULL, NULL }
#define INT_REQ(n, l, lo, hi) { n, LOTSE_FIELD_INT, LOTSE_FIELD_REQUIRED, l, 0, lo, hi, NULL, NULL, NULL }
#define HASH_REQ(n, l)        { n, LOTSE_FIELD_TEXT, LOTSE_FIELD_REQUIRED | LOTSE_FIELD_SHA256, l, 64, 0, 0, NULL, NULL, NULL }
#define MONEY(n, l, hi)       { n, LOTSE_FIELD_INT, LOTSE_FIELD_MONEY, l, 0, 0, hi, NULL, NULL, NULL }
#define MONEY_REQ(n, l)       { n, LOTSE_FIELD_INT, LOTSE_FIELD_MONEY | LOTSE_FIELD_REQUIRED, l, 0, 0, \
                                LOTSE_MONEY_MAX_CENTS, NULL, NULL, NULL }
#define INT_REQ(n, l, lo, hi) { n, LOTSE_FIELD_INT, LOTSE_FIELD_REQUIRED, l, 0, lo, hi, NULL, NULL, NULL }
#define DATE(n, l)            { n, LOTSE_FIELD_DATE, 0, l, 0, 0, 0, NULL, NULL, NULL }
#define DATE_REQ(n, l)        { n, LOTSE_FIELD_DATE, LOTSE_FIELD_REQUIRED, l, 0, 0, 0, NULL, NULL, NULL }
#define DATETIME(n, l)        { n, LOTSE_FIELD_DATETIME, 0, l, 0, 0, 0, NULL, NULL, NULL }
#define DATETIME_REQ(n, l)    { n, LOTSE_FIELD_DATETIME, LOTSE_FIELD_REQUIRED, l, 0, 0, 0, NULL, NULL, NULL }
#define ENUM(n, l, v, d)      { n, LOTSE_FIELD_ENUM, 0, l, 0, 0, 0, NULL, v, d }
#define ENUM_REQ(n, l, v, d)  { n, LOTSE_FIELD_ENUM, LOTSE_FIELD_REQUIRED, l, 0, 0, 0, NULL, v, d }
#define REF(n, l, t)          { n, LOTSE_FIELD_REF, 0, l, 0, 0, 0, t, NULL, NULL }
#define REF_REQ(n, l, t)      { n, LOTSE_FIELD_REF, LOTSE_FIELD_REQUIRED, l, 0, 0, 0, t, NULL, NULL }
/* A reference to a row of the table that the row's field @t names. */
#define OWNER_REQ(n, l, t)    { n, LOTSE_FIELD_REF, LOTSE_FIELD_REQUIRED, l, 0, 0, 0, NULL, NULL, NULL, t }
#define ZONE(n, l)            { n, LOTSE_FIELD_TIME_ZONE, 0, l, 0, 0, 0, NULL, NULL, NULL }

#define NAME_LEN   200
#define TITLE_LEN  300
#define SHORT_LEN  100
#define URL_LEN    2000
#define NOTE_LEN   100000
#define BODY_LEN   1000000

static const char * const organisation_kinds[] = {
  "company", "university", "municipality", "chamber", "association", "other", NULL
};
static const char * const project_statuses[] = {
  "planned", "running", "completed", "paused", "cancelled", NULL
};
static const char * const healths[] = { "green", "yellow", "red", NULL };
static const char * const milestone_statuses[] = {
  "open", "done", "at_risk", "missed", "cancelled", NULL
};
static const char * const meeting_kinds[] = {
  "jour_fixe", "steering", "strategy", "workshop", "event", NULL
};
static const char * const meeting_statuses[] = { "draft", "planned", "held", "cancelled", NULL };
static const char * const attendances[] = { "invited", "present", "excused", "absent", NULL };
static const char * const agenda_kinds[] = { "information", "discussion", "decision", NULL };
static const char * const agenda_statuses[] = { "open", "done", "deferred", NULL };
static const char * const action_statuses[] = { "open", "done", "dropped", NULL };
static const char * const amendment_kinds[] = { "amendment", "reopening", NULL };
static const char * const dispatch_kinds[] = { "invitation", "minutes", NULL };
static const char * const dispatch_ways[] = { "portal", "eml", NULL };
static const char * const proposal_states[] = { "proposed", "accepted", "declined", NULL };
static const char * const fund_call_statuses[] = { "requested", "received", NULL };
static const char * const funder_report_kinds[] = { "interim", "final", NULL };
static const char * const funder_report_statuses[] = { "open", "submitted", "accepted", NULL };
static const char * const article_categories[] = {
  "best_practice", "lesson_learned", "guideline", "question_catalogue", "note", NULL
};

/* The office itself: one row (LOTSE_OFFICE_ID), synced like the rest. Its
 * zone is the one every time of the office is shown, edited and exported
 * in, whatever the zone of the laptop; unset it is
 * LOTSE_OFFICE_DEFAULT_TIME_ZONE. Nothing has a schema default, so that
 * the first write of each laptop carries only what was set there and the
 * server merges two such writes field by field. Name and email make the
 * office the organiser of exported calendars. */
static const LotseField office_fields[] = {
  TEXT ("name", N_("Name"), NAME_LEN),
  TEXT ("email", N_("Email"), NAME_LEN),
  ZONE ("time_zone", N_("Time zone")),
};

static const LotseField programme_fields[] = {
  TEXT_REQ ("name", N_("Name"), NAME_LEN),
  TEXT ("description", N_("Description"), NOTE_LEN),
  TEXT ("region", N_("Region"), NAME_LEN),
  DATE ("start_date", N_("Start")),
  DATE ("end_date", N_("End")),
};

static const LotseField organisation_fields[] = {
  TEXT_REQ ("name", N_("Name"), NAME_LEN),
  ENUM ("kind", N_("Kind"), organisation_kinds, "other"),
  TEXT ("city", N_("City"), SHORT_LEN),
  TEXT ("website", N_("Website"), URL_LEN),
  TEXT ("notes", N_("Notes"), NOTE_LEN),
};

static const LotseField person_fields[] = {
  TEXT_REQ ("name", N_("Name"), NAME_LEN),
  REF ("organisation_id", N_("Organisation"), "organisation"),
  TEXT ("role", N_("Role"), NAME_LEN),
  TEXT ("email", N_("Email"), NAME_LEN),
  TEXT ("phone", N_("Phone"), SHORT_LEN),
};

static const LotseField project_fields[] = {
  REF ("programme_id", N_("Programme"), "programme"),
  TEXT_REQ ("title", N_("Title"), TITLE_LEN),
  TEXT ("acronym", N_("Acronym"), SHORT_LEN),
  TEXT ("summary", N_("Summary"), NOTE_LEN),
  TEXT ("topic", N_("Topic"), NAME_LEN),
  REF ("lead_organisation_id", N_("Lead organisation"), "organisation"),
  REF ("leader_person_id", N_("Project leader"), "person"),
  ENUM_REQ ("status", N_("Status"), project_statuses, "planned"),
  ENUM ("health", N_("Health"), healths, NULL),
  DATE ("start_date", N_("Start")),
  DATE ("end_date", N_("End")),
  MONEY ("budget_cents", N_("Budget"), G_GINT64_CONSTANT (100000000000000)),
  TEXT ("funding", N_("Funding"), NAME_LEN),
  TEXT ("website", N_("Website"), URL_LEN),
  /* The grant (migration 014); budget_cents above is the approved total. */
  TEXT ("funder", N_("Funder"), NAME_LEN),
  TEXT ("funding_scheme", N_("Funding scheme"), NAME_LEN),
  /* Translators: the funder's reference of a grant, “Förderkennzeichen” in German */
  TEXT ("grant_reference", N_("Grant reference"), SHORT_LEN),
  DATE ("funding_start", N_("Funding from")),
  DATE ("funding_end", N_("Funding until")),
  MONEY ("eligible_cents", N_("Eligible costs"), LOTSE_MONEY_MAX_CENTS),
  INT ("funding_rate", N_("Funding rate (%)"), 0, 100),
  MONEY ("grant_cents", N_("Grant"), LOTSE_MONEY_MAX_CENTS),
  MONEY ("own_contribution_cents", N_("Own contribution"), LOTSE_MONEY_MAX_CENTS),
};

static const LotseField project_partner_fields[] = {
  REF_REQ ("project_id", N_("Project"), "project"),
  REF_REQ ("organisation_id", N_("Organisation"), "organisation"),
  TEXT ("role", N_("Role"), NAME_LEN),
  MONEY ("eligible_share_cents", N_("Share of eligible costs"), LOTSE_MONEY_MAX_CENTS),
  MONEY ("grant_share_cents", N_("Share of grant"), LOTSE_MONEY_MAX_CENTS),
};

static const LotseField status_report_fields[] = {
  REF_REQ ("project_id", N_("Project"), "project"),
  DATE_REQ ("date", N_("Date")),
  ENUM_REQ ("health", N_("Health"), healths, NULL),
  TEXT ("summary", N_("Summary"), NOTE_LEN),
};

static const LotseField milestone_fields[] = {
  REF_REQ ("project_id", N_("Project"), "project"),
  TEXT_REQ ("title", N_("Title"), TITLE_LEN),
  TEXT ("description", N_("Description"), NOTE_LEN),
  DATE ("due_date", N_("Due")),
  DATE ("done_date", N_("Done on")),
  ENUM_REQ ("status", N_("Status"), milestone_statuses, "open"),
};

static const LotseField meeting_series_fields[] = {
  TEXT_REQ ("title", N_("Title"), TITLE_LEN),
  ENUM_REQ ("kind", N_("Kind"), meeting_kinds, "jour_fixe"),
  TEXT ("recurrence", N_("Recurrence"), SHORT_LEN),
  TEXT ("default_location", N_("Location"), NAME_LEN),
  INT ("default_duration_min", N_("Duration (minutes)"), 1, 24 * 60),
  TEXT ("standing_items", N_("Standing items"), NOTE_LEN),
};

static const LotseField meeting_fields[] = {
  REF ("series_id", N_("Series"), "meeting_series"),
  TEXT_REQ ("title", N_("Title"), TITLE_LEN),
  ENUM_REQ ("kind", N_("Kind"), meeting_kinds, "jour_fixe"),
  DATETIME ("starts_at", N_("Starts")),
  INT ("duration_min", N_("Duration (minutes)"), 1, 24 * 60),
  TEXT ("location", N_("Location"), NAME_LEN),
  ENUM_REQ ("status", N_("Status"), meeting_statuses, "draft"),
  TEXT ("notes", N_("Notes"), NOTE_LEN),
};

static const LotseField meeting_participant_fields[] = {
  REF_REQ ("meeting_id", N_("Meeting"), "meeting"),
  REF_REQ ("person_id", N_("Person"), "person"),
  ENUM_REQ ("attendance", N_("Attendance"), attendances, "invited"),
};

static const LotseField agenda_item_fields[] = {
  REF_REQ ("meeting_id", N_("Meeting"), "meeting"),
  INT ("position", N_("Position"), 0, 100000),
  TEXT_REQ ("title", N_("Title"), TITLE_LEN),
  ENUM_REQ ("kind", N_("Kind"), agenda_kinds, "information"),
  REF ("presenter_person_id", N_("Presenter"), "person"),
  INT ("duration_min", N_("Duration (minutes)"), 0, 24 * 60),
  REF ("project_id", N_("Project"), "project"),
  REF ("milestone_id", N_("Milestone"), "milestone"),
  /* Translators: the notes taken on an agenda item in a meeting */
  TEXT ("notes", N_("Minutes"), NOTE_LEN),
  ENUM_REQ ("status", N_("Status"), agenda_statuses, "open"),
  REF ("carried_from_id", N_("Carried from"), "agenda_item"),
  /* The standing item "Approval of the minutes of <date>": whose minutes */
  REF ("approves_meeting_id", N_("Approves the minutes of"), "meeting"),
};

static const LotseField decision_fields[] = {
  REF_REQ ("meeting_id", N_("Meeting"), "meeting"),
  REF ("agenda_item_id", N_("Agenda item"), "agenda_item"),
  REF ("project_id", N_("Project"), "project"),
  TEXT_REQ ("text", N_("Decision"), NOTE_LEN),
};

static const LotseField action_item_fields[] = {
  REF ("meeting_id", N_("Meeting"), "meeting"),
  REF ("agenda_item_id", N_("Agenda item"), "agenda_item"),
  REF ("project_id", N_("Project"), "project"),
  TEXT_REQ ("title", N_("Title"), TITLE_LEN),
  REF ("owner_person_id", N_("Owner"), "person"),
  DATE ("due_date", N_("Due")),
  ENUM_REQ ("status", N_("Status"), action_statuses, "open"),
  DATETIME ("done_at", N_("Done at")),
  /* Translators: how an action item stands, written while it is worked */
  TEXT ("notes", N_("Notes"), NOTE_LEN),
};

/* The approval of a meeting's minutes: its id is the meeting's
 * (lotse-minutes.c); approved_at unset after a reopening. */
static const LotseField minutes_approval_fields[] = {
  REF_REQ ("meeting_id", N_("Meeting"), "meeting"),
  DATETIME ("approved_at", N_("Approved")),
  TEXT ("approved_by", N_("Approved by"), NAME_LEN),
};

/* A guest of a meeting: attends without a record in the directory. */
static const LotseField meeting_guest_fields[] = {
  REF_REQ ("meeting_id", N_("Meeting"), "meeting"),
  TEXT_REQ ("name", N_("Name"), NAME_LEN),
  TEXT ("organisation", N_("Organisation"), NAME_LEN),
  ENUM_REQ ("attendance", N_("Attendance"), attendances, "present"),
};

/* A correction of approved minutes, under the agenda item it corrects
 * (or the whole meeting); kind “reopening” is the reason the approval
 * was taken back. */
static const LotseField minutes_amendment_fields[] = {
  REF_REQ ("meeting_id", N_("Meeting"), "meeting"),
  REF ("agenda_item_id", N_("Agenda item"), "agenda_item"),
  ENUM_REQ ("kind", N_("Kind"), amendment_kinds, "amendment"),
  TEXT_REQ ("text", N_("Amendment"), NOTE_LEN),
  TEXT ("author", N_("Author"), NAME_LEN),
  DATETIME_REQ ("written_at", N_("Written")),
};

/* What was sent of a meeting, when, to whom and how. */
static const LotseField meeting_dispatch_fields[] = {
  REF_REQ ("meeting_id", N_("Meeting"), "meeting"),
  ENUM_REQ ("kind", N_("Kind"), dispatch_kinds, NULL),
  DATETIME_REQ ("sent_at", N_("Sent")),
  INT ("recipient_count", N_("Recipients"), 0, 100000),
  TEXT ("recipients", N_("Addresses"), NOTE_LEN),
  ENUM_REQ ("via", N_("Sent with"), dispatch_ways, NULL),
};

static const LotseField article_fields[] = {
  TEXT_REQ ("title", N_("Title"), TITLE_LEN),
  TEXT ("summary", N_("Summary"), NOTE_LEN),
  TEXT ("body", N_("Text"), BODY_LEN),
  ENUM_REQ ("category", N_("Category"), article_categories, "note"),
  REF ("project_id", N_("Project"), "project"),
  REF ("author_person_id", N_("Author"), "person"),
};

static const LotseField tag_fields[] = {
  TEXT_REQ ("name", N_("Name"), SHORT_LEN),
};

static const LotseField article_tag_fields[] = {
  REF_REQ ("article_id", N_("Article"), "article"),
  REF_REQ ("tag_id", N_("Tag"), "tag"),
};

/* The tables a file can be attached to. */
static const char * const attachment_owners[] = {
  "project", "milestone", "meeting", "agenda_item", "decision", "action_item", "article", NULL
};

/* A file attached to a record. The content is a blob named by its SHA-256
 * (lotse-blob-store.c), synced apart from the row; the name is shown as
 * given and never used as a path, the type is guessed from the content.
 * The size is in bytes, at most what lotse-server takes by default
 * times ten, so that an office may raise its server's limit. */
static const LotseField attachment_fields[] = {
  ENUM_REQ ("owner_table", N_("Attached to"), attachment_owners, NULL),
  OWNER_REQ ("owner_id", N_("Record"), "owner_table"),
  TEXT_REQ ("name", N_("Name"), TITLE_LEN),
  INT_REQ ("size", N_("Size"), 0, G_GINT64_CONSTANT (1) << 40),
  TEXT ("content_type", N_("Type"), SHORT_LEN),
  HASH_REQ ("sha256", N_("Checksum")),
  TEXT ("added_by", N_("Added by"), NAME_LEN),
};

/* Cost categories are data (migration 014 seeds seven), named by code in
 * budget lines and expenditures and checked by lotse-finance-check.c; a
 * seeded one has no name and shows its code's label. */
static const LotseField cost_category_fields[] = {
  TEXT_REQ ("code", N_("Code"), SHORT_LEN),
  TEXT ("name", N_("Name"), NAME_LEN),
  INT ("position", N_("Position"), 0, 100000),
};

static const LotseField budget_line_fields[] = {
  REF_REQ ("project_id", N_("Project"), "project"),
  REF ("partner_id", N_("Partner"), "project_partner"),
  TEXT_REQ ("category", N_("Cost category"), SHORT_LEN),
  INT_REQ ("year", N_("Year"), 1900, 2200),
  MONEY_REQ ("planned_cents", N_("Planned")),
};

static const LotseField expenditure_fields[] = {
  REF_REQ ("project_id", N_("Project"), "project"),
  REF ("partner_id", N_("Partner"), "project_partner"),
  DATE_REQ ("date", N_("Date")),
  MONEY_REQ ("amount_cents", N_("Amount")),
  TEXT_REQ ("category", N_("Cost category"), SHORT_LEN),
  TEXT ("description", N_("Description"), NOTE_LEN),
  /* Translators: the number of the receipt or invoice of an expenditure */
  TEXT ("voucher", N_("Voucher"), SHORT_LEN),
};

static const LotseField fund_call_fields[] = {
  REF_REQ ("project_id", N_("Project"), "project"),
  DATE_REQ ("requested_date", N_("Requested on")),
  MONEY_REQ ("amount_cents", N_("Amount")),
  DATE ("period_start", N_("Period from")),
  DATE ("period_end", N_("Period until")),
  ENUM_REQ ("status", N_("Status"), fund_call_statuses, "requested"),
  DATE ("received_date", N_("Received on")),
};

/* A statement the funder expects by a date: the monitor lists open ones
 * beside the milestones. */
static const LotseField funder_report_fields[] = {
  REF_REQ ("project_id", N_("Project"), "project"),
  ENUM_REQ ("kind", N_("Kind"), funder_report_kinds, "interim"),
  TEXT ("title", N_("Title"), TITLE_LEN),
  DATE_REQ ("due_date", N_("Due")),
  ENUM_REQ ("status", N_("Status"), funder_report_statuses, "open"),
  DATE ("submitted_date", N_("Submitted on")),
};

/* An item someone proposes for a planned meeting's agenda, and what the
 * organiser decided (lotse-agenda-proposal.c); accepting it makes the
 * agenda item it then names. */
static const LotseField agenda_proposal_fields[] = {
  REF_REQ ("meeting_id", N_("Meeting"), "meeting"),
  TEXT_REQ ("title", N_("Title"), TITLE_LEN),
  /* Translators: what a proposed agenda item is about */
  TEXT ("notes", N_("Description"), NOTE_LEN),
  REF ("proposed_by_person_id", N_("Proposed by"), "person"),
  DATETIME_REQ ("proposed_at", N_("Proposed")),
  /* Translators: whether a proposed agenda item was accepted */
  ENUM_REQ ("state", N_("State"), proposal_states, "proposed"),
  REF ("decided_by_person_id", N_("Decided by"), "person"),
  DATETIME ("decided_at", N_("Decided")),
  TEXT ("decline_reason", N_("Reason for declining"), NOTE_LEN),
  REF ("agenda_item_id", N_("Agenda item"), "agenda_item"),
};

#define TABLE(n, l, f, title, order, rs, re) \
  { n, l, f, G_N_ELEMENTS (f), title, order, rs, re, NULL }

static const LotseTable tables[] = {
  { "office", N_("Office"), office_fields, G_N_ELEMENTS (office_fields), "name", "name", NULL, NULL,
    LOTSE_OFFICE_ID },
  TABLE ("programme", N_("Programme"), programme_fields, "name", "name", "start_date", "end_date"),
  TABLE ("organisation", N_("Organisation"), organisation_fields, "name", "name", NULL, NULL),
  TABLE ("person", N_("Person"), person_fields, "name", "name", NULL, NULL),
  TABLE ("project", N_("Project"), project_fields, "title", "title", "start_date", "end_date"),
  TABLE ("project_partner", N_("Project partner"), project_partner_fields, "role", "project_id", NULL, NULL),
  TABLE ("status_report", N_("Status report"), status_report_fields, "summary", "date", NULL, NULL),
  TABLE ("milestone", N_("Milestone"), milestone_fields, "title", "due_date", NULL, NULL),
  TABLE ("meeting_series", N_("Meeting series"), meeting_series_fields, "title", "title", NULL, NULL),
  TABLE ("meeting", N_("Meeting"), meeting_fields, "title", "starts_at", NULL, NULL),
  TABLE ("meeting_participant", N_("Meeting participant"), meeting_participant_fields, "attendance", "meeting_id", NULL, NULL),
  TABLE ("agenda_item", N_("Agenda item"), agenda_item_fields, "title", "position", NULL, NULL),
  TABLE ("decision", N_("Decision"), decision_fields, "text", "created_at", NULL, NULL),
  TABLE ("action_item", N_("Action item"), action_item_fields, "title", "due_date", NULL, NULL),
  TABLE ("article", N_("Article"), article_fields, "title", "title", NULL, NULL),
  TABLE ("tag", N_("Tag"), tag_fields, "name", "name", NULL, NULL),
  TABLE ("article_tag", N_("Article tag"), article_tag_fields, "tag_id", "article_id", NULL, NULL),
  TABLE ("minutes_approval", N_("Approval of minutes"), minutes_approval_fields, "approved_by", "approved_at", NULL, NULL),
  TABLE ("meeting_guest", N_("Guest"), meeting_guest_fields, "name", "name", NULL, NULL),
  TABLE ("minutes_amendment", N_("Amendment"), minutes_amendment_fields, "text", "written_at", NULL, NULL),
  TABLE ("meeting_dispatch", N_("Dispatch"), meeting_dispatch_fields, "kind", "sent_at", NULL, NULL),
  TABLE ("attachment", N_("Attachment"), attachment_fields, "name", "created_at", NULL, NULL),
  TABLE ("cost_category", N_("Cost category"), cost_category_fields, "code", "position", NULL, NULL),
  TABLE ("budget_line", N_("Budget line"), budget_line_fields, "category", "year", NULL, NULL),
  TABLE ("expenditure", N_("Expenditure"), expenditure_fields, "description", "date", NULL, NULL),
  TABLE ("fund_call", N_("Fund call"), fund_call_fields, "requested_date", "requested_date", "period_start", "period_end"),
  TABLE ("funder_report", N_("Funder report"), funder_report_fields, "title", "due_date", NULL, NULL),
  TABLE ("agenda_proposal", N_("Agenda proposal"), agenda_proposal_fields, "title", "proposed_at", NULL, NULL),
};

static const LotseTable *table_pointers[G_N_ELEMENTS (tables)];

/**
 * lotse_schema_get_tables:
 * @n_tables: (out): the number of tables
 *
 * Returns: (transfer none): every synced table, parents before children
 */
const LotseTable * const *
lotse_schema_get_tables (guint *n_tables)
{
  if (table_pointers[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        table_pointers[i] = &tables[i];
    }

  if (n_tables != NULL)
    *n_tables = G_N_ELEMENTS (tables);

  return table_pointers;
}

const LotseTable *
lotse_schema_lookup_table (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (strcmp (tables[i].name, name) == 0)
        return &tables[i];
    }

  return NULL;
}

int
lotse_table_field_index (const LotseTable *table,
                         const char       *name)
{
  g_return_val_if_fail (table != NULL, -1);

  if (name == NULL)
    return -1;

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (strcmp (table->fields[i].name, name) == 0)
        return (int)i;
    }

  return -1;
}

const LotseField *
lotse_table_lookup_field (const LotseTable *table,
                          const char       *name)
{
  int index = lotse_table_field_index (table, name);

  return index < 0 ? NULL : &table->fields[index];
}

const char *
lotse_field_type_to_string (LotseFieldType type)
{
  switch (type)
    {
    case LOTSE_FIELD_TEXT: return "text";
    case LOTSE_FIELD_INT: return "integer";
    case LOTSE_FIELD_DATE: return "date";
    case LOTSE_FIELD_DATETIME: return "datetime";
    case LOTSE_FIELD_ENUM: return "enum";
    case LOTSE_FIELD_REF: return "reference";
    case LOTSE_FIELD_TIME_ZONE: return "time zone";
    default: g_return_val_if_reached ("unknown");
    }
}

gboolean
lotse_field_is_valid_enum (const LotseField *field,
                           const char       *value)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (field->type == LOTSE_FIELD_ENUM, FALSE);

  if (value == NULL)
    return FALSE;

  for (guint i = 0; field->enum_values[i] != NULL; i++)
    {
      if (strcmp (field->enum_values[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
lotse_is_uuid (const char *text)
{
  static const guint dashes[] = { 8, 13, 18, 23 };

  if (text == NULL || strlen (text) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      gboolean dash = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (dashes); j++)
        dash |= (i == dashes[j]);

      if (dash ? text[i] != '-' : !g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * lotse_is_sha256:
 * @text: (nullable): a text
 *
 * Returns: whether @text is a SHA-256 as Lotse writes it: 64 lowercase
 *   hexadecimal digits. Blobs are named so; nothing else becomes a path.
 */
gboolean
lotse_is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;

  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;

  return TRUE;
}

/**
 * lotse_field_get_ref_table:
 * @table: the table of @field
 * @field: a reference field of @table
 * @values: (array) (nullable): the row's values, one per field
 *
 * Returns: (nullable): the name of the table @field refers to in this
 *   row: its ref_table, or for a reference whose table the row names
 *   (an attachment's owner) that name; %NULL when the row names none
 */
const char *
lotse_field_get_ref_table (const LotseTable   *table,
                           const LotseField   *field,
                           const char * const *values)
{
  int index;

  g_return_val_if_fail (table != NULL && field != NULL, NULL);

  if (field->ref_table != NULL || field->ref_table_field == NULL || values == NULL)
    return field->ref_table;

  index = lotse_table_field_index (table, field->ref_table_field);
  return index < 0 ? NULL : values[index];
}

char *
lotse_new_uuid (void)
{
  return g_uuid_string_random ();
}

/**
 * lotse_new_op_id:
 *
 * A UUID version 7 (RFC 9562): the Unix time in milliseconds, then its
 * sub-millisecond fraction in 12 bits, then 62 random bits. Op ids are
 * keys of the outbox's index and of the server's ops table; random ones
 * (version 4) put each change of a batch on a page of its own, which at
 * 100,000 changes means a dirty page, a WAL frame and often a read per
 * change on both sides. Ids made one after the other sort one after the
 * other, so a batch fills a few pages at the end of the index. An op id
 * is only a key of idempotence: nothing reads the time back.
 *
 * Returns: (transfer full): a new op id, lowercase like lotse_new_uuid()
 */
char *
lotse_new_op_id (void)
{
  gint64 now = g_get_real_time ();
  guint64 ms = (guint64)(now / 1000) & G_GUINT64_CONSTANT (0xffffffffffff);
  guint fraction = (guint)((now % 1000) * 4096 / 1000);
  guint32 random_a = g_random_int ();
  guint32 random_b = g_random_int ();

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%04x%08x",
                          (guint32)(ms >> 16), (guint)(ms & 0xffff), 0x7000 | fraction,
                          0x8000 | (random_a >> 18), random_a & 0xffff, random_b);
}

typedef struct
{
  const char *value;
  const char *label;
} EnumLabel;

/* Labels of enum values shown in lists, reports and the CLI. The same
 * value has the same label in every table. */
static const EnumLabel enum_labels[] = {
  { "company", N_("Company") },
  { "university", N_("University") },
  { "municipality", N_("Municipality") },
  { "chamber", N_("Chamber") },
  { "association", N_("Association") },
  { "other", N_("Other") },
  { "planned", N_("Planned") },
  { "running", N_("Running") },
  { "completed", N_("Completed") },
  { "paused", N_("Paused") },
  { "cancelled", N_("Cancelled") },
  { "green", N_("On track") },
  { "yellow", N_("At risk") },
  { "red", N_("Critical") },
  { "open", N_("Open") },
  { "done", N_("Done") },
  { "at_risk", N_("At risk") },
  { "missed", N_("Missed") },
  { "jour_fixe", N_("Jour fixe") },
  { "steering", N_("Steering board") },
  { "strategy", N_("Strategy workshop") },
  { "workshop", N_("Workshop") },
  { "event", N_("Public event") },
  { "draft", N_("Draft") },
  { "held", N_("Held") },
  { "invited", N_("Invited") },
  { "present", N_("Present") },
  { "excused", N_("Excused") },
  { "absent", N_("Absent") },
  { "information", N_("Information") },
  { "discussion", N_("Discussion") },
  { "decision", N_("Decision") },
  { "deferred", N_("Deferred") },
  { "dropped", N_("Dropped") },
  { "amendment", N_("Amendment") },
  { "reopening", N_("Reopening") },
  { "invitation", N_("Invitation") },
  { "minutes", N_("Minutes") },
  { "portal", N_("Mail program") },
  { "eml", N_("E-mail file") },
  { "best_practice", N_("Best practice") },
  { "lesson_learned", N_("Lesson learned") },
  { "guideline", N_("Guideline") },
  { "question_catalogue", N_("Question catalogue") },
  { "note", N_("Note") },
  /* the records a file is attached to */
  { "project", N_("Project") },
  { "milestone", N_("Milestone") },
  { "meeting", N_("Meeting") },
  { "agenda_item", N_("Agenda item") },
  { "action_item", N_("Action item") },
  { "article", N_("Article") },
  { "requested", N_("Requested") },
  { "received", N_("Received") },
  /* Translators: an interim statement of use for the funder (Zwischennachweis) */
  { "interim", N_("Interim statement") },
  /* Translators: the final statement of use for the funder (Verwendungsnachweis) */
  { "final", N_("Final statement") },
  { "submitted", N_("Submitted") },
  { "accepted", N_("Accepted") },
  { "personnel", N_("Personnel") },  /* the seeded cost categories (migration 014) */
  { "material", N_("Material") },
  { "travel", N_("Travel") },
  { "investment", N_("Investment") },
  { "subcontracts", N_("Subcontracts") },
  { "overhead", N_("Overhead") },
  /* Translators: an agenda proposal waiting for the organiser's decision */
  { "proposed", N_("Proposed") },
  { "declined", N_("Declined") },
};

/* The state of a field left empty, where it has a name of its own: the
 * form, the lists and the reports say the same. */
static const struct
{
  const char *table;
  const char *field;
  const char *label;
} unset_labels[] = {
  /* Translators: the traffic light of a project no status report has rated yet */
  { "project", "health", N_("Not assessed") },
};

/**
 * lotse_enum_value_label:
 * @table: (nullable): the table, for values whose label differs per table
 * @field: (nullable): the field
 * @value: (nullable): an enum value, or %NULL for the field left empty
 *
 * The one place the UI, the CLI and the reports take the names of states
 * from.
 *
 * Returns: (transfer none): the translated label of @value, or @value;
 *   for %NULL the name of the empty state (“Not assessed” for a project's
 *   health) or ""
 */
const char *
lotse_enum_value_label (const char *table,
                        const char *field,
                        const char *value)
{
  if (value == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (unset_labels); i++)
        if (g_strcmp0 (unset_labels[i].table, table) == 0 && g_strcmp0 (unset_labels[i].field, field) == 0)
          return g_dgettext (GETTEXT_PACKAGE, unset_labels[i].label);
      return "";
    }

  for (guint i = 0; i < G_N_ELEMENTS (enum_labels); i++)
    {
      if (strcmp (enum_labels[i].value, value) == 0)
        return g_dgettext (GETTEXT_PACKAGE, enum_labels[i].label);
    }

  return value;
}
