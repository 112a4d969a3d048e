import type { Migration } from './migration.ts';

/** People on a case, consents, and the pattern map: items, links, themes, meetings and exports. */
export const patternMap: Migration = {
  version: 3,
  name: 'pattern-map',
  up(db) {
    db.exec(`
      -- People connected with the case. A harmed child or adult may be known only by a reference.
      CREATE TABLE case_people (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        anonymised_label TEXT NOT NULL,
        relationship TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX case_people_by_case ON case_people(case_id);

      -- Consent (child, each parent/carer) and the allocated social worker's permission, per purpose.
      CREATE TABLE case_consents (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        purpose TEXT NOT NULL,
        subject TEXT NOT NULL CHECK (subject IN ('child', 'parent-carer', 'social-worker-permission')),
        person_id TEXT REFERENCES case_people(id),
        status TEXT NOT NULL CHECK (status IN ('given', 'refused', 'not-sought')),
        reason TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX case_consents_by_case ON case_consents(case_id, purpose);

      CREATE TABLE life_event_types (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        sort_order INTEGER NOT NULL
      ) STRICT;
      INSERT INTO life_event_types (id, label, sort_order) VALUES
        ('family', 'Family', 1), ('care-placement', 'Care / placement', 2), ('education', 'Education', 3),
        ('health', 'Health', 4), ('trauma-loss', 'Trauma / loss', 5), ('police-justice', 'Police / justice', 6),
        ('online', 'Online', 7), ('other', 'Other', 8);

      CREATE TABLE map_items (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL CHECK (kind IN ('life-event', 'incident')),
        lane TEXT NOT NULL,
        what TEXT NOT NULL,
        people TEXT NOT NULL CHECK (json_valid(people)),
        place TEXT NOT NULL,
        date TEXT NOT NULL CHECK (json_valid(date)),
        source_agency TEXT NOT NULL,
        source_detail TEXT NOT NULL,
        harmed_person_id TEXT REFERENCES case_people(id),
        child_age_then INTEGER,
        hackett_category TEXT,
        brook_colour TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX map_items_by_case ON map_items(case_id);

      CREATE TABLE map_links (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        from_item TEXT NOT NULL REFERENCES map_items(id) ON DELETE CASCADE,
        to_item TEXT NOT NULL REFERENCES map_items(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        CHECK (from_item != to_item)
      ) STRICT;
      CREATE INDEX map_links_by_case ON map_links(case_id);

      -- Themes and hypotheses pinned to a period of time.
      CREATE TABLE map_themes (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        from_day TEXT NOT NULL,
        to_day TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        CHECK (to_day >= from_day)
      ) STRICT;

      CREATE TABLE map_meetings (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        held_at TEXT NOT NULL,
        chair TEXT NOT NULL,
        attendees TEXT NOT NULL CHECK (json_valid(attendees)),
        decisions TEXT NOT NULL,
        actions TEXT NOT NULL CHECK (json_valid(actions)),
        notes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      CREATE TABLE map_exports (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        at TEXT NOT NULL,
        by TEXT NOT NULL REFERENCES users(id),
        audience TEXT NOT NULL CHECK (audience IN ('internal', 'external')),
        recipient TEXT NOT NULL,
        view TEXT NOT NULL CHECK (view IN ('named', 'anonymised')),
        format TEXT NOT NULL CHECK (format IN ('png', 'docx')),
        saved_to TEXT NOT NULL
      ) STRICT;
    `);
  },
};
