// Evidence files over HTTP: the upload and download route handlers against the production
// build, as the author, as a colleague, as a stranger from another organisation and from
// another site. (Uploading through the editor is covered in story-editor.spec.ts.)
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, TINY_PNG, captureOnHome, signInAs } from "./helpers";

const TINY_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const MESSAGE = "Upload an image (PNG, JPEG, GIF, WebP) or a PDF of at most 10 MB.";
const NOT_FOUND = "We could not find that. It may have been removed, or it is not shared with you.";

async function newStoryId(page: Page): Promise<string> {
  const editor = await captureOnHome(page, `Evidence over HTTP ${Date.now()}`);
  const id = /\/stories\/([0-9a-f-]{36})/.exec(editor)?.[1];
  expect(id, `story id in ${editor}`).toBeTruthy();
  return id!;
}

function upload(
  request: APIRequestContext,
  storyId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
  cycle = "IMMEDIATE",
  headers: Record<string, string> = {},
) {
  return request.post(`/api/stories/${storyId}/evidence`, { multipart: { cycle, file }, headers });
}

async function signUpElsewhere(page: Page) {
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill(`Elsewhere ${Date.now()}`);
  await page.getByLabel("Your name").fill("Sam Stranger");
  await page.getByLabel("Work email").fill(`stranger-${Date.now()}@elsewhere.test`);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Sam" })).toBeVisible();
}

test("the author uploads an image and a PDF; both come back byte for byte with headers that keep the browser safe", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  const storyId = await newStoryId(page);

  const png = await upload(page.request, storyId, { name: "white board.png", mimeType: "image/png", buffer: TINY_PNG });
  expect(png.status()).toBe(201);
  const pngBody = await png.json();
  expect(pngBody).toMatchObject({ fileName: "white board.png", mimeType: "image/png", sizeBytes: TINY_PNG.length, cycle: "IMMEDIATE" });

  const image = await page.request.get(`/api/evidence/${pngBody.id}`);
  expect(image.status()).toBe(200);
  expect(Buffer.from(await image.body()).equals(TINY_PNG)).toBe(true);
  const h = image.headers();
  expect(h["content-type"]).toBe("image/png");
  expect(h["content-disposition"]).toBe(`inline; filename="white board.png"; filename*=UTF-8''white%20board.png`);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["content-security-policy"]).toBe("sandbox; default-src 'none'");
  expect(h["cache-control"]).toBe("private, max-age=0, must-revalidate");

  // The declared type is ignored: a PDF sent as "image/png" named .png is served as a PDF download.
  const pdf = await upload(page.request, storyId, { name: "Rétro.png", mimeType: "image/png", buffer: TINY_PDF }, "APPLIED");
  expect(pdf.status()).toBe(201);
  const pdfBody = await pdf.json();
  expect(pdfBody).toMatchObject({ fileName: "Rétro.png.pdf", mimeType: "application/pdf", cycle: "APPLIED" });
  const doc = await page.request.get(`/api/evidence/${pdfBody.id}`);
  expect(doc.headers()["content-type"]).toBe("application/pdf");
  expect(doc.headers()["content-disposition"]).toBe(`attachment; filename="R_tro.png.pdf"; filename*=UTF-8''R%C3%A9tro.png.pdf`);
  expect(Buffer.from(await doc.body()).equals(TINY_PDF)).toBe(true);

  // The image shows in the editor's immediate cycle as a thumbnail link (the editor opens on
  // the furthest cycle reached, applied here: the address names the cycle).
  await page.goto(`/stories/${storyId}/edit#cycle-immediate`);
  await expect(page.getByRole("img", { name: "white board.png" })).toBeVisible();
});

