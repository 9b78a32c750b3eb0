-- Lotse schema: the sync account lives in the database.
--
-- sync_account: the server and the user this database syncs with, and,
-- for a server whose certificate the system does not trust (an office's
-- self-signed one), the SHA-256 fingerprint the person accepted the first
-- time ("AB:CD:…"); NULL when the system trusts the certificate. One row
-- at most. The app and lotse-cli read this one row, so a database set up
-- in one syncs from the other. The device token stays in the keyring or
-- in the 0600 file beside the database, never here.
--
-- A database that synced before takes the server and user it synced with
-- last: lotse-cli used those when no --server was given. The app moves an
-- account it kept in GSettings here itself (lotse-sync-app.c).
--
-- The statements are idempotent, so running the migration again (after a
-- lost version update) changes nothing.

CREATE TABLE IF NOT EXISTS sync_account (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT NOT NULL,
  user_name TEXT NOT NULL,
  fingerprint TEXT
);

INSERT OR IGNORE INTO sync_account (id, server_url, user_name)
  SELECT 1, server_url, user_name FROM sync_state
  WHERE server_url IS NOT NULL AND user_name IS NOT NULL
  ORDER BY last_success DESC LIMIT 1;
