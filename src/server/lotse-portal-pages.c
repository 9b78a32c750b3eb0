/* lotse-portal-pages.c: the pages of the web portal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page reads the workspace's read model with core's queries (the
 * portfolio's, the monitor's, the meetings', the knowledge base's search
 * with its umlaut rules) and writes HTML through lotse_portal_printf(),
 * which escapes every string it is given: no user text reaches the page
 * unescaped, except articles, which cmark-gfm renders in safe mode (raw
 * HTML and javascript: links dropped). Styles come from the one CSS
 * file: CSP forbids style attributes.
 */

#define G_LOG_DOMAIN "lotse-portal"

#include "config.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n-lib.h>

#include "lotse-portal-private.h"

/* Projects per portfolio page: the benchmark office has 10,000. */
#define PORTFOLIO_PAGE 50
#define REGISTER_LIMIT 500

static const char *
label (const char *table,
       const char *field,
       const char *value)
{
  const char *text = value != NULL ? lotse_enum_value_label (table, field, value) : NULL;

  /* Translated already. */
  return text != NULL && *text != '\0' ? text : "–";
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "–";
}

/* A date the locale's way (lotse-parse.c), or "–". */
static char *
date_text (const char *iso)
{
  if (iso == NULL || strlen (iso) < 10)
    return g_strdup ("–");
  if (strlen (iso) == 10)
    return lotse_format_date (iso);
  else
    {
      g_autofree char *day = g_strndup (iso, 10);
      g_autofree char *date = lotse_format_date (day);

      return g_strdup_printf ("%s %.5s", date, iso + 11);
    }
}

static void
health_badge (LotsePortalPage *page,
              const char      *health)
{
  lotse_portal_printf (page, "<span class=\"light light-%s\">%s</span>",
                       health != NULL ? health : "none",
                       health != NULL ? label (LOTSE_TABLE_PROJECT, LOTSE_PROJECT_HEALTH, health) : _("Not rated"));
}

static GPtrArray *
list_by (LotsePortalPage *page,
         const char      *table,
         const char      *field,
         const char      *value,
         const char      *order)
{
  LotseFilter filter = { field, value };

  return lotse_store_list (page->store, table, field != NULL ? &filter : NULL, field != NULL ? 1 : 0,
                           order, REGISTER_LIMIT, 0, NULL);
}

static const char *
title_of (LotsePortalPage *page,
          const char      *table,
          const char      *id,
          char           **owned)
{
  g_autoptr(LotseRecord) record = id != NULL ? lotse_store_get (page->store, table, id, NULL) : NULL;

  *owned = record != NULL ? g_strdup (lotse_record_get_title (record)) : NULL;
  return or_dash (*owned);
}

/* --- portfolio -------------------------------------------------------------- */

static guint
page_number (LotsePortalPage *page)
{
  const char *text = page->query != NULL ? g_hash_table_lookup (page->query, "page") : NULL;
  guint64 number = 1;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 100000, &number, NULL))
    return 1;
  return number;
}

static void
portfolio_rows (LotsePortalPage *page,
                GPtrArray       *summaries)
{
  lotse_portal_printf (page, "<table><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th></tr></thead><tbody>",
                       _("Projects"), _("Project"), _("Health"), _("Status"),
                       _("Next milestone"), _("Overdue"));
  for (guint i = 0; i < summaries->len; i++)
    {
      LotseProjectSummary *summary = g_ptr_array_index (summaries, i);
      LotseRecord *project = summary->project;
      g_autofree char *due = date_text (summary->next_due);

      lotse_portal_printf (page, "<tr><th scope=\"row\"><a href=\"%s/portal/project/%s\">%s</a> "
                           "<span class=\"acronym\">%s</span></th><td>",
                           page->base, lotse_record_get_id (project),
                           lotse_record_get (project, LOTSE_PROJECT_TITLE),
                           or_dash (lotse_record_get (project, LOTSE_PROJECT_ACRONYM)));
      health_badge (page, lotse_record_get (project, LOTSE_PROJECT_HEALTH));
      /* data-label names the column where a narrow screen stacks the cells. */
      lotse_portal_printf (page, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s "
                           "<span class=\"date\">%s</span></td><td data-label=\"%s\" class=\"%s\">%u</td></tr>",
                           _("Status"), label (LOTSE_TABLE_PROJECT, LOTSE_PROJECT_STATUS,
                                               lotse_record_get (project, LOTSE_PROJECT_STATUS)),
                           _("Next milestone"), or_dash (summary->next_title),
                           summary->next_due != NULL ? due : "",
                           _("Overdue"), summary->n_overdue > 0 ? "overdue" : "number", summary->n_overdue);
    }
  lotse_portal_printf (page, "</tbody></table>");
}

