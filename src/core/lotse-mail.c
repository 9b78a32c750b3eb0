/* lotse-mail.c: the invitation and the minutes of a meeting as e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A LotseMeetingMail is what the app hands to the desktop's mail program
 * (the XDG e-mail portal) and what lotse_meeting_mail_to_eml() writes as
 * an RFC 5322 message that any mail program opens: multipart/mixed, the
 * text and every header that is not ASCII in UTF-8 (RFC 2047 encoded
 * words, RFC 2231 file names), the attachments in base64, lines ending in
 * CRLF. It is a draft to send (X-Unsent), so a mail program opens it
 * ready to send rather than as a mail received. Subject and text are in
 * the language of the messages, the office's. What was sent, when and to
 * whom is a row of meeting_dispatch (lotse_meeting_mail_record()).
 */

#define G_LOG_DOMAIN "lotse-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-mail.h"
#include "lotse-meeting.h"
#include "lotse-office.h"
#include "lotse-parse.h"

#define ENCODED_WORD_BYTES 45   /* 60 characters of base64 in a word of at most 75 */
#define BASE64_LINE        76

static void
attachment_free (gpointer data)
{
  LotseMailAttachment *attachment = data;

  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_bytes_unref (attachment->data);
  g_free (attachment);
}

void
lotse_meeting_mail_free (LotseMeetingMail *mail)
{
  if (mail == NULL)
    return;

  g_free (mail->meeting_id);
  g_free (mail->from);
  g_clear_pointer (&mail->to, g_ptr_array_unref);
  g_clear_pointer (&mail->addresses, g_ptr_array_unref);
  g_clear_pointer (&mail->without, g_ptr_array_unref);
  g_free (mail->subject);
  g_free (mail->body);
  g_clear_pointer (&mail->attachments, g_ptr_array_unref);
  g_free (mail);
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || *p == '\r' || *p == '\n')
      return FALSE;

  return TRUE;
}

/* @text as RFC 2047 encoded words of whole characters, folded. */
static void
append_encoded_words (GString    *out,
                      const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *word = NULL;

      while (*end != '\0' && (gsize) (g_utf8_next_char (end) - p) <= ENCODED_WORD_BYTES)
        end = g_utf8_next_char (end);
      word = g_base64_encode ((const guchar *) p, end - p);
      if (p != text)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", word);
      p = end;
    }
}

/* A display name: as it is when it is plain ASCII, quoted when it has
 * specials, encoded otherwise. */
static void
append_phrase (GString    *out,
               const char *name)
{
  if (!is_ascii (name))
    append_encoded_words (out, name);
  else if (strpbrk (name, "()<>[]:;@\\,.\"") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = name; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, name);
}

static char *
format_mailbox (const char *name,
                const char *address)
{
  GString *out = g_string_new (NULL);

  if (name != NULL && *name != '\0')
    {
      append_phrase (out, name);
      g_string_append_c (out, ' ');
    }
  g_string_append_printf (out, "<%s>", address);
  return g_string_free (out, FALSE);
}

/* A plausible address: something@domain, no spaces or angle brackets
 * that would break the header. */
static gboolean
is_address (const char *text)
{
  const char *at;

  if (text == NULL || !is_ascii (text) || strpbrk (text, " \t<>,;\"") != NULL)
    return FALSE;
  at = strchr (text, '@');
  return at != NULL && at != text && strchr (at + 1, '.') != NULL && strchr (at + 1, '@') == NULL;
}

static void
add_recipients (LotseMeetingMail *mail,
                LotseStore       *store,
                GPtrArray        *participants)
{
  for (guint i = 0; i < participants->len; i++)
    {
      LotseRecord *participant = g_ptr_array_index (participants, i);
      g_autoptr(LotseRecord) person = lotse_store_get (store, "person",
                                                       lotse_record_get (participant, "person_id"),
                                                       NULL);
      g_autofree char *email = NULL;

      if (person == NULL)
        continue;
      email = g_strdup (lotse_record_get (person, "email"));
      if (email != NULL)
        g_strstrip (email);
      if (!is_address (email))
        {
          g_ptr_array_add (mail->without, g_strdup (lotse_record_get (person, "name")));
          continue;
        }
      g_ptr_array_add (mail->to, format_mailbox (lotse_record_get (person, "name"), email));
      g_ptr_array_add (mail->addresses, g_strdup (email));
    }
}

