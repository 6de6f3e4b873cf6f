import assert from "node:assert/strict";
import { test } from "node:test";
import { stronglyConnectedComponents } from "../../src/graph/scc.js";

const graphOf = (edges: Record<string, string[]>) => (n: string): readonly string[] => edges[n] ?? [];

test("components come out in Tarjan's order (a component after every component it reaches), members sorted", () => {
  const edges = { a: ["b"], b: ["c", "d"], c: ["a"], d: ["e"], e: ["d", "f"], f: [], g: ["g"] };
  assert.deepEqual(stronglyConnectedComponents(["a", "b", "c", "d", "e", "f", "g"], graphOf(edges)), [["f"], ["d", "e"], ["a", "b", "c"], ["g"]]);
});

test("a 100,000-module chain closed into one loop is one component, without overflowing the stack", () => {
  const n = 100_000;
  const names = Array.from({ length: n }, (_, i) => `m${i}`);
  const components = stronglyConnectedComponents(names, (m) => [names[(Number(m.slice(1)) + 1) % n]]);
  assert.equal(components.length, 1);
  assert.equal(components[0].length, n);
});

test("on random graphs, two nodes share a component exactly when each reaches the other", () => {
  let seed = 12345;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 30; round++) {
    const n = 40;
    const names = Array.from({ length: n }, (_, i) => `n${i}`);
    const edges: Record<string, string[]> = {};
    for (const a of names) edges[a] = names.filter(() => random() < 0.05);
    const reach = (from: string): Set<string> => {
      const seen = new Set([from]);
      const todo = [from];
      while (todo.length > 0) for (const to of edges[todo.pop()!]) if (!seen.has(to)) (seen.add(to), todo.push(to));
      return seen;
    };
    const reaches = new Map(names.map((a) => [a, reach(a)]));
    const componentOf = new Map<string, string[]>();
    for (const c of stronglyConnectedComponents(names, graphOf(edges))) for (const m of c) componentOf.set(m, c);
    assert.equal(componentOf.size, n);
    for (const a of names) for (const b of names) assert.equal(componentOf.get(a) === componentOf.get(b), reaches.get(a)!.has(b) && reaches.get(b)!.has(a), `${a} ${b}`);
  }
});
