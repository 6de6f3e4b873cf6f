import { declarations } from "./declarations.js";
import { disableComments } from "./disable-comments.js";
import { moduleScope } from "./module-scope.js";
import type { FactExtractor } from "./types.js";

/** Every per-file fact extractor, run in the single parse pass. Rules read their output. */
export const factExtractors: readonly FactExtractor[] = [declarations, moduleScope, disableComments];
