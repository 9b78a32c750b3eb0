/* lotse-sync-page.c: reading a page of a pull without a JSON tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of 1,000 rows is about 11,000 JSON values. json-glib built a
 * node, and a hash table per object, for each of them, and freed them
 * again: in a full pull that took more CPU than the server spent on
 * answering. This parser reads the one shape a page has
 * (PROTOCOL.md, GET /v1/sync/pull) into flat arrays; all strings are
 * decoded into one buffer no larger than the answer. It accepts exactly
 * RFC 8259 JSON in UTF-8 and refuses the rest: the answer comes from the
 * network. Members it does not know are skipped, values nested deeper
 * than MAX_DEPTH refused.
 */

#define G_LOG_DOMAIN "lotse-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotse-sync-private.h"

#define MAX_DEPTH 32

typedef struct
{
  const char *pos;
  const char *end;
  char       *out;      /* next free byte of the string buffer */
  const char *problem;  /* English, for the log */
} Reader;

struct _LotseSyncPage
{
  char             *strings;
  GArray           *rows;     /* LotseSyncPageRow */
  GArray           *values;   /* LotseSyncValue, the fields of all rows */
  gboolean          has_rows;
  int               more;     /* -1: missing or not a boolean */
  const char       *next_cursor;
  const char       *mark;     /* protocol 2 */
  gint64            fork;     /* -1: not in the page */
};

static gboolean
fail (Reader     *reader,
      const char *problem)
{
  if (reader->problem == NULL)
    reader->problem = problem;
  return FALSE;
}

static void
skip_space (Reader *reader)
{
  while (reader->pos < reader->end &&
         (*reader->pos == ' ' || *reader->pos == '\t' || *reader->pos == '\n' || *reader->pos == '\r'))
    reader->pos++;
}

static gboolean
expect (Reader *reader,
        char    c)
{
  skip_space (reader);
  if (reader->pos >= reader->end || *reader->pos != c)
    return fail (reader, "unexpected character");
  reader->pos++;
  return TRUE;
}

/* TRUE and consumed if the next character is @c. */
static gboolean
accept (Reader *reader,
        char    c)
{
  skip_space (reader);
  if (reader->pos < reader->end && *reader->pos == c)
    {
      reader->pos++;
      return TRUE;
    }
  return FALSE;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader  *reader,
           gunichar *out)
{
  gunichar value = 0;

  if (reader->end - reader->pos < 4)
    return fail (reader, "truncated \\u escape");

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_digit (reader->pos[i]);

      if (digit < 0)
        return fail (reader, "bad \\u escape");
      value = value * 16 + (gunichar)digit;
    }

  reader->pos += 4;
  *out = value;
  return TRUE;
}

/* A \u escape, a surrogate pair as one: written to the buffer as UTF-8. */
static gboolean
read_unicode_escape (Reader *reader)
{
  gunichar code;

  if (!read_hex4 (reader, &code))
    return FALSE;

  if (code >= 0xd800 && code <= 0xdbff)
    {
      gunichar low;

      if (reader->end - reader->pos < 2 || reader->pos[0] != '\\' || reader->pos[1] != 'u')
        return fail (reader, "lone surrogate");
      reader->pos += 2;
      if (!read_hex4 (reader, &low))
        return FALSE;
      if (low < 0xdc00 || low > 0xdfff)
        return fail (reader, "lone surrogate");
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
    }
  else if (code >= 0xdc00 && code <= 0xdfff)
    {
      return fail (reader, "lone surrogate");
    }

  /* Text with NUL cannot be stored; the server refuses it too. */
  if (code == 0)
    return fail (reader, "\\u0000 in a string");

  reader->out += g_unichar_to_utf8 (code, reader->out);
  return TRUE;
}

/* The escape after a backslash, decoded into the buffer. */
static gboolean
read_escape (Reader *reader)
{
  char c;

  if (reader->pos >= reader->end)
    return fail (reader, "unterminated string");

  c = *reader->pos++;
  switch (c)
    {
    case '"': *reader->out++ = '"'; break;
    case '\\': *reader->out++ = '\\'; break;
    case '/': *reader->out++ = '/'; break;
    case 'b': *reader->out++ = '\b'; break;
    case 'f': *reader->out++ = '\f'; break;
    case 'n': *reader->out++ = '\n'; break;
    case 'r': *reader->out++ = '\r'; break;
    case 't': *reader->out++ = '\t'; break;
    case 'u': return read_unicode_escape (reader);
    default: return fail (reader, "bad escape");
    }

  return TRUE;
}

/* Decodes a string into the buffer; the input was checked to be UTF-8.
 * A string never grows by decoding, and its two quotes leave room for
 * the terminating NUL. */
