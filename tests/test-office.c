/* test-office.c: the office's own data and the times of the office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/meson.build runs this with TZ=UTC: the machine's zone must not
 * show in any time the office stores.
 */

#include "config.h"

#include <string.h>

#include "lotse-test-helpers.h"

typedef struct
{
  char       *dir;
  LotseStore *store;
  char       *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = lotse_test_open_store (&fixture->dir);
  fixture->path = g_strdup (lotse_store_get_path (fixture->store));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  lotse_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gint64
outbox_rows (Fixture *fixture)
{
  return lotse_test_query_int (fixture->path, "SELECT count(*) FROM outbox");
}

static void
set_office (Fixture    *fixture,
            const char *field,
            const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) office = lotse_office_get (fixture->store, &error);

  g_assert_no_error (error);
  lotse_record_set (office, field, value);
  g_assert_true (lotse_office_save (fixture->store, office, &error));
  g_assert_no_error (error);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) office = lotse_office_get (fixture->store, &error);
  g_autoptr(GTimeZone) zone = lotse_office_get_time_zone (fixture->store);

  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get_id (office), ==, LOTSE_OFFICE_ID);
  g_assert_null (lotse_record_get (office, "time_zone"));
  g_assert_null (lotse_record_get (office, "email"));
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Berlin");

  /* Reading writes nothing. */
  g_assert_cmpint (lotse_test_query_int (fixture->path, "SELECT count(*) FROM office"), ==, 0);
  g_assert_cmpint (outbox_rows (fixture), ==, 0);
}

static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const bad_zones[] = {
    "+01:00", "Europe/Atlantis", "Europe/Berlin\n", "../../etc/localtime", NULL,
  };
  g_autoptr(GTimeZone) zone = NULL;
  gint64 outbox;

  set_office (fixture, "time_zone", "Europe/Vienna");
  set_office (fixture, "name", "Projektbüro OWL");
  g_assert_cmpstr (lotse_test_query_text (fixture->path,
                                          "SELECT id || ' ' || time_zone || ' ' || name FROM office"),
                   ==, LOTSE_OFFICE_ID " Europe/Vienna Projektbüro OWL");
  zone = lotse_office_get_time_zone (fixture->store);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Vienna");

  /* Synced like any row: an insert with only what was set, then only the
   * changed field. */
  g_assert_cmpint (outbox_rows (fixture), ==, 2);
  g_assert_cmpstr (lotse_test_query_text (fixture->path, "SELECT fields FROM outbox ORDER BY seq LIMIT 1"),
                   ==, "{\"time_zone\":\"Europe/Vienna\"}");
  g_assert_cmpstr (lotse_test_query_text (fixture->path,
                                          "SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1"),
                   ==, "{\"name\":\"Projektbüro OWL\"}");

  /* A zone that is not one is refused, and nothing changes. */
  outbox = outbox_rows (fixture);
  for (guint i = 0; bad_zones[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LotseRecord) office = lotse_office_get (fixture->store, &error);

      lotse_record_set (office, "time_zone", bad_zones[i]);
      g_assert_false (lotse_office_save (fixture->store, office, &error));
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      g_test_message ("“%s”: %s", bad_zones[i], error->message);
    }
  g_assert_cmpint (outbox_rows (fixture), ==, outbox);
  g_assert_cmpstr (lotse_test_query_text (fixture->path, "SELECT time_zone FROM office"), ==,
                   "Europe/Vienna");

  /* Unset, the office is in Berlin again. */
  set_office (fixture, "time_zone", NULL);
  g_clear_pointer (&zone, g_time_zone_unref);
  zone = lotse_office_get_time_zone (fixture->store);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Berlin");
}

