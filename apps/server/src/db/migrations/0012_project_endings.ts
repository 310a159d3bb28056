/**
 * A help project's end (issue 8): when it ended and, when a party cancelled or concluded it early,
 * why (POST /api/projects/{id}/cancel). A need's project ends with its need, with no reason. Projects
 * that ended before this migration take their last update as their end.
 */
export const projectEndings = `
  ALTER TABLE projects ADD COLUMN ended_at timestamptz;
  ALTER TABLE projects ADD COLUMN end_reason text CHECK (char_length(end_reason) <= 200);
  UPDATE projects SET ended_at = updated_at WHERE status <> 'active';
  ALTER TABLE projects ADD CONSTRAINT projects_ended_check
    CHECK ((status = 'active') = (ended_at IS NULL) AND (end_reason IS NULL OR ended_at IS NOT NULL));
`;