/* The programme the portfolio shows (an id), or NULL for all. */
static const char *
chosen_programme (LotsePortalPage *page)
{
  const char *id = page->query != NULL ? g_hash_table_lookup (page->query, "programme") : NULL;

  return id != NULL && lotse_is_uuid (id) ? id : NULL;
}

static void
pager (LotsePortalPage *page,
       guint            number,
       guint            n_pages)
{
  const char *programme = chosen_programme (page);
  g_autofree char *position = g_strdup_printf (_("Page %u of %u"), number, n_pages);
  g_autofree char *filter = g_strdup_printf ("programme=%s&", programme);

  if (programme == NULL)
    filter[0] = '\0';
  lotse_portal_printf (page, "<nav class=\"pager\" aria-label=\"%s\"><ul>", _("Pages"));
  if (number > 1)
    lotse_portal_printf (page, "<li><a href=\"%s/portal/?%spage=%u\" rel=\"prev\">%s</a></li>",
                         page->base, filter, number - 1, _("Previous page"));
  lotse_portal_printf (page, "<li aria-current=\"page\">%s</li>", position);
  if (number < n_pages)
    lotse_portal_printf (page, "<li><a href=\"%s/portal/?%spage=%u\" rel=\"next\">%s</a></li>",
                         page->base, filter, number + 1, _("Next page"));
  lotse_portal_printf (page, "</ul></nav>");
}

static void
nav_link (LotsePortalPage *page,
          const char      *target,
          gboolean         current,
          const char      *text)
{
  if (current)
    lotse_portal_printf (page, "<li><a href=\"%s/portal/%s\" aria-current=\"page\">%s</a></li>",
                         page->base, target, text);
  else
    lotse_portal_printf (page, "<li><a href=\"%s/portal/%s\">%s</a></li>", page->base, target, text);
}

/* The programmes as links that choose the portfolio's projects. */
static void
programme_links (LotsePortalPage *page)
{
  g_autoptr(GPtrArray) programmes = list_by (page, LOTSE_TABLE_PROGRAMME, NULL, NULL, "name");
  const char *chosen = chosen_programme (page);

  lotse_portal_printf (page, "<nav class=\"programmes\" aria-label=\"%s\"><ul>", _("Programmes"));
  nav_link (page, "", chosen == NULL, _("All programmes"));
  for (guint i = 0; programmes != NULL && i < programmes->len; i++)
    {
      LotseRecord *programme = g_ptr_array_index (programmes, i);
      const char *id = lotse_record_get_id (programme);
      g_autofree char *target = g_strconcat ("?programme=", id, NULL);

      nav_link (page, target, g_strcmp0 (id, chosen) == 0,
                lotse_record_get (programme, LOTSE_PROGRAMME_NAME));
    }
  lotse_portal_printf (page, "</ul></nav>");
}

/* What every page of one portfolio shares: its projects in order and the
 * office's overdue count. Both read the whole office (about 45 ms of CPU
 * at 10,000 projects and 100,000 milestones); a page itself reads only
 * its 50 projects. So they are worked out once per programme and day and
 * kept with the pages until the data changes. */
typedef struct
{
  GArray *rowids;
  guint   overdue;
} PortfolioOrder;

static void
portfolio_order_free (PortfolioOrder *order)
{
  g_clear_pointer (&order->rowids, g_array_unref);
  g_free (order);
}

