/* lotse-portal.c: the web portal of lotse-server: sign-in, sessions, routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partners read the office's data in a browser at /w/NAME/portal/ (or
 * /portal/ for the default workspace, as the API's /v1/), as HTML made
 * here, without JavaScript, in German or English after Accept-Language.
 *
 * Sessions. Signing in takes the server's accounts and the API's login
 * limits (lotse_server_check_login()). A session is a device of the
 * account, so that it lives in the server's storage on both backends,
 * is revoked by `token revoke` like any other and seen by every server
 * process; its cookie is "EXPIRY.TOKEN", stored as the SHA-256 of
 * "portal:" and that text. The prefix keeps a session cookie from being
 * a device token of the API (and a device token from being a session);
 * the expiry in the hashed text cannot be changed without the hash no
 * longer matching. Cookies are HttpOnly and SameSite=Strict, Secure when
 * the request came through TLS (the server's own, or a proxy's that says
 * X-Forwarded-Proto: https). Signing out revokes the device.
 *
 * Every form carries a CSRF token: the SHA-256 of "csrf:" and the
 * session cookie, which no other site can read; the sign-in form, before
 * there is a session, one of a cookie of its own (double submit).
 *
 * Every answer forbids framing, inline script and style
 * (Content-Security-Policy) and sniffing; pages are not cached. Nothing
 * but ids is in a URL: searches and sign-in are POSTed, and only the
 * calendar feeds carry their token in the URL, as calendars need it.
 */

#define G_LOG_DOMAIN "lotse-portal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "lotse-portal-private.h"
#include "lotse-portal-worker.h"
#include "lotse-server-resources.h"

#define SESSION_COOKIE "lotse_session"
#define LOGIN_COOKIE   "lotse_login"
/* A working day: a browser left open overnight is signed out. */
#define SESSION_SECONDS (10 * 3600)
/* What a browser that found the portal being prepared is told to wait. */
#define PREPARING_RETRY_SECONDS 5

struct _LotsePortal
{
  char       *location;  /* of the server's storage */
  char       *dir;       /* the read models' files */
  GHashTable *workers;   /* workspace name → LotsePortalWorker */
  GBytes     *css;
  locale_t    locales[2];
};

enum { LANG_EN, LANG_DE };

static const char * const security_headers[][2] = {
  { "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "X-Frame-Options", "DENY" },
  { "Referrer-Policy", "no-referrer" },
  { "Cache-Control", "no-store" },
};

LotsePortal *
lotse_portal_new (const char  *location,
                  GError     **error)
{
  g_autoptr(LotsePortal) self = g_new0 (LotsePortal, 1);

  self->location = g_strdup (location);
  self->dir = lotse_portal_model_make_dir (error);
  if (self->dir == NULL)
    return NULL;

  self->workers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)lotse_portal_worker_free);
  /* From the resource itself: a static library's constructor that would
   * register it is dropped by the linker. */
  self->css = g_resource_lookup_data (lotse_server_get_resource (), "/app/lotse/Server/portal.css", 0, error);
  if (self->css == NULL)
    return NULL;

  /* English is the messages as written; its dates the British way. */
  self->locales[LANG_EN] = newlocale (LC_ALL_MASK, "en_GB.UTF-8", (locale_t)0);
  if (self->locales[LANG_EN] == (locale_t)0)
    self->locales[LANG_EN] = newlocale (LC_ALL_MASK, "C.UTF-8", (locale_t)0);
  self->locales[LANG_DE] = newlocale (LC_ALL_MASK, "de_DE.UTF-8", (locale_t)0);

  return g_steal_pointer (&self);
}

void
lotse_portal_free (LotsePortal *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->workers, g_hash_table_unref);
  if (self->dir != NULL)
    lotse_portal_model_remove_dir (self->dir);
  g_free (self->dir);
  g_free (self->location);
  g_clear_pointer (&self->css, g_bytes_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->locales); i++)
    {
      if (self->locales[i] != (locale_t)0)
        freelocale (self->locales[i]);
    }
  g_free (self);
}

gboolean
lotse_portal_claims (const char *rest)
{
  return g_str_equal (rest, "/portal") || g_str_has_prefix (rest, "/portal/") ||
         g_str_has_prefix (rest, "/calendar/");
}

