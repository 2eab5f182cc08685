// Slack's and Teams' request signatures. The Slack vector is the one in Slack's documentation
// ("Verifying requests from Slack"): its secret, timestamp, body and signature, worked out there.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifySlackRequest, verifyTeamsRequest } from "@/lib/platform/chat-signature";

const DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const DOC_TS = "1531420618";
const DOC_BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const DOC_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const NOW = Number(DOC_TS) + 30;

describe("Slack request signatures", () => {
  it("accepts Slack's documented example", () => {
    expect(verifySlackRequest({ secret: DOC_SECRET, timestamp: DOC_TS, signature: DOC_SIGNATURE, rawBody: DOC_BODY, nowSeconds: NOW })).toEqual({ ok: true });
  });

  it("refuses a body changed by one character, another secret, or another timestamp", () => {
    expect(
      verifySlackRequest({ secret: DOC_SECRET, timestamp: DOC_TS, signature: DOC_SIGNATURE, rawBody: DOC_BODY.replace("text=", "text=x"), nowSeconds: NOW }),
    ).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySlackRequest({ secret: DOC_SECRET + "0", timestamp: DOC_TS, signature: DOC_SIGNATURE, rawBody: DOC_BODY, nowSeconds: NOW })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(
      verifySlackRequest({ secret: DOC_SECRET, timestamp: String(Number(DOC_TS) + 1), signature: DOC_SIGNATURE, rawBody: DOC_BODY, nowSeconds: NOW }),
    ).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses a request signed more than 5 minutes from now, either way, and accepts one at exactly 5 minutes", () => {
    const check = (nowSeconds: number) =>
      verifySlackRequest({ secret: DOC_SECRET, timestamp: DOC_TS, signature: DOC_SIGNATURE, rawBody: DOC_BODY, nowSeconds });
    expect(check(Number(DOC_TS) + 300)).toEqual({ ok: true });
    expect(check(Number(DOC_TS) + 301)).toEqual({ ok: false, reason: "stale" });
    expect(check(Number(DOC_TS) - 301)).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses missing or malformed headers", () => {
    for (const [timestamp, signature] of [
      [null, DOC_SIGNATURE],
      [DOC_TS, null],
      ["", DOC_SIGNATURE],
      ["1531420618.5", DOC_SIGNATURE],
      [DOC_TS, DOC_SIGNATURE.replace("v0=", "v1=")],
      [DOC_TS, DOC_SIGNATURE.toUpperCase()],
      [DOC_TS, DOC_SIGNATURE.slice(0, -2)],
    ] as const) {
      expect(verifySlackRequest({ secret: DOC_SECRET, timestamp, signature, rawBody: DOC_BODY, nowSeconds: NOW })).toEqual({ ok: false, reason: "missing" });
    }
  });
});

describe("Teams outgoing webhook HMAC", () => {
  const token = Buffer.from("a security token of 32 bytes....").toString("base64");
  const body = JSON.stringify({ type: "message", text: "<at>Ripple</at> hello" });
  // Worked out independently of the module: HMAC-SHA256 keyed with the decoded token.
  const good = "HMAC " + createHmac("sha256", Buffer.from("a security token of 32 bytes....")).update(body).digest("base64");

  it("accepts the body signed with the decoded token", () => {
    expect(verifyTeamsRequest({ tokenBase64: token, authorization: good, rawBody: body })).toEqual({ ok: true });
  });

  it("refuses a changed body, another token, a token used undecoded, and malformed headers", () => {
    expect(verifyTeamsRequest({ tokenBase64: token, authorization: good, rawBody: body + " " })).toEqual({ ok: false, reason: "mismatch" });
    const other = Buffer.from("another token").toString("base64");
    expect(verifyTeamsRequest({ tokenBase64: other, authorization: good, rawBody: body })).toEqual({ ok: false, reason: "mismatch" });
    const undecoded = "HMAC " + createHmac("sha256", token).update(body).digest("base64");
    expect(verifyTeamsRequest({ tokenBase64: token, authorization: undecoded, rawBody: body })).toEqual({ ok: false, reason: "mismatch" });
    for (const authorization of [null, "", good.replace("HMAC ", "Bearer "), good.slice(0, -4), "HMAC"]) {
      expect(verifyTeamsRequest({ tokenBase64: token, authorization, rawBody: body })).toEqual({ ok: false, reason: "missing" });
    }
  });
});
