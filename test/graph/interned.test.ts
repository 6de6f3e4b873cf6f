// The run's interner: `copy` takes facts fresh from the extractors (the inline parse), `intern`
// facts a worker or the cache decoded. Both give trees equal to their input, with one frozen empty
// array for every empty one; `copy` leaves its input alone and keeps an object met twice one object.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createInterner } from "../../src/graph/interned.js";

function facts() {
  const call = { line: 3, column: 5, callee: { kind: "name", name: "createConnectionPool" }, isNew: false, use: "awaited" };
  return {
    sites: [{ specifier: "./a-long-module-specifier.js", names: [], lazy: false }],
    facts: { body: { calls: [call], awaitedCalls: [call], starts: [] }, locals: new Map([["redisClientInstance", "const"]]) },
    syntaxErrors: [],
  };
}

test("copy gives an equal tree, shares the empty arrays and keeps shared objects shared", () => {
  const { copy } = createInterner();
  const input = facts();
  const before = structuredClone(input);
  const out = copy(input);
  assert.deepEqual(out, before);
  assert.deepEqual(input, before, "the input is left as it was");
  assert.notEqual(out, input);
  assert.notEqual(out.facts.body.calls[0], input.facts.body.calls[0]);
  assert.equal(out.facts.body.calls[0], out.facts.body.awaitedCalls[0]);
  assert.ok(out.facts.locals instanceof Map);
  assert.notEqual(out.facts.locals, input.facts.locals);
  assert.ok(Object.isFrozen(out.syntaxErrors));
  assert.equal(out.syntaxErrors, out.facts.body.starts);
  assert.equal(out.sites[0].names, copy(facts()).syntaxErrors, "one empty array for the run");
});

test("intern rewrites its input in place, with the same empty array as copy", () => {
  const { copy, intern } = createInterner();
  const input = facts();
  const before = structuredClone(input);
  const out = intern(input);
  assert.equal(out, input);
  assert.deepEqual({ ...out, syntaxErrors: [...out.syntaxErrors] }, { ...before, syntaxErrors: [] });
  assert.equal(out.syntaxErrors, copy(facts()).syntaxErrors);
});

test("copy clones what is not a plain object, array or Map as a structured clone would", () => {
  const { copy } = createInterner();
  const input = { names: new Set(["a", "b"]) };
  const out = copy(input);
  assert.ok(out.names instanceof Set);
  assert.deepEqual([...out.names], ["a", "b"]);
  assert.notEqual(out.names, input.names);
});