static const PortfolioOrder *
portfolio_order (LotsePortalPage *page,
                 const char      *programme_id,
                 const char      *today)
{
  g_autofree char *key = g_strdup_printf ("order|%s|%s", programme_id != NULL ? programme_id : "", today);
  g_autoptr(LotseProjectQuery) query = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  LotseMonitorCounts counts = { 0 };
  const PortfolioOrder *kept = lotse_portal_model_cache_lookup (page->model, key);
  PortfolioOrder *order;

  if (kept != NULL)
    return kept;

  query = lotse_project_query_new ();
  query->sort = LOTSE_PROJECT_SORT_HEALTH;
  query->programme_id = g_strdup (programme_id);
  order = g_new0 (PortfolioOrder, 1);
  order->rowids = lotse_project_query_rowids (page->store, query, today, NULL);
  if (order->rowids == NULL)
    order->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  overdue = lotse_monitor_query_page (page->store, today, 0, programme_id,
                                      LOTSE_MONITOR_SCOPE_CURRENT, 0, 1, &counts, NULL);
  order->overdue = counts.overdue;
  lotse_portal_model_cache_insert (page->model, key, order, (GDestroyNotify)portfolio_order_free);
  return order;
}

void
lotse_portal_page_portfolio (LotsePortalPage *page,
                             const char      *arg)
{
  g_autofree char *today = lotse_monitor_today ();
  const char *programme_id = chosen_programme (page);
  const PortfolioOrder *order;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *summary = NULL;
  guint number = page_number (page);
  guint n_pages;
  guint offset;

  lotse_portal_set_title (page, _("Portfolio"));
  lotse_portal_printf (page, "<h1>%s</h1>", _("Portfolio"));

  programme_links (page);
  order = portfolio_order (page, programme_id, today);
  n_pages = MAX (1, (order->rowids->len + PORTFOLIO_PAGE - 1) / PORTFOLIO_PAGE);
  number = MIN (number, n_pages);
  offset = (number - 1) * PORTFOLIO_PAGE;

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u milestone or funder report is overdue.",
                                         "%u milestones or funder reports are overdue.", order->overdue),
                             order->overdue);
  lotse_portal_printf (page, "<p class=\"summary\">%s</p>", summary);
  lotse_portal_printf (page, "<p><a href=\"%s/portal/pdf/milestones\">%s</a></p>", page->base,
                       _("Milestone overview (PDF)"));

  if (order->rowids->len == 0)
    {
      lotse_portal_printf (page, "<p>%s</p>", _("There are no projects yet."));
      return;
    }

  summaries = lotse_project_query_summaries (page->store, &g_array_index (order->rowids, gint64, offset),
                                             MIN (PORTFOLIO_PAGE, order->rowids->len - offset), today, NULL);
  if (summaries != NULL)
    portfolio_rows (page, summaries);
  pager (page, number, n_pages);
}

/* --- a project ---------------------------------------------------------------- */

static void
project_milestones (LotsePortalPage *page,
                    const char      *project_id)
{
  g_autoptr(GPtrArray) milestones = list_by (page, LOTSE_TABLE_MILESTONE, LOTSE_MILESTONE_PROJECT_ID,
                                             project_id, "due_date");

  lotse_portal_printf (page, "<h2>%s</h2>", _("Milestones"));
  if (milestones == NULL || milestones->len == 0)
    {
      lotse_portal_printf (page, "<p>%s</p>", _("No milestones."));
      return;
    }
  lotse_portal_printf (page, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th></tr></thead><tbody>",
                       _("Milestone"), _("Due"), _("Status"));
  for (guint i = 0; i < milestones->len; i++)
    {
      LotseRecord *milestone = g_ptr_array_index (milestones, i);
      g_autofree char *due = date_text (lotse_record_get (milestone, LOTSE_MILESTONE_DUE_DATE));

      lotse_portal_printf (page, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>",
                           lotse_record_get (milestone, LOTSE_MILESTONE_TITLE), due,
                           label (LOTSE_TABLE_MILESTONE, LOTSE_MILESTONE_STATUS,
                                  lotse_record_get (milestone, LOTSE_MILESTONE_STATUS)));
    }
  lotse_portal_printf (page, "</tbody></table>");
}

static void
project_partners (LotsePortalPage *page,
                  const char      *project_id)
{
  g_autoptr(GPtrArray) partners = list_by (page, LOTSE_TABLE_PROJECT_PARTNER,
                                           LOTSE_PROJECT_PARTNER_PROJECT_ID, project_id, NULL);

  lotse_portal_printf (page, "<h2>%s</h2><ul>", _("Partners"));
  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      LotseRecord *partner = g_ptr_array_index (partners, i);
      g_autofree char *name = NULL;

      lotse_portal_printf (page, "<li>%s <span class=\"role\">%s</span></li>",
                           title_of (page, LOTSE_TABLE_ORGANISATION,
                                     lotse_record_get (partner, LOTSE_PROJECT_PARTNER_ORGANISATION_ID), &name),
                           or_dash (lotse_record_get (partner, LOTSE_PROJECT_PARTNER_ROLE)));
    }
  lotse_portal_printf (page, "</ul>");
}

