-- Lotse schema version 5: search indexing can wait for the end of a bulk write.
--
-- FTS5 writes its pending terms to disk at the end of every statement that
-- changed an index, so per-row triggers cost a segment write per row; a
-- pull of thousands of rows spent half its time there. While the row
-- (kind 0, source_rowid 0) is in search_pending (lotse_search_defer_begin),
-- an inserted row is only noted here as (kind, rowid), kind 1–6 as in
-- search_index and 7 for article; lotse_search_defer_end indexes all noted
-- rows with one statement per kind and empties the table, in the same
-- transaction. An update or delete of a noted row leaves the index alone
-- (the row is indexed as it is at the end); other rows are indexed at once
-- as before. Outside such a window the table is empty.
--
-- The statements are idempotent so that a migration that is run again
-- (after a lost version update) changes nothing.

CREATE TABLE IF NOT EXISTS search_pending (
  kind INTEGER NOT NULL,
  source_rowid INTEGER NOT NULL,
  PRIMARY KEY (kind, source_rowid)
) WITHOUT ROWID;

DROP TRIGGER IF EXISTS search_article_insert;
DROP TRIGGER IF EXISTS search_article_insert_deferred;
DROP TRIGGER IF EXISTS search_article_update;
DROP TRIGGER IF EXISTS search_article_delete;

CREATE TRIGGER search_article_insert AFTER INSERT ON article
  WHEN new.deleted = 0 AND NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  INSERT INTO article_fts (rowid, title, summary, body)
    VALUES (new.rowid, new.title, new.summary, new.body);
END;
CREATE TRIGGER search_article_insert_deferred AFTER INSERT ON article
  WHEN EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  INSERT OR IGNORE INTO search_pending (kind, source_rowid) VALUES (7, new.rowid);
END;
CREATE TRIGGER search_article_update AFTER UPDATE OF deleted, title, summary, body ON article
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 7 AND source_rowid = old.rowid) BEGIN
  INSERT INTO article_fts (article_fts, rowid, title, summary, body)
    SELECT 'delete', old.rowid, old.title, old.summary, old.body WHERE old.deleted = 0;
  INSERT INTO article_fts (rowid, title, summary, body)
    SELECT new.rowid, new.title, new.summary, new.body WHERE new.deleted = 0;
END;
CREATE TRIGGER search_article_delete AFTER DELETE ON article
  WHEN old.deleted = 0 AND NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 7 AND source_rowid = old.rowid) BEGIN
  INSERT INTO article_fts (article_fts, rowid, title, summary, body)
    VALUES ('delete', old.rowid, old.title, old.summary, old.body);
END;

DROP TRIGGER IF EXISTS search_project_insert;
DROP TRIGGER IF EXISTS search_project_insert_deferred;
DROP TRIGGER IF EXISTS search_project_update;

CREATE TRIGGER search_project_insert AFTER INSERT ON project
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 1;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 1, 'project', new.id, new.title, new.acronym, new.summary WHERE new.deleted = 0;
END;
CREATE TRIGGER search_project_insert_deferred AFTER INSERT ON project
  WHEN EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  INSERT OR IGNORE INTO search_pending (kind, source_rowid) VALUES (1, new.rowid);
END;
CREATE TRIGGER search_project_update AFTER UPDATE OF id, deleted, title, acronym, summary ON project
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 1 AND source_rowid = old.rowid) BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 1;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 1, 'project', new.id, new.title, new.acronym, new.summary WHERE new.deleted = 0;
END;

DROP TRIGGER IF EXISTS search_milestone_insert;
DROP TRIGGER IF EXISTS search_milestone_insert_deferred;
DROP TRIGGER IF EXISTS search_milestone_update;

CREATE TRIGGER search_milestone_insert AFTER INSERT ON milestone
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 2;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 2, 'milestone', new.id, new.title, NULL, new.description WHERE new.deleted = 0;
END;
CREATE TRIGGER search_milestone_insert_deferred AFTER INSERT ON milestone
  WHEN EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  INSERT OR IGNORE INTO search_pending (kind, source_rowid) VALUES (2, new.rowid);
