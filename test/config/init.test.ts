import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/validate.ts";
import { runCli } from "../helpers/cli.ts";

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(`${tmpdir()}/sd-init-`);
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(`${dir}/${file}`.replace(/\/[^/]+$/, ""), { recursive: true });
    writeFileSync(`${dir}/${file}`, text);
  }
  return dir;
}

const read = (file: string): string => readFileSync(file, "utf8");

test("init shows both files, then writes a valid config and a workflow that uploads SARIF", () => {
  const dir = project({ "package.json": '{"name":"app"}', "package-lock.json": "{}", ".git/HEAD": "ref: refs/heads/main\n" });
  const r = runCli(["init", dir, "--yes"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^create: .*startup-doctor\.config\.json\n {4}\{/);
  assert.match(r.stdout, /\ncreate: .*\.github\/workflows\/startup-doctor\.yml\n {4}# Written by `startup-doctor init`/);
  assert.match(r.stdout, /\nwrote .*startup-doctor\.config\.json\nwrote .*startup-doctor\.yml\n/);
  const config = validateConfig(JSON.parse(read(`${dir}/startup-doctor.config.json`)), "startup-doctor.config.json");
  assert.equal(config.rules?.["tla-deadlock"], "error");
  const workflow = read(`${dir}/.github/workflows/startup-doctor.yml`);
  assert.match(workflow, /then\n\s+npm ci --ignore-scripts\n\s+else\n\s+npm ci\n\s+fi\n/, "no install script runs for a fork's scan");
  assert.match(workflow, /STARTUP_DOCTOR_COMMAND: \$\{\{ github\.event\.pull_request\.head\.repo\.fork && 'scan' \|\| 'check' \}\}/);
  assert.match(workflow, /RUNS YOUR PROJECT'S CODE/);
  const parsed = parseYaml(workflow) as { jobs: Record<string, { steps: unknown[] }> };
  assert.equal(parsed.jobs["startup-doctor"].steps.length, 5, "valid YAML");
  assert.match(workflow, /if: \$\{\{ !cancelled\(\) && !github\.event\.pull_request\.head\.repo\.fork \}\}\n\s+continue-on-error: true\n/);
  assert.match(workflow, /npx --yes startup-doctor@\d+\.\d+\.\d+\S* "\$STARTUP_DOCTOR_COMMAND" \.\n\s+--format sarif --output startup-doctor\.sarif\n\s+--format markdown --output "\$GITHUB_STEP_SUMMARY"\n\s+--format pretty\n/);
  assert.match(workflow, /uses: github\/codeql-action\/upload-sarif@v3\n\s+with:\n\s+sarif_file: startup-doctor\.sarif\n/);
  assert.match(workflow, /security-events: write/);
});

test("init never overwrites an existing file without --force, and does with it", () => {
  const dir = project({ "package.json": '{"name":"app"}', "startup-doctor.config.json": '{"timeout": 1234}\n' });
  const keep = runCli(["init", dir, "--yes"]);
  assert.equal(keep.code, 0, keep.stderr);
  assert.match(keep.stdout, /^keep \(exists; --force to overwrite\): .*startup-doctor\.config\.json\ncreate: /);
  assert.equal(read(`${dir}/startup-doctor.config.json`), '{"timeout": 1234}\n');
  assert.ok(existsSync(`${dir}/.github/workflows/startup-doctor.yml`), "the missing workflow is still written");

  const again = runCli(["init", dir, "--yes"]);
  assert.match(again.stdout, /Nothing to write\.\n$/);

  const force = runCli(["init", dir, "--yes", "--force"]);
  assert.equal(force.code, 0, force.stderr);
  assert.match(force.stdout, /^overwrite: .*startup-doctor\.config\.json\n/);
  assert.notEqual(read(`${dir}/startup-doctor.config.json`), '{"timeout": 1234}\n');
});

test("in a monorepo package the workflow goes to the repository root and works in the package folder", () => {
  const repo = project({ ".git/HEAD": "ref: refs/heads/main\n", "pnpm-lock.yaml": "", "packages/api/package.json": '{"name":"api"}' });
  const r = runCli(["init", `${repo}/packages/api`, "--yes"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(`${repo}/packages/api/startup-doctor.config.json`));
  assert.ok(!existsSync(`${repo}/packages/api/.github`));
  const workflow = read(`${repo}/.github/workflows/startup-doctor.yml`);
  assert.match(workflow, /\n\s+corepack enable && pnpm install --frozen-lockfile\n\s+fi\n\s+- name: startup-doctor\n/, "installs where the lockfile is");
  assert.match(workflow, /--format pretty\n\s+working-directory: packages\/api\n/);
  assert.match(workflow, /sarif_file: packages\/api\/startup-doctor\.sarif/);
});

test("init on a missing folder is a one-line error", () => {
  const r = runCli(["init", "/nonexistent/sd-init", "--yes"]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "startup-doctor: no such directory: /nonexistent/sd-init\n");
});
