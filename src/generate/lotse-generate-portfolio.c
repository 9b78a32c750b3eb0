/* lotse-generate-portfolio.c: programmes, organisations, people, projects, milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lotse-generate"

#include "config.h"

#include <string.h>

#include "lotse-generate-private.h"
#include "lotse-health-private.h"

#define PARTNERS_PER_PROJECT 2
#define REPORTS_PER_PROJECT  2

static const char *const first_names[] = {
  "Anna",      "Lena",     "Julia",   "Sarah",     "Laura",   "Katrin", "Sabine",     "Petra",
  "Claudia",   "Nicole",   "Melanie", "Stefanie",  "Jana",    "Miriam", "Aylin",      "Elif",
  "Marta",     "Ines",     "Hanna",   "Lea",       "Johanna", "Carla",  "Friederike", "Birgit",
  "Ulrike",    "Heike",    "Svenja",  "Tanja",     "Nadine",  "Yvonne", "Thomas",     "Michael",
  "Stefan",    "Andreas",  "Markus",  "Christian", "Jan",     "Tobias", "Florian",    "Daniel",
  "Sebastian", "Matthias", "Jonas",   "Lukas",     "Felix",   "Malte",  "Kai",        "Dennis",
  "Oliver",    "Bernd",    "Jörg",    "Uwe",       "Frank",   "Ralf",   "Kemal",      "Piotr",
  "Hannes",    "Benedikt", "Marco",   "Timo",
};

static const char *const surname_endings[] = {
  "mann", "er",   "meier", "kamp", "brink", "horst",  "hoff",   "ing",
  "s",    "berg", "bach",  "feld", "haus",  "kötter", "winkel",
};

static const char *const company_forms[] = {
  " GmbH",
  " AG",
  " GmbH & Co. KG",
  " Software GmbH",
  " Maschinenbau GmbH",
  " Logistik GmbH",
  " Systemtechnik GmbH",
  " KG",
};

static const char *const topics[] = {
  "Industrie und KMU", "Gesundheit",  "Lebensmittel", "Klimaschutz",  "Energie", "Bauen",
  "Ländlicher Raum",   "Arbeitswelt", "Mobilität",    "E-Government", "Bildung", "Smart City",
};

static const char *const fundings[] = {
  "EFRE.NRW",    "Land NRW",          "Land NRW und EFRE.NRW",
  "Bund (BMWK)", "EU Horizon Europe", "Eigenmittel der Partner",
};

static const char *const partner_roles[] = {
  "Verbundpartner",
  "Assoziierter Partner",
  "Unterauftragnehmer",
  "Anwendungspartner",
};

static const char *const person_roles[] = {
  "Projektleitung",
  "Projektmitarbeit",
  "Geschäftsführung",
  "Wissenschaftliche Mitarbeit",
  "Digitalisierungsbeauftragte",
  "Referentin Wirtschaftsförderung",
  "Controlling",
  "Kommunikation",
};

static const char *const milestone_titles[] = {
  "Kick-off durchgeführt",         "Anforderungsanalyse abgeschlossen",
  "Konzept freigegeben",           "Pilotbetrieb gestartet",
  "Zwischenbericht eingereicht",   "Evaluation abgeschlossen",
  "Transferworkshop durchgeführt", "Abschlussbericht eingereicht",
  "Ausschreibung veröffentlicht",  "Auftrag vergeben",
  "Prototyp fertiggestellt",       "Schulungen durchgeführt",
  "Datenschutzkonzept abgestimmt", "Rollout abgeschlossen",
};

/* Project titles: a prefix and a suffix around a noun. */
static const char *const project_title_parts[][2] = {
  { "", " 4.0" },     { "Digitale ", "" }, { "Smart ", "" },
  { "", " digital" }, { "", ".OWL" },      { "Plattform ", "" },
};

