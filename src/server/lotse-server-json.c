/* lotse-server-json.c: request bodies are RFC 8259 JSON, nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 reads JSON with GScanner, which takes far more than JSON:
 * a second value after the first (silently dropped), single quotes,
 * comments, hex and octal-looking numbers, raw control characters in
 * strings, a byte order mark; it wraps integers beyond 64 bits round to
 * other numbers and reads numbers beyond a double as infinity. What the
 * server parses with it is checked against the grammar of RFC 8259 first,
 * in one pass without building anything, and refused with 400 when it is
 * anything else or such a number.
 *
 * Duplicate member names are valid JSON, but json-glib keeps the last one
 * only; the member count of this pass lets the caller notice that
 * (lotse-server-request.c).
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lotse-server-json.h"

typedef struct
{
  const guchar *start;
  const guchar *pos;
  const guchar *end;
  guint         depth;
  guint         members;
  const char   *code;
  const char   *problem;   /* English, for the error message */
} Checker;

static gboolean
fail (Checker    *c,
      const char *code,
      const char *problem)
{
  c->code = code;
  c->problem = problem;
  return FALSE;
}

static gboolean
malformed (Checker    *c,
           const char *problem)
{
  return fail (c, "malformed_json", problem);
}

static void
skip_space (Checker *c)
{
  while (c->pos < c->end && (*c->pos == ' ' || *c->pos == '\t' || *c->pos == '\n' || *c->pos == '\r'))
    c->pos++;
}

static gboolean
is_digit (Checker *c)
{
  return c->pos < c->end && *c->pos >= '0' && *c->pos <= '9';
}

static void
skip_digits (Checker *c)
{
  while (is_digit (c))
    c->pos++;
}

