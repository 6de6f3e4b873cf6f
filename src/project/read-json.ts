import { readFileSync } from "node:fs";
import { InputError } from "../util/errors.js";

/** Reads a JSON file; a missing file is null, a malformed one a one-line InputError. */
export function readJsonFile<T>(file: string, label: string): T | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new InputError(`cannot read ${label} ${file}: ${(error as NodeJS.ErrnoException).code ?? "unknown error"}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as T;
  } catch (error) {
    throw new InputError(`${label} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}