gboolean
lotse_generate_programmes (Generator  *gen,
                           GError    **error)
{
  for (guint i = 0; i < gen->n_programmes; i++)
    {
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("programme", gen, KIND_PROGRAMME, i);
      Rng              rng = row_rng (gen, KIND_PROGRAMME, i);
      g_autofree char *region = lotse_generate_make_place (gen, &rng);
      g_autofree char *name = g_strdup_printf ("Digitalprogramm %s %u", region, i + 1);
      g_autofree char *description = lotse_generate_make_sentence (gen->vocabulary, &rng, 12, 24);
      guint            first = i * PROJECTS_PER_PROGRAMME;
      guint            last = MIN (first + PROJECTS_PER_PROGRAMME, gen->n_projects);
      gint32           start = G_MAXINT32, end = G_MININT32;

      for (guint p = first; p < last; p++)
        {
          start = MIN (start, gen->project_start[p]);
          end = MAX (end, gen->project_end[p]);
        }

      lotse_record_set (record, "name", name);
      lotse_record_set (record, "description", description);
      lotse_record_set (record, "region", region);
      if (first < last)
        {
          lotse_generate_set_date (record, "start_date", start);
          lotse_generate_set_date (record, "end_date", end);
        }

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

gboolean
lotse_generate_organisations (Generator  *gen,
                              GError    **error)
{
  static const char *const kinds[] = {
    "company",      "company",      "company", "company",     "university",
    "municipality", "municipality", "chamber", "association", "other",
  };

  for (guint i = 0; i < gen->n_organisations; i++)
    {
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("organisation", gen, KIND_ORGANISATION, i);
      Rng              rng = row_rng (gen, KIND_ORGANISATION, i);
      const char      *kind = RNG_PICK (&rng, kinds);
      g_autofree char *city = lotse_generate_make_place (gen, &rng);
      g_autofree char *noun = lotse_generate_make_noun (gen, &rng);
      g_autofree char *name = NULL;
      g_autofree char *website = NULL;

      if (strcmp (kind, "company") == 0)
        name = g_strconcat (noun, RNG_PICK (&rng, company_forms), NULL);
      else if (strcmp (kind, "university") == 0)
        name = g_strconcat ("Hochschule ", city, NULL);
      else if (strcmp (kind, "municipality") == 0)
        name = g_strconcat (rng_percent (&rng, 70) ? "Stadt " : "Kreis ", city, NULL);
      else if (strcmp (kind, "chamber") == 0)
        name = g_strconcat (rng_percent (&rng, 50) ? "IHK " : "Handwerkskammer ", city, NULL);
      else if (strcmp (kind, "association") == 0)
        name = g_strconcat (noun, " ", city, " e.V.", NULL);
      else
        name = g_strconcat ("Wirtschaftsförderung ", city, NULL);

      website = g_strdup_printf ("https://org%u.example.org", i + 1);

      lotse_record_set (record, "name", name);
      lotse_record_set (record, "kind", kind);
      lotse_record_set (record, "city", city);
      lotse_record_set (record, "website", website);

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

gboolean
lotse_generate_people (Generator  *gen,
                       GError    **error)
{
  for (guint i = 0; i < gen->n_people; i++)
    {
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("person", gen, KIND_PERSON, i);
      Rng         rng = row_rng (gen, KIND_PERSON, i);
      const char *first = RNG_PICK (&rng, first_names);
      g_autoptr(GString) surname = g_string_new (NULL);
      g_autoptr(GString) email = g_string_new (NULL);
      g_autofree char *name = NULL;
      char             phone[32];

      lotse_generate_append_capitalised (surname, gen->vocabulary->words[200 + rng_below (&rng, 3000)]);
      g_string_append (surname, RNG_PICK (&rng, surname_endings));
      name = g_strconcat (first, " ", surname->str, NULL);

      lotse_generate_append_mail_part (email, first);
      g_string_append_c (email, '.');
      lotse_generate_append_mail_part (email, surname->str);
      g_string_append_printf (email, ".%u@example.org", i + 1);
      g_snprintf (phone, sizeof phone, "+49 5%02u 555%04u", rng_below (&rng, 100), i % 10000);

      lotse_record_set (record, "name", name);
      lotse_generate_set_ref (record, "organisation_id", gen, KIND_ORGANISATION, i % gen->n_organisations);
      lotse_record_set (record, "role", RNG_PICK (&rng, person_roles));
      lotse_record_set (record, "email", email->str);
      lotse_record_set (record, "phone", phone);

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

static const char *
project_status (Rng    *rng,
                gint32  start,
                gint32  end)
{
  gint32 today = lotse_generate_reference_day ();

  if (start > today)
    return "planned";
  if (end < today)
    return rng_percent (rng, 92) ? "completed" : "cancelled";

  return rng_percent (rng, 88) ? "running" : "paused";
}

static const char *
random_health (Rng *rng)
{
  guint roll = rng_below (rng, 100);

  return roll < 62 ? "green" : roll < 90 ? "yellow" : "red";
}

static gboolean
generate_project_rows (Generator  *gen,
                       guint       index,
                       GError    **error)
{
  g_autoptr(LotseRecord) record = lotse_generate_new_row ("project", gen, KIND_PROJECT, index);
  Rng              rng = row_rng (gen, KIND_PROJECT, index);
  gint32           start = gen->project_start[index];
  gint32           end = gen->project_end[index];
  guint            leader = (index * 2) % gen->n_people;
  guint            lead_organisation = leader % gen->n_organisations;
  g_autofree char *noun = lotse_generate_make_noun (gen, &rng);
  guint            pattern = rng_below (&rng, G_N_ELEMENTS (project_title_parts));
  g_autofree char *title = g_strconcat (project_title_parts[pattern][0], noun,
                                        project_title_parts[pattern][1], NULL);
  g_autofree char *short_noun = g_utf8_substring (noun, 0, MIN (6, g_utf8_strlen (noun, -1)));
  g_autofree char *acronym = g_strdup_printf ("%s-%u", short_noun, index + 1);
  g_autofree char *summary = lotse_generate_make_sentence (gen->vocabulary, &rng, 15, 35);
  g_autofree char *website = g_strdup_printf ("https://projekt%u.example.org", index + 1);
  gint64           budget = (gint64)rng_between (&rng, 5, 500) * 10000 * 100;
  gint32           today = lotse_generate_reference_day ();
  guint            step;

  lotse_generate_set_ref (record, "programme_id", gen, KIND_PROGRAMME, index / PROJECTS_PER_PROGRAMME);
  lotse_record_set (record, "title", title);
  lotse_record_set (record, "acronym", acronym);
  lotse_record_set (record, "summary", summary);
  lotse_record_set (record, "topic", RNG_PICK (&rng, topics));
  lotse_generate_set_ref (record, "lead_organisation_id", gen, KIND_ORGANISATION, lead_organisation);
  lotse_generate_set_ref (record, "leader_person_id", gen, KIND_PERSON, leader);
  lotse_record_set (record, "status", project_status (&rng, start, end));
  lotse_generate_set_date (record, "start_date", start);
  lotse_generate_set_date (record, "end_date", end);
  lotse_record_set_int (record, "budget_cents", budget);
  lotse_record_set (record, "funding", RNG_PICK (&rng, fundings));
  lotse_record_set (record, "website", website);

  if (!lotse_generate_write_row (gen, record, error))
    return FALSE;

  /* Partners differ from each other and from the lead organisation. */
  step = 1 + rng_below (&rng, MIN (50, (gen->n_organisations - 1) / PARTNERS_PER_PROJECT));
  for (guint p = 0; p < PARTNERS_PER_PROJECT; p++)
    {
      guint64 row = (guint64)index * PARTNERS_PER_PROJECT + p;
      g_autoptr(LotseRecord) partner = lotse_generate_new_row ("project_partner", gen, KIND_PROJECT_PARTNER, row);
      guint organisation = (lead_organisation + step * (p + 1)) % gen->n_organisations;

      lotse_generate_set_ref (partner, "project_id", gen, KIND_PROJECT, index);
      lotse_generate_set_ref (partner, "organisation_id", gen, KIND_ORGANISATION, organisation);
      lotse_record_set (partner, "role", RNG_PICK (&rng, partner_roles));

      if (!lotse_generate_write_row (gen, partner, error))
        return FALSE;
    }

  for (guint r = 0; r < REPORTS_PER_PROJECT; r++)
    {
      guint64 row = (guint64)index * REPORTS_PER_PROJECT + r;
      g_autoptr(LotseRecord) report = lotse_generate_new_row ("status_report", gen, KIND_STATUS_REPORT, row);
      g_autofree char *text = lotse_generate_make_sentence (gen->vocabulary, &rng, 8, 20);
      gint32           date = start + (end - start) * (gint32)(r + 1) / (REPORTS_PER_PROJECT + 1);

      lotse_generate_set_ref (report, "project_id", gen, KIND_PROJECT, index);
      lotse_generate_set_date (report, "date", MIN (date, today));
      lotse_record_set (report, "health", random_health (&rng));
      lotse_record_set (report, "summary", text);

      if (!lotse_generate_write_row (gen, report, error))
        return FALSE;
    }

  /* The traffic light is that of the reports, as the store keeps it. */
  return lotse_health_set_from_reports (gen->store, lotse_record_get_id (record), error);
}

gboolean
lotse_generate_projects (Generator  *gen,
                         GError    **error)
{
  for (guint i = 0; i < gen->n_projects; i++)
    {
      if (!generate_project_rows (gen, i, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}

static void
set_milestone_status (LotseRecord *record,
                      Rng         *rng,
                      gint32       due)
{
  gint32      today = lotse_generate_reference_day ();
  guint       roll = rng_below (rng, 100);
  const char *status;

  if (due < today)
    status = roll < 75   ? "done"
             : roll < 85 ? "missed"
             : roll < 90 ? "cancelled"
             : roll < 95 ? "at_risk"
                         : "open";
  else
    status = roll < 84 ? "open" : roll < 96 ? "at_risk" : roll < 98 ? "done" : "cancelled";

  lotse_record_set (record, "status", status);

  if (strcmp (status, "done") == 0)
    {
      gint32 done = due + rng_between (rng, -20, 30);

      lotse_generate_set_date (record, "done_date", MIN (done, today));
    }
}

gboolean
lotse_generate_milestones (Generator  *gen,
                           GError    **error)
{
  for (guint i = 0; i < gen->n_milestones; i++)
    {
      g_autoptr(LotseRecord) record = lotse_generate_new_row ("milestone", gen, KIND_MILESTONE, i);
      Rng              rng = row_rng (gen, KIND_MILESTONE, i);
      guint            project = i % gen->n_projects;
      gint32           start = gen->project_start[project];
      gint32           end = gen->project_end[project];
      gint32           due = start + (gint32)(rng_double (&rng) * (end - start));
      g_autofree char *noun = lotse_generate_make_noun (gen, &rng);
      g_autofree char *title = g_strdup_printf ("%s: %s", RNG_PICK (&rng, milestone_titles), noun);

      lotse_generate_set_ref (record, "project_id", gen, KIND_PROJECT, project);
      lotse_record_set (record, "title", title);
      if (rng_percent (&rng, 50))
        {
          g_autofree char *description = lotse_generate_make_sentence (gen->vocabulary, &rng, 8, 24);

          lotse_record_set (record, "description", description);
        }
      lotse_generate_set_date (record, "due_date", due);
      set_milestone_status (record, &rng, due);

      if (!lotse_generate_write_row (gen, record, error))
        return FALSE;
      gen->stage_done++;
    }

  return TRUE;
}
