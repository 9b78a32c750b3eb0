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
 * The same pass can build the tree of the value (lotse_server_json_parse()):
 * the server reads every request body and stored row with it instead of
 * json-glib, whose parser took a third of a push's CPU (GScanner, a
 * GValue and a hash table per member, each freed again). The nodes and
 * their strings live in two arenas freed at once. Duplicate member names
 * are valid JSON; the tree keeps both and notes it, and the request
 * parser refuses them (which one a client meant is anybody's guess).
 */

#define G_LOG_DOMAIN "lotse-server"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lotse-server-json.h"

#define FIRST_BLOCK_NODES 64

struct _LotseServerJson
{
  LotseServerJsonNode *root;
  GStringChunk        *strings;
  GSList              *blocks;       /* of node arrays, newest first */
  guint                block_size;
  guint                block_used;
  gboolean             duplicates;
};

typedef struct
{
  const guchar    *start;
  const guchar    *pos;
  const guchar    *end;
  guint            depth;
  guint            members;
  const char      *code;
  const char      *problem;   /* English, for the error message */
  LotseServerJson *tree;      /* NULL: check only */
  GString         *unescaped;
} Checker;

static LotseServerJsonNode *
new_node (Checker             *c,
          LotseServerJsonType  type)
{
  LotseServerJson *tree = c->tree;
  LotseServerJsonNode *node;

  if (tree->blocks == NULL || tree->block_used == tree->block_size)
    {
      tree->block_size = tree->blocks == NULL ? FIRST_BLOCK_NODES : tree->block_size * 2;
      tree->blocks = g_slist_prepend (tree->blocks, g_new (LotseServerJsonNode, tree->block_size));
      tree->block_used = 0;
    }

  node = &((LotseServerJsonNode *)tree->blocks->data)[tree->block_used++];
  memset (node, 0, sizeof *node);
  node->type = type;

  return node;
}

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

/* The text of the string from @start (after its opening quote) to
 * c->pos (its closing quote), whose escapes check_string() found valid. */
static const char *
unescape (Checker      *c,
          const guchar *start,
          gboolean      escaped)
{
  GString *out = c->unescaped;

  if (!escaped)
    return g_string_chunk_insert_len (c->tree->strings, (const char *)start, c->pos - start);

  g_string_truncate (out, 0);
  for (const guchar *p = start; p < c->pos;)
    {
      const guchar *run = p;
      gunichar unit;

      while (p < c->pos && *p != '\\')
        p++;
      g_string_append_len (out, (const char *)run, p - run);
      if (p == c->pos)
        break;

      switch (p[1])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          unit = hex4 (c, p + 2);
          /* A high surrogate: the low one follows (checked). */
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              unit = 0x10000 + ((unit - 0xd800) << 10) + (hex4 (c, p + 8) - 0xdc00);
              p += 6;
            }
          g_string_append_unichar (out, unit);
          p += 4;
          break;
        default: g_string_append_c (out, p[1]); break;
        }
      p += 2;
    }

  return g_string_chunk_insert_len (c->tree->strings, out->str, out->len);
}

