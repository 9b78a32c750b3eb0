/* test-report-pdf.h: reading PDFs back with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *lotse_test_pdf_text            (const char *path,
                                          int         first_page,
                                          int         last_page);
char     *lotse_test_pdf_info            (const char *path,
                                          const char *field);
int       lotse_test_pdf_pages           (const char *path);
void      lotse_test_pdf_assert_fonts_embedded (const char *path);
char     *lotse_test_pdf_normalize       (const char *text);
void      lotse_test_pdf_assert_contains (const char *normalized_text,
                                          const char *needle);
void      lotse_test_pdf_assert_footers  (const char *path,
                                          const char *page,
                                          const char *of,
                                          const char *date_text);

G_END_DECLS