static void
compose_text (LotseMeetingMail *mail,
              LotseRecord      *meeting,
              const char       *title,
              const char       *office_name,
              GTimeZone        *zone)
{
  g_autoptr(GDateTime) start = lotse_time_parse (lotse_record_get (meeting, "starts_at"), zone);
  g_autofree char *date = NULL;
  g_autofree char *day = start != NULL ? g_date_time_format (start, "%Y-%m-%d") : NULL;
  g_autofree char *time = start != NULL ? g_date_time_format (start, "%H:%M") : NULL;
  const char *location = lotse_record_get (meeting, "location");
  const char *signature = office_name != NULL ? office_name : "";
  g_autofree char *where = NULL;

  date = day != NULL ? lotse_format_date (day) : g_strdup ("–");
  where = location != NULL && *location != '\0' ? g_strdup (location) : g_strdup ("–");

  if (mail->kind == LOTSE_MAIL_INVITATION)
    {
      /* Translators: the subject of the e-mail inviting to a meeting */
      mail->subject = g_strdup_printf (_("Invitation: %s"), title);
      /* Translators: the text of the e-mail inviting to a meeting: its title,
       * date, time, place and, at the end, the office's name */
      mail->body = g_strdup_printf (_("Hello,\n\nyou are invited to “%s” on %s at %s, %s.\n"
                                      "The agenda and the appointment for your calendar are attached.\n\n"
                                      "Kind regards\n%s\n"),
                                    title, date, time != NULL ? time : "–", where, signature);
    }
  else
    {
      /* Translators: the subject of the e-mail that sends the minutes */
      mail->subject = g_strdup_printf (_("Minutes: %s"), title);
      /* Translators: the text of the e-mail that sends the minutes: a meeting's
       * title and date, then the office's name */
      mail->body = g_strdup_printf (_("Hello,\n\nattached are the minutes of “%s” on %s.\n\n"
                                      "Kind regards\n%s\n"),
                                    title, date, signature);
    }
}

/**
 * lotse_meeting_mail_new:
 * @store: a store
 * @meeting_id: a meeting
 * @kind: the invitation or the minutes
 * @error: a location for a #GError
 *
 * The recipients (every participant with an e-mail address; those
 * without are listed in ->without), the sender (the office, when it has
 * an address), subject and text. The caller attaches the PDF (and the
 * .ics) with lotse_meeting_mail_attach().
 *
 * Returns: (transfer full) (nullable): the mail, or %NULL with @error set
 */
LotseMeetingMail *
lotse_meeting_mail_new (LotseStore     *store,
                        const char     *meeting_id,
                        LotseMailKind   kind,
                        GError        **error)
{
  g_autoptr(LotseMeetingMail) mail = g_new0 (LotseMeetingMail, 1);
  g_autoptr(LotseRecord) meeting = NULL;
  g_autoptr(LotseRecord) office = NULL;
  g_autoptr(LotseRecord) series = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *title = NULL;
  const char *office_email;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  mail->kind = kind;
  mail->meeting_id = g_strdup (meeting_id);
  mail->to = g_ptr_array_new_with_free_func (g_free);
  mail->addresses = g_ptr_array_new_with_free_func (g_free);
  mail->without = g_ptr_array_new_with_free_func (g_free);
  mail->attachments = g_ptr_array_new_with_free_func (attachment_free);

  meeting = lotse_store_get (store, "meeting", meeting_id, error);
  if (meeting == NULL)
    return NULL;
  office = lotse_office_get (store, error);
  if (office == NULL)
    return NULL;
  participants = lotse_meeting_list_participants (store, meeting_id, error);
  if (participants == NULL)
    return NULL;

  zone = lotse_office_get_time_zone (store);
  if (lotse_record_get (meeting, "series_id") != NULL)
    series = lotse_store_get (store, "meeting_series", lotse_record_get (meeting, "series_id"), NULL);
  title = lotse_meeting_format_title (meeting, series != NULL ? lotse_record_get_title (series) : NULL,
                                      zone);
  office_email = lotse_record_get (office, "email");
  if (is_address (office_email))
    mail->from = format_mailbox (lotse_record_get (office, "name"), office_email);

  add_recipients (mail, store, participants);
  compose_text (mail, meeting, title, lotse_record_get (office, "name"), zone);

  return g_steal_pointer (&mail);
}

