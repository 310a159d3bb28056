/**
 * The owner's path on needs and resources (issue 8's 需求大厅 benchmark, bench/README.md): the
 * owner side of both was reached by a semi-join through organizations (`party` on `org_id`), which
 * no index on the table can answer, so a county secretary's keyword page read every open hit of the
 * word in the whole province and filtered it. A registered copy of the owning organization's path
 * (migration 0008: the trigger fills it, moves rewrite it) makes the owner side a `subtree`
 * relation, and an index leading with the status serves "open needs under this path" — the hall's
 * question — as one range scan.
 */
export const helpOwnerPaths = `
  ALTER TABLE needs ADD COLUMN org_path text;
  SELECT register_org_path_copy('needs', 'org_path', 'org_id');
  CREATE INDEX needs_status_org_path_idx ON needs (status, org_path text_pattern_ops);

  ALTER TABLE resources ADD COLUMN org_path text;
  SELECT register_org_path_copy('resources', 'org_path', 'org_id');
  CREATE INDEX resources_status_org_path_idx ON resources (status, org_path text_pattern_ops);
`;
