// The web app's layers, checked on every import (run by `npm run lint`):
//   features/X/  may import its own folder, components/, lib/ — never another feature, never app/;
//   components/, lib/  shared parts: never features/ or app/ (they would stop being shared);
//   app/, main.tsx     the composition layer (router, layout, providers): may import anything.
// Biome's noRestrictedImports matches specifier text, and "../../orgs/api/x.ts" says nothing about
// which feature it leaves, so imports are resolved to paths here first, as bulletproof-react's
// import/no-restricted-paths zones do. No dependencies: it must run before anything is built.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const sourceFile = /\.(ts|tsx|mts|cts|js|jsx|mjs)$/;

/** Source text with comments blanked out (newlines kept, so offsets still give line numbers). */
export function stripComments(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      while (i < text.length && text[i] !== "\n") {
        out += " ";
        i++;
      }
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      // Strings are copied as they are: a specifier is a string, and "//" in a URL is no comment.
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== "`" && text[j] === "\n")) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const staticImport = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"'\n]+)["']/g;
const dynamicImport = /\bimport\s*\(\s*["']([^"'\n]+)["']\s*\)/g;

/** Every module specifier of a source text, with its 1-based line. */
export function importSpecifiers(text) {
  const code = stripComments(text);
  const found = [];
  for (const pattern of [staticImport, dynamicImport]) {
    for (const m of code.matchAll(pattern)) {
      const at = m.index + m[0].lastIndexOf(m[1]);
      found.push({ specifier: m[1], line: code.slice(0, at).split("\n").length });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** Which layer a path under the source root belongs to: feature (with its name), lib, components, app or root. */
export function layerOf(srcDir, file) {
  const rel = path.relative(srcDir, file).split(path.sep);
  if (rel[0] === "..") return { layer: "outside" };
  if (rel[0] === "features" && rel.length > 2) return { layer: "feature", feature: rel[1] };
  if (rel[0] === "lib" || rel[0] === "components" || rel[0] === "app") return { layer: rel[0] };
  return { layer: "root" };
}

/** The rule an import from `from` to `to` breaks, or null. */
export function brokenRule(from, to) {
  if (from.layer === "feature") {
    if (to.layer === "feature" && to.feature !== from.feature) {
      return `features/${from.feature} imports features/${to.feature}: features do not import each other; move what both need to components/ or lib/`;
    }
    if (to.layer === "app" || to.layer === "root") {
      return `features/${from.feature} imports the app layer: app/ composes features, not the other way round`;
    }
  }
  if ((from.layer === "lib" || from.layer === "components") && to.layer !== from.layer) {
    if (to.layer === "feature")
      return `${from.layer}/ imports features/${to.feature}: shared parts never depend on a feature`;
    if (to.layer === "app" || to.layer === "root")
      return `${from.layer}/ imports the app layer: shared parts never depend on it`;
  }
  return null;
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (sourceFile.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(full);
  }
  return files.sort();
}

/** Every boundary broken under srcDir: { file, line, specifier, rule }, file relative to cwd. */
export function checkBoundaries(srcDir) {
  const root = path.resolve(srcDir);
  const violations = [];
  for (const file of sourceFiles(root)) {
    const from = layerOf(root, file);
    for (const { specifier, line } of importSpecifiers(fs.readFileSync(file, "utf8"))) {
      // Packages (react, @huzhu/contracts) are outside the layers; only relative paths can cross them.
      if (!specifier.startsWith(".")) continue;
      const rule = brokenRule(from, layerOf(root, path.resolve(path.dirname(file), specifier)));
      if (rule) violations.push({ file: path.relative(process.cwd(), file), line, specifier, rule });
    }
  }
  return violations;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srcDir = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../apps/web/src");
  const violations = checkBoundaries(srcDir);
  for (const v of violations) console.error(`${v.file}:${v.line}: "${v.specifier}" — ${v.rule}`);
  if (violations.length > 0) {
    console.error(
      `check-boundaries: ${violations.length} import(s) cross the web app's layers (see docs/architecture.md, Web).`,
    );
    process.exit(1);
  }
}
