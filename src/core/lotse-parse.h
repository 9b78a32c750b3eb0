/* lotse-parse.h: dates, money and numbers as people type and read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest amount of money lotse_parse_money() accepts, 100 billion
 * euros: far beyond any funded project, and a typo beyond it is no
 * budget. */
#define LOTSE_MONEY_MAX_CENTS G_GINT64_CONSTANT (10000000000000)

gboolean  lotse_parse_date     (const char  *text,
                                char       **out_date,
                                GError     **error);
char     *lotse_format_date    (const char  *iso_date);
char     *lotse_date_hint      (void);

gboolean  lotse_parse_money    (const char  *text,
                                char       **out_cents,
                                GError     **error);
char     *lotse_format_money   (const char  *cents);

gboolean  lotse_parse_number   (const char  *text,
                                char       **out_number,
                                GError     **error);
char     *lotse_format_number  (const char  *number);

G_END_DECLS
