/* lotse-markdown-buffer.c: Markdown shown as formatted text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmark-gfm parses the Markdown (with the tables, task lists,
 * strikethrough and autolink extensions) into a tree; the tree is walked
 * with cmark's iterator, which needs no recursion, so that any depth of
 * nested lists and quotes is safe, and written into the buffer with a named
 * tag for each construct: "h1" … "h6", "emphasis", "strong",
 * "strikethrough", "code", "code-block", "quote", "list-marker",
 * "list-item", "task-checked", "task-unchecked", "link", "table",
 * "table-header", "rule", "indent-N" for the nesting depth and, in list
 * items, "hang-N" for lines that wrap under the text. The
 * URIs of links are kept as ranges beside the text
 * (lotse_markdown_buffer_get_link_at()): a tag per link made a long
 * article with thousands of links ten times slower to show.
 *
 * Tables become aligned monospace text: a GtkTextView has no table
 * layout, and columns padded with spaces read well at any width that
 * fits them, and scroll sideways otherwise.
 *
 * Task list items ("- [ ] Ask the partners") show a box, ☐ or ☑, that a
 * click or Enter ticks: the buffer keeps the Markdown it shows and where
 * in it each box's "[ ]" or "[x]" is, and says which box the person
 * toggled (the "toggle-task" signal); lotse_markdown_buffer_toggle_task()
 * gives the Markdown with that box changed, for the view to save.
 */

#define G_LOG_DOMAIN "lotse-markdown-buffer"

#include "config.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>

#include "lotse-markdown-buffer-private.h"

#define MAX_INDENT       12
#define INDENT_PIXELS    24
#define HANG_PIXELS      18
#define MAX_TABLE_COLUMN 40

enum {
  TOGGLE_TASK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  int   start;  /* character offsets */
  int   end;
  char *uri;
} Link;

G_DEFINE_FINAL_TYPE (LotseMarkdownBuffer, lotse_markdown_buffer, GTK_TYPE_TEXT_BUFFER)

static void lotse_markdown_buffer_constructed (GObject *object);

typedef struct
{
  LotseMarkdownBuffer *self;
  GtkTextBuffer       *buffer;
  GPtrArray           *tags;      /* the pushed tags, innermost last */
  GHashTable          *active;    /* tag → how often it is pushed; applied once */
  GArray              *counters;  /* per open list: the next number, 0 for bullets */
  GArray              *containers;/* TRUE for a list, FALSE for a quote, innermost last */
  GArray              *open_links;/* Link being written, innermost last */
  guint                quote_depth;
  const char          *source;     /* the Markdown being shown */
  GArray              *line_starts;/* gsize: byte offset of each line of source */
} Render;

static void
lotse_markdown_buffer_finalize (GObject *object)
{
  LotseMarkdownBuffer *self = LOTSE_MARKDOWN_BUFFER (object);

  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->tasks, g_array_unref);
  g_clear_pointer (&self->markdown, g_free);
  g_clear_pointer (&self->blob_dir, g_free);
  g_clear_pointer (&self->images, g_hash_table_unref);

  G_OBJECT_CLASS (lotse_markdown_buffer_parent_class)->finalize (object);
}

