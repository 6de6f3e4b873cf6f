import assert from "node:assert/strict";
import { test } from "node:test";
import { jsonText } from "../../src/report/json-text.js";
import { baselinedReport, checkReport, cleanReport, scanReport } from "./sample-reports.js";

test("the JSON text holds exactly what JSON.stringify holds, for every sample report", () => {
  for (const report of [scanReport, checkReport, baselinedReport, cleanReport]) {
    assert.deepEqual(JSON.parse(jsonText(report)), JSON.parse(JSON.stringify(report)));
  }
});

test("an object of plain values is one line, as JSON.stringify writes it without spaces; deeper data is indented two spaces", () => {
  const text = jsonText({ findings: [{ rule: "tdz-risk", chain: [{ file: "src/a.ts", line: 3, note: "reads v" }, { file: "src/b.ts", line: 1, note: null }] }] });
  assert.equal(
    text,
    [
      "{",
      '  "findings": [',
      "    {",
      '      "rule": "tdz-risk",',
      '      "chain": [',
      '        {"file":"src/a.ts","line":3,"note":"reads v"},',
      '        {"file":"src/b.ts","line":1,"note":null}',
      "      ]",
      "    }",
      "  ]",
      "}",
      "",
    ].join("\n"),
  );
});

test("an array of plain values is one line when it fits in 100 columns, else one item per line", () => {
  assert.equal(jsonText({ entrypoints: ["src/a.ts", "src/b.ts"] }), '{\n  "entrypoints": ["src/a.ts","src/b.ts"]\n}\n');
  const many = Array.from({ length: 12 }, (_, i) => `src/module-${i}.ts`);
  assert.equal(jsonText({ modules: many }), `{\n  "modules": [\n${many.map((m) => `    "${m}"`).join(",\n")}\n  ]\n}\n`);
});

test("what JSON cannot say is left out of objects and null in arrays; toJSON and empty containers as JSON.stringify", () => {
  const value = { a: undefined, b: () => 1, c: [undefined, () => 1, 2], d: { toJSON: () => ({ e: 1 }) }, f: [], g: {}, h: new Date(0) };
  assert.deepEqual(JSON.parse(jsonText(value)), JSON.parse(JSON.stringify(value)));
  assert.equal(jsonText(value), '{\n  "c": [null,null,2],\n  "d": {"e":1},\n  "f": [],\n  "g": {},\n  "h": "1970-01-01T00:00:00.000Z"\n}\n');
});