static const char *
read_string (Reader *reader)
{
  char *start;

  if (!expect (reader, '"'))
    return NULL;

  start = reader->out;

  for (;;)
    {
      const char *run = reader->pos;
      char c;

      while (reader->pos < reader->end && *reader->pos != '"' && *reader->pos != '\\' &&
             (guchar)*reader->pos >= 0x20)
        reader->pos++;

      memcpy (reader->out, run, reader->pos - run);
      reader->out += reader->pos - run;

      if (reader->pos >= reader->end)
        return fail (reader, "unterminated string"), NULL;

      c = *reader->pos++;
      if (c == '"')
        break;
      if (c != '\\')
        return fail (reader, "control character in a string"), NULL;
      if (!read_escape (reader))
        return NULL;
    }

  *reader->out++ = '\0';
  return start;
}

static gboolean
read_literal (Reader     *reader,
              const char *literal)
{
  gsize length = strlen (literal);

  if ((gsize)(reader->end - reader->pos) < length || memcmp (reader->pos, literal, length) != 0)
    return fail (reader, "unexpected character");
  reader->pos += length;
  return TRUE;
}

/* RFC 8259 numbers; integers that fit are kept exact. */
static gboolean
read_number (Reader         *reader,
             LotseSyncValue *value)
{
  const char *start = reader->pos;
  gboolean integer = TRUE;
  char text[64];

  if (reader->pos < reader->end && *reader->pos == '-')
    reader->pos++;
  if (reader->pos >= reader->end || !g_ascii_isdigit (*reader->pos))
    return fail (reader, "bad number");
  if (*reader->pos == '0')
    reader->pos++;
  else
    while (reader->pos < reader->end && g_ascii_isdigit (*reader->pos))
      reader->pos++;

  if (reader->pos < reader->end && *reader->pos == '.')
    {
      integer = FALSE;
      reader->pos++;
      if (reader->pos >= reader->end || !g_ascii_isdigit (*reader->pos))
        return fail (reader, "bad number");
      while (reader->pos < reader->end && g_ascii_isdigit (*reader->pos))
        reader->pos++;
    }

  if (reader->pos < reader->end && (*reader->pos == 'e' || *reader->pos == 'E'))
    {
      integer = FALSE;
      reader->pos++;
      if (reader->pos < reader->end && (*reader->pos == '+' || *reader->pos == '-'))
        reader->pos++;
      if (reader->pos >= reader->end || !g_ascii_isdigit (*reader->pos))
        return fail (reader, "bad number");
      while (reader->pos < reader->end && g_ascii_isdigit (*reader->pos))
        reader->pos++;
    }

  if (integer && (gsize)(reader->pos - start) < sizeof text)
    {
      memcpy (text, start, reader->pos - start);
      text[reader->pos - start] = '\0';
      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value->number, NULL))
        {
          value->kind = LOTSE_SYNC_VALUE_INT;
          return TRUE;
        }
    }

  /* A fraction, an exponent, or an integer beyond 64 bits. */
  {
    g_autofree char *copy = g_strndup (start, reader->pos - start);

    value->kind = LOTSE_SYNC_VALUE_DOUBLE;
    value->real = g_ascii_strtod (copy, NULL);
  }
  return TRUE;
}

static gboolean read_value (Reader         *reader,
                            LotseSyncValue *value,
                            int             depth);

/* An object or array whose content nobody reads: checked and skipped. */
static gboolean
skip_container (Reader *reader,
                char    close,
                int     depth)
{
  LotseSyncValue ignored;

  if (depth > MAX_DEPTH)
    return fail (reader, "nested too deeply");

  reader->pos++;
  if (accept (reader, close))
    return TRUE;

  do
    {
      if (close == '}' && (read_string (reader) == NULL || !expect (reader, ':')))
        return FALSE;
      if (!read_value (reader, &ignored, depth + 1))
        return FALSE;
    }
  while (accept (reader, ','));

  return expect (reader, close);
}

/* A scalar into @value; objects and arrays are skipped (kind OTHER). */
static gboolean
read_value (Reader         *reader,
            LotseSyncValue *value,
            int             depth)
{
  skip_space (reader);
  if (reader->pos >= reader->end)
    return fail (reader, "truncated");

  value->text = NULL;
  switch (*reader->pos)
    {
    case '"':
      value->kind = LOTSE_SYNC_VALUE_STRING;
      value->text = read_string (reader);
      return value->text != NULL;
    case 't':
      value->kind = LOTSE_SYNC_VALUE_BOOL;
      value->number = TRUE;
      return read_literal (reader, "true");
    case 'f':
      value->kind = LOTSE_SYNC_VALUE_BOOL;
      value->number = FALSE;
      return read_literal (reader, "false");
    case 'n':
      value->kind = LOTSE_SYNC_VALUE_NULL;
      return read_literal (reader, "null");
    case '{':
      value->kind = LOTSE_SYNC_VALUE_OTHER;
      return skip_container (reader, '}', depth);
    case '[':
      value->kind = LOTSE_SYNC_VALUE_OTHER;
      return skip_container (reader, ']', depth);
    default:
      return read_number (reader, value);
    }
}