static void
lotse_markdown_buffer_class_init (LotseMarkdownBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lotse_markdown_buffer_constructed;
  object_class->finalize = lotse_markdown_buffer_finalize;

  /**
   * LotseMarkdownBuffer::toggle-task:
   * @index: the task box, counted from 0 in the order of the text
   *
   * A person clicked a task box in a view set up with
   * lotse_markdown_view_setup(), or pressed Enter or Space on it.
   */
  signals[TOGGLE_TASK] =
    g_signal_new ("toggle-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

/* Not in init: the buffer's construct property "tag-table" is set after
 * init and must find no table yet. */
static void
lotse_markdown_buffer_constructed (GObject *object)
{
  LotseMarkdownBuffer *self = LOTSE_MARKDOWN_BUFFER (object);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  static const double heading_scales[] = { 1.6, 1.4, 1.2, 1.1, 1.0, 1.0 };
  GdkRGBA shade = { 0.5, 0.5, 0.5, 0.15 };
  GdkRGBA dim = { 0.5, 0.5, 0.5, 1.0 };

  G_OBJECT_CLASS (lotse_markdown_buffer_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (heading_scales); i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u", i + 1);

      gtk_text_buffer_create_tag (buffer, name,
                                  "weight", PANGO_WEIGHT_BOLD,
                                  "scale", heading_scales[i],
                                  "pixels-above-lines", 6,
                                  NULL);
    }

  gtk_text_buffer_create_tag (buffer, "emphasis", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "strikethrough", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "code",
                              "family", "monospace",
                              "background-rgba", &shade,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "code-block",
                              "family", "monospace",
                              "paragraph-background-rgba", &shade,
                              "wrap-mode", GTK_WRAP_CHAR,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "quote",
                              "style", PANGO_STYLE_ITALIC,
                              "foreground-rgba", &dim,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "list-marker", NULL);
  gtk_text_buffer_create_tag (buffer, "list-item", NULL);
  gtk_text_buffer_create_tag (buffer, "task-checked", NULL);
  gtk_text_buffer_create_tag (buffer, "task-unchecked", NULL);
  /* Adwaita's blue reads on light and dark backgrounds alike. */
  gtk_text_buffer_create_tag (buffer, "link",
                              "foreground", "#3584e4",
                              "underline", PANGO_UNDERLINE_SINGLE,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "table",
                              "family", "monospace",
                              "wrap-mode", GTK_WRAP_NONE,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "table-header", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "rule",
                              "justification", GTK_JUSTIFY_CENTER,
                              "foreground-rgba", &dim,
                              NULL);

  for (guint i = 1; i <= MAX_INDENT; i++)
    {
      g_autofree char *name = g_strdup_printf ("indent-%u", i);

      gtk_text_buffer_create_tag (buffer, name, "left-margin", (int) i * INDENT_PIXELS, NULL);
    }

  /* The lines of a list item wrap under its text, not under its marker;
   * made after indent-N, so their margin wins where both apply. */
  for (guint i = 1; i <= MAX_INDENT; i++)
    {
      g_autofree char *name = g_strdup_printf ("hang-%u", i);

      gtk_text_buffer_create_tag (buffer, name,
                                  "left-margin", (int) i * INDENT_PIXELS + HANG_PIXELS,
                                  "indent", -HANG_PIXELS,
                                  NULL);
    }
}

static void
clear_link (gpointer data)
{
  Link *link = data;

  g_free (link->uri);
}

static void
lotse_markdown_buffer_init (LotseMarkdownBuffer *self)
{
  self->links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_array_set_clear_func (self->links, clear_link);
  self->tasks = g_array_new (FALSE, FALSE, sizeof (Task));
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * lotse_markdown_buffer_new:
 *
 * Returns: (transfer full): a new, empty buffer with the tags for Markdown
 */
LotseMarkdownBuffer *
lotse_markdown_buffer_new (void)
{
  return g_object_new (LOTSE_TYPE_MARKDOWN_BUFFER, NULL);
}

/* Rendering ---------------------------------------------------------------- */

static GtkTextTag *
lookup_tag (Render     *r,
            const char *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (r->buffer), name);

  g_assert (tag != NULL);
  return tag;
}

static void
push_tag (Render     *r,
          const char *name)
{
  GtkTextTag *tag = lookup_tag (r, name);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (r->active, tag));

  g_ptr_array_add (r->tags, tag);
  g_hash_table_insert (r->active, tag, GUINT_TO_POINTER (count + 1));
}

static void
pop_tags (Render *r,
          guint   n)
{
  g_assert (r->tags->len >= n);

  for (guint i = 0; i < n; i++)
    {
      GtkTextTag *tag = g_ptr_array_steal_index (r->tags, r->tags->len - 1);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (r->active, tag));

      if (count <= 1)
        g_hash_table_remove (r->active, tag);
      else
        g_hash_table_insert (r->active, tag, GUINT_TO_POINTER (count - 1));
    }
}

static guint
current_depth (Render *r)
{
  return MIN (r->counters->len + r->quote_depth, MAX_INDENT);
}

