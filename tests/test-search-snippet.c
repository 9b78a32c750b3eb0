/* test-search-snippet.c: a search hit's snippet as a row shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pango.h>

#include "lotse-search-snippet.h"

static void
test_snippet_markup (void)
{
  static const struct
  {
    const char *snippet;
    const char *markup;
  } cases[] = {
    { "", "" },
    { "kein Treffer", "kein Treffer" },
    { "der \001Meilenstein\002 ist <fällig> & \"wichtig\"",
      "der <b>Meilenstein</b> ist &lt;fällig&gt; &amp; &quot;wichtig&quot;" },
    { "\001offen", "<b>offen</b>" },
    { "zu\002 \001a\002\001b\002", "zu <b>a</b><b>b</b>" },
    { "Zeile\nzwei\tund\003drei", "Zeile zwei und drei" },
    { "\xff kaputt", "\xef\xbf\xbd kaputt" },
    /* Markdown marks go, other punctuation stays. */
    { "…schicken.\n\n## Ständige \001Tages\002ordnung", "…schicken.  Ständige <b>Tages</b>ordnung" },
    { "- [ ] Frage 1: Wer?\n- [x] Frage 2", "Frage 1: Wer? Frage 2" },
    { "ein **\001fetter\002** und `code` Text", "ein <b>fetter</b> und code Text" },
    { "> - zitiert", "zitiert" },
    { "Ergebnis - gut, 3 * 4 = 12, C#", "Ergebnis - gut, 3 * 4 = 12, C#" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = lotse_search_snippet_to_markup (cases[i].snippet);

      g_assert_cmpstr (markup, ==, cases[i].markup);
      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
    }

  g_assert_cmpstr (lotse_search_snippet_to_markup (NULL), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-snippet/markup", test_snippet_markup);

  return g_test_run ();
}
