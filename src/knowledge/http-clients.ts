// HTTP requests started at import time: nobody awaits them, and a slow host delays or breaks startup.
import type { KnowledgeEntry } from "./types.js";

const AWAIT = "make the request from a function your bootstrap awaits";

export const httpClients: readonly KnowledgeEntry[] = [
  {
    package: "undici",
    versions: ">=5 <8",
    api: "fetch()",
    global: "fetch",
    starts: "request",
    result: "promise",
    effect: "starts a request nobody awaits",
    lazy: AWAIT,
    evidence: "undici@6.29.1 index.js:108 (async function fetch; Node's global fetch is undici's); fixtures/knowledge/http-clients",
  },
  {
    package: "undici",
    versions: ">=5 <8",
    api: "request()",
    starts: "request",
    result: "promise",
    effect: "starts a request nobody awaits",
    lazy: AWAIT,
    evidence: "undici@6.29.1 index.js:156 (module.exports.request = makeDispatcher(api.request)); fixtures/knowledge/http-clients",
  },
  ...["get", "post", "put", "request"].map(
    (method): KnowledgeEntry => ({
      package: "axios",
      versions: ">=0.19 <2",
      api: `default.${method}()`,
      starts: "request",
      result: "promise",
      effect: "starts a request nobody awaits",
      lazy: AWAIT,
      evidence: "axios@0.21.1 lib/core/Axios.js:73 (axios.get/post/... dispatch a request at once); fixtures/knowledge/http-clients",
    }),
  ),
  {
    package: "axios",
    versions: ">=0.19 <2",
    api: "default()",
    starts: "request",
    result: "promise",
    effect: "starts a request nobody awaits",
    lazy: AWAIT,
    evidence: "axios@0.21.1 lib/axios.js:15-17 (the default export is Axios.prototype.request, bound); fixtures/knowledge/http-clients",
  },
  {
    package: "got",
    versions: ">=9 <15",
    api: "default()",
    alsoAs: ["default.get()", "default.post()"],
    starts: "request",
    result: "promise",
    effect: "starts a request nobody awaits",
    lazy: AWAIT,
    evidence: "got@9.6.0 source/create.js:9 and :30 (got(url) starts the request at once, as a promise); fixtures/knowledge/http-clients",
  },
];
