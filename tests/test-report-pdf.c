/* test-report-pdf.c: reading PDFs back with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report tests read what they wrote with pdfinfo, pdftotext and
 * pdffonts, the way a reader's PDF viewer would see it.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "test-report-pdf.h"

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed: %s", argv[0], err);

  return out;
}

/* The text of pages @first_page to @last_page (0: to the end), in the
 * order it was drawn, so the lines of a table cell stay together. */
char *
lotse_test_pdf_text (const char *path,
                     int         first_page,
                     int         last_page)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("pdftotext"));
  g_ptr_array_add (argv, g_strdup ("-raw"));
  g_ptr_array_add (argv, g_strdup ("-enc"));
  g_ptr_array_add (argv, g_strdup ("UTF-8"));
  if (first_page > 0)
    {
      g_ptr_array_add (argv, g_strdup ("-f"));
      g_ptr_array_add (argv, g_strdup_printf ("%d", first_page));
    }
  if (last_page > 0)
    {
      g_ptr_array_add (argv, g_strdup ("-l"));
      g_ptr_array_add (argv, g_strdup_printf ("%d", last_page));
    }
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, g_strdup ("-"));
  g_ptr_array_add (argv, NULL);

  return run ((const char * const *) argv->pdata);
}

/* One field of pdfinfo, e.g. “Title”, without the padding. */
char *
lotse_test_pdf_info (const char *path,
                     const char *field)
{
  const char *argv[] = { "pdfinfo", "-enc", "UTF-8", path, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], prefix))
        return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
    }

  return NULL;
}

int
lotse_test_pdf_pages (const char *path)
{
  g_autofree char *pages = lotse_test_pdf_info (path, "Pages");

  g_assert_nonnull (pages);

  return atoi (pages);
}

/* Every font of the file is embedded (pdffonts: “emb yes”). */
void
lotse_test_pdf_assert_fonts_embedded (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_fonts = 0;

  /* Two header lines; the columns from the right: emb sub uni object gen. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; columns[j] != NULL; j++)
        {
          if (*columns[j] != '\0')
            g_ptr_array_add (words, columns[j]);
        }
      if (words->len == 0)
        continue;

      g_assert_cmpuint (words->len, >=, 6);
      if (!g_str_equal (g_ptr_array_index (words, words->len - 5), "yes"))
        g_error ("font not embedded: %s", lines[i]);
      n_fonts++;
    }

  g_assert_cmpuint (n_fonts, >, 0);
}

/* Text with whitespace and hyphens taken out, so that a title wrapped or
 * hyphenated over lines still matches. */
char *
lotse_test_pdf_normalize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-' || c == 0x2010 || c == 0x00ad)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

void
lotse_test_pdf_assert_contains (const char *normalized_text,
                                const char *needle)
{
  g_autofree char *normalized = lotse_test_pdf_normalize (needle);

  if (strstr (normalized_text, normalized) == NULL)
    g_error ("the PDF does not contain “%s”", needle);
}

/* Every page says “Page x of y” (@page and @of: the words of the
 * language) and the date. */
void
lotse_test_pdf_assert_footers (const char *path,
                               const char *page,
                               const char *of,
                               const char *date_text)
{
  int pages = lotse_test_pdf_pages (path);

  g_assert_cmpint (pages, >, 0);
  for (int i = 1; i <= pages; i++)
    {
      g_autofree char *text = lotse_test_pdf_text (path, i, i);
      g_autofree char *expected = g_strdup_printf ("%s %d %s %d", page, i, of, pages);

      if (strstr (text, expected) == NULL)
        g_error ("page %d has no “%s”", i, expected);
      if (strstr (text, date_text) == NULL)
        g_error ("page %d has no “%s”", i, date_text);
    }
}
