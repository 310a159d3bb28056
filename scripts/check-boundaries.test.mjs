import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { checkBoundaries, importSpecifiers } from "./check-boundaries.mjs";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "check-boundaries.mjs");
const made = [];

/** A source tree in a temp dir: { "features/a/x.ts": "…" }. */
function tree(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "boundaries-"));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const brokenAt = (dir) => checkBoundaries(dir).map((v) => `${path.relative(dir, v.file)}:${v.line}`);

describe("check-boundaries", () => {
  it("accepts features that use only themselves, components/ and lib/, and an app/ that composes them", () => {
    const dir = tree({
      "lib/auth/me.ts": 'import { api } from "../api/client.ts";\nexport const me = api;',
      "lib/api/client.ts": "export const api = {};",
      "components/Picker.tsx": 'import { me } from "../lib/auth/me.ts";',
      "features/members/api/queries.ts": 'import { api } from "../../../lib/api/client.ts";',
      "features/members/pages/MembersPage.tsx": [
        'import { Picker } from "../../../components/Picker.tsx";',
        'import { membersQueries } from "../api/queries.ts";',
        'import { useQuery } from "@tanstack/react-query";',
        '// import { x } from "../../orgs/api/queries.ts";  (a comment is not an import)',
        'const link = "https://example.org/features/orgs";',
      ].join("\n"),
      "features/orgs/pages/OrgsPage.tsx": 'export default function OrgsPage() { return "../../members/x.ts"; }',
      "app/router.tsx": 'const M = lazy(() => import("../features/members/pages/MembersPage.tsx"));',
      "main.tsx": 'import "./app/router.tsx";',
    });
    expect(checkBoundaries(dir)).toEqual([]);
    expect(() => execFileSync(process.execPath, [script, dir], { stdio: "pipe" })).not.toThrow();
  });

  it("rejects a feature importing another feature, statically, by re-export or lazily, with file and line", () => {
    const dir = tree({
      "features/orgs/components/OrgSelect.tsx": "export const OrgSelect = 1;",
      "features/members/components/Filters.tsx": [
        'import { Badge } from "antd";',
        "import {",
        "  OrgSelect,",
        '} from "../../orgs/components/OrgSelect.tsx";',
      ].join("\n"),
      "features/members/index.ts": 'export * from "../orgs/components/OrgSelect.tsx";',
      "features/users/pages/Roles.tsx": '\n\nconst P = lazy(() => import("../../orgs/components/OrgSelect.tsx"));',
    });
    expect(brokenAt(dir)).toEqual([
      "features/members/components/Filters.tsx:4",
      "features/members/index.ts:1",
      "features/users/pages/Roles.tsx:3",
    ]);
    expect(checkBoundaries(dir)[0]?.rule).toMatch(/features\/members imports features\/orgs/);
  });

  it("rejects shared parts that import a feature or the app, and a feature that imports the app", () => {
    const dir = tree({
      "features/auth/me.ts": "export const me = 1;",
      "app/layout/Nav.tsx": "export const Nav = 1;",
      "lib/abilities.ts": 'import type { Me } from "../features/auth/me.ts";',
      "components/Header.tsx": 'import { Nav } from "../app/layout/Nav.tsx";',
      "features/orgs/OrgsPage.tsx": 'import { Nav } from "../../app/layout/Nav.tsx";',
    });
    expect(brokenAt(dir)).toEqual(["components/Header.tsx:1", "features/orgs/OrgsPage.tsx:1", "lib/abilities.ts:1"]);
  });

  it("exits non-zero and names file, line and rule when run as the lint step", () => {
    const dir = tree({ "features/a/x.ts": 'import { y } from "../b/y.ts";', "features/b/y.ts": "export const y = 1;" });
    let output = "";
    let status = 0;
    try {
      execFileSync(process.execPath, [script, dir], { stdio: "pipe", encoding: "utf8" });
    } catch (error) {
      status = error.status;
      output = error.stderr;
    }
    expect(status).toBe(1);
    expect(output).toMatch(/features[/\\]a[/\\]x\.ts:1: "\.\.\/b\/y\.ts" — features\/a imports features\/b/);
  });

  it("reads every form of import specifier and ignores those in comments", () => {
    const text = [
      'import a from "./a.ts";',
      'import type { B } from "./b.ts";',
      'export { c } from "./c.ts";',
      'import "./d.css";',
      "/* import e from './e.ts'; */",
      "const f = await import('./f.ts');",
    ].join("\n");
    expect(importSpecifiers(text).map((s) => `${s.line}:${s.specifier}`)).toEqual([
      "1:./a.ts",
      "2:./b.ts",
      "3:./c.ts",
      "4:./d.css",
      "6:./f.ts",
    ]);
  });
});
