/**
 * Kernel services every module uses instead of building its own (issue 7): background jobs,
 * notifications and attachments.
 *
 * - jobs: a table-backed queue claimed with FOR UPDATE SKIP LOCKED (works on PGlite and on a
 *   PostgreSQL server with several processes). A job's result is written in the same transaction
 *   that marks it succeeded, so a crash leaves a job either done or not done, never half-done.
 *   One heavy job per user at a time is a partial unique index, not a promise in code.
 * - notifications: one row per recipient; read state per row.
 * - attachments: content in the database (bytea), addressed by a random id, deduplicated by
 *   content hash per uploader; linked to at most one record (target type and id), and from then
 *   on visible to whoever may see that record.
 */
export const kernelServices = `
  CREATE TABLE jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind ~ '^[a-z]+(\\.[a-z_]+)+$'),
    owner_id int NOT NULL REFERENCES users(id),
    heavy boolean NOT NULL DEFAULT false,
    status text NOT NULL DEFAULT 'queued'
      CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
    progress real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
    -- a message key and its parameters, localized when presented
    message text,
    message_params jsonb NOT NULL DEFAULT '{}',
    params jsonb NOT NULL DEFAULT '{}',
    result jsonb,
    attempts int NOT NULL DEFAULT 0,
    max_attempts int NOT NULL DEFAULT 2 CHECK (max_attempts >= 1),
    locale text NOT NULL DEFAULT 'zh-CN',
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    heartbeat_at timestamptz,
    finished_at timestamptz,
    CHECK ((status IN ('succeeded','failed','cancelled')) = (finished_at IS NOT NULL))
  );
  CREATE INDEX jobs_queue_idx ON jobs (created_at) WHERE status = 'queued';
  CREATE INDEX jobs_owner_idx ON jobs (owner_id, created_at DESC);
  CREATE UNIQUE INDEX jobs_one_heavy_per_user_idx ON jobs (owner_id)
    WHERE heavy AND status IN ('queued','running');

  -- The file a job produced (an export workbook, a report), written with the job's final status.
  CREATE TABLE job_files (
    job_id uuid PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    file_name text NOT NULL,
    content_type text NOT NULL,
    content bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );

  CREATE TABLE notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id int NOT NULL REFERENCES users(id),
    kind text NOT NULL,
    -- message parameters (ids, counts, organization names); never personal data
    params jsonb NOT NULL DEFAULT '{}',
    link text CHECK (link IS NULL OR link ~ '^/[^/]'),
    read_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
  CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

  CREATE TABLE attachments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    uploader_id int NOT NULL REFERENCES users(id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    content_type text NOT NULL,
    size int NOT NULL CHECK (size > 0),
    sha256 text NOT NULL,
    content bytea NOT NULL,
    -- the record it belongs to, once linked (e.g. 'need', 42); visible then to whoever sees it
    target_type text,
    target_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    linked_at timestamptz,
    CHECK ((target_type IS NULL) = (target_id IS NULL)),
    CHECK ((target_type IS NULL) = (linked_at IS NULL))
  );
  CREATE INDEX attachments_target_idx ON attachments (target_type, target_id) WHERE target_type IS NOT NULL;
  CREATE INDEX attachments_uploader_idx ON attachments (uploader_id, created_at DESC);
`;
