-- Lotse schema: the agendas and participants of all meetings from their indexes.
--
-- A calendar feed of 2,000 meetings lists each one's agenda and
-- participants (lotse-ics.c). Read from the tables, that meant 20,000
-- agenda rows with their long texts and a sort that spilled to a
-- temporary file: more than half of the feed's 75 ms. These two indexes
-- hold the lines in the order they are shown, live rows only, so all
-- meetings are read in one pass without a sort, and one meeting's lines
-- with one seek.

CREATE INDEX agenda_item_meeting_lines ON agenda_item (meeting_id, position, id, title)
  WHERE deleted = 0;
CREATE INDEX meeting_participant_meeting_lines
  ON meeting_participant (meeting_id, created_at, id, person_id, attendance)
  WHERE deleted = 0;
