/* lotse-markdown-tasks.c: the task boxes of a Markdown buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buffer notes, as it renders, where each "- [ ]" item's box shows
 * and where its "[ ]" or "[x]" is in the Markdown. A ticked box changes
 * that one character of the Markdown and nothing else, so that the text
 * a person wrote stays as it was, line ends and all.
 */

#define G_LOG_DOMAIN "lotse-markdown-buffer"

#include "config.h"

#include "lotse-markdown-buffer-private.h"

/**
 * lotse_markdown_buffer_get_markdown:
 * @self: a #LotseMarkdownBuffer
 *
 * Returns: (nullable): the Markdown the buffer shows
 */
const char *
lotse_markdown_buffer_get_markdown (LotseMarkdownBuffer *self)
{
  g_return_val_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self), NULL);

  return self->markdown;
}

guint
lotse_markdown_buffer_get_n_tasks (LotseMarkdownBuffer *self)
{
  g_return_val_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self), 0);

  return self->tasks->len;
}

/**
 * lotse_markdown_buffer_get_task_at:
 * @self: a #LotseMarkdownBuffer
 * @iter: a position in @self
 *
 * Returns: the task box at @iter (its ☐ or ☑, or the space after it),
 *   counted from 0, or -1
 */
int
lotse_markdown_buffer_get_task_at (LotseMarkdownBuffer *self,
                                   const GtkTextIter   *iter)
{
  int offset;

  g_return_val_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self), -1);
  g_return_val_if_fail (iter != NULL, -1);

  offset = gtk_text_iter_get_offset (iter);
  for (guint i = 0; i < self->tasks->len; i++)
    {
      const Task *task = &g_array_index (self->tasks, Task, i);

      if (offset == task->offset || offset == task->offset + 1)
        return (int) i;
    }

  return -1;
}

/**
 * lotse_markdown_buffer_get_task_offset:
 * @self: a #LotseMarkdownBuffer
 * @index: a task box, counted from 0
 *
 * Returns: the character offset of the box in the buffer, or -1
 */
int
lotse_markdown_buffer_get_task_offset (LotseMarkdownBuffer *self,
                                       guint                index)
{
  g_return_val_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self), -1);

  return index < self->tasks->len ? g_array_index (self->tasks, Task, index).offset : -1;
}

/**
 * lotse_markdown_buffer_toggle_task:
 * @self: a #LotseMarkdownBuffer
 * @index: a task box, counted from 0
 *
 * Returns: (transfer full) (nullable): the Markdown the buffer shows with
 *   that box's "[ ]" made "[x]" or the other way round, and nothing else
 *   changed; %NULL if there is no such box
 */
char *
lotse_markdown_buffer_toggle_task (LotseMarkdownBuffer *self,
                                   guint                index)
{
  const Task *task;
  char *markdown;

  g_return_val_if_fail (LOTSE_IS_MARKDOWN_BUFFER (self), NULL);

  if (index >= self->tasks->len || self->markdown == NULL)
    return NULL;

  task = &g_array_index (self->tasks, Task, index);
  markdown = g_strdup (self->markdown);
  markdown[task->source_offset + 1] = markdown[task->source_offset + 1] == ' ' ? 'x' : ' ';

  return markdown;
}
