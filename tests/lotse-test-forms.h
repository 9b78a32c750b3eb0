/* lotse-test-forms.h: typing into the app's forms and reading back the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by test-ui-forms.c and test-ui-forms-meetings.c; see there.
 */

#pragma once

#include <adwaita.h>

#include "lotse-window.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  const char  *db;
  LotseStore  *store;
  LotseWindow *window;
} Fixture;

/* One field: what is typed or chosen, in English and in German, and what
 * the database holds then. A choice is the item's label as a msgid
 * ("context|msgid" with a context) or a record's title; "" chooses the
 * first item, the empty one. */
typedef struct
{
  const char *field;    /* the column, or an SQL expression of it */
  const char *label;    /* the widget's label as a msgid, where the form has no lookup */
  const char *typed[2];
  const char *stored;   /* NULL for NULL; "@table:title" for that record's id;
                         * "this-year-MM-DD" for that day of this year */
} Step;

#define SAME(text) { text, text }

typedef GtkWidget *(*FindWidget) (gpointer form, const Step *step);
typedef gboolean   (*Condition)  (gpointer data);

/* 0 English, 1 German: which of Step.typed the test types. */
extern guint forms_lang;

void              forms_init               (int          *argc,
                                            char       ***argv);
int               forms_run                (void);
void              forms_fixture_setup      (Fixture      *f,
                                            gconstpointer data);
void              forms_fixture_teardown   (Fixture      *f,
                                            gconstpointer data);

gboolean          forms_wait_until         (Condition     condition,
                                            gpointer      data);
void              forms_iterate            (void);
const char       *forms_translate          (const char   *text);
GtkWidget        *forms_find_labelled      (GtkWidget    *widget,
                                            const char   *label);
GtkWidget        *forms_find_in_root       (gpointer      form,
                                            const Step   *step);
void              forms_set_widget         (GtkWidget    *widget,
                                            const char   *typed);
void              forms_give               (GtkWidget    *widget);
char             *forms_id_of              (Fixture      *f,
                                            const char   *table,
                                            const char   *title);
char             *forms_newest             (Fixture      *f,
                                            const char   *table);
void              forms_assert_stored      (Fixture      *f,
                                            const char   *table,
                                            const char   *id,
                                            const Step   *step);
void              forms_run_live           (Fixture      *f,
                                            gpointer      form,
                                            FindWidget    find,
                                            const char   *table,
                                            const char   *id,
                                            const Step   *steps,
                                            guint         n_steps);
void              forms_fill               (gpointer      form,
                                            FindWidget    find,
                                            const Step   *steps,
                                            guint         n_steps);
void              forms_assert_all_stored  (Fixture      *f,
                                            const char   *table,
                                            const char   *id,
                                            const Step   *steps,
                                            guint         n_steps);
AdwMessageDialog *forms_find_dialog        (void);
void              forms_respond            (AdwMessageDialog *dialog,
                                            const char   *response);
void              forms_screenshot         (GtkWidget    *widget,
                                            const char   *name);

G_END_DECLS
