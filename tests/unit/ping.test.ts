// The empty route is the floor `npm run bench:load` measures against: it must stay empty. Here it
// runs outside any request and with no database opened, so a session read (which needs the
// request's cookies) or a query would turn its answer into a 500.
import { describe, expect, it } from "vitest";
import { openedDatabase } from "@/lib/db/registry";
import { GET } from "@/app/api/ping/route";

describe("GET /api/ping", () => {
  it("answers without a session or a database", async () => {
    expect(openedDatabase()).toBeFalsy();
    const res = await GET(new Request("http://127.0.0.1/api/ping", { headers: { cookie: "next-auth.session-token=x" } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
