import { expect, test } from "@playwright/test";
import { DEMO, TINY_PNG, captureOnHome, expectAccessible, signInAs, waitForSaved } from "./helpers";

test("an employee shares a story with their manager, who comments, asks for the next cycle and confirms the figure; the walls hold for everyone else", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `Shared with my manager ${Date.now()}`;

  // The employee grows a story, keeps it to their manager, and shares it.
  const employeeContext = await browser.newContext();
  const employee = await employeeContext.newPage();
  await signInAs(employee, DEMO.employee);
  const editorUrl = await captureOnHome(employee, title);
  await employee.goto(editorUrl);
  await employee.getByRole("radio", { name: /My manager/ }).check();
  await employee.getByRole("link", { name: /^4\. Realized value/ }).click();
  const realized = employee.getByRole("region", { name: "4. Realized value" });
  await realized.getByLabel("What difference has it made to results that matter to me or others?").fill("The customer renewed early.");
  await realized.getByLabel("Figure (optional)").fill("90");
  await realized.getByLabel("Unit").fill("minutes saved");
  await realized.getByLabel(/Attach a file/).setInputFiles({ name: "renewal.png", mimeType: "image/png", buffer: TINY_PNG });
  const fileLink = realized.getByRole("link", { name: /renewal\.png/ });
  await expect(fileLink).toBeVisible();
  const fileUrl = (await fileLink.getAttribute("href"))!;
  await waitForSaved(employee);
  await employee.getByRole("button", { name: /^Share with/ }).click();
  await expect(employee.getByRole("button", { name: "Back to draft" })).toBeVisible();
  const storyUrl = editorUrl.replace(/\/edit$/, "");

  // The manager finds it on the Team page, comments, asks, confirms.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signInAs(manager, DEMO.manager);
  await manager.goto("/team");
  await manager.getByRole("link", { name: title }).click();
  await expect(manager.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await manager.getByLabel("Add a comment").fill("Great result. What did the customer say?");
  await manager.getByRole("button", { name: "Post comment" }).click();
  await expect(manager.getByText("Great result. What did the customer say?").first()).toBeVisible();
  await manager.getByRole("button", { name: "What happened next?" }).click();
  await manager.getByLabel("Ask “what happened next?”").fill("Did this change how the team handles renewals?");
  await manager.getByRole("button", { name: "Ask what happened next" }).click();
  await expect(manager.getByText("Asked. The author gets a reminder")).toBeVisible();
  await manager.getByRole("button", { name: "Confirm this figure" }).click();
  await expect(manager.getByText(/confirmed by Marco Rossi on/)).toBeVisible();
  await expectAccessible(manager);

  // The employee sees all three.
  await employee.goto("/");
  await expect(employee.getByText("Asked by Marco Rossi")).toBeVisible();
  await employee.goto(storyUrl);
  await expect(employee.getByText("Great result. What did the customer say?").first()).toBeVisible();
  await expect(employee.getByText(/confirmed by Marco Rossi on/)).toBeVisible();

  // A teammate and a stranger get the same 404 for the story and for its file.
  const teammateContext = await browser.newContext();
  const teammate = await teammateContext.newPage();
  await signInAs(teammate, DEMO.teammate);
  expect((await teammate.goto(storyUrl))?.status()).toBe(404);
  expect((await teammate.request.get(fileUrl)).status()).toBe(404);

  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto("/sign-up");
  await stranger.getByLabel("Organisation").fill("Stranger Things Ltd");
  await stranger.getByLabel("Your name").fill("Sam Stranger");
  await stranger.getByLabel("Work email").fill(`stranger-${Date.now()}@elsewhere.test`);
  await stranger.getByLabel("Password").fill("a-long-enough-password");
  await stranger.getByRole("button", { name: "Create organisation" }).click();
  await expect(stranger.getByRole("heading", { level: 1, name: /^Hello,/ })).toBeVisible();
  const strangerStory = await stranger.goto(storyUrl);
  expect(strangerStory?.status()).toBe(404);
  await expect(stranger.getByText("We could not find that")).toBeVisible();
  expect((await stranger.request.get(fileUrl)).status()).toBe(404);

  for (const c of [employeeContext, managerContext, teammateContext, strangerContext]) await c.close();
});
