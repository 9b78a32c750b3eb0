-- Fills the emptied search indexes from the live rows (lotse_search_rebuild).
-- Unlike a migration this follows the current schema.

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
