-- Lotse schema: indexes for the milestone monitor.
--
-- The monitor lists milestones that are neither done nor cancelled and are
-- due up to a date. Most milestones of a long-running programme are done,
-- so a partial index over the open ones alone keeps the range scan short,
-- and with project_id in it the count needs no milestone row at all.
-- project_live answers the join's "project not deleted, of programme X"
-- from the index, without reading the wide project rows.

CREATE INDEX milestone_open_due ON milestone (due_date, project_id)
  WHERE deleted = 0 AND status NOT IN ('done', 'cancelled');
CREATE INDEX project_live ON project (id, deleted, programme_id);
