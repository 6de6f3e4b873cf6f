// Redis clients. ioredis is the incident's library: its constructor connects, and its default
// retryStrategy never gives up, so a client made at import keeps a failed startup alive forever.
import type { KnowledgeEntry } from "./types.js";

export const redis: readonly KnowledgeEntry[] = [
  {
    package: "ioredis",
    versions: ">=4 <6",
    api: "new Redis()",
    alsoAs: ["new default()"],
    starts: "connection",
    lazyWhen: [{ option: "lazyConnect", equals: true }],
    effect: "connects when constructed and reconnects forever by default",
    lazy: "pass lazyConnect: true and await redis.connect() in your bootstrap, or create the client in a function called at startup",
    evidence: "ioredis@5.11.1 built/Redis.js:74-79 (constructor: connect() unless options.lazyConnect); built/redis/RedisOptions.js:11-13 (default retryStrategy always retries); fixtures/knowledge/redis",
  },
  {
    package: "ioredis",
    versions: ">=4 <6",
    api: "new Cluster()",
    starts: "connection",
    lazyWhen: [{ option: "lazyConnect", equals: true }],
    effect: "connects to the cluster when constructed and keeps retrying",
    lazy: "pass lazyConnect: true and await cluster.connect() in your bootstrap, or create the cluster client in a function called at startup",
    evidence: "ioredis@5.11.1 built/cluster/index.js:100-104 (constructor: connect() unless options.lazyConnect); fixtures/knowledge/redis",
  },
  {
    package: "ioredis",
    versions: ">=4 <6",
    api: "new Redis().connect()",
    alsoAs: ["new default().connect()"],
    starts: "connection",
    result: "promise",
    effect: "opens a connection nobody awaits",
    lazy: "await connect() in your bootstrap, where a failure stops startup",
    evidence: "ioredis@5.11.1 built/Redis.js:113 connect() returns a promise; fixtures/knowledge/redis",
  },
  {
    package: "redis",
    versions: ">=4 <6",
    api: "createClient().connect()",
    starts: "connection",
    result: "promise",
    effect: "opens a connection nobody awaits (node-redis reconnects by default)",
    lazy: "await client.connect() in your bootstrap; createClient() alone does not connect",
    evidence: "@redis/client@1.6.1 dist/lib/client/index.js:182-185 (async connect() opens the socket; createClient only builds the client); fixtures/knowledge/redis",
  },
];
