/* test-parse.c: dates, money and numbers as people type and read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case runs in the locale a person would have: German (de_DE), British
 * English (en_GB, day first with slashes) and C (month first, as in the
 * US), with the build's translations for the hints and messages.
 * build-aux/install-deps.sh generates the locales.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "lotse-core.h"

static void
use_locale (const char *name)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

  if (setlocale (LC_ALL, name) == NULL)
    g_error ("The locale %s is not installed (build-aux/install-deps.sh generates it)", name);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

static char *
this_year (const char *month_day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_strdup_printf ("%04d-%s", g_date_time_get_year (now), month_day);
}

typedef struct
{
  const char *text;
  const char *stored;  /* NULL: no date; "this-year-MM-DD": today's year */
} DateCase;

static void
check_dates (const DateCase *cases,
             guint           n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("date “%s”", cases[i].text);
      if (cases[i].stored != NULL && g_str_has_prefix (cases[i].stored, "this-year-"))
        expected = this_year (cases[i].stored + strlen ("this-year-"));
      else
        expected = g_strdup (cases[i].stored);

      g_assert_true (lotse_parse_date (cases[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, expected);
    }
}

static void
check_bad_dates (const char * const *texts,
                 const char         *hint)
{
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (texts[i]));

      g_test_message ("bad date “%s”", texts[i]);
      g_assert_false (lotse_parse_date (texts[i], &value, &error));
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      g_assert_null (value);
      /* The message names what was typed and the form expected. */
      g_assert_nonnull (strstr (error->message, trimmed));
      g_assert_nonnull (strstr (error->message, hint));
    }
}

static void
check_date_round_trip (void)
{
  static const char * const dates[] = { "2026-12-15", "2028-02-29", "1999-01-01", "2101-07-04" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *shown = lotse_format_date (dates[i]);
      g_autofree char *back = NULL;

      g_assert_true (lotse_parse_date (shown, &back, NULL));
      g_assert_cmpstr (back, ==, dates[i]);
    }

  g_assert_null (lotse_format_date (NULL));
  {
    g_autofree char *kept = lotse_format_date ("not a date");

    g_assert_cmpstr (kept, ==, "not a date");
  }
}

static const char * const common_bad_dates[] = {
  "32.13.2026", "31.02.2026", "29.02.2027", "2026-2-3", "2026-02-03x", "2026-13-01",
  "15.12.202", "15.12.0999", "15.12.20266", "morgen", "15..12.2026", "1512", "15.12.2026.1",
  "15", ".12.2026", "-15.12.2026", NULL
};

static void
test_dates_german (void)
{
  static const DateCase cases[] = {
    { "15.12.2026", "2026-12-15" }, { "15.12.26", "2026-12-15" }, { "15.12.", "this-year-12-15" },
    { "15.12", "this-year-12-15" }, { "1.2.2027", "2027-02-01" }, { "2026-12-15", "2026-12-15" },
    { " 29.02.2028 ", "2028-02-29" }, { "15. 12. 2026", "2026-12-15" }, { "", NULL }, { "  ", NULL },
  };
  static const char * const bad[] = { "15/12/2026", "12/15/2026", NULL };
  g_autofree char *hint = NULL;
  g_autofree char *shown = NULL;

  use_locale ("de_DE.UTF-8");
  hint = lotse_date_hint ();
  g_assert_cmpstr (hint, ==, "TT.MM.JJJJ");
  check_dates (cases, G_N_ELEMENTS (cases));
  check_bad_dates (common_bad_dates, hint);
  check_bad_dates (bad, hint);

  shown = lotse_format_date ("2026-12-15");
  g_assert_cmpstr (shown, ==, "15.12.2026");
  check_date_round_trip ();
}

