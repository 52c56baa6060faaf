import { createServer, type Server } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDoctorNetwork } from "./doctor-network.ts";
import { checkNotificationUrl, checkSlackEventsUrl } from "./public-url-checks.ts";

let server: Server;
let base: string;
const network = createDoctorNetwork({ timeoutMs: 300 });

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === "/hang/slack/events") return; // never answers
    if (req.url?.startsWith("/proxy/")) return void res.writeHead(502).end();
    if (req.url?.startsWith("/bridge/slack/events")) return void res.writeHead(401).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  await network.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the public URLs", () => {
  it("Slack events URL: the bridge's 401 counts as reachable (with a warning over http)", async () => {
    const result = await checkSlackEventsUrl(network, `${base}/bridge`);
    expect(result).toMatchObject({
      status: "warn",
      message: expect.stringMatching(/answers \(401.*not https/),
    });
  });

  it("Slack events URL: a timeout, a proxy without its bridge, another server are failures", async () => {
    expect(await checkSlackEventsUrl(network, `${base}/hang`)).toMatchObject({
      status: "fail",
      message: `${base}/hang/slack/events: no answer within 0.3 s`,
    });
    expect(await checkSlackEventsUrl(network, `${base}/proxy`)).toMatchObject({
      status: "fail",
      message: expect.stringMatching(/answered 502: the proxy cannot reach the Slack bridge/),
    });
    expect(await checkSlackEventsUrl(network, base)).toMatchObject({
      status: "fail",
      message: expect.stringMatching(/answered 404, not the Slack bridge/),
    });
  });

  it("notification URL: Graph calls only https", async () => {
    expect(await checkNotificationUrl(network, base)).toMatchObject({
      status: "fail",
      message: `${base}/graph/notifications is not https: Graph delivers notifications only over https`,
    });
  });
});
