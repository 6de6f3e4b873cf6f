// The config fills every flag the user did not give; flags on the command line win.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { Command } from "commander";
import { addConfigFlags, loadConfigForCommand } from "../../src/cli/config-flags.ts";
import { collect } from "../../src/cli/options.ts";

const dir = mkdtempSync(`${tmpdir()}/sd-config-flags-`);
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  `${dir}/startup-doctor.config.json`,
  JSON.stringify({ entries: ["src/a.ts"], timeout: 5000, slow: 900, runtime: "bun", concurrency: 3, env: { A: "config", B: "config" }, envFile: ".env.ci", failOn: "warning" }),
);

async function parse(...args: string[]): Promise<Record<string, unknown>> {
  let seen: Record<string, unknown> = {};
  const program = new Command("sd").exitOverride().hook("preAction", loadConfigForCommand);
  addConfigFlags(
    program
      .command("check")
      .argument("[dir]", "", ".")
      .option("--fail-on <severity>", "", "error")
      .option("-e, --entry <file>", "", collect, [])
      .option("-t, --timeout <ms>", "", "10000")
      .option("--slow <ms>", "", "2000")
      .option("-r, --runtime <runtime>", "", "auto")
      .option("-c, --concurrency <n>", "", "2")
      .option("--env <KEY=VALUE>", "", collect, [])
      .option("--dotenv <file>"),
  ).action((_dir: string, flags: Record<string, unknown>) => {
    seen = flags;
  });
  await program.parseAsync(["node", "sd", "check", dir, ...args]);
  return seen;
}

test("every probe setting comes from the config when no flag is given", async () => {
  const flags = await parse();
  assert.deepEqual(
    { entry: flags.entry, timeout: flags.timeout, slow: flags.slow, runtime: flags.runtime, concurrency: flags.concurrency, env: flags.env, envFile: flags.dotenv, failOn: flags.failOn },
    { entry: ["src/a.ts"], timeout: "5000", slow: "900", runtime: "bun", concurrency: "3", env: ["A=config", "B=config"], envFile: `${dir}/.env.ci`, failOn: "warning" },
  );
});

test("flags on the command line win; --env overrides the config key by key", async () => {
  const flags = await parse("--timeout", "700", "--runtime", "node", "--entry", "src/b.ts", "--env", "B=cli", "--fail-on", "none");
  assert.equal(flags.timeout, "700");
  assert.equal(flags.runtime, "node");
  assert.deepEqual(flags.entry, ["src/b.ts"]);
  assert.deepEqual(flags.env, ["A=config", "B=config", "B=cli"], "later pairs win in parseEnvPairs");
  assert.equal(flags.failOn, "none");
  assert.equal(flags.slow, "900");
});
