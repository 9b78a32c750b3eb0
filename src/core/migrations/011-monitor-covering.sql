-- Lotse schema: the milestone monitor reads its indexes alone.
--
-- Of 100,000 milestones the monitor lists some 18,000 open ones, which lie
-- all over the milestone table; reading each row cost a page read, and
-- with the project's title and acronym each entry read a project row too:
-- the full list took 200 ms, most of it copying pages. An entry shows
-- only the milestone's title, status and dates and its project's names,
-- so both indexes now hold what the list shows (the description, the
-- one long field, is left to the record when it is opened). The count
-- still needs nothing but due_date and project_id, at the front.

DROP INDEX milestone_open_due;
CREATE INDEX milestone_open_due ON milestone (due_date, project_id, status, title, done_date, rev, id)
  WHERE deleted = 0 AND status NOT IN ('done', 'cancelled');
DROP INDEX project_live;
CREATE INDEX project_live ON project (id, deleted, programme_id, status, title, acronym);
