-- Lotse schema: the newest expenditures of a project from an index
-- (issue #15).
--
-- The finance page lists a project's newest expenditures (ORDER BY date
-- DESC, id DESC LIMIT 11). expenditure_project has the category before
-- the date, so SQLite read and sorted every expenditure of the project:
-- 10,000 table rows, 6–7 ms of the page's 117 ms CPU. With this index it
-- reads the eleven rows it shows. (deleted is not in it: lotse_store_list()
-- filters by +deleted, which no index serves.)

CREATE INDEX expenditure_newest ON expenditure (project_id, date, id);
