-- Lotse schema version 2: full-text search.
--
-- Both indexes use the tokenizer “lotse” (lotse-search.c): unicode61 with
-- remove_diacritics 2, whose tokens are then folded for German (ß → ss,
-- ae/oe/ue → a/o/u), so that “Büro”, “Buero” and “buro” meet. It is
-- registered on every connection the store opens; a connection without it
-- (the sqlite3 shell) can read the data tables but not write them.
--
-- article_fts is an external-content index over article (the bodies are
-- large, so they are not stored twice); snippets read the text from the
-- article row. search_index holds the short texts of the other kinds, with
-- rowid = source rowid * 8 + kind, so a trigger finds its entry by rowid.
-- Both rely on stable rowids: after a VACUUM run lotse_search_rebuild().
--
-- Triggers keep the indexes in step with every write path, local edits and
-- sync alike; a tombstone (deleted = 1) leaves the index, a row whose
-- deleted goes back to 0 returns.

CREATE VIRTUAL TABLE article_fts USING fts5 (
  title, summary, body,
  content = 'article',
  tokenize = 'lotse'
);

-- Title hits weigh most, then the summary.
INSERT INTO article_fts (article_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');

CREATE VIRTUAL TABLE article_vocab USING fts5vocab (article_fts, 'row');

CREATE TRIGGER search_article_insert AFTER INSERT ON article WHEN new.deleted = 0 BEGIN
  INSERT INTO article_fts (rowid, title, summary, body)
    VALUES (new.rowid, new.title, new.summary, new.body);
END;
CREATE TRIGGER search_article_update AFTER UPDATE OF deleted, title, summary, body ON article BEGIN
  INSERT INTO article_fts (article_fts, rowid, title, summary, body)
    SELECT 'delete', old.rowid, old.title, old.summary, old.body WHERE old.deleted = 0;
  INSERT INTO article_fts (rowid, title, summary, body)
    SELECT new.rowid, new.title, new.summary, new.body WHERE new.deleted = 0;
END;
CREATE TRIGGER search_article_delete AFTER DELETE ON article WHEN old.deleted = 0 BEGIN
  INSERT INTO article_fts (article_fts, rowid, title, summary, body)
    VALUES ('delete', old.rowid, old.title, old.summary, old.body);
END;

-- kind is a table name; keywords holds a project's acronym.
CREATE VIRTUAL TABLE search_index USING fts5 (
  kind UNINDEXED, row_id UNINDEXED, title, keywords, body,
  tokenize = 'lotse'
);

INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 10.0, 1.0)');

CREATE TRIGGER search_project_insert AFTER INSERT ON project BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 1;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 1, 'project', new.id, new.title, new.acronym, new.summary WHERE new.deleted = 0;
END;
CREATE TRIGGER search_project_update AFTER UPDATE OF id, deleted, title, acronym, summary ON project BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 1;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 1, 'project', new.id, new.title, new.acronym, new.summary WHERE new.deleted = 0;
END;
CREATE TRIGGER search_project_delete AFTER DELETE ON project BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 1;
END;

CREATE TRIGGER search_milestone_insert AFTER INSERT ON milestone BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 2;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 2, 'milestone', new.id, new.title, NULL, new.description WHERE new.deleted = 0;
END;
CREATE TRIGGER search_milestone_update AFTER UPDATE OF id, deleted, title, description ON milestone BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 2;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 2, 'milestone', new.id, new.title, NULL, new.description WHERE new.deleted = 0;
END;
CREATE TRIGGER search_milestone_delete AFTER DELETE ON milestone BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 2;
END;

CREATE TRIGGER search_meeting_insert AFTER INSERT ON meeting BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 3;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 3, 'meeting', new.id, new.title, NULL, new.notes WHERE new.deleted = 0;
END;
CREATE TRIGGER search_meeting_update AFTER UPDATE OF id, deleted, title, notes ON meeting BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 3;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 3, 'meeting', new.id, new.title, NULL, new.notes WHERE new.deleted = 0;
END;
CREATE TRIGGER search_meeting_delete AFTER DELETE ON meeting BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 3;
END;

CREATE TRIGGER search_agenda_item_insert AFTER INSERT ON agenda_item BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 4;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 4, 'agenda_item', new.id, new.title, NULL, new.notes WHERE new.deleted = 0;
END;
CREATE TRIGGER search_agenda_item_update AFTER UPDATE OF id, deleted, title, notes ON agenda_item BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 4;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 4, 'agenda_item', new.id, new.title, NULL, new.notes WHERE new.deleted = 0;
END;
CREATE TRIGGER search_agenda_item_delete AFTER DELETE ON agenda_item BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 4;
END;

CREATE TRIGGER search_decision_insert AFTER INSERT ON decision BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 5;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 5, 'decision', new.id, new.text, NULL, NULL WHERE new.deleted = 0;
END;
CREATE TRIGGER search_decision_update AFTER UPDATE OF id, deleted, text ON decision BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 5;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 5, 'decision', new.id, new.text, NULL, NULL WHERE new.deleted = 0;
END;
CREATE TRIGGER search_decision_delete AFTER DELETE ON decision BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 5;
END;

CREATE TRIGGER search_action_item_insert AFTER INSERT ON action_item BEGIN
  DELETE FROM search_index WHERE rowid = new.rowid * 8 + 6;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 6, 'action_item', new.id, new.title, NULL, NULL WHERE new.deleted = 0;
END;
CREATE TRIGGER search_action_item_update AFTER UPDATE OF id, deleted, title ON action_item BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 6;
  INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
    SELECT new.rowid * 8 + 6, 'action_item', new.id, new.title, NULL, NULL WHERE new.deleted = 0;
END;
CREATE TRIGGER search_action_item_delete AFTER DELETE ON action_item BEGIN
  DELETE FROM search_index WHERE rowid = old.rowid * 8 + 6;
END;

-- Rows that exist already.
INSERT INTO article_fts (rowid, title, summary, body)
  SELECT rowid, title, summary, body FROM article WHERE deleted = 0;
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT rowid * 8 + 1, 'project', id, title, acronym, summary FROM project WHERE deleted = 0;
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT rowid * 8 + 2, 'milestone', id, title, NULL, description FROM milestone WHERE deleted = 0;
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT rowid * 8 + 3, 'meeting', id, title, NULL, notes FROM meeting WHERE deleted = 0;
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT rowid * 8 + 4, 'agenda_item', id, title, NULL, notes FROM agenda_item WHERE deleted = 0;
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT rowid * 8 + 5, 'decision', id, text, NULL, NULL FROM decision WHERE deleted = 0;
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT rowid * 8 + 6, 'action_item', id, title, NULL, NULL FROM action_item WHERE deleted = 0;
