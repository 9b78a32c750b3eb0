/* lotse-util.c: small helpers the GLib of the platform floor lacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-util"

#include "config.h"

#include "lotse-util.h"

/**
 * lotse_set_str:
 * @str_pointer: (inout) (not optional) (nullable): a string to replace
 * @new_str: (nullable): the new value; it may point into *@str_pointer
 *
 * g_set_str(), which arrives in GLib 2.76, above the platform floor.
 *
 * Returns: %TRUE if *@str_pointer changed, for a property to notify
 */
gboolean
lotse_set_str (char       **str_pointer,
               const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}