test("uploads that are not an image or PDF, too large, for no cycle, or from another site are refused clearly", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  const storyId = await newStoryId(page);

  const html = await upload(page.request, storyId, { name: "cat.png", mimeType: "image/png", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") });
  expect(html.status()).toBe(400);
  expect(await html.json()).toEqual({ error: MESSAGE });

  const svg = await upload(page.request, storyId, {
    name: "logo.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  expect(svg.status()).toBe(400);

  const noCycle = await upload(page.request, storyId, { name: "a.png", mimeType: "image/png", buffer: TINY_PNG }, "SIDEWAYS");
  expect(noCycle.status()).toBe(400);
  expect((await noCycle.json()).error).toBe("Choose one of the five cycles.");

  const big = Buffer.alloc(10 * 1024 * 1024 + 80 * 1024);
  TINY_PNG.copy(big);
  const tooLarge = await upload(page.request, storyId, { name: "huge.png", mimeType: "image/png", buffer: big });
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error).toContain("larger than 10 MB");

  const crossSite = await upload(page.request, storyId, { name: "a.png", mimeType: "image/png", buffer: TINY_PNG }, "IMMEDIATE", {
    Origin: "https://evil.example",
  });
  expect(crossSite.status()).toBe(403);

  const notMultipart = await page.request.post(`/api/stories/${storyId}/evidence`, { data: { cycle: "IMMEDIATE" } });
  expect(notMultipart.status()).toBe(400);
});

test("only readers of the story get the file: a colleague while it is a draft and a stranger get the same 404 as a missing file", async ({ page, browser }) => {
  await signInAs(page, DEMO.employee);
  const storyId = await newStoryId(page);
  const created = await (await upload(page.request, storyId, { name: "a.png", mimeType: "image/png", buffer: TINY_PNG })).json();

  const missing = await page.request.get("/api/evidence/0190a5b4-0000-7000-8000-000000000000");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({ error: NOT_FOUND });
  const malformed = await page.request.get("/api/evidence/..%2F..%2Fetc%2Fpasswd");
  expect(malformed.status()).toBe(404);

  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await signInAs(colleague, DEMO.manager);
  const asColleague = await colleague.request.get(`/api/evidence/${created.id}`);
  expect(asColleague.status()).toBe(404);
  expect(await asColleague.json()).toEqual({ error: NOT_FOUND });
  const addAsColleague = await upload(colleague.request, storyId, { name: "b.png", mimeType: "image/png", buffer: TINY_PNG });
  expect(addAsColleague.status()).toBe(404);
  await colleagueContext.close();

  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signUpElsewhere(stranger);
  const asStranger = await stranger.request.get(`/api/evidence/${created.id}`);
  expect(asStranger.status()).toBe(404);
  expect(await asStranger.json()).toEqual({ error: NOT_FOUND });
  await strangerContext.close();

  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`/api/evidence/${created.id}`)).status()).toBe(401);
  await anonymous.close();
});

test("in the editor, the author attaches a file, sees a too-large file refused at once, and removes the file", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  const storyId = await newStoryId(page);
  await page.goto(`/stories/${storyId}/edit`);
  const section = page.getByRole("region", { name: "1. Immediate value" });
  const input = section.getByLabel("Attach a file to Immediate value");

  await input.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await expect(section.getByRole("alert")).toHaveText(MESSAGE);
  await expect(input).toHaveAttribute("aria-invalid", "true");

  await input.setInputFiles({ name: "sketch.png", mimeType: "image/png", buffer: TINY_PNG });
  await expect(section.getByRole("img", { name: "sketch.png" })).toBeVisible();
  await expect(section.getByRole("link", { name: "sketch.png" })).toHaveAttribute("href", /^\/api\/evidence\/[0-9a-f-]{36}$/);
  await expect(section.getByText(/PNG image · \d+ bytes/)).toBeVisible();
  await expect(section.getByRole("alert")).toHaveCount(0);

  await section.getByRole("button", { name: "Remove sketch.png" }).click();
  await expect(section.getByRole("button", { name: "Yes, remove sketch.png" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(section.getByRole("link", { name: "sketch.png" })).toHaveCount(0);
  await expect(section.getByRole("status").filter({ hasText: "Removed sketch.png." })).toBeVisible();
});
