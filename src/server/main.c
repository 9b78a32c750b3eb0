/* main.c: lotse-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lotse-server-cli.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("LOTSE_LOCALEDIR");

  /* LOTSE_LOCALEDIR lets an uninstalled build find its translations,
   * e.g. LOTSE_LOCALEDIR=_build/po. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return lotse_server_cli_run (argc, argv);
}
