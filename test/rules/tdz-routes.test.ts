// The routes a tdz-risk chain shows: in a component too large for a full BFS per finding, a near
// route is still the shortest, and a far one goes through one root: a real chain of imports from
// the read module to the reader, the shortest one when the root lies on a shortest route.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GraphEdge, ModuleGraph } from "../../src/graph/types.ts";
import { routeFinder, type Route } from "../../src/rules/tdz/routes.ts";

function graphOf(edges: Array<[string, string]>): ModuleGraph {
  const byFrom = new Map<string, GraphEdge[]>();
  edges.forEach(([from, to], i) => {
    const edge: GraphEdge = { from, to, line: i + 1, kind: "static", specifier: `./${to}`, lazy: false, awaited: false, runtime: true };
    byFrom.set(from, [...(byFrom.get(from) ?? []), edge]);
  });
  const files = [...new Set(edges.flat())].sort();
  return { root: "/", files, modules: new Map(), edges: byFrom, warnings: [] };
}

const hops = (r: Route): string[] => [...r.head, ...r.tail].map((e) => `${e.from}>${e.to}`);

test("a loop: near routes and routes around the loop are the exact ones, head and tail as the full BFS gives them", () => {
  const n = 50;
  const name = (i: number): string => `m${String(i).padStart(2, "0")}`;
  const graph = graphOf(Array.from({ length: n }, (_, i) => [name(i), name((i + 1) % n)] as [string, string]));
  const members = new Set(graph.files);
  const exact = routeFinder(graph, members, "m00", 3);
  const viaRoot = routeFinder(graph, members, "m00", 3, { exactMax: 10, nearBudget: 5 });
  for (const [from, to] of [["m01", "m00"], ["m00", "m49"], ["m10", "m09"], ["m30", "m32"], ["m47", "m02"], ["m48", "m46"]]) {
    assert.deepEqual(hops(viaRoot(from!, to!)), hops(exact(from!, to!)), `${from} -> ${to}`);
    assert.equal(viaRoot(from!, to!).length, exact(from!, to!).length);
  }
  assert.deepEqual(viaRoot("m05", "m05"), { length: 0, head: [], tail: [] });
});

test("any strongly connected graph: the route through the root starts at `from`, ends at `to`, and its hops are imports", () => {
  // Two loops sharing m0, with chords: several routes, the root not always on the shortest one.
  const edges: Array<[string, string]> = [["m0", "a1"], ["a1", "a2"], ["a2", "a3"], ["a3", "m0"], ["m0", "b1"], ["b1", "b2"], ["b2", "b3"], ["b3", "b4"], ["b4", "m0"], ["a2", "b3"], ["b2", "a1"]];
  const graph = graphOf(edges);
  const members = new Set(graph.files);
  const exact = routeFinder(graph, members, "m0", 1);
  const viaRoot = routeFinder(graph, members, "m0", 1, { exactMax: 2, nearBudget: 1 });
  const isEdge = new Set(edges.map(([a, b]) => `${a}>${b}`));
  for (const from of members) {
    for (const to of members) {
      if (from === to) continue;
      const route = viaRoot(from, to);
      assert.ok(route.length >= exact(from, to).length, `${from} -> ${to}`);
      assert.equal(route.head[0]!.from, from);
      assert.equal((route.tail.at(-1) ?? route.head.at(-1))!.to, to);
      assert.ok(hops(route).every((h) => isEdge.has(h)), hops(route).join(" "));
      if (route.tail.length === 0) {
        assert.equal(route.head.length, route.length);
        for (let i = 1; i < route.head.length; i++) assert.equal(route.head[i]!.from, route.head[i - 1]!.to);
      } else {
        assert.equal(route.head.length, 1);
        assert.equal(route.tail.length, 1);
      }
    }
  }
});
