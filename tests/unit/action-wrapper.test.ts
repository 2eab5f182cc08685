// The action wrapper's contract, with the session as the only stand-in: signed out → refused
// before anything runs; wrong role → refused; bad input → field messages and the typed
// values back (never the password); expected errors → their message; anything else → a
// generic message.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/domain/actor";
import { session } from "../support/session";

vi.mock("@/lib/auth/session", () => import("../support/session"));
// Read-your-own-writes: after the run, the wrapper remembers the write for the person.
const remembered = vi.hoisted(() => ({ actors: [] as Actor[] }));
vi.mock("@/lib/auth/read-fence", () => ({ rememberWrite: async (actor: Actor) => void remembered.actors.push(actor) }));

const { createAction, PUBLIC } = await import("@/lib/server/action");
const { createRoute } = await import("@/lib/server/route");
const { redirect } = await import("next/navigation");
const { ExpectedError } = await import("@/lib/platform/errors");
const { anySignedIn } = await import("@/lib/domain/actor");
const { allowedTo } = await import("@/lib/domain/access");

const employee: Actor = {
  userId: "u",
  membershipId: "m",
  organizationId: "o",
  organizationName: "O",
  role: "EMPLOYEE",
  teamId: null,
  managerId: null,
  name: "E",
  email: "e@x.test",
};

describe("createAction", () => {
  const ran = vi.fn();
  const input = z.object({ title: z.string().min(3, "Title: at least 3 characters."), password: z.string().optional() });
  beforeEach(() => {
    ran.mockReset();
    session.actor = null;
    remembered.actors = [];
  });

  it("refuses a signed-out visitor before running, keeping what they typed", async () => {
    const action = createAction({ name: "t", input, authorize: anySignedIn, run: async () => ran() });
    const result = await action(null, { title: "Hello", password: "secret-pass" });
    expect(result).toMatchObject({ ok: false, code: "unauthorized", values: { title: "Hello" } });
    expect(JSON.stringify(result)).not.toContain("secret-pass");
    expect(ran).not.toHaveBeenCalled();
  });

  it("refuses a signed-in person without the role", async () => {
    session.actor = employee;
    const action = createAction({ name: "t", input, authorize: allowedTo("admin.manage"), run: async () => ran() });
    expect(await action(null, { title: "Hello" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(ran).not.toHaveBeenCalled();
  });

  it("names the field for bad input, from FormData too", async () => {
    session.actor = employee;
    const action = createAction({ name: "t", input, authorize: anySignedIn, run: async () => ran() });
    const form = new FormData();
    form.set("title", "Hi");
    form.set("password", "p4ssw0rd-secret");
    const result = await action(null, form);
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { title: ["Title: at least 3 characters."] }, values: { title: "Hi" } });
    expect(JSON.stringify(result)).not.toContain("p4ssw0rd-secret");
    expect(ran).not.toHaveBeenCalled();
  });

  it("runs with the actor and returns its data", async () => {
    session.actor = employee;
    const action = createAction({ name: "t", input, authorize: anySignedIn, run: async (data, { actor }) => ({ title: data.title, by: actor.membershipId }) });
    expect(await action(null, { title: "Hello" })).toEqual({ ok: true, data: { title: "Hello", by: "m" } });
  });

  it("turns expected errors into their message, and anything else into a generic one", async () => {
    session.actor = employee;
    const expected = createAction({
      name: "t",
      input,
      authorize: anySignedIn,
      run: async () => {
        throw new ExpectedError("conflict", "Already there.", { title: ["Already there."] });
      },
    });
    expect(await expected(null, { title: "Hello" })).toMatchObject({
      ok: false,
      code: "conflict",
      message: "Already there.",
      fieldErrors: { title: ["Already there."] },
    });
    const broken = createAction({
      name: "t",
      input,
      authorize: anySignedIn,
      run: async () => {
        throw new Error("db said: value 'Hello' violates constraint");
      },
    });
    const result = await broken(null, { title: "Hello" });
    expect(result).toMatchObject({ ok: false, code: "error" });
    expect(result.ok ? "" : result.message).not.toContain("violates");
  });

  it("answers a unique violation that got past the checks (two people, one change, one moment) as a conflict, not a failure", async () => {
    session.actor = employee;
    const raced = createAction({
      name: "t",
      input,
      authorize: anySignedIn,
      run: async () => {
        throw Object.assign(new Error("Unique constraint failed on the fields: (`organizationId`,`key`)"), { code: "P2002" });
      },
    });
    const result = await raced(null, { title: "Hello" });
    expect(result).toMatchObject({ ok: false, code: "conflict", values: { title: "Hello" } });
    expect(result.ok ? "" : result.message).toMatch(/same change at the same moment/);
  });

  it("lets PUBLIC actions run without a session", async () => {
    const action = createAction({ name: "t", input, authorize: PUBLIC, run: async (_d, { actor }) => actor });
    expect(await action(null, { title: "Hello" })).toEqual({ ok: true, data: null });
  });

  it("remembers the person's write after every run (for read-your-own-writes), also when the run fails or redirects", async () => {
    session.actor = employee;
    await createAction({ name: "t", input, authorize: anySignedIn, run: async () => ran() })(null, { title: "Hello" });
    await createAction({
      name: "t",
      input,
      authorize: anySignedIn,
      run: async () => {
        throw new ExpectedError("conflict", "Already there.");
      },
    })(null, { title: "Hello" });
    const redirecting = createAction({ name: "t", input, authorize: anySignedIn, run: async () => redirect("/stories/1/edit") });
    await expect(redirecting(null, { title: "Hello" })).rejects.toThrow("NEXT_REDIRECT");
    expect(remembered.actors).toEqual([employee, employee, employee]);
  });

  it("remembers nothing when nothing ran: signed out, refused, bad input, or nobody signed in", async () => {
    await createAction({ name: "t", input, authorize: anySignedIn, run: async () => ran() })(null, { title: "Hello" });
    session.actor = employee;
    await createAction({ name: "t", input, authorize: allowedTo("admin.manage"), run: async () => ran() })(null, { title: "Hello" });
    await createAction({ name: "t", input, authorize: anySignedIn, run: async () => ran() })(null, { title: "Hi" });
    session.actor = null;
    await createAction({ name: "t", input, authorize: PUBLIC, run: async () => ran() })(null, { title: "Hello" });
    expect(remembered.actors).toEqual([]);
  });
});

describe("createRoute and read-your-own-writes", () => {
  beforeEach(() => {
    session.actor = employee;
    remembered.actors = [];
  });
  const route = createRoute({ name: "t", authorize: anySignedIn, handler: async () => new Response("ok") });

  it("remembers the person's write after a writing request, not after a GET or HEAD", async () => {
    for (const method of ["GET", "HEAD"]) await route(new Request("http://x.test/api/t", { method }), { params: Promise.resolve({}) });
    expect(remembered.actors).toEqual([]);
    for (const method of ["POST", "PUT", "DELETE"]) await route(new Request("http://x.test/api/t", { method }), { params: Promise.resolve({}) });
    expect(remembered.actors).toEqual([employee, employee, employee]);
  });
});
