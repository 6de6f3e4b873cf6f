// The bad-input corpus (issue 10, done when): each case is what an attacker or a clumsy user
// gives; each ends with its exit code, exactly one line on stderr, and an empty or valid stdout.
// No case may end as exit 3 ("internal error": kept for real bugs).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, closeSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { binPath } from "../helpers/cli.ts";

const base = mkdtempSync(join(tmpdir(), "startup-doctor-corpus-"));
after(() => rmSync(base, { recursive: true, force: true }));

/** A small valid project with one cycle; `files` adds or replaces files. */
function project(name: string, files: Record<string, string> = {}): string {
  const dir = join(base, name);
  const all: Record<string, string> = {
    "package.json": JSON.stringify({ name, type: "module", main: "src/index.ts" }),
    "src/index.ts": 'import { a } from "./a.js";\nexport const main = a;\n',
    "src/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
    "src/b.ts": 'import { a } from "./a.js";\nexport const b = () => a;\n',
    "data.json": "{}\n",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const config = (name: string, text: string): string => project(name, { "startup-doctor.config.json": text });

interface Case {
  name: string;
  args: () => string[];
  /** Expected exit code (2 unless said). */
  code?: number;
  stderr: RegExp;
  /** stdout to a file descriptor instead of a pipe (e.g. /dev/full). */
  stdoutTo?: string;
}

const CASES: Case[] = [
  // The project folder
  { name: "a folder that does not exist", args: () => ["scan", join(base, "nope")], stderr: /^startup-doctor: no such directory: / },
  { name: "a file instead of a folder", args: () => ["scan", join(project("file-arg"), "src/a.ts")], stderr: /^startup-doctor: not a directory: .*\(give the project folder\)$/ },
  {
    name: "a folder without sources",
    args: () => {
      const dir = join(base, "no-sources");
      mkdirSync(dir);
      writeFileSync(join(dir, "package.json"), "{}");
      return ["scan", dir];
    },
    stderr: /^startup-doctor: no JavaScript or TypeScript source files found in /,
  },
  { name: "a malformed tsconfig.json", args: () => ["scan", project("bad-tsconfig", { "tsconfig.json": '{ "compilerOptions": { "strict": true\n  "x": 1 } }' })], stderr: /^startup-doctor: tsconfig .* is malformed: ',' expected\. \(line 2, column 3\)$/ },
  { name: "a tsconfig extending a missing file", args: () => ["scan", project("missing-extends", { "tsconfig.json": '{ "extends": "./nope.json" }' })], stderr: /^startup-doctor: tsconfig .*nope\.json/ },
  { name: "--tsconfig naming no file", args: () => ["scan", project("tsconfig-flag"), "--tsconfig", join(base, "nope.json")], stderr: /^startup-doctor: no such tsconfig: / },
  // Flags
  { name: "an unknown --format", args: () => ["scan", project("fmt"), "--format", "yaml"], stderr: /^startup-doctor: --format must be one of pretty, json, sarif, markdown, github \(got 'yaml'\)$/ },
  { name: "a format graph does not write", args: () => ["graph", project("graph-fmt"), "--format", "sarif"], stderr: /^startup-doctor: --format must be one of dot, mermaid, json \(got 'sarif'\)$/ },
  { name: "an unknown --fail-on", args: () => ["scan", project("fail-on"), "--fail-on", "fatal"], stderr: /^startup-doctor: --fail-on must be one of / },
  { name: "a --timeout that overflows the timer", args: () => ["check", project("timeout-big"), "--timeout", "99999999999"], stderr: /^startup-doctor: --timeout must be at most 2147483647 \(got '99999999999'\)$/ },
  { name: "a --timeout that is not a number", args: () => ["check", project("timeout-nan"), "--timeout", "10s"], stderr: /^startup-doctor: --timeout must be a positive whole number \(got '10s'\)$/ },
  { name: "a zero --timeout", args: () => ["check", project("timeout-zero"), "--timeout", "0"], stderr: /^startup-doctor: --timeout must be a positive whole number/ },
  { name: "a fractional --slow", args: () => ["check", project("slow-frac"), "--slow", "1.5"], stderr: /^startup-doctor: --slow must be a positive whole number/ },
  { name: "an absurd --concurrency", args: () => ["check", project("concurrency"), "--concurrency", "100000"], stderr: /^startup-doctor: --concurrency must be at most 64/ },
  { name: "an unknown --runtime", args: () => ["check", project("runtime"), "--runtime", "deno"], stderr: /^startup-doctor: --runtime must be / },
  { name: "--env without a value", args: () => ["check", project("env-pair"), "--env", "PORT"], stderr: /^startup-doctor: --env takes KEY=VALUE \(got 'PORT'\)$/ },
  { name: "two formats on stdout", args: () => ["scan", project("two-stdout"), "--format", "json", "--format", "sarif"], stderr: /^startup-doctor: only one --format can go to stdout/ },
  { name: "--update-baseline with probe", args: () => ["probe", project("probe-baseline"), "--update-baseline"], stderr: /^(startup-doctor: --update-baseline works with scan and check|error: unknown option '--update-baseline')/ },
  // Entrypoints
  { name: "--entry /etc/passwd", args: () => ["scan", project("entry-passwd"), "--entry", "/etc/passwd"], stderr: /^startup-doctor: entry \/etc\/passwd is not a JavaScript or TypeScript source file$/ },
  { name: "--entry data.json", args: () => ["scan", project("entry-json"), "--entry", "data.json"], stderr: /^startup-doctor: entry data\.json is not a JavaScript or TypeScript source file$/ },
  { name: "--entry outside the project", args: () => ["scan", project("entry-outside"), "--entry", join(project("other"), "src/a.ts")], stderr: /^startup-doctor: entry .* is outside the project folder / },
  { name: "--entry that does not exist", args: () => ["scan", project("entry-missing"), "--entry", "src/nope.ts"], stderr: /^startup-doctor: entry not found: src\/nope\.ts$/ },
  // Writes
  { name: "--output that is a directory", args: () => ["scan", project("out-dir"), "--format", "json", "--output", base], stderr: /^startup-doctor: cannot write .*: is a directory \(EISDIR\)$/ },
  { name: "--output under /proc", args: () => ["scan", project("out-proc"), "--format", "json", "--output", "/proc/nope/report.json"], stderr: /^startup-doctor: cannot write \/proc\/nope\/report\.json: / },
  { name: "--output where writing is refused (EACCES)", args: () => ["scan", project("out-eacces"), "--format", "json", "--output", "/sys/startup-doctor.json"], stderr: /^startup-doctor: cannot write \/sys\/startup-doctor\.json: (permission denied \(EACCES\)|read-only file system \(EROFS\))$/ },
  { name: "--output on a full device (ENOSPC)", args: () => ["scan", project("out-enospc"), "--format", "json", "--output", "/dev/full"], stderr: /^startup-doctor: cannot write \/dev\/full: no space left on the device \(ENOSPC\)$/ },
  { name: "stdout on a full device (ENOSPC)", args: () => ["scan", project("stdout-enospc"), "--format", "json"], stdoutTo: "/dev/full", stderr: /^startup-doctor: cannot write to stdout: no space left on the device \(ENOSPC\)$/ },
  { name: "a baseline that cannot be written (EACCES)", args: () => ["scan", project("baseline-eacces"), "--update-baseline", "--baseline", "/sys/startup-doctor-baseline.json"], stderr: /^startup-doctor: cannot write baseline \/sys\/startup-doctor-baseline\.json: / },
  { name: "a baseline on a full device (ENOSPC)", args: () => ["scan", project("baseline-enospc"), "--update-baseline", "--baseline", "/dev/full"], stderr: /^startup-doctor: cannot write baseline \/dev\/full: no space left on the device \(ENOSPC\)$/ },
  { name: "a baseline that is a directory", args: () => ["scan", project("baseline-dir"), "--baseline", base], stderr: /^startup-doctor: cannot read baseline .*: EISDIR$/ },
  { name: "a baseline that is not JSON", args: () => ["scan", project("baseline-json", { "b.json": "{ nope" }), "--baseline", join(base, "baseline-json", "b.json")], stderr: /^startup-doctor: .*b\.json: invalid JSON: / },
  { name: "a missing --baseline", args: () => ["scan", project("baseline-missing"), "--baseline", join(base, "nope.json")], stderr: /^startup-doctor: no such baseline file: / },
  // Configuration
  { name: "a missing --config", args: () => ["scan", project("config-missing"), "--config", join(base, "nope.json")], stderr: /^startup-doctor: no such config file: / },
  { name: "a config that is not JSON", args: () => ["scan", config("config-syntax", '{ "timeout": 5000 "slow": 1 }')], stderr: /^startup-doctor: .*startup-doctor\.config\.json: invalid JSON: ',' expected\. \(line 1, column 19\)$/ },
  { name: "a config that is an array", args: () => ["scan", config("config-array", "[]")], stderr: /^startup-doctor: .*: the config must be a JSON object$/ },
  { name: "__proto__ as a config key", args: () => ["scan", config("key-proto", '{ "__proto__": { "timeout": 1 } }')], stderr: /^startup-doctor: .*: "__proto__" is not a known key/ },
  { name: "hasOwnProperty as a config key", args: () => ["scan", config("key-hasown", '{ "hasOwnProperty": 1 }')], stderr: /"hasOwnProperty" is not a known key/ },
  { name: "constructor as a config key", args: () => ["scan", config("key-constructor", '{ "constructor": {} }')], stderr: /"constructor" is not a known key/ },
  { name: "toString as a config key", args: () => ["scan", config("key-tostring", '{ "toString": "x" }')], stderr: /"toString" is not a known key/ },
  { name: "valueOf as a config key", args: () => ["scan", config("key-valueof", '{ "valueOf": 1 }')], stderr: /"valueOf" is not a known key/ },
  { name: "a misspelt key", args: () => ["scan", config("key-timout", '{ "timout": 5000 }')], stderr: /"timout" is not a known key: did you mean "timeout"\?/ },
  { name: "an unknown rule", args: () => ["scan", config("rule-unknown", '{ "rules": { "import-cycles": "off" } }')], stderr: /"rules\.import-cycles" is not a known rule: did you mean "import-cycle"\?/ },
  { name: "a lone { in an ignore glob", args: () => ["scan", config("glob-brace", '{ "ignore": ["src/{a"] }')], stderr: /"ignore\[0\]" is not a valid glob \(unbalanced \{ \}\): "src\/\{a"$/ },
  { name: "a config timeout that overflows the timer", args: () => ["scan", config("config-timeout", '{ "timeout": 99999999999 }')], stderr: /"timeout" must be at most 2147483647/ },
  { name: "a config baseline outside the project", args: () => ["scan", config("baseline-escape", '{ "baseline": "../../../.bashrc" }'), "--update-baseline"], stderr: /"baseline" points outside the project .*only a path given on the command line may$/ },
  { name: "a package.json key that is not an object", args: () => ["scan", project("pkg-key", { "package.json": JSON.stringify({ name: "k", "startup-doctor": 5 }) })], stderr: /"startup-doctor" must be a JSON object$/ },
];

// The default baseline file linked out of the project: --update-baseline must not write through it.
CASES.push({
  name: "the default baseline file linked outside the project",
  args: () => {
    const dir = project("baseline-link");
    writeFileSync(join(base, "victim.json"), "{}");
    symlinkSync(join(base, "victim.json"), join(dir, ".startup-doctor-baseline.json"));
    return ["scan", dir, "--update-baseline"];
  },
  stderr: /^startup-doctor: \.startup-doctor-baseline\.json leads outside the project .*; give --baseline <file> to choose one$/,
});

function run(args: string[], stdoutTo?: string): { code: number | null; stdout: string; stderr: string } {
  const fd = stdoutTo ? openSync(stdoutTo, "w") : undefined;
  try {
    const r = spawnSync(process.execPath, [binPath, ...args], {
      env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" },
      encoding: "utf8",
      stdio: ["ignore", fd ?? "pipe", "pipe"],
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

test(`the corpus holds at least 30 bad inputs (${CASES.length})`, () => {
  assert.ok(CASES.length >= 30);
});

for (const c of CASES) {
  test(`bad input: ${c.name}`, () => {
    const r = run(c.args(), c.stdoutTo);
    assert.notEqual(r.code, 3, `exit 3 is for bugs: ${r.stderr}`);
    assert.equal(r.code, c.code ?? 2, r.stderr);
    const lines = r.stderr.replace(/\n$/, "").split("\n");
    assert.equal(lines.length, 1, `one stderr line: ${JSON.stringify(r.stderr)}`);
    assert.match(lines[0], c.stderr);
    assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+|internal error/);
    if (r.stdout !== "") assert.doesNotThrow(() => JSON.parse(r.stdout), `stdout is empty or JSON: ${r.stdout.slice(0, 200)}`);
  });
}
