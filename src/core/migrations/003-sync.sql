-- Lotse schema version 3: what the sync client keeps.
--
-- sync_state gets the device this database is registered as on a server
-- and the account name; the token itself lives in the keyring or a 0600
-- file beside the database, never here.
--
-- conflicts: mine/theirs/base are JSON objects {"deleted", "fields"} (mine
-- also lists the fields the change set in "changed"); op_id is the change
-- the server answered with the conflict; error holds the code and message
-- of a change the server rejected; resolution is "mine" or "theirs" once
-- resolved_at is set.

ALTER TABLE sync_state ADD COLUMN device_id TEXT;
ALTER TABLE sync_state ADD COLUMN user_name TEXT;

ALTER TABLE conflicts ADD COLUMN op_id TEXT;
ALTER TABLE conflicts ADD COLUMN resolution TEXT;
ALTER TABLE conflicts ADD COLUMN error TEXT;

CREATE INDEX conflicts_open ON conflicts (resolved_at, created_at);
