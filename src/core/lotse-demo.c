/* lotse-demo.c: the demo programme office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A programme office that steers four regional digitalisation programmes
 * of North Rhine-Westphalia. Programmes, organisations, dates and numbers
 * follow public descriptions of OWL 4.0, the Digitale Modellregion OWL,
 * SMART REGION Emscher-Lippe and the Digitalisierungs-Missionare; where
 * those stop, titles and dates are invented but plausible. Every person is
 * invented and has an example.org address.
 *
 * The data are static tables; rows refer to each other by short keys.
 * A row's id is derived from its table and key, so loading twice finds
 * the rows of the first load and inserts nothing. The office's "today" is
 * late November 2026: OWL 4.0 and the Modellregion are history, the
 * Emscher-Lippe and Siegen projects are running, some of their milestones
 * are overdue and some are due in December.
 *
 * The German texts are content, not user interface: they are not marked
 * for translation.
 */

#define G_LOG_DOMAIN "lotse-demo"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lotse-demo.h"
#include "lotse-error.h"

/* --- the shape of the tables --------------------------------------------- */

typedef struct
{
  const char *key;
  const char *name;
  const char *region;
  const char *start_date;
  const char *end_date;
  const char *description;
} DemoProgramme;

typedef struct
{
  const char *key;
  const char *name;
  const char *kind;
  const char *city;
  const char *website;
  const char *notes;
} DemoOrganisation;

typedef struct
{
  const char *key;
  const char *name;
  const char *organisation;
  const char *role;
  const char *email;
  const char *phone;
} DemoPerson;

typedef struct
{
  const char *key;
  const char *programme;
  const char *title;
  const char *acronym;
  const char *topic;
  const char *lead_organisation;
  const char *leader;
  const char *status;
  const char *health;
  const char *start_date;
  const char *end_date;
  gint64      budget_euros;
  const char *funding;
  /* One letter per status report, oldest first: g(reen), y(ellow), r(ed);
   * the last one is the current health. */
  const char *health_history;
  const char *summary;
  /* The text of the latest status report, or NULL for a standard one. */
  const char *latest_report;
} DemoProject;

typedef struct
{
  const char *project;
  const char *organisation;
  const char *role;
} DemoPartner;

typedef struct
{
  const char *key;
  const char *project;
  const char *title;
  const char *due_date;
  const char *done_date;
  const char *status;
  const char *description;
} DemoMilestone;

#define MAX_ROSTER 16

typedef struct
{
  const char *key;
  const char *title;
  const char *kind;
  const char *recurrence;
  const char *location;
  gint64      duration_min;
  const char *standing_items;
  /* The people usually invited, in the order of DemoMeeting.attendance. */
  const char *roster[MAX_ROSTER];
} DemoSeries;

typedef struct
{
  const char *key;
  const char *series;
  const char *title;
  const char *starts_at;
  gint64      duration_min;
  const char *location;
  const char *status;
  const char *notes;
  /* One letter per roster member: p(resent), e(xcused), a(bsent),
   * i(nvited), or - for not invited. */
  const char *attendance;
} DemoMeeting;

typedef struct
{
  const char *key;
  const char *meeting;
  gint64      position;
  const char *title;
  const char *kind;
  const char *presenter;
  gint64      duration_min;
  const char *project;
  const char *milestone;
  const char *notes;
  const char *status;
  const char *carried_from;
} DemoAgendaItem;

typedef struct
{
  const char *key;
  const char *meeting;
  const char *agenda_item;
  const char *project;
  const char *text;
} DemoDecision;

typedef struct
{
  const char *key;
  const char *meeting;
  const char *agenda_item;
  const char *project;
  const char *title;
  const char *owner;
  const char *due_date;
  const char *status;
  const char *done_at;
} DemoActionItem;

typedef struct
{
  const char *key;
  const char *name;
} DemoTag;

#define MAX_ARTICLE_TAGS 5

typedef struct
{
  const char *key;
  const char *title;
  const char *summary;
  const char *category;
  const char *project;
  const char *author;
  const char *tags[MAX_ARTICLE_TAGS];
  const char *body;
} DemoArticle;

/* --- programmes ---------------------------------------------------------- */

static const DemoProgramme programmes[] = {
  { "owl40", "OWL 4.0", "OstWestfalenLippe", "2016-03-01", "2019-02-28",
    "Integriertes Handlungskonzept, mit dem ein Netzwerk von 150 Akteuren aus Wirtschaft, "
    "Wissenschaft, Politik und Gesellschaft die digitale Transformation in die Breite der "
    "Region trägt. Zehn Projekte übertragen Lösungen der Industrie 4.0 auf kleine und "
    "mittlere Unternehmen sowie auf Gesundheit, Lebensmittel, Klimaschutz, Energie, Bauen, "
    "den ländlichen Raum und die Arbeitswelt. Das Projekt OWL Arena 4.0 vernetzt und steuert "
    "die Projekte und macht ihre Ergebnisse sichtbar." },
  { "dmr", "Digitale Modellregion OWL", "OstWestfalenLippe", "2018-09-01", "2023-06-15",
    "Landesprojekt NRW seit 2018 mit 16 Modellprojekten für digitale Verwaltung und Smart City "
    "in der Stadt Paderborn, im Kreis Paderborn, in der Stadt Bielefeld und der Stadt "
    "Delbrück, begleitet von der Bezirksregierung Detmold. Das Projektbüro in Paderborn "
    "koordiniert Abwicklung und Kommunikation und wirbt für die Nachnutzung der Lösungen durch "
    "andere Kommunen." },
  { "sr", "SMART REGION Emscher-Lippe", "Emscher-Lippe", "2017-01-01", "2028-12-31",
    "Aus dem Projektaufruf „UMBAU 21 – Smart Region“ von Ende 2016 hervorgegangen: 12 Projekte "
    "mit über 20 Partnern, getragen von der Stadt Gelsenkirchen, der Stadt Bottrop, dem Kreis "
    "Recklinghausen mit seinen zehn Städten und den Hochschulen der Region. Die WiN "
    "Emscher-Lippe GmbH bündelt die digitalen Aktivitäten unter einer gemeinsamen Marke – von "
    "Smart Economy und eGovernment über Smart Mobility bis zu Smart Energy und Smart Building." },
  { "dimi", "Digitalisierungs-Missionare", "Siegen-Wittgenstein und Olpe", "2017-03-01",
    "2027-12-31",
    "Im Ideenlabor der Region Siegen-Wittgenstein und Olpe am 29.11.2016 entstanden und von der "
    "Regionalagentur mit den Beteiligten konkretisiert: Kleine und mittlere Unternehmen gehen "
    "mit Best-Practice-Beispielen auf Lernreisen, teilen Wissen über Herausforderungen und "
    "Erfolgsfaktoren und werben danach als „Missionare“ in ihrem Umfeld für einen "
    "chancenorientierten Umgang mit der Digitalisierung. Ein Fragenkatalog hilft Betrieben "
    "beim Einstieg." },
};

/* --- organisations ------------------------------------------------------- */

static const DemoOrganisation organisations[] = {
  /* Municipalities and public authorities */
  { "stadt_pb", "Stadt Paderborn", "municipality", "Paderborn", "https://www.paderborn.de", NULL },
  { "kreis_pb", "Kreis Paderborn", "municipality", "Paderborn", "https://www.kreis-paderborn.de",
    NULL },
  { "stadt_bi", "Stadt Bielefeld", "municipality", "Bielefeld", "https://www.bielefeld.de", NULL },
  { "stadt_delbrueck", "Stadt Delbrück", "municipality", "Delbrück", "https://www.delbrueck.de",
    NULL },
  { "bezreg_dt", "Bezirksregierung Detmold", "other", "Detmold",
    "https://www.bezreg-detmold.nrw.de",
    "Landesmittelbehörde; begleitet die Förderung der Digitalen Modellregion OWL." },
  { "kreis_lippe", "Kreis Lippe", "municipality", "Detmold", "https://www.kreis-lippe.de", NULL },
  { "kreis_hx", "Kreis Höxter", "municipality", "Höxter", "https://www.kreis-hoexter.de", NULL },
  { "stadt_ge", "Stadt Gelsenkirchen", "municipality", "Gelsenkirchen",
    "https://www.gelsenkirchen.de", NULL },
  { "stadt_bot", "Stadt Bottrop", "municipality", "Bottrop", "https://www.bottrop.de", NULL },
  { "kreis_re", "Kreis Recklinghausen", "municipality", "Recklinghausen", "https://www.kreis-re.de",
    "Mit seinen zehn kreisangehörigen Städten Gründungsmitglied der SMART REGION." },
  { "stadt_re", "Stadt Recklinghausen", "municipality", "Recklinghausen", NULL, NULL },
  { "stadt_marl", "Stadt Marl", "municipality", "Marl", NULL, NULL },
  { "stadt_herten", "Stadt Herten", "municipality", "Herten", NULL, NULL },
  { "stadt_dorsten", "Stadt Dorsten", "municipality", "Dorsten", NULL, NULL },
  { "stadt_gladbeck", "Stadt Gladbeck", "municipality", "Gladbeck", NULL, NULL },
  { "kreis_si", "Kreis Siegen-Wittgenstein", "municipality", "Siegen", NULL, NULL },
  { "kreis_oe", "Kreis Olpe", "municipality", "Olpe", NULL, NULL },
  /* Universities */
  { "upb", "Universität Paderborn", "university", "Paderborn", "https://www.uni-paderborn.de",
    NULL },
  { "unibi", "Universität Bielefeld", "university", "Bielefeld", "https://www.uni-bielefeld.de",
    NULL },
  { "thowl", "Technische Hochschule Ostwestfalen-Lippe", "university", "Lemgo",
    "https://www.th-owl.de", "Lebensmitteltechnologie und Industrie 4.0 in Lemgo." },
  { "hsbi", "Hochschule Bielefeld", "university", "Bielefeld", "https://www.hsbi.de",
    "Bauingenieurwesen und Architektur am Campus Minden." },
  { "whs", "Westfälische Hochschule", "university", "Gelsenkirchen", "https://www.w-hs.de", NULL },
  { "hrw", "Hochschule Ruhr West", "university", "Bottrop", "https://www.hs-ruhrwest.de", NULL },
  { "hspv", "Hochschule für Polizei und öffentliche Verwaltung NRW", "university", "Gelsenkirchen",
    NULL, "Abteilung Gelsenkirchen; Verwaltungsinformatik." },
  { "usi", "Universität Siegen", "university", "Siegen", "https://www.uni-siegen.de", NULL },
  /* Chambers */
  { "ihk_owl", "IHK Ostwestfalen zu Bielefeld", "chamber", "Bielefeld", NULL, NULL },
  { "hwk_owl", "Handwerkskammer Ostwestfalen-Lippe zu Bielefeld", "chamber", "Bielefeld", NULL,
    NULL },
  { "ihk_nw", "IHK Nord Westfalen", "chamber", "Gelsenkirchen", NULL,
    "Ansprechpartner in der Geschäftsstelle Emscher-Lippe." },
  { "hwk_ms", "Handwerkskammer Münster", "chamber", "Münster", NULL, NULL },
  { "ihk_si", "IHK Siegen", "chamber", "Siegen", NULL, NULL },
  { "hwk_swf", "Handwerkskammer Südwestfalen", "chamber", "Arnsberg", NULL, NULL },
  /* Regional agencies, networks and associations */
  { "owl_gmbh", "OstWestfalenLippe GmbH", "other", "Bielefeld", NULL,
    "Regionalentwicklung und Standortmarketing. Sitz des Projektbüros in der OWL Arena." },
  { "itsowl", "it's OWL Clustermanagement GmbH", "other", "Paderborn", NULL,
    "Technologienetzwerk Intelligente Technische Systeme OstWestfalenLippe; "
    "Industrie 4.0 seit 2012." },
  { "gw_owl", "Gesundheitswirtschaft OWL e.V.", "association", "Bielefeld", NULL, NULL },
  { "energieimpuls", "EnergieImpuls OWL e.V.", "association", "Bielefeld", NULL, NULL },
  { "dorfwerkstatt", "Dorfwerkstatt Brakel e.V.", "association", "Brakel", NULL,
    "Dorfgemeinschaften aus zwölf Ortschaften; Pilot der Dorf-App." },
  { "win_el", "WiN Emscher-Lippe GmbH", "other", "Herten", NULL,
    "Gesellschaft zur Strukturverbesserung der Emscher-Lippe-Region; Träger der Marke "
    "SMART REGION Emscher-Lippe." },
  { "kvr", "Kommunales Rechenzentrum Vest", "other", "Recklinghausen", NULL, NULL },
  { "regag_swo", "Regionalagentur Siegen-Wittgenstein und Olpe", "other", "Siegen", NULL,
    "Hat die Idee der Digitalisierungs-Missionare nach dem Ideenlabor 2016 konkretisiert." },
  { "arbeit40_swf", "Netzwerk Arbeit 4.0 Südwestfalen e.V.", "association", "Siegen", NULL, NULL },
  /* Companies */
  { "weserholz", "Weserholz Möbelwerke GmbH", "company", "Vlotho", "https://weserholz.example.org",
    NULL },
  { "teuto_feinkost", "Teutoburger Feinkost GmbH & Co. KG", "company", "Detmold", NULL, NULL },
  { "lippe_muehle", "Lippische Mühlenwerke GmbH", "company", "Lage", NULL, NULL },
  { "senne_bau", "Sennebau Projektbau GmbH", "company", "Paderborn", NULL, NULL },
  { "ravensberger", "Ravensberger Energie GmbH", "company", "Herford", NULL, NULL },
  { "datenwerk", "Datenwerk OWL GmbH", "company", "Paderborn", "https://datenwerk-owl.example.org",
    "IT-Dienstleister für Kommunen; betreibt mehrere Plattformen der Modellregion." },
  { "klinikverbund", "Klinikverbund Ostwestfalen gGmbH", "company", "Bielefeld", NULL, NULL },
  { "emscher_sensorik", "Emscher Sensorik GmbH", "company", "Gelsenkirchen", NULL, NULL },
  { "ruhrlogik", "Ruhrlogik Software GmbH", "company", "Bottrop", "https://ruhrlogik.example.org",
    NULL },
  { "chemiepark_dienste", "Chemiepark-Dienste Marl GmbH", "company", "Marl", NULL, NULL },
  { "vrtuell", "VRtuell Medien GmbH", "company", "Recklinghausen", NULL, NULL },
  { "vestische_gt", "Vestische Gebäudetechnik GmbH", "company", "Recklinghausen", NULL, NULL },
  { "metallbau_kunstwerk", "Metallbau Kunstwerk GmbH", "company", "Gladbeck", NULL, NULL },
  { "vest_energie", "Vest Energienetz GmbH", "company", "Herten", NULL, NULL },
  { "quartierswerk", "Quartierswerk Bottrop GmbH", "company", "Bottrop", NULL, NULL },
  { "hainer", "Hainer Stanztechnik GmbH", "company", "Kreuztal", NULL,
    "Gastgeber der ersten Lernreise 2018." },
  { "lenneblech", "Lenneblech Präzisionsteile GmbH", "company", "Attendorn", NULL, NULL },
  { "siegtal", "Siegtal Automation GmbH", "company", "Netphen", NULL, NULL },
  { "bigge", "Bigge Kunststofftechnik GmbH", "company", "Olpe", NULL, NULL },
  { "wittgensteiner_holz", "Wittgensteiner Holzbau GmbH", "company", "Bad Berleburg", NULL, NULL },
};

/* --- people (all invented) ----------------------------------------------- */

