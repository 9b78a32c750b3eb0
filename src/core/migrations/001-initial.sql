-- Lotse schema version 1: every table of the data model.
--
-- Synced tables share id/rev/created_at/updated_at/deleted. References are
-- UUIDs checked by the store on local writes rather than FOREIGN KEY
-- clauses: pulls arrive in server commit order, in which a child can come
-- before the latest revision of its parent.
--
-- List indexes lead with `deleted`, so counting and paging the live rows of
-- a table reads the index, not the rows (article bodies are large).

PRAGMA application_id = 1280267347; -- 'LOTS'

CREATE TABLE programme (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  description TEXT,
  region TEXT,
  start_date TEXT,
  end_date TEXT
);

CREATE TABLE organisation (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  kind TEXT,
  city TEXT,
  website TEXT,
  notes TEXT
);
CREATE INDEX organisation_name ON organisation (deleted, name);

CREATE TABLE person (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  organisation_id TEXT,
  role TEXT,
  email TEXT,
  phone TEXT
);
CREATE INDEX person_name ON person (deleted, name);
CREATE INDEX person_organisation ON person (organisation_id);

CREATE TABLE project (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  programme_id TEXT,
  title TEXT NOT NULL,
  acronym TEXT,
  summary TEXT,
  topic TEXT,
  lead_organisation_id TEXT,
  leader_person_id TEXT,
  status TEXT NOT NULL,
  health TEXT,
  start_date TEXT,
  end_date TEXT,
  budget_cents INTEGER,
  funding TEXT,
  website TEXT
);
CREATE INDEX project_title ON project (deleted, title);
CREATE INDEX project_programme ON project (programme_id);

CREATE TABLE project_partner (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  project_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  role TEXT
);
CREATE INDEX project_partner_project ON project_partner (project_id);
CREATE INDEX project_partner_organisation ON project_partner (organisation_id);

CREATE TABLE status_report (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  project_id TEXT NOT NULL,
  date TEXT NOT NULL,
  health TEXT NOT NULL,
  summary TEXT
);
CREATE INDEX status_report_project ON status_report (project_id, date);

CREATE TABLE milestone (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  project_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  due_date TEXT,
  done_date TEXT,
  status TEXT NOT NULL
);
CREATE INDEX milestone_project ON milestone (project_id, due_date);
CREATE INDEX milestone_due ON milestone (deleted, due_date);

CREATE TABLE meeting_series (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  recurrence TEXT,
  default_location TEXT,
  default_duration_min INTEGER,
  standing_items TEXT
);

CREATE TABLE meeting (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  series_id TEXT,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  starts_at TEXT,
  duration_min INTEGER,
  location TEXT,
  status TEXT NOT NULL,
  notes TEXT
);
CREATE INDEX meeting_series_start ON meeting (series_id, starts_at);
CREATE INDEX meeting_start ON meeting (deleted, starts_at);

CREATE TABLE meeting_participant (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  attendance TEXT NOT NULL
);
CREATE INDEX meeting_participant_meeting ON meeting_participant (meeting_id);
CREATE INDEX meeting_participant_person ON meeting_participant (person_id);

CREATE TABLE agenda_item (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  position INTEGER,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  presenter_person_id TEXT,
  duration_min INTEGER,
  project_id TEXT,
  milestone_id TEXT,
  notes TEXT,
  status TEXT NOT NULL,
  carried_from_id TEXT
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);
CREATE INDEX agenda_item_carried ON agenda_item (carried_from_id);

CREATE TABLE decision (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  agenda_item_id TEXT,
  project_id TEXT,
  text TEXT NOT NULL
);
CREATE INDEX decision_meeting ON decision (meeting_id);

CREATE TABLE action_item (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT,
  agenda_item_id TEXT,
  project_id TEXT,
  title TEXT NOT NULL,
  owner_person_id TEXT,
  due_date TEXT,
  status TEXT NOT NULL,
  done_at TEXT
);
CREATE INDEX action_item_meeting ON action_item (meeting_id);
CREATE INDEX action_item_status ON action_item (status, due_date);

CREATE TABLE article (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  summary TEXT,
  body TEXT,
  category TEXT NOT NULL,
  project_id TEXT,
  author_person_id TEXT
);
CREATE INDEX article_title ON article (deleted, title);

CREATE TABLE tag (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL
);
CREATE INDEX tag_name ON tag (deleted, name);

CREATE TABLE article_tag (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  article_id TEXT NOT NULL,
  tag_id TEXT NOT NULL
);
CREATE INDEX article_tag_article ON article_tag (article_id);
CREATE INDEX article_tag_tag ON article_tag (tag_id);

-- Local only: what sync has not yet sent. One row per write.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  base_rev INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  fields TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_row ON outbox (table_name, row_id);

CREATE TABLE sync_state (
  server_id TEXT PRIMARY KEY NOT NULL,
  server_url TEXT,
  cursor INTEGER NOT NULL DEFAULT 0,
  last_success TEXT
);

CREATE TABLE conflicts (
  id TEXT PRIMARY KEY NOT NULL,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  fields TEXT NOT NULL,
  mine TEXT NOT NULL,
  theirs TEXT NOT NULL,
  base TEXT,
  theirs_rev INTEGER,
  created_at TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX conflicts_row ON conflicts (table_name, row_id);
