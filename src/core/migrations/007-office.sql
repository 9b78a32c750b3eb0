-- Lotse schema: the office itself.
--
-- One row, id 00000000-0000-0000-0000-000000000001 on every device
-- (LOTSE_OFFICE_ID), synced like any other table, so that two laptops
-- that set the office's zone write the same row and the server merges it
-- field by field. time_zone is the zone of the tz database in which every
-- time of the office is shown, edited and exported; without a row, or
-- with time_zone NULL, the office is in Europe/Berlin. The store refuses
-- any other id.

CREATE TABLE IF NOT EXISTS office (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  email TEXT,
  time_zone TEXT
);
