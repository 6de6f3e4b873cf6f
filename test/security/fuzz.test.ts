// Fuzz (issue 10, done when): 1,000 source files mutated from the project's own fixtures
// (truncated, nested past the parser's depth, binary bytes, random token swaps, imports rewired
// to each other) in one temp project, scanned once: no crash, no exit 3, a JSON report that every
// reporter renders. A seeded PRNG keeps each run the same (FUZZ_SEED=n tries another).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, test } from "node:test";
import { runCli, repoRoot } from "../helpers/cli.ts";
import { loadReporter, FORMATS } from "../../src/report/index.ts";
import type { ReportV1 } from "../../src/report/types.ts";

const COUNT = 1000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sourcesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory() && name !== "node_modules" && name !== "dist") sourcesUnder(path, out);
    else if (stat.isFile() && /\.[cm]?[jt]sx?$/.test(name) && stat.size < 50_000) out.push(path);
  }
  return out;
}

const TOKEN = /[A-Za-z_$][\w$]*|\d+|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`|\s+|./g;

type Mutation = (text: string, rnd: () => number, name: (i: number) => string) => string | Buffer;

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

const MUTATIONS: Record<string, Mutation> = {
  truncate: (text, rnd) => text.slice(0, Math.floor(rnd() * text.length)),
  swapTokens: (text, rnd) => {
    const tokens = text.match(TOKEN) ?? [];
    for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) {
      const i = Math.floor(rnd() * tokens.length);
      const j = Math.floor(rnd() * tokens.length);
      [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
    }
    return tokens.join("");
  },
  dropTokens: (text, rnd) => (text.match(TOKEN) ?? []).filter(() => rnd() > 0.1).join(""),
  nestParens: (text, rnd) => {
    const depth = 200 + Math.floor(rnd() * 3000);
    return `${text}\nexport const deep = ${"(".repeat(depth)}1${")".repeat(depth)};\n`;
  },
  nestBlocks: (text, rnd) => {
    const depth = 200 + Math.floor(rnd() * 3000);
    return `${text}\nexport function deep() ${"{".repeat(depth)}${"}".repeat(depth)}\n`;
  },
  nestArrows: (text, rnd) => {
    const depth = 100 + Math.floor(rnd() * 900);
    return `export const f = ${"() => (".repeat(depth)}1${")".repeat(depth)};\n${text}`;
  },
  binary: (text, rnd) => {
    const bytes = Buffer.from(text);
    for (let k = 0; k < 1 + Math.floor(rnd() * 16); k++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
    return bytes;
  },
  invalidUtf8: (text, rnd) => Buffer.concat([Buffer.from(text.slice(0, Math.floor(rnd() * text.length))), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(text)]),
  rewireImports: (text, rnd, name) =>
    text.replace(/(from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)(["'])[^"']*\2/g, (_m, head: string, q: string) => `${head}${q}./${name(Math.floor(rnd() * COUNT)).replace(/\.[cm]?[jt]sx?$/, ".js")}${q}`),
  hostileText: (text, rnd) => {
    const bits = ["\u0000", "\u001b[2J", "\u202e", "`", "${", "*/", "/*", "<!--", "-->", "#!", "\r", "\u2028", "@decorator", "await", "import(", "require(", "export *", "\\u{110000}", "/(?<=a)/u", "0x", "1n", "#private"];
    let out = text;
    for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) {
      const at = Math.floor(rnd() * (out.length + 1));
      out = `${out.slice(0, at)}${pick(rnd, bits)}${out.slice(at)}`;
    }
    return out;
  },
};

const dir = mkdtempSync(join(tmpdir(), "startup-doctor-fuzz-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test(`fuzz: ${COUNT} mutated fixture sources in one project, one scan: no crash, no exit 3 (seed ${SEED})`, async () => {
  const rnd = prng(SEED);
  const sources = sourcesUnder(join(repoRoot, "fixtures"));
  assert.ok(sources.length >= 50, `enough seed files (${sources.length})`);
  const kinds = Object.keys(MUTATIONS);
  const names: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const source = sources[Math.floor(rnd() * sources.length)];
    const ext = /\.[cm]?[jt]sx?$/.exec(source)![0];
    names.push(`m${i}-${relative(repoRoot, source).replace(/[^\w.-]+/g, "_").slice(-40).replace(/\.[^.]*$/, "")}${ext}`);
  }
  const used: Record<string, number> = {};
  mkdirSync(join(dir, "src"));
  for (let i = 0; i < COUNT; i++) {
    const source = sources[Math.floor(rnd() * sources.length)];
    let text: string | Buffer = readFileSync(source, "utf8");
    // One to three mutations on top of each other, the import rewiring most often.
    for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
      const kind = rnd() < 0.3 ? "rewireImports" : pick(rnd, kinds);
      used[kind] = (used[kind] ?? 0) + 1;
      text = MUTATIONS[kind](typeof text === "string" ? text : text.toString("latin1"), rnd, (n) => names[n]);
    }
    writeFileSync(join(dir, "src", names[i]), text);
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "fuzz", type: "module", main: `src/${names[0]}` }));
  for (const kind of kinds) assert.ok((used[kind] ?? 0) > 0, `mutation ${kind} was used`);

  const r = runCli(["scan", dir, "--format", "json", "--fail-on", "none", "--scope", "all"]);
  assert.notEqual(r.code, 3, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const report = JSON.parse(r.stdout) as ReportV1;
  assert.ok(report.modules >= COUNT * 0.9, `modules: ${report.modules}`);
  // Every reporter renders the fuzzed report.
  for (const format of FORMATS) {
    const text = (await loadReporter(format))(report, { color: false, ciLog: true });
    assert.equal(typeof text, "string", format);
  }
});
