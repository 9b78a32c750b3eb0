-- Lotse schema: the milestone monitor leaves out closed projects.
--
-- The monitor's default lists only the milestones of projects that still
-- run (neither completed nor cancelled): the join reads the project's
-- status as well. With status in project_live the count is still answered
-- from the two indexes alone, without reading the wide project rows.

DROP INDEX project_live;
CREATE INDEX project_live ON project (id, deleted, programme_id, status);