static void
test_dates_english (void)
{
  static const DateCase cases[] = {
    { "15/12/2026", "2026-12-15" }, { "15/12/26", "2026-12-15" }, { "15/12", "this-year-12-15" },
    { "1/2/2027", "2027-02-01" }, { "2026-12-15", "2026-12-15" }, { "15.12.2026", "2026-12-15" },
  };
  static const char * const bad[] = { "12/15/2026", "15-12-2026", "15/12/2026/", NULL };
  g_autofree char *hint = NULL;
  g_autofree char *shown = NULL;

  use_locale ("en_GB.UTF-8");
  hint = lotse_date_hint ();
  g_assert_cmpstr (hint, ==, "DD/MM/YYYY");
  check_dates (cases, G_N_ELEMENTS (cases));
  check_bad_dates (common_bad_dates, hint);
  check_bad_dates (bad, hint);

  shown = lotse_format_date ("2026-12-15");
  g_assert_cmpstr (shown, ==, "15/12/2026");
  check_date_round_trip ();
}

static void
test_dates_month_first (void)
{
  static const DateCase cases[] = {
    { "12/15/2026", "2026-12-15" }, { "12/15/26", "2026-12-15" }, { "12/15", "this-year-12-15" },
    { "2026-12-15", "2026-12-15" }, { "15.12.2026", "2026-12-15" },
  };
  static const char * const bad[] = { "15/12/2026", NULL };
  g_autofree char *hint = NULL;
  g_autofree char *shown = NULL;

  use_locale ("C.UTF-8");
  hint = lotse_date_hint ();
  g_assert_cmpstr (hint, ==, "MM/DD/YYYY");
  check_dates (cases, G_N_ELEMENTS (cases));
  check_bad_dates (common_bad_dates, hint);
  check_bad_dates (bad, hint);

  shown = lotse_format_date ("2026-12-15");
  g_assert_cmpstr (shown, ==, "12/15/2026");
  check_date_round_trip ();
}

typedef struct
{
  const char *text;
  const char *cents;
} MoneyCase;

static void
check_money (const MoneyCase *cases,
             guint            n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("amount “%s”", cases[i].text);
      g_assert_true (lotse_parse_money (cases[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, cases[i].cents);
    }
}

/* Each bad amount is refused with a message that names it; @words is a
 * word the message of the ambiguous ones has. */
static void
check_bad_money (const char * const *texts,
                 const char         *word)
{
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (texts[i]));

      g_test_message ("bad amount “%s”", texts[i]);
      g_assert_false (lotse_parse_money (texts[i], &value, &error));
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      g_assert_null (value);
      g_assert_nonnull (strstr (error->message, trimmed));
      if (word != NULL)
        g_assert_nonnull (strstr (error->message, word));
    }
}

static void
check_money_round_trip (void)
{
  static const char * const amounts[] = { "0", "7", "1250", "125000000", "10000000000000" };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *shown = lotse_format_money (amounts[i]);
      g_autofree char *back = NULL;

      g_assert_true (lotse_parse_money (shown, &back, NULL));
      g_assert_cmpstr (back, ==, amounts[i]);
    }
  g_assert_null (lotse_format_money (NULL));
}

static const char * const common_bad_money[] = {
  "abc", "€", "EUR", "1.2.3,4,5", "12.345.6", "1,234.567", "-5", "- 5 €", "1,2,3", "1.25.000",
  "12,345,67", "1 2 3", "5 € 5", "5%", "0x10", "1e6", "1.000.000.000.000", "100.000.000.000,01",
  "99999999999999999999999", "1'00", ",", "1.250.", NULL
};

