/**
 * Joint branches (联建, issue 9): an organization of kind `joint_branch` formed from an active
 * organization pairing, one per pairing. Its members co-manage through `members.co_org_id`, so the
 * roster, its reach and its path copies need nothing new; this table says which pairing it came
 * from and of which kind it is (村企, 机关与社区, 村村, 村与社区, 社区与企业).
 */
export const jointBranches = `
  CREATE TABLE joint_branches (
    org_id int PRIMARY KEY REFERENCES organizations(id),
    pairing_id int NOT NULL UNIQUE REFERENCES pairings(id),
    kind text NOT NULL CHECK (kind IN ('village_enterprise', 'organ_community', 'village_village',
      'village_community', 'community_enterprise')),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  );
`;