/* Four hex digits at @p, or -1. */
static int
hex4 (Checker      *c,
      const guchar *p)
{
  int value = 0;

  if (c->end - p < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* \uXXXX at c->pos (after the backslash and 'u' is checked by the caller). */
static gboolean
check_unicode_escape (Checker *c)
{
  int unit = hex4 (c, c->pos + 2);

  if (unit < 0)
    return malformed (c, "a \\u escape without four hex digits");
  /* json-glib would hand out a C string cut at the NUL: the value would
   * change silently. */
  if (unit == 0)
    return fail (c, "invalid_value", "Strings must not contain NUL characters");
  c->pos += 6;

  if (unit >= 0xdc00 && unit <= 0xdfff)
    return malformed (c, "a low surrogate without a high one");
  if (unit < 0xd800 || unit > 0xdbff)
    return TRUE;

  if (c->end - c->pos < 6 || c->pos[0] != '\\' || c->pos[1] != 'u')
    return malformed (c, "a high surrogate without a low one");
  unit = hex4 (c, c->pos + 2);
  if (unit < 0xdc00 || unit > 0xdfff)
    return malformed (c, "a high surrogate without a low one");
  c->pos += 6;

  return TRUE;
}

static gboolean
check_string (Checker *c)
{
  c->pos++;

  while (c->pos < c->end)
    {
      guchar byte = *c->pos;

      if (byte == '"')
        {
          c->pos++;
          return TRUE;
        }
      if (byte < 0x20)
        return malformed (c, "a control character inside a string");
      if (byte != '\\')
        {
          c->pos++;
          continue;
        }

      if (c->end - c->pos < 2)
        break;
      switch (c->pos[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          c->pos += 2;
          break;
        case 'u':
          if (!check_unicode_escape (c))
            return FALSE;
          break;
        default:
          return malformed (c, "an unknown escape in a string");
        }
    }

  return malformed (c, "a string without its closing quote");
}

/* A number with a fraction or exponent, from @start to c->pos: json-glib
 * reads 1e400 as infinity (and would write it as "inf.0"). */
static gboolean
check_double (Checker      *c,
              const guchar *start)
{
  g_autofree char *text = g_strndup ((const char *)start, c->pos - start);

  if (!isfinite (g_ascii_strtod (text, NULL)))
    return fail (c, "invalid_value", "a number beyond the range of a double");

  return TRUE;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
check_number (Checker *c)
{
  const guchar *start = c->pos;
  gboolean integer = TRUE;
  char text[24];

  if (*c->pos == '-')
    c->pos++;
  if (!is_digit (c))
    return malformed (c, "a minus sign without a number");
  if (*c->pos == '0')
    {
      c->pos++;
      if (is_digit (c))
        return malformed (c, "a number with a leading zero");
    }
  else
    skip_digits (c);

  if (c->pos < c->end && *c->pos == '.')
    {
      integer = FALSE;
      c->pos++;
      if (!is_digit (c))
        return malformed (c, "a decimal point without digits after it");
      skip_digits (c);
    }

  if (c->pos < c->end && (*c->pos == 'e' || *c->pos == 'E'))
    {
      integer = FALSE;
      c->pos++;
      if (c->pos < c->end && (*c->pos == '+' || *c->pos == '-'))
        c->pos++;
      if (!is_digit (c))
        return malformed (c, "an exponent without digits");
      skip_digits (c);
    }

  if (!integer)
    return check_double (c, start);

  /* json-glib wraps larger integers round to other numbers. */
  if ((gsize)(c->pos - start) >= sizeof text)
    return fail (c, "invalid_value", "an integer beyond 64 bits");
  memcpy (text, start, c->pos - start);
  text[c->pos - start] = '\0';
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL))
    return fail (c, "invalid_value", "an integer beyond 64 bits");

  return TRUE;
}

static gboolean
check_literal (Checker    *c,
               const char *word)
{
  gsize length = strlen (word);

  if ((gsize)(c->end - c->pos) < length || memcmp (c->pos, word, length) != 0)
    return malformed (c, "an unexpected word");
  c->pos += length;

  return TRUE;
}

static gboolean check_value (Checker *c);

static gboolean
enter (Checker *c)
{
  /* json-glib parses recursively: deep nesting is refused before it. */
  if (++c->depth > LOTSE_SERVER_MAX_DEPTH)
    return fail (c, "too_deep", NULL);
  c->pos++;
  skip_space (c);

  return TRUE;
}

static gboolean
check_object (Checker *c)
{
  if (!enter (c))
    return FALSE;

  if (c->pos < c->end && *c->pos == '}')
    {
      c->pos++;
      c->depth--;
      return TRUE;
    }

  for (;;)
    {
      skip_space (c);
      if (c->pos >= c->end || *c->pos != '"')
        return malformed (c, "a member name that is not a string");
      if (!check_string (c))
        return FALSE;
      skip_space (c);
      if (c->pos >= c->end || *c->pos != ':')
        return malformed (c, "a member name without a colon after it");
      c->pos++;
      if (!check_value (c))
        return FALSE;
      c->members++;

      skip_space (c);
      if (c->pos < c->end && *c->pos == ',')
        c->pos++;
      else if (c->pos < c->end && *c->pos == '}')
        break;
      else
        return malformed (c, "an object without a comma or closing brace");
    }

  c->pos++;
  c->depth--;
  return TRUE;
}

static gboolean
check_array (Checker *c)
{
  if (!enter (c))
    return FALSE;

  if (c->pos < c->end && *c->pos == ']')
    {
      c->pos++;
      c->depth--;
      return TRUE;
    }

  for (;;)
    {
      if (!check_value (c))
        return FALSE;

      skip_space (c);
      if (c->pos < c->end && *c->pos == ',')
        c->pos++;
      else if (c->pos < c->end && *c->pos == ']')
        break;
      else
        return malformed (c, "an array without a comma or closing bracket");
    }

  c->pos++;
  c->depth--;
  return TRUE;
}

static gboolean
check_value (Checker *c)
{
  skip_space (c);
  if (c->pos >= c->end)
    return malformed (c, "a missing value");

  switch (*c->pos)
    {
    case '{':
      return check_object (c);
    case '[':
      return check_array (c);
    case '"':
      return check_string (c);
    case 't':
      return check_literal (c, "true");
    case 'f':
      return check_literal (c, "false");
    case 'n':
      return check_literal (c, "null");
    default:
      if (*c->pos == '-' || (*c->pos >= '0' && *c->pos <= '9'))
        return check_number (c);
      return malformed (c, "an unexpected character");
    }
}

static gboolean
refuse (Checker           *c,
        LotseServerError **error)
{
  gsize offset = c->pos - c->start;

  if (g_str_equal (c->code, "too_deep"))
    *error = lotse_server_error_new (400, "too_deep", NULL, -1,
                                     "The request nests deeper than %d levels",
                                     LOTSE_SERVER_MAX_DEPTH);
  else if (g_str_equal (c->code, "malformed_json"))
    *error = lotse_server_error_new (400, "malformed_json", NULL, -1,
                                     "The request body is not JSON as RFC 8259 defines it: "
                                     "%s at byte %" G_GSIZE_FORMAT, c->problem, offset);
  else
    *error = lotse_server_error_new (400, c->code, NULL, -1, "%s at byte %" G_GSIZE_FORMAT,
                                     c->problem, offset);

  return FALSE;
}

gboolean
lotse_server_json_check (const char        *data,
                         gsize              length,
                         guint             *n_members,
                         LotseServerError **error)
{
  Checker c = { 0, };

  g_return_val_if_fail (error != NULL && *error == NULL, FALSE);

  if (data == NULL || length == 0)
    {
      *error = lotse_server_error_new (400, "malformed_json", NULL, -1, "The request body is empty");
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      *error = lotse_server_error_new (400, "invalid_utf8", NULL, -1,
                                       "The request body is not valid UTF-8");
      return FALSE;
    }

  c.start = c.pos = (const guchar *)data;
  c.end = c.start + length;

  if (!check_value (&c))
    return refuse (&c, error);

  skip_space (&c);
  if (c.pos != c.end)
    {
      malformed (&c, "more after the first value");
      return refuse (&c, error);
    }

  if (n_members != NULL)
    *n_members = c.members;

  return TRUE;
}
