import { createResourceBody, type UpdateResourceBody } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { runCommand } from "../../platform/commands.ts";
import { helpDirectory } from "../needs/needs.directory.ts";
import { resourcePolicy } from "../needs/needs.policy.ts";
import type { ResourceRow } from "../needs/needs.repository.ts";
import type { NeedsService } from "../needs/needs.service.ts";
import { type CheckedRow, headerProblemOf, orgRefText } from "./imports.kinds.ts";
import { checkHelpRows, type HelpWrite, type ParsedHelpRow, rowReader, visibilityWords } from "./imports.needs.ts";
import type { SheetRow } from "./imports.reader.ts";

/**
 * Resources (资源清单, issue 13): the template's columns through the contracts' schema of POST
 * /api/resources, then the checks shared with needs (imports.needs.ts): the organization one may
 * act for in mutual help, the natural key organization + title (resourcePolicy.update for a
 * changed one: its owner's side, still offered), duplicates inside the file. Writes are the needs
 * module's own commands (resource.create, resource.update), audited as typed ones.
 */
export const resourceColumns = [
  { key: "org", header: "提供资源的党组织", required: true },
  { key: "category", header: "资源类别", required: true },
  { key: "title", header: "资源名称", required: true },
  { key: "description", header: "资源描述", required: true },
  { key: "visibility", header: "公开范围", required: false },
] as const;

export const resourceCategoryWords: Record<string, string> = {
  阵地: "venue",
  实践基地: "practice_base",
  农产品: "produce",
  文化: "culture",
  培训: "training",
  专业人才: "expertise",
  资金: "funds",
  志愿者: "volunteers",
  设备: "equipment",
  其他: "other",
};

export interface ResourceImportFields {
  category: string;
  title: string;
  description: string;
  visibility: string;
}
export type ResourceWrite = HelpWrite<ResourceImportFields & { orgId: number }, UpdateResourceBody>;

const shape = createResourceBody.shape;

export const resourceHeaderProblem = (cells: SheetRow["cells"]) => headerProblemOf(resourceColumns, cells);

export function parseResourceRow(row: SheetRow): ParsedHelpRow<ResourceImportFields> {
  const r = rowReader(resourceColumns, row);
  const fields: Partial<ResourceImportFields> = {
    category: r.word("category", resourceCategoryWords, null),
    title: r.schemaText("title", shape.title),
    description: r.schemaText("description", shape.description),
    visibility: r.word("visibility", visibilityWords, "region"),
  };
  const org = r.text("org");
  return { row: row.number, problems: r.problems, fields, org: org === null ? null : orgRefText(org) };
}

export function checkResourceRows(
  db: Kysely<DB>,
  actor: Actor,
  parsed: readonly ParsedHelpRow<ResourceImportFields>[],
): Promise<CheckedRow<ResourceWrite>[]> {
  return checkHelpRows<ResourceImportFields, ResourceRow, UpdateResourceBody>(db, actor, parsed, {
    existing: (orgIds, titles) => helpDirectory(db).resourcesByOrgAndTitle(orgIds, titles),
    update: resourcePolicy.update,
    compare(s, f) {
      const body: UpdateResourceBody = {};
      const changes: string[] = [];
      if (s.category !== f.category) {
        body.category = f.category as UpdateResourceBody["category"];
        changes.push("category");
      }
      if (s.description !== f.description) {
        body.description = f.description;
        changes.push("description");
      }
      if (s.visibility !== f.visibility) {
        body.visibility = f.visibility as UpdateResourceBody["visibility"];
        changes.push("visibility");
      }
      return { changes, body };
    },
  });
}

/** Writes the checked rows through the needs module's own commands (resource.create, resource.update). */
export async function writeResourceRows(
  trx: Kysely<DB>,
  actor: Actor,
  commands: NeedsService["commands"],
  rows: readonly CheckedRow<ResourceWrite>[],
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const r of rows) {
    const w = r.write;
    if (!w) continue;
    if ("create" in w) {
      const f = w.create;
      await runCommand(trx, actor, commands.createResource, {
        orgId: f.orgId,
        category: f.category as never,
        title: f.title,
        description: f.description,
        visibility: f.visibility as never,
      });
      created += 1;
    } else {
      await runCommand(trx, actor, commands.updateResource, w.update);
      updated += 1;
    }
  }
  return { created, updated };
}
