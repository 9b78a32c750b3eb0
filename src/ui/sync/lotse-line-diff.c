/* lotse-line-diff.c: which lines of two texts differ (LCS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Minutes and article bodies are a few hundred lines at most; the plain
 * O(n·m) table of the longest common subsequence is fast enough and easy
 * to trust. Texts beyond MAX_LINES lines are compared as removed + added.
 */

#define G_LOG_DOMAIN "lotse-line-diff"

#include "config.h"

#include "lotse-line-diff.h"

#define MAX_LINES 4000

void
lotse_diff_line_free (LotseDiffLine *line)
{
  g_free (line->line);
  g_free (line);
}

static void
add_line (GPtrArray     *lines,
          LotseDiffKind  kind,
          const char    *text)
{
  LotseDiffLine *line = g_new0 (LotseDiffLine, 1);

  line->kind = kind;
  line->line = g_strdup (text);
  g_ptr_array_add (lines, line);
}

GPtrArray *
lotse_line_diff (const char *old_text,
                 const char *new_text)
{
  g_auto(GStrv) a = g_strsplit (old_text ? old_text : "", "\n", -1);
  g_auto(GStrv) b = g_strsplit (new_text ? new_text : "", "\n", -1);
  guint n = g_strv_length (a);
  guint m = g_strv_length (b);
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)lotse_diff_line_free);
  g_autofree guint *table = NULL;
  guint i = 0;
  guint j = 0;

  if (n > MAX_LINES || m > MAX_LINES)
    {
      for (i = 0; i < n; i++)
        add_line (lines, LOTSE_DIFF_REMOVED, a[i]);
      for (j = 0; j < m; j++)
        add_line (lines, LOTSE_DIFF_ADDED, b[j]);
      return lines;
    }

  /* table[i][j]: length of the LCS of a[i..] and b[j..] */
  table = g_new0 (guint, (gsize)(n + 1) * (m + 1));
#define AT(x, y) table[(gsize)(x) * (m + 1) + (y)]
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      AT (x, y) = g_str_equal (a[x], b[y]) ? AT (x + 1, y + 1) + 1 : MAX (AT (x + 1, y), AT (x, y + 1));

  while (i < n && j < m)
    {
      if (g_str_equal (a[i], b[j]))
        {
          add_line (lines, LOTSE_DIFF_SAME, a[i]);
          i++;
          j++;
        }
      else if (AT (i + 1, j) >= AT (i, j + 1))
        add_line (lines, LOTSE_DIFF_REMOVED, a[i++]);
      else
        add_line (lines, LOTSE_DIFF_ADDED, b[j++]);
    }
#undef AT
  for (; i < n; i++)
    add_line (lines, LOTSE_DIFF_REMOVED, a[i]);
  for (; j < m; j++)
    add_line (lines, LOTSE_DIFF_ADDED, b[j]);

  return lines;
}

char *
lotse_line_diff_markup (const char *old_text,
                        const char *new_text)
{
  g_autoptr(GPtrArray) lines = lotse_line_diff (old_text, new_text);
  g_autoptr(GString) markup = g_string_new (NULL);
  gboolean gap = FALSE;

  for (guint k = 0; k < lines->len; k++)
    {
      LotseDiffLine *line = g_ptr_array_index (lines, k);
      g_autofree char *escaped = g_markup_escape_text (line->line, -1);
      gboolean near_change = FALSE;

      if (line->kind == LOTSE_DIFF_SAME)
        {
          LotseDiffLine *prev = k > 0 ? g_ptr_array_index (lines, k - 1) : NULL;
          LotseDiffLine *next = k + 1 < lines->len ? g_ptr_array_index (lines, k + 1) : NULL;

          near_change = (prev && prev->kind != LOTSE_DIFF_SAME) || (next && next->kind != LOTSE_DIFF_SAME);
          if (!near_change)
            {
              gap = TRUE;
              continue;
            }
        }

      if (gap && markup->len > 0)
        g_string_append (markup, "…\n");
      gap = FALSE;

      switch (line->kind)
        {
        case LOTSE_DIFF_REMOVED:
          g_string_append_printf (markup, "<span foreground=\"#c01c28\">− %s</span>\n", escaped);
          break;
        case LOTSE_DIFF_ADDED:
          g_string_append_printf (markup, "<span foreground=\"#26a269\">+ %s</span>\n", escaped);
          break;
        case LOTSE_DIFF_SAME:
        default:
          g_string_append_printf (markup, "  %s\n", escaped);
          break;
        }
    }

  if (markup->len > 0 && markup->str[markup->len - 1] == '\n')
    g_string_truncate (markup, markup->len - 1);

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