static LotsePortalWorker *
get_worker (LotsePortal *self,
            const char  *workspace)
{
  LotsePortalWorker *worker = g_hash_table_lookup (self->workers, workspace);

  if (worker == NULL)
    {
      g_autofree char *file = g_strconcat (workspace, ".db", NULL);
      g_autofree char *path = g_build_filename (self->dir, file, NULL);

      worker = lotse_portal_worker_new (self->location, workspace, path);
      g_hash_table_insert (self->workers, g_strdup (workspace), worker);
    }
  return worker;
}

/* --- requests ------------------------------------------------------------- */

static void
set_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  for (guint i = 0; i < G_N_ELEMENTS (security_headers); i++)
    soup_message_headers_replace (headers, security_headers[i][0], security_headers[i][1]);
}

/* "de" when the browser prefers German to English, else "en". */
static int
pick_language (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Language");
  g_autoptr(GSList) ranges = header != NULL ? soup_header_parse_quality_list (header, NULL) : NULL;

  for (GSList *l = ranges; l != NULL; l = l->next)
    {
      const char *range = l->data;

      if (g_ascii_strncasecmp (range, "de", 2) == 0 && (range[2] == '\0' || range[2] == '-'))
        {
          g_slist_free_full (g_steal_pointer (&ranges), g_free);
          return LANG_DE;
        }
      if (g_ascii_strncasecmp (range, "en", 2) == 0 && (range[2] == '\0' || range[2] == '-'))
        break;
    }
  g_slist_free_full (g_steal_pointer (&ranges), g_free);
  return LANG_EN;
}

/* The value of cookie @name, or NULL. */
static char *
get_cookie (SoupServerMessage *msg,
            const char        *name)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Cookie");
  g_auto(GStrv) pairs = NULL;
  gsize length = strlen (name);

  if (header == NULL)
    return NULL;

  pairs = g_strsplit_set (header, ";,", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = pairs[i];

      while (*pair == ' ')
        pair++;
      if (strncmp (pair, name, length) == 0 && pair[length] == '=')
        return g_strstrip (g_strdup (pair + length + 1));
    }
  return NULL;
}

static gboolean
is_secure (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *proto = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "X-Forwarded-Proto");

  return g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 || g_strcmp0 (proto, "https") == 0;
}

static void
set_cookie (SoupServerMessage *msg,
            const char        *base,
            const char        *name,
            const char        *value,
            gint64             max_age)
{
  g_autofree char *cookie = NULL;

  cookie = g_strdup_printf ("%s=%s; Path=%s/portal/; Max-Age=%" G_GINT64_FORMAT
                            "; HttpOnly; SameSite=Strict%s",
                            name, value, base, max_age, is_secure (msg) ? "; Secure" : "");
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", cookie);
}

static char *
sha256_of (const char *prefix,
           const char *text)
{
  g_autofree char *joined = g_strconcat (prefix, text, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
}

/* "/w/NAME" when the request named its workspace, else "". */
static char *
request_base (SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *end;

  if (!g_str_has_prefix (path, "/w/") || (end = strchr (path + 3, '/')) == NULL)
    return g_strdup ("");
  return g_strndup (path, end - path);
}

static void
redirect (SoupServerMessage *msg,
          const char        *base,
          const char        *where)
{
  g_autofree char *location = g_strconcat (base, "/portal/", where, NULL);

  soup_server_message_set_redirect (msg, 303, location);
}

/* The session of the cookie, or NULL when there is none that is valid. */
static LotseServerSession *
find_session (LotseServerSpace   *space,
              const char         *cookie,
              GError            **error)
{
  LotseServerStorage *storage = space->storage;
  guint8 digest[LOTSE_SERVER_TOKEN_DIGEST];
  const LotseServerSession *cached;
  LotseServerSession *session;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  char *end = NULL;
  gint64 expiry;

  if (cookie == NULL || strlen (cookie) > 128)
    return NULL;

  expiry = g_ascii_strtoll (cookie, &end, 10);
  if (end == cookie || *end != '.' || expiry <= g_get_real_time () / G_USEC_PER_SEC)
    return NULL;

  /* Known sessions come from the workspace's token cache, which the
   * server empties whenever a token may have been revoked. */
  text = g_strconcat ("portal:", cookie, NULL);
  lotse_server_token_digest (text, digest);
  if (storage->vtable->auth_version != NULL &&
      (cached = lotse_server_token_cache_lookup (space->tokens, digest)) != NULL)
    return lotse_server_session_copy (cached);

  hash = lotse_server_token_digest_to_hex (digest);
  session = storage->vtable->token_lookup (storage, hash, error);
  if (session != NULL && storage->vtable->auth_version != NULL)
    lotse_server_token_cache_insert (space->tokens, digest, session);
  return session;
}

/* A session's device is of no use once its cookie expired: each sign-in
 * removes those of the workspace, so that they neither pile up nor
 * linger as valid tokens. */
static void
remove_expired_sessions (LotseServerStorage *storage)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, -SESSION_SECONDS);
  g_autofree char *before = g_date_time_format (then, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autoptr(GError) error = NULL;

  if (storage->vtable->device_remove_older (storage, LOTSE_PORTAL_SESSION_DEVICE, before, &error) < 0)
    g_warning (_("Could not remove expired portal sessions: %s"), error->message);
}