/* Sets *text (when building) to the string's value. */
static gboolean
check_string (Checker     *c,
              const char **text)
{
  const guchar *start = ++c->pos;
  gboolean escaped = FALSE;

  while (c->pos < c->end)
    {
      guchar byte = *c->pos;

      if (byte == '"')
        {
          if (c->tree != NULL)
            *text = unescape (c, start, escaped);
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
      escaped = TRUE;
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
check_number (Checker              *c,
              LotseServerJsonNode **node)
{
  const guchar *start = c->pos;
  gboolean integer = TRUE;
  gint64 value;
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
    {
      if (c->tree != NULL)
        *node = new_node (c, LOTSE_SERVER_JSON_DOUBLE);
      return check_double (c, start);
    }

  /* json-glib wraps larger integers round to other numbers. */
  if ((gsize)(c->pos - start) >= sizeof text)
    return fail (c, "invalid_value", "an integer beyond 64 bits");
  memcpy (text, start, c->pos - start);
  text[c->pos - start] = '\0';
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fail (c, "invalid_value", "an integer beyond 64 bits");
  if (c->tree != NULL)
    {
      *node = new_node (c, LOTSE_SERVER_JSON_INT);
      (*node)->integer = value;
    }

  return TRUE;
}
static gboolean
check_literal (Checker              *c,
               const char           *word,
               LotseServerJsonType   type,
               LotseServerJsonNode **node)
{
  gsize length = strlen (word);

  if ((gsize)(c->end - c->pos) < length || memcmp (c->pos, word, length) != 0)
    return malformed (c, "an unexpected word");
  c->pos += length;

  if (c->tree != NULL)
    {
      *node = new_node (c, type);
      (*node)->integer = word[0] == 't';
    }

  return TRUE;
}

static gboolean check_value (Checker              *c,
                             LotseServerJsonNode **node);

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

/* Objects with more members than this look their names up in a hash
 * table: a body of 32 MB can hold millions of them. */
#define LINEAR_MEMBERS 16

/* Whether @member's name is taken in @object already; *names (created
 * when needed) holds the names of a large object. */
static gboolean
name_taken (const LotseServerJsonNode  *object,
            const LotseServerJsonNode  *member,
            GHashTable                **names)
{
  if (object->n_children < LINEAR_MEMBERS)
    {
      for (const LotseServerJsonNode *other = object->first; other != NULL; other = other->next)
        if (strcmp (other->name, member->name) == 0)
          return TRUE;
      return FALSE;
    }

  if (*names == NULL)
    {
      *names = g_hash_table_new (g_str_hash, g_str_equal);
      for (const LotseServerJsonNode *other = object->first; other != NULL; other = other->next)
        g_hash_table_add (*names, (gpointer)other->name);
    }

  return !g_hash_table_add (*names, (gpointer)member->name);
}

/* Appends @child to @parent's children; *last is the last one so far. A
 * duplicate member is noted: the caller decides (json-glib kept the
 * last one). */
static void
add_child (Checker              *c,
           LotseServerJsonNode  *parent,
           LotseServerJsonNode **last,
           LotseServerJsonNode  *child,
           GHashTable          **names)
{
  if (c->tree == NULL)
    return;

  if (child->name != NULL && name_taken (parent, child, names))
    c->tree->duplicates = TRUE;

  if (*last == NULL)
    parent->first = child;
  else
    (*last)->next = child;
  *last = child;
  parent->n_children++;
}

static gboolean
check_object (Checker              *c,
              LotseServerJsonNode **node)
{
  LotseServerJsonNode *object = c->tree != NULL ? new_node (c, LOTSE_SERVER_JSON_OBJECT) : NULL;
  LotseServerJsonNode *last = NULL;
  g_autoptr(GHashTable) names = NULL;

  *node = object;
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
      LotseServerJsonNode *member = NULL;
      const char *name = NULL;

      skip_space (c);
      if (c->pos >= c->end || *c->pos != '"')
        return malformed (c, "a member name that is not a string");
      if (!check_string (c, &name))
        return FALSE;
      skip_space (c);
      if (c->pos >= c->end || *c->pos != ':')
        return malformed (c, "a member name without a colon after it");
      c->pos++;
      if (!check_value (c, &member))
        return FALSE;
      c->members++;
      if (member != NULL)
        member->name = name;
      add_child (c, object, &last, member, &names);

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
check_array (Checker              *c,
             LotseServerJsonNode **node)
{
  LotseServerJsonNode *array = c->tree != NULL ? new_node (c, LOTSE_SERVER_JSON_ARRAY) : NULL;
  LotseServerJsonNode *last = NULL;

  *node = array;
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
      LotseServerJsonNode *element = NULL;

      if (!check_value (c, &element))
        return FALSE;
      add_child (c, array, &last, element, NULL);

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
check_string_value (Checker              *c,
                    LotseServerJsonNode **node)
{
  const char *text = NULL;

  if (!check_string (c, &text))
    return FALSE;
  if (c->tree != NULL)
    {
      *node = new_node (c, LOTSE_SERVER_JSON_STRING);
      (*node)->string = text;
    }

  return TRUE;
}

/* Sets *node (when building) to the value's node. */
static gboolean
check_value (Checker              *c,
             LotseServerJsonNode **node)
{
  skip_space (c);
  if (c->pos >= c->end)
    return malformed (c, "a missing value");

  switch (*c->pos)
    {
    case '{':
      return check_object (c, node);
    case '[':
      return check_array (c, node);
    case '"':
      return check_string_value (c, node);
    case 't':
      return check_literal (c, "true", LOTSE_SERVER_JSON_BOOLEAN, node);
    case 'f':
      return check_literal (c, "false", LOTSE_SERVER_JSON_BOOLEAN, node);
    case 'n':
      return check_literal (c, "null", LOTSE_SERVER_JSON_NULL, node);
    default:
      if (*c->pos == '-' || (*c->pos >= '0' && *c->pos <= '9'))
        return check_number (c, node);
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

/* Checks (and builds, with c->tree) the value of @data. */
static gboolean
run (Checker           *c,
     const char        *data,
     gsize              length,
     LotseServerJsonNode **root,
     LotseServerError **error)
{
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

  c->start = c->pos = (const guchar *)data;
  c->end = c->start + length;

  if (!check_value (c, root))
    return refuse (c, error);

  skip_space (c);
  if (c->pos != c->end)
    {
      malformed (c, "more after the first value");
      return refuse (c, error);
    }

  return TRUE;
}

gboolean
lotse_server_json_check (const char        *data,
                         gsize              length,
                         guint             *n_members,
                         LotseServerError **error)
{
  Checker c = { 0, };
  LotseServerJsonNode *root = NULL;

  g_return_val_if_fail (error != NULL && *error == NULL, FALSE);

  if (!run (&c, data, length, &root, error))
    return FALSE;

  if (n_members != NULL)
    *n_members = c.members;

  return TRUE;
}

/**
 * lotse_server_json_parse:
 * @data: JSON text, not necessarily NUL-terminated
 * @length: its length in bytes
 * @error: (out): why it is refused, as lotse_server_json_check() says
 *
 * Checks @data as lotse_server_json_check() does and builds its tree.
 * Member names that occur twice in an object are kept, both, and noted
 * (lotse_server_json_has_duplicates()).
 *
 * Returns: (transfer full) (nullable): the tree, or %NULL with @error set
 */
LotseServerJson *
lotse_server_json_parse (const char        *data,
                         gsize              length,
                         LotseServerError **error)
{
  g_autoptr(LotseServerJson) tree = g_new0 (LotseServerJson, 1);
  g_autoptr(GString) unescaped = g_string_new (NULL);
  Checker c = { 0, };

  g_return_val_if_fail (error != NULL && *error == NULL, NULL);

  /* Most of a body is strings: the chunks hold them all in a few blocks. */
  tree->strings = g_string_chunk_new (MAX (length, 64));
  c.tree = tree;
  c.unescaped = unescaped;
  if (!run (&c, data, length, &tree->root, error))
    return NULL;

  return g_steal_pointer (&tree);
}

const LotseServerJsonNode *
lotse_server_json_get_root (LotseServerJson *json)
{
  return json->root;
}

gboolean
lotse_server_json_has_duplicates (LotseServerJson *json)
{
  return json->duplicates;
}

/* The member @name of @node, or NULL when it has none (or is no object). */
const LotseServerJsonNode *
lotse_server_json_member (const LotseServerJsonNode *node,
                          const char                *name)
{
  if (node == NULL || node->type != LOTSE_SERVER_JSON_OBJECT)
    return NULL;

  for (const LotseServerJsonNode *member = node->first; member != NULL; member = member->next)
    if (strcmp (member->name, name) == 0)
      return member;

  return NULL;
}

void
lotse_server_json_free (LotseServerJson *json)
{
  if (json == NULL)
    return;

  g_slist_free_full (json->blocks, g_free);
  if (json->strings != NULL)
    g_string_chunk_free (json->strings);
  g_free (json);
}
