-- Indexes the rows that search_pending notes (lotse_search_defer_end) and
-- empties it. Mirrors the insert triggers of 005-search-deferred.sql.

INSERT INTO article_fts (rowid, title, summary, body)
  SELECT a.rowid, a.title, a.summary, a.body
    FROM search_pending AS p JOIN article AS a ON a.rowid = p.source_rowid
   WHERE p.kind = 7 AND a.deleted = 0;
DELETE FROM search_index
 WHERE rowid IN (SELECT source_rowid * 8 + 1 FROM search_pending WHERE kind = 1);
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT r.rowid * 8 + 1, 'project', r.id, r.title, r.acronym, r.summary
    FROM search_pending AS p JOIN project AS r ON r.rowid = p.source_rowid
   WHERE p.kind = 1 AND r.deleted = 0;
DELETE FROM search_index
 WHERE rowid IN (SELECT source_rowid * 8 + 2 FROM search_pending WHERE kind = 2);
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT r.rowid * 8 + 2, 'milestone', r.id, r.title, NULL, r.description
    FROM search_pending AS p JOIN milestone AS r ON r.rowid = p.source_rowid
   WHERE p.kind = 2 AND r.deleted = 0;
DELETE FROM search_index
 WHERE rowid IN (SELECT source_rowid * 8 + 3 FROM search_pending WHERE kind = 3);
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT r.rowid * 8 + 3, 'meeting', r.id, r.title, NULL, r.notes
    FROM search_pending AS p JOIN meeting AS r ON r.rowid = p.source_rowid
   WHERE p.kind = 3 AND r.deleted = 0;
DELETE FROM search_index
 WHERE rowid IN (SELECT source_rowid * 8 + 4 FROM search_pending WHERE kind = 4);
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT r.rowid * 8 + 4, 'agenda_item', r.id, r.title, NULL, r.notes
    FROM search_pending AS p JOIN agenda_item AS r ON r.rowid = p.source_rowid
   WHERE p.kind = 4 AND r.deleted = 0;
DELETE FROM search_index
 WHERE rowid IN (SELECT source_rowid * 8 + 5 FROM search_pending WHERE kind = 5);
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT r.rowid * 8 + 5, 'decision', r.id, r.text, NULL, NULL
    FROM search_pending AS p JOIN decision AS r ON r.rowid = p.source_rowid
   WHERE p.kind = 5 AND r.deleted = 0;
DELETE FROM search_index
 WHERE rowid IN (SELECT source_rowid * 8 + 6 FROM search_pending WHERE kind = 6);
INSERT INTO search_index (rowid, kind, row_id, title, keywords, body)
  SELECT r.rowid * 8 + 6, 'action_item', r.id, r.title, NULL, NULL
    FROM search_pending AS p JOIN action_item AS r ON r.rowid = p.source_rowid
   WHERE p.kind = 6 AND r.deleted = 0;
DELETE FROM search_pending;
