/* lotse-mail.h: the invitation and the minutes of a meeting as e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lotse-store.h"

G_BEGIN_DECLS

typedef enum
{
  LOTSE_MAIL_INVITATION,   /* the agenda PDF and the meeting's .ics */
  LOTSE_MAIL_MINUTES,      /* the minutes PDF */
} LotseMailKind;

typedef struct
{
  char   *filename;
  char   *content_type;
  GBytes *data;
} LotseMailAttachment;

/* What is sent about one meeting: to whom, with which words. */
typedef struct
{
  LotseMailKind  kind;
  char          *meeting_id;
  char          *from;        /* "Name <address>" of the office, or NULL */
  GPtrArray     *to;          /* "Name <address>" of every participant with an address */
  GPtrArray     *addresses;   /* the bare addresses of @to */
  GPtrArray     *without;     /* names of participants without an address */
  char          *subject;
  char          *body;
  GPtrArray     *attachments; /* LotseMailAttachment */
} LotseMeetingMail;

LotseMeetingMail *lotse_meeting_mail_new          (LotseStore        *store,
                                                   const char        *meeting_id,
                                                   LotseMailKind      kind,
                                                   GError           **error);
void              lotse_meeting_mail_free         (LotseMeetingMail  *mail);
void              lotse_meeting_mail_attach       (LotseMeetingMail  *mail,
                                                   const char        *filename,
                                                   const char        *content_type,
                                                   GBytes            *data);
char             *lotse_meeting_mail_to_eml       (LotseMeetingMail  *mail,
                                                   GDateTime         *date);
LotseRecord      *lotse_meeting_mail_record       (LotseStore        *store,
                                                   LotseMeetingMail  *mail,
                                                   const char        *via,
                                                   GDateTime         *now,
                                                   GError           **error);
char             *lotse_meeting_describe_dispatch (LotseRecord       *dispatch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotseMeetingMail, lotse_meeting_mail_free)

G_END_DECLS
