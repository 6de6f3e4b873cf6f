// The one registry of library knowledge: every family's entries, in one table.
import { databases } from "./databases.js";
import { httpClients } from "./http-clients.js";
import { messaging } from "./messaging.js";
import { processes } from "./processes.js";
import { queues } from "./queues.js";
import { redis } from "./redis.js";
import { schedulers } from "./schedulers.js";
import { servers } from "./servers.js";
import { timers } from "./timers.js";
import type { KnowledgeEntry } from "./types.js";
import { watchers } from "./watchers.js";

/** Family name (the module and its fixture folder, fixtures/knowledge/<family>) -> entries. */
export const knowledgeFamilies: Readonly<Record<string, readonly KnowledgeEntry[]>> = {
  redis,
  queues,
  databases,
  messaging,
  servers,
  schedulers,
  watchers,
  processes,
  timers,
  "http-clients": httpClients,
};

export const builtinKnowledge: readonly KnowledgeEntry[] = Object.values(knowledgeFamilies).flat();

export type { KnowledgeEntry, UserKnowledgeEntry, StartsKind, Condition } from "./types.js";
