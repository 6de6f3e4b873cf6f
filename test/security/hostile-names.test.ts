// Hostile file names through every output format (issue 10, done when): no workflow command, no
// raw HTML, no broken block; SARIF and JSON keep the names exactly.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { runCli } from "../helpers/cli.ts";
import { makeHostileProject } from "./hostile-project.ts";

const project = makeHostileProject();
after(() => project.cleanup());

const CI_ENV = { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: project.dir, GITHUB_SERVER_URL: "https://github.example", GITHUB_REPOSITORY: "o/r", GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567" };
const run = (command: string, format: string): { code: number | null; stdout: string; stderr: string } => runCli([command, ".", "--format", format], { cwd: project.dir, env: CI_ENV });

/** Our own annotation lines: properties escaped, so the first `::` after the command ends them. */
const ANNOTATION = /^::(error|warning|notice) [^:\n]*::[^\n]*$/;
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test("pretty under GitHub Actions: no workflow command from a name, no terminal control character", () => {
  const r = run("scan", "pretty");
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.split("\n");
  const annotations = lines.filter((l) => ANNOTATION.test(l));
  const prettyPart = lines.filter((l) => !ANNOTATION.test(l));
  assert.ok(annotations.length >= 1 && annotations.length <= 10, "our own annotations, capped");
  assert.ok(prettyPart.some((l) => l.includes("exe.ts")), "the names are shown");
  for (const line of prettyPart) {
    assert.doesNotMatch(line, /::|##\[/, `a workflow command in: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, TERMINAL_CONTROLS, `a control character in: ${JSON.stringify(line)}`);
  }
  assert.match(r.stdout, /src\/evil\\n:\u200b:error file=x,line=1:\u200b:pwned/, "a newline in a name is shown as \\n");
});

test("github annotations: every line is one of ours, ranked and capped at 10 with one summary", () => {
  const r = run("scan", "github");
  const lines = r.stdout.trimEnd().split("\n");
  assert.ok(lines.length <= 10);
  for (const line of lines) assert.match(line, ANNOTATION);
  assert.match(lines[lines.length - 1], /^::notice title=startup-doctor::\d+ more problem\(s\) not annotated here/);
  assert.match(lines[0], /^::error /, "errors first");
});

/** Lines outside fenced blocks, with inline code spans removed; fails on a fence left open. */
function markdownOutsideCode(text: string): { prose: string[]; mermaid: string[][] } {
  const prose: string[] = [];
  const mermaid: string[][] = [];
  let fence: { ticks: number; lang: string; body: string[] } | null = null;
  for (const line of text.split("\n")) {
    if (fence) {
      const close = /^(`{3,})\s*$/.exec(line);
      if (close && close[1].length >= fence.ticks) {
        if (fence.lang === "mermaid") mermaid.push(fence.body);
        fence = null;
      } else fence.body.push(line);
      continue;
    }
    const open = /^(`{3,})(\w*)\s*$/.exec(line);
    if (open) {
      fence = { ticks: open[1].length, lang: open[2], body: [] };
      continue;
    }
    prose.push(line.replace(/(`+)(?!`)(.*?[^`])\1(?!`)/g, "").replace(/(`+) \1/g, ""));
  }
  assert.equal(fence, null, "every fenced block is closed");
  return { prose, mermaid };
}

const MERMAID_LINE = /^(flowchart (LR|TD)|  [mp]\d+\["[^"<>`]*"\]|  [mp]\d+ -(->|\.->)\|("[^"<>`]*"|\w+|\d+)\| [mp]\d+|  classDef \w+ [\w:#,-]+|  class [mp\d,]+ \w+|  linkStyle [\d,]+ [\w:#,-]+|  gap\d+\(\["[^"<>`]*"\]\))$/;

test("markdown: no raw HTML but our details blocks, no @mention, no heading from a name, every block closed", () => {
  const r = run("scan", "markdown");
  assert.equal(r.code, 1, r.stderr);
  const { prose, mermaid } = markdownOutsideCode(r.stdout);
  for (const line of prose) {
    const html = line.replace(/<\/?(details|summary)>/g, "");
    assert.doesNotMatch(html, /</, `raw HTML in: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, /(^|[^\w`])@\w/, `a mention in: ${JSON.stringify(line)}`);
    if (line.startsWith("#")) assert.match(line, /^(## startup-doctor |### (Probes|Findings)$|#### )/, `a heading from a name: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, TERMINAL_CONTROLS);
  }
  assert.ok(mermaid.length >= 1, "the cycle is drawn");
  for (const block of mermaid) for (const line of block) assert.match(line, MERMAID_LINE, `mermaid: ${JSON.stringify(line)}`);
  assert.match(r.stdout, /\]\(https:\/\/github\.example\/o\/r\/blob\/0123456789abcdef0123456789abcdef01234567\/src\/index\.ts\)/, "links to the file at the commit");
});

test("mermaid graph: every line is a node, an edge or a style; labels cannot break out", () => {
  const r = run("graph", "mermaid");
  assert.equal(r.code, 0, r.stderr);
  for (const line of r.stdout.trimEnd().split("\n")) assert.match(line, MERMAID_LINE, JSON.stringify(line));
  assert.doesNotMatch(r.stdout, /%%/, "no directive or comment");
});

test("SARIF and JSON keep every name exactly", () => {
  const sarif = JSON.parse(run("scan", "sarif").stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
  const uris = new Set(sarif.runs[0].results.flatMap((x) => x.locations.map((l) => decodeURIComponent(l.physicalLocation.artifactLocation.uri))));
  for (const file of project.files) assert.ok(uris.has(file), `SARIF names ${JSON.stringify(file)}`);
  const json = JSON.parse(run("scan", "json").stdout) as { findings: Array<{ file: string }> };
  const files = new Set(json.findings.map((f) => f.file));
  for (const file of project.files) assert.ok(files.has(file), `JSON names ${JSON.stringify(file)}`);
});
