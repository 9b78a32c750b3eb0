/* lotse-report-mail.c: the documents a meeting's e-mail carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invitation carries the agenda PDF and the meeting's .ics, the
 * minutes their PDF: the same files "lotse-cli export" writes, so what
 * the app hands to the mail program, what it saves as .eml and what the
 * CLI saves are one. It lives here rather than in core's lotse-mail.c
 * because the PDFs are drawn by the report library, which core may not use.
 */

#define G_LOG_DOMAIN "lotse-report"

#include "config.h"

#include <string.h>

#include "lotse-report.h"

/**
 * lotse_report_attach_meeting_documents:
 * @store: a store
 * @mail: a meeting's invitation or minutes
 * @error: a location for a #GError
 *
 * Attaches the agenda PDF and the .ics, or the minutes PDF, to @mail.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_report_attach_meeting_documents (LotseStore        *store,
                                       LotseMeetingMail  *mail,
                                       GError           **error)
{
  gboolean minutes = mail->kind == LOTSE_MAIL_MINUTES;
  g_autoptr(LotseReport) report = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *ics_name = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) ics_data = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (mail != NULL, FALSE);

  report = minutes ? lotse_report_new_minutes (store, mail->meeting_id, NULL, error)
                   : lotse_report_new_agenda (store, mail->meeting_id, NULL, error);
  if (report == NULL || (pdf = lotse_report_to_pdf (report, error)) == NULL)
    return FALSE;
  filename = lotse_report_suggest_filename (report);
  lotse_meeting_mail_attach (mail, filename, "application/pdf", pdf);
  if (minutes)
    return TRUE;

  ics = lotse_ics_meeting_to_string (store, mail->meeting_id, error);
  if (ics == NULL)
    return FALSE;
  base = g_str_has_suffix (filename, ".pdf") ? g_strndup (filename, strlen (filename) - 4)
                                             : g_strdup (filename);
  ics_name = g_strconcat (base, ".ics", NULL);
  ics_data = g_bytes_new (ics, strlen (ics));
  lotse_meeting_mail_attach (mail, ics_name, "text/calendar; charset=UTF-8; method=PUBLISH", ics_data);
  return TRUE;
}