static void
insert (Render     *r,
        const char *text,
        gssize      len)
{
  g_autofree char *valid = NULL;
  GtkTextIter start, end;
  int offset;
  guint depth;

  if (text == NULL)
    return;
  if (len < 0)
    len = strlen (text);
  if (len == 0)
    return;

  /* cmark passes bytes through; the buffer accepts only UTF-8. */
  if (!g_utf8_validate_len (text, len, NULL))
    {
      valid = g_utf8_make_valid (text, len);
      text = valid;
      len = strlen (valid);
    }

  offset = gtk_text_buffer_get_char_count (r->buffer);
  gtk_text_buffer_get_end_iter (r->buffer, &end);
  gtk_text_buffer_insert (r->buffer, &end, text, len);

  gtk_text_buffer_get_iter_at_offset (r->buffer, &start, offset);
  gtk_text_buffer_get_end_iter (r->buffer, &end);
  {
    GHashTableIter active;
    gpointer tag;

    g_hash_table_iter_init (&active, r->active);
    while (g_hash_table_iter_next (&active, &tag, NULL))
      gtk_text_buffer_apply_tag (r->buffer, tag, &start, &end);
  }

  depth = current_depth (r);
  if (depth > 0)
    {
      g_autofree char *name = g_strdup_printf ("indent-%u", depth);

      gtk_text_buffer_apply_tag (r->buffer, lookup_tag (r, name), &start, &end);

      if (g_array_index (r->containers, gboolean, r->containers->len - 1))
        {
          g_autofree char *hang = g_strdup_printf ("hang-%u", depth);

          gtk_text_buffer_apply_tag (r->buffer, lookup_tag (r, hang), &start, &end);
        }
    }
}

static guint
trailing_newlines (GtkTextBuffer *buffer)
{
  GtkTextIter iter;
  guint n = 0;

  gtk_text_buffer_get_end_iter (buffer, &iter);
  while (n < 2 && gtk_text_iter_backward_char (&iter) && gtk_text_iter_get_char (&iter) == '\n')
    n++;

  return n;
}

/* Ends the text before a block: a line break, and a blank line unless the
 * block belongs to a tight list. */
static void
begin_block (Render   *r,
             gboolean  blank_line)
{
  guint wanted = blank_line ? 2 : 1;
  guint have;
  GtkTextIter end;

  if (gtk_text_buffer_get_char_count (r->buffer) == 0)
    return;

  for (have = trailing_newlines (r->buffer); have < wanted; have++)
    {
      gtk_text_buffer_get_end_iter (r->buffer, &end);
      gtk_text_buffer_insert (r->buffer, &end, "\n", 1);
    }
}

static gboolean
is_type (cmark_node *node,
         const char *type_string)
{
  return g_strcmp0 (cmark_node_get_type_string (node), type_string) == 0;
}

static void
break_before (Render     *r,
              cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);
  gboolean first = cmark_node_previous (node) == NULL;
  gboolean tight = FALSE;

  if (cmark_node_get_type (node) == CMARK_NODE_ITEM)
    {
      begin_block (r, !first && !cmark_node_get_list_tight (parent));
      return;
    }

  if (parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM)
    {
      /* The first block of an item follows its marker. */
      if (first)
        return;
      tight = cmark_node_get_list_tight (cmark_node_parent (parent));
    }

  begin_block (r, !tight);
}

/* The text of a node's inlines, for table cells */
static void
append_plain_text (GString    *text,
                   cmark_node *node)
{
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *current = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch (cmark_node_get_type (current))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
          g_string_append (text, cmark_node_get_literal (current));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (text, ' ');
          break;

        default:
          break;
        }
    }

  cmark_iter_free (iter);
}

static void
append_spaces (GString *line,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (line, ' ');
}

/* @alignment: 'l', 'c', 'r' or 0 (left), as cmark-gfm gives it */
static void
append_padded (GString    *line,
               const char *cell,
               guint       width,
               char        alignment)
{
  guint length = g_utf8_strlen (cell, -1);
  guint before = 0;

  if (length > width)
    {
      g_autofree char *start = g_utf8_substring (cell, 0, width - 1);

      g_string_append (line, start);
      g_string_append (line, "…");
      return;
    }

  if (alignment == 'r')
    before = width - length;
  else if (alignment == 'c')
    before = (width - length) / 2;

  append_spaces (line, before);
  g_string_append (line, cell);
  append_spaces (line, width - length - before);
}

