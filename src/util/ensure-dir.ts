// mkdir -p without `mkdirSync({ recursive: true })`, which spins forever on Node 20 under /proc
// (`--output /proc/x/report.json` hung the run at full CPU): missing levels are made one by one
// from the nearest existing ancestor, so any failure is an ordinary errno.
import { mkdirSync, statSync } from "node:fs";
import { dirOf } from "./path.js";

export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      missing.push(current);
      const parent = dirOf(current);
      if (parent === current) break;
      current = parent;
      continue;
    }
    if (!isDirectory) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: "ENOTDIR", syscall: "mkdir", path: current });
    break;
  }
  for (const level of missing.reverse()) mkdirSync(level);
}