static const DemoPerson people[] = {
  /* The programme office */
  { "vossmeyer", "Katrin Voßmeyer", "owl_gmbh", "Leitung Projektbüro",
    "katrin.vossmeyer@example.org", "+49 521 555-0101" },
  { "rehkemper", "Tobias Rehkemper", "owl_gmbh", "Meilensteinmonitoring und Controlling",
    "tobias.rehkemper@example.org", "+49 521 555-0102" },
  { "demir", "Aylin Demir", "owl_gmbh", "Wissensmanagement und Kommunikation",
    "aylin.demir@example.org", "+49 521 555-0103" },
  { "hellweg", "Jonas Hellweg", "owl_gmbh", "Projektassistenz", "jonas.hellweg@example.org",
    "+49 521 555-0104" },
  /* OWL 4.0 */
  { "obermeier", "Dr. Miriam Obermeier", "gw_owl", "Projektleitung Gesundheit 4.0",
    "miriam.obermeier@example.org", NULL },
  { "luedeking", "Prof. Dr. Henrik Lüdeking", "thowl", "Projektleitung Lebensmittel 4.0",
    "henrik.luedeking@example.org", NULL },
  { "kortenbruck", "Sabine Kortenbruck", "kreis_lippe", "Klimaschutzmanagerin",
    "sabine.kortenbruck@example.org", NULL },
  { "niemeier", "Florian Niemeier", "energieimpuls", "Geschäftsführung",
    "florian.niemeier@example.org", NULL },
  { "woestmann", "Prof. Dr.-Ing. Carsten Wöstmann", "hsbi", "Professur Baubetrieb",
    "carsten.woestmann@example.org", NULL },
  { "brokmann", "Anna-Lena Brokmann", "kreis_hx", "Regionalmanagerin ländlicher Raum",
    "anna-lena.brokmann@example.org", NULL },
  { "aydin", "Dr. Kemal Aydın", "upb", "Projektleitung Arbeit 4.0", "kemal.aydin@example.org",
    NULL },
  { "tegethoff", "Ulrike Tegethoff", "itsowl", "Transfermanagerin KMU",
    "ulrike.tegethoff@example.org", NULL },
  { "schwentker", "Marco Schwentker", "hwk_owl", "Digitalisierungsberater Handwerk",
    "marco.schwentker@example.org", NULL },
  { "oevermann", "Gerrit Oevermann", "ihk_owl", "Bereich Innovation und Digitalisierung",
    "gerrit.oevermann@example.org", NULL },
  /* Digitale Modellregion OWL */
  { "hagedorn", "Dr. Friederike Hagedorn", "stadt_pb", "Leitung Projektbüro Digitale Modellregion",
    "friederike.hagedorn@example.org", NULL },
  { "lakaemper", "Stefan Lakämper", "stadt_pb", "Projektleitung Smart City",
    "stefan.lakaemper@example.org", NULL },
  { "wiemers", "Birgit Wiemers", "kreis_pb", "Chief Digital Officer", "birgit.wiemers@example.org",
    NULL },
  { "strototte", "Oliver Strototte", "kreis_pb", "IT-Projektleitung",
    "oliver.strototte@example.org", NULL },
  { "pohlmann", "Nadine Pohlmann", "stadt_bi", "Digitalisierungsbüro",
    "nadine.pohlmann@example.org", NULL },
  { "kuhlmann", "Malte Kuhlmann", "stadt_bi", "Projektleitung E-Government",
    "malte.kuhlmann@example.org", NULL },
  { "mertens", "Lea Mertens", "stadt_delbrueck", "Digitalisierungsbeauftragte",
    "lea.mertens@example.org", NULL },
  { "huesing", "Werner Hüsing", "bezreg_dt", "Förderreferent Digitalisierung",
    "werner.huesing@example.org", NULL },
  /* SMART REGION Emscher-Lippe */
  { "kraemer", "Dr. Yvonne Krämer", "win_el", "Leitung SMART REGION Emscher-Lippe",
    "yvonne.kraemer@example.org", NULL },
  { "kowalczyk", "Dennis Kowalczyk", "win_el", "Projektmanager Kommunikation",
    "dennis.kowalczyk@example.org", NULL },
  { "brueggemann", "Prof. Dr. Lars Brüggemann", "whs", "Leitung KI-Werkstatt",
    "lars.brueggemann@example.org", NULL },
  { "yildiz", "Dr. Sevgi Yıldız", "hrw", "Projektleitung ML-Produktion", "sevgi.yildiz@example.org",
    NULL },
  { "wrobel", "Thomas Wrobel", "stadt_ge", "Referat Digitale Verwaltung",
    "thomas.wrobel@example.org", NULL },
  { "ostendorf", "Julia Ostendorf", "stadt_bot", "Mobilitätsmanagerin",
    "julia.ostendorf@example.org", NULL },
  { "sommerfeld", "Heike Sommerfeld", "quartierswerk", "Projektleitung Quartier.Energie",
    "heike.sommerfeld@example.org", NULL },
  { "nowak", "Piotr Nowak", "stadt_marl", "Wirtschaftsförderung, Projektleitung 5G",
    "piotr.nowak@example.org", NULL },
  { "szymanski", "Claudia Szymanski", "kreis_re", "Fachdienst Demografie und Fachkräfte",
    "claudia.szymanski@example.org", NULL },
  { "faehnrich", "Rüdiger Fähnrich", "hwk_ms", "Berater Digitalisierung im Handwerk",
    "ruediger.faehnrich@example.org", NULL },
  { "brennecke", "Kai Brennecke", "whs", "Laborleitung Smart Building", "kai.brennecke@example.org",
    NULL },
  /* Digitalisierungs-Missionare */
  { "achenbach", "Dr. Simone Achenbach", "regag_swo", "Leitung Regionalagentur",
    "simone.achenbach@example.org", NULL },
  { "schmelzer", "Benedikt Schmelzer", "regag_swo", "Koordination Lernreisen",
    "benedikt.schmelzer@example.org", NULL },
  { "wagener", "Prof. Dr. Ingrid Wagener", "usi",
    "Wirtschaftsinformatik, Projektleitung Fragenkatalog", "ingrid.wagener@example.org", NULL },
  { "klein", "Hannes Klein", "arbeit40_swf", "Bildungsreferent Mitbestimmung",
    "hannes.klein@example.org", NULL },
  { "stoetzel", "Maria Stötzel", "hwk_swf", "Digitalisierungsberaterin",
    "maria.stoetzel@example.org", NULL },
  { "buedenbender", "Jörg Büdenbender", "hainer", "Geschäftsführer, Digitalisierungs-Missionar",
    "joerg.buedenbender@example.org", NULL },
  { "sahin", "Elif Şahin", "lenneblech", "Betriebsrätin, Digitalisierungs-Missionarin",
    "elif.sahin@example.org", NULL },
};

/* --- projects ------------------------------------------------------------ */

#define FUNDING_OWL40 "Land NRW und EFRE.NRW"
#define FUNDING_DMR   "Land NRW, Digitale Modellregionen (MWIDE)"
#define FUNDING_SR    "Land NRW und EFRE.NRW, Projektaufruf UMBAU 21 – Smart Region"
#define FUNDING_DIMI  "Land NRW über die Regionalagentur Siegen-Wittgenstein und Olpe"

static const DemoProject projects[] = {
  /* OWL 4.0: ten projects, 2016–2019 */
  { "arena", "owl40", "OWL Arena 4.0", "Arena 4.0", "Vernetzung und Kommunikation", "owl_gmbh",
    "vossmeyer", "completed", "green", "2016-03-01", "2019-02-28", 1450000, FUNDING_OWL40, "ggygg",
    "Strukturiert, lenkt und inszeniert die Transformationsimpulse der Projekte von OWL 4.0: "
    "Monitoring der Meilensteine, Jour fixe der Projektleitungen, gemeinsame Onlineplattform, "
    "Strategieveranstaltungen und eine Dachkampagne mit der „Schaufenster-Route 4.0“.",
    "Projekt abgeschlossen; Abschlussbericht und Dokumentation der Schaufenster-Route übergeben." },
  { "gesundheit", "owl40", "Gesundheit 4.0 OWL", "Gesundheit 4.0", "Gesundheit", "gw_owl",
    "obermeier", "completed", "yellow", "2016-04-01", "2019-02-28", 980000, FUNDING_OWL40, "gyyy",
    "Telemedizin und digitale Versorgungspfade zwischen Kliniken, Praxen und Pflege in den "
    "ländlichen Kreisen der Region.",
    "Abgeschlossen; die Patienten-App wurde nicht umgesetzt, der Abschlussbericht kam einen Monat "
    "später." },
  { "lebensmittel", "owl40",
    "Lebensmittel 4.0 – Digitale Wertschöpfung in der Ernährungswirtschaft", "Lebensmittel 4.0",
    "Lebensmittel", "thowl", "luedeking", "completed", "green", "2016-03-01", "2019-02-28", 860000,
    FUNDING_OWL40, "gggg",
    "Rückverfolgbarkeit, Sensorik und vernetzte Produktion für kleine und mittlere "
    "Lebensmittelhersteller.",
    NULL },
  { "klima", "owl40", "Klimaschutz digital", "Klimaschutz digital", "Klimaschutz", "kreis_lippe",
    "kortenbruck", "completed", "yellow", "2016-06-01", "2019-02-28", 640000, FUNDING_OWL40, "gyry",
    "Energiedaten kommunaler Gebäude in einem gemeinsamen Dashboard und digitale Beteiligung der "
    "Bürgerinnen und Bürger am Klimaschutz.",
    NULL },
  { "energie", "owl40", "Energie 4.0 – Lastmanagement für den Mittelstand", "Energie 4.0",
    "Energie", "energieimpuls", "niemeier", "completed", "green", "2016-05-01", "2019-02-28",
    910000, FUNDING_OWL40, "ggyg",
    "Feldtest für flexibles Lastmanagement in Betrieben als Beitrag zu intelligenten Netzen "
    "in OWL.",
    NULL },
  { "bauen", "owl40", "Bauen 4.0 – BIM im Mittelstand", "Bauen 4.0", "Bauen", "hsbi", "woestmann",
    "completed", "green", "2016-03-01", "2019-02-28", 720000, FUNDING_OWL40, "gggg",
    "Building Information Modeling, digitale Bautagebücher und Schulungen für Handwerks- und "
    "Baubetriebe.",
    NULL },
  { "dorf", "owl40", "Dorf.Digital OWL", "Dorf.Digital", "Ländlicher Raum", "kreis_hx", "brokmann",
    "completed", "yellow", "2016-09-01", "2019-02-28", 540000, FUNDING_OWL40, "ggyy",
    "Dorfplattformen, digitale Nachbarschaftshilfe und Mobilität für Ortschaften im Kreis Höxter.",
    NULL },
  { "arbeit", "owl40", "Arbeit 4.0 OWL – Gute Arbeit in der digitalen Transformation", "Arbeit 4.0",
    "Arbeitswelt", "upb", "aydin", "completed", "green", "2016-03-01", "2019-02-28", 690000,
    FUNDING_OWL40, "gggg",
    "Betriebsfallstudien und Handlungsempfehlungen zu Qualifizierung, Arbeitsorganisation und "
    "Mitbestimmung.",
    NULL },
  { "kmu", "owl40", "KMU 4.0 – Transfer in den Mittelstand", "KMU 4.0", "KMU und Industrie",
    "itsowl", "tegethoff", "completed", "green", "2016-03-01", "2019-02-28", 1320000, FUNDING_OWL40,
    "ggyg",
    "Quick-Checks und Transferprojekte bringen Ergebnisse aus dem Technologienetzwerk it's OWL in "
    "kleine und mittlere Unternehmen.",
    NULL },
  { "handwerk", "owl40", "Handwerk 4.0 OWL", "Handwerk 4.0", "KMU und Industrie", "hwk_owl",
    "schwentker", "completed", "yellow", "2016-07-01", "2019-02-28", 480000, FUNDING_OWL40, "gyyy",
    "Digitalisierungscoaches in den Innungen und digitale Auftragsabwicklung für "
    "Handwerksbetriebe.",
    NULL },

  /* Digitale Modellregion OWL: 16 model projects, 7 completed */
  { "dmr_portal", "dmr", "Bürgerportal OWL – Verwaltung online aus einer Hand", "Bürgerportal",
    "Digitale Verwaltung", "stadt_pb", "hagedorn", "completed", "green", "2018-09-01", "2021-12-31",
    2100000, FUNDING_DMR, "ggyg",
    "Ein gemeinsames Serviceportal mit Online-Anträgen für Paderborn, zur Nachnutzung durch "
    "weitere Kommunen.",
    NULL },
  { "dmr_erechnung", "dmr", "E-Rechnung kommunal", "E-Rechnung", "Digitale Verwaltung", "kreis_pb",
    "strototte", "completed", "green", "2019-01-01", "2021-06-30", 450000, FUNDING_DMR, "ggg",
    "Medienbruchfreier Rechnungseingang in der Kreisverwaltung und den kreisangehörigen Kommunen.",
    NULL },
  { "dmr_gewerbe", "dmr", "Digitale Gewerbeanmeldung", "Gewerbe digital",
    "Digitale Wirtschaftsförderung", "stadt_bi", "kuhlmann", "completed", "green", "2019-01-01",
    "2021-09-30", 380000, FUNDING_DMR, "gyg",
    "Gewerbe an-, um- und abmelden ohne Behördengang, mit Weiterleitung an Kammern und Finanzamt.",
    NULL },
  { "dmr_bauantrag", "dmr", "Digitaler Bauantrag", "Bauantrag digital", "Digitale Verwaltung",
    "stadt_bi", "pohlmann", "completed", "yellow", "2019-04-01", "2022-03-31", 1250000, FUNDING_DMR,
    "gyyy",
    "Bauanträge digital einreichen und Fachämter sowie Träger öffentlicher Belange digital "
    "beteiligen.",
    NULL },
  { "dmr_wlan", "dmr", "Freies WLAN in der Innenstadt Delbrück", "WLAN Delbrück", "Smart City",
    "stadt_delbrueck", "mertens", "completed", "green", "2018-11-01", "2020-12-31", 290000,
    FUNDING_DMR, "ggg",
    "Öffentliches WLAN in der Innenstadt als Grundlage weiterer Smart-City-Dienste.", NULL },
  { "dmr_schule", "dmr", "Digitale Schule Delbrück", "Schule digital", "Bildung", "stadt_delbrueck",
    "mertens", "completed", "green", "2019-02-01", "2021-07-31", 820000, FUNDING_DMR, "gyg",
    "Ausstattung, Medienkonzepte und Fortbildung für vier Schulen in städtischer Trägerschaft.",
    NULL },
  { "dmr_gruen", "dmr", "Sensorik für kommunale Grünflächen", "Grünsensorik", "Smart City",
    "stadt_pb", "lakaemper", "completed", "yellow", "2019-05-01", "2022-06-30", 340000, FUNDING_DMR,
    "gyry", "Bodenfeuchtesensoren und ein LoRaWAN-Netz steuern die Bewässerung von Stadtbäumen.",
    NULL },
  { "dmr_parken", "dmr", "Smartes Parken Paderborn", "Smart Parking", "Mobilität", "stadt_pb",
    "lakaemper", "running", "green", "2019-03-01", "2023-06-15", 760000, FUNDING_DMR, "gyggg",
    "Parksensoren und ein digitales Parkleitsystem für die Paderborner Innenstadt.",
    "Regelbetrieb durch die Stadt gesichert; Abrechnung der letzten Mittel läuft." },
  { "dmr_daten", "dmr", "Urbane Datenplattform OWL", "UDP OWL", "Smart City", "stadt_bi",
    "pohlmann", "running", "yellow", "2019-06-01", "2023-06-15", 1480000, FUNDING_DMR, "ggyyy",
    "Eine offene Datenplattform bündelt Daten aus Fachverfahren, Sensorik und Verkehr.",
    "Betriebsmodell nach Förderende noch offen; Gespräche mit dem DigitalBüro OWL laufen." },
  { "dmr_mobil", "dmr", "Mobilitätsplattform Kreis Paderborn", "mobil.PB", "Mobilität", "kreis_pb",
    "wiemers", "running", "yellow", "2019-09-01", "2023-06-15", 930000, FUNDING_DMR, "gyyry",
    "Eine App für Bus, Bürgerbus, Leihräder und Mitfahrangebote im ländlichen Kreisgebiet.", NULL },
  { "dmr_ehrenamt", "dmr", "Ehrenamtsplattform Kreis Paderborn", "Ehrenamt digital",
    "Gesellschaft und Teilhabe", "kreis_pb", "strototte", "running", "green", "2020-01-01",
    "2023-06-15", 310000, FUNDING_DMR, "ggg",
    "Vereine und Ehrenamtliche finden sich über eine gemeinsame Plattform.", NULL },
  { "dmr_gesundheit", "dmr", "Digitale Gesundheitsregion Bielefeld", "Gesundheit digital",
    "Gesundheit", "stadt_bi", "kuhlmann", "running", "red", "2020-03-01", "2023-06-15", 1120000,
    FUNDING_DMR, "gyrr",
    "Vernetzung von Praxen, Klinik und Gesundheitsamt und eine telemedizinische Sprechstunde.",
    "Telemedizinische Sprechstunde nicht rechtzeitig gestartet; Teilrückforderung droht." },
  { "dmr_wifoe", "dmr", "Digitale Wirtschaftsförderung Paderborn", "WiFö digital",
    "Digitale Wirtschaftsförderung", "stadt_pb", "hagedorn", "running", "green", "2019-10-01",
    "2023-06-15", 420000, FUNDING_DMR, "ggg",
    "Gewerbeflächenportal und Unternehmensservice online.", NULL },
  { "dmr_eakte", "dmr", "E-Akte für die Kreisverwaltung", "E-Akte", "Digitale Verwaltung",
    "kreis_pb", "wiemers", "running", "yellow", "2019-07-01", "2023-06-15", 1640000, FUNDING_DMR,
    "gyyy", "Einführung der elektronischen Akte in allen Ämtern der Kreisverwaltung.",
    "Rollout in 12 von 20 Ämtern abgeschlossen; der Rest folgt nach Förderende in Eigenregie." },
  { "dmr_opendata", "dmr", "Open-Data-Portal Delbrück", "Open Data", "Smart City",
    "stadt_delbrueck", "mertens", "running", "green", "2020-06-01", "2023-06-15", 180000,
    FUNDING_DMR, "gg", "Offene Verwaltungsdaten für Bürgerschaft, Wirtschaft und Wissenschaft.",
    NULL },
  { "dmr_rat", "dmr", "Digitale Ratsarbeit", "Ratsinfo mobil", "Digitale Verwaltung", "stadt_bi",
    "kuhlmann", "running", "green", "2020-02-01", "2023-06-15", 260000, FUNDING_DMR, "ggg",
    "Papierlose Gremienarbeit mit einer App für alle Mandatsträgerinnen und Mandatsträger.", NULL },

  /* SMART REGION Emscher-Lippe: 12 projects */
  { "sr_ki", "sr", "KI-Werkstatt Emscher-Lippe", "KI-Werkstatt", "Künstliche Intelligenz", "whs",
    "brueggemann", "running", "yellow", "2023-04-01", "2026-12-31", 1380000, FUNDING_SR, "ggggyy",
    "Kleine und mittlere Unternehmen erproben in kurzen KI-Sprints mit Studierenden und "
    "Forschenden Anwendungen der künstlichen Intelligenz.",
    "Datenschutz-Folgenabschätzung für Bilddaten überfällig; kostenneutrale Verlängerung bis "
    "30.06.2027 wird beantragt." },
  { "sr_vr", "sr", "VR im Handel und Handwerk", "VR-Handwerk", "Handel und Handwerk", "hwk_ms",
    "faehnrich", "completed", "green", "2017-07-01", "2020-06-30", 520000, FUNDING_SR, "gyg",
    "Virtual Reality im Verkaufsgespräch: Kundinnen und Kunden erleben Küchen, Bäder und "
    "Metallbauprojekte, bevor sie gebaut werden.",
    NULL },
  { "sr_ml", "sr", "Maschinelles Lernen in der Produktion", "ML-Produktion", "Smart Economy", "hrw",
    "yildiz", "running", "red", "2024-01-01", "2026-12-31", 1150000, FUNDING_SR, "ggyyrr",
    "Prognose von Werkzeugverschleiß und Anlagenausfällen mit maschinellem Lernen an drei "
    "Pilotanlagen.",
    "Prognosemodell erreicht die geforderte Genauigkeit nicht; Projektänderungsantrag in "
    "Vorbereitung." },
  { "sr_demografie", "sr", "Smart Demography Emscher-Lippe", "Smart Demography", "Demografie",
    "kreis_re", "szymanski", "completed", "green", "2018-01-01", "2021-03-31", 610000, FUNDING_SR,
    "ggyg",
    "Kleinräumige Bevölkerungsprognosen und ein Demografie-Dashboard für die Städte des "
    "Kreises.",
    NULL },
  { "sr_egov", "sr", "eGovernment-Baukasten Emscher-Lippe", "eGov-Baukasten", "eGovernment",
    "stadt_ge", "wrobel", "running", "green", "2022-09-01", "2027-03-31", 1890000, FUNDING_SR,
    "gyggg",
    "Ein Baukasten wiederverwendbarer Online-Dienste, den die Städte der Region gemeinsam "
    "betreiben.",
    "Herten und Dorsten wollen den Baukasten nachnutzen; Gespräche mit Marl laufen." },
  { "sr_mobil", "sr", "Smart Mobility Bottrop", "SmartMobil BOT", "Smart Mobility", "stadt_bot",
    "ostendorf", "completed", "yellow", "2017-10-01", "2020-12-31", 880000, FUNDING_SR, "gyyy",
    "Parksensorik, eine Mobilitäts-App und ein Test für On-Demand-Verkehr in Bottrop.", NULL },
  { "sr_energie", "sr", "Smart Energy Quartier Bottrop", "Quartier.Energie", "Smart Energy",
    "quartierswerk", "sommerfeld", "running", "green", "2024-03-01", "2027-02-28", 2350000,
    FUNDING_SR, "gygg",
    "Messkonzept, Quartiersspeicher und digitale Mieterstrom-Abrechnung für 40 Gebäude.",
    "Netzanschluss des Quartiersspeichers für den 20.11. zugesagt; Inbetriebnahme Ende November." },
  { "sr_building", "sr", "Smart Building Lab", "SB-Lab", "Smart Building", "whs", "brennecke",
    "paused", "yellow", "2023-01-01", "2027-06-30", 740000, FUNDING_SR, "ggyyy",
    "Ein Reallabor für vernetzte Gebäudetechnik mit Unternehmen der Region.",
    "Pausiert, bis die Laborleitung wieder besetzt ist; Wiederaufnahme im Januar geplant." },
  { "sr_hub", "sr", "Digital Hub Emscher-Lippe", "Hub EL", "Smart Economy", "win_el", "kowalczyk",
    "completed", "yellow", "2018-04-01", "2021-12-31", 990000, FUNDING_SR, "gyyy",
    "Coworking, Beratung und Veranstaltungen für Gründungen mit digitalen Geschäftsmodellen.",
    NULL },
  { "sr_marke", "sr", "SMART REGION – Marke und Botschafterprogramm", "Marke SMART REGION",
    "Kommunikation", "win_el", "kraemer", "running", "green", "2020-06-01", "2026-12-31", 670000,
    FUNDING_SR, "gggggg",
    "Die gemeinsame Marke, der Blog „Ideenreich durch die Krise“, das Siegel „Part of SMART "
    "REGION Emscher-Lippe“ und ein Botschafterprogramm für digitale Pioniere.",
    "Botschafterprogramm gestartet; Jahresbilanz und Übergabe in den Regelbetrieb im Dezember." },
  { "sr_5g", "sr", "5G-Testfeld Chemiepark Marl", "5G Marl", "Digitale Infrastruktur", "stadt_marl",
    "nowak", "running", "yellow", "2025-01-01", "2027-06-30", 1960000, FUNDING_SR, "ggyy",
    "Ein 5G-Campusnetz im Chemiepark als Testfeld für Logistik und Instandhaltung.",
    "Frequenzzuteilung verzögert sich; Rückfragen der Bundesnetzagentur zur Flächenabgrenzung." },
  { "sr_fachkraefte", "sr", "Digitale Fachkräfte Emscher-Lippe", "DigiFachkräfte",
    "Bildung und Fachkräfte", "kreis_re", "szymanski", "planned", NULL, "2027-01-01", "2028-12-31",
    830000, FUNDING_SR, "",
    "Qualifizierung für digitale Berufe in Zusammenarbeit mit Hochschulen, Kammern und "
    "Unternehmen.",
    NULL },

  /* Digitalisierungs-Missionare */
  { "dimi_pilot", "dimi", "Digitalisierungs-Missionare – Pilotphase", "DiMi Pilot",
    "Wissenstransfer", "regag_swo", "achenbach", "completed", "green", "2017-09-01", "2019-12-31",
    240000, FUNDING_DIMI, "ggg",
    "Erste Lernreise, Ziele der Missionare und Auswertung mit den Betrieben der Region.", NULL },
  { "dimi_lernreisen", "dimi", "Digitalisierungs-Missionare – Lernreisen für KMU",
    "DiMi Lernreisen", "Lernreisen", "regag_swo", "schmelzer", "running", "green", "2025-01-01",
    "2027-06-30", 560000, FUNDING_DIMI, "gggyg",
    "Drei Lernreisen pro Jahr zu Betrieben mit Best-Practice-Beispielen; die Teilnehmenden werden "
    "danach selbst zu Missionaren.",
    "Lernreise 3 musste verschoben werden; Ersatztermin im Januar in Abstimmung." },
  { "dimi_katalog", "dimi", "Fragenkatalog Digitalisierung für Betriebe", "Fragenkatalog",
    "Wissenstransfer", "usi", "wagener", "running", "yellow", "2025-03-01", "2026-12-31", 310000,
    FUNDING_DIMI, "ggyy",
    "Ein Katalog wichtiger Fragen zu Rahmen, Werten und Besonderheiten der Region, erprobt in "
    "zehn Betrieben.",
    "Erst vier von zehn Betrieben für die Erprobung gewonnen; Veröffentlichung im Dezember "
    "gefährdet." },
  { "dimi_mitbestimmung", "dimi", "Missionare im Betriebsrat – Beteiligung gestalten",
    "DiMi Mitbestimmung", "Arbeitswelt", "arbeit40_swf", "klein", "running", "red", "2025-09-01",
    "2027-08-31", 280000, FUNDING_DIMI, "gyr",
    "Betriebsräte als Missionare: Schulungen und Begleitung von Betriebsvereinbarungen zur "
    "Digitalisierung.",
    "Auftaktworkshop mangels Anmeldungen abgesagt; neuer Anlauf mit einem Bildungszentrum." },
  { "dimi_handwerk", "dimi", "Handwerk digital Olpe", "HanDi Olpe", "Handwerk", "hwk_swf",
    "stoetzel", "running", "green", "2026-01-01", "2027-12-31", 350000, FUNDING_DIMI, "gg",
    "Digitalsprechstunde und eine Lernreise für Handwerksbetriebe im Kreis Olpe.", NULL },
  { "dimi_netzwerk", "dimi", "Missionars-Netzwerk Südwestfalen", "DiMi Netzwerk", "Netzwerk",
    "regag_swo", "achenbach", "planned", NULL, "2027-01-01", "2027-12-31", 190000, FUNDING_DIMI, "",
    "Ein dauerhaftes Netzwerk der Missionare über die Kreisgrenzen hinaus.", NULL },
};

