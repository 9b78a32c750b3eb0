/* lotse-article.c: knowledge-base articles: tags and Markdown export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tags are rows of their own (tag) joined to articles by article_tag rows,
 * so two people tagging the same article offline never conflict. A tag is
 * found by its name regardless of case; the first spelling stays.
 *
 * Export writes YAML front matter (title, summary, category, tags, project,
 * author, dates) followed by the title as a heading and the body: static
 * site generators and Pandoc read the metadata, and anyone else reads a
 * plain Markdown document. Strings in the front matter are double-quoted
 * with JSON escapes, which YAML reads as they are.
 */

#define G_LOG_DOMAIN "lotse-article"

#include "config.h"


#include "lotse-article.h"

/**
 * lotse_article_normalize_tag:
 * @name: (nullable): a tag name as typed
 *
 * Returns: (transfer full) (nullable): @name without leading, trailing and
 *   repeated white space, or %NULL if nothing is left
 */
char *
lotse_article_normalize_tag (const char *name)
{
  g_autoptr(GString) result = g_string_new (NULL);
  g_autofree char *valid = NULL;
  gboolean space = FALSE;

  if (name == NULL)
    return NULL;

  valid = g_utf8_make_valid (name, -1);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = result->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (result, ' ');
      space = FALSE;
      g_string_append_unichar (result, c);
    }

  if (result->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&result), FALSE);
}

static GPtrArray *
list_links (LotseStore  *store,
            const char  *article_id,
            GError     **error)
{
  LotseFilter filter = { "article_id", article_id };

  return lotse_store_list (store, "article_tag", &filter, 1, NULL, 0, 0, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/**
 * lotse_article_get_tag_names:
 * @store: a store
 * @article_id: an article
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the names of the article's tags in
 *   alphabetical order; %NULL on error
 */
GStrv
lotse_article_get_tag_names (LotseStore  *store,
                             const char  *article_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  links = list_links (store, article_id, error);
  if (links == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < links->len; i++)
    {
      const char *tag_id = lotse_record_get (g_ptr_array_index (links, i), "tag_id");
      g_autoptr(LotseRecord) tag = lotse_store_get (store, "tag", tag_id, NULL);

      /* A deleted tag no longer names the article. */
      if (tag != NULL)
        g_ptr_array_add (names, g_strdup (lotse_record_get (tag, "name")));
    }

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* casefolded name → tag id, for every tag */
static GHashTable *
tags_by_name (LotseStore  *store,
              GError     **error)
{
  g_autoptr(GPtrArray) tags = lotse_store_list (store, "tag", NULL, 0, NULL, 0, 0, error);
  GHashTable *by_name;

  if (tags == NULL)
    return NULL;

  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < tags->len; i++)
    {
      LotseRecord *tag = g_ptr_array_index (tags, i);
      char *key = g_utf8_casefold (lotse_record_get (tag, "name"), -1);

      if (!g_hash_table_contains (by_name, key))
        g_hash_table_insert (by_name, key, g_strdup (lotse_record_get_id (tag)));
      else
        g_free (key);
    }

  return by_name;
}

/* The ids of the tags @names, made where missing; a name given twice
 * gives its id twice. */
static GPtrArray *
ensure_tags (LotseStore          *store,
             const char * const  *names,
             GError             **error)
{
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GPtrArray) tag_ids = g_ptr_array_new_with_free_func (g_free);

  by_name = tags_by_name (store, error);
  if (by_name == NULL)
    return NULL;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *name = lotse_article_normalize_tag (names[i]);
      g_autofree char *key = NULL;
      const char *tag_id;

      if (name == NULL)
        continue;

      key = g_utf8_casefold (name, -1);
      tag_id = g_hash_table_lookup (by_name, key);
      if (tag_id == NULL)
        {
          g_autoptr(LotseRecord) tag = lotse_record_new_for_table ("tag");

          lotse_record_set (tag, "name", name);
          if (!lotse_store_insert (store, tag, error))
            return NULL;
          g_hash_table_insert (by_name, g_strdup (key), g_strdup (lotse_record_get_id (tag)));
          tag_id = g_hash_table_lookup (by_name, key);
        }

      g_ptr_array_add (tag_ids, g_strdup (tag_id));
    }

  return g_steal_pointer (&tag_ids);
}