/* "fields": an object of scalars, appended to the page's values. */
static gboolean
read_fields (Reader        *reader,
             LotseSyncPage *page,
             int            depth)
{
  if (!expect (reader, '{'))
    return FALSE;
  if (accept (reader, '}'))
    return TRUE;

  do
    {
      LotseSyncValue value = { 0, };

      if ((value.name = read_string (reader)) == NULL || !expect (reader, ':') ||
          !read_value (reader, &value, depth + 1))
        return FALSE;
      g_array_append_val (page->values, value);
    }
  while (accept (reader, ','));

  return expect (reader, '}');
}

static gboolean
read_row (Reader        *reader,
          LotseSyncPage *page,
          int            depth)
{
  LotseSyncPageRow row = { 0, };

  row.deleted = -1;
  row.first_value = page->values->len;

  if (!expect (reader, '{'))
    return FALSE;

  if (!accept (reader, '}'))
    {
      do
        {
          const char *name = read_string (reader);
          LotseSyncValue value = { 0, };

          if (name == NULL || !expect (reader, ':'))
            return FALSE;

          skip_space (reader);
          if (strcmp (name, "fields") == 0 && reader->pos < reader->end && *reader->pos == '{')
            {
              /* A second "fields" replaces the first, like json-glib. */
              g_array_set_size (page->values, row.first_value);
              if (!read_fields (reader, page, depth + 1))
                return FALSE;
              row.has_fields = TRUE;
              continue;
            }

          if (!read_value (reader, &value, depth + 1))
            return FALSE;

          if (strcmp (name, "table") == 0)
            row.table = value.kind == LOTSE_SYNC_VALUE_STRING ? value.text : NULL;
          else if (strcmp (name, "id") == 0)
            row.id = value.kind == LOTSE_SYNC_VALUE_STRING ? value.text : NULL;
          else if (strcmp (name, "updated_at") == 0)
            row.updated_at = value.kind == LOTSE_SYNC_VALUE_STRING ? value.text : NULL;
          else if (strcmp (name, "rev") == 0)
            {
              row.has_rev = value.kind == LOTSE_SYNC_VALUE_INT;
              row.rev = value.number;
            }
          else if (strcmp (name, "deleted") == 0)
            row.deleted = value.kind == LOTSE_SYNC_VALUE_BOOL ? (int)value.number : -1;
          else if (strcmp (name, "fields") == 0)
            row.has_fields = FALSE;
        }
      while (accept (reader, ','));

      if (!expect (reader, '}'))
        return FALSE;
    }

  /* A row without fields keeps none of the values read for it. */
  if (!row.has_fields)
    g_array_set_size (page->values, row.first_value);
  row.n_values = page->values->len - row.first_value;
  g_array_append_val (page->rows, row);

  return TRUE;
}

static gboolean
read_rows (Reader        *reader,
           LotseSyncPage *page,
           int            depth)
{
  if (!expect (reader, '['))
    return FALSE;

  /* A second "rows" replaces the first. */
  g_array_set_size (page->rows, 0);
  g_array_set_size (page->values, 0);
  page->has_rows = TRUE;

  if (accept (reader, ']'))
    return TRUE;

  do
    {
      skip_space (reader);
      if (reader->pos >= reader->end || *reader->pos != '{')
        {
          /* Not a row: the page is not one. */
          page->has_rows = FALSE;
          return fail (reader, "a row is not an object");
        }
      if (!read_row (reader, page, depth + 1))
        return FALSE;
    }
  while (accept (reader, ','));

  return expect (reader, ']');
}

void
lotse_sync_page_free (LotseSyncPage *page)
{
  if (page == NULL)
    return;

  g_free (page->strings);
  g_array_unref (page->rows);
  g_array_unref (page->values);
  g_free (page);
}

/**
 * lotse_sync_page_parse:
 * @data: the answer's body
 * @length: its length
 * @error: a location for a #GError
 *
 * Reads a page of GET /v1/sync/pull. Any valid JSON object is accepted;
 * lotse_sync_apply_pull_page() checks that it has what a page needs.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with
 *   LOTSE_SYNC_ERROR_PROTOCOL if @data is not a JSON object in UTF-8
 */
