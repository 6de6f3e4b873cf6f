// Job queues on Redis: they make ioredis connections themselves, in their constructors.
import type { KnowledgeEntry } from "./types.js";

const BULLMQ = "bullmq@5.81.5 dist/cjs/classes/queue-base.js:37 (constructor: new RedisConnection) and redis-connection.js:86 (constructor: this.initializing = this.init(), which creates the ioredis client)";
const DEFER = "create it in a function your bootstrap calls (and close it on shutdown), not at import";

export const queues: readonly KnowledgeEntry[] = [
  {
    package: "bullmq",
    versions: ">=2 <6",
    api: "new Queue()",
    starts: "connection",
    effect: "opens its Redis connection when constructed (ioredis, retrying forever)",
    lazy: DEFER,
    evidence: `${BULLMQ}; fixtures/knowledge/queues`,
  },
  {
    package: "bullmq",
    versions: ">=2 <6",
    api: "new Worker()",
    starts: "worker",
    effect: "opens its Redis connections and starts processing jobs when constructed",
    lazy: `${DEFER}; autorun: false only delays processing, the connection still opens`,
    evidence: `${BULLMQ}; worker.js:119-120 (autorun: this.run()); fixtures/knowledge/queues`,
  },
  {
    package: "bullmq",
    versions: ">=2 <6",
    api: "new QueueEvents()",
    starts: "connection",
    effect: "opens its Redis connection and starts listening for events when constructed",
    lazy: DEFER,
    evidence: `${BULLMQ}; queue-events.js:30-31 (autorun: this.run()); fixtures/knowledge/queues`,
  },
  {
    package: "bull",
    versions: ">=3 <5",
    api: "new Queue()",
    alsoAs: ["new default()", "default()", "Queue()"],
    starts: "connection",
    lazyWhen: [{ option: "skipVersionCheck", equals: true }],
    effect: "opens its Redis client when constructed (to check the Redis version)",
    lazy: `${DEFER}; with skipVersionCheck: true the client opens on first use`,
    evidence: "bull@4.16.5 lib/queue.js:199-201 (constructor: getRedisVersion(this.client) unless skipVersionCheck; the client getter creates the ioredis client); fixtures/knowledge/queues",
  },
  {
    package: "bull",
    versions: ">=3 <5",
    api: "new Queue().process()",
    alsoAs: ["new default().process()", "default().process()", "Queue().process()"],
    starts: "worker",
    effect: "starts a job processor loop on Redis",
    lazy: "call process() from a start function your bootstrap awaits",
    evidence: "bull@4.16.5 lib/queue.js:385-401 (process() -> run loop on the blocking client); fixtures/knowledge/queues",
  },
];
