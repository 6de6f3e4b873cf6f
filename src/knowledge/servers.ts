// WebSocket servers that listen on their own port when given one.
import type { KnowledgeEntry } from "./types.js";

export const servers: readonly KnowledgeEntry[] = [
  {
    package: "socket.io",
    versions: ">=3 <5",
    api: "new Server()",
    alsoAs: ["new default()", "default()"],
    starts: "server",
    onlyWhen: [{ argument: 0, is: "number" }],
    effect: "creates an HTTP server and listens on that port when constructed",
    lazy: "attach it to your HTTP server (new Server(httpServer)) and listen in your bootstrap",
    evidence: "socket.io@4.8.4 dist/index.js:137-138 (constructor: attach(srv) when srv is a port number, which listens); fixtures/knowledge/servers",
  },
  {
    package: "ws",
    versions: ">=7 <9",
    api: "new WebSocketServer()",
    alsoAs: ["new Server()"],
    starts: "server",
    onlyWhen: [{ option: "port" }],
    effect: "listens on its own port when constructed",
    lazy: "pass { server } or { noServer: true } and listen in your bootstrap",
    evidence: "ws@7.5.0 lib/websocket-server.js:65-75 (options.port: creates and listens on an HTTP server); fixtures/knowledge/servers",
  },
];