static void
render_table (Render     *r,
              cmark_node *table)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (guint));
  guint n_columns = cmark_gfm_extensions_get_table_columns (table);
  const uint8_t *alignments = cmark_gfm_extensions_get_table_alignments (table);
  gboolean has_header = FALSE;

  for (cmark_node *row = cmark_node_first_child (table); row; row = cmark_node_next (row))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint column = 0;

      if (row == cmark_node_first_child (table))
        has_header = cmark_gfm_extensions_get_table_row_is_header (row);

      for (cmark_node *cell = cmark_node_first_child (row); cell; cell = cmark_node_next (cell))
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *valid = NULL;
          guint length;

          append_plain_text (text, cell);
          valid = g_utf8_make_valid (text->str, text->len);
          g_strstrip (valid);
          length = MIN (g_utf8_strlen (valid, -1), MAX_TABLE_COLUMN);

          if (column >= widths->len)
            g_array_set_size (widths, column + 1);
          if (length > g_array_index (widths, guint, column))
            g_array_index (widths, guint, column) = length;

          g_strv_builder_add (builder, valid);
          column++;
        }

      g_ptr_array_add (rows, g_strv_builder_end (builder));
    }

  push_tag (r, "table");
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv cells = g_ptr_array_index (rows, i);
      g_autoptr(GString) line = g_string_new (NULL);
      gboolean header = has_header && i == 0;

      for (guint c = 0; c < widths->len; c++)
        {
          if (c > 0)
            g_string_append (line, " │ ");
          append_padded (line, c < g_strv_length (cells) ? cells[c] : "",
                         MAX (g_array_index (widths, guint, c), 1),
                         alignments != NULL && c < n_columns ? (char) alignments[c] : 0);
        }
      g_string_append_c (line, '\n');

      if (header)
        push_tag (r, "table-header");
      insert (r, line->str, line->len);
      if (header)
        {
          pop_tags (r, 1);
          g_string_truncate (line, 0);
          for (guint c = 0; c < widths->len; c++)
            {
              if (c > 0)
                g_string_append (line, "─┼─");
              for (guint k = 0; k < MAX (g_array_index (widths, guint, c), 1); k++)
                g_string_append (line, "─");
            }
          g_string_append_c (line, '\n');
          insert (r, line->str, line->len);
        }
    }
  pop_tags (r, 1);
}

/* Finds the item's "[ ]" or "[x]" in the Markdown: on the line the item
 * starts, after its list marker (cmark counts columns in bytes). */
static void
note_task (Render     *r,
           cmark_node *item)
{
  guint line = (guint) MAX (cmark_node_get_start_line (item), 1) - 1;
  gsize start, end;
  Task task = { gtk_text_buffer_get_char_count (r->buffer), 0 };

  if (line >= r->line_starts->len)
    return;

  start = g_array_index (r->line_starts, gsize, line) + MAX (cmark_node_get_start_column (item), 1) - 1;
  end = line + 1 < r->line_starts->len ? g_array_index (r->line_starts, gsize, line + 1)
                                      : strlen (r->source);
  for (gsize i = start; i + 2 < end; i++)
    {
      if (r->source[i] == '[' && strchr (" xX", r->source[i + 1]) != NULL && r->source[i + 2] == ']')
        {
          task.source_offset = i;
          g_array_append_val (r->self->tasks, task);
          return;
        }
    }
}

/* Where each line starts, with cmark's line ends: \n, \r\n and \r. */
static GArray *
find_line_starts (const char *text)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize start = 0;

  g_array_append_val (starts, start);
  for (gsize i = 0; text[i] != '\0'; i++)
    {
      if (text[i] == '\r' && text[i + 1] == '\n')
        i++;
      if (text[i] == '\n' || text[i] == '\r')
        {
          start = i + 1;
          g_array_append_val (starts, start);
        }
    }

  return starts;
}

static void
insert_list_marker (Render     *r,
                    cmark_node *item)
{
  static const char * const bullets[] = { "•", "◦", "▪" };
  guint level = r->counters->len - 1;
  int *counter = &g_array_index (r->counters, int, level);
  g_autofree char *marker = NULL;

  if (is_type (item, "tasklist"))
    {
      marker = g_strdup (cmark_gfm_extensions_get_tasklist_item_checked (item) ? "☑ " : "☐ ");
      note_task (r, item);
    }
  else if (*counter > 0)
    marker = g_strdup_printf ("%d. ", (*counter)++);
  else
    marker = g_strdup_printf ("%s ", bullets[level % G_N_ELEMENTS (bullets)]);

  push_tag (r, "list-marker");
  insert (r, marker, -1);
  pop_tags (r, 1);
}

static void
enter_link (Render     *r,
            const char *url)
{
  Link link = { gtk_text_buffer_get_char_count (r->buffer), 0, g_strdup (url ? url : "") };

  g_array_append_val (r->open_links, link);
  push_tag (r, "link");
}