static void
project_reports (LotsePortalPage *page,
                 const char      *project_id)
{
  g_autoptr(GPtrArray) reports = list_by (page, LOTSE_TABLE_STATUS_REPORT, LOTSE_STATUS_REPORT_PROJECT_ID,
                                          project_id, "date");

  lotse_portal_printf (page, "<h2>%s</h2><ol class=\"history\">", _("Status history"));
  for (guint i = reports != NULL ? reports->len : 0; i > 0; i--)
    {
      LotseRecord *report = g_ptr_array_index (reports, i - 1);
      g_autofree char *date = date_text (lotse_record_get (report, LOTSE_STATUS_REPORT_DATE));

      lotse_portal_printf (page, "<li><span class=\"date\">%s</span> ", date);
      health_badge (page, lotse_record_get (report, LOTSE_STATUS_REPORT_HEALTH));
      lotse_portal_printf (page, " %s</li>",
                           or_dash (lotse_record_get (report, LOTSE_STATUS_REPORT_SUMMARY)));
    }
  lotse_portal_printf (page, "</ol>");
}

void
lotse_portal_page_project (LotsePortalPage *page,
                           const char      *arg)
{
  g_autoptr(LotseRecord) project = lotse_store_get (page->store, LOTSE_TABLE_PROJECT, arg, NULL);
  g_autofree char *programme = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (project == NULL)
    {
      lotse_portal_not_found (page);
      return;
    }

  start = date_text (lotse_record_get (project, LOTSE_PROJECT_START_DATE));
  end = date_text (lotse_record_get (project, LOTSE_PROJECT_END_DATE));
  lotse_portal_set_title (page, lotse_record_get (project, LOTSE_PROJECT_TITLE));
  lotse_portal_printf (page, "<h1>%s</h1><p>", lotse_record_get (project, LOTSE_PROJECT_TITLE));
  health_badge (page, lotse_record_get (project, LOTSE_PROJECT_HEALTH));
  lotse_portal_printf (page, "</p><dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
                       "<dt>%s</dt><dd>%s – %s</dd><dt>%s</dt><dd>%s</dd></dl>",
                       _("Programme"),
                       title_of (page, LOTSE_TABLE_PROGRAMME,
                                 lotse_record_get (project, LOTSE_PROJECT_PROGRAMME_ID), &programme),
                       _("Status"), label (LOTSE_TABLE_PROJECT, LOTSE_PROJECT_STATUS,
                                           lotse_record_get (project, LOTSE_PROJECT_STATUS)),
                       _("Lead organisation"),
                       title_of (page, LOTSE_TABLE_ORGANISATION,
                                 lotse_record_get (project, LOTSE_PROJECT_LEAD_ORGANISATION_ID), &lead),
                       _("Duration"), start, end,
                       _("Summary"), or_dash (lotse_record_get (project, LOTSE_PROJECT_SUMMARY)));
  project_milestones (page, arg);
  project_partners (page, arg);
  project_reports (page, arg);
}

/* --- meetings ---------------------------------------------------------------- */

static void
series_list (LotsePortalPage *page)
{
  g_autoptr(GPtrArray) series = list_by (page, LOTSE_TABLE_MEETING_SERIES, NULL, NULL, "title");

  lotse_portal_set_title (page, _("Meetings"));
  lotse_portal_printf (page, "<h1>%s</h1><ul>", _("Meetings"));
  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      LotseRecord *one = g_ptr_array_index (series, i);

      lotse_portal_printf (page, "<li><a href=\"%s/portal/meetings/%s\">%s</a></li>", page->base,
                           lotse_record_get_id (one), lotse_record_get (one, LOTSE_MEETING_SERIES_TITLE));
    }
  lotse_portal_printf (page, "</ul>");
}

