// Regenerates convex/_generated/api.{js,d.ts} without a Convex deployment.
//
// `npx convex codegen` needs a configured deployment, which CI and offline
// checkouts of this example do not have. This script drives the same
// templates the Convex CLI uses (`apiCodegen` + the CLI's module discovery
// rules) and formats the output with prettier, so the result is identical
// to what `npx convex dev` writes. dataModel.d.ts and server.{js,d.ts} do not
// depend on the list of modules and are committed as generated.
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
// Not part of convex's public exports, so load the file by path.
const { apiCodegen } = require(
  path.join(root, "node_modules/convex/dist/cjs/cli/codegen_templates/api.js"),
);
const functionsDir = path.join(root, "convex");

/** Mirrors the CLI's entry point rules: .ts/.js files, no schema, no dotfiles, one dot only. */
function entryPoints(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "_generated" && !name.startsWith(".")) out.push(...entryPoints(full));
      continue;
    }
    if (!/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(name) || name.endsWith(".d.ts")) continue;
    if (name.startsWith(".") || name.startsWith("#")) continue;
    if (name === "schema.ts" || name === "schema.js") continue;
    if (name.split(".").length > 2) continue;
    out.push(path.relative(functionsDir, full).split(path.sep).join("/"));
  }
  return out;
}

const modules = entryPoints(functionsDir).sort();
const { JS, DTS } = apiCodegen(modules, { useTypeScript: false });
for (const [file, source] of [["api.js", JS], ["api.d.ts", DTS]]) {
  const formatted = await prettier.format(source, { parser: "typescript" });
  writeFileSync(path.join(functionsDir, "_generated", file), formatted);
  console.log(`wrote convex/_generated/${file} (${modules.length} modules)`);
}