/* --- project partners ---------------------------------------------------- */

static const DemoPartner partners[] = {
  /* OWL 4.0 */
  { "arena", "itsowl", "Verbundpartner" },
  { "arena", "ihk_owl", "Verbundpartner" },
  { "arena", "hwk_owl", "Assoziierter Partner" },
  { "arena", "upb", "Wissenschaftliche Begleitung" },
  { "gesundheit", "klinikverbund", "Verbundpartner" },
  { "gesundheit", "unibi", "Wissenschaftliche Begleitung" },
  { "gesundheit", "kreis_hx", "Anwendungspartner" },
  { "lebensmittel", "teuto_feinkost", "Anwendungspartner" },
  { "lebensmittel", "lippe_muehle", "Anwendungspartner" },
  { "lebensmittel", "ihk_owl", "Transferpartner" },
  { "klima", "stadt_bi", "Anwendungspartner" },
  { "klima", "ravensberger", "Verbundpartner" },
  { "klima", "thowl", "Wissenschaftliche Begleitung" },
  { "energie", "ravensberger", "Verbundpartner" },
  { "energie", "upb", "Wissenschaftliche Begleitung" },
  { "energie", "weserholz", "Anwendungspartner" },
  { "bauen", "senne_bau", "Anwendungspartner" },
  { "bauen", "hwk_owl", "Verbundpartner" },
  { "dorf", "dorfwerkstatt", "Anwendungspartner" },
  { "dorf", "thowl", "Wissenschaftliche Begleitung" },
  { "arbeit", "unibi", "Verbundpartner" },
  { "arbeit", "weserholz", "Anwendungspartner" },
  { "arbeit", "ihk_owl", "Assoziierter Partner" },
  { "kmu", "upb", "Verbundpartner" },
  { "kmu", "thowl", "Verbundpartner" },
  { "kmu", "weserholz", "Anwendungspartner" },
  { "kmu", "ihk_owl", "Transferpartner" },
  { "handwerk", "datenwerk", "Technologiepartner" },
  { "handwerk", "senne_bau", "Anwendungspartner" },
  /* Digitale Modellregion OWL */
  { "dmr_portal", "datenwerk", "Technologiepartner" },
  { "dmr_portal", "kreis_pb", "Verbundpartner" },
  { "dmr_portal", "upb", "Wissenschaftliche Begleitung" },
  { "dmr_erechnung", "datenwerk", "Technologiepartner" },
  { "dmr_gewerbe", "ihk_owl", "Assoziierter Partner" },
  { "dmr_bauantrag", "senne_bau", "Pilotanwender" },
  { "dmr_bauantrag", "hsbi", "Wissenschaftliche Begleitung" },
  { "dmr_wlan", "datenwerk", "Technologiepartner" },
  { "dmr_schule", "upb", "Wissenschaftliche Begleitung" },
  { "dmr_gruen", "upb", "Wissenschaftliche Begleitung" },
  { "dmr_gruen", "datenwerk", "Technologiepartner" },
  { "dmr_parken", "datenwerk", "Technologiepartner" },
  { "dmr_daten", "unibi", "Wissenschaftliche Begleitung" },
  { "dmr_daten", "stadt_pb", "Verbundpartner" },
  { "dmr_daten", "datenwerk", "Technologiepartner" },
  { "dmr_mobil", "stadt_delbrueck", "Anwendungspartner" },
  { "dmr_mobil", "upb", "Wissenschaftliche Begleitung" },
  { "dmr_ehrenamt", "stadt_delbrueck", "Anwendungspartner" },
  { "dmr_gesundheit", "klinikverbund", "Verbundpartner" },
  { "dmr_gesundheit", "unibi", "Wissenschaftliche Begleitung" },
  { "dmr_wifoe", "ihk_owl", "Assoziierter Partner" },
  { "dmr_wifoe", "hwk_owl", "Assoziierter Partner" },
  { "dmr_eakte", "datenwerk", "Technologiepartner" },
  { "dmr_opendata", "stadt_pb", "Mentor" },
  { "dmr_rat", "datenwerk", "Technologiepartner" },
  { "dmr_rat", "stadt_pb", "Anwendungspartner" },
  /* SMART REGION Emscher-Lippe: 22 organisations */
  { "sr_ki", "hrw", "Verbundpartner" },
  { "sr_ki", "emscher_sensorik", "Anwendungspartner" },
  { "sr_ki", "ruhrlogik", "Technologiepartner" },
  { "sr_ki", "ihk_nw", "Transferpartner" },
  { "sr_vr", "vrtuell", "Technologiepartner" },
  { "sr_vr", "metallbau_kunstwerk", "Anwendungspartner" },
  { "sr_vr", "stadt_gladbeck", "Assoziierter Partner" },
  { "sr_ml", "whs", "Verbundpartner" },
  { "sr_ml", "chemiepark_dienste", "Anwendungspartner" },
  { "sr_ml", "ruhrlogik", "Technologiepartner" },
  { "sr_demografie", "stadt_herten", "Anwendungspartner" },
  { "sr_demografie", "stadt_dorsten", "Anwendungspartner" },
  { "sr_demografie", "hspv", "Wissenschaftliche Begleitung" },
  { "sr_egov", "kvr", "Technologiepartner" },
  { "sr_egov", "stadt_re", "Verbundpartner" },
  { "sr_egov", "stadt_herten", "Nachnutzer" },
  { "sr_egov", "stadt_dorsten", "Nachnutzer" },
  { "sr_egov", "stadt_marl", "Nachnutzer" },
  { "sr_egov", "hspv", "Wissenschaftliche Begleitung" },
  { "sr_mobil", "ruhrlogik", "Technologiepartner" },
  { "sr_mobil", "emscher_sensorik", "Technologiepartner" },
  { "sr_mobil", "hrw", "Wissenschaftliche Begleitung" },
  { "sr_energie", "stadt_bot", "Verbundpartner" },
  { "sr_energie", "vest_energie", "Netzbetreiber" },
  { "sr_energie", "vestische_gt", "Anwendungspartner" },
  { "sr_energie", "hrw", "Wissenschaftliche Begleitung" },
  { "sr_building", "vestische_gt", "Anwendungspartner" },
  { "sr_building", "emscher_sensorik", "Technologiepartner" },
  { "sr_hub", "stadt_ge", "Verbundpartner" },
  { "sr_hub", "ihk_nw", "Assoziierter Partner" },
  { "sr_hub", "whs", "Verbundpartner" },
  { "sr_marke", "stadt_ge", "Trägerkommune" },
  { "sr_marke", "stadt_bot", "Trägerkommune" },
  { "sr_marke", "kreis_re", "Trägerkommune" },
  { "sr_marke", "whs", "Gründungsmitglied" },
  { "sr_marke", "hrw", "Gründungsmitglied" },
  { "sr_5g", "chemiepark_dienste", "Anwendungspartner" },
  { "sr_5g", "whs", "Wissenschaftliche Begleitung" },
  { "sr_5g", "win_el", "Kommunikation" },
  { "sr_5g", "ihk_nw", "Transferpartner" },
  { "sr_fachkraefte", "whs", "Verbundpartner" },
  { "sr_fachkraefte", "hwk_ms", "Verbundpartner" },
  { "sr_fachkraefte", "ihk_nw", "Verbundpartner" },
  /* Digitalisierungs-Missionare */
  { "dimi_pilot", "ihk_si", "Verbundpartner" },
  { "dimi_pilot", "usi", "Wissenschaftliche Begleitung" },
  { "dimi_pilot", "hainer", "Pilotbetrieb" },
  { "dimi_pilot", "siegtal", "Pilotbetrieb" },
  { "dimi_lernreisen", "ihk_si", "Verbundpartner" },
  { "dimi_lernreisen", "hwk_swf", "Verbundpartner" },
  { "dimi_lernreisen", "hainer", "Gastgeberbetrieb" },
  { "dimi_lernreisen", "lenneblech", "Gastgeberbetrieb" },
  { "dimi_lernreisen", "siegtal", "Teilnehmender Betrieb" },
  { "dimi_lernreisen", "bigge", "Teilnehmender Betrieb" },
  { "dimi_lernreisen", "wittgensteiner_holz", "Teilnehmender Betrieb" },
  { "dimi_katalog", "regag_swo", "Verbundpartner" },
  { "dimi_katalog", "ihk_si", "Transferpartner" },
  { "dimi_mitbestimmung", "lenneblech", "Pilotbetrieb" },
  { "dimi_mitbestimmung", "usi", "Wissenschaftliche Begleitung" },
  { "dimi_handwerk", "kreis_oe", "Assoziierter Partner" },
  { "dimi_handwerk", "wittgensteiner_holz", "Pilotbetrieb" },
  { "dimi_netzwerk", "kreis_si", "Assoziierter Partner" },
  { "dimi_netzwerk", "kreis_oe", "Assoziierter Partner" },
  { "dimi_netzwerk", "ihk_si", "Verbundpartner" },
};