void
lotse_portal_page_meetings (LotsePortalPage *page,
                            const char      *arg)
{
  g_autoptr(LotseRecord) series = NULL;
  g_autoptr(GPtrArray) meetings = NULL;

  if (arg == NULL)
    {
      series_list (page);
      return;
    }

  series = lotse_store_get (page->store, LOTSE_TABLE_MEETING_SERIES, arg, NULL);
  if (series == NULL)
    {
      lotse_portal_not_found (page);
      return;
    }

  meetings = list_by (page, LOTSE_TABLE_MEETING, LOTSE_MEETING_SERIES_ID, arg, "starts_at");
  lotse_portal_set_title (page, lotse_record_get (series, LOTSE_MEETING_SERIES_TITLE));
  lotse_portal_printf (page, "<h1>%s</h1><table><thead><tr><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                       lotse_record_get (series, LOTSE_MEETING_SERIES_TITLE), _("Meeting"), _("Starts"), _("Status"));
  for (guint i = meetings != NULL ? meetings->len : 0; i > 0; i--)
    {
      LotseRecord *meeting = g_ptr_array_index (meetings, i - 1);
      g_autofree char *starts = date_text (lotse_record_get (meeting, LOTSE_MEETING_STARTS_AT));

      lotse_portal_printf (page, "<tr><th scope=\"row\"><a href=\"%s/portal/meeting/%s\">%s</a></th>"
                           "<td>%s</td><td>%s</td></tr>", page->base, lotse_record_get_id (meeting),
                           lotse_record_get (meeting, LOTSE_MEETING_TITLE), starts,
                           label (LOTSE_TABLE_MEETING, LOTSE_MEETING_STATUS,
                                  lotse_record_get (meeting, LOTSE_MEETING_STATUS)));
    }
  lotse_portal_printf (page, "</tbody></table>");
}

static void
meeting_agenda (LotsePortalPage *page,
                const char      *meeting_id,
                gboolean         held)
{
  g_autoptr(GPtrArray) agenda = lotse_meeting_list_agenda (page->store, meeting_id, NULL);

  lotse_portal_printf (page, "<h2>%s</h2><ol class=\"agenda\">", _("Agenda"));
  for (guint i = 0; agenda != NULL && i < agenda->len; i++)
    {
      LotseRecord *item = g_ptr_array_index (agenda, i);
      const char *minutes = lotse_record_get (item, LOTSE_AGENDA_ITEM_NOTES);

      lotse_portal_printf (page, "<li><h3>%s</h3><p class=\"kind\">%s</p>", lotse_record_get (item, LOTSE_AGENDA_ITEM_TITLE),
                           label (LOTSE_TABLE_AGENDA_ITEM, LOTSE_AGENDA_ITEM_KIND,
                                  lotse_record_get (item, LOTSE_AGENDA_ITEM_KIND)));
      /* Minutes are a draft until the meeting was held. */
      if (held && minutes != NULL && *minutes != '\0')
        lotse_portal_printf (page, "<p class=\"minutes\"><strong>%s:</strong> %s</p>", _("Minutes"), minutes);
      lotse_portal_printf (page, "</li>");
    }
  lotse_portal_printf (page, "</ol>");
}

static void
meeting_attendance (LotsePortalPage *page,
                    const char      *meeting_id)
{
  g_autoptr(GPtrArray) participants = lotse_meeting_list_participants (page->store, meeting_id, NULL);

  lotse_portal_printf (page, "<h2>%s</h2><ul>", _("Attendance"));
  for (guint i = 0; participants != NULL && i < participants->len; i++)
    {
      LotseRecord *participant = g_ptr_array_index (participants, i);
      g_autofree char *name = NULL;

      lotse_portal_printf (page, "<li>%s: %s</li>",
                           title_of (page, LOTSE_TABLE_PERSON,
                                     lotse_record_get (participant, LOTSE_MEETING_PARTICIPANT_PERSON_ID), &name),
                           label (LOTSE_TABLE_MEETING_PARTICIPANT, LOTSE_MEETING_PARTICIPANT_ATTENDANCE,
                                  lotse_record_get (participant, LOTSE_MEETING_PARTICIPANT_ATTENDANCE)));
    }
  lotse_portal_printf (page, "</ul>");
}

void
lotse_portal_page_meeting (LotsePortalPage *page,
                           const char      *arg)
{
  g_autoptr(LotseRecord) meeting = lotse_store_get (page->store, LOTSE_TABLE_MEETING, arg, NULL);
  g_autofree char *starts = NULL;
  gboolean held;

  if (meeting == NULL)
    {
      lotse_portal_not_found (page);
      return;
    }

  held = g_strcmp0 (lotse_record_get (meeting, LOTSE_MEETING_STATUS), "held") == 0;
  starts = date_text (lotse_record_get (meeting, LOTSE_MEETING_STARTS_AT));
  lotse_portal_set_title (page, lotse_record_get (meeting, LOTSE_MEETING_TITLE));
  lotse_portal_printf (page, "<h1>%s</h1><p>%s · %s · %s</p><ul class=\"downloads\">"
                       "<li><a href=\"%s/portal/pdf/agenda/%s\">%s</a></li>",
                       lotse_record_get (meeting, LOTSE_MEETING_TITLE), starts,
                       or_dash (lotse_record_get (meeting, LOTSE_MEETING_LOCATION)),
                       label (LOTSE_TABLE_MEETING, LOTSE_MEETING_STATUS,
                              lotse_record_get (meeting, LOTSE_MEETING_STATUS)),
                       page->base, arg, _("Agenda (PDF)"));
  if (held)
    lotse_portal_printf (page, "<li><a href=\"%s/portal/pdf/minutes/%s\">%s</a></li>",
                         page->base, arg, _("Minutes (PDF)"));
  lotse_portal_printf (page, "</ul>");
  meeting_agenda (page, arg, held);
  meeting_attendance (page, arg);
}

/* --- registers ---------------------------------------------------------------- */

static void
decision_register (LotsePortalPage *page)
{
  g_autoptr(GPtrArray) decisions = list_by (page, LOTSE_TABLE_DECISION, NULL, NULL, NULL);

  lotse_portal_printf (page, "<h2>%s</h2><table><thead><tr><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th></tr></thead><tbody>",
                       _("Decisions"), _("Decision"), _("Meeting"));
  for (guint i = 0; decisions != NULL && i < decisions->len; i++)
    {
      LotseRecord *decision = g_ptr_array_index (decisions, i);
      g_autofree char *meeting = NULL;

      lotse_portal_printf (page, "<tr><td>%s</td><td>%s</td></tr>", lotse_record_get (decision, LOTSE_DECISION_TEXT),
                           title_of (page, LOTSE_TABLE_MEETING,
                                     lotse_record_get (decision, LOTSE_DECISION_MEETING_ID), &meeting));
    }
  lotse_portal_printf (page, "</tbody></table>");
}

static void
action_register (LotsePortalPage *page)
{
  g_autoptr(GPtrArray) actions = list_by (page, LOTSE_TABLE_ACTION_ITEM, NULL, NULL, "due_date");

  lotse_portal_printf (page, "<h2>%s</h2><table><thead><tr><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "</tr></thead><tbody>",
                       _("Action items"), _("Action item"), _("Owner"), _("Due"), _("Status"));
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      LotseRecord *action = g_ptr_array_index (actions, i);
      g_autofree char *owner = NULL;
      g_autofree char *due = date_text (lotse_record_get (action, LOTSE_ACTION_ITEM_DUE_DATE));

      lotse_portal_printf (page, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                           lotse_record_get (action, LOTSE_ACTION_ITEM_TITLE),
                           title_of (page, LOTSE_TABLE_PERSON,
                                     lotse_record_get (action, LOTSE_ACTION_ITEM_OWNER_PERSON_ID), &owner),
                           due, label (LOTSE_TABLE_ACTION_ITEM, LOTSE_ACTION_ITEM_STATUS,
                                       lotse_record_get (action, LOTSE_ACTION_ITEM_STATUS)));
    }
  lotse_portal_printf (page, "</tbody></table>");
}

