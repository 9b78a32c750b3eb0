/* test-markdown.c: Markdown → formatted text buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each Markdown construct must reach the buffer as its text with its named
 * tag, and no input — empty, huge, malformed, binary, nested without end —
 * may crash, warn or hang.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "lotse-markdown-buffer.h"

static LotseMarkdownBuffer *
render (const char *markdown)
{
  LotseMarkdownBuffer *buffer = lotse_markdown_buffer_new ();

  lotse_markdown_buffer_set_markdown (buffer, markdown);
  return buffer;
}

static char *
buffer_text (LotseMarkdownBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, FALSE);
}

/* The position of @needle in the buffer's text; fails the test if missing */
static void
find (LotseMarkdownBuffer *buffer,
      const char          *needle,
      GtkTextIter         *out_start,
      GtkTextIter         *out_end)
{
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &start);
  if (!gtk_text_iter_forward_search (&start, needle, 0, out_start, out_end, NULL))
    {
      g_autofree char *text = buffer_text (buffer);

      g_error ("“%s” not in the rendered text:\n%s", needle, text);
    }
}

/* Whether every character of @needle carries the tag @tag_name */
static gboolean
has_tag (LotseMarkdownBuffer *buffer,
         const char          *needle,
         const char          *tag_name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (buffer)),
                                               tag_name);
  GtkTextIter start, end;

  g_assert_nonnull (tag);
  find (buffer, needle, &start, &end);

  for (GtkTextIter iter = start; gtk_text_iter_compare (&iter, &end) < 0;
       gtk_text_iter_forward_char (&iter))
    if (!gtk_text_iter_has_tag (&iter, tag))
      return FALSE;

  return TRUE;
}

static void
test_headings (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer =
    render ("# Eins\n\n## Zwei\n\n### Drei\n\n###### Sechs\n\nText\n");
  g_autofree char *text = buffer_text (buffer);

  g_assert_cmpstr (text, ==, "Eins\n\nZwei\n\nDrei\n\nSechs\n\nText");
  g_assert_true (has_tag (buffer, "Eins", "h1"));
  g_assert_true (has_tag (buffer, "Zwei", "h2"));
  g_assert_true (has_tag (buffer, "Drei", "h3"));
  g_assert_true (has_tag (buffer, "Sechs", "h6"));
  g_assert_false (has_tag (buffer, "Text", "h1"));
  g_assert_false (has_tag (buffer, "Zwei", "h1"));
}

static void
test_inlines (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer =
    render ("Ein *betonter*, ein **starker**, ein ~~gestrichener~~ und `code` Text.");
  g_autofree char *text = buffer_text (buffer);

  g_assert_cmpstr (text, ==, "Ein betonter, ein starker, ein gestrichener und code Text.");
  g_assert_true (has_tag (buffer, "betonter", "emphasis"));
  g_assert_false (has_tag (buffer, "betonter", "strong"));
  g_assert_true (has_tag (buffer, "starker", "strong"));
  g_assert_true (has_tag (buffer, "gestrichener", "strikethrough"));
  g_assert_true (has_tag (buffer, "code", "code"));
  g_assert_false (has_tag (buffer, "Ein", "emphasis"));
  g_assert_false (has_tag (buffer, "Text", "code"));

  /* Nested: both tags */
  g_clear_object (&buffer);
  buffer = render ("***beides***");
  g_assert_true (has_tag (buffer, "beides", "emphasis"));
  g_assert_true (has_tag (buffer, "beides", "strong"));
}

static void
test_code_block (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer =
    render ("Davor\n\n```c\nint x = 1;\nreturn x;\n```\n\n    eingerückt\n\nDanach");
  g_autofree char *text = buffer_text (buffer);

  g_assert_cmpstr (text, ==, "Davor\n\nint x = 1;\nreturn x;\n\neingerückt\n\nDanach");
  g_assert_true (has_tag (buffer, "int x = 1;\nreturn x;", "code-block"));
  g_assert_true (has_tag (buffer, "eingerückt", "code-block"));
  g_assert_false (has_tag (buffer, "Danach", "code-block"));
}

