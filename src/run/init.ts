// `init`: a starter startup-doctor.config.json in the project folder and a GitHub Actions
// workflow at the repository root. Plans first (so the CLI can show it), writes only on request,
// and never replaces an existing file unless forced.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
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

/** Install commands per lockfile: [with lifecycle scripts, without them (nothing of the project runs)]. */
const LOCKFILES: Array<[string[], string, string]> = [
  [["pnpm-lock.yaml"], "corepack enable && pnpm install --frozen-lockfile", "corepack enable && pnpm install --frozen-lockfile --ignore-scripts"],
  [["yarn.lock"], "corepack enable && yarn install --immutable", "corepack enable && yarn install --immutable --mode=skip-build"],
  [["bun.lock", "bun.lockb"], "npx --yes bun install --frozen-lockfile", "npx --yes bun install --frozen-lockfile --ignore-scripts"],
  [["package-lock.json"], "npm ci", "npm ci --ignore-scripts"],
];

interface InstallStep {
  command: string;
  noScripts: string;
  inProject: boolean;
}

/** The install command for the lockfile found, run where that lockfile is (project or repository root). */
function installStep(root: string, repo: string): InstallStep {
  for (const dir of root === repo ? [root] : [root, repo]) {
    for (const [names, command, noScripts] of LOCKFILES) {
      if (names.some((n) => existsSync(joinPath(dir, n)))) return { command, noScripts, inProject: dir === root };
    }
  }
  return { command: "npm install", noScripts: "npm install --ignore-scripts", inProject: true };
}

const OWN_VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

function workflow(project: string, install: InstallStep, workingDirectory: string): string {
  const sarif = workingDirectory ? `${workingDirectory}/startup-doctor.sarif` : "startup-doctor.sarif";
  const cd = workingDirectory ? `\n        working-directory: ${workingDirectory}` : "";
  const installCd = install.inProject ? cd : "";
  return `# Written by \`startup-doctor init\`. What it runs, honestly:
# - \`startup-doctor check\` RUNS YOUR PROJECT'S CODE: it scans the import graph, then starts each
#   entrypoint in a timed child process (with the installed dependencies and their install scripts).
#   It does so on pushes to main and on pull requests from branches of this repository.
# - Pull requests from forks carry code nobody has reviewed yet: there it only runs
#   \`startup-doctor scan\`, which reads the code and never runs it, after installing the
#   dependencies with their install scripts switched off.
# Results: annotations on the changed lines, the Security tab (SARIF, skipped where code scanning is
# not available), a summary with diagrams on the run page, and a red check for new problems only:
# known ones are listed in .startup-doctor-baseline.json (\`npx startup-doctor scan ${project} --update-baseline\`).
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
    env:
      STARTUP_DOCTOR_COMMAND: \${{ github.event.pull_request.head.repo.fork && 'scan' || 'check' }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install dependencies
        run: |
          if [ "$STARTUP_DOCTOR_COMMAND" = scan ]; then
            ${install.noScripts}
          else
            ${install.command}
          fi${installCd}
      - name: startup-doctor
        run: >-
          npx --yes startup-doctor@${OWN_VERSION} "$STARTUP_DOCTOR_COMMAND" .
          --format sarif --output startup-doctor.sarif
          --format markdown --output "$GITHUB_STEP_SUMMARY"
          --format pretty${cd}
      - name: Upload SARIF to code scanning
        # Forks get a read-only token, and private repositories need code scanning enabled: the
        # upload never fails the run (the annotations and the summary work without it).
        if: \${{ !cancelled() && !github.event.pull_request.head.repo.fork }}
        continue-on-error: true
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: ${sarif}
          category: startup-doctor
`;
}