/* --- status reports ------------------------------------------------------ */

/* Reports are written for the last day of the health history: the end of
 * a finished project, otherwise this date. */
#define DEMO_LAST_REPORT_DATE    "2026-11-13"
#define DEMO_REPORT_SPACING_DAYS 91

static const char *const report_texts_green[] = {
  "Arbeitspakete im Plan, Meilensteine fristgerecht erreicht.",
  "Zeitplan und Budget eingehalten; gute Resonanz bei den Partnern.",
  "Projekt läuft planmäßig, Ergebnisse im Jour fixe vorgestellt.",
  "Keine Abweichungen; die nächste Projektphase ist vorbereitet.",
};

static const char *const report_texts_yellow[] = {
  "Verzögerung bei der Vergabe; der nächste Meilenstein verschiebt sich um einige Wochen.",
  "Personalwechsel im Projektteam, die Einarbeitung läuft.",
  "Die Abstimmung mit dem Datenschutz dauert länger als geplant.",
  "Lieferengpässe bei der Hardware, eine Ausweichlösung wird geprüft.",
};

static const char *const report_texts_red[] = {
  "Kritischer Meilenstein verfehlt; Maßnahmenplan mit dem Fördergeber in Abstimmung.",
  "Ein zentraler Partner hat sich zurückgezogen, das Konsortium wird neu aufgestellt.",
  "Mittelabruf ausgesetzt, bis die Projektänderung bewilligt ist.",
};

#define REPORT_TEXT_COMPLETED "Projekt abgeschlossen, Abschlussbericht eingereicht."

/* --- milestones ---------------------------------------------------------- */

static const DemoMilestone milestones[] = {
  /* OWL 4.0 */
  { "arena_kickoff", "arena", "Auftaktveranstaltung OWL 4.0 mit allen Projekten", "2016-05-31",
    "2016-05-24", "done", NULL },
  { "arena_monitoring", "arena", "Meilensteinmonitoring für alle zehn Projekte eingerichtet",
    "2016-09-30", "2016-10-12", "done",
    "Monatliche Meldung von Status und Prognose je Meilenstein; Ampel durch die Projekte selbst." },
  { "arena_plattform", "arena",
    "Gemeinsame Onlineplattform für die Projektleitungen freigeschaltet", "2016-12-31",
    "2017-01-20", "done", NULL },
  { "arena_route", "arena", "Schaufenster-Route 4.0 eröffnet", "2017-09-30", "2017-09-22", "done",
    "Stationen in Betrieben, Dörfern und Hochschulen, an denen digitale Lösungen erlebbar sind." },
  { "arena_strategie", "arena", "Zweite Strategieveranstaltung durchgeführt", "2018-05-31",
    "2018-05-17", "done", NULL },
  { "arena_abschluss", "arena", "Abschlussbericht an den Fördergeber", "2019-02-28", "2019-02-26",
    "done", NULL },
  { "ges_telemedizin", "gesundheit", "Telemedizin-Pilot in zwei Kliniken gestartet", "2017-06-30",
    "2017-08-15", "done", NULL },
  { "ges_app", "gesundheit", "Patienten-App als Beta veröffentlicht", "2018-03-31", NULL,
    "cancelled", "Zugunsten einer landesweiten Lösung eingestellt." },
  { "ges_bericht", "gesundheit", "Abschlussbericht", "2019-02-28", "2019-03-29", "done", NULL },
  { "leb_demonstrator", "lebensmittel", "Rückverfolgbarkeits-Demonstrator in der Lehrküche",
    "2017-03-31", "2017-03-28", "done", NULL },
  { "leb_workshop", "lebensmittel", "Transferworkshop mit 20 Betrieben", "2018-06-30", "2018-06-14",
    "done", NULL },
  { "leb_leitfaden", "lebensmittel", "Leitfaden Lebensmittel 4.0 veröffentlicht", "2019-01-31",
    "2019-02-15", "done", NULL },
  { "klima_dashboard", "klima", "Energiedaten von 30 kommunalen Gebäuden im Dashboard",
    "2017-10-31", "2017-12-01", "done", NULL },
  { "klima_app", "klima", "Klimaschutz-App für Bürgerinnen und Bürger", "2018-09-30", NULL,
    "missed", "Ausschreibung ohne wirtschaftliches Angebot; Mittel umgewidmet." },
  { "klima_abschluss", "klima", "Abschlussveranstaltung", "2019-02-15", "2019-02-15", "done",
    NULL },
  { "energie_feldtest", "energie", "Lastmanagement-Feldtest in zwölf Betrieben", "2017-12-31",
    "2018-02-28", "done", NULL },
  { "energie_bericht", "energie", "Ergebnisbericht Feldtest", "2018-10-31", "2018-10-30", "done",
    NULL },
  { "bauen_schulung", "bauen", "BIM-Schulungsreihe für Handwerksbetriebe", "2017-11-30",
    "2017-11-23", "done", NULL },
  { "bauen_baustelle", "bauen", "Pilotbaustelle mit digitalem Bautagebuch", "2018-08-31",
    "2018-09-14", "done", NULL },
  { "dorf_app", "dorf", "Dorf-App in drei Ortschaften im Einsatz", "2017-09-30", "2017-10-02",
    "done", NULL },
  { "dorf_mitfahren", "dorf", "Digitale Mitfahrbank", "2018-06-30", NULL, "cancelled",
    "Nach Bürgerbefragung zugunsten des Bürgerbusses eingestellt." },
  { "dorf_studie", "dorf", "Übertragbarkeitsstudie für weitere Kreise", "2019-01-31", "2019-01-30",
    "done", NULL },
  { "arbeit_fallstudien", "arbeit", "Betriebsfallstudien in acht Unternehmen", "2017-12-31",
    "2018-01-31", "done", NULL },
  { "arbeit_empfehlungen", "arbeit", "Handlungsempfehlungen Arbeit 4.0", "2019-02-28", "2019-02-21",
    "done", NULL },
  { "kmu_quickcheck", "kmu", "Quick-Check Digitalisierung für 100 KMU", "2017-06-30", "2017-06-29",
    "done", NULL },
  { "kmu_transfer", "kmu", "50 Transferprojekte abgeschlossen", "2018-12-31", "2019-01-25", "done",
    NULL },
  { "handwerk_coaches", "handwerk", "Digitalisierungscoaches in den Innungen", "2017-04-30",
    "2017-05-05", "done", NULL },
  { "handwerk_boerse", "handwerk", "Online-Auftragsbörse Handwerk", "2018-10-31", NULL, "missed",
    NULL },

  /* Digitale Modellregion OWL */
  { "portal_dienste", "dmr_portal", "Portal mit 20 Online-Diensten live", "2019-12-31",
    "2020-01-28", "done", NULL },
  { "portal_nachnutzung", "dmr_portal", "Nachnutzung durch drei Kommunen", "2021-10-31",
    "2021-11-30", "done", NULL },
  { "erechnung_empfang", "dmr_erechnung", "XRechnung-Empfang produktiv", "2020-04-18", "2020-04-15",
    "done", NULL },
  { "erechnung_fachbereiche", "dmr_erechnung", "Alle Fachbereiche angebunden", "2021-06-30",
    "2021-06-21", "done", NULL },
  { "gewerbe_online", "dmr_gewerbe", "Online-Gewerbeanmeldung freigeschaltet", "2020-06-30",
    "2020-07-07", "done", NULL },
  { "gewerbe_evaluation", "dmr_gewerbe", "Evaluation mit Gründerinnen und Gründern", "2021-08-31",
    "2021-09-10", "done", NULL },
  { "bauantrag_pilot", "dmr_bauantrag", "Bauportal im Pilotbetrieb", "2020-12-31", "2021-05-14",
    "done", NULL },
  { "bauantrag_beteiligung", "dmr_bauantrag", "Digitale Beteiligung der Fachämter", "2021-09-30",
    NULL, "missed", "Schnittstelle zum Fachverfahren nicht rechtzeitig verfügbar." },
  { "bauantrag_bericht", "dmr_bauantrag", "Abschlussbericht", "2022-03-31", "2022-04-29", "done",
    NULL },
  { "wlan_accesspoints", "dmr_wlan", "Zehn Access Points in der Innenstadt", "2019-09-30",
    "2019-09-20", "done", NULL },
  { "wlan_uebergabe", "dmr_wlan", "Übergabe an die Stadtwerke", "2020-12-31", "2020-12-15", "done",
    NULL },
  { "schule_tablets", "dmr_schule", "Tablet-Ausstattung für vier Schulen", "2019-12-31",
    "2020-02-14", "done", NULL },
  { "schule_medienkonzept", "dmr_schule", "Medienkonzepte fortgeschrieben", "2021-06-30",
    "2021-07-15", "done", NULL },
  { "gruen_lorawan", "dmr_gruen", "LoRaWAN-Netz mit 14 Gateways aufgebaut", "2019-12-31",
    "2020-03-31", "done", NULL },
  { "gruen_bewaesserung", "dmr_gruen", "Bewässerung nach Sensordaten", "2021-09-30", "2022-05-31",
    "done", NULL },
  { "parken_sensoren", "dmr_parken", "Parksensoren an 600 Stellplätzen", "2020-12-31", "2021-03-15",
    "done", NULL },
  { "parken_leitsystem", "dmr_parken", "Parkleitsystem in der App", "2022-06-30", "2022-06-28",
    "done", NULL },
  { "parken_regelbetrieb", "dmr_parken", "Verstetigung im Regelbetrieb", "2023-06-15", "2023-06-12",
    "done", NULL },
  { "daten_test", "dmr_daten", "Datenplattform im Testbetrieb", "2021-03-31", "2021-06-30", "done",
    NULL },
  { "daten_datensaetze", "dmr_daten", "Zehn Datensätze aus Fachverfahren angebunden", "2022-12-31",
    "2023-02-28", "done", NULL },
  { "daten_betrieb", "dmr_daten", "Betriebsmodell nach Förderende", "2023-06-15", NULL, "missed",
    NULL },
  { "mobil_app", "dmr_mobil", "Mobilitäts-App veröffentlicht", "2021-09-30", "2021-12-06", "done",
    NULL },
  { "mobil_ondemand", "dmr_mobil", "On-Demand-Verkehr im Testgebiet", "2022-10-31", NULL,
    "cancelled", "Kein Betreiber gefunden; Mittel in die App umgeschichtet." },
  { "mobil_bericht", "dmr_mobil", "Abschlussbericht", "2023-06-15", "2023-06-15", "done", NULL },
  { "ehrenamt_online", "dmr_ehrenamt", "Plattform online", "2020-10-31", "2020-10-27", "done",
    NULL },
  { "ehrenamt_vereine", "dmr_ehrenamt", "200 Vereine registriert", "2022-12-31", "2023-01-20",
    "done", NULL },
  { "ges_dmr_vernetzung", "dmr_gesundheit", "Vernetzung von Praxen und Klinik", "2021-12-31",
    "2022-04-29", "done", NULL },
  { "ges_dmr_sprechstunde", "dmr_gesundheit", "Telemedizinische Sprechstunde", "2023-03-31", NULL,
    "missed", NULL },
  { "wifoe_flaechen", "dmr_wifoe", "Gewerbeflächenportal online", "2020-09-30", "2020-09-24",
    "done", NULL },
  { "wifoe_service", "dmr_wifoe", "Unternehmensservice online", "2022-09-30", "2022-09-29", "done",
    NULL },
  { "eakte_pilot", "dmr_eakte", "E-Akte im Pilotamt", "2020-12-31", "2021-02-26", "done", NULL },
  { "eakte_rollout12", "dmr_eakte", "Rollout in 12 von 20 Ämtern", "2022-12-31", "2023-03-31",
    "done", NULL },
  { "eakte_rollout", "dmr_eakte", "Rollout in allen Ämtern", "2023-06-15", NULL, "cancelled",
    "Wird nach Förderende in Eigenregie fortgesetzt." },
  { "opendata_portal", "dmr_opendata", "Portal mit 30 Datensätzen online", "2021-06-30",
    "2021-06-24", "done", NULL },
  { "rat_app", "dmr_rat", "Ratsinfo-App für alle Mandatsträger", "2021-03-31", "2021-04-30", "done",
    NULL },
  { "rat_papierlos", "dmr_rat", "Erste papierlose Ratssitzung", "2022-12-31", "2022-11-24", "done",
    NULL },

  /* SMART REGION Emscher-Lippe */
  { "ki_eroeffnung", "sr_ki", "KI-Werkstatt im Wissenschaftspark eröffnet", "2023-09-30",
    "2023-10-05", "done", NULL },
  { "ki_sprints", "sr_ki", "Zehn KI-Sprints mit KMU durchgeführt", "2025-06-30", "2025-07-18",
    "done", NULL },
  { "ki_dsfa", "sr_ki", "Datenschutz-Folgenabschätzung für Bilddaten", "2026-10-31", NULL,
    "at_risk",
    "Die Datenschutzbeauftragte der Hochschule fordert ein überarbeitetes Löschkonzept." },
  { "ki_symposium", "sr_ki", "Abschlusssymposium KI-Werkstatt", "2026-12-10", NULL, "open",
    "Im Wissenschaftspark Gelsenkirchen, mit Vorstellung aller KI-Sprints." },
  { "ki_nachweis", "sr_ki", "Verwendungsnachweis", "2027-03-31", NULL, "open", NULL },
  { "vr_showroom", "sr_vr", "VR-Showroom in drei Handwerksbetrieben", "2018-09-30", "2018-10-10",
    "done", NULL },
  { "vr_leitfaden", "sr_vr", "Leitfaden VR im Verkaufsgespräch", "2020-05-31", "2020-06-19", "done",
    NULL },
  { "ml_daten", "sr_ml", "Datenerfassung an drei Pilotanlagen", "2024-09-30", "2024-11-15", "done",
    NULL },
  { "ml_prognose", "sr_ml", "Prognosemodell Werkzeugverschleiß validiert", "2026-06-30", NULL,
    "missed", "Zu wenige Ausfallereignisse in den Trainingsdaten." },
  { "ml_dauerbetrieb", "sr_ml", "Pilotanlage im Dauerbetrieb", "2026-11-15", NULL, "open", NULL },
  { "ml_aenderung", "sr_ml", "Projektänderungsantrag beim Fördergeber", "2026-12-04", NULL, "open",
    "Transfer-Learning mit Daten eines zweiten Werks; Laufzeitverlängerung um sechs Monate." },
  { "demo_prognose", "sr_demografie", "Kleinräumige Bevölkerungsprognose für zehn Städte",
    "2019-06-30", "2019-06-14", "done", NULL },
  { "demo_dashboard", "sr_demografie", "Demografie-Dashboard für die Kreisverwaltung", "2020-12-31",
    "2021-02-26", "done", NULL },
  { "egov_dienste", "sr_egov", "Baukasten mit fünf Online-Diensten live", "2024-03-31",
    "2024-03-20", "done", NULL },
  { "egov_servicekonto", "sr_egov", "Anbindung an das Servicekonto NRW", "2025-06-30", "2025-06-25",
    "done", NULL },
  { "egov_nachnutzung", "sr_egov", "Nachnutzung durch drei weitere Städte im Vest", "2026-12-15",
    NULL, "open", NULL },
  { "egov_bericht", "sr_egov", "Abschlussbericht", "2027-03-31", NULL, "open", NULL },
  { "mobil_sensorik", "sr_mobil", "Sensorik an 400 Parkplätzen", "2018-09-30", "2018-11-30", "done",
    NULL },
  { "mobil_app_bot", "sr_mobil", "Mobilitäts-App Bottrop", "2020-06-30", "2020-06-30", "done",
    NULL },
  { "mobil_shuttle", "sr_mobil", "On-Demand-Shuttle im Testbetrieb", "2020-10-31", NULL,
    "cancelled", "Wegen der Corona-Pandemie abgesagt." },
  { "energie_messkonzept", "sr_energie", "Messkonzept für 40 Gebäude", "2024-09-30", "2024-09-27",
    "done", NULL },
  { "energie_speicher", "sr_energie", "Quartiersspeicher in Betrieb", "2026-11-30", NULL, "open",
    NULL },
  { "energie_mieterstrom", "sr_energie", "Digitale Mieterstrom-Abrechnung", "2027-01-31", NULL,
    "open", NULL },
  { "building_labor", "sr_building", "Laborausstattung beschafft", "2023-10-31", "2023-12-12",
    "done", NULL },
  { "building_zwilling", "sr_building", "Digitaler Zwilling des Laborgebäudes", "2025-12-31", NULL,
    "cancelled", "Nach der Pausierung aus dem Arbeitsplan genommen." },
  { "building_wiederaufnahme", "sr_building", "Wiederaufnahme nach Neubesetzung der Laborleitung",
    "2027-01-15", NULL, "open", NULL },
  { "hub_coworking", "sr_hub", "Coworking-Fläche eröffnet", "2018-10-31", "2018-11-09", "done",
    NULL },
  { "hub_gruendungen", "sr_hub", "30 Gründungen begleitet", "2021-12-31", NULL, "missed",
    "22 Gründungen begleitet." },
  { "marke_blog", "sr_marke", "Blog „Ideenreich durch die Krise“ online", "2020-07-15",
    "2020-07-01", "done", NULL },
  { "marke_siegel", "sr_marke", "Siegel „Part of SMART REGION“ an 50 Mitglieder vergeben",
    "2025-12-31", "2026-02-10", "done", NULL },
  { "marke_botschafter", "sr_marke", "Botschafterprogramm gestartet", "2026-10-01", "2026-09-24",
    "done", NULL },
  { "marke_bilanz", "sr_marke", "Jahresbilanz 2026 und Übergabe in den Regelbetrieb", "2026-12-18",
    NULL, "open", NULL },
  { "5g_funkplanung", "sr_5g", "Funkplanung für das Testfeld abgeschlossen", "2025-06-30",
    "2025-08-29", "done", NULL },
  { "5g_frequenz", "sr_5g", "Frequenzzuteilung für das Campusnetz", "2026-09-30", NULL, "at_risk",
    "Antrag bei der Bundesnetzagentur eingereicht; Rückfragen zur Flächenabgrenzung." },
  { "5g_fts", "sr_5g", "Erste Anwendung: fahrerlose Transportsysteme", "2026-12-31", NULL,
    "at_risk", NULL },
  { "5g_demotag", "sr_5g", "Demonstrationstag für Unternehmen", "2027-05-31", NULL, "open", NULL },
  { "fachkraefte_kickoff", "sr_fachkraefte", "Projektstart und Kick-off", "2027-01-15", NULL,
    "open", NULL },
  { "fachkraefte_bedarf", "sr_fachkraefte", "Bedarfsanalyse digitale Berufe", "2027-06-30", NULL,
    "open", NULL },

  /* Digitalisierungs-Missionare */
  { "pilot_ziele", "dimi_pilot", "Ziele der Missionare festgelegt", "2018-01-31", "2018-02-08",
    "done", NULL },
  { "pilot_lernreise", "dimi_pilot", "Erste Lernreise mit acht Unternehmen", "2018-04-30",
    "2018-04-26", "done", NULL },
  { "pilot_auswertung", "dimi_pilot", "Auswertung der Pilotphase", "2019-12-31", "2019-12-17",
    "done", NULL },
  { "lr_netzwerk", "dimi_lernreisen", "Netzwerk aus 25 Unternehmen und Institutionen aufgebaut",
    "2025-06-30", "2025-06-12", "done", NULL },
  { "lr_reise1", "dimi_lernreisen", "Lernreise 1: Industrie 4.0 im Mittelstand", "2025-10-31",
    "2025-10-23", "done", NULL },
  { "lr_reise2", "dimi_lernreisen", "Lernreise 2: Digitale Geschäftsmodelle im Handwerk",
    "2026-05-31", "2026-06-04", "done", NULL },
  { "lr_reise3", "dimi_lernreisen", "Lernreise 3: Künstliche Intelligenz in der Produktion",
    "2026-11-19", NULL, "open",
    "Gastgeber hat wegen Auditterminen abgesagt; Ersatztermin im Januar in Abstimmung." },
  { "lr_treffen", "dimi_lernreisen", "Missionarstreffen mit Erfahrungsaustausch", "2026-12-09",
    NULL, "open", NULL },
  { "lr_doku", "dimi_lernreisen", "Dokumentation der Best-Practice-Beispiele", "2027-03-31", NULL,
    "open", NULL },
  { "katalog_entwurf", "dimi_katalog", "Entwurf des Fragenkatalogs mit 40 Fragen", "2025-12-31",
    "2026-01-20", "done", NULL },
  { "katalog_erprobung", "dimi_katalog", "Erprobung in zehn Betrieben", "2026-09-30", NULL,
    "at_risk", "Bisher vier Betriebe gewonnen." },
  { "katalog_veroeffentlichung", "dimi_katalog", "Veröffentlichung des Fragenkatalogs",
    "2026-12-15", NULL, "open", NULL },
  { "mitbest_konzept", "dimi_mitbestimmung", "Schulungskonzept für Betriebsräte", "2026-03-31",
    "2026-05-15", "done", NULL },
  { "mitbest_workshop", "dimi_mitbestimmung", "Auftaktworkshop mit Betriebsräten", "2026-10-15",
    NULL, "missed", "Mangels Anmeldungen abgesagt." },
  { "mitbest_vereinbarungen", "dimi_mitbestimmung",
    "Fünf Betriebsvereinbarungen zur Digitalisierung begleitet", "2027-06-30", NULL, "at_risk",
    NULL },
  { "handi_umfrage", "dimi_handwerk", "Bedarfsumfrage in 120 Handwerksbetrieben", "2026-04-30",
    "2026-04-28", "done", NULL },
  { "handi_sprechstunde", "dimi_handwerk", "Digitalsprechstunde in Olpe eingerichtet", "2026-11-30",
    NULL, "open", NULL },
  { "handi_lernreise", "dimi_handwerk", "Lernreise Handwerk", "2027-05-31", NULL, "open", NULL },
  { "netz_kickoff", "dimi_netzwerk", "Kick-off des Missionars-Netzwerks", "2027-01-20", NULL,
    "open", NULL },
};

