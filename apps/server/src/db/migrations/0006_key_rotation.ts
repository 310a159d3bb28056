/**
 * Progress of `huzhu keys rotate`, so that a rotation stopped halfway (a crash, a deploy, Ctrl-C)
 * resumes where it stopped instead of starting over. One row per target key (the header new values
 * carry: layout version and key id) and table: the last id re-encrypted in a committed batch.
 * Which values are done is also written in each value's own header, so a lost row only costs a
 * rescan, never a value encrypted twice or skipped.
 */
export const keyRotation = `
  CREATE TABLE key_rotation (
    target bytea NOT NULL,
    table_name text NOT NULL,
    last_id bigint NOT NULL DEFAULT 0,
    values_rotated bigint NOT NULL DEFAULT 0,
    started_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    PRIMARY KEY (target, table_name)
  );
`;
