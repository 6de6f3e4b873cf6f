// `init`: a starter startup-doctor.config.json in the project folder and a GitHub Actions
// workflow at the repository root. Plans first (so the CLI can show it), writes only on request,
// and never replaces an existing file unless forced.
import { existsSync, statSync, writeFileSync } from "node:fs";
import { ensureDir } from "../util/ensure-dir.js";
import { InputError } from "../util/errors.js";
import { dirOf, joinPath, relativeTo, resolvePath } from "../util/path.js";

export interface PlannedFile {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user (relative to the working directory when inside it). */
  shown: string;
  content: string;
  exists: boolean;
}

export const WORKFLOW_PATH = ".github/workflows/startup-doctor.yml";
export const SCHEMA_PATH = "./node_modules/startup-doctor/schema/startup-doctor.config.schema.json";

export function planInit(dir: string): PlannedFile[] {
  const root = resolvePath(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError(`no such directory: ${dir}`);
  const repo = repositoryRoot(root);
  const project = relativeTo(repo, root);
  const files = [
    { path: joinPath(root, "startup-doctor.config.json"), content: starterConfig() },
    { path: joinPath(repo, WORKFLOW_PATH), content: workflow(project, installStep(root, repo), project === "." ? "" : project) },
  ];
  const cwd = resolvePath(".");
  return files.map((f) => {
    const rel = relativeTo(cwd, f.path);
    return { ...f, shown: rel.startsWith("../") ? f.path : rel, exists: existsSync(f.path) };
  });
}

/** Writes what is missing, or everything with `force`; returns what was written and what was kept. */
export function writeInit(plan: PlannedFile[], force: boolean): { written: PlannedFile[]; kept: PlannedFile[] } {
  const written: PlannedFile[] = [];
  const kept: PlannedFile[] = [];
  for (const f of plan) {
    if (f.exists && !force) {
      kept.push(f);
      continue;
    }
    ensureDir(dirOf(f.path));
    writeFileSync(f.path, f.content);
    written.push(f);
  }
  return { written, kept };
}

function starterConfig(): string {
  const config = {
    // Editors validate and complete the file with the schema shipped in the package.
    $schema: SCHEMA_PATH,
    ignore: ["**/*.test.*", "**/*.spec.*", "**/__tests__/**"],
    rules: {
      "import-cycle": "warning",
      "async-constructor": "warning",
      "import-time-async": "warning",
      "tla-deadlock": "error",
      "tla-cycle-risk": "warning",
      "tdz-risk": "error",
      "unresolved-import": "error",
      "import-case-mismatch": "error",
    },
    timeout: 10000,
    slow: 2000,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** The nearest folder holding .git, else the project itself. */
function repositoryRoot(root: string): string {
  let dir = root;
  for (;;) {
    if (existsSync(joinPath(dir, ".git"))) return dir;
    const parent = dirOf(dir);
    if (parent === dir) return root;
    dir = parent;
  }
}

const LOCKFILES: Array<[string[], string]> = [
  [["pnpm-lock.yaml"], "corepack enable && pnpm install --frozen-lockfile"],
  [["yarn.lock"], "corepack enable && yarn install --immutable"],
  [["bun.lock", "bun.lockb"], "npx --yes bun install --frozen-lockfile"],
  [["package-lock.json"], "npm ci"],
];

/** The install command for the lockfile found, run where that lockfile is (project or repository root). */
function installStep(root: string, repo: string): { command: string; inProject: boolean } {
  for (const dir of root === repo ? [root] : [root, repo]) {
    for (const [names, command] of LOCKFILES) {
      if (names.some((n) => existsSync(joinPath(dir, n)))) return { command, inProject: dir === root };
    }
  }
  return { command: "npm install", inProject: true };
}

function workflow(project: string, install: { command: string; inProject: boolean }, workingDirectory: string): string {
  const sarif = workingDirectory ? `${workingDirectory}/startup-doctor.sarif` : "startup-doctor.sarif";
  const cd = workingDirectory ? `\n        working-directory: ${workingDirectory}` : "";
  const installCd = install.inProject ? cd : "";
  return `# Written by \`startup-doctor init\`. On every pull request: a static scan of the import graph
# (it never runs your code), annotations on the changed lines, results in the Security tab (SARIF),
# a summary with diagrams on the run page, and a red check for new problems only: known ones are
# listed in .startup-doctor-baseline.json (\`npx startup-doctor scan ${project} --update-baseline\`).
# To also start each entrypoint in a timed child process, replace \`scan\` with \`check\`.
name: startup-doctor

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  security-events: write

jobs:
  startup-doctor:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install dependencies
        run: ${install.command}${installCd}
      - name: startup-doctor
        run: >-
          npx --yes startup-doctor scan .
          --format sarif --output startup-doctor.sarif
          --format markdown --output "$GITHUB_STEP_SUMMARY"
          --format pretty${cd}
      - name: Upload SARIF to code scanning
        if: \${{ !cancelled() }}
        # Code scanning needs GitHub Advanced Security on private repositories; the annotations work without it.
        continue-on-error: true
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: ${sarif}
          category: startup-doctor
`;
}