/* --- meetings ------------------------------------------------------------ */

static const DemoSeries series[] = {
  { "jour_fixe",
    "Jour fixe der Projektleitungen",
    "jour_fixe",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "OWL Arena, Bielefeld",
    90,
    "Begrüßung\nProtokoll der letzten Sitzung\nVerschiedenes",
    { "vossmeyer", "rehkemper", "demir", "kraemer", "brueggemann", "yildiz", "wrobel", "sommerfeld",
      "nowak", "achenbach", "schmelzer", "wagener", "klein" } },
  { "lenkungskreis",
    "Lenkungskreis Digitale Regionen",
    "steering",
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH",
    "Bezirksregierung Detmold, Sitzungssaal 1",
    120,
    "Begrüßung und Genehmigung der Tagesordnung\nBericht des Projektbüros\nVerschiedenes",
    { "huesing", "vossmeyer", "rehkemper", "kraemer", "achenbach", "wiemers", "oevermann" } },
  { "strategie_owl40",
    "Strategieveranstaltung OWL 4.0",
    "strategy",
    NULL,
    "Lokschuppen Bielefeld",
    240,
    NULL,
    { "vossmeyer", "obermeier", "luedeking", "kortenbruck", "niemeier", "woestmann", "brokmann",
      "aydin", "tegethoff", "schwentker", "rehkemper" } },
};

static const DemoMeeting meetings[] = {
  { "jf_0901", "jour_fixe", "Jour fixe 01.09.2026", "2026-09-01T10:00:00+02:00", 90,
    "OWL Arena, Bielefeld", "held", "Erste Sitzung nach der Sommerpause.", "pppppppeppppp" },
  { "jf_0915", "jour_fixe", "Jour fixe 15.09.2026", "2026-09-15T10:00:00+02:00", 90,
    "OWL Arena, Bielefeld", "held", NULL, "ppepppppppepp" },
  { "jf_0929", "jour_fixe", "Jour fixe 29.09.2026", "2026-09-29T10:00:00+02:00", 60,
    "Videokonferenz", "held", "Wegen der Bahnstreiks als Videokonferenz.", "pppppppppappp" },
  { "jf_1013", "jour_fixe", "Jour fixe 13.10.2026", "2026-10-13T10:00:00+02:00", 90,
    "OWL Arena, Bielefeld", "held", NULL, "pppeppppppppe" },
  { "jf_1027", "jour_fixe", "Jour fixe 27.10.2026", "2026-10-27T10:00:00+01:00", 90,
    "OWL Arena, Bielefeld", "held", NULL, "ppppppppepppp" },
  { "jf_1110", "jour_fixe", "Jour fixe 10.11.2026", "2026-11-10T10:00:00+01:00", 90,
    "OWL Arena, Bielefeld", "held", NULL, "pppppppppppep" },
  { "jf_1124", "jour_fixe", "Jour fixe 24.11.2026", "2026-11-24T10:00:00+01:00", 90,
    "OWL Arena, Bielefeld", "planned", NULL, "iiiiiiiiiiiii" },
  { "lk_2606", "lenkungskreis", "Lenkungskreis Juni 2026", "2026-06-04T14:00:00+02:00", 120,
    "Bezirksregierung Detmold, Sitzungssaal 1", "held", NULL, "ppppppe" },
  { "lk_2609", "lenkungskreis", "Lenkungskreis September 2026", "2026-09-03T14:00:00+02:00", 120,
    "Bezirksregierung Detmold, Sitzungssaal 1", "held", NULL, "pppeppp" },
  { "lk_2612", "lenkungskreis", "Lenkungskreis Dezember 2026", "2026-12-03T14:00:00+01:00", 120,
    "Bezirksregierung Detmold, Sitzungssaal 1", "planned", NULL, "iiiiiii" },
  { "strategie_2018", "strategie_owl40", "Zweite Strategieveranstaltung OWL 4.0",
    "2018-05-17T09:30:00+02:00", 240, "Lokschuppen Bielefeld", "held",
    "Mit Gästen aus Wirtschaftsförderung und Kammern.", "ppppppepppp" },
};

/* The standing items that open every jour fixe. */
/* clang-format off */
#define STANDING_WELCOME(m, presenter, note) \
  { m "/1", m, 1, "Begrüßung", "information", presenter, 5, NULL, NULL, note, "done", NULL }
#define STANDING_MINUTES(m, note) \
  { m "/2", m, 2, "Protokoll der letzten Sitzung", "information", "rehkemper", 5, NULL, NULL, \
    note, "done", NULL }
/* clang-format on */

static const DemoAgendaItem agenda_items[] = {
  /* Jour fixe 01.09.2026 */
  STANDING_WELCOME ("jf_0901", "vossmeyer",
                    "Begrüßung nach der Sommerpause; Tagesordnung ohne Änderungen."),
  STANDING_MINUTES ("jf_0901", "Protokoll vom 14.07.2026 genehmigt."),
  { "jf_0901/3", "jf_0901", 3, "Meilensteinmonitoring: überfällige und anstehende Meilensteine",
    "discussion", "rehkemper", 20, NULL, NULL,
    "Drei Meilensteine sind gefährdet (ML-Produktion, 5G Marl, Fragenkatalog). Die "
    "Projektleitungen berichten die Ursachen im nächsten Jour fixe.",
    "done", NULL },
  { "jf_0901/4", "jf_0901", 4, "KI-Werkstatt: Stand der Datenschutz-Folgenabschätzung",
    "discussion", "brueggemann", 15, "sr_ki", "ki_dsfa",
    "Die Datenschutzbeauftragte der Hochschule fordert Nachbesserungen beim Löschkonzept. "
    "Bilddaten bleiben bis dahin gesperrt.",
    "done", NULL },
  { "jf_0901/5", "jf_0901", 5, "Lernreise 3: Termin und Gastgeber", "decision", "schmelzer", 15,
    "dimi_lernreisen", "lr_reise3",
    "Ein Automobilzulieferer aus Olpe hat zugesagt. Vorgeschlagen wird der 19.11.2026.", "done",
    NULL },
  { "jf_0901/6", "jf_0901", 6, "Verschiedenes", "information", "vossmeyer", 5, NULL, NULL,
    "Sommerfest der SMART REGION am 18.09. in Herten; Anmeldung über Frau Demir.", "done", NULL },

  /* Jour fixe 15.09.2026 */
  STANDING_WELCOME ("jf_0915", "vossmeyer", NULL),
  STANDING_MINUTES ("jf_0915", "Protokoll vom 01.09.2026 genehmigt."),
  { "jf_0915/3", "jf_0915", 3, "ML-Produktion: Verzug beim Prognosemodell", "discussion", "yildiz",
    20, "sr_ml", "ml_prognose",
    "Das Modell erreicht die geforderte Genauigkeit nicht, weil in den Daten zu wenige "
    "Ausfallereignisse vorkommen. Option: Transfer-Learning mit Daten eines zweiten Werks. "
    "Entscheidung vertagt, bis die Optionen bewertet sind.",
    "deferred", NULL },
  { "jf_0915/4", "jf_0915", 4, "Frequenzzuteilung für das 5G-Campusnetz", "information", "nowak",
    10, "sr_5g", "5g_frequenz",
    "Antrag bei der Bundesnetzagentur eingereicht; Rückfragen zur Flächenabgrenzung werden "
    "beantwortet.",
    "done", NULL },
  { "jf_0915/5", "jf_0915", 5, "Wissensdatenbank: Beiträge aus den Projekten", "discussion",
    "demir", 15, NULL, NULL,
    "Jedes laufende Projekt liefert bis Ende Oktober einen Lessons-Learned-Beitrag. Frau Demir "
    "verschickt eine Vorlage.",
    "done", NULL },
  { "jf_0915/6", "jf_0915", 6, "Verschiedenes", "information", "vossmeyer", 5, NULL, NULL, NULL,
    "done", NULL },

  /* Jour fixe 29.09.2026 */
  STANDING_WELCOME ("jf_0929", "vossmeyer", NULL),
  STANDING_MINUTES ("jf_0929", "Protokoll vom 15.09.2026 genehmigt."),
  { "jf_0929/3", "jf_0929", 3, "ML-Produktion: Verzug beim Prognosemodell", "decision", "yildiz",
    20, "sr_ml", "ml_prognose",
    "Transfer-Learning ist aussichtsreich, braucht aber sechs Monate mehr. Ein "
    "Projektänderungsantrag wird vorbereitet; der Lenkungskreis wird informiert.",
    "done", "jf_0915/3" },
  { "jf_0929/4", "jf_0929", 4, "Fragenkatalog: Erprobung in Betrieben", "discussion", "wagener", 15,
    "dimi_katalog", "katalog_erprobung",
    "Bisher vier von zehn Betrieben gewonnen. Die IHK Siegen unterstützt bei der Ansprache über "
    "ihren Newsletter.",
    "done", NULL },
  { "jf_0929/5", "jf_0929", 5, "Verschiedenes", "information", "vossmeyer", 5, NULL, NULL, NULL,
    "done", NULL },

  /* Jour fixe 13.10.2026 */
  STANDING_WELCOME ("jf_1013", "vossmeyer", NULL),
  STANDING_MINUTES ("jf_1013", "Protokoll vom 29.09.2026 mit einer Korrektur genehmigt."),
  { "jf_1013/3", "jf_1013", 3, "Meilensteinmonitoring", "decision", "rehkemper", 15, NULL, NULL,
    "Fünf Meilensteine überfällig, zwei im Status gefährdet. Vorschlag: Der Monitoring-Bericht "
    "geht künftig zwei Tage vor dem Jour fixe an alle Projektleitungen.",
    "done", NULL },
  { "jf_1013/4", "jf_1013", 4, "eGovernment-Baukasten: Nachnutzung durch weitere Städte",
    "information", "wrobel", 10, "sr_egov", "egov_nachnutzung",
    "Herten und Dorsten haben Interesse bekundet, Marl prüft noch. Gespräche im November.", "done",
    NULL },
  { "jf_1013/5", "jf_1013", 5, "Auftaktworkshop Betriebsräte abgesagt", "discussion", "klein", 15,
    "dimi_mitbestimmung", "mitbest_workshop",
    "Der Workshop am 15.10. wurde mangels Anmeldungen abgesagt. Neuer Anlauf gemeinsam mit einem "
    "gewerkschaftlichen Bildungszentrum.",
    "done", NULL },
  { "jf_1013/6", "jf_1013", 6, "Verschiedenes", "information", "vossmeyer", 5, NULL, NULL, NULL,
    "done", NULL },

  /* Jour fixe 27.10.2026 */
  STANDING_WELCOME ("jf_1027", "vossmeyer", NULL),
  STANDING_MINUTES ("jf_1027", "Protokoll vom 13.10.2026 genehmigt."),
  { "jf_1027/3", "jf_1027", 3, "Quartiersspeicher: Inbetriebnahme", "information", "sommerfeld", 10,
    "sr_energie", "energie_speicher",
    "Der Netzbetreiber hat den Anschluss für den 20.11. zugesagt. Inbetriebnahme Ende November "
    "realistisch.",
    "done", NULL },
  { "jf_1027/4", "jf_1027", 4, "Vorbereitung des Lenkungskreises im Dezember", "discussion",
    "vossmeyer", 20, NULL, NULL,
    "Themen: Projektänderung ML-Produktion, Verlängerung KI-Werkstatt, Jahresbilanz. Aus "
    "Zeitgründen vertagt.",
    "deferred", NULL },
  { "jf_1027/5", "jf_1027", 5, "Verschiedenes", "information", "vossmeyer", 5, NULL, NULL, NULL,
    "done", NULL },

  /* Jour fixe 10.11.2026 */
  STANDING_WELCOME ("jf_1110", "vossmeyer", NULL),
  STANDING_MINUTES ("jf_1110", "Protokoll vom 27.10.2026 genehmigt."),
  { "jf_1110/3", "jf_1110", 3, "Vorbereitung des Lenkungskreises im Dezember", "decision",
    "vossmeyer", 20, NULL, NULL,
    "Das Projektbüro erstellt die Vorlage bis zum 20.11.; jede Projektleitung liefert eine Folie "
    "zum Stand ihres Projekts.",
    "done", "jf_1027/4" },
  { "jf_1110/4", "jf_1110", 4, "KI-Werkstatt: kostenneutrale Verlängerung", "decision",
    "brueggemann", 15, "sr_ki", NULL,
    "Wegen der verzögerten Datenschutz-Folgenabschätzung wird eine kostenneutrale Verlängerung "
    "bis 30.06.2027 beantragt.",
    "done", NULL },
  { "jf_1110/5", "jf_1110", 5, "Lernreise 3 verschoben", "information", "schmelzer", 10,
    "dimi_lernreisen", "lr_reise3",
    "Der Gastgeberbetrieb hat wegen Auditterminen abgesagt. Ein Ersatztermin im Januar wird "
    "abgestimmt.",
    "done", NULL },
  { "jf_1110/6", "jf_1110", 6, "Verschiedenes", "information", "demir", 5, NULL, NULL,
    "Beiträge für die Weihnachtsausgabe des Newsletters bis 01.12. an Frau Demir.", "done", NULL },

  /* Jour fixe 24.11.2026 (planned) */
  { "jf_1124/1", "jf_1124", 1, "Begrüßung", "information", "vossmeyer", 5, NULL, NULL, NULL, "open",
    NULL },
  { "jf_1124/2", "jf_1124", 2, "Protokoll der letzten Sitzung", "information", "rehkemper", 5, NULL,
    NULL, NULL, "open", NULL },
  { "jf_1124/3", "jf_1124", 3, "Meilensteinmonitoring: überfällige Meilensteine", "discussion",
    "rehkemper", 20, NULL, NULL, NULL, "open", NULL },
  { "jf_1124/4", "jf_1124", 4, "5G-Campusnetz: Stand der Frequenzzuteilung", "information", "nowak",
    10, "sr_5g", "5g_frequenz", NULL, "open", NULL },
  { "jf_1124/5", "jf_1124", 5, "Fragenkatalog: Veröffentlichung im Dezember", "decision", "wagener",
    15, "dimi_katalog", "katalog_veroeffentlichung", NULL, "open", NULL },
  { "jf_1124/6", "jf_1124", 6, "Verschiedenes", "information", "vossmeyer", 5, NULL, NULL, NULL,
    "open", NULL },

  /* Lenkungskreis Juni 2026 */
  { "lk_2606/1", "lk_2606", 1, "Begrüßung und Genehmigung der Tagesordnung", "information",
    "huesing", 5, NULL, NULL, NULL, "done", NULL },
  { "lk_2606/2", "lk_2606", 2, "Bericht des Projektbüros", "information", "rehkemper", 20, NULL,
    NULL, "Zwölf laufende Projekte, davon drei mit gelber und eines mit roter Ampel.", "done",
    NULL },
  { "lk_2606/3", "lk_2606", 3, "Freigabe der Erprobungsphase des Fragenkatalogs", "decision",
    "achenbach", 15, "dimi_katalog", "katalog_erprobung",
    "Entwurf mit 40 Fragen liegt vor; Erprobung in zehn Betrieben bis Ende September.", "done",
    NULL },
  { "lk_2606/4", "lk_2606", 4, "Verschiedenes", "information", "huesing", 5, NULL, NULL, NULL,
    "done", NULL },

  /* Lenkungskreis September 2026 */
  { "lk_2609/1", "lk_2609", 1, "Begrüßung und Genehmigung der Tagesordnung", "information",
    "huesing", 5, NULL, NULL, NULL, "done", NULL },
  { "lk_2609/2", "lk_2609", 2, "Bericht des Projektbüros", "information", "rehkemper", 20, NULL,
    NULL, "Meilenstein Prognosemodell der ML-Produktion verfehlt; 5G-Frequenzzuteilung verzögert.",
    "done", NULL },
  { "lk_2609/3", "lk_2609", 3, "Risiken im Projekt ML-Produktion", "decision", "kraemer", 20,
    "sr_ml", "ml_prognose", "Der Lenkungskreis erwartet bis Ende Oktober einen Maßnahmenplan.",
    "done", NULL },
  { "lk_2609/4", "lk_2609", 4, "Verschiedenes", "information", "huesing", 5, NULL, NULL, NULL,
    "done", NULL },

  /* Lenkungskreis Dezember 2026 (planned) */
  { "lk_2612/1", "lk_2612", 1, "Begrüßung und Genehmigung der Tagesordnung", "information",
    "huesing", 5, NULL, NULL, NULL, "open", NULL },
  { "lk_2612/2", "lk_2612", 2, "Bericht des Projektbüros", "information", "rehkemper", 20, NULL,
    NULL, NULL, "open", NULL },
  { "lk_2612/3", "lk_2612", 3, "Projektänderung ML-Produktion", "decision", "kraemer", 20, "sr_ml",
    "ml_aenderung", NULL, "open", NULL },
  { "lk_2612/4", "lk_2612", 4, "Kostenneutrale Verlängerung der KI-Werkstatt", "decision",
    "kraemer", 15, "sr_ki", NULL, NULL, "open", NULL },
  { "lk_2612/5", "lk_2612", 5, "Jahresplanung 2027", "discussion", "vossmeyer", 30, NULL, NULL,
    NULL, "open", NULL },

  /* Strategieveranstaltung 2018 */
  { "strategie_2018/1", "strategie_2018", 1, "Zwei Jahre OWL 4.0: Was haben wir erreicht?",
    "information", "vossmeyer", 45, "arena", "arena_strategie",
    "Alle zehn Projekte haben ihre Zwischenergebnisse in Kurzvorträgen vorgestellt.", "done",
    NULL },
  { "strategie_2018/2", "strategie_2018", 2, "Schaufenster-Route 4.0: Erweiterung", "decision",
    "vossmeyer", 60, "arena", "arena_route",
    "Die Route soll den ländlichen Raum stärker einbeziehen.", "done", NULL },
  { "strategie_2018/3", "strategie_2018", 3, "Verstetigung nach 2019", "discussion", "tegethoff",
    90, NULL, NULL, "Ideen für eine Fortsetzung in einem regionalen Strategieprozess gesammelt.",
    "done", NULL },
};

