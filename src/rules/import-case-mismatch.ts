// An import whose specifier matches a file only when case is ignored. macOS and Windows file
// systems are case-insensitive, so the app starts on the developer's machine; Linux (containers,
// CI, production) is not, and Node throws ERR_MODULE_NOT_FOUND when the importing module loads.
import { chainFromEntrypoints } from "./startup-path.js";
import { docsUrl, type Finding, type Rule, type RuleContext } from "./types.js";

export const importCaseMismatch = {
  id: "import-case-mismatch",
  defaultSeverity: "error",
  description: "An import matches a file only case-insensitively: it works on macOS and crashes with ERR_MODULE_NOT_FOUND on Linux.",
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const file of ctx.graph.files) {
      for (const site of ctx.graph.modules.get(file)?.sites ?? []) {
        if (!site.caseMismatch || !site.target || site.kind === "type") continue;
        const { entrypoints, chain } = chainFromEntrypoints(ctx, file);
        const actual = ctx.rel(site.target);
        findings.push({
          rule: "import-case-mismatch",
          severity: "error",
          file: ctx.rel(file),
          line: site.line,
          column: site.column,
          code: ctx.lineText(file, site.line),
          message: `'${site.specifier}' matches ${actual} only if case is ignored: it loads on macOS and Windows, and on Linux (containers, CI, production) loading ${ctx.rel(file)} throws ERR_MODULE_NOT_FOUND`,
          chain: [...(chain ?? []), { file: ctx.rel(file), line: site.line, note: `imports '${site.specifier}', on disk ${actual}` }],
          fix: `spell the import as the file is named on disk (${actual}); turn on forceConsistentCasingInFileNames so tsc catches the next one`,
          entrypoints,
          key: `import-case-mismatch:${ctx.rel(file)}:${site.specifier}`,
          docs: docsUrl("import-case-mismatch"),
        });
      }
    }
    return findings;
  },
} as const satisfies Rule;
