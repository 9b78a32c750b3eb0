/* lotse-generate-finance.c: budget plans and expenditures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every project gets a plan per seeded cost category and year of its
 * runtime; the expenditures spread over the projects like the
 * milestones, each dated within its project's runtime and before
 * LOTSE_GENERATE_TODAY, so that a project of the benchmark database with
 * 100 expenditures per project sums them as an office's would.
 */

#define G_LOG_DOMAIN "lotse-generate"

#include "config.h"

#include "lotse-generate-private.h"

/* The seeded categories (migration 014) and their share of a plan. */
static const struct
{
  const char *code;
  guint       percent;
} categories[] = {
  { "personnel", 60 }, { "material", 8 }, { "travel", 3 },
  { "investment", 12 }, { "subcontracts", 12 }, { "overhead", 5 },
};

static const char *const descriptions[] = {
  "Personalausgaben", "Lizenzen", "Dienstreise", "Messtechnik", "Auftrag Evaluation",
  "Verwaltungspauschale", "Workshop", "Druckkosten", "Server", "Beratung",
};

static int
year_of (gint32 days)
{
  int year, month, day;

  lotse_generate_civil_from_days (days, &year, &month, &day);
  return year;
}

/* The budget of a project's year: 50,000 € to 500,000 €. */
static gboolean
generate_plan (Generator  *gen,
               guint       project,
               guint64    *index,
               GError    **error)
{
  Rng rng = row_rng (gen, KIND_BUDGET_LINE, project);
  gint64 yearly = (gint64) rng_between (&rng, 500, 5000) * 10000;

  for (int year = year_of (gen->project_start[project]); year <= year_of (gen->project_end[project]); year++)
    for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
      {
        g_autoptr(LotseRecord) record = lotse_generate_new_row ("budget_line", gen, KIND_BUDGET_LINE, (*index)++);
        g_autofree char *year_text = g_strdup_printf ("%d", year);
        g_autofree char *planned = g_strdup_printf ("%" G_GINT64_FORMAT, yearly * categories[c].percent / 100);

        lotse_generate_set_ref (record, "project_id", gen, KIND_PROJECT, project);
        lotse_record_set (record, "category", categories[c].code);
        lotse_record_set (record, "year", year_text);
        lotse_record_set (record, "planned_cents", planned);
        if (!lotse_generate_write_row (gen, record, error))
          return FALSE;
      }

  return TRUE;
}

gboolean
lotse_generate_budget_lines (Generator  *gen,
                             GError    **error)
{
  guint64 index = 0;

  for (guint i = 0; i < gen->n_projects; i++)
    {
      if (!generate_plan (gen, i, &index, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

gboolean
lotse_generate_expenditures (Generator  *gen,
                             GError    **error)
{
  gint32 today = lotse_generate_reference_day ();

  for (guint i = 0; i < gen->n_expenditures; i++)
    {
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("expenditure", gen, KIND_EXPENDITURE, i);
      Rng rng = row_rng (gen, KIND_EXPENDITURE, i);
      guint project = i % gen->n_projects;
      gint32 start = gen->project_start[project];
      gint32 end = MIN (gen->project_end[project], today);
      gint32 date = end > start ? start + (gint32) (rng_double (&rng) * (end - start)) : start;
      guint category = rng_below (&rng, G_N_ELEMENTS (categories));
      g_autofree char *voucher = g_strdup_printf ("B-%d-%06u", year_of (date), i);
      g_autofree char *amount = g_strdup_printf ("%d", rng_between (&rng, 1000, 2000000));

      lotse_generate_set_ref (record, "project_id", gen, KIND_PROJECT, project);
      lotse_generate_set_date (record, "date", date);
      lotse_record_set (record, "amount_cents", amount);
      lotse_record_set (record, "category", categories[category].code);
      lotse_record_set (record, "description", RNG_PICK (&rng, descriptions));
      lotse_record_set (record, "voucher", voucher);
      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}
