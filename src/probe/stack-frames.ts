// Parses V8 stack text into frames, and finds the first one in the project's own code.
import { existsSync } from "node:fs";
import { toAbsolute, toReportPath } from "./paths.js";

export interface Frame {
  fn: string | null;
  /** Absolute path, or the raw location for node: and eval frames. */
  file: string;
  line: number;
  column: number;
}

const WITH_FUNCTION = /^at (?:async )?(.*?) \((.+):(\d+):(\d+)\)$/;
const BARE = /^at (?:async )?(.+):(\d+):(\d+)$/;

export function parseFrame(text: string): Frame | null {
  const line = text.trim();
  const named = WITH_FUNCTION.exec(line);
  if (named) return { fn: named[1] ?? null, file: toAbsolute(named[2] ?? ""), line: Number(named[3]), column: Number(named[4]) };
  const bare = BARE.exec(line);
  if (bare) return { fn: null, file: toAbsolute(bare[1] ?? ""), line: Number(bare[2]), column: Number(bare[3]) };
  return null;
}

export function parseStack(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const line of stack.split("\n")) {
    const frame = parseFrame(line);
    if (frame) frames.push(frame);
  }
  return frames;
}

/**
 * Project code: not Node internals, not dependencies, not startup-doctor's preload, and a file
 * that exists. A dependency's published source map can name a path that leaves the package and
 * lands in the project (typeorm's maps name `../../src/driver/...`): that is no place to send
 * anyone, so the next frame, the project's call into the dependency, is the one named.
 */
export function isUserFrame(frame: Frame, preloadDir: string): boolean {
  return frame.file.startsWith("/") && !frame.file.includes("/node_modules/") && !frame.file.startsWith(preloadDir) && exists(frame.file);
}

const existing = new Map<string, boolean>();

function exists(file: string): boolean {
  let known = existing.get(file);
  if (known === undefined) existing.set(file, (known = existsSync(file)));
  return known;
}

export function firstUserFrame(frames: Frame[], preloadDir: string): Frame | null {
  return frames.find((frame) => isUserFrame(frame, preloadDir)) ?? null;
}

/** Frames as report lines with root-relative paths, dropping Node internals and our preload. */
export function reportFrames(frames: Frame[], root: string, preloadDir: string): string[] {
  return frames
    .filter((frame) => !frame.file.startsWith("node:") && !frame.file.startsWith(preloadDir))
    .map((frame) => {
      const where = `${toReportPath(root, frame.file)}:${frame.line}:${frame.column}`;
      return frame.fn ? `${frame.fn} (${where})` : where;
    });
}
