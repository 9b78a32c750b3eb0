-- Lotse schema: agenda proposals (issue #16).
--
-- Anyone may propose an item for a planned meeting; the organiser
-- accepts it into the agenda (agenda_item_id names the item then made)
-- or declines it with a reason. The proposal stays, so the proposer sees
-- the outcome on every laptop after sync. The rules are those of
-- lotse-agenda-proposal.c; like the agenda, a proposal of approved minutes
-- is locked (lotse-minutes.c).
--
-- A new table: the statements are idempotent, so running the migration
-- again (after a lost version update) changes nothing.

CREATE TABLE IF NOT EXISTS agenda_proposal (
  id TEXT PRIMARY KEY NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT NOT NULL,
  title TEXT NOT NULL,
  notes TEXT,
  proposed_by_person_id TEXT,
  proposed_at TEXT NOT NULL,
  state TEXT NOT NULL,
  decided_by_person_id TEXT,
  decided_at TEXT,
  decline_reason TEXT,
  agenda_item_id TEXT
);
CREATE INDEX IF NOT EXISTS agenda_proposal_meeting ON agenda_proposal (meeting_id);
