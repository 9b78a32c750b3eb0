/* test-agenda-proposal.c: proposing agenda items, accepting, declining
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lotse-test-helpers.h"

/* Compares with the concatenation of the strings given. */
#define assert_concat(actual, ...) G_STMT_START { \
    g_autofree char *expected_ = g_strconcat (__VA_ARGS__, NULL); \
    g_assert_cmpstr (actual, ==, expected_); \
  } G_STMT_END

typedef struct
{
  LotseStore *store;
  char       *dir;
  char       *db_path;
  char       *proposer;
  char       *organiser;
  char       *series;
  char       *meeting;
  char       *held;
  GDateTime  *now;
} Fixture;

static char *
add (LotseStore *store,
     const char *table,
     ...)
{
  g_autoptr(LotseRecord) record = lotse_record_new_for_table (table);
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  va_start (args, table);
  while ((field = va_arg (args, const char *)) != NULL)
    lotse_record_set (record, field, va_arg (args, const char *));
  va_end (args);

  lotse_store_insert (store, record, &error);
  g_assert_no_error (error);

  return g_strdup (lotse_record_get_id (record));
}

static void
add_item (Fixture    *f,
          const char *position,
          const char *title)
{
  g_free (add (f->store, "agenda_item", "meeting_id", f->meeting, "position", position,
               "title", title, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lotse_test_open_store (&f->dir);
  f->db_path = g_build_filename (f->dir, "lotse.db", NULL);
  f->now = g_date_time_new_from_iso8601 ("2026-12-01T09:15:00+01:00", NULL);
  f->proposer = add (f->store, "person", "name", "Tobias Rehkemper", NULL);
  f->organiser = add (f->store, "person", "name", "Katrin Voßmeyer", NULL);
  f->series = add (f->store, "meeting_series", "title", "Jour fixe",
                   "standing_items", "Begrüßung\nVerschiedenes", NULL);
  f->meeting = add (f->store, "meeting", "series_id", f->series, "title", "Jour fixe",
                    "starts_at", "2026-12-08T10:00:00+01:00", "status", "planned", NULL);
  f->held = add (f->store, "meeting", "series_id", f->series, "title", "Jour fixe",
                 "starts_at", "2026-11-24T10:00:00+01:00", "status", "held", NULL);
  add_item (f, "1", "Begrüßung");
  add_item (f, "2", "Förderaufruf");
  add_item (f, "3", "Verschiedenes");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  lotse_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->proposer);
  g_free (f->organiser);
  g_free (f->series);
  g_free (f->meeting);
  g_free (f->held);
  g_date_time_unref (f->now);
}

static char *
propose (Fixture    *f,
         const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) proposal = NULL;

  proposal = lotse_agenda_proposal_propose (f->store, f->meeting, title, "Why it matters",
                                            f->proposer, f->now, &error);
  g_assert_no_error (error);
  return g_strdup (lotse_record_get_id (proposal));
}

static char *
query (Fixture    *f,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return lotse_test_query_text (f->db_path, sql);
}

static void
test_propose_and_accept (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = propose (f, "  Digitalgipfel  ");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) item = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *order = NULL;

  stored = query (f, "SELECT title || '|' || notes || '|' || proposed_by_person_id || '|' || state"
                     " || '|' || proposed_at FROM agenda_proposal WHERE id = '%s'", id);
  assert_concat (stored, "Digitalgipfel|Why it matters|", f->proposer,
                                            "|proposed|2026-12-01T09:15:00+01:00");

  item = lotse_agenda_proposal_accept (f->store, id, f->organiser, f->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);

  /* Before the closing standing item, presented by the proposer. */
  order = query (f, "SELECT group_concat(title, ' / ') FROM"
                    " (SELECT title FROM agenda_item WHERE meeting_id = '%s' ORDER BY position)",
                 f->meeting);
  g_assert_cmpstr (order, ==, "Begrüßung / Förderaufruf / Digitalgipfel / Verschiedenes");
  g_clear_pointer (&stored, g_free);
  stored = query (f, "SELECT position || '|' || kind || '|' || presenter_person_id FROM agenda_item"
                     " WHERE id = '%s'", lotse_record_get_id (item));
  assert_concat (stored, "3|discussion|", f->proposer);
  g_clear_pointer (&stored, g_free);
  stored = query (f, "SELECT state || '|' || decided_by_person_id || '|' || agenda_item_id"
                     " || '|' || decided_at FROM agenda_proposal WHERE id = '%s'", id);
  assert_concat (stored, "accepted|", f->organiser, "|", lotse_record_get_id (item),
                                            "|2026-12-01T09:15:00+01:00");

  /* Not twice. */
  g_clear_object (&item);
  item = lotse_agenda_proposal_accept (f->store, id, f->organiser, f->now, &error);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_null (item);
  g_clear_error (&error);
  g_assert_false (lotse_agenda_proposal_decline (f->store, id, "No", NULL, f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT count(*) FROM agenda_item"), ==, 4);
}

static void
test_accept_at_end (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) item = NULL;
  g_autoptr(LotseRecord) series = lotse_store_get (f->store, "meeting_series", f->series, NULL);
  g_autofree char *order = NULL;

  /* Without closing standing items the item goes last. */
  lotse_record_set (series, "standing_items", NULL);
  lotse_store_update (f->store, series, &error);
  g_assert_no_error (error);
  id = propose (f, "Haushalt 2027");
  item = lotse_agenda_proposal_accept (f->store, id, NULL, NULL, &error);
  g_assert_no_error (error);
  order = query (f, "SELECT group_concat(title, ' / ') FROM"
                    " (SELECT title FROM agenda_item WHERE meeting_id = '%s' ORDER BY position)",
                 f->meeting);
  g_assert_cmpstr (order, ==, "Begrüßung / Förderaufruf / Verschiedenes / Haushalt 2027");
}