static void
finish_sign_in (LotseServer              *server,
                LotseServerSpace         *space,
                SoupServerMessage        *msg,
                const LotseServerLogin   *login,
                const LotseServerAccount *account)
{
  LotseServerStorage *storage = space->storage;
  g_autofree char *base = request_base (msg);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *device_id = lotse_new_uuid ();

  set_security_headers (msg);
  if (account == NULL)
    {
      redirect (msg, base, "login?failed=1");
      return;
    }

  remove_expired_sessions (storage);
  token = lotse_server_new_token (&error);
  if (token != NULL)
    {
      cookie = g_strdup_printf ("%" G_GINT64_FORMAT ".%s",
                                g_get_real_time () / G_USEC_PER_SEC + SESSION_SECONDS, token);
      hash = sha256_of ("portal:", cookie);
    }
  if (token == NULL || !storage->vtable->device_add (storage, device_id, account->name,
                                                     LOTSE_PORTAL_SESSION_DEVICE, hash, &error))
    {
      g_warning (_("Could not store a new device: %s"), error->message);
      lotse_server_send_storage_error (msg, error);
      return;
    }

  set_cookie (msg, base, SESSION_COOKIE, cookie, SESSION_SECONDS);
  set_cookie (msg, base, LOGIN_COOKIE, "", 0);
  redirect (msg, base, "");
}

static gboolean
form_csrf_matches (GHashTable *form,
                   const char *expected)
{
  const char *given = form != NULL ? g_hash_table_lookup (form, "csrf") : NULL;

  guint8 difference = 0;
  gsize length;

  if (given == NULL || expected == NULL || (length = strlen (expected)) != strlen (given))
    return FALSE;

  /* In constant time: the token must not be guessed byte by byte. */
  for (gsize i = 0; i < length; i++)
    difference |= given[i] ^ expected[i];
  return difference == 0;
}

/* --- pages ------------------------------------------------------------------ */

void
lotse_portal_printf (LotsePortalPage *page,
                     const char      *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (page->html, text);
}

void
lotse_portal_set_title (LotsePortalPage *page,
                        const char      *title)
{
  g_free (page->title);
  page->title = g_strdup (title);
}

void
lotse_portal_not_found (LotsePortalPage *page)
{
  page->status = 404;
  g_string_truncate (page->html, 0);
  lotse_portal_set_title (page, _("Not found"));
  lotse_portal_printf (page, "<h1>%s</h1><p>%s</p>", _("Not found"),
                       _("There is nothing at this address, or it was deleted."));
}

void
lotse_portal_csrf_field (LotsePortalPage *page)
{
  lotse_portal_printf (page, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", page->csrf);
}

static void
append_navigation (GString         *out,
                   LotsePortalPage *page)
{
  static const struct { const char *path; const char *label; } links[] = {
    { "", N_("Portfolio") },
    { "meetings", N_("Meetings") },
    { "registers", N_("Registers") },
    { "knowledge", N_("Knowledge base") },
  };
  g_autofree char *head = g_markup_printf_escaped ("<header><nav aria-label=\"%s\"><ul>",
                                                   _("Main"));

  g_string_append (out, head);
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *item = g_markup_printf_escaped ("<li><a href=\"%s/portal/%s\">%s</a></li>",
                                                       page->base, links[i].path,
                                                       _(links[i].label));
      g_string_append (out, item);
    }
  if (page->account != NULL)
    {
      g_autofree char *form = NULL;

      form = g_markup_printf_escaped ("<li class=\"account\"><form method=\"post\" action=\"%s/portal/logout\">"
                                      "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                                      "<button type=\"submit\">%s</button></form></li>",
                                      page->base, page->csrf, _("Sign out"));
      g_string_append (out, form);
    }
  g_string_append (out, "</ul></nav></header>");
}

