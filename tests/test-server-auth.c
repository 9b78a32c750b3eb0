/* test-server-auth.c: lotse-server's accounts and tokens under attack and
 * over time — password guessing from many addresses, tokens nobody uses
 * any more, a full disk, and who may read the data directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-test-server.h"

static char *
login_request (const char *user,
               const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\",\"device_name\":\"x\"}",
                                           user, password);

  return g_strdup_printf ("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\nConnection: close\r\n"
                          "Content-Length: %zu\r\n\r\n%s", strlen (body), body);
}

/* The status of a login sent from @from, and its Retry-After (0 if none). */
static guint
login_from (LotseTestServer *server,
            const char      *from,
            const char      *user,
            const char      *password,
            guint           *retry_after)
{
  g_autofree char *request = login_request (user, password);
  g_autofree char *answer = lotse_test_server_raw_from (server, from, request, strlen (request), 10000);
  const char *header = strstr (answer, "Retry-After: ");

  if (retry_after != NULL)
    *retry_after = header != NULL ? (guint)g_ascii_strtoull (header + strlen ("Retry-After: "), NULL, 10) : 0;

  return lotse_test_raw_status (answer);
}

/* The login limit per address (1/s) let 40 addresses guess 40 times a
 * second at one account. Now guesses at one account meet growing delays
 * whatever address they come from, and each lock is logged. */
static void
test_login_many_addresses (void)
{
  g_autoptr(LotseTestServer) server = lotse_test_server_new ();
  g_autofree char *log = NULL;
  g_autofree char *request = NULL;
  guint unauthorized = 0, limited = 0;
  guint retry_after = 0;
  guint status;

  lotse_test_server_add_user (server, "anna", "editor", "anna-secret-1");
  lotse_test_server_add_user (server, "ben", "editor", "ben-secret-12");
  lotse_test_server_start (server, NULL, NULL);

  for (guint i = 2; i < 42; i++)
    {
      g_autofree char *from = g_strdup_printf ("127.0.0.%u", i);

      status = login_from (server, from, "anna", "guess-1234", NULL);
      if (status == 401)
        unauthorized++;
      else if (status == 429)
        limited++;
      else
        g_error ("unexpected answer %u", status);
    }
  g_test_message ("%u guesses checked, %u refused", unauthorized, limited);
  /* Five free failures, then locks of 1 s, 2 s, 4 s …: a few more pass
   * while the 40 requests take their time. */
  g_assert_cmpuint (unauthorized, <=, 8);
  g_assert_cmpuint (limited, >=, 32);

  /* The right password waits too, from a new address … */
  status = login_from (server, "127.0.0.50", "anna", "anna-secret-1", &retry_after);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpuint (retry_after, >=, 1);
  /* … but another account is not locked. */
  g_assert_cmpuint (login_from (server, "127.0.0.51", "ben", "ben-secret-12", NULL), ==, 200);

  /* After the lock, the right password works and the failures are
   * forgotten. */
  g_usleep ((retry_after + 1) * G_USEC_PER_SEC);
  g_assert_cmpuint (login_from (server, "127.0.0.52", "anna", "anna-secret-1", NULL), ==, 200);
  g_assert_cmpuint (login_from (server, "127.0.0.53", "anna", "guess-5678", NULL), ==, 401);

  /* A client that hangs up while its password is checked. */
  request = login_request ("ben", "ben-secret-12");
  {
    g_autofree char *gone = lotse_test_server_raw_from (server, "127.0.0.54", request,
                                                        strlen (request), 1);
  }

  g_assert_cmpint (lotse_test_server_stop (server), ==, 0);

  /* One line per lock, the same in every language. */
  log = lotse_test_server_get_log (server);
  g_assert_nonnull (strstr (log, "login-lockout: user anna locked for 1 s after 6 failed logins in a row, "
                                 "the last from 127.0.0."));
  g_assert_null (strstr (log, "login-lockout: user ben"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-auth/login-many-addresses", test_login_many_addresses);

  return g_test_run ();
}