void
lotse_portal_page_registers (LotsePortalPage *page,
                             const char      *arg)
{
  lotse_portal_set_title (page, _("Registers"));
  lotse_portal_printf (page, "<h1>%s</h1>", _("Registers"));
  decision_register (page);
  action_register (page);
}

/* --- knowledge base ----------------------------------------------------------- */

static void
search_form (LotsePortalPage *page,
             const char      *text)
{
  lotse_portal_printf (page, "<form method=\"post\" action=\"%s/portal/knowledge\" role=\"search\">",
                       page->base);
  lotse_portal_csrf_field (page);
  lotse_portal_printf (page, "<p><label for=\"q\">%s</label> <input id=\"q\" name=\"q\" type=\"search\" "
                       "value=\"%s\" maxlength=\"200\"> <button type=\"submit\">%s</button></p></form>",
                       _("Search the knowledge base"), text != NULL ? text : "", _("Search"));
}

static void
article_link (LotsePortalPage *page,
              const char      *id,
              const char      *title)
{
  lotse_portal_printf (page, "<li><a href=\"%s/portal/article/%s\">%s</a></li>", page->base, id, title);
}

void
lotse_portal_page_knowledge (LotsePortalPage *page,
                             const char      *arg)
{
  const char *text = page->form != NULL ? g_hash_table_lookup (page->form, "q") : NULL;

  lotse_portal_set_title (page, _("Knowledge base"));
  lotse_portal_printf (page, "<h1>%s</h1>", _("Knowledge base"));
  search_form (page, text);

  if (text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL))
    {
      g_autoptr(GPtrArray) results = lotse_search_articles (page->store, text, NULL, NULL, 100, NULL);

      lotse_portal_printf (page, "<h2>%s</h2>", _("Search results"));
      if (results == NULL || results->len == 0)
        lotse_portal_printf (page, "<p>%s</p>", _("No article matches."));
      lotse_portal_printf (page, "<ul class=\"results\">");
      for (guint i = 0; results != NULL && i < results->len; i++)
        {
          LotseSearchResult *result = g_ptr_array_index (results, i);

          article_link (page, result->id, result->title);
        }
      lotse_portal_printf (page, "</ul>");
    }
  else
    {
      g_autoptr(GPtrArray) articles = list_by (page, LOTSE_TABLE_ARTICLE, NULL, NULL, "title");

      lotse_portal_printf (page, "<h2>%s</h2><ul>", _("Articles"));
      for (guint i = 0; articles != NULL && i < articles->len; i++)
        {
          LotseRecord *article = g_ptr_array_index (articles, i);

          article_link (page, lotse_record_get_id (article), lotse_record_get (article, LOTSE_ARTICLE_TITLE));
        }
      lotse_portal_printf (page, "</ul>");
    }
}

