/* lotse-cli.c: the headless command line of Lotse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lotse-cli-private.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("LOTSE_LOCALEDIR");

  /* As in the app: LOTSE_LOCALEDIR=_build/po for an uninstalled build. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("lotse-cli");

  return lotse_cli_run (argc, argv);
}
