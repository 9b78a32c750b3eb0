-- Lotse schema: notes on an action item (issue #16).
--
-- An action item is work that goes on after the meeting: the notes say
-- how it stands (who was asked, what is missing). They sync like the
-- item's status and, like it, stay workable after the minutes are
-- approved (lotse-minutes.c).

ALTER TABLE action_item ADD COLUMN notes TEXT;