static void
send_page (LotsePortalPage *page)
{
  g_autoptr(GString) out = g_string_new ("<!DOCTYPE html>\n");
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;
  gsize length;

  head = g_markup_printf_escaped ("<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                  "<title>%s – Lotse</title>"
                                  "<link rel=\"stylesheet\" href=\"%s/portal/style.css\"></head><body>"
                                  "<a class=\"skip\" href=\"#main\">%s</a>",
                                  page->lang, page->title != NULL ? page->title : "Lotse",
                                  page->base, _("Skip to content"));
  g_string_append (out, head);
  append_navigation (out, page);
  g_string_append (out, "<main id=\"main\">");
  g_string_append_len (out, page->html->str, page->html->len);
  tail = g_markup_printf_escaped ("</main><footer><p>%s</p></footer></body></html>\n",
                                  _("Lotse – the office's portal"));
  g_string_append (out, tail);

  length = out->len;
  soup_server_message_set_status (page->msg, page->status, NULL);
  soup_server_message_set_response (page->msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_string_free (g_steal_pointer (&out), FALSE), length);
}

static void
page_login (LotsePortalPage *page)
{
  gboolean failed = page->query != NULL && g_hash_table_contains (page->query, "failed");

  lotse_portal_set_title (page, _("Sign in"));
  lotse_portal_printf (page, "<h1>%s</h1>", _("Sign in"));
  if (failed)
    {
      page->status = 401;
      lotse_portal_printf (page, "<p class=\"error\" role=\"alert\">%s</p>",
                           _("Wrong user name or password, or too many attempts. Please try again."));
    }
  lotse_portal_printf (page, "<form method=\"post\" action=\"%s/portal/login\" class=\"login\">",
                       page->base);
  lotse_portal_csrf_field (page);
  lotse_portal_printf (page, "<p><label for=\"user\">%s</label>"
                       "<input id=\"user\" name=\"user\" autocomplete=\"username\" required></p>"
                       "<p><label for=\"password\">%s</label>"
                       "<input id=\"password\" name=\"password\" type=\"password\" "
                       "autocomplete=\"current-password\" required></p>"
                       "<p><button type=\"submit\">%s</button></p></form>",
                       _("User name"), _("Password"), _("Sign in"));
}

static void
serve_login_form (LotsePortalPage *page,
                  const char      *base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nonce = lotse_server_new_token (&error);
  g_autofree char *csrf = NULL;

  if (nonce == NULL)
    {
      lotse_server_send_error_simple (page->msg, 500, "internal_error", error->message);
      return;
    }

  csrf = sha256_of ("csrf:", nonce);
  page->csrf = csrf;
  set_cookie (page->msg, base, LOGIN_COOKIE, nonce, 3600);
  page_login (page);
  send_page (page);
  page->csrf = NULL;
}

static void
sign_in (LotseServer       *server,
         LotseServerSpace  *space,
         LotsePortalPage   *page)
{
  g_autofree char *nonce = get_cookie (page->msg, LOGIN_COOKIE);
  g_autofree char *expected = nonce != NULL ? sha256_of ("csrf:", nonce) : NULL;
  const char *user = page->form != NULL ? g_hash_table_lookup (page->form, "user") : NULL;
  const char *password = page->form != NULL ? g_hash_table_lookup (page->form, "password") : NULL;
  LotseServerLogin *login;

  if (!form_csrf_matches (page->form, expected))
    {
      soup_server_message_set_status (page->msg, 403, NULL);
      soup_server_message_set_response (page->msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "The form has expired; open it again.\n", 38);
      return;
    }
  if (user == NULL || password == NULL || *user == '\0' || strlen (user) > 200 ||
      strlen (password) > 1024)
    {
      redirect (page->msg, page->base, "login?failed=1");
      return;
    }

  login = g_new0 (LotseServerLogin, 1);
  login->user = g_strdup (user);
  login->password = g_strdup (password);
  lotse_server_check_login (server, space, page->msg, login, finish_sign_in);
}

