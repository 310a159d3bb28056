/**
 * Shared venues, facilities and courses (issue 10). Organizations are named by id and reached with
 * the kernel's `party` relation; a venue or course open to its county or city (`open_to =
 * 'region'`) carries that jurisdiction's path for the `published` reach, a registered copy of the
 * organization the service names in `published_org_id` (as needs and resources do).
 *
 * Double bookings are impossible in the database: an exclusion constraint (btree_gist, on PGlite
 * loaded as an extension by db/client.ts) refuses two bookings of one venue whose time ranges
 * overlap while both hold the slot (confirmed or checked in), whatever the code above does and
 * however many requests race. The refusal is SQLSTATE 23P01, which the service answers as 409
 * `booking.conflict`. The extension goes into `public` when there is one: a database-wide object,
 * it must not live in (and be dropped with) the schema of whichever process migrated first; the
 * migration runner's advisory lock keeps two schemas from creating it at once.
 */
export const venues = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gist') THEN
      IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN
        CREATE EXTENSION btree_gist WITH SCHEMA public;
      ELSE
        CREATE EXTENSION btree_gist;
      END IF;
    END IF;
  END $$;

  CREATE TABLE venues (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id int NOT NULL REFERENCES organizations(id),
    kind text NOT NULL CHECK (kind IN ('activity_room', 'service_centre', 'meeting_hall', 'red_education_base',
      'training_base', 'practice_base', 'remote_education_site', 'public_place', 'equipment', 'vehicle', 'screen')),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description text CHECK (char_length(description) <= 5000),
    address text CHECK (char_length(address) <= 200),
    capacity int CHECK (capacity > 0),
    open_to text NOT NULL CHECK (open_to IN ('jurisdiction', 'partners', 'region')),
    -- The county or city organization above org_id while open to the region (see the CHECK).
    published_org_id int REFERENCES organizations(id),
    published_path text,
    -- Registered copy of org_id's path: the owner's own jurisdiction (its subtree) reaches it.
    org_path text NOT NULL,
    -- [{ weekday 1-7, from 'HH:MM', to 'HH:MM' }] in China time; empty: any time.
    opening_hours jsonb NOT NULL DEFAULT '[]'::jsonb,
    blackout_dates date[] NOT NULL DEFAULT '{}',
    requires_approval boolean NOT NULL,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((published_org_id IS NOT NULL) = (open_to = 'region' AND status = 'active')),
    CHECK ((published_path IS NOT NULL) = (published_org_id IS NOT NULL))
  );
  SELECT register_org_path_copy('venues', 'published_path', 'published_org_id');
  SELECT register_org_path_copy('venues', 'org_path', 'org_id');
  CREATE INDEX venues_org_idx ON venues (org_id, id);
  CREATE INDEX venues_org_path_idx ON venues (org_path text_pattern_ops);
  CREATE INDEX venues_published_idx ON venues (published_path text_pattern_ops) WHERE published_path IS NOT NULL;

  CREATE TABLE bookings (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id int NOT NULL REFERENCES venues(id),
    -- The booking organization.
    org_id int NOT NULL REFERENCES organizations(id),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    purpose text NOT NULL CHECK (char_length(purpose) BETWEEN 1 AND 500),
    attendees int CHECK (attendees > 0),
    -- done and no_show are not stored: a checked-in (confirmed) booking whose end passed reads as
    -- done (no_show) — see bookings' presenter.
    status text NOT NULL CHECK (status IN ('requested', 'confirmed', 'declined', 'cancelled', 'checked_in')),
    reason text CHECK (char_length(reason) <= 500),
    decided_at timestamptz,
    decided_by int REFERENCES users(id),
    checked_in_at timestamptz,
    checked_in_by int REFERENCES users(id),
    -- The unguessable value the QR link carries (32 random bytes, base64url).
    check_in_token text NOT NULL UNIQUE,
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK ((checked_in_at IS NOT NULL) = (status = 'checked_in')),
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (venue_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      WHERE (status IN ('confirmed', 'checked_in'))
  );
  CREATE INDEX bookings_venue_idx ON bookings (venue_id, starts_at);
  CREATE INDEX bookings_org_idx ON bookings (org_id, starts_at);
  CREATE INDEX bookings_requested_idx ON bookings (venue_id, starts_at) WHERE status = 'requested';

  CREATE TABLE courses (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id int NOT NULL REFERENCES organizations(id),
    kind text NOT NULL CHECK (kind IN ('video', 'document', 'link', 'experience')),
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
    summary text CHECK (char_length(summary) <= 2000),
    body text CHECK (char_length(body) <= 50000),
    url text CHECK (char_length(url) <= 500),
    minutes int NOT NULL CHECK (minutes BETWEEN 1 AND 6000),
    open_to text NOT NULL CHECK (open_to IN ('jurisdiction', 'partners', 'region')),
    published_org_id int REFERENCES organizations(id),
    published_path text,
    org_path text NOT NULL,
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((published_org_id IS NOT NULL) = (open_to = 'region')),
    CHECK ((published_path IS NOT NULL) = (published_org_id IS NOT NULL))
  );
  SELECT register_org_path_copy('courses', 'published_path', 'published_org_id');
  SELECT register_org_path_copy('courses', 'org_path', 'org_id');
  CREATE INDEX courses_org_idx ON courses (org_id, id);
  CREATE INDEX courses_published_idx ON courses (published_path text_pattern_ops) WHERE published_path IS NOT NULL;

  -- A course assigned to an organization (its members study it) or to one member.
  CREATE TABLE course_assignments (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id int NOT NULL REFERENCES courses(id),
    org_id int REFERENCES organizations(id),
    member_id int REFERENCES members(id),
    due_on date,
    assigned_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((org_id IS NULL) <> (member_id IS NULL))
  );
  CREATE UNIQUE INDEX course_assignments_org_key ON course_assignments (course_id, org_id) WHERE org_id IS NOT NULL;
  CREATE UNIQUE INDEX course_assignments_member_key ON course_assignments (course_id, member_id) WHERE member_id IS NOT NULL;
  CREATE INDEX course_assignments_org_idx ON course_assignments (org_id) WHERE org_id IS NOT NULL;
  CREATE INDEX course_assignments_member_idx ON course_assignments (member_id) WHERE member_id IS NOT NULL;

  -- A member's study of a course: minutes so far, completed once the course's minutes are reached.
  CREATE TABLE course_progress (
    course_id int NOT NULL REFERENCES courses(id),
    member_id int NOT NULL REFERENCES members(id),
    minutes_studied int NOT NULL DEFAULT 0 CHECK (minutes_studied >= 0),
    completed_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (course_id, member_id)
  );
  CREATE INDEX course_progress_member_idx ON course_progress (member_id);
  CREATE INDEX course_progress_completed_idx ON course_progress (completed_at) WHERE completed_at IS NOT NULL;
`;
