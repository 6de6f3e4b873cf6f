// A parse pool worker: reads, parses and extracts the facts of one file per request.
import { parentPort, workerData } from "node:worker_threads";
import { useCompilerCodeCache } from "../../util/typescript.js";
import { parseFile } from "../parse.js";
import { typescript } from "../typescript.js";
import type { ParseReply, ParseRequest } from "./messages.js";

const port = parentPort;
if (!port) throw new Error("parse-worker runs as a worker thread");
const { codeCache } = workerData as { codeCache: boolean };
if (codeCache) useCompilerCodeCache();
// Load the compiler now, while the coordinator is still finding the project's files.
typescript();
port.on("message", (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: request.id, parsed: parseFile(request.file, request.options) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
