/**
 * The 需求大厅 searches open needs only: a GIN index of their search words alone, so that a keyword
 * count (capped, `countRowsUpTo`) reads the postings and heap rows of open needs, not of every need
 * ever posted (about 30 % of the table are open in bench/needs-hall; a region coordinator's «六堡茶»
 * read 24,379 postings to keep 7,394). The full index stays for one's own lists of every status.
 */
export const needsOpenSearch = `
  CREATE INDEX needs_open_search_idx ON needs USING gin (search) WHERE status = 'open';
`;