static void
sign_out (LotseServerSpace         *space,
          LotsePortalPage          *page,
          const LotseServerSession *session)
{
  LotseServerStorage *storage = space->storage;
  g_autoptr(GError) error = NULL;

  if (storage->vtable->revoke_device (storage, session->device_id, &error) < 0)
    {
      lotse_server_send_storage_error (page->msg, error);
      return;
    }
  lotse_server_token_cache_clear (space->tokens);
  set_cookie (page->msg, page->base, SESSION_COOKIE, "", 0);
  redirect (page->msg, page->base, "login");
}

/* --- routes ----------------------------------------------------------------- */

typedef void (*PageFunc) (LotsePortalPage *page,
                          const char      *arg);

static const struct
{
  const char *path;       /* after /portal/; a trailing / takes an id */
  PageFunc    render;
  gboolean    post;       /* also takes a POSTed form (a search) */
} pages[] = {
  { "", lotse_portal_page_portfolio, FALSE },
  { "project/", lotse_portal_page_project, FALSE },
  { "meetings", lotse_portal_page_meetings, FALSE },
  { "meetings/", lotse_portal_page_meetings, FALSE },
  { "meeting/", lotse_portal_page_meeting, FALSE },
  { "registers", lotse_portal_page_registers, FALSE },
  { "knowledge", lotse_portal_page_knowledge, TRUE },
  { "article/", lotse_portal_page_article, FALSE },
};

/* The page of @path with its id in *arg, or -1. */
static int
find_page (const char  *path,
           const char **arg)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      const char *prefix = pages[i].path;
      gsize length = strlen (prefix);

      if (length > 0 && prefix[length - 1] == '/')
        {
          if (strncmp (path, prefix, length) == 0 && lotse_is_uuid (path + length))
            {
              *arg = path + length;
              return i;
            }
        }
      else if (g_str_equal (path, prefix))
        {
          *arg = NULL;
          return i;
        }
    }
  return -1;
}

static void
send_text (SoupServerMessage *msg,
           guint              status,
           const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
serve_css (LotsePortal       *self,
           SoupServerMessage *msg)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (self->css, &length);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "max-age=3600");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/css; charset=utf-8", SOUP_MEMORY_STATIC, data, length);
}

static GHashTable *
read_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = NULL;

  if (body->length == 0 || memchr (body->data, '\0', body->length) != NULL)
    return NULL;
  text = g_strndup (body->data, body->length);
  return soup_form_decode (text);
}

typedef struct
{
  guint  status;
  char  *title;
  char  *html;
} CachedPage;

static void
cached_page_free (CachedPage *cached)
{
  g_free (cached->title);
  g_free (cached->html);
  g_free (cached);
}

/* A page without a form is the same for everyone who reads it in one
 * language on one day, until the data changes: it is made once. */
static void
render_cached (LotsePortalPage  *page,
               LotsePortalModel *model,
               int               index,
               const char       *arg)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (page->msg));
  g_autofree char *today = lotse_monitor_today ();
  g_autofree char *key = NULL;
  const CachedPage *cached;
  CachedPage *made;

  if (pages[index].post)
    {
      pages[index].render (page, arg);
      return;
    }

  /* The base too: the default workspace answers at /portal/ and at
   * /w/default/portal/, and its links follow the one asked. */
  key = g_strdup_printf ("page|%s|%s|%s|%d|%s|%s", page->base, page->lang, today, index,
                         arg != NULL ? arg : "", query != NULL ? query : "");
  cached = lotse_portal_model_cache_lookup (model, key);
  if (cached == NULL)
    {
      pages[index].render (page, arg);
      made = g_new0 (CachedPage, 1);
      made->status = page->status;
      made->title = g_strdup (page->title);
      made->html = g_strdup (page->html->str);
      lotse_portal_model_cache_insert (model, key, made, (GDestroyNotify)cached_page_free);
      return;
    }

  page->status = cached->status;
  lotse_portal_set_title (page, cached->title);
  g_string_assign (page->html, cached->html);
}

