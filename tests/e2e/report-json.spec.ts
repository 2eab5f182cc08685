// The organisation archive over HTTP, against the production build: the admin downloads the
// JSON, a plain JSON.parse reads it and finds the demo organisation's stories and no secret; an
// L&D analyst (who may export everything else) gets the same 404 as a missing page.
import { expect, test } from "@playwright/test";
import { DEMO, signInAs } from "./helpers";

const DEMO_TITLES = [
  "An agency's urgent question answered by my network in four minutes",
  "Community of practice call on escalation playbooks",
  "Tip from a colleague: saved searches for recurring tickets",
];

test("the admin downloads the organisation archive; it parses and holds the demo organisation's stories", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  const response = await page.request.get("/api/reports/json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(response.headers()["content-disposition"]).toBe('attachment; filename="ripple-northwind-demo.json"');
  const text = await response.text();
  const archive = JSON.parse(text);
  expect(archive).toMatchObject({ format: "ripple.organization", version: 1, organization: { slug: "northwind-demo", isDemo: true } });
  expect(archive.stories.map((s: { title: string }) => s.title)).toEqual(expect.arrayContaining(DEMO_TITLES));
  expect(archive.users.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining(Object.values(DEMO).filter((v) => v.includes("@"))));
  const agency = archive.stories.find((s: { title: string }) => s.title === DEMO_TITLES[0]);
  expect(archive.cycleEntries.filter((e: { storyId: string }) => e.storyId === agency.id)).toHaveLength(5);
  expect(text).not.toMatch(/passwordHash|tokenHash|\$argon2/);
});

test("an L&D analyst is refused the archive, like a page that does not exist", async ({ page }) => {
  await signInAs(page, DEMO.lnd);
  const response = await page.request.get("/api/reports/json");
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain("northwind");
});
