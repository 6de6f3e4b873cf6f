import assert from "node:assert/strict";
import { test } from "node:test";
import { validateConfig } from "../../src/config/validate.js";

// The configuration's `knowledge` key: entries the user adds to the table, checked on load.
const load = (knowledge: unknown) => validateConfig({ knowledge }, "startup-doctor.config.json");
const failure = (knowledge: unknown): string => {
  try {
    load(knowledge);
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};

test("a well-formed entry is kept as written", () => {
  const entry = { package: "metrics-agent", api: "new Agent().start()", starts: "timer", lazyWhen: [{ option: "autoStart", equals: false }, { calledAfter: "unref" }] };
  assert.deepEqual(load([entry]).knowledge, [entry]);
});

test("each wrong field is one line naming the entry and the field", () => {
  assert.equal(failure({}), 'startup-doctor.config.json: "knowledge" must be an array');
  assert.equal(failure([{ api: "connect()", starts: "connection" }]), 'startup-doctor.config.json: "knowledge[0].package" must be a non-empty string (the npm package name, or node:<module>)');
  assert.equal(failure([{ package: "x", api: "connect", starts: "connection" }]), 'startup-doctor.config.json: "knowledge[0].api" must be a call like "new Client()", "connect()" or "createClient().connect()"');
  assert.equal(failure([{ package: "x", api: "connect()", starts: "socket" }]), 'startup-doctor.config.json: "knowledge[0].starts" must be one of connection, timer, server, worker, request, process, watcher (got "socket")');
  assert.equal(failure([{ package: "x", api: "connect()", starts: "timer", lazyWhen: [{ when: 1 }] }]), 'startup-doctor.config.json: "knowledge[0].lazyWhen[0].when" is not a known key (known: option, equals, argument, is, calledAfter)');
  assert.equal(failure([{ package: "x", api: "connect()", starts: "timer", lazyWhen: [{ is: "number" }] }]), 'startup-doctor.config.json: "knowledge[0].lazyWhen[0]" must be { "option": name, "equals"?: value }, { "argument": index, "is"?: type, "equals"?: value } or { "calledAfter": method }');
  assert.equal(failure([{ package: "x", api: "connect()", starts: "timer", colour: "red" }]), 'startup-doctor.config.json: "knowledge[0].colour" is not a known key (known: package, api, starts, result, versions, alsoAs, lazyWhen, onlyWhen, global, effect, lazy, evidence)');
});
