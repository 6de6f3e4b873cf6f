// Which files the compiler reads while the project is discovered and resolved (tsconfig extends
// chains, package.json files of dependencies): their state goes into the cache's fingerprint.
import { typescript } from "../../util/typescript.js";

export interface ReadRecorder {
  files: Set<string>;
  stop(): void;
}

export function recordCompilerReads(): ReadRecorder {
  const sys = typescript().sys;
  const original = sys.readFile;
  const files = new Set<string>();
  sys.readFile = (path, encoding) => {
    files.add(path);
    return original.call(sys, path, encoding);
  };
  return {
    files,
    stop: () => {
      sys.readFile = original;
    },
  };
}
