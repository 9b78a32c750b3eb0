/* lotse-entry-row.c: entry rows that show a stored value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2's AdwEntryRow shows its apply button after any change of
 * its text, also one the program makes. A row that shows what the store
 * holds (a project's title after a sync or a resolved conflict) then kept
 * a check mark that offered to save what was already saved.
 */

#define G_LOG_DOMAIN "lotse-entry-row"

#include "config.h"

#include "lotse-entry-row.h"

/**
 * lotse_entry_row_set_stored_text:
 * @row: an entry row
 * @text: (nullable): the value the store holds
 *
 * Shows @text as the row's unchanged value: without an apply button.
 */
void
lotse_entry_row_set_stored_text (AdwEntryRow *row,
                                 const char  *text)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");

  /* Turning the button off forgets the change; on again, it waits for
   * the next one the user makes. */
  if (adw_entry_row_get_show_apply_button (row))
    {
      adw_entry_row_set_show_apply_button (row, FALSE);
      adw_entry_row_set_show_apply_button (row, TRUE);
    }
}