static void
test_decline (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = propose (f, "Betriebsausflug");
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gint64 queued = lotse_store_count_outbox (f->store);

  /* A reason is required; blanks are none. */
  g_assert_false (lotse_agenda_proposal_decline (f->store, id, "  \n", f->organiser, f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (lotse_agenda_proposal_decline (f->store, id, NULL, f->organiser, f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (lotse_store_count_outbox (f->store), ==, queued);

  g_assert_true (lotse_agenda_proposal_decline (f->store, id, "Gehört in den Lenkungskreis",
                                                f->organiser, f->now, &error));
  g_assert_no_error (error);
  stored = query (f, "SELECT state || '|' || decline_reason || '|' || decided_by_person_id"
                     " || '|' || ifnull(agenda_item_id, '-') FROM agenda_proposal WHERE id = '%s'", id);
  assert_concat (stored, "declined|Gehört in den Lenkungskreis|", f->organiser,
                                            "|-");
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT count(*) FROM agenda_item"), ==, 3);

  /* Not decided again. */
  g_assert_null (lotse_agenda_proposal_accept (f->store, id, NULL, f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) proposal = NULL;
  g_autofree char *id = propose (f, "Topic");
  g_autoptr(LotseRecord) meeting = NULL;
  gint64 queued = lotse_store_count_outbox (f->store);

  /* An empty title, an unknown or held meeting, an unknown proposer. */
  proposal = lotse_agenda_proposal_propose (f->store, f->meeting, " \t", NULL, NULL, f->now, &error);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  proposal = lotse_agenda_proposal_propose (f->store, "0b7c1a2e-0000-4000-8000-000000000000", "X",
                                            NULL, NULL, f->now, &error);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  proposal = lotse_agenda_proposal_propose (f->store, f->held, "X", NULL, NULL, f->now, &error);
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Held"));
  g_clear_error (&error);
  proposal = lotse_agenda_proposal_propose (f->store, f->meeting, "X", NULL,
                                            "0b7c1a2e-0000-4000-8000-000000000000", f->now, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (lotse_agenda_proposal_accept (f->store, "no-such-id", NULL, f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A meeting held since it was proposed takes no decision any more. */
  meeting = lotse_store_get (f->store, "meeting", f->meeting, NULL);
  lotse_record_set (meeting, "status", "held");
  lotse_store_update (f->store, meeting, &error);
  g_assert_no_error (error);
  queued = lotse_store_count_outbox (f->store);
  g_assert_null (lotse_agenda_proposal_accept (f->store, id, NULL, f->now, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (lotse_store_count_outbox (f->store), ==, queued);
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT count(*) FROM agenda_proposal"), ==, 1);
  g_assert_cmpint (lotse_test_query_int (f->db_path, "SELECT count(*) FROM agenda_item"), ==, 3);

  /* Approved minutes lock their meeting's proposals like its agenda. */
  g_assert_true (lotse_meeting_approve_minutes (f->store, f->meeting, "K. V.", f->now, &error));
  g_assert_no_error (error);
  g_assert_false (lotse_store_delete (f->store, "agenda_proposal", id, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_LOCKED);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *first = propose (f, "Erstens");
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = g_date_time_add_hours (f->now, 1);
  g_autoptr(LotseRecord) proposal = NULL;

  proposal = lotse_agenda_proposal_propose (f->store, f->meeting, "Zweitens", NULL, NULL, later, &error);
  g_assert_no_error (error);
  second = g_strdup (lotse_record_get_id (proposal));
  g_assert_true (lotse_agenda_proposal_decline (f->store, first, "Erledigt", NULL, f->now, &error));

  list = lotse_agenda_proposal_list (f->store, f->meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (lotse_record_get_id (g_ptr_array_index (list, 0)), ==, first);
  g_assert_cmpstr (lotse_record_get (g_ptr_array_index (list, 0), "state"), ==, "declined");
  g_assert_cmpstr (lotse_record_get_id (g_ptr_array_index (list, 1)), ==, second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/agenda-proposal/accept", test_propose_and_accept);
  ADD ("/agenda-proposal/accept-at-end", test_accept_at_end);
  ADD ("/agenda-proposal/decline", test_decline);
  ADD ("/agenda-proposal/bad-input", test_bad_input);
  ADD ("/agenda-proposal/list", test_list);
#undef ADD

  return g_test_run ();
}