/**
 * lotse_meeting_mail_attach:
 * @mail: a mail
 * @filename: the file name the recipient sees
 * @content_type: its MIME type
 * @data: its content
 */
void
lotse_meeting_mail_attach (LotseMeetingMail *mail,
                           const char       *filename,
                           const char       *content_type,
                           GBytes           *data)
{
  LotseMailAttachment *attachment = g_new0 (LotseMailAttachment, 1);

  g_return_if_fail (mail != NULL && filename != NULL && content_type != NULL && data != NULL);

  attachment->filename = g_strdup (filename);
  attachment->content_type = g_strdup (content_type);
  attachment->data = g_bytes_ref (data);
  g_ptr_array_add (mail->attachments, attachment);
}

static void
append_base64 (GString      *out,
               const guchar *data,
               gsize         length)
{
  g_autofree char *encoded = g_base64_encode (data, length);
  gsize total = strlen (encoded);

  for (gsize i = 0; i < total; i += BASE64_LINE)
    {
      g_string_append_len (out, encoded + i, MIN (BASE64_LINE, total - i));
      g_string_append (out, "\r\n");
    }
}

/* The body text with CRLF line ends. */
static char *
crlf_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("\r\n", lines);
}

static void
append_attachment (GString             *out,
                   const char          *boundary,
                   LotseMailAttachment *attachment)
{
  g_autofree char *escaped = g_uri_escape_string (attachment->filename, NULL, FALSE);
  gsize length;
  const guchar *data = g_bytes_get_data (attachment->data, &length);

  g_string_append_printf (out, "--%s\r\nContent-Type: %s\r\n", boundary, attachment->content_type);
  if (is_ascii (attachment->filename) && strpbrk (attachment->filename, "\"\\") == NULL)
    g_string_append_printf (out, "Content-Disposition: attachment; filename=\"%s\"\r\n",
                            attachment->filename);
  else
    g_string_append_printf (out, "Content-Disposition: attachment; filename*=UTF-8''%s\r\n", escaped);
  g_string_append (out, "Content-Transfer-Encoding: base64\r\n\r\n");
  append_base64 (out, data, length);
}

/* RFC 5322 names days and months in English, whatever the locale. */
static char *
format_rfc5322_date (GDateTime *date)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  g_autofree char *rest = g_date_time_format (date, "%Y %H:%M:%S %z");

  return g_strdup_printf ("%s, %02d %s %s", days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], rest);
}

/**
 * lotse_meeting_mail_to_eml:
 * @mail: a mail
 * @date: the time the message is dated
 *
 * Returns: (transfer full): @mail as an RFC 5322 message (see the top of
 *   this file)
 */