static void
test_money_german (void)
{
  static const MoneyCase cases[] = {
    { "1.250.000,00 €", "125000000" }, { "1250000", "125000000" }, { "1 250 000,00", "125000000" },
    { "1.250.000", "125000000" }, { "12,5", "1250" }, { "12.50", "1250" }, { "0,07", "7" },
    { "€ 1.234,56", "123456" }, { "1234,56 EUR", "123456" }, { "1.250", "125000" },
    { "1\u00a0250,00\u00a0€", "125000" }, { "1\u202f250\u202f000,00", "125000000" },
    { "100.000.000.000,00", "10000000000000" },
    { "1,234.56", "123456" }, { "", NULL }, { "   ", NULL },
  };
  static const char * const ambiguous[] = { "1,250", "12.345,678", NULL };
  g_autofree char *shown = NULL;

  use_locale ("de_DE.UTF-8");
  check_money (cases, G_N_ELEMENTS (cases));
  check_bad_money (common_bad_money, NULL);
  check_bad_money ((const char * const[]) { "1,250", NULL }, "mehrdeutig");
  check_bad_money (ambiguous, NULL);

  shown = lotse_format_money ("125000000");
  g_assert_cmpstr (shown, ==, "1.250.000,00\u00a0€");
  g_clear_pointer (&shown, g_free);
  shown = lotse_format_money ("7");
  g_assert_cmpstr (shown, ==, "0,07\u00a0€");
  check_money_round_trip ();
}

static void
test_money_english (void)
{
  static const MoneyCase cases[] = {
    { "1,250,000.00", "125000000" }, { "€1,250,000.00", "125000000" }, { "1250000", "125000000" },
    { "1,250", "125000" }, { "12,50", "1250" }, { "1 250 000.50", "125000050" }, { "0.7", "70" },
    { "1 250 000,00", "125000000" }, { "1\u202f250\u202f000.00", "125000000" },
    { "1.250.000,00 €", "125000000" },
  };
  g_autofree char *shown = NULL;

  use_locale ("en_GB.UTF-8");
  check_money (cases, G_N_ELEMENTS (cases));
  check_bad_money (common_bad_money, NULL);
  check_bad_money ((const char * const[]) { "1.250", NULL }, "ambiguous");

  shown = lotse_format_money ("125000000");
  g_assert_cmpstr (shown, ==, "€1,250,000.00");
  check_money_round_trip ();

  use_locale ("C.UTF-8");
  g_clear_pointer (&shown, g_free);
  shown = lotse_format_money ("123456789");
  g_assert_cmpstr (shown, ==, "€1234567.89");
  check_money_round_trip ();
}

static void
test_numbers (void)
{
  static const struct { const char *locale, *text, *number; } cases[] = {
    { "de_DE.UTF-8", "1.500", "1500" }, { "de_DE.UTF-8", "1500", "1500" },
    { "de_DE.UTF-8", "1 500", "1500" }, { "de_DE.UTF-8", "-12", "-12" },
    { "de_DE.UTF-8", "", NULL }, { "en_GB.UTF-8", "1,500", "1500" },
    { "en_GB.UTF-8", "9223372036854775807", "9223372036854775807" },
  };
  static const struct { const char *locale, *text; } bad[] = {
    { "de_DE.UTF-8", "1,5" }, { "de_DE.UTF-8", "abc" }, { "de_DE.UTF-8", "1.50" },
    { "de_DE.UTF-8", "-" }, { "en_GB.UTF-8", "1.500" }, { "en_GB.UTF-8", "9223372036854775808" },
    { "C.UTF-8", "1,500" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;

      use_locale (cases[i].locale);
      g_assert_true (lotse_parse_number (cases[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, cases[i].number);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;

      use_locale (bad[i].locale);
      g_assert_false (lotse_parse_number (bad[i].text, &value, &error));
      g_assert_error (error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (error->message, bad[i].text));
    }

  use_locale ("de_DE.UTF-8");
  {
    g_autofree char *shown = lotse_format_number ("-1234567");

    g_assert_cmpstr (shown, ==, "-1.234.567");
  }
  use_locale ("en_GB.UTF-8");
  {
    g_autofree char *shown = lotse_format_number ("1500");

    g_assert_cmpstr (shown, ==, "1,500");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parse/date/german", test_dates_german);
  g_test_add_func ("/parse/date/english", test_dates_english);
  g_test_add_func ("/parse/date/month-first", test_dates_month_first);
  g_test_add_func ("/parse/money/german", test_money_german);
  g_test_add_func ("/parse/money/english", test_money_english);
  g_test_add_func ("/parse/number", test_numbers);

  return g_test_run ();
}
