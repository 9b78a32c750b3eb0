/* main.c: starts Lotse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lotse-application.h"
#include "lotse-frame-probe.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LotseApplication) app = NULL;
  const char *localedir = g_getenv ("LOTSE_LOCALEDIR");

  lotse_frame_probe_mark ("main");

  /* LOTSE_LOCALEDIR lets an uninstalled build find its translations,
   * e.g. LOTSE_LOCALEDIR=_build/po. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lotse_application_new (APPLICATION_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
