/* lotse-portal-feed.c: calendar feeds and PDF downloads of the portal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds: /calendar/TOKEN/all.ics (every meeting of the workspace: a
 * reader sees all of the office until per-programme permissions exist)
 * and /calendar/TOKEN/series/ID.ics (the meetings of one series), each
 * meeting a VEVENT by core's iCalendar writer with the office's
 * VTIMEZONE and the agenda in DESCRIPTION. Calendars cannot sign in, so
 * the token is in the URL: a personal token per user (`lotse-server
 * feed-token create|revoke USER`), kept as a device of the account with
 * the SHA-256 of "feed:" and the token, so that it is no device token
 * of the API nor a portal session, and grants nothing but its feeds.
 *
 * PDFs are made by the report library, as the app makes them.
 */

#define G_LOG_DOMAIN "lotse-portal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-portal-private.h"
#include "lotse-report.h"

char *
lotse_portal_feed_token_hash (const char *token)
{
  g_autofree char *text = g_strconcat ("feed:", token, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
send_plain (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text, strlen (text));
}

static GPtrArray *
feed_meetings (LotseStore *store,
               const char *series_id,
               GError    **error)
{
  LotseFilter filter = { LOTSE_MEETING_SERIES_ID, series_id };

  return lotse_store_list (store, LOTSE_TABLE_MEETING, series_id != NULL ? &filter : NULL, series_id != NULL ? 1 : 0,
                           LOTSE_MEETING_STARTS_AT, 0, 0, error);
}

/* The feed's text, made once per state of the data: calendars poll. After
 * a change, what it did not touch is taken over (lotse_ics_feed_write()). */
static const char *
feed_text (LotsePortalModel *model,
           LotseStore       *store,
           const char       *series_id,
           GError          **error)
{
  g_autofree char *key = g_strconcat ("feed|", series_id != NULL ? series_id : "", NULL);
  g_autoptr(GPtrArray) meetings = NULL;
  const char *cached = lotse_portal_model_cache_lookup (model, key);
  char *text;

  if (cached != NULL)
    return cached;

  meetings = feed_meetings (store, series_id, error);
  if (meetings == NULL)
    return NULL;
  text = lotse_ics_feed_write (lotse_portal_model_get_feed (model, key), meetings, error);
  if (text != NULL)
    lotse_portal_model_cache_insert (model, key, text, g_free);
  return text;
}

/* On the worker's thread, after a copy from nothing: the feed of all
 * meetings written there, where the copy took seconds anyway, so that the
 * first calendar to ask waits only for what changed since (75 ms of CPU
 * at 2,000 meetings written anew, 35 ms taken over). */
void
lotse_portal_feed_warm (LotsePortalModel *model)
{
  g_autoptr(GError) error = NULL;

  if (feed_text (model, lotse_portal_model_get_store (model), NULL, &error) == NULL)
    g_debug ("The feed was not written ahead: %s", error->message);
}

void
lotse_portal_serve_feed (LotseServerSpace  *space,
                         LotsePortalModel  *model,
                         LotseStore        *store,
                         SoupServerMessage *msg,
                         const char        *rest)
{
  LotseServerStorage *storage = space->storage;
  g_auto(GStrv) parts = g_strsplit (rest, "/", 4);
  g_autoptr(LotseServerSession) session = NULL;
  g_autoptr(LotseRecord) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *series_id = NULL;
  const char *text;
  guint n = g_strv_length (parts);

  if (n == 3 && g_str_equal (parts[1], "series") && g_str_has_suffix (parts[2], ".ics"))
    series_id = g_strndup (parts[2], strlen (parts[2]) - 4);
  if (!((n == 2 && g_str_equal (parts[1], "all.ics")) || (series_id != NULL && lotse_is_uuid (series_id))) ||
      strlen (parts[0]) == 0 || strlen (parts[0]) > 128)
    {
      send_plain (msg, 404, "There is no such calendar.\n");
      return;
    }

  hash = lotse_portal_feed_token_hash (parts[0]);
  session = storage->vtable->token_lookup (storage, hash, &error);
  if (session == NULL)
    {
      if (error != NULL)
        lotse_server_send_storage_error (msg, error);
      else
        send_plain (msg, 404, "There is no such calendar.\n");
      return;
    }

  series = series_id != NULL ? lotse_store_get (store, LOTSE_TABLE_MEETING_SERIES, series_id, NULL) : NULL;
  if (series_id != NULL && series == NULL)
    {
      send_plain (msg, 404, "There is no such calendar.\n");
      return;
    }

  text = feed_text (model, store, series_id, &error);
  if (text == NULL)
    {
      g_warning ("%s", error->message);
      send_plain (msg, 500, "The calendar could not be made.\n");
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/calendar; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static LotseReport *
make_report (LotsePortalPage *page,
             const char      *kind,
             const char      *id,
             GError         **error)
{
  g_autoptr(LotseRecord) meeting = NULL;

  if (g_str_equal (kind, "milestones") && id == NULL)
    {
      LotseMilestoneReportOptions options = { 0 };

      options.author = page->account;
      return lotse_report_new_milestones (page->store, &options, error);
    }

  if (id == NULL || !lotse_is_uuid (id) ||
      (meeting = lotse_store_get (page->store, LOTSE_TABLE_MEETING, id, NULL)) == NULL)
    return NULL;
  if (g_str_equal (kind, "agenda"))
    return lotse_report_new_agenda (page->store, id, NULL, error);
  /* Minutes are a draft until the meeting was held. */
  if (g_str_equal (kind, "minutes") && g_strcmp0 (lotse_record_get (meeting, LOTSE_MEETING_STATUS), "held") == 0)
    return lotse_report_new_minutes (page->store, id, NULL, error);
  return NULL;
}

gboolean
lotse_portal_serve_pdf (LotsePortalPage *page,
                        const char      *kind,
                        const char      *id)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (page->msg);
  g_autoptr(LotseReport) report = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *disposition = NULL;

  if (kind == NULL)
    return FALSE;
  report = make_report (page, kind, id, &error);
  if (report != NULL)
    pdf = lotse_report_to_pdf (report, &error);
  if (pdf == NULL)
    {
      if (error == NULL)
        return FALSE;
      g_warning ("%s", error->message);
      send_plain (page->msg, 500, "The PDF could not be made.\n");
      return TRUE;
    }

  /* The suggested name is made of ASCII letters, digits and dashes. */
  filename = lotse_report_suggest_filename (report);
  g_strcanon (filename, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", '_');
  disposition = g_strdup_printf ("attachment; filename=\"%s\"", filename);
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_server_message_set_status (page->msg, 200, NULL);
  soup_server_message_set_response (page->msg, "application/pdf", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  return TRUE;
}
