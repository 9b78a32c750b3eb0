-- Lotse schema: the standing agenda item "Approval of the minutes of
-- <date>" (issue #16).
--
-- Preparing the next meeting of a series adds that item when the last
-- held meeting's minutes are not approved yet; approving through it
-- approves those minutes. The item names the meeting whose minutes it
-- approves, so it is found by that reference, never by its title (which
-- is in the preparer's language).

ALTER TABLE agenda_item ADD COLUMN approves_meeting_id TEXT;
