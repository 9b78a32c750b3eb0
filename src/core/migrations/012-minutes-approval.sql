-- Lotse schema: jour fixe governance.
--
-- Approved minutes are read-only; what that locks is lotse-minutes.c's,
-- the one rule the store and lotse-server share. The approval of a
-- meeting's minutes is the row of minutes_approval whose id is the
-- meeting's own, so two laptops approving write one row and the server
-- finds it by the meeting's id; reopening clears approved_at. A
-- correction after approval is a row of minutes_amendment (kind
-- 'reopening': the reason the approval was taken back). Guests attend
-- without a person record; meeting_dispatch records what was sent to
-- whom. All of it syncs.
--
-- New tables rather than new columns: the statements are idempotent, so
-- running the migration again (after a lost version update) changes
-- nothing.

CREATE TABLE IF NOT EXISTS minutes_approval (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  approved_at TEXT,
  approved_by TEXT
);

CREATE TABLE IF NOT EXISTS meeting_guest (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  name TEXT NOT NULL,
  organisation TEXT,
  attendance TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS meeting_guest_meeting ON meeting_guest (meeting_id);

CREATE TABLE IF NOT EXISTS minutes_amendment (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  agenda_item_id TEXT,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  author TEXT,
  written_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS minutes_amendment_meeting ON minutes_amendment (meeting_id);

CREATE TABLE IF NOT EXISTS meeting_dispatch (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  recipient_count INTEGER,
  recipients TEXT,
  via TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS meeting_dispatch_meeting ON meeting_dispatch (meeting_id);