static void
test_quote (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer = render ("> Zitat\n>\n> > tiefer\n\nnormal");

  g_assert_true (has_tag (buffer, "Zitat", "quote"));
  g_assert_true (has_tag (buffer, "Zitat", "indent-1"));
  g_assert_true (has_tag (buffer, "tiefer", "quote"));
  g_assert_true (has_tag (buffer, "tiefer", "indent-2"));
  g_assert_false (has_tag (buffer, "tiefer", "hang-2"));
  g_assert_false (has_tag (buffer, "normal", "quote"));
  g_assert_false (has_tag (buffer, "normal", "indent-1"));
}

static void
test_lists (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer =
    render ("- Apfel\n- Birne\n  - Kern\n\n3. drei\n4. vier\n");
  g_autofree char *text = buffer_text (buffer);

  g_assert_cmpstr (text, ==, "• Apfel\n• Birne\n◦ Kern\n\n3. drei\n4. vier");
  g_assert_true (has_tag (buffer, "Apfel", "list-item"));
  g_assert_true (has_tag (buffer, "• ", "list-marker"));
  g_assert_true (has_tag (buffer, "Apfel", "indent-1"));
  g_assert_true (has_tag (buffer, "Kern", "indent-2"));
  g_assert_true (has_tag (buffer, "Kern", "hang-2"));
  g_assert_true (has_tag (buffer, "4. ", "list-marker"));
  g_assert_true (has_tag (buffer, "vier", "list-item"));

  /* A loose list keeps blank lines between its items. */
  g_clear_object (&buffer);
  g_clear_pointer (&text, g_free);
  buffer = render ("- eins\n\n- zwei\n");
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "• eins\n\n• zwei");
}

static void
test_tasks (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer = render ("- [ ] offen\n- [x] erledigt\n- normal\n");
  g_autofree char *text = buffer_text (buffer);

  g_assert_cmpstr (text, ==, "☐ offen\n☑ erledigt\n• normal");
  g_assert_true (has_tag (buffer, "offen", "task-unchecked"));
  g_assert_false (has_tag (buffer, "offen", "task-checked"));
  g_assert_true (has_tag (buffer, "erledigt", "task-checked"));
  g_assert_false (has_tag (buffer, "erledigt", "task-unchecked"));
  g_assert_false (has_tag (buffer, "normal", "task-checked"));
  g_assert_false (has_tag (buffer, "normal", "task-unchecked"));
  g_assert_true (has_tag (buffer, "normal", "list-item"));
}

static void
test_links (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer =
    render ("Siehe [die Seite](https://example.org/a?b=1) und https://gnome.org sowie Text.");
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (buffer));
  GtkTextIter start, end;
  int n_tags;

  g_assert_true (has_tag (buffer, "die Seite", "link"));
  find (buffer, "die Seite", &start, &end);
  g_assert_cmpstr (lotse_markdown_buffer_get_link_at (buffer, &start), ==,
                   "https://example.org/a?b=1");

  g_assert_true (has_tag (buffer, "https://gnome.org", "link"));
  find (buffer, "https://gnome.org", &start, &end);
  g_assert_cmpstr (lotse_markdown_buffer_get_link_at (buffer, &start), ==, "https://gnome.org");

  find (buffer, "Text", &start, &end);
  g_assert_null (lotse_markdown_buffer_get_link_at (buffer, &start));
  g_assert_false (has_tag (buffer, "Text", "link"));

  /* Rendering again replaces the links and adds no tags. */
  n_tags = gtk_text_tag_table_get_size (table);
  lotse_markdown_buffer_set_markdown (buffer, "[x](https://a.example) [y](https://b.example)");
  g_assert_cmpint (gtk_text_tag_table_get_size (table), ==, n_tags);
  find (buffer, "y", &start, &end);
  g_assert_cmpstr (lotse_markdown_buffer_get_link_at (buffer, &start), ==, "https://b.example");
  find (buffer, " ", &start, &end);
  g_assert_null (lotse_markdown_buffer_get_link_at (buffer, &start));
  lotse_markdown_buffer_set_markdown (buffer, "kein Link");
  find (buffer, "kein", &start, &end);
  g_assert_null (lotse_markdown_buffer_get_link_at (buffer, &start));

  /* Emphasis inside a link keeps the link */
  lotse_markdown_buffer_set_markdown (buffer, "[ein **fetter** Link](https://c.example)");
  g_assert_true (has_tag (buffer, "fetter", "strong"));
  g_assert_true (has_tag (buffer, "fetter", "link"));
  find (buffer, "Link", &start, &end);
  g_assert_cmpstr (lotse_markdown_buffer_get_link_at (buffer, &start), ==, "https://c.example");
}

