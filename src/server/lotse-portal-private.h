/* lotse-portal-private.h: what the files of the web portal share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-portal.c signs people in and out and routes; lotse-portal-pages.c
 * renders the pages; lotse-portal-feed.c the calendar feeds and PDFs.
 */

#pragma once

#include <libsoup/soup.h>

#include "lotse-server-private.h"
#include "lotse-portal.h"
#include "lotse-portal-model.h"

G_BEGIN_DECLS

/* One request of a signed-in person. */
typedef struct
{
  SoupServerMessage  *msg;
  LotseStore         *store;
  LotsePortalModel   *model;     /* the store's, for what pages share */
  const char         *base;      /* "" or "/w/NAME": where /portal/ is */
  const char         *lang;      /* "de" or "en" */
  const char         *csrf;      /* the token every form carries */
  const char         *account;
  GHashTable         *form;      /* of a POST, or NULL */
  GHashTable         *query;     /* of the URL, or NULL */
  GString            *html;      /* what goes into <main> */
  char               *title;
  guint               status;
} LotsePortalPage;

/* lotse-portal.c: answers a request routed to the portal; @base is
 * "/w/NAME" or "", @rest the path after it. */
void      lotse_portal_handle          (LotsePortal       *self,
                                        LotseServer       *server,
                                        LotseServerSpace  *space,
                                        SoupServerMessage *msg,
                                        const char        *workspace,
                                        const char        *base,
                                        const char        *rest);

/* Appends @format with every string argument HTML-escaped
 * (g_markup_printf_escaped()). */
void      lotse_portal_printf          (LotsePortalPage *page,
                                        const char      *format,
                                        ...) G_GNUC_PRINTF (2, 3);
void      lotse_portal_set_title       (LotsePortalPage *page,
                                        const char      *title);
/* A page that says there is no such thing (404). */
void      lotse_portal_not_found       (LotsePortalPage *page);
/* The hidden field with the CSRF token, for a form. */
void      lotse_portal_csrf_field      (LotsePortalPage *page);

/* lotse-portal-pages.c; each renders into @page, @arg is the id of the
 * path when it has one. */
void      lotse_portal_page_portfolio  (LotsePortalPage *page,
                                        const char      *arg);
void      lotse_portal_page_project    (LotsePortalPage *page,
                                        const char      *arg);
void      lotse_portal_page_meetings   (LotsePortalPage *page,
                                        const char      *arg);
void      lotse_portal_page_meeting    (LotsePortalPage *page,
                                        const char      *arg);
void      lotse_portal_page_registers  (LotsePortalPage *page,
                                        const char      *arg);
void      lotse_portal_page_knowledge  (LotsePortalPage *page,
                                        const char      *arg);
void      lotse_portal_page_article    (LotsePortalPage *page,
                                        const char      *arg);
/* The first copy of the office takes longer than a request waits (503). */
void      lotse_portal_page_preparing  (LotsePortalPage *page);

/* lotse-portal-feed.c */
/* Answers /calendar/TOKEN/all.ics or /calendar/TOKEN/series/ID.ics. */
void      lotse_portal_serve_feed      (LotseServerSpace  *space,
                                        LotsePortalModel  *model,
                                        LotseStore        *store,
                                        SoupServerMessage *msg,
                                        const char        *rest);
/* Writes the feed of all meetings ahead, on the worker's thread. */
void      lotse_portal_feed_warm       (LotsePortalModel  *model);
/* Answers a PDF of /portal/pdf/KIND[/ID]; FALSE when there is none. */
gboolean  lotse_portal_serve_pdf       (LotsePortalPage   *page,
                                        const char        *kind,
                                        const char        *id);
/* The hash a feed token is stored under. */
char     *lotse_portal_feed_token_hash (const char        *token);

G_END_DECLS