static gboolean
set_tags (LotseStore          *store,
          const char          *article_id,
          const char * const  *names,
          GError             **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) linked = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(LotseRecord) article = NULL;
  g_autoptr(GPtrArray) tag_ids = NULL;

  article = lotse_store_get (store, "article", article_id, error);
  if (article == NULL)
    return FALSE;

  tag_ids = ensure_tags (store, names, error);
  if (tag_ids == NULL)
    return FALSE;

  for (guint i = 0; i < tag_ids->len; i++)
    g_hash_table_add (wanted, g_ptr_array_index (tag_ids, i));

  links = list_links (store, article_id, error);
  if (links == NULL)
    return FALSE;

  /* Links to drop, and the tags already linked */
  for (guint i = 0; i < links->len; i++)
    {
      LotseRecord *link = g_ptr_array_index (links, i);
      const char *tag_id = lotse_record_get (link, "tag_id");

      if (!g_hash_table_contains (wanted, tag_id) || g_hash_table_contains (linked, tag_id))
        {
          if (!lotse_store_delete (store, "article_tag", lotse_record_get_id (link), error))
            return FALSE;
        }
      else
        g_hash_table_add (linked, (gpointer) tag_id);
    }

  for (guint i = 0; i < tag_ids->len; i++)
    {
      const char *tag_id = g_ptr_array_index (tag_ids, i);
      g_autoptr(LotseRecord) link = NULL;

      if (g_hash_table_contains (linked, tag_id))
        continue;

      link = lotse_record_new_for_table ("article_tag");
      lotse_record_set (link, "article_id", article_id);
      lotse_record_set (link, "tag_id", tag_id);
      if (!lotse_store_insert (store, link, error))
        return FALSE;
      g_hash_table_add (linked, (gpointer) tag_id);
    }

  return TRUE;
}

/**
 * lotse_article_set_tags:
 * @store: a store
 * @article_id: an article
 * @names: (nullable) (array zero-terminated=1): the tag names the article
 *   shall have; blank ones are skipped, duplicates (ignoring case) count once
 * @error: a location for a #GError
 *
 * Gives the article exactly these tags in one transaction: links to other
 * tags are deleted, missing tags are created (a name that differs only in
 * case from an existing tag uses that tag), missing links are added.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
lotse_article_set_tags (LotseStore          *store,
                        const char          *article_id,
                        const char * const  *names,
                        GError             **error)
{
  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);
  g_return_val_if_fail (article_id != NULL, FALSE);

  if (!lotse_store_begin (store, error))
    return FALSE;

  if (!set_tags (store, article_id, names, error))
    {
      lotse_store_rollback (store);
      return FALSE;
    }

  return lotse_store_commit (store, error);
}

static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
append_yaml_string (GString    *out,
                    const char *key,
                    const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  g_string_append_printf (out, "%s: ", key);
  append_quoted (out, value);
  g_string_append_c (out, '\n');
}

static const char *
referenced_title (LotseStore  *store,
                  LotseRecord *article,
                  const char  *field,
                  const char  *table,
                  LotseRecord **out_record)
{
  const char *id = lotse_record_get (article, field);

  *out_record = id != NULL ? lotse_store_get (store, table, id, NULL) : NULL;

  return *out_record != NULL ? lotse_record_get_title (*out_record) : NULL;
}

/**
 * lotse_article_export_markdown:
 * @store: a store
 * @article_id: an article
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the article as a Markdown document
 *   with YAML front matter; %NULL if there is no such article
 */
char *
lotse_article_export_markdown (LotseStore  *store,
                               const char  *article_id,
                               GError     **error)
{
  g_autoptr(LotseRecord) article = NULL;
  g_autoptr(LotseRecord) project = NULL;
  g_autoptr(LotseRecord) author = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GString) out = g_string_new ("---\n");
  g_autofree char *title = NULL;
  const char *body;

  g_return_val_if_fail (LOTSE_IS_STORE (store), NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  article = lotse_store_get (store, "article", article_id, error);
  if (article == NULL)
    return NULL;

  tags = lotse_article_get_tag_names (store, article_id, error);
  if (tags == NULL)
    return NULL;

  append_yaml_string (out, "title", lotse_record_get (article, "title"));
  append_yaml_string (out, "summary", lotse_record_get (article, "summary"));
  append_yaml_string (out, "category", lotse_record_get (article, "category"));
  if (tags[0] != NULL)
    {
      g_string_append (out, "tags:\n");
      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_string_append (out, "  - ");
          append_quoted (out, tags[i]);
          g_string_append_c (out, '\n');
        }
    }
  append_yaml_string (out, "project",
                      referenced_title (store, article, "project_id", "project", &project));
  append_yaml_string (out, "author",
                      referenced_title (store, article, "author_person_id", "person", &author));
  append_yaml_string (out, "created", lotse_record_get_created_at (article));
  append_yaml_string (out, "updated", lotse_record_get_updated_at (article));
  g_string_append (out, "---\n\n");

  /* One line: a title with line breaks would end the heading early. */
  title = g_strdup (lotse_record_get (article, "title"));
  g_strdelimit (title, "\r\n", ' ');
  g_string_append_printf (out, "# %s\n", title);

  body = lotse_record_get (article, "body");
  if (body != NULL && *body != '\0')
    {
      g_string_append_c (out, '\n');
      g_string_append (out, body);
      if (!g_str_has_suffix (body, "\n"))
        g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