static void
exit_link (Render *r)
{
  Link link = g_array_index (r->open_links, Link, r->open_links->len - 1);

  g_array_set_size (r->open_links, r->open_links->len - 1);
  pop_tags (r, 1);

  link.end = gtk_text_buffer_get_char_count (r->buffer);
  if (link.end > link.start)
    g_array_append_val (r->self->links, link);
  else
    g_free (link.uri);
}

static void
enter_heading (Render     *r,
               cmark_node *node)
{
  int level = CLAMP (cmark_node_get_heading_level (node), 1, 6);
  g_autofree char *name = g_strdup_printf ("h%d", level);

  break_before (r, node);
  push_tag (r, name);
}

static void
enter_block_quote (Render     *r,
                   cmark_node *node)
{
  gboolean is_list = FALSE;

  break_before (r, node);
  r->quote_depth++;
  g_array_append_val (r->containers, is_list);
  push_tag (r, "quote");
}

static void
enter_list (Render     *r,
            cmark_node *node)
{
  int start = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST
              ? MAX (cmark_node_get_list_start (node), 1) : 0;
  gboolean is_list = TRUE;

  break_before (r, node);
  g_array_append_val (r->counters, start);
  g_array_append_val (r->containers, is_list);
}

static void
enter_item (Render     *r,
            cmark_node *node)
{
  break_before (r, node);
  insert_list_marker (r, node);
  push_tag (r, "list-item");
  if (is_type (node, "tasklist"))
    push_tag (r, cmark_gfm_extensions_get_tasklist_item_checked (node)
                 ? "task-checked" : "task-unchecked");
}

/* Without its last line break: the block ends where the next begins. */
static void
insert_code_block (Render     *r,
                   cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  gsize len = literal ? strlen (literal) : 0;

  break_before (r, node);
  while (len > 0 && literal[len - 1] == '\n')
    len--;
  push_tag (r, "code-block");
  insert (r, literal, len);
  pop_tags (r, 1);
}

static void
render_enter (Render     *r,
              cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      break_before (r, node);
      break;

    case CMARK_NODE_HEADING:
      enter_heading (r, node);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      enter_block_quote (r, node);
      break;

    case CMARK_NODE_LIST:
      enter_list (r, node);
      break;

    case CMARK_NODE_ITEM:
      enter_item (r, node);
      break;

    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
      insert_code_block (r, node);
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      break_before (r, node);
      push_tag (r, "rule");
      insert (r, "───────────────", -1);
      pop_tags (r, 1);
      break;

    case CMARK_NODE_TEXT:
      insert (r, cmark_node_get_literal (node), -1);
      break;

    case CMARK_NODE_SOFTBREAK:
      insert (r, " ", 1);
      break;

    case CMARK_NODE_LINEBREAK:
      insert (r, "\n", 1);
      break;

    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
      push_tag (r, "code");
      insert (r, cmark_node_get_literal (node), -1);
      pop_tags (r, 1);
      break;

    case CMARK_NODE_EMPH:
      push_tag (r, "emphasis");
      break;

    case CMARK_NODE_STRONG:
      push_tag (r, "strong");
      break;

    case CMARK_NODE_IMAGE:
      lotse_markdown_buffer_insert_image (r->self, cmark_node_get_url (node));
      G_GNUC_FALLTHROUGH;
    case CMARK_NODE_LINK:
      enter_link (r, cmark_node_get_url (node));
      break;

    default:
      if (is_type (node, "strikethrough"))
        push_tag (r, "strikethrough");
      break;
    }
}

static void
render_exit (Render     *r,
             cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
      pop_tags (r, 1);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      r->quote_depth--;
      g_array_set_size (r->containers, r->containers->len - 1);
      pop_tags (r, 1);
      break;

    case CMARK_NODE_LIST:
      g_array_set_size (r->counters, r->counters->len - 1);
      g_array_set_size (r->containers, r->containers->len - 1);
      break;

    case CMARK_NODE_ITEM:
      pop_tags (r, is_type (node, "tasklist") ? 2 : 1);
      break;

    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
      exit_link (r);
      break;

    default:
      if (is_type (node, "strikethrough"))
        pop_tags (r, 1);
      break;
    }
}

