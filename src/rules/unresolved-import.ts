// An import on the startup path that the project should provide (relative, tsconfig `paths`,
// `#imports`, a workspace subpath) and nothing provides: Node throws ERR_MODULE_NOT_FOUND (ESM) or
// "Cannot find module" (CommonJS) the moment the importing module loads. Off the startup path the
// same miss stays a warning of the report, like any other reading trouble.
import type { ResolvedSite } from "../graph/types.js";
import { chainFromEntrypoints } from "./startup-path.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

/** Assets a bundler or Bun loads (`import styles from "./a.css"`): not a module Node looks for. */
const ASSET = /\.(?:css|scss|sass|less|styl|svg|png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf|eot|mp3|mp4|webm|wav|ogg|html?|md|mdx|txt|graphql|gql|yaml|yml|toml|wasm|vue|svelte|astro|sql|csv|xml|proto|hbs|ejs|pug)(?:\?.*)?$/i;

export const unresolvedImport = {
  id: "unresolved-import",
  defaultSeverity: "error",
  description: "An import on the startup path names a project file that does not exist: the server crashes with ERR_MODULE_NOT_FOUND as it starts.",
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const file of ctx.graph.files) {
      if (!ctx.reach.some((r) => r.via.has(file))) continue;
      for (const site of ctx.graph.modules.get(file)?.sites ?? []) {
        if (!isMissingAtStartup(site)) continue;
        const { entrypoints, chain } = chainFromEntrypoints(ctx, file);
        const esm = site.kind !== "require";
        findings.push({
          rule: "unresolved-import",
          severity: "error",
          file: ctx.rel(file),
          line: site.line,
          column: site.column,
          code: ctx.lineText(file, site.line),
          message: `cannot resolve '${site.specifier}': no file provides it, so loading ${ctx.rel(file)} at startup throws ${esm ? "ERR_MODULE_NOT_FOUND (Cannot find module)" : "Cannot find module (MODULE_NOT_FOUND)"}`,
          chain: [...(chain ?? []), { file: ctx.rel(file), line: site.line, note: `${site.kind} import of '${site.specifier}': nothing there` }],
          fix: `point the import at an existing file (check the path, the extension and the tsconfig paths), or create the module; if a build step generates it, run that step before starting`,
          entrypoints,
          key: `unresolved-import:${ctx.rel(file)}:${site.specifier}`,
          docs: docsUrl("unresolved-import"),
        });
      }
    }
    return findings;
  },
} as const satisfies Rule;

function isMissingAtStartup(site: ResolvedSite): boolean {
  return site.unresolved && site.local === true && site.kind !== "type" && !site.lazy && !ASSET.test(site.specifier);
}