END;
CREATE TRIGGER search_milestone_update AFTER UPDATE OF id, deleted, title, description ON milestone
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 2 AND source_rowid = old.rowid) BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 2;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 2, 'milestone', new.id, new.title, NULL, new.description WHERE new.deleted = 0;
END;

DROP TRIGGER IF EXISTS search_meeting_insert;
DROP TRIGGER IF EXISTS search_meeting_insert_deferred;
DROP TRIGGER IF EXISTS search_meeting_update;

CREATE TRIGGER search_meeting_insert AFTER INSERT ON meeting
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 3;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 3, 'meeting', new.id, new.title, NULL, new.notes WHERE new.deleted = 0;
END;
CREATE TRIGGER search_meeting_insert_deferred AFTER INSERT ON meeting
  WHEN EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  INSERT OR IGNORE INTO search_pending (kind, source_rowid) VALUES (3, new.rowid);
END;
CREATE TRIGGER search_meeting_update AFTER UPDATE OF id, deleted, title, notes ON meeting
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 3 AND source_rowid = old.rowid) BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 3;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 3, 'meeting', new.id, new.title, NULL, new.notes WHERE new.deleted = 0;
END;

DROP TRIGGER IF EXISTS search_agenda_item_insert;
DROP TRIGGER IF EXISTS search_agenda_item_insert_deferred;
DROP TRIGGER IF EXISTS search_agenda_item_update;

CREATE TRIGGER search_agenda_item_insert AFTER INSERT ON agenda_item
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 4;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 4, 'agenda_item', new.id, new.title, NULL, new.notes WHERE new.deleted = 0;
END;
CREATE TRIGGER search_agenda_item_insert_deferred AFTER INSERT ON agenda_item
  WHEN EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  INSERT OR IGNORE INTO search_pending (kind, source_rowid) VALUES (4, new.rowid);
END;
CREATE TRIGGER search_agenda_item_update AFTER UPDATE OF id, deleted, title, notes ON agenda_item
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 4 AND source_rowid = old.rowid) BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 4;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 4, 'agenda_item', new.id, new.title, NULL, new.notes WHERE new.deleted = 0;
END;

DROP TRIGGER IF EXISTS search_decision_insert;
DROP TRIGGER IF EXISTS search_decision_insert_deferred;
DROP TRIGGER IF EXISTS search_decision_update;

CREATE TRIGGER search_decision_insert AFTER INSERT ON decision
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 5;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 5, 'decision', new.id, new.text, NULL, NULL WHERE new.deleted = 0;
END;
CREATE TRIGGER search_decision_insert_deferred AFTER INSERT ON decision
  WHEN EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  INSERT OR IGNORE INTO search_pending (kind, source_rowid) VALUES (5, new.rowid);
END;
CREATE TRIGGER search_decision_update AFTER UPDATE OF id, deleted, text ON decision
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 5 AND source_rowid = old.rowid) BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 5;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 5, 'decision', new.id, new.text, NULL, NULL WHERE new.deleted = 0;
END;

DROP TRIGGER IF EXISTS search_action_item_insert;
DROP TRIGGER IF EXISTS search_action_item_insert_deferred;
DROP TRIGGER IF EXISTS search_action_item_update;

CREATE TRIGGER search_action_item_insert AFTER INSERT ON action_item
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 6;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 6, 'action_item', new.id, new.title, NULL, NULL WHERE new.deleted = 0;
END;
CREATE TRIGGER search_action_item_insert_deferred AFTER INSERT ON action_item
  WHEN EXISTS (SELECT 1 FROM search_pending WHERE kind = 0) BEGIN
  INSERT OR IGNORE INTO search_pending (kind, source_rowid) VALUES (6, new.rowid);
END;
CREATE TRIGGER search_action_item_update AFTER UPDATE OF id, deleted, title ON action_item
  WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 6 AND source_rowid = old.rowid) BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 6;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 6, 'action_item', new.id, new.title, NULL, NULL WHERE new.deleted = 0;
END;