static cmark_node *
parse (const char *markdown)
{
  static const char * const extensions[] = { "table", "tasklist", "strikethrough", "autolink" };
  cmark_parser *parser;
  cmark_node *document;

  cmark_gfm_core_extensions_ensure_registered ();

  parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (extensions[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
    }

  cmark_parser_feed (parser, markdown, strlen (markdown));
  document = cmark_parser_finish (parser);
  cmark_parser_free (parser);

  return document;
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const Link *link_a = a;
  const Link *link_b = b;

  return (link_a->start > link_b->start) - (link_a->start < link_b->start);
}

/**
 * lotse_markdown_buffer_set_markdown:
 * @self: a #LotseMarkdownBuffer
 * @markdown: (nullable): Markdown text; any text is fine
 *
 * Replaces the buffer's text with @markdown, formatted.
 */
void
lotse_markdown_buffer_set_markdown (LotseMarkdownBuffer *self,
                                    const char          *markdown)
{
  g_autofree char *valid = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GArray) counters = NULL;
  g_autoptr(GArray) containers = NULL;
  g_autoptr(GArray) open_links = NULL;
  g_autoptr(GArray) line_starts = NULL;
  g_autoptr(GHashTable) active = NULL;
  Render r = { 0 };
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self));

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self), "", 0);
  g_array_set_size (self->links, 0);
  g_array_set_size (self->tasks, 0);
  g_clear_pointer (&self->markdown, g_free);

  if (markdown == NULL || *markdown == '\0')
    return;

  valid = g_utf8_make_valid (markdown, -1);
  self->markdown = g_strdup (valid);
  line_starts = find_line_starts (valid);
  document = parse (valid);

  tags = g_ptr_array_new ();
  counters = g_array_new (FALSE, FALSE, sizeof (int));
  r.self = self;
  r.buffer = GTK_TEXT_BUFFER (self);
  r.tags = tags;
  active = g_hash_table_new (NULL, NULL);
  r.active = active;
  r.counters = counters;
  containers = g_array_new (FALSE, FALSE, sizeof (gboolean));
  r.containers = containers;
  open_links = g_array_new (FALSE, FALSE, sizeof (Link));
  r.open_links = open_links;
  r.source = valid;
  r.line_starts = line_starts;

  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && is_type (node, "table"))
        {
          break_before (&r, node);
          render_table (&r, node);
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
        }
      else if (event == CMARK_EVENT_ENTER)
        render_enter (&r, node);
      else if (event == CMARK_EVENT_EXIT)
        render_exit (&r, node);
    }
  cmark_iter_free (iter);
  cmark_node_free (document);

  /* Links close inner first; lookups want them by start. */
  g_array_sort (self->links, compare_links);

  /* A table ends with its last row's line break. */
  if (trailing_newlines (GTK_TEXT_BUFFER (self)) > 0)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self), &end);
      start = end;
      gtk_text_iter_backward_char (&start);
      gtk_text_buffer_delete (GTK_TEXT_BUFFER (self), &start, &end);
    }
}

/**
 * lotse_markdown_buffer_get_link_at:
 * @self: a #LotseMarkdownBuffer
 * @iter: a position in @self
 *
 * Returns: (nullable): the URI of the link at @iter, or %NULL
 */
const char *
lotse_markdown_buffer_get_link_at (LotseMarkdownBuffer *self,
                                   const GtkTextIter   *iter)
{
  const char *uri = NULL;
  guint low = 0;
  guint high;
  int offset;

  g_return_val_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self), NULL);
  g_return_val_if_fail (iter != NULL, NULL);

  /* The links that start at or before @offset are [0, low); links do not
   * overlap (Markdown has no links in links), so the last of them is the
   * only one that can hold @offset. */
  offset = gtk_text_iter_get_offset (iter);
  high = self->links->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->links, Link, middle).start <= offset)
        low = middle + 1;
      else
        high = middle;
    }

  if (low > 0)
    {
      const Link *link = &g_array_index (self->links, Link, low - 1);

      if (offset < link->end)
        uri = link->uri;
    }

  return uri;
}

/**
 * lotse_markdown_buffer_activate_task:
 * @self: a #LotseMarkdownBuffer
 * @index: a task box, counted from 0
 *
 * Says that a person toggled the box: emits
 * #LotseMarkdownBuffer::toggle-task.
 */
void
lotse_markdown_buffer_activate_task (LotseMarkdownBuffer *self,
                                     guint                index)
{
  g_return_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self));
  g_return_if_fail (index < self->tasks->len);

  g_signal_emit (self, signals[TOGGLE_TASK], 0, index);
}
