// `startup-doctor init [dir] [--force] [--yes]`: shows the files, asks on a terminal, writes.
import type { Command } from "commander";

interface InitFlags {
  force?: boolean;
  yes?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .argument("[dir]", "project folder", ".")
    .description(`write a starter startup-doctor.config.json and a GitHub Actions workflow (.github/workflows/startup-doctor.yml)`)
    .option("--force", "overwrite files that already exist")
    .option("-y, --yes", "do not ask for confirmation")
    .action((dir: string, flags: InitFlags) => runInit(dir, flags));
}

async function runInit(dir: string, flags: InitFlags): Promise<void> {
  const { planInit, writeInit } = await import("../run/init.js");
  const plan = planInit(dir);
  const force = flags.force === true;
  const out = process.stdout;
  for (const f of plan) {
    const verb = !f.exists ? "create" : force ? "overwrite" : "keep (exists; --force to overwrite)";
    out.write(`${verb}: ${f.shown}\n`);
    if (!f.exists || force) out.write(`${indent(f.content)}\n`);
  }
  if (plan.every((f) => f.exists && !force)) {
    out.write("Nothing to write.\n");
    return;
  }
  if (!flags.yes && process.stdin.isTTY && process.stdout.isTTY && !(await confirm("Write these files? [y/N] "))) {
    out.write("Nothing written.\n");
    return;
  }
  const { written } = writeInit(plan, force);
  for (const f of written) out.write(`wrote ${f.shown}\n`);
  out.write(`Next: npx startup-doctor scan${dir === "." ? "" : ` ${dir}`} --update-baseline (to accept the problems that exist today), then commit.\n`);
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
