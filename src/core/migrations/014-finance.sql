-- Lotse schema: funding and budget control (issue #15).
--
-- A project's grant (funder, scheme, grant reference, funding period,
-- eligible total, funding rate, grant, own contribution) sits beside
-- budget_cents, which stays the approved total. Partners get their
-- shares. Money is whole cents of euros, as budget_cents.
--
-- Cost categories are data: cost_category holds the seven that funders
-- use, with fixed ids that every device has (00000000-0000-0000-0000-
-- 0000000011xx), so that two laptops do not create two “personnel”. A
-- seeded row has no name: it is shown by its code's translated label. A
-- budget line or expenditure names its category by code, not by id: the
-- server does not know the seeded rows until someone edits one, and its
-- reference check would refuse every expenditure otherwise. The store
-- refuses a code no live category has.

ALTER TABLE project ADD COLUMN funder TEXT;
ALTER TABLE project ADD COLUMN funding_scheme TEXT;
ALTER TABLE project ADD COLUMN grant_reference TEXT;
ALTER TABLE project ADD COLUMN funding_start TEXT;
ALTER TABLE project ADD COLUMN funding_end TEXT;
ALTER TABLE project ADD COLUMN eligible_cents INTEGER;
ALTER TABLE project ADD COLUMN funding_rate INTEGER;
ALTER TABLE project ADD COLUMN grant_cents INTEGER;
ALTER TABLE project ADD COLUMN own_contribution_cents INTEGER;

ALTER TABLE project_partner ADD COLUMN eligible_share_cents INTEGER;
ALTER TABLE project_partner ADD COLUMN grant_share_cents INTEGER;

CREATE TABLE cost_category (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL,
  name TEXT,
  position INTEGER
);
CREATE INDEX cost_category_code ON cost_category (deleted, code);

INSERT INTO cost_category (id, created_at, updated_at, code, position) VALUES
  ('00000000-0000-0000-0000-000000001101', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'personnel', 1),
  ('00000000-0000-0000-0000-000000001102', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'material', 2),
  ('00000000-0000-0000-0000-000000001103', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'travel', 3),
  ('00000000-0000-0000-0000-000000001104', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'investment', 4),
  ('00000000-0000-0000-0000-000000001105', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'subcontracts', 5),
  ('00000000-0000-0000-0000-000000001106', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'overhead', 6),
  ('00000000-0000-0000-0000-000000001107', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'other', 7);

CREATE TABLE budget_line (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  project_id TEXT NOT NULL,
  partner_id TEXT,
  category TEXT NOT NULL,
  year INTEGER NOT NULL,
  planned_cents INTEGER NOT NULL
);
CREATE INDEX budget_line_project ON budget_line (project_id, deleted, category, year);

CREATE TABLE expenditure (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  project_id TEXT NOT NULL,
  partner_id TEXT,
  date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  category TEXT NOT NULL,
  description TEXT,
  voucher TEXT
);
-- The finance page and the statement sum a project's expenditures per
-- category and date: covered by this index without reading the rows.
CREATE INDEX expenditure_project ON expenditure (project_id, deleted, category, date, amount_cents);

CREATE TABLE fund_call (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  project_id TEXT NOT NULL,
  requested_date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  period_start TEXT,
  period_end TEXT,
  status TEXT NOT NULL,
  received_date TEXT
);
CREATE INDEX fund_call_project ON fund_call (project_id, deleted, requested_date);

CREATE TABLE funder_report (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT,
  due_date TEXT NOT NULL,
  status TEXT NOT NULL,
  submitted_date TEXT
);
CREATE INDEX funder_report_project ON funder_report (project_id, due_date);
CREATE INDEX funder_report_open_due ON funder_report (due_date, project_id)
  WHERE deleted = 0 AND status = 'open';
