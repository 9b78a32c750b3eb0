/* lotse-directory-panel-private.h: what the directory panel's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lotse-directory-panel.c is the list, its search and the panel's API;
 * lotse-directory-detail.c the detail pane with the form and the links.
 */

#pragma once

#include <adwaita.h>

#include "lotse-directory-panel.h"

G_BEGIN_DECLS

struct _LotseDirectoryPanel
{
  LotsePanel          parent_instance;

  guint               reload_source;
  GListStore         *records;          /* LotseRecord: organisations, then people */
  GtkCustomFilter    *filter;
  GtkFilterListModel *results;
  GHashTable         *organisation_names; /* id → name */
  char               *search;
  char               *needle;           /* the search, folded */
  GCancellable       *cancellable;
  gboolean            loading;
  gboolean            form_dirty;       /* the user typed into the form */

  LotseRecord        *shown;            /* the record in the form; no id yet when new */
  GHashTable         *entries;          /* field → AdwEntryRow */
  AdwComboRow        *choice_row;       /* kind of an organisation, organisation of a person */
  GPtrArray          *choice_values;    /* what each item of choice_row stands for; NULL = none */
  GPtrArray          *detail_projects;  /* ids */
  char               *deleted_table;
  char               *deleted_id;

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkStack           *list_stack;
  AdwStatusPage      *empty_page;
  GtkBox             *detail_box;
};

/* The fields the form shows of a record of @table */
const char * const *lotse_directory_form_fields             (const char          *table);
/* The field the form's choice row sets: an organisation's kind, a
 * person's organisation */
const char         *lotse_directory_choice_field            (LotseRecord         *record);
void                lotse_directory_panel_build_form        (LotseDirectoryPanel *self);
void                lotse_directory_panel_show_empty_detail (LotseDirectoryPanel *self);

G_END_DECLS
