import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEnv } from "node:util";
import { parseEnvFile } from "../../src/probe/index.ts";
import { parseEnvFallback } from "../../src/probe/env-file.ts";

test("parseEnvFile reads KEY=VALUE lines, quotes, export and comments", () => {
  const text = [
    "# comment",
    "",
    "PORT=3000",
    "export HOST=127.0.0.1",
    "NAME='single # not a comment'",
    'GREETING="hello\\nworld"',
    "TRAILING=value # comment",
    "EMPTY=",
    "not a line",
  ].join("\n");
  assert.deepEqual(parseEnvFile(text), {
    PORT: "3000",
    HOST: "127.0.0.1",
    NAME: "single # not a comment",
    GREETING: "hello\nworld",
    TRAILING: "value",
    EMPTY: "",
  });
});

// Documented dotenv forms: the fallback for Node 20 releases without util.parseEnv (before 20.12)
// must read them exactly as Node does.
const DOTENV_CORPUS: Record<string, string> = {
  basic: "A=1\nB = two \nexport C=3\n# comment\n\nD=\nE=x # comment\nF='s # not'\nG=\"d\\nq\"\nH=`bt`\nI='a\\nb'",
  "multi-line values in each quote": 'K="line1\nline2"\nL=after\nM=\'x\ny\'\nN=`p\nq`\nO="a\\nb\nc"',
  "CRLF line ends": 'A=1\r\nB="x\r\ny"\r\nC=3\r\n',
  "the last definition wins": "A=1\nA=2",
  "key characters": "A.B=1\nA-B=2\n1A=3\na_b=4",
  "values with = and spaces": "E=a=b=c\nK= a b  c \nG=  'sp' \nH=\"\"\nI='#hash'\nJ=#x",
  "private key block": 'PRIVATE_KEY="-----BEGIN KEY-----\nMIIB\nAAAA\n-----END KEY-----"\nNEXT=1',
};

test("the fallback parser reads every documented form exactly as util.parseEnv", { skip: typeof parseEnv !== "function" ? "this Node has no util.parseEnv to compare with" : false }, () => {
  for (const [name, text] of Object.entries(DOTENV_CORPUS)) assert.deepEqual(parseEnvFallback(text), { ...parseEnv(text) }, name);
});

test("multi-line values survive (the old line-by-line parser cut them at the first newline)", () => {
  const text = DOTENV_CORPUS["private key block"] as string;
  const expected = { PRIVATE_KEY: "-----BEGIN KEY-----\nMIIB\nAAAA\n-----END KEY-----", NEXT: "1" };
  assert.deepEqual(parseEnvFile(text), expected);
  assert.deepEqual(parseEnvFallback(text), expected);
});
