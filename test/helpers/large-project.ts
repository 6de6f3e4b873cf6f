// A generated project big enough that scanning it takes seconds: a chain of modules, each with
// a few imports, classes and functions (no cycles: nothing to report, only work to do).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

export function largeProject(modules: number): string {
  const root = mkdtempSync(`${tmpdir()}/sd-large-`);
  mkdirSync(`${root}/src`);
  writeFileSync(`${root}/package.json`, JSON.stringify({ name: "large", private: true, type: "module", scripts: { start: "node src/m0.ts" } }));
  writeFileSync(`${root}/tsconfig.json`, JSON.stringify({ compilerOptions: { target: "ES2022", module: "nodenext", strict: true }, include: ["src"] }));
  for (let i = 0; i < modules; i++) {
    const imports = [i + 1, i + 2, i * 3 + 1].filter((j) => j < modules && j > i);
    const lines = imports.map((j) => `import { value${j}, Service${j} } from "./m${j}.js";`);
    lines.push(
      `export class Service${i} {`,
      `  private readonly items = new Map<string, number>();`,
      `  add(name: string, amount: number): number {`,
      `    const next = (this.items.get(name) ?? 0) + amount;`,
      `    this.items.set(name, next);`,
      `    return next;`,
      `  }`,
      `}`,
      `export function value${i}(input: number): number {`,
      `  return ${imports.length > 0 ? imports.map((j) => `value${j}(input)`).join(" + ") : "input"} + ${i};`,
      `}`,
      ...imports.map((j) => `export const service${i}_${j} = (): Service${j} => new Service${j}();`),
    );
    writeFileSync(`${root}/src/m${i}.ts`, `${lines.join("\n")}\n`);
  }
  return root;
}
