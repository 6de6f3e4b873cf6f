// A project whose file names attack every output medium: a newline and a workflow command, a
// markdown link, raw HTML and an @mention, a mermaid label break with a click handler and an init
// directive, terminal escape sequences and a bidi override. Made at run time in a temp folder
// (git cannot hold some of these names). They form one runtime import cycle, so each name shows
// up in findings, cycles and diagrams.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const HOSTILE_NAMES = [
  "evil\n::error file=x,line=1::pwned\n::stop-commands::tok.ts",
  "b`](javascript:alert(1))<img src=x onerror=alert(1)> @octocat.ts",
  'c"]; click m0 href "javascript:alert(1)" %%{init: {"securityLevel":"loose"}}%% ```.ts',
  "d\u001b]0;owned\u0007\u001b[2J\u202eexe.ts",
  "e<details open><summary>\n\n## Heading @org-team ##[error]x.ts",
] as const;

export interface HostileProject {
  dir: string;
  files: string[];
  cleanup(): void;
}

export function makeHostileProject(): HostileProject {
  const dir = mkdtempSync(join(tmpdir(), "startup-doctor-hostile-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "hostile", type: "module", main: "src/index.ts" }));
  const spec = (name: string): string => JSON.stringify(`./${name.replace(/\.ts$/, ".js")}`);
  writeFileSync(join(dir, "src", "index.ts"), `import { v0 } from ${spec(HOSTILE_NAMES[0])};\nconsole.log(v0);\n`);
  HOSTILE_NAMES.forEach((name, i) => {
    const next = HOSTILE_NAMES[(i + 1) % HOSTILE_NAMES.length];
    // Each module reads the next one's binding at import time: a runtime cycle, a TDZ read.
    const body = [
      `import { v${(i + 1) % HOSTILE_NAMES.length} } from ${spec(next)};`,
      `// \`\`\`\n// </details> <script>alert(1)</script> @octocat ::error::from-a-comment`,
      `export const v${i} = "::warning::${i}" + String(typeof v${(i + 1) % HOSTILE_NAMES.length});`,
      `export class C${i} { constructor() { void this.init(); } async init(): Promise<void> { await new Promise((r) => setTimeout(r, 1)); } }`,
      `new C${i}();`,
    ];
    writeFileSync(join(dir, "src", name), `${body.join("\n")}\n`);
  });
  return { dir, files: HOSTILE_NAMES.map((n) => `src/${n}`), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
