-- Lotse schema version 10: prefix indexes for search while typing.
--
-- A word being typed is matched as a prefix (lotse-search.c). Without a
-- prefix index FTS5 merges the doclist of every word that begins with it:
-- “de*” over 100,000 articles merged thousands of lists and took up to
-- 3.4 s. With prefix = '2 3' FTS5 keeps one list per prefix of two and of
-- three letters, and a query of two or three letters reads that one list.
-- Longer prefixes begin few enough words to merge. One letter is not
-- indexed (lotse-search.c matches it as a word): it would cost as much
-- again for a prefix that narrows nothing.
--
-- FTS5 cannot add a prefix index to an existing table, so both indexes are
-- made anew under their old names, with their ranking, and filled from the
-- rows that are not deleted (as search-populate.sql does). The triggers of
-- 005-search-deferred.sql name the tables, not their definitions, and stay.
-- search_pending is empty outside a bulk write.

DROP TABLE article_fts;

CREATE VIRTUAL TABLE article_fts USING fts5 (
  title, summary, body,
  content = 'article',
  tokenize = 'lotse',
  prefix = '2 3'
);

INSERT INTO article_fts (article_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');

DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5 (
  kind UNINDEXED, row_id UNINDEXED, title, keywords, body,
  tokenize = 'lotse',
  prefix = '2 3'
);

INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 10.0, 1.0)');

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

INSERT INTO article_fts (article_fts) VALUES ('optimize');
INSERT INTO search_index (search_index) VALUES ('optimize');
