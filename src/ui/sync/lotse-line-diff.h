/* lotse-line-diff.h: which lines of two texts differ (LCS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LOTSE_DIFF_SAME,
  LOTSE_DIFF_REMOVED,  /* only in the first text */
  LOTSE_DIFF_ADDED,    /* only in the second text */
} LotseDiffKind;

typedef struct
{
  LotseDiffKind  kind;
  char          *line;
} LotseDiffLine;

void       lotse_diff_line_free (LotseDiffLine *line);
/* Returns: (transfer full) (element-type LotseDiffLine): the lines of both texts in order */
GPtrArray *lotse_line_diff      (const char    *old_text,
                                 const char    *new_text);
/* Pango markup of the changed lines (with a line of context), "−"/"+" marked */
char      *lotse_line_diff_markup (const char  *old_text,
                                   const char  *new_text);

G_END_DECLS