static void
test_table (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer =
    render ("| Projekt | Ampel |\n|---|:-:|\n| KIWI | grün |\n| Arena 4.0 | gelb |\n\nDanach");
  g_autofree char *text = buffer_text (buffer);

  /* Columns aligned: every cell padded to the widest of its column. */
  g_assert_cmpstr (text, ==,
                   "Projekt   │ Ampel\n"
                   "──────────┼──────\n"
                   "KIWI      │ grün \n"
                   "Arena 4.0 │ gelb \n"
                   "\n"
                   "Danach");
  g_assert_true (has_tag (buffer, "KIWI      │ grün ", "table"));
  g_assert_true (has_tag (buffer, "Projekt   │ Ampel", "table-header"));
  g_assert_false (has_tag (buffer, "KIWI", "table-header"));
  g_assert_false (has_tag (buffer, "Danach", "table"));

  /* Columns aligned as the delimiter row says */
  g_clear_object (&buffer);
  g_clear_pointer (&text, g_free);
  buffer = render ("| links | mitte | rechts |\n|:--|:-:|--:|\n| a | b | c |\n");
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==,
                   "links │ mitte │ rechts\n"
                   "──────┼───────┼───────\n"
                   "a     │   b   │      c");

  /* Rows shorter than the header are filled, long cells cut. */
  g_clear_object (&buffer);
  buffer = render ("| a | b |\n|---|---|\n| 1 |\n");
  g_assert_true (has_tag (buffer, "1 │", "table"));
}

static void
test_rule (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer = render ("oben\n\n---\n\nunten");

  g_assert_true (has_tag (buffer, "───", "rule"));
  g_assert_false (has_tag (buffer, "oben", "rule"));
}

static void
test_empty (void)
{
  g_autoptr(LotseMarkdownBuffer) buffer = render ("Text");
  g_autofree char *text = NULL;

  lotse_markdown_buffer_set_markdown (buffer, NULL);
  g_assert_cmpint (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (buffer)), ==, 0);
  lotse_markdown_buffer_set_markdown (buffer, "");
  g_assert_cmpint (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (buffer)), ==, 0);
  lotse_markdown_buffer_set_markdown (buffer, "\n\n   \n");
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "");
}

