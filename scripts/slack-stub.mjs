// A stand-in for Slack on 127.0.0.1, for the integration tests (tests/support/slack-stub.ts) and
// the end-to-end server (scripts/e2e-serve.mjs): the Web API methods Ripple calls (auth.test, views.open,
// chat.getPermalink, chat.postMessage) and response_url hooks. It records every call.
// auth.test: a token `xoxb-<workspace id>-…` (T… or E…) belongs to that workspace; any other
// token is refused as Slack refuses it (invalid_auth).
import { createServer } from "node:http";

/** Starts the stand-in on 127.0.0.1 (an ephemeral port); see slack-stub.d.mts for the types. */
export async function startSlackStub() {
  const calls = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const type = req.headers["content-type"] ?? "";
      const body = type.includes("json") ? JSON.parse(raw || "{}") : Object.fromEntries(new URLSearchParams(raw));
      const path = req.url ?? "";
      const method = path.replace(/^\/api\//, "");
      calls.push({ path, method, authorization: req.headers.authorization ?? null, body });
      res.setHeader("content-type", "application/json");
      if (path.startsWith("/hooks/")) return res.end(JSON.stringify({ ok: true }));
      if (method === "auth.test") {
        const team = /^Bearer xoxb-([TE][A-Z0-9]+)-/.exec(req.headers.authorization ?? "")?.[1];
        return res.end(JSON.stringify(team ? { ok: true, team_id: team, user_id: "U0BOT", bot_id: "B0BOT" } : { ok: false, error: "invalid_auth" }));
      }
      if (method === "views.open") return res.end(JSON.stringify({ ok: true, view: { id: "V0STUB" } }));
      if (method === "chat.getPermalink") {
        return res.end(
          JSON.stringify({
            ok: true,
            channel: body.channel,
            permalink: `https://acme.slack.com/archives/${String(body.channel)}/p${String(body.message_ts).replace(".", "")}`,
          }),
        );
      }
      if (method === "chat.postMessage") return res.end(JSON.stringify({ ok: true, channel: body.channel, ts: "1700000000.000100" }));
      res.end(JSON.stringify({ ok: false, error: "unknown_method" }));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((r) => server.close(() => r(undefined))) };
}
