import type { Migration } from './migration.ts';

/** The HSB pathway on a case: concerns and screening, strategy discussions and meetings, hub consultations, plans and records. */
export const pathway: Migration = {
  version: 6,
  name: 'pathway',
  up(db) {
    db.exec(`
      CREATE TABLE referrals (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        received_at TEXT NOT NULL,
        new_referral INTEGER NOT NULL CHECK (new_referral IN (0, 1)),
        source_agency TEXT NOT NULL,
        source_role TEXT NOT NULL,
        reported TEXT NOT NULL,
        children TEXT NOT NULL CHECK (json_valid(children)),
        exploitation TEXT NOT NULL CHECK (json_valid(exploitation)),
        eligibility TEXT NOT NULL CHECK (json_valid(eligibility)),
        proceed_reason TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX referrals_by_case ON referrals(case_id, received_at);

      CREATE TABLE strategy_meetings (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        type TEXT NOT NULL CHECK (type IN ('discussion', 'meeting', 'complex-abuse')),
        trigger TEXT NOT NULL,
        held_at TEXT NOT NULL,
        chair TEXT NOT NULL,
        attendees TEXT NOT NULL CHECK (json_valid(attendees)),
        agenda TEXT NOT NULL CHECK (json_valid(agenda)),
        outcomes TEXT NOT NULL CHECK (json_valid(outcomes)),
        details TEXT NOT NULL CHECK (json_valid(details)),
        category TEXT NOT NULL,
        actions TEXT NOT NULL CHECK (json_valid(actions)),
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX strategy_meetings_by_case ON strategy_meetings(case_id, held_at);

      CREATE TABLE consultations (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        state TEXT NOT NULL CHECK (state IN ('requested', 'accepted', 'declined', 'held')),
        requested_at TEXT NOT NULL,
        requested_by TEXT NOT NULL REFERENCES users(id),
        manager_id TEXT NOT NULL REFERENCES users(id),
        request TEXT NOT NULL,
        screening TEXT CHECK (screening IS NULL OR json_valid(screening)),
        meeting TEXT CHECK (meeting IS NULL OR json_valid(meeting)),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX consultations_by_case ON consultations(case_id);

      -- Islington §8: safety plans, diversion plans, direct-work plans, multi-professional meetings, MASE records.
      CREATE TABLE plan_records (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL,
        dated TEXT NOT NULL,
        title TEXT NOT NULL,
        details TEXT NOT NULL,
        with_whom TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX plan_records_by_case ON plan_records(case_id, dated);
    `);
  },
};
