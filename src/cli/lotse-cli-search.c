/* lotse-cli-search.c: global full-text search and its index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lotse-cli-private.h"

#define DEFAULT_LIMIT 10
#define MAX_LIMIT     1000

/* Headings of the search results, one per kind of record. */
static const char * const kind_headings[] = {
  /* Translators: a heading of search results, as are the six below */
  [LOTSE_SEARCH_KIND_PROJECT]     = N_("Projects"),
  [LOTSE_SEARCH_KIND_MILESTONE]   = N_("Milestones"),
  [LOTSE_SEARCH_KIND_MEETING]     = N_("Meetings"),
  [LOTSE_SEARCH_KIND_AGENDA_ITEM] = N_("Agenda items"),
  [LOTSE_SEARCH_KIND_DECISION]    = N_("Decisions"),
  [LOTSE_SEARCH_KIND_ACTION_ITEM] = N_("Action items"),
  [LOTSE_SEARCH_KIND_ARTICLE]     = N_("Articles"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_headings) == LOTSE_SEARCH_N_KINDS);

/* The terminal and JSON show hits as *word*; line breaks of the stored
 * text become spaces so each snippet stays on one line. */
static char *
render_snippet (const char *snippet)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = snippet; *p != '\0'; p++)
    {
      if (*p == LOTSE_SEARCH_MATCH_START[0] || *p == LOTSE_SEARCH_MATCH_END[0])
        g_string_append_c (out, '*');
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_results_json (GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *result = g_ptr_array_index (results, i);
      g_autofree char *snippet = render_snippet (result->snippet);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lotse_search_kind_to_table (result->kind));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, result->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, result->title);
      json_builder_set_member_name (builder, "snippet");
      json_builder_add_string_value (builder, snippet);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_double_value (builder, result->rank);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  lotse_cli_print_json (root);
}

static void
print_results (GPtrArray *results)
{
  int kind = -1;

  if (results->len == 0)
    {
      g_print ("%s\n", _("Nothing found."));
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      LotseSearchResult *result = g_ptr_array_index (results, i);
      g_autofree char *snippet = render_snippet (result->snippet);

      if ((int) result->kind != kind)
        {
          kind = result->kind;
          g_print ("%s%s\n", i > 0 ? "\n" : "", _(kind_headings[kind]));
        }

      /* A hit in the title is shown there rather than repeated below. */
      if (lotse_search_result_snippet_is_title (result))
        {
          g_print ("  %s  (%s)\n", snippet, result->id);
        }
      else
        {
          g_print ("  %s  (%s)\n", result->title, result->id);
          if (*snippet != '\0')
            g_print ("    %s\n", snippet);
        }
    }
}

int
lotse_cli_command_search (LotseCli  *cli,
                          int        argc,
                          char     **argv)
{
  gboolean json = FALSE;
  gboolean rebuild = FALSE;
  g_autofree char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of results with kind, id, title, snippet and rank"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text,
      N_("Show at most N results of each kind (default 10)"), N_("N") },
    { "rebuild", 0, 0, G_OPTION_ARG_NONE, &rebuild,
      N_("Build the search index again from all records"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) args = NULL;
  g_autoptr(LotseStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  guint64 limit = DEFAULT_LIMIT;
  int status = LOTSE_CLI_EXIT_SUCCESS;

  if (!lotse_cli_parse_options (cli, entries, argc, argv, 0, G_MAXUINT, &args, &status))
    return status;

  if (limit_text != NULL && (!lotse_cli_parse_count (limit_text, MAX_LIMIT, &limit) || limit == 0))
    {
      g_autofree char *max = lotse_cli_format_count (MAX_LIMIT);

      /* Translators: the first %s is the largest allowed number, the second what was given */
      return lotse_cli_usage_error (cli, _("--limit needs a number from 1 to %s, not “%s”."),
                                    max, limit_text);
    }

  /* The words of the query may come as one argument or several. */
  query = g_strjoinv (" ", args);
  if (*query == '\0' && !rebuild)
    return lotse_cli_usage_error (cli, _("What should be searched for? Give a query."));

  store = lotse_cli_open_store (cli, LOTSE_CLI_OPEN_EXISTING, &error);
  if (store == NULL)
    return lotse_cli_fail (cli, error);

  if (rebuild)
    {
      if (!lotse_search_rebuild (store, &error))
        return lotse_cli_fail (cli, error);
      if (*query == '\0')
        {
          g_print ("%s\n", _("The search index was rebuilt."));
          return LOTSE_CLI_EXIT_SUCCESS;
        }
    }

  results = lotse_search_global (store, query, limit, &error);
  if (results == NULL)
    return lotse_cli_fail (cli, error);

  if (json)
    print_results_json (results);
  else
    print_results (results);

  return LOTSE_CLI_EXIT_SUCCESS;
}