static const DemoDecision decisions[] = {
  { "jf_0901/lernreise", "jf_0901", "jf_0901/5", "dimi_lernreisen",
    "Die Lernreise 3 findet am 19.11.2026 bei einem Automobilzulieferer in Olpe statt." },
  { "jf_0929/ml", "jf_0929", "jf_0929/3", "sr_ml",
    "Für das Projekt ML-Produktion wird ein Projektänderungsantrag gestellt; Vorlage im "
    "Lenkungskreis im Dezember." },
  { "jf_1013/monitoring", "jf_1013", "jf_1013/3", NULL,
    "Der Monitoring-Bericht wird künftig zwei Tage vor jedem Jour fixe an alle Projektleitungen "
    "verschickt." },
  { "jf_1110/lenkungskreis", "jf_1110", "jf_1110/3", NULL,
    "Das Projektbüro erstellt die Lenkungskreisvorlage; jede Projektleitung liefert eine Folie." },
  { "jf_1110/ki", "jf_1110", "jf_1110/4", "sr_ki",
    "Die KI-Werkstatt beantragt eine kostenneutrale Verlängerung bis 30.06.2027." },
  { "lk_2606/katalog", "lk_2606", "lk_2606/3", "dimi_katalog",
    "Der Lenkungskreis gibt die Erprobungsphase des Fragenkatalogs frei." },
  { "lk_2609/ml", "lk_2609", "lk_2609/3", "sr_ml",
    "Für das Projekt ML-Produktion wird bis Ende Oktober ein Maßnahmenplan vorgelegt." },
  { "strategie_2018/route", "strategie_2018", "strategie_2018/2", "arena",
    "Die Schaufenster-Route 4.0 wird um fünf Stationen im ländlichen Raum erweitert." },
};

static const DemoActionItem action_items[] = {
  { "jf_0901/monitoring", "jf_0901", "jf_0901/3", NULL,
    "Begründungen für gefährdete Meilensteine im Monitoring nachtragen", "rehkemper", "2026-09-14",
    "done", "2026-09-11T16:20:00+02:00" },
  { "jf_0901/loeschkonzept", "jf_0901", "jf_0901/4", "sr_ki",
    "Löschkonzept für Bilddaten überarbeiten", "brueggemann", "2026-09-30", "open", NULL },
  { "jf_0901/einladung", "jf_0901", "jf_0901/5", "dimi_lernreisen",
    "Einladungen zur Lernreise 3 verschicken", "schmelzer", "2026-10-15", "done",
    "2026-10-09T11:05:00+02:00" },
  { "jf_0915/optionen", "jf_0915", "jf_0915/3", "sr_ml", "Optionen für Transfer-Learning bewerten",
    "yildiz", "2026-09-28", "done", "2026-09-28T09:40:00+02:00" },
  { "jf_0915/vorlage", "jf_0915", "jf_0915/5", NULL,
    "Vorlage für Lessons-Learned-Beiträge an alle Projekte schicken", "demir", "2026-09-22", "done",
    "2026-09-18T14:00:00+02:00" },
  { "jf_0915/beitrag_ki", "jf_0915", "jf_0915/5", "sr_ki",
    "Lessons-Learned-Beitrag der KI-Werkstatt liefern", "brueggemann", "2026-10-31", "open", NULL },
  { "jf_0915/beitrag_egov", "jf_0915", "jf_0915/5", "sr_egov",
    "Lessons-Learned-Beitrag des eGovernment-Baukastens liefern", "wrobel", "2026-10-31", "done",
    "2026-10-29T17:30:00+01:00" },
  { "jf_0929/antrag", "jf_0929", "jf_0929/3", "sr_ml",
    "Projektänderungsantrag ML-Produktion entwerfen", "yildiz", "2026-10-30", "open", NULL },
  { "jf_0929/newsletter", "jf_0929", "jf_0929/4", "dimi_katalog",
    "Betriebe über den IHK-Newsletter für die Erprobung gewinnen", "wagener", "2026-10-20", "done",
    "2026-10-16T10:15:00+02:00" },
  { "jf_1013/termine", "jf_1013", "jf_1013/4", "sr_egov",
    "Gesprächstermine mit Herten und Dorsten vereinbaren", "wrobel", "2026-11-06", "done",
    "2026-11-03T12:00:00+01:00" },
  { "jf_1013/workshop", "jf_1013", "jf_1013/5", "dimi_mitbestimmung",
    "Neuen Termin für den Auftaktworkshop der Betriebsräte festlegen", "klein", "2026-11-30",
    "open", NULL },
  { "jf_1013/raum", "jf_1013", "jf_1013/6", NULL,
    "Lokschuppen für eine Jahresveranstaltung anfragen", "demir", "2026-10-31", "dropped", NULL },
  { "jf_1027/presse", "jf_1027", "jf_1027/3", "sr_energie",
    "Pressemitteilung zur Inbetriebnahme des Quartiersspeichers vorbereiten", "demir", "2026-12-04",
    "open", NULL },
  { "jf_1027/themen", "jf_1027", "jf_1027/4", NULL, "Themenliste für den Lenkungskreis abstimmen",
    "vossmeyer", "2026-11-09", "done", "2026-11-09T15:45:00+01:00" },
  { "jf_1110/vorlage", "jf_1110", "jf_1110/3", NULL, "Lenkungskreisvorlage erstellen", "vossmeyer",
    "2026-11-20", "open", NULL },
  { "jf_1110/folien", "jf_1110", "jf_1110/3", NULL,
    "Folien der Projekte für den Lenkungskreis einsammeln", "rehkemper", "2026-11-25", "open",
    NULL },
  { "jf_1110/verlaengerung", "jf_1110", "jf_1110/4", "sr_ki",
    "Antrag auf kostenneutrale Verlängerung der KI-Werkstatt einreichen", "brueggemann",
    "2026-12-01", "open", NULL },
  { "jf_1110/ersatztermin", "jf_1110", "jf_1110/5", "dimi_lernreisen",
    "Ersatztermin für die Lernreise 3 abstimmen", "schmelzer", "2026-11-27", "open", NULL },
  { "jf_1110/newsletter", "jf_1110", "jf_1110/6", NULL,
    "Beiträge für den Newsletter im Dezember sammeln", "demir", "2026-12-01", "open", NULL },
  { "lk_2606/erprobung", "lk_2606", "lk_2606/3", "dimi_katalog",
    "Erprobungsphase des Fragenkatalogs starten", "achenbach", "2026-07-01", "done",
    "2026-06-30T13:00:00+02:00" },
  { "lk_2609/massnahmen", "lk_2609", "lk_2609/3", "sr_ml", "Maßnahmenplan ML-Produktion vorlegen",
    "kraemer", "2026-10-31", "done", "2026-10-28T18:10:00+01:00" },
  { "strategie_2018/stationen", "strategie_2018", "strategie_2018/2", "arena",
    "Fünf neue Stationen der Schaufenster-Route auswählen", "vossmeyer", "2018-07-31", "done",
    "2018-07-24T16:00:00+02:00" },
};

/* --- knowledge base ------------------------------------------------------ */

static const DemoTag tags[] = {
  { "projektsteuerung", "Projektsteuerung" },
  { "meilensteine", "Meilensteine" },
  { "jour_fixe", "Jour fixe" },
  { "leitfaden", "Leitfaden" },
  { "fragenkatalog", "Fragenkatalog" },
  { "kmu", "KMU" },
  { "missionare", "Digitalisierungs-Missionare" },
  { "lernreise", "Lernreise" },
  { "wissenstransfer", "Wissenstransfer" },
  { "egovernment", "E-Government" },
  { "nachnutzung", "Nachnutzung" },
  { "kommunen", "Kommunen" },
  { "kommunikation", "Kommunikation" },
  { "smart_city", "Smart City" },
  { "sensorik", "Sensorik" },
  { "datenschutz", "Datenschutz" },
  { "ki", "Künstliche Intelligenz" },
  { "foerderung", "Förderung" },
  { "workshop", "Workshop" },
};