LotseSyncPage *
lotse_sync_page_parse (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(LotseSyncPage) page = g_new0 (LotseSyncPage, 1);
  Reader reader = { data, data + length, NULL, NULL };

  page->rows = g_array_sized_new (FALSE, FALSE, sizeof (LotseSyncPageRow), 1024);
  page->values = g_array_sized_new (FALSE, FALSE, sizeof (LotseSyncValue), 8192);
  page->more = -1;
  page->fork = -1;
  page->strings = g_malloc (length + 1);
  reader.out = page->strings;

  if (!g_utf8_validate_len (data, length, NULL))
    fail (&reader, "not UTF-8");
  else if (expect (&reader, '{') && !accept (&reader, '}'))
    {
      do
        {
          const char *name = read_string (&reader);
          LotseSyncValue value = { 0, };

          if (name == NULL || !expect (&reader, ':'))
            break;

          skip_space (&reader);
          if (strcmp (name, "rows") == 0 && reader.pos < reader.end && *reader.pos == '[')
            {
              if (!read_rows (&reader, page, 1))
                break;
              continue;
            }

          if (!read_value (&reader, &value, 1))
            break;

          if (strcmp (name, "more") == 0)
            page->more = value.kind == LOTSE_SYNC_VALUE_BOOL ? (int)value.number : -1;
          else if (strcmp (name, "next_cursor") == 0)
            page->next_cursor = value.kind == LOTSE_SYNC_VALUE_STRING ? value.text : NULL;
          else if (strcmp (name, "mark") == 0)
            page->mark = value.kind == LOTSE_SYNC_VALUE_STRING ? value.text : NULL;
          else if (strcmp (name, "fork") == 0)
            page->fork = value.kind == LOTSE_SYNC_VALUE_INT && value.number >= 0 ? value.number : -1;
          else if (strcmp (name, "rows") == 0)
            page->has_rows = FALSE;
        }
      while (accept (&reader, ','));

      if (reader.problem == NULL && expect (&reader, '}'))
        {
          skip_space (&reader);
          if (reader.pos != reader.end)
            fail (&reader, "text after the object");
        }
    }

  if (reader.problem != NULL)
    {
      g_debug ("Page refused at byte %" G_GSIZE_FORMAT ": %s",
               (gsize)(reader.pos - data), reader.problem);
      g_set_error (error, LOTSE_SYNC_ERROR, LOTSE_SYNC_ERROR_PROTOCOL,
                   _("The server sent an answer Lotse does not understand (%s)"), "JSON");
      return NULL;
    }

  return g_steal_pointer (&page);
}

gboolean
lotse_sync_page_has_rows (const LotseSyncPage *page)
{
  return page->has_rows;
}

guint
lotse_sync_page_get_n_rows (const LotseSyncPage *page)
{
  return page->rows->len;
}

const LotseSyncPageRow *
lotse_sync_page_get_row (const LotseSyncPage *page,
                         guint                index)
{
  return &g_array_index (page->rows, LotseSyncPageRow, index);
}

/**
 * lotse_sync_page_get_value:
 * @page: a page
 * @row: one of its rows
 * @name: a field name
 *
 * Returns: (nullable): the last value of that name in the row's fields
 */
const LotseSyncValue *
lotse_sync_page_get_value (const LotseSyncPage    *page,
                           const LotseSyncPageRow *row,
                           const char             *name)
{
  for (guint i = row->n_values; i > 0; i--)
    {
      const LotseSyncValue *value = &g_array_index (page->values, LotseSyncValue, row->first_value + i - 1);

      if (strcmp (value->name, name) == 0)
        return value;
    }

  return NULL;
}

const LotseSyncValue *
lotse_sync_page_get_nth_value (const LotseSyncPage    *page,
                               const LotseSyncPageRow *row,
                               guint                   index)
{
  g_return_val_if_fail (index < row->n_values, NULL);

  return &g_array_index (page->values, LotseSyncValue, row->first_value + index);
}

/* `more` as a boolean: -1 if missing or of another type. */
int
lotse_sync_page_get_more (const LotseSyncPage *page)
{
  return page->more;
}

const char *
lotse_sync_page_get_next_cursor (const LotseSyncPage *page)
{
  return page->next_cursor;
}

/* The mark of the history up to next_cursor (PROTOCOL.md, "Marks"), or
 * NULL from a server of protocol 1. */
const char *
lotse_sync_page_get_mark (const LotseSyncPage *page)
{
  return page->mark;
}

/* The fork the server found from the marks the pull sent, or -1. */
gint64
lotse_sync_page_get_fork (const LotseSyncPage *page)
{
  return page->fork;
}
