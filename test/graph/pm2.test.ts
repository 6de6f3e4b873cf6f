// pm2 in a start script: the scripts `pm2 start` runs, given directly or by a JSON or YAML
// ecosystem file; a JavaScript ecosystem file is never run to be read, and one outside the project
// is never read.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { pm2Command, pm2Start } from "../../src/project/pm2.ts";

const dir = mkdtempSync(join(tmpdir(), "sd-pm2-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const words = (command: string): string[] => command.split(" ");

test("a script given directly, with its arguments after --", () => {
  assert.deepEqual(pm2Start(words("pm2 start src/index.js --name api -i 1 -- --port 3000"), dir), { apps: [{ script: "src/index.js", args: ["--port", "3000"], nodeArgs: [], env: {}, interpreter: "node" }] });
  assert.deepEqual(pm2Start(words("pm2-runtime dist/main.js"), dir), { apps: [{ script: "dist/main.js", args: [], nodeArgs: [], env: {}, interpreter: "node" }] });
  assert.equal(pm2Start(words("pm2 logs"), dir), null);
  assert.equal(pm2Start(words("node src/index.js"), dir), null);
});

test("a JSON ecosystem file: every app, its args and node args, env then env_<name> for --env", () => {
  writeFileSync(join(dir, "ecosystem.config.json"), JSON.stringify({
    apps: [
      { name: "api", script: "src/server.js", args: "--port 0", node_args: ["--enable-source-maps"], env: { MODE: "dev", PORT: 3000 }, env_production: { MODE: "prod" }, instances: 4, exec_mode: "cluster" },
      { name: "docs", script: "README.md" },
      { name: "jobs", script: "jobs.js", cwd: "workers/" },
    ],
  }));
  assert.deepEqual(pm2Start(words("pm2 start ecosystem.config.json --env production --no-daemon"), dir), {
    config: "ecosystem.config.json",
    apps: [
      { script: "src/server.js", args: ["--port", "0"], nodeArgs: ["--enable-source-maps"], env: { MODE: "prod", PORT: "3000" }, interpreter: "node", instances: "4" },
      { script: "workers/jobs.js", args: [], nodeArgs: [], env: {}, interpreter: "node" },
    ],
  });
});

test("a YAML ecosystem file", () => {
  writeFileSync(join(dir, "process.yml"), "apps:\n  - script: app.js\n    interpreter: bun\n    env:\n      MODE: yaml\n");
  assert.deepEqual(pm2Start(words("pm2 start process.yml"), dir), { config: "process.yml", apps: [{ script: "app.js", args: [], nodeArgs: [], env: { MODE: "yaml" }, interpreter: "bun" }] });
});

test("a JavaScript ecosystem file is not run, a broken one is said, one outside the project is not read", () => {
  assert.deepEqual(pm2Start(words("pm2 start ecosystem.config.js"), dir), { unreadable: "it is JavaScript, which startup-doctor does not run to read it", config: "ecosystem.config.js" });
  writeFileSync(join(dir, "broken.json"), "{ apps: [");
  const broken = pm2Start(words("pm2 start broken.json"), dir);
  assert.ok(broken && "unreadable" in broken && broken.unreadable.startsWith("it cannot be read: "), JSON.stringify(broken));
  mkdirSync(join(dir, "app"));
  assert.deepEqual(pm2Start(words("pm2 start ../ecosystem.config.json"), join(dir, "app")), { unreadable: "it is outside the project, so it is not read", config: "../ecosystem.config.json" });
});

test("pm2 is found behind assignments and wrappers, with the environment they set; any other command is not pm2", () => {
  assert.deepEqual(pm2Command(words("NODE_ENV=production npx pm2 start x.js")), { env: { NODE_ENV: "production" }, words: ["pm2", "start", "x.js"] });
  assert.deepEqual(pm2Command(words("cross-env PORT=3000 pm2-runtime ecosystem.config.json")), { env: { PORT: "3000" }, words: ["pm2-runtime", "ecosystem.config.json"] });
  assert.deepEqual(pm2Command(words("./node_modules/.bin/pm2 start x.js")), { env: {}, words: ["./node_modules/.bin/pm2", "start", "x.js"] });
  assert.equal(pm2Command(words("node pm2.js")), null);
  assert.equal(pm2Command(words("NODE_ENV=production node src/index.js")), null);
  assert.equal(pm2Command(words("--pm2 start")), null);
});