static const DemoArticle articles[] = {
  { "meilensteinmonitoring",
    "Meilensteinmonitoring im Projektverbund",
    "Wie die OWL Arena 4.0 die Meilensteine von zehn Projekten verfolgt hat – und was sich "
    "bewährt hat.",
    "best_practice",
    "arena",
    "rehkemper",
    { "projektsteuerung", "meilensteine", "nachnutzung" },
    "## Worum es geht\n"
    "\n"
    "In OWL 4.0 liefen zehn Projekte mit eigenen Konsortien, Zeitplänen und Fördergebern parallel. "
    "Die OWL Arena 4.0 hat deshalb von Beginn an ein **gemeinsames Meilensteinmonitoring** "
    "aufgebaut: Jedes Projekt meldet seine Meilensteine einmal im Monat mit Status und Prognose.\n"
    "\n"
    "## So sind wir vorgegangen\n"
    "\n"
    "1. Mit jeder Projektleitung drei bis sechs *überprüfbare* Meilensteine vereinbart – keine "
    "Arbeitspakete, sondern Ergebnisse mit Datum.\n"
    "2. Einen festen Meldetermin eingeführt: eine Woche vor dem Jour fixe.\n"
    "3. Die Ampel nicht vom Projektbüro vergeben lassen, sondern von den Projekten selbst – mit "
    "einer kurzen Begründung bei Gelb und Rot.\n"
    "4. Überfällige und in vier Wochen fällige Meilensteine kommen automatisch auf die "
    "Tagesordnung des Jour fixe.\n"
    "\n"
    "## Was gut funktioniert hat\n"
    "\n"
    "- Die Projekte haben Probleme **früher** gemeldet, weil Gelb kein Makel war, sondern "
    "Unterstützung ausgelöst hat.\n"
    "- Der Lenkungskreis bekam eine Seite statt zehn Berichten.\n"
    "- Verschobene Meilensteine blieben mit ihrem ursprünglichen Datum sichtbar; so wurden Trends "
    "erkennbar.\n"
    "\n"
    "## Stolpersteine\n"
    "\n"
    "- Zu viele Meilensteine machen das Monitoring zur Pflichtübung. Mehr als sechs pro Jahr und "
    "Projekt haben sich nicht bewährt.\n"
    "- Ohne klare Definition von „erreicht“ wurde in den ersten Monaten großzügig abgehakt.\n"
    "\n"
    "> Tipp: Ein Meilenstein ist erreicht, wenn Dritte es überprüfen können – ein Dokument, ein "
    "System im Betrieb, eine Veranstaltung mit Teilnehmerliste.\n" },

  { "jour_fixe_leitfaden",
    "Leitfaden: Jour fixe der Projektleitungen vorbereiten und protokollieren",
    "Vorbereitung in Minuten statt Stunden: was vor, in und nach dem Jour fixe zu tun ist.",
    "guideline",
    "arena",
    "vossmeyer",
    { "jour_fixe", "leitfaden", "projektsteuerung" },
    "## Vorbereitung (zwei Tage vorher)\n"
    "\n"
    "- Offene Aufgaben aus den letzten Protokollen sichten und die Verantwortlichen erinnern.\n"
    "- Überfällige und in den nächsten vier Wochen fällige Meilensteine aus dem Monitoring "
    "übernehmen.\n"
    "- Projekte mit geänderter Ampel um einen kurzen Bericht bitten.\n"
    "- Unerledigte Tagesordnungspunkte der letzten Sitzung übertragen.\n"
    "- Die Tagesordnung mit dem Zeitbedarf je Punkt verschicken.\n"
    "\n"
    "## In der Sitzung\n"
    "\n"
    "Jeder Tagesordnungspunkt hat eine Art: *Information*, *Diskussion* oder *Entscheidung*. "
    "Beschlüsse werden im Wortlaut festgehalten, Aufgaben immer mit **wer, was, bis wann**.\n"
    "\n"
    "## Nachbereitung\n"
    "\n"
    "1. Das Protokoll innerhalb von zwei Arbeitstagen verschicken.\n"
    "2. Neue Aufgaben in die Aufgabenliste übernehmen.\n"
    "3. Die Meilensteinübersicht als PDF an den Lenkungskreis schicken.\n"
    "\n"
    "## Ständige Tagesordnungspunkte\n"
    "\n"
    "- Begrüßung\n"
    "- Protokoll der letzten Sitzung\n"
    "- Meilensteinmonitoring\n"
    "- Verschiedenes\n" },

  { "fragenkatalog",
    "Fragenkatalog: Digitalisierung im Betrieb chancenorientiert angehen",
    "Zwölf Fragen, mit denen Geschäftsführungen und Betriebsräte ihre Ausgangslage einschätzen.",
    "question_catalogue",
    "dimi_katalog",
    "wagener",
    { "fragenkatalog", "kmu", "missionare" },
    "Dieser Katalog ist aus den Zielen der Digitalisierungs-Missionare entstanden. Er hilft "
    "Geschäftsführungen und Betriebsräten, die eigene Ausgangslage ehrlich einzuschätzen – "
    "**bevor** Technik gekauft wird.\n"
    "\n"
    "## Strategie und Ziele\n"
    "\n"
    "- [ ] Frage 1: Welche Ziele verfolgen wir mit der Digitalisierung in den nächsten drei "
    "Jahren?\n"
    "- [ ] Frage 2: Welche Anforderungen unserer Kunden verändern sich durch digitale Angebote "
    "der Wettbewerber?\n"
    "- [ ] Frage 3: Wer in der Geschäftsführung ist für das Thema verantwortlich?\n"
    "\n"
    "## Menschen und Kultur\n"
    "\n"
    "- [ ] Frage 4: Wie beziehen wir Beschäftigte und Betriebsrat frühzeitig ein?\n"
    "- [ ] Frage 5: Welche Sorgen gibt es, und wie sprechen wir sie offen an?\n"
    "- [ ] Frage 6: Welche Qualifizierung brauchen unsere Beschäftigten?\n"
    "\n"
    "## Prozesse und Daten\n"
    "\n"
    "- [ ] Frage 7: Welche Abläufe kosten heute durch Medienbrüche am meisten Zeit?\n"
    "- [ ] Frage 8: Welche Daten erheben wir bereits, und wer nutzt sie?\n"
    "- [ ] Frage 9: Wie schützen wir Daten und Systeme gegen Ausfall und Angriffe?\n"
    "\n"
    "## Region und Netzwerk\n"
    "\n"
    "- [ ] Frage 10: Welche Betriebe in der Region haben ähnliche Vorhaben schon umgesetzt?\n"
    "- [ ] Frage 11: Welche Hochschulen, Kammern oder Netzwerke können uns unterstützen?\n"
    "- [ ] Frage 12: Welche Werte und Besonderheiten unserer Region wollen wir dabei bewahren?\n" },

  { "lernreisen",
    "Lernreisen planen: Erfahrungen der Digitalisierungs-Missionare",
    "Was eine gute Lernreise ausmacht und wie eine Station abläuft.",
    "best_practice",
    "dimi_lernreisen",
    "schmelzer",
    { "lernreise", "kmu", "wissenstransfer", "missionare" },
    "## Die Idee\n"
    "\n"
    "Auf einer **Lernreise** besuchen kleine und mittlere Unternehmen gemeinsam Betriebe, die ein "
    "Digitalisierungsvorhaben bereits umgesetzt haben. Die Gastgeber berichten offen – auch über "
    "das, was nicht geklappt hat. Zurück im eigenen Betrieb werden die Teilnehmenden selbst zu "
    "Missionaren.\n"
    "\n"
    "## Was eine gute Lernreise ausmacht\n"
    "\n"
    "- Höchstens zwölf Teilnehmende, damit echte Gespräche entstehen.\n"
    "- Gastgeber aus der Region, deren Ausgangslage der eigenen ähnelt.\n"
    "- Ein Rundgang durch die Produktion, nicht nur eine Präsentation.\n"
    "- Eine Runde *ohne* Geschäftsführung, in der Beschäftigte und Betriebsrat berichten.\n"
    "- Ein vorab verschickter Fragenkatalog, damit alle vorbereitet sind.\n"
    "\n"
    "## Ablauf einer Station (etwa drei Stunden)\n"
    "\n"
    "1. Begrüßung und Vorstellung des Vorhabens (30 Minuten)\n"
    "2. Rundgang an den Arbeitsplätzen (60 Minuten)\n"
    "3. Austausch in Kleingruppen (60 Minuten)\n"
    "4. Auswertung: Was nehmen wir mit? (30 Minuten)\n"
    "\n"
    "## Erfahrungen\n"
    "\n"
    "Die größte Wirkung hatten Gespräche auf Augenhöhe zwischen Beschäftigten. Vertrauensvoller "
    "Austausch braucht eine **Vertraulichkeitsvereinbarung** – sie hat mehrere Gastgeber erst "
    "überzeugt.\n" },

  { "buergerportal",
    "Lessons Learned: Bürgerportal OWL",
    "Was wir beim gemeinsamen Serviceportal wieder so und was wir anders machen würden.",
    "lesson_learned",
    "dmr_portal",
    "hagedorn",
    { "egovernment", "nachnutzung", "kommunen" },
    "## Ausgangslage\n"
    "\n"
    "Das Bürgerportal sollte die Online-Dienste der Stadt Paderborn bündeln und anderen Kommunen "
    "zur Nachnutzung offenstehen.\n"
    "\n"
    "## Was wir wieder so machen würden\n"
    "\n"
    "- **Klein anfangen:** Die ersten fünf Dienste waren solche mit hohen Fallzahlen, etwa "
    "Anwohnerparken und Meldebescheinigung.\n"
    "- Fachämter früh beteiligen und je Dienst eine verantwortliche Person benennen.\n"
    "- Nutzertests mit Bürgerinnen und Bürgern vor jedem Start.\n"
    "\n"
    "## Was wir anders machen würden\n"
    "\n"
    "- Die Anbindung an bestehende Fachverfahren haben wir unterschätzt; sie kostete doppelt so "
    "viel Zeit wie die Formulare selbst.\n"
    "- Für die Nachnutzung durch andere Kommunen hätte es von Anfang an einen *Betriebsvertrag* "
    "gebraucht.\n"
    "- Die Kommunikation begann zu spät: Viele Dienste waren online, aber kaum bekannt.\n"
    "\n"
    "## Zahlen\n"
    "\n"
    "| Kennzahl | Wert |\n"
    "|---|---|\n"
    "| Online-Dienste | 24 |\n"
    "| Nachnutzende Kommunen | 3 |\n"
    "| Anträge im ersten Jahr | rund 18.000 |\n" },

  { "nachnutzung",
    "Nachnutzung digitaler Modellprojekte: Leitfaden für Kommunen",
    "Worauf es ankommt, wenn eine Kommune eine Lösung aus der Modellregion übernimmt.",
    "guideline",
    NULL,
    "pohlmann",
    { "nachnutzung", "kommunen", "leitfaden" },
    "Viele Lösungen der Digitalen Modellregion OWL lassen sich in anderen Kommunen "
    "wiederverwenden. Dieser Leitfaden fasst zusammen, worauf es dabei ankommt.\n"
    "\n"
    "## 1. Passt die Lösung?\n"
    "\n"
    "- Gleiche Fachverfahren und eine ähnliche Organisation?\n"
    "- Gibt es eine Ansprechperson im ursprünglichen Projekt?\n"
    "- Ist die Lösung dokumentiert und rechtlich nachnutzbar, etwa als Open Source?\n"
    "\n"
    "## 2. Vereinbarungen\n"
    "\n"
    "Vor dem Start klären: Betrieb, Wartung, Kostenteilung und Datenschutz. Eine "
    "*Kooperationsvereinbarung* nach kommunalem Recht hat sich bewährt.\n"
    "\n"
    "## 3. Einführung\n"
    "\n"
    "1. Einen Pilotbereich wählen und Erfolgskriterien festlegen.\n"
    "2. Mitarbeitende des ursprünglichen Projekts für eine Schulung gewinnen.\n"
    "3. Erfahrungen zurückmelden – so wird die Lösung für alle besser.\n"
    "\n"
    "## Unterstützung\n"
    "\n"
    "Das **DigitalBüro OWL** unterstützt die 70 Städte und Gemeinden in OWL beim "
    "interkommunalen Austausch.\n" },

  { "storytelling",
    "Storytelling und die Schaufenster-Route 4.0",
    "Wie OWL 4.0 Bürgerinnen und Bürger für die Digitalisierung begeistert hat.",
    "best_practice",
    "arena",
    "demir",
    { "kommunikation", "wissenstransfer" },
    "## Ziel\n"
    "\n"
    "OWL 4.0 wollte nicht nur Unternehmen erreichen, sondern die Mehrheit der Bürgerinnen und "
    "Bürger von den Chancen der Digitalisierung überzeugen. Dazu brauchte es Geschichten statt "
    "Förderkennzeichen.\n"
    "\n"
    "## Die Schaufenster-Route 4.0\n"
    "\n"
    "Entlang der Route konnten Besucherinnen und Besucher digitale Lösungen **vor Ort** erleben: "
    "in einer Bäckerei mit vernetzter Backstube, in einer Tischlerei mit digitalem Aufmaß, in "
    "einem Dorfgemeinschaftshaus mit Dorf-App.\n"
    "\n"
    "## Was gut funktioniert hat\n"
    "\n"
    "- Jedes Projekt lieferte zwei Geschichten pro Jahr – mit Menschen im Mittelpunkt, nicht mit "
    "Technik.\n"
    "- Eine gemeinsame Bildsprache unter der Dachmarke OWL 4.0.\n"
    "- Kleine Aktionen für Schulen, Seniorengruppen und Vereine.\n"
    "\n"
    "## Was wir gelernt haben\n"
    "\n"
    "*Faszination* entsteht durch Anfassen und Ausprobieren. Broschüren allein haben kaum Wirkung "
    "gezeigt.\n" },

  { "gruensensorik",
    "Lessons Learned: LoRaWAN-Sensorik für Grünflächen",
    "Bodenfeuchtesensoren an Stadtbäumen: Ergebnisse und vier Lehren aus dem Praxistest.",
    "lesson_learned",
    "dmr_gruen",
    "lakaemper",
    { "smart_city", "sensorik" },
    "## Ausgangslage\n"
    "\n"
    "Trockene Sommer haben die Pflege städtischer Bäume und Grünflächen teuer gemacht. "
    "Bodenfeuchtesensoren sollten zeigen, wo wirklich gewässert werden muss.\n"
    "\n"
    "## Ergebnisse\n"
    "\n"
    "- 120 Sensoren an Straßenbäumen und in Parks\n"
    "- Ein stadtweites LoRaWAN-Netz mit 14 Gateways\n"
    "- Bis zu 30 % weniger Bewässerungsfahrten in der Saison 2021\n"
    "\n"
    "## Lessons Learned\n"
    "\n"
    "1. **Funkplanung vor Ort prüfen:** Gebäude und Baumkronen dämpfen stärker als in der "
    "Simulation.\n"
    "2. Batterien halten in der Praxis kürzer als angegeben – Wartungsrouten einplanen.\n"
    "3. Die Daten nützen nur, wenn sie in die Tourenplanung des Grünflächenamts einfließen. Die "
    "Software dafür kam zu spät.\n"
    "4. Vandalismus war seltener als befürchtet.\n" },

  { "datenschutz_ki",
    "Datenschutz früh einbinden: Erfahrungen aus der KI-Werkstatt",
    "Warum die Datenschutz-Folgenabschätzung vor der ersten Kamera stehen muss.",
    "lesson_learned",
    "sr_ki",
    "brueggemann",
    { "datenschutz", "ki" },
    "## Was passiert ist\n"
    "\n"
    "Für die Qualitätsprüfung mit Kamerabildern wollten wir Aufnahmen aus der Produktion zweier "
    "Partnerunternehmen nutzen. Auf den Bildern waren auch Beschäftigte zu sehen. Die "
    "Datenschutz-Folgenabschätzung begann erst nach dem Start – und hat das Vorhaben um Monate "
    "verzögert.\n"
    "\n"
    "## Was wir empfehlen\n"
    "\n"
    "- Die Datenschutzbeauftragten **vor** der ersten Datenerhebung einbeziehen.\n"
    "- Betriebsrat und Beschäftigte informieren, bevor eine Kamera hängt.\n"
    "- Von Anfang an ein Löschkonzept festlegen: Welche Bilder werden wie lange gespeichert?\n"
    "- Personen wo möglich schon bei der Aufnahme unkenntlich machen.\n"
    "\n"
    "## Checkliste vor dem Start\n"
    "\n"
    "- [x] Zweck und Rechtsgrundlage beschrieben\n"
    "- [x] Datenschutzbeauftragte informiert\n"
    "- [ ] Löschkonzept abgestimmt\n"
    "- [ ] Betriebsvereinbarung geprüft\n" },

  { "ideenlabor",
    "Notiz: Ideenlabor Siegen-Wittgenstein und Olpe am 29.11.2016",
    "Wie die Idee der Digitalisierungs-Missionare entstanden ist.",
    "note",
    "dimi_pilot",
    "achenbach",
    { "missionare", "workshop" },
    "Notizen aus dem Ideenlabor im Scoutopia in Siegen.\n"
    "\n"
    "## Beobachtungen\n"
    "\n"
    "- Die Digitalisierung ist für viele Betriebe weniger eine technische als eine **kulturelle** "
    "Herausforderung.\n"
    "- Unternehmen fragen: Wie gehen wir die Digitalisierung *chancenorientiert* an?\n"
    "- Gute Beispiele gibt es in der Region – sie sind aber kaum bekannt.\n"
    "\n"
    "## Idee\n"
    "\n"
    "Unternehmen, die schon Erfahrungen gesammelt haben, werden zu „Digitalisierungs-Missionaren“: "
    "Sie gehen mit anderen auf Lernreise, teilen Wissen und begeistern ihr Umfeld. Missionare "
    "können Geschäftsführerinnen und Geschäftsführer ebenso sein wie Betriebsräte.\n"
    "\n"
    "## Nächste Schritte\n"
    "\n"
    "1. Die Regionalagentur konkretisiert die Idee mit den Beteiligten des Workshops.\n"
    "2. Die Ziele der Missionare festlegen.\n"
    "3. Aus den Zielen einen Fragenkatalog für Betriebe ableiten.\n" },

  { "verwendungsnachweis",
    "Checkliste Verwendungsnachweis",
    "Was drei Monate vor Projektende und bis zum Einreichen zu tun ist.",
    "guideline",
    NULL,
    "rehkemper",
    { "foerderung", "leitfaden" },
    "Der Verwendungsnachweis schließt jedes geförderte Projekt ab. Diese Checkliste hat sich in "
    "mehreren Programmen bewährt.\n"
    "\n"
    "## Drei Monate vor Projektende\n"
    "\n"
    "- [ ] Abschlussbericht gliedern und Beiträge der Partner anfragen\n"
    "- [ ] Offene Mittelabrufe prüfen\n"
    "- [ ] Inventarliste der geförderten Geräte abgleichen\n"
    "\n"
    "## Bis zum Einreichen\n"
    "\n"
    "- [ ] Sachbericht mit der Zielerreichung je Meilenstein\n"
    "- [ ] Zahlenmäßiger Nachweis mit Belegliste\n"
    "- [ ] Nachweis der Öffentlichkeitsarbeit (Publizitätspflichten)\n"
    "- [ ] Unterschriften aller Verbundpartner\n"
    "\n"
    "## Häufige Fehler\n"
    "\n"
    "- Abweichungen vom Finanzplan über 20 % ohne vorherige Zustimmung\n"
    "- Fehlende Dokumentation der Vergaben\n" },

  { "ideenreich",
    "Ideenreich durch die Krise: digitale Geschäftsmodelle aus der Emscher-Lippe-Region",
    "Beispiele aus dem Blog der SMART REGION und was andere daraus lernen können.",
    "best_practice",
    "sr_marke",
    "kowalczyk",
    { "kmu", "kommunikation" },
    "## Hintergrund\n"
    "\n"
    "In der Corona-Krise haben zahlreiche Unternehmen der Emscher-Lippe-Region alternative "
    "Geschäftsmodelle und digitale Vertriebswege entwickelt. Der Blog **„Ideenreich durch die "
    "Krise“** hat diese Beispiele gesammelt und sichtbar gemacht.\n"
    "\n"
    "## Beispiele\n"
    "\n"
    "- Ein Metallbaubetrieb berät per Videotelefonie und misst mit dem Smartphone auf.\n"
    "- Ein Einzelhändler hat in drei Wochen einen Onlineshop mit Lieferung am selben Tag "
    "aufgebaut.\n"
    "- Eine Musikschule unterrichtet hybrid und erreicht heute Schülerinnen und Schüler in der "
    "ganzen Region.\n"
    "\n"
    "## Was andere daraus lernen können\n"
    "\n"
    "1. Schnell starten und mit einfachen Werkzeugen anfangen.\n"
    "2. Kundinnen und Kunden aktiv nach ihren Wünschen fragen.\n"
    "3. Erfolge teilen – die Beiträge im Blog haben weitere Betriebe ermutigt.\n"
    "\n"
    "## Wie es weitergeht\n"
    "\n"
    "Die Beispiele fließen in das Botschafterprogramm der SMART REGION Emscher-Lippe ein. Betriebe "
    "können sich um das Siegel „Part of SMART REGION Emscher-Lippe“ bewerben.\n" },
};

