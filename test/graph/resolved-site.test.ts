// buildGraph joins each import site with its resolution field by field (a spread of the two was a
// slow path per site): every field of either side reaches the module's site, and an optional
// field that neither side has stays absent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { resolvedSite } from "../../src/graph/build.js";
import type { Resolution } from "../../src/graph/resolve.js";
import type { ImportSite, ResolvedSite } from "../../src/graph/types.js";

// Every field a resolved site can carry, each set: a field added to ImportSite, Resolution or
// ResolvedSite without a value here fails to compile.
const everyField: Required<ResolvedSite> = {
  specifier: "./Redis-Client",
  kind: "dynamic",
  line: 12,
  column: 3,
  lazy: true,
  awaited: true,
  enclosingFunction: "connectLater",
  names: ["RedisClient"],
  metadataOnly: true,
  target: "/p/src/redis-client.ts",
  external: false,
  unresolved: false,
  caseMismatch: true,
  local: true,
};

function split(all: Required<ResolvedSite>): { site: ImportSite; resolution: Resolution } {
  const { target, external, unresolved, caseMismatch, local, ...site } = all;
  return { site, resolution: { target, external, unresolved, caseMismatch, local } };
}

test("every field of the site and of its resolution reaches the resolved site", () => {
  const { site, resolution } = split(everyField);
  assert.deepEqual(resolvedSite(site, resolution), everyField);
});

test("optional fields that neither side has are not added", () => {
  const site: ImportSite = { specifier: "ioredis", kind: "static", line: 1, column: 1, lazy: false, awaited: false, names: ["Redis"] };
  const resolution: Resolution = { target: null, external: true, unresolved: false };
  const resolved = resolvedSite(site, resolution);
  assert.deepEqual(resolved, { ...site, ...resolution });
  assert.deepEqual(Object.keys(resolved).sort(), ["awaited", "column", "external", "kind", "lazy", "line", "names", "specifier", "target", "unresolved"]);
});
