-- Lotse schema version 6: sync after the server was restored from a backup,
-- and databases that sync never saw completely.
--
-- sync_lineage, per server: what this database knows of the server's
-- history (lotse-sync-restore.c).
--   marks: points of that history this database holds rows from,
--     "<seq>:<digest>" separated by spaces, newest first and thinned out
--     towards older ones. The newest goes with every push and pull: if the
--     server's history differs there, it answers 410 and the rows are
--     restated.
--   fork: while rows are restated, the newest seq both histories share, as
--     the server found it from the marks; NULL otherwise.
--   rows_checked: 1 once the database was found to hold no row that sync
--     would never send (rows written without an outbox entry).
--
-- outbox_restated: the outbox entries that restate a whole row after a
-- restore, with the fork it is merged against; they go with their entry.
--
-- sync_reconcile: while restating, the rows that hold a state from the
-- server which the server may have lost; a full pull takes out those it
-- still has, the others become restated entries.
--
-- New tables rather than new columns: the statements are idempotent, so a
-- migration that is run again (after a lost version update) changes
-- nothing.

CREATE TABLE IF NOT EXISTS sync_lineage (
  server_id TEXT PRIMARY KEY NOT NULL,
  marks TEXT,
  fork INTEGER,
  rows_checked INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS outbox_restated (
  op_id TEXT PRIMARY KEY NOT NULL,
  fork INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS outbox_restated_gone AFTER DELETE ON outbox
BEGIN
  DELETE FROM outbox_restated WHERE op_id = old.op_id;
END;

CREATE TABLE IF NOT EXISTS sync_reconcile (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  PRIMARY KEY (table_name, row_id)
) WITHOUT ROWID;