/* One office on every laptop: its id is fixed, no other is taken. */
static void
test_one_row (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(LotseRecord) other = lotse_record_new_for_table ("office");
  g_autoptr(LotseRecord) second = lotse_record_new_for_table ("office");
  g_autoptr(LotseRecord) first = lotse_record_new_for_table ("office");
  g_autoptr(GError) error = NULL;

  lotse_record_set_id (other, "6f1c1e8e-4f2a-4b8e-9c2d-1a2b3c4d5e6f");
  lotse_record_set (other, "time_zone", "Europe/Paris");
  g_assert_false (lotse_store_insert (fixture->store, other, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Without an id, an insert takes the office's. */
  g_assert_true (lotse_store_insert (fixture->store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get_id (first), ==, LOTSE_OFFICE_ID);
  g_assert_false (lotse_store_insert (fixture->store, second, &error));
  g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);

  g_assert_cmpint (lotse_test_query_int (fixture->path, "SELECT count(*) FROM office"), ==, 1);
}

/* A deleted office is unset; setting it again brings the row back. */
static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;

  set_office (fixture, "time_zone", "America/New_York");
  g_assert_true (lotse_store_delete (fixture->store, "office", LOTSE_OFFICE_ID, &error));
  g_assert_no_error (error);
  zone = lotse_office_get_time_zone (fixture->store);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Berlin");

  set_office (fixture, "time_zone", "Asia/Tokyo");
  g_assert_cmpstr (lotse_test_query_text (fixture->path,
                                          "SELECT deleted || ' ' || time_zone FROM office"),
                   ==, "0 Asia/Tokyo");
}

static void
test_times (void)
{
  g_autoptr(GTimeZone) berlin = lotse_time_zone_new ("Europe/Berlin", NULL);
  static const struct
  {
    const char *date;
    const char *time;
    const char *stored;  /* NULL: refused */
  } cases[] = {
    { "2026-12-08", "10:00", "2026-12-08T10:00:00+01:00" },
    { "2026-07-07", "9:30", "2026-07-07T09:30:00+02:00" },
    { "2026-07-07", "23:59", "2026-07-07T23:59:00+02:00" },
    /* The hour skipped when the clocks go forward does not exist. */
    { "2026-03-29", "02:30", NULL },
    { "2026-03-29", "03:00", "2026-03-29T03:00:00+02:00" },
    { "2026-07-07", "24:00", NULL },
    { "2026-07-07", "10:60", NULL },
    { "2026-07-07", "10", NULL },
    { "2026-07-07", "10:0", NULL },
    { "2026-07-07", "10:00:00", NULL },
    { "2026-07-07", " 10:00", NULL },
    { "2026-07-07", "-1:00", NULL },
    { "2026-02-30", "10:00", NULL },
    { "2026-7-7", "10:00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) time = lotse_time_new (berlin, cases[i].date, cases[i].time, &error);
      g_autofree char *stored = time != NULL ? lotse_time_to_stored (time) : NULL;

      g_test_message ("%s %s", cases[i].date, cases[i].time);
      g_assert_cmpstr (stored, ==, cases[i].stored);
      if (cases[i].stored == NULL)
        g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
    }

  /* A stored time in the office's zone, whatever offset it was written with. */
  {
    g_autoptr(GDateTime) time = lotse_time_parse ("2026-12-08T09:00:00Z", berlin);
    g_autofree char *stored = lotse_time_to_stored (time);

    g_assert_cmpstr (stored, ==, "2026-12-08T10:00:00+01:00");
    g_assert_null (lotse_time_parse (NULL, berlin));
    g_assert_null (lotse_time_parse ("2026-12-08 10:00", berlin));
  }
}

static void
test_zone_list (void)
{
  g_auto(GStrv) zones = lotse_office_list_time_zones ();

  g_assert_cmpstr (zones[0], ==, "UTC");
  g_assert_true (g_strv_contains ((const char * const *) zones, "Europe/Berlin"));
  g_assert_true (g_strv_contains ((const char * const *) zones, "America/Argentina/Buenos_Aires"));
  for (guint i = 0; zones[i] != NULL; i++)
    {
      g_autoptr(GTimeZone) zone = lotse_time_zone_new (zones[i], NULL);

      g_assert_nonnull (zone);
      if (i > 1)
        g_assert_cmpint (strcmp (zones[i - 1], zones[i]), <, 0);
    }
}

/* A series without TZID meets at the office's wall-clock time: prepared on
 * this machine in UTC, the meeting is at 10:00 in the office, also after
 * a change of the office's zone. */
static void
test_prepare_in_office_zone (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *series = lotse_test_insert (fixture->store, "meeting_series", "title=Jour fixe",
                                               "kind=jour_fixe", "recurrence=FREQ=WEEKLY;BYDAY=TU",
                                               NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotseRecord) winter = NULL;
  g_autoptr(LotseRecord) summer = NULL;
  g_autoptr(LotseRecord) away = NULL;
  g_autofree char *series_id = g_strdup (series);

  winter = lotse_meeting_prepare_next (fixture->store, series_id, "2026-12-08", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (winter, "starts_at"), ==, "2026-12-08T10:00:00+01:00");
  summer = lotse_meeting_prepare_next (fixture->store, series_id, "2027-04-06", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotse_record_get (summer, "starts_at"), ==, "2027-04-06T10:00:00+02:00");

  set_office (fixture, "time_zone", "America/New_York");
  away = lotse_meeting_prepare_next (fixture->store, series_id, "2027-04-13", &error);
  g_assert_no_error (error);
  /* The last meeting was at 04:00 in New York. */
  g_assert_cmpstr (lotse_record_get (away, "starts_at"), ==, "2027-04-13T04:00:00-04:00");
}

static void
test_format_title (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = lotse_time_zone_new ("Europe/Berlin", NULL);
  g_autoptr(LotseRecord) meeting = lotse_record_new_for_table ("meeting");
  g_autofree char *prepared = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *single = NULL;
  g_autofree char *date = NULL;

  lotse_record_set (meeting, "title", "Jour fixe");
  /* 23:30 UTC is the next day in Berlin. */
  lotse_record_set (meeting, "starts_at", "2026-12-07T23:30:00+00:00");
  prepared = lotse_meeting_format_title (meeting, "Jour fixe", berlin);
  g_assert_cmpstr (prepared, ==, "Jour fixe on 12/08/2026");
  date = lotse_meeting_get_date (meeting, berlin);
  g_assert_cmpstr (date, ==, "2026-12-08");

  single = lotse_meeting_format_title (meeting, NULL, berlin);
  g_assert_cmpstr (single, ==, "Jour fixe");
  lotse_record_set (meeting, "title", "Sondersitzung Haushalt");
  renamed = lotse_meeting_format_title (meeting, "Jour fixe", berlin);
  g_assert_cmpstr (renamed, ==, "Sondersitzung Haushalt");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/office/defaults", test_defaults);
  ADD ("/office/save", test_save);
  ADD ("/office/one-row", test_one_row);
  ADD ("/office/deleted", test_deleted);
  g_test_add_func ("/office/times", test_times);
  g_test_add_func ("/office/zone-list", test_zone_list);
  ADD ("/office/prepare-in-office-zone", test_prepare_in_office_zone);
  ADD ("/office/format-title", test_format_title);

  return g_test_run ();
}
