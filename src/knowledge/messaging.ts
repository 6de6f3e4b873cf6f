// Message brokers: an explicit connect whose promise the bootstrap must await.
import type { KnowledgeEntry } from "./types.js";

const AWAIT = "await it in your bootstrap, so a failed connection stops startup with an error";

export const messaging: readonly KnowledgeEntry[] = [
  {
    package: "kafkajs",
    versions: ">=1 <3",
    api: "new Kafka().producer().connect()",
    starts: "connection",
    result: "promise",
    effect: "connects a producer with nobody awaiting it (it retries with backoff)",
    lazy: AWAIT,
    evidence: "kafkajs@2.2.4 src/producer/index.js:218 (connect: async () => cluster.connect()); fixtures/knowledge/messaging",
  },
  {
    package: "kafkajs",
    versions: ">=1 <3",
    api: "new Kafka().consumer().connect()",
    starts: "connection",
    result: "promise",
    effect: "connects a consumer with nobody awaiting it (it retries with backoff)",
    lazy: AWAIT,
    evidence: "kafkajs@2.2.4 src/consumer/index.js:90 (const connect = async () => ...); fixtures/knowledge/messaging",
  },
  {
    package: "amqplib",
    versions: ">=0.8 <1",
    api: "default.connect()",
    starts: "connection",
    result: "promise",
    effect: "opens an AMQP connection nobody awaits",
    lazy: AWAIT,
    evidence: "amqplib@0.10.9 channel_api.js:5 (connect(url) returns a promise of a connection); fixtures/knowledge/messaging",
  },
  {
    package: "nats",
    versions: ">=2 <3",
    api: "connect()",
    starts: "connection",
    result: "promise",
    effect: "opens a NATS connection nobody awaits (it reconnects by default)",
    lazy: AWAIT,
    evidence: "nats@2.29.3 lib/src/connect.js:20 (connect(opts) returns a promise of a connection); fixtures/knowledge/messaging",
  },
];
