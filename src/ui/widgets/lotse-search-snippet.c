/* lotse-search-snippet.c: a search hit's snippet as a row shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-search-snippet"

#include "config.h"

#include <string.h>

#include "lotse-search-snippet.h"

/* The index holds article bodies as Markdown; a snippet reads better
 * without its marks: emphasis and code marks, heading hashes, list
 * bullets, task boxes and quote marks at the start of a line. */
static void
strip_markdown_marks (char *text)
{
  const char *p = text;
  char *out = text;
  gboolean line_start = TRUE;

  while (*p != '\0')
    {
      if (line_start)
        {
          const char *q = p;

          while (*q == ' ')
            q++;

          if (*q == '#')
            {
              const char *r = q;

              while (*r == '#')
                r++;
              if (*r == ' ')
                {
                  p = r + 1;
                  line_start = FALSE;
                  continue;
                }
            }

          if ((*q == '-' || *q == '*' || *q == '+' || *q == '>') && q[1] == ' ')
            {
              /* A quote can hold a list: stay at the start of the line. */
              line_start = (*q == '>');
              p = q + 2;
              continue;
            }
        }

      if (g_str_has_prefix (p, "[ ] ") || g_str_has_prefix (p, "[x] ") ||
          g_str_has_prefix (p, "[X] "))
        {
          p += 4;
          continue;
        }

      if (g_str_has_prefix (p, "**") || g_str_has_prefix (p, "__") || g_str_has_prefix (p, "~~"))
        {
          p += 2;
          continue;
        }

      if (*p == '`')
        {
          p++;
          continue;
        }

      line_start = (*p == '\n');
      *out++ = *p++;
    }

  *out = '\0';
}

/**
 * lotse_search_snippet_to_markup:
 * @snippet: (nullable): a snippet from lotse-search, hits between
 *   %LOTSE_SEARCH_MATCH_START and %LOTSE_SEARCH_MATCH_END
 *
 * Returns: (transfer full): Pango markup with the hits in bold and all
 *   other text escaped, on one line, without Markdown's marks
 */
char *
lotse_search_snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *valid = NULL;
  gboolean in_hit = FALSE;
  const char *p;

  if (snippet == NULL)
    return g_strdup ("");

  /* Other control characters become spaces: Pango's markup parser
   * refuses them even as character references. */
  valid = g_utf8_make_valid (snippet, -1);
  strip_markdown_marks (valid);
  for (char *c = valid; *c != '\0'; c++)
    if ((guchar) *c < 0x20 && *c != LOTSE_SEARCH_MATCH_START[0] && *c != LOTSE_SEARCH_MATCH_END[0])
      *c = ' ';

  p = valid;
  while (*p != '\0')
    {
      gsize span = strcspn (p, LOTSE_SEARCH_MATCH_START LOTSE_SEARCH_MATCH_END);

      if (span > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (p, span);

          g_string_append (markup, escaped);
          p += span;
          continue;
        }

      if (*p == LOTSE_SEARCH_MATCH_START[0] && !in_hit)
        {
          g_string_append (markup, "<b>");
          in_hit = TRUE;
        }
      else if (*p == LOTSE_SEARCH_MATCH_END[0] && in_hit)
        {
          g_string_append (markup, "</b>");
          in_hit = FALSE;
        }
      p++;
    }

  if (in_hit)
    g_string_append (markup, "</b>");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
