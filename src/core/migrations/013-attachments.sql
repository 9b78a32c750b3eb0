-- Lotse schema: files attached to records (issue 20).
--
-- attachment: one file on a project, milestone, meeting, agenda item,
-- decision, action item or article (owner_table + owner_id; the store
-- checks that the owner exists, as for every reference). The content is
-- not here: it is the blob <database>.blobs/ab/cdef… named by sha256
-- (lotse-blob-store.c), which several rows may share.
--
-- blob_upload: local only; the blobs this device knows the server has
-- (uploaded, or found there), so that a sync asks the server only about
-- the others. Losing a row costs one HEAD request, nothing more.
--
-- The statements are idempotent, as a lost version update runs them again.

CREATE TABLE IF NOT EXISTS attachment (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  owner_table TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_type TEXT,
  sha256 TEXT NOT NULL,
  added_by TEXT
);
CREATE INDEX IF NOT EXISTS attachment_owner ON attachment (owner_id, deleted, created_at);
CREATE INDEX IF NOT EXISTS attachment_sha256 ON attachment (sha256);

CREATE TABLE IF NOT EXISTS blob_upload (
  sha256 TEXT PRIMARY KEY NOT NULL,
  server_id TEXT NOT NULL
);