/* --- loading ------------------------------------------------------------- */

typedef struct
{
  LotseStore *store;
  /* Ids of demo rows that a person deleted: they stay deleted, and so do
   * demo rows that refer to them. */
  GHashTable *skipped;
  guint       n_inserted;
} DemoLoader;

/* A UUID v4 from the SHA-256 of "demo:TABLE:KEY": stable across loads and
 * machines, and distinct from every random id. */
static char *
demo_id (const char *table,
         const char *key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8   digest[32];
  gsize    length = sizeof digest;
  GString *id = g_string_sized_new (36);

  g_checksum_update (checksum, (const guchar *)"demo:", -1);
  g_checksum_update (checksum, (const guchar *)table, -1);
  g_checksum_update (checksum, (const guchar *)":", -1);
  g_checksum_update (checksum, (const guchar *)key, -1);
  g_checksum_get_digest (checksum, digest, &length);

  digest[6] = (digest[6] & 0x0f) | 0x40;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        g_string_append_c (id, '-');
      g_string_append_printf (id, "%02x", digest[i]);
    }

  return g_string_free (id, FALSE);
}

static LotseRecord *
demo_row_new (const char *table,
              const char *key)
{
  LotseRecord     *record = lotse_record_new_for_table (table);
  g_autofree char *id = demo_id (table, key);

  lotse_record_set_id (record, id);

  return record;
}

static void
demo_set_ref (LotseRecord *record,
              const char  *field,
              const char  *table,
              const char  *key)
{
  g_autofree char *id = NULL;

  if (key == NULL)
    return;

  id = demo_id (table, key);
  lotse_record_set (record, field, id);
}

static void
demo_set_int (LotseRecord *record,
              const char  *field,
              gint64       value)
{
  if (value > 0)
    lotse_record_set_int (record, field, value);
}

static gboolean
refers_to_skipped (DemoLoader  *loader,
                   LotseRecord *record)
{
  const LotseTable *table = lotse_record_get_table (record);

  if (g_hash_table_size (loader->skipped) == 0)
    return FALSE;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *value = lotse_record_get_nth (record, i);

      if (table->fields[i].type == LOTSE_FIELD_REF && value != NULL &&
          g_hash_table_contains (loader->skipped, value))
        return TRUE;
    }

  return FALSE;
}

/* Inserts @record unless a row with its id is there already. */
static gboolean
demo_write (DemoLoader   *loader,
            LotseRecord  *record,
            GError      **error)
{
  const char *table = lotse_record_get_table_name (record);
  const char *id = lotse_record_get_id (record);
  g_autoptr(LotseRecord) existing = NULL;
  g_autoptr(GError) local_error = NULL;

  existing = lotse_store_get (loader->store, table, id, &local_error);
  if (existing != NULL)
    return TRUE;

  if (!g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  if (refers_to_skipped (loader, record))
    {
      g_hash_table_add (loader->skipped, g_strdup (id));
      return TRUE;
    }

  /* Only a valid row can fail to insert for having a taken id: then it is
   * a demo row that was deleted (a tombstone), which we leave alone. */
  if (!lotse_store_validate (loader->store, record, error))
    {
      g_prefix_error (error, "Demo %s %s: ", table, id);
      return FALSE;
    }

  if (!lotse_store_insert (loader->store, record, &local_error))
    {
      if (g_error_matches (local_error, LOTSE_ERROR, LOTSE_ERROR_INVALID_VALUE))
        {
          g_hash_table_add (loader->skipped, g_strdup (id));
          return TRUE;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  loader->n_inserted++;

  return TRUE;
}

static gboolean
load_programmes (DemoLoader  *loader,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (programmes); i++)
    {
      const DemoProgramme *p = &programmes[i];
      g_autoptr(LotseRecord) record = demo_row_new ("programme", p->key);

      lotse_record_set (record, "name", p->name);
      lotse_record_set (record, "description", p->description);
      lotse_record_set (record, "region", p->region);
      lotse_record_set (record, "start_date", p->start_date);
      lotse_record_set (record, "end_date", p->end_date);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_organisations (DemoLoader  *loader,
                    GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (organisations); i++)
    {
      const DemoOrganisation *o = &organisations[i];
      g_autoptr(LotseRecord) record = demo_row_new ("organisation", o->key);

      lotse_record_set (record, "name", o->name);
      lotse_record_set (record, "kind", o->kind);
      lotse_record_set (record, "city", o->city);
      lotse_record_set (record, "website", o->website);
      lotse_record_set (record, "notes", o->notes);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_people (DemoLoader  *loader,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const DemoPerson *p = &people[i];
      g_autoptr(LotseRecord) record = demo_row_new ("person", p->key);

      lotse_record_set (record, "name", p->name);
      demo_set_ref (record, "organisation_id", "organisation", p->organisation);
      lotse_record_set (record, "role", p->role);
      lotse_record_set (record, "email", p->email);
      lotse_record_set (record, "phone", p->phone);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  return TRUE;
}

static const char *
health_from_letter (char letter)
{
  switch (letter)
    {
    case 'g':
      return "green";
    case 'y':
      return "yellow";
    case 'r':
      return "red";
    default:
      g_assert_not_reached ();
    }
}

static const char *
standard_report_text (const DemoProject *project,
                      guint              index)
{
  guint salt = (guint)strlen (project->key) + index;

  switch (project->health_history[index])
    {
    case 'g':
      return report_texts_green[salt % G_N_ELEMENTS (report_texts_green)];
    case 'y':
      return report_texts_yellow[salt % G_N_ELEMENTS (report_texts_yellow)];
    case 'r':
      return report_texts_red[salt % G_N_ELEMENTS (report_texts_red)];
    default:
      g_assert_not_reached ();
    }
}

static GDate *
parse_demo_date (const char *text)
{
  int year, month, day;

  if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    g_assert_not_reached ();

  return g_date_new_dmy (day, month, year);
}

/* The status reports of one project: quarterly, ending with the project
 * (or at DEMO_LAST_REPORT_DATE for one still running), never before its
 * start. Written newest first: the project's health follows its newest
 * report (lotse-health.c), which is the health it was loaded with, so the
 * older reports change nothing and loading writes no extra edits. */
static gboolean
load_status_reports (DemoLoader         *loader,
                     const DemoProject  *project,
                     GError            **error)
{
  guint n_reports = (guint)strlen (project->health_history);
  g_autoptr(GDate) start = NULL;
  g_autoptr(GDate) last = NULL;
  guint spacing;

  if (n_reports == 0)
    return TRUE;

  start = parse_demo_date (project->start_date);
  last = parse_demo_date (strcmp (project->end_date, DEMO_LAST_REPORT_DATE) < 0
                            ? project->end_date
                            : DEMO_LAST_REPORT_DATE);
  spacing = MIN (DEMO_REPORT_SPACING_DAYS, (guint)g_date_days_between (start, last) / n_reports);

  for (guint i = n_reports; i-- > 0;)
    {
      g_autofree char *key = g_strdup_printf ("%s/%u", project->key, i + 1);
      g_autoptr(LotseRecord) record = demo_row_new ("status_report", key);
      g_autoptr(GDate) date = g_date_copy (last);
      gboolean    latest = i + 1 == n_reports;
      const char *text;
      char        date_text[16];

      g_date_subtract_days (date, spacing * (n_reports - 1 - i));
      g_date_strftime (date_text, sizeof date_text, "%Y-%m-%d", date);

      if (latest && project->latest_report != NULL)
        text = project->latest_report;
      else if (latest && strcmp (project->status, "completed") == 0)
        text = REPORT_TEXT_COMPLETED;
      else
        text = standard_report_text (project, i);

      demo_set_ref (record, "project_id", "project", project->key);
      lotse_record_set (record, "date", date_text);
      lotse_record_set (record, "health", health_from_letter (project->health_history[i]));
      lotse_record_set (record, "summary", text);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_projects (DemoLoader  *loader,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      const DemoProject *p = &projects[i];
      g_autoptr(LotseRecord) record = demo_row_new ("project", p->key);

      demo_set_ref (record, "programme_id", "programme", p->programme);
      lotse_record_set (record, "title", p->title);
      lotse_record_set (record, "acronym", p->acronym);
      lotse_record_set (record, "summary", p->summary);
      lotse_record_set (record, "topic", p->topic);
      demo_set_ref (record, "lead_organisation_id", "organisation", p->lead_organisation);
      demo_set_ref (record, "leader_person_id", "person", p->leader);
      lotse_record_set (record, "status", p->status);
      lotse_record_set (record, "health", p->health);
      lotse_record_set (record, "start_date", p->start_date);
      lotse_record_set (record, "end_date", p->end_date);
      demo_set_int (record, "budget_cents", p->budget_euros * 100);
      lotse_record_set (record, "funding", p->funding);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (partners); i++)
    {
      const DemoPartner *p = &partners[i];
      g_autofree char   *key = g_strconcat (p->project, "/", p->organisation, NULL);
      g_autoptr(LotseRecord) record = demo_row_new ("project_partner", key);

      demo_set_ref (record, "project_id", "project", p->project);
      demo_set_ref (record, "organisation_id", "organisation", p->organisation);
      lotse_record_set (record, "role", p->role);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      if (!load_status_reports (loader, &projects[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_milestones (DemoLoader  *loader,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (milestones); i++)
    {
      const DemoMilestone *m = &milestones[i];
      g_autoptr(LotseRecord) record = demo_row_new ("milestone", m->key);

      demo_set_ref (record, "project_id", "project", m->project);
      lotse_record_set (record, "title", m->title);
      lotse_record_set (record, "description", m->description);
      lotse_record_set (record, "due_date", m->due_date);
      lotse_record_set (record, "done_date", m->done_date);
      lotse_record_set (record, "status", m->status);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  return TRUE;
}

static const DemoSeries *
lookup_series (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      if (strcmp (series[i].key, key) == 0)
        return &series[i];
    }

  g_assert_not_reached ();
}

static const char *
attendance_from_letter (char letter)
{
  switch (letter)
    {
    case 'p':
      return "present";
    case 'e':
      return "excused";
    case 'a':
      return "absent";
    case 'i':
      return "invited";
    default:
      g_assert_not_reached ();
    }
}

static gboolean
load_participants (DemoLoader         *loader,
                   const DemoMeeting  *meeting,
                   GError            **error)
{
  const DemoSeries *s = lookup_series (meeting->series);

  for (guint i = 0; meeting->attendance[i] != '\0'; i++)
    {
      g_autofree char *key = NULL;
      g_autoptr(LotseRecord) record = NULL;

      g_assert (i < MAX_ROSTER && s->roster[i] != NULL);

      if (meeting->attendance[i] == '-')
        continue;

      key = g_strconcat (meeting->key, "/", s->roster[i], NULL);
      record = demo_row_new ("meeting_participant", key);
      demo_set_ref (record, "meeting_id", "meeting", meeting->key);
      demo_set_ref (record, "person_id", "person", s->roster[i]);
      lotse_record_set (record, "attendance", attendance_from_letter (meeting->attendance[i]));

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_meetings (DemoLoader  *loader,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      const DemoSeries *s = &series[i];
      g_autoptr(LotseRecord) record = demo_row_new ("meeting_series", s->key);

      lotse_record_set (record, "title", s->title);
      lotse_record_set (record, "kind", s->kind);
      lotse_record_set (record, "recurrence", s->recurrence);
      lotse_record_set (record, "default_location", s->location);
      demo_set_int (record, "default_duration_min", s->duration_min);
      lotse_record_set (record, "standing_items", s->standing_items);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (meetings); i++)
    {
      const DemoMeeting *m = &meetings[i];
      g_autoptr(LotseRecord) record = demo_row_new ("meeting", m->key);

      demo_set_ref (record, "series_id", "meeting_series", m->series);
      lotse_record_set (record, "title", m->title);
      lotse_record_set (record, "kind", lookup_series (m->series)->kind);
      lotse_record_set (record, "starts_at", m->starts_at);
      demo_set_int (record, "duration_min", m->duration_min);
      lotse_record_set (record, "location", m->location);
      lotse_record_set (record, "status", m->status);
      lotse_record_set (record, "notes", m->notes);

      if (!demo_write (loader, record, error) || !load_participants (loader, m, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_minutes (DemoLoader  *loader,
              GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (agenda_items); i++)
    {
      const DemoAgendaItem *a = &agenda_items[i];
      g_autoptr(LotseRecord) record = demo_row_new ("agenda_item", a->key);

      demo_set_ref (record, "meeting_id", "meeting", a->meeting);
      lotse_record_set_int (record, "position", a->position);
      lotse_record_set (record, "title", a->title);
      lotse_record_set (record, "kind", a->kind);
      demo_set_ref (record, "presenter_person_id", "person", a->presenter);
      demo_set_int (record, "duration_min", a->duration_min);
      demo_set_ref (record, "project_id", "project", a->project);
      demo_set_ref (record, "milestone_id", "milestone", a->milestone);
      lotse_record_set (record, "notes", a->notes);
      lotse_record_set (record, "status", a->status);
      demo_set_ref (record, "carried_from_id", "agenda_item", a->carried_from);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    {
      const DemoDecision *d = &decisions[i];
      g_autoptr(LotseRecord) record = demo_row_new ("decision", d->key);

      demo_set_ref (record, "meeting_id", "meeting", d->meeting);
      demo_set_ref (record, "agenda_item_id", "agenda_item", d->agenda_item);
      demo_set_ref (record, "project_id", "project", d->project);
      lotse_record_set (record, "text", d->text);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (action_items); i++)
    {
      const DemoActionItem *a = &action_items[i];
      g_autoptr(LotseRecord) record = demo_row_new ("action_item", a->key);

      demo_set_ref (record, "meeting_id", "meeting", a->meeting);
      demo_set_ref (record, "agenda_item_id", "agenda_item", a->agenda_item);
      demo_set_ref (record, "project_id", "project", a->project);
      lotse_record_set (record, "title", a->title);
      demo_set_ref (record, "owner_person_id", "person", a->owner);
      lotse_record_set (record, "due_date", a->due_date);
      lotse_record_set (record, "status", a->status);
      lotse_record_set (record, "done_at", a->done_at);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_knowledge_base (DemoLoader  *loader,
                     GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autoptr(LotseRecord) record = demo_row_new ("tag", tags[i].key);

      lotse_record_set (record, "name", tags[i].name);

      if (!demo_write (loader, record, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      const DemoArticle *a = &articles[i];
      g_autoptr(LotseRecord) record = demo_row_new ("article", a->key);

      lotse_record_set (record, "title", a->title);
      lotse_record_set (record, "summary", a->summary);
      lotse_record_set (record, "body", a->body);
      lotse_record_set (record, "category", a->category);
      demo_set_ref (record, "project_id", "project", a->project);
      demo_set_ref (record, "author_person_id", "person", a->author);

      if (!demo_write (loader, record, error))
        return FALSE;

      for (guint t = 0; t < MAX_ARTICLE_TAGS && a->tags[t] != NULL; t++)
        {
          g_autofree char *key = g_strconcat (a->key, "/", a->tags[t], NULL);
          g_autoptr(LotseRecord) link = demo_row_new ("article_tag", key);

          demo_set_ref (link, "article_id", "article", a->key);
          demo_set_ref (link, "tag_id", "tag", a->tags[t]);

          if (!demo_write (loader, link, error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * lotse_demo_load:
 * @store: the store
 * @n_inserted: (out) (optional): the number of rows inserted
 * @error: a location for a #GError
 *
 * Loads the demo programme office through the ordinary validated write
 * path (so the rows also go to the outbox), in one transaction. Rows that
 * are present already – also as deleted rows – are left alone, so loading
 * again inserts nothing. On failure nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
lotse_demo_load (LotseStore  *store,
                 guint       *n_inserted,
                 GError     **error)
{
  DemoLoader loader = { 0 };
  gboolean   ok;

  g_return_val_if_fail (LOTSE_IS_STORE (store), FALSE);

  if (n_inserted != NULL)
    *n_inserted = 0;

  if (!lotse_store_begin (store, error))
    return FALSE;

  loader.store = store;
  loader.skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = load_programmes (&loader, error) && load_organisations (&loader, error) &&
       load_people (&loader, error) && load_projects (&loader, error) &&
       load_milestones (&loader, error) && load_meetings (&loader, error) &&
       load_minutes (&loader, error) && load_knowledge_base (&loader, error) &&
       lotse_store_commit (store, error);

  if (!ok)
    lotse_store_rollback (store);
  else if (n_inserted != NULL)
    *n_inserted = loader.n_inserted;

  g_hash_table_unref (loader.skipped);

  return ok;
}