/* Renders the page of a signed-in person; FALSE when @path has none. */
static gboolean
render (LotsePortalPage   *page,
        LotsePortalModel  *model,
        const char        *path)
{
  const char *arg = NULL;
  int index;

  page->model = model;
  page->store = lotse_portal_model_get_store (model);
  if (g_str_has_prefix (path, "pdf/"))
    {
      g_auto(GStrv) parts = g_strsplit (path + 4, "/", 3);

      return lotse_portal_serve_pdf (page, parts[0], parts[0] != NULL ? parts[1] : NULL);
    }

  index = find_page (path, &arg);
  if (index < 0)
    return FALSE;
  if (g_str_equal (soup_server_message_get_method (page->msg), "POST") && !pages[index].post)
    {
      send_text (page->msg, 405, "This page takes no form.\n");
      return TRUE;
    }

  render_cached (page, model, index, arg);
  send_page (page);
  return TRUE;
}

/* @model is NULL for signing out, which needs none. */
static void
handle_signed_in (LotseServerSpace  *space,
                  LotsePortalPage   *page,
                  LotsePortalModel  *model,
                  const char        *path)
{
  g_autofree char *cookie = get_cookie (page->msg, SESSION_COOKIE);
  g_autoptr(LotseServerSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csrf = NULL;
  gboolean post = g_str_equal (soup_server_message_get_method (page->msg), "POST");

  session = find_session (space, cookie, &error);
  if (session == NULL)
    {
      if (error != NULL)
        lotse_server_send_storage_error (page->msg, error);
      else
        redirect (page->msg, page->base, "login");
      return;
    }

  csrf = sha256_of ("csrf:", cookie);
  page->csrf = csrf;
  page->account = session->account;
  if (post && !form_csrf_matches (page->form, csrf))
    send_text (page->msg, 403, "The form has expired; open the page again.\n");
  else if (g_str_equal (path, "logout"))
    {
      if (post)
        sign_out (space, page, session);
      else
        send_text (page->msg, 405, "Sign out with the button.\n");
    }
  else if (!render (page, model, path))
    {
      lotse_portal_not_found (page);
      send_page (page);
    }
  page->csrf = NULL;
  page->account = NULL;
}

/* The first copy of a large office takes seconds: say so rather than
 * keep the browser waiting. */
static void
send_preparing (LotsePortalPage *page)
{
  g_autofree char *seconds = g_strdup_printf ("%d", PREPARING_RETRY_SECONDS);

  soup_message_headers_replace (soup_server_message_get_response_headers (page->msg),
                                "Retry-After", seconds);
  if (page->html == NULL)
    {
      send_text (page->msg, 503, _("The calendar is being prepared, try again in a moment.\n"));
      return;
    }
  lotse_portal_page_preparing (page);
  send_page (page);
}

typedef enum
{
  MODEL_ASK,        /* brought up to date first when it is not */
  MODEL_WAITED,     /* the request waited for that: as it is */
  MODEL_PREPARING,  /* the first copy takes longer */
} ModelState;

/* A request paused until the read model is up to date. */
typedef struct
{
  LotsePortal       *portal;
  LotseServer       *server;
  LotseServerSpace  *space;
  SoupServerMessage *msg;
  char              *workspace;
  char              *base;
  char              *rest;
} Waiting;

static void
waiting_free (Waiting *waiting)
{
  g_object_unref (waiting->server);
  lotse_server_space_unref (waiting->space);
  g_object_unref (waiting->msg);
  g_free (waiting->workspace);
  g_free (waiting->base);
  g_free (waiting->rest);
  g_free (waiting);
}

static void on_model_ready (gpointer      data,
                            const GError *error);

/* The read model to answer @msg from; NULL when the request now waits for
 * it (paused, and handled again then) or was answered. */
static LotsePortalModel *
ready_model (LotsePortal       *self,
             LotseServer       *server,
             LotseServerSpace  *space,
             SoupServerMessage *msg,
             const char        *workspace,
             const char        *base,
             const char        *rest,
             ModelState         state)
{
  LotsePortalWorker *worker = get_worker (self, workspace);
  g_autoptr(GError) error = NULL;
  LotsePortalModel *model;
  Waiting *waiting;

  if (state == MODEL_WAITED)
    return lotse_portal_worker_model (worker);

  model = lotse_portal_worker_current (worker, space->storage, &error);
  if (model != NULL)
    return model;
  if (error != NULL)
    {
      g_warning ("%s", error->message);
      lotse_server_send_storage_error (msg, error);
      return NULL;
    }

  waiting = g_new0 (Waiting, 1);
  waiting->portal = self;
  waiting->server = g_object_ref (server);
  waiting->space = lotse_server_space_ref (space);
  waiting->msg = g_object_ref (msg);
  waiting->workspace = g_strdup (workspace);
  waiting->base = g_strdup (base);
  waiting->rest = g_strdup (rest);
  soup_server_message_pause (msg);
  lotse_portal_worker_wait (worker, on_model_ready, waiting, (GDestroyNotify)waiting_free);
  return NULL;
}

static void
handle_feed (LotsePortal       *self,
             LotseServer       *server,
             LotseServerSpace  *space,
             SoupServerMessage *msg,
             const char        *workspace,
             const char        *base,
             const char        *rest,
             ModelState         state)
{
  LotsePortalPage page = { msg };
  LotsePortalModel *model;

  if (state == MODEL_PREPARING)
    send_preparing (&page);
  else if ((model = ready_model (self, server, space, msg, workspace, base, rest, state)) != NULL)
    lotse_portal_serve_feed (space, model, lotse_portal_model_get_store (model), msg,
                             rest + strlen ("/calendar/"));
  else if (state == MODEL_WAITED)
    send_preparing (&page);
}

static void
handle_request (LotsePortal       *self,
                LotseServer       *server,
                LotseServerSpace  *space,
                SoupServerMessage *msg,
                const char        *workspace,
                const char        *base,
                const char        *rest,
                ModelState         state)
{
  const char *method = soup_server_message_get_method (msg);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  int lang = pick_language (msg);
  LotsePortalPage page = { msg, NULL, NULL, base, lang == LANG_DE ? "de" : "en" };
  LotsePortalModel *model = NULL;
  const char *path;
  locale_t previous = (locale_t)0;

  set_security_headers (msg);
  if (g_str_has_prefix (rest, "/calendar/"))
    {
      handle_feed (self, server, space, msg, workspace, base, rest, state);
      return;
    }

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD") && !g_str_equal (method, "POST"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "GET, POST");
      send_text (msg, 405, "This method is not allowed here.\n");
      return;
    }
  if (g_str_equal (rest, "/portal"))
    {
      redirect (msg, base, "");
      return;
    }
  path = rest + strlen ("/portal/");
  if (g_str_equal (path, "style.css"))
    {
      serve_css (self, msg);
      return;
    }

  if (self->locales[lang] != (locale_t)0)
    previous = uselocale (self->locales[lang]);
  page.html = g_string_new (NULL);
  page.status = 200;
  page.query = query != NULL ? soup_form_decode (query) : NULL;
  page.form = g_str_equal (method, "POST") ? read_form (msg) : NULL;

  if (g_str_equal (path, "login") && !g_str_equal (method, "POST"))
    serve_login_form (&page, base);
  else if (g_str_equal (path, "login"))
    sign_in (server, space, &page);
  else if (g_str_equal (path, "logout"))
    handle_signed_in (space, &page, NULL, path);
  else if (state == MODEL_PREPARING)
    send_preparing (&page);
  else if ((model = ready_model (self, server, space, msg, workspace, base, rest, state)) != NULL)
    handle_signed_in (space, &page, model, path);
  else if (state == MODEL_WAITED)
    send_preparing (&page);

  g_clear_pointer (&page.query, g_hash_table_unref);
  g_clear_pointer (&page.form, g_hash_table_unref);
  g_string_free (page.html, TRUE);
  g_free (page.title);
  if (previous != (locale_t)0)
    uselocale (previous);
}

static void
on_model_ready (gpointer      data,
                const GError *error)
{
  Waiting *waiting = data;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    handle_request (waiting->portal, waiting->server, waiting->space, waiting->msg, waiting->workspace,
                    waiting->base, waiting->rest, error == NULL ? MODEL_WAITED : MODEL_PREPARING);
  else
    lotse_server_send_storage_error (waiting->msg, error);
  soup_server_message_unpause (waiting->msg);
}

void
lotse_portal_handle (LotsePortal       *self,
                     LotseServer       *server,
                     LotseServerSpace  *space,
                     SoupServerMessage *msg,
                     const char        *workspace,
                     const char        *base,
                     const char        *rest)
{
  handle_request (self, server, space, msg, workspace, base, rest, MODEL_ASK);
}
