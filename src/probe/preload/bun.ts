// Preload for Bun (`bun --preload`): the same enter/exit wrapping through a Bun.plugin onLoad
// (runtime-facts §4.12). Bun has no in-process inspector, so a blocked main thread yields no stack.
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { send } from "./channel.js";
import { installModuleEvents, reportError } from "./module-events.js";
import { wrapSource } from "./wrap-source.js";

interface BunLoadArgs { path: string }
interface BunPluginBuilder {
  onLoad(
    options: { filter: RegExp },
    callback: (args: BunLoadArgs) => { contents: string; loader: string } | undefined,
  ): void;
}
interface BunRuntime {
  plugin(plugin: { name: string; setup(builder: BunPluginBuilder): void }): void;
  main?: string;
}

const bun = (globalThis as unknown as { Bun?: BunRuntime }).Bun;
if (bun) install(bun);

function install(runtime: BunRuntime): void {
  send({ t: "main", u: pathToFileURL(runtime.main ?? resolvePath(process.argv[1] ?? "")).href, runtime: "bun" });
  send({ t: "note", text: "Bun has no in-process inspector: a blocked main thread yields no stack (runtime-facts §4.12)." });
  installModuleEvents();
  runtime.plugin({
    name: "startup-doctor-probe",
    setup(builder) {
      builder.onLoad({ filter: /^(?!.*\/node_modules\/).*\.[cm]?[jt]sx?$/ }, (args) => ({
        contents: wrapSource(readFileSync(args.path, "utf8"), pathToFileURL(args.path).href),
        loader: loaderFor(args.path),
      }));
    },
  });
  process.on("uncaughtExceptionMonitor", (error) => reportError(error));
  process.on("exit", (code) => {
    const exitCode = process.exitCode;
    send({ t: "end", code, exitCode: typeof exitCode === "number" ? exitCode : null });
  });
  setInterval(() => send({ t: "hb" }), 100).unref();
}

function loaderFor(path: string): string {
  const match = /\.([cm]?)([jt]sx?)$/.exec(path);
  return match?.[2] ?? "js";
}
