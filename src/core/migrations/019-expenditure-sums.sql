-- Lotse schema: the sums of the expenditures, kept per project, cost
-- category and year (issue #15).
--
-- The programme finance overview and the portfolio's budget column sum
-- every project's spending per category: over 1,000,000 expenditures a
-- read of the whole covering index expenditure_project, 763 ms of CPU.
-- expenditure_sum holds those sums, a few rows per project, kept by the
-- triggers below on every write to expenditure: the app's inserts, edits
-- and (soft) deletes, Undo, and the rows a sync pull writes, which are
-- inserts and upserts too. It is this device's own: not in the schema of
-- synced tables, never pushed, rebuilt here from the rows.
--
-- Only live rows count (deleted = 0). A group is removed when its last
-- row goes, so that no project keeps a category it no longer has.

CREATE TABLE expenditure_sum (
  project_id TEXT NOT NULL,
  category TEXT NOT NULL,
  year INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (project_id, category, year)
) WITHOUT ROWID;

INSERT INTO expenditure_sum (project_id, category, year, amount_cents, n)
  SELECT project_id, category, CAST(substr(date, 1, 4) AS INTEGER), sum(amount_cents), count(*)
  FROM expenditure WHERE deleted = 0 GROUP BY project_id, category, CAST(substr(date, 1, 4) AS INTEGER);

CREATE TRIGGER expenditure_sum_insert AFTER INSERT ON expenditure WHEN NEW.deleted = 0
BEGIN
  INSERT INTO expenditure_sum (project_id, category, year, amount_cents, n)
    VALUES (NEW.project_id, NEW.category, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.amount_cents, 1)
    ON CONFLICT (project_id, category, year)
    DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents, n = n + 1;
END;

CREATE TRIGGER expenditure_sum_delete AFTER DELETE ON expenditure WHEN OLD.deleted = 0
BEGIN
  UPDATE expenditure_sum SET amount_cents = amount_cents - OLD.amount_cents, n = n - 1
    WHERE project_id = OLD.project_id AND category = OLD.category
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER);
  DELETE FROM expenditure_sum
    WHERE project_id = OLD.project_id AND category = OLD.category
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND n <= 0;
END;

-- An edit takes the old row out of its group and puts the new one in:
-- a soft delete is an update of deleted to 1, Undo one back to 0.
CREATE TRIGGER expenditure_sum_update
  AFTER UPDATE OF project_id, category, date, amount_cents, deleted ON expenditure
BEGIN
  UPDATE expenditure_sum SET amount_cents = amount_cents - OLD.amount_cents, n = n - 1
    WHERE OLD.deleted = 0 AND project_id = OLD.project_id AND category = OLD.category
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER);
  DELETE FROM expenditure_sum
    WHERE project_id = OLD.project_id AND category = OLD.category
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND n <= 0;
  INSERT INTO expenditure_sum (project_id, category, year, amount_cents, n)
    SELECT NEW.project_id, NEW.category, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.amount_cents, 1
    WHERE NEW.deleted = 0
    ON CONFLICT (project_id, category, year)
    DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents, n = n + 1;
END;