char *
lotse_meeting_mail_to_eml (LotseMeetingMail *mail,
                           GDateTime        *date)
{
  GString *out = g_string_new (NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *boundary = g_strconcat ("lotse-", uuid, NULL);
  g_autofree char *stamp = format_rfc5322_date (date);
  g_autofree char *text = crlf_text (mail->body);
  g_autofree char *joined = NULL;

  g_return_val_if_fail (mail != NULL && date != NULL, NULL);

  if (mail->from != NULL)
    g_string_append_printf (out, "From: %s\r\n", mail->from);
  if (mail->to->len > 0)
    {
      g_ptr_array_add (mail->to, NULL);
      joined = g_strjoinv (",\r\n ", (char **) mail->to->pdata);
      g_ptr_array_remove_index (mail->to, mail->to->len - 1);
      g_string_append_printf (out, "To: %s\r\n", joined);
    }
  g_string_append (out, "Subject: ");
  append_encoded_words (out, mail->subject);
  g_string_append_printf (out, "\r\nDate: %s\r\nMessage-ID: <%s@lotse>\r\nX-Unsent: 1\r\n"
                               "MIME-Version: 1.0\r\n"
                               "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                          stamp, uuid, boundary);

  g_string_append_printf (out, "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                               "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
  append_base64 (out, (const guchar *) text, strlen (text));
  for (guint i = 0; i < mail->attachments->len; i++)
    append_attachment (out, boundary, g_ptr_array_index (mail->attachments, i));
  g_string_append_printf (out, "--%s--\r\n", boundary);

  return g_string_free (out, FALSE);
}

/**
 * lotse_meeting_mail_record:
 * @store: a store
 * @mail: what was sent
 * @via: “portal” (the mail program) or “eml” (saved as a file)
 * @now: when
 * @error: a location for a #GError
 *
 * Records that @mail was sent (a row of meeting_dispatch, synced).
 *
 * Returns: (transfer full) (nullable): the record written, or %NULL with
 *   @error set
 */
LotseRecord *
lotse_meeting_mail_record (LotseStore        *store,
                           LotseMeetingMail  *mail,
                           const char        *via,
                           GDateTime         *now,
                           GError           **error)
{
  g_autoptr(LotseRecord) dispatch = lotse_record_new_for_table ("meeting_dispatch");
  g_autofree char *stamp = lotse_time_to_stored (now);
  g_autofree char *count = g_strdup_printf ("%u", mail->addresses->len);
  g_autofree char *recipients = NULL;

  g_ptr_array_add (mail->addresses, NULL);
  recipients = g_strjoinv (", ", (char **) mail->addresses->pdata);
  g_ptr_array_remove_index (mail->addresses, mail->addresses->len - 1);

  lotse_record_set (dispatch, "meeting_id", mail->meeting_id);
  lotse_record_set (dispatch, "kind", mail->kind == LOTSE_MAIL_INVITATION ? "invitation" : "minutes");
  lotse_record_set (dispatch, "sent_at", stamp);
  lotse_record_set (dispatch, "recipient_count", count);
  lotse_record_set (dispatch, "recipients", *recipients != '\0' ? recipients : NULL);
  lotse_record_set (dispatch, "via", via);
  if (!lotse_store_insert (store, dispatch, error))
    return NULL;
  return g_steal_pointer (&dispatch);
}

/**
 * lotse_meeting_describe_dispatch:
 * @dispatch: a meeting_dispatch record
 *
 * Returns: (transfer full): e.g. “Minutes sent on 12.12.2026 to 14
 *   participants”
 */
char *
lotse_meeting_describe_dispatch (LotseRecord *dispatch)
{
  g_autofree char *day = g_strndup (lotse_record_get (dispatch, "sent_at"), 10);
  g_autofree char *date = lotse_format_date (day);
  gint64 count = lotse_record_get_int (dispatch, "recipient_count", 0);
  gboolean minutes = g_strcmp0 (lotse_record_get (dispatch, "kind"), "minutes") == 0;
  gboolean file = g_strcmp0 (lotse_record_get (dispatch, "via"), "eml") == 0;

  if (file)
    return g_strdup_printf (minutes
                            /* Translators: a date and a number of participants */
                            ? ngettext ("Minutes saved as e-mail on %s for %d participant",
                                        "Minutes saved as e-mail on %s for %d participants", count)
                            /* Translators: a date and a number of participants */
                            : ngettext ("Invitation saved as e-mail on %s for %d participant",
                                        "Invitation saved as e-mail on %s for %d participants", count),
                            date, (int) count);

  return g_strdup_printf (minutes
                          /* Translators: a date and a number of participants */
                          ? ngettext ("Minutes sent on %s to %d participant",
                                      "Minutes sent on %s to %d participants", count)
                          /* Translators: a date and a number of participants */
                          : ngettext ("Invitation sent on %s to %d participant",
                                      "Invitation sent on %s to %d participants", count),
                          date, (int) count);
}