static void
test_malformed (void)
{
  static const char * const inputs[] = {
    "**nicht geschlossen", "[Link](", "[Link](javascript:alert(1))", "```\nnie zu",
    "| a |\n|---|\n| b | c | d |", "- [ ]", "> ", "<div>roh</div>", "<b>fett</b>",
    "![Bild](bild.png)", "[^1]\n\n[^1]: Fußnote", "#######", "1) x\n2) y", "- \n- \n",
    "\t\t\t", "\\", "*", "`", "~~", "|", "---\n---",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(LotseMarkdownBuffer) buffer = render (inputs[i]);
      g_autofree char *text = buffer_text (buffer);

      g_test_message ("%s → %s", inputs[i], text);
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
}

static void
test_binary (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);

  for (guint round = 0; round < 50; round++)
    {
      guint length = g_rand_int_range (rand, 1, 20000);
      g_autofree char *junk = g_malloc (length + 1);
      g_autoptr(LotseMarkdownBuffer) buffer = NULL;
      g_autofree char *text = NULL;

      /* Any byte but NUL: invalid UTF-8, control characters, Markdown
       * punctuation. */
      for (guint i = 0; i < length; i++)
        junk[i] = (char) g_rand_int_range (rand, 1, 256);
      junk[length] = '\0';

      buffer = render (junk);
      text = buffer_text (buffer);
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
}

static void
test_huge (void)
{
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(LotseMarkdownBuffer) buffer = NULL;
  gint64 start;

  /* About a megabyte, the schema's limit for a body. */
  for (guint i = 0; markdown->len < 1000000; i++)
    g_string_append_printf (markdown,
                            "## Abschnitt %u\n\nText mit **fett** und [Link](https://e.org/%u).\n\n"
                            "- Punkt\n- [x] erledigt\n\n| a | b |\n|---|---|\n| %u | x |\n\n",
                            i, i, i);

  start = g_get_monotonic_time ();
  buffer = render (markdown->str);
  g_test_message ("rendered %zu bytes in %" G_GINT64_FORMAT " ms", markdown->len,
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_true (has_tag (buffer, "Abschnitt 0", "h2"));
  g_assert_cmpint (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (buffer)), >, 500000);
}

static void
test_deeply_nested (void)
{
  g_autoptr(GString) lists = g_string_new (NULL);
  g_autoptr(GString) quotes = g_string_new (NULL);
  g_autoptr(LotseMarkdownBuffer) buffer = NULL;

  for (guint depth = 0; depth < 500; depth++)
    {
      for (guint i = 0; i < depth; i++)
        g_string_append (lists, "  ");
      g_string_append_printf (lists, "- Ebene %u\n", depth);
    }
  buffer = render (lists->str);
  g_assert_true (has_tag (buffer, "Ebene 0", "indent-1"));
  g_assert_true (has_tag (buffer, "Ebene 1", "indent-2"));
  /* Deeper levels stay at the deepest indentation. */
  g_assert_true (has_tag (buffer, "Ebene 30", "indent-12"));

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (quotes, '>');
  g_string_append (quotes, " tief\n");
  g_clear_object (&buffer);
  buffer = render (quotes->str);
  g_assert_true (has_tag (buffer, "tief", "quote"));
  g_assert_true (has_tag (buffer, "tief", "indent-12"));

  /* Mixed, and emphasis nested without end */
  g_string_truncate (quotes, 0);
  for (guint i = 0; i < 3000; i++)
    g_string_append (quotes, "> - ");
  g_string_append (quotes, "x\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (quotes, "*_");
  g_clear_object (&buffer);
  buffer = render (quotes->str);
  g_assert_cmpint (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (buffer)), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/headings", test_headings);
  g_test_add_func ("/markdown/inlines", test_inlines);
  g_test_add_func ("/markdown/code-block", test_code_block);
  g_test_add_func ("/markdown/quote", test_quote);
  g_test_add_func ("/markdown/lists", test_lists);
  g_test_add_func ("/markdown/tasks", test_tasks);
  g_test_add_func ("/markdown/links", test_links);
  g_test_add_func ("/markdown/table", test_table);
  g_test_add_func ("/markdown/rule", test_rule);
  g_test_add_func ("/markdown/robust/empty", test_empty);
  g_test_add_func ("/markdown/robust/malformed", test_malformed);
  g_test_add_func ("/markdown/robust/binary", test_binary);
  g_test_add_func ("/markdown/robust/huge", test_huge);
  g_test_add_func ("/markdown/robust/deeply-nested", test_deeply_nested);

  return g_test_run ();
}
