import assert from "node:assert/strict";
import { test } from "node:test";
import { mdCode, mdFence, mdText, mdUrlPath } from "../../src/report/escape/markdown.ts";
import { mermaidLabel } from "../../src/report/escape/mermaid.ts";
import { terminalSafeReport, terminalText } from "../../src/report/escape/terminal.ts";
import { escapeData, escapeProperty } from "../../src/report/escape/workflow.ts";
import { scanReport } from "./sample-reports.ts";

test("terminal: controls become visible text; workflow commands are defused only in a CI log", () => {
  assert.equal(terminalText("a\nb\r\u001b[2Jc\u0007\u202e", { ciLog: false }), "a\\nb\\r\\e[2Jc\\u{7}\\u{202e}");
  assert.equal(terminalText("\u009b31m", { ciLog: false }), "\\u{9b}31m", "the one-byte CSI");
  assert.equal(terminalText("::error::x ##[set-env]", { ciLog: false }), "::error::x ##[set-env]");
  assert.equal(terminalText("::error::x ##[set-env] ##vso[task]", { ciLog: true }), ":\u200b:error:\u200b:x #\u200b#[set-env] #\u200b#vso[task]");
  assert.equal(terminalText("line 1\nline 2\r\n\u001b[2J", { ciLog: false, multiline: true }), "line 1\nline 2\n\\e[2J", "the app's output keeps its lines");
  // Its colours go (a coloured logger's `\e[33mwarn\e[39m` is noise); what removing them joins up is still escaped.
  assert.equal(terminalText("\u001b[33mwarn\u001b[39m: no SMTP\n\u001b\u001b[31m[2Jx", { ciLog: false, multiline: true }), "warn: no SMTP\n\\e[2Jx");
  assert.equal(terminalText("tab\there", { ciLog: false }), "tab\there");
});

test("terminal: every string of a report is escaped, structure and numbers kept, the input untouched", () => {
  const hostile = { ...scanReport, findings: scanReport.findings.map((f) => ({ ...f, file: `${f.file}\n::error::x` })) };
  const safe = terminalSafeReport(hostile, { ciLog: true });
  assert.equal(safe.findings[0].file, `${scanReport.findings[0].file}\\n:\u200b:error:\u200b:x`);
  assert.equal(safe.findings[0].line, scanReport.findings[0].line);
  assert.equal(safe.findings.length, hostile.findings.length);
  assert.equal(hostile.findings[0].file, `${scanReport.findings[0].file}\n::error::x`);
});

test("markdown: text cannot become HTML, a link, a heading or a mention; code spans and fences cannot be closed", () => {
  assert.equal(mdText("<img src=x> [a](b) *x* @octocat a|b"), "&lt;img src=x> \\[a\\](b) \\*x\\* @\u200boctocat a\\|b");
  assert.equal(mdText("## title\nnext"), "\\## title next");
  assert.equal(mdText("1. item"), "1\\. item");
  assert.equal(mdText("see https://evil.test"), "see https:\u200b//evil.test");
  assert.equal(mdCode("a`b"), "``a`b``");
  assert.equal(mdCode("```x"), "```` ```x ````");
  assert.equal(mdCode("line\n\n## h"), "`line  ## h`");
  assert.deepEqual(mdFence("const a = 1;\n````\n", "ts"), ["`````ts", "const a = 1;", "````", "", "`````"]);
  assert.deepEqual(mdFence("x", "js"), ["```js", "x", "```"]);
  assert.equal(mdUrlPath("src/a b/(x).ts"), "src/a%20b/%28x%29.ts");
});

test("mermaid: a label cannot end itself, add a node, a directive or HTML", () => {
  assert.equal(mermaidLabel('a"]; click m0 href "x"'), "a#34;#93;#59; click m0 href #34;x#34;");
  assert.equal(mermaidLabel("%%{init}%% <b>`x`</b>\n"), "#37;#37;#123;init#125;#37;#37; #60;b#62;#96;x#96;#60;/b#62; ");
});

test("workflow commands: data and properties escaped as the runner unescapes them", () => {
  assert.equal(escapeData("50% done\r\nnext: a,b\u001b[31m"), "50%25 done%0D%0Anext: a,b[31m");
  assert.equal(escapeProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
});