/* Markdown as HTML with GitHub's tables, task lists, strikethrough and autolinks; safe
 * mode leaves out raw HTML and links to javascript: and the like, and the
 * tag filter defuses what could still open a tag. */
static char *
markdown_to_html (const char *markdown)
{
  static const char * const names[] = {
    "table", "strikethrough", "autolink", "tagfilter", "tasklist",
  };
  cmark_parser *parser;
  cmark_node *document;
  char *html;

  cmark_gfm_core_extensions_ensure_registered ();
  parser = cmark_parser_new (CMARK_OPT_SAFE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (names[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
    }
  cmark_parser_feed (parser, markdown, strlen (markdown));
  document = cmark_parser_finish (parser);
  html = cmark_render_html (document, CMARK_OPT_SAFE, cmark_parser_get_syntax_extensions (parser));
  cmark_node_free (document);
  cmark_parser_free (parser);
  return html;
}

void
lotse_portal_page_article (LotsePortalPage *page,
                           const char      *arg)
{
  g_autoptr(LotseRecord) article = lotse_store_get (page->store, LOTSE_TABLE_ARTICLE, arg, NULL);
  const char *body;
  char *html;

  if (article == NULL)
    {
      lotse_portal_not_found (page);
      return;
    }

  body = lotse_record_get (article, LOTSE_ARTICLE_BODY);
  lotse_portal_set_title (page, lotse_record_get (article, LOTSE_ARTICLE_TITLE));
  lotse_portal_printf (page, "<article><h1>%s</h1><p class=\"lead\">%s</p><div class=\"markdown\">",
                       lotse_record_get (article, LOTSE_ARTICLE_TITLE), or_dash (lotse_record_get (article, LOTSE_ARTICLE_SUMMARY)));
  html = markdown_to_html (body != NULL ? body : "");
  g_string_append (page->html, html);
  free (html);
  g_string_append (page->html, "</div></article>");
}

void
lotse_portal_page_preparing (LotsePortalPage *page)
{
  page->status = 503;
  lotse_portal_set_title (page, _("Being prepared"));
  lotse_portal_printf (page, "<h1>%s</h1><p>%s</p>", _("Being prepared"),
                       _("The portal is being prepared, try again in a moment."));
}
