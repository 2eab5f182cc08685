import { expect, test, type Page } from "@playwright/test";
import { weekLabel, weekStartOf } from "@/lib/domain/week";
import { DEMO, signInAs } from "./helpers";

const LEARNED = "What did you learn this week?";
const PERFORMANCE = "How has it affected your performance?";
const ORGANIZATION_IMPACT = "How does it help the organisation?";

function reflectionForm(page: Page) {
  return page.getByRole("form", { name: "This week's reflection" });
}

function history(page: Page) {
  return page.getByRole("region", { name: "Your reflections" });
}

test("a manager answers the weekly reflection; the answers are kept and the week appears in the history", async ({ page }) => {
  await signInAs(page, DEMO.manager);
  // A story captured today, to link to this week's reflection.
  const storyTitle = `Peer review of our escalation playbook ${Date.now()}`;
  const capture = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Save moment" }) })
    .first();
  await capture.getByLabel("What happened?").fill(storyTitle);
  await capture.getByLabel("Where?").selectOption({ label: "Colleague" });
  await capture.getByRole("button", { name: "Save moment" }).click();
  await expect(capture.getByRole("status")).toContainText(`Saved “${storyTitle}”.`);

  await page.goto("/reflect");
  await expect(page.getByRole("heading", { level: 1, name: "Weekly reflection" })).toBeVisible();
  const thisWeek = weekLabel(weekStartOf(new Date()));
  await expect(page.getByRole("heading", { name: thisWeek }).first()).toBeVisible();

  const form = reflectionForm(page);
  await expect(form.getByLabel("Share with my manager")).toBeChecked();
  await expect(form.getByLabel("Share with my manager")).toHaveAccessibleDescription("Your manager sees your answers on their Team page.");

  // Nothing answered: a clear message on the first question, which gets the focus.
  for (const q of [LEARNED, PERFORMANCE, ORGANIZATION_IMPACT]) await form.getByLabel(q).fill("");
  await form.getByRole("button", { name: "Save reflection" }).click();
  await expect(form.getByLabel(LEARNED)).toHaveAccessibleDescription(/Answer at least one question, or choose “Nothing this week”\./);
  await expect(form.getByLabel(LEARNED)).toBeFocused();

  const learned = `Escalation playbooks from peers cut triage time ${Date.now()}`;
  await form.getByLabel(LEARNED).fill(learned);
  await form.getByLabel(PERFORMANCE).fill("Fewer escalations bounced back to my team.");
  // Link the story captured today.
  const story = form.getByRole("group", { name: /Link this week's stories/ }).getByRole("checkbox", { name: new RegExp(storyTitle) });
  await expect(story).not.toBeChecked();
  await story.check();
  await form.getByRole("button", { name: "Save reflection" }).click();
  await expect(form.getByRole("status")).toContainText("Reflection saved");
  // The answers stay visible and editable.
  await expect(form.getByLabel(LEARNED)).toHaveValue(learned);
  await expect(form.getByLabel(LEARNED)).toBeEditable();

  await page.reload();
  await expect(reflectionForm(page).getByLabel(LEARNED)).toHaveValue(learned);
  await expect(reflectionForm(page).getByLabel(PERFORMANCE)).toHaveValue("Fewer escalations bounced back to my team.");
  await expect(reflectionForm(page).getByLabel(ORGANIZATION_IMPACT)).toHaveValue("");

  const week = history(page).getByRole("listitem").filter({ hasText: thisWeek }).first();
  await expect(week).toContainText(learned);
  await expect(week).toContainText("Shared with your manager");
  await expect(week.getByRole("link", { name: storyTitle })).toHaveAttribute("href", /^\/stories\/[0-9a-f-]{36}$/);
  await expect(reflectionForm(page).getByRole("checkbox", { name: new RegExp(storyTitle) })).toBeChecked();

  // The reminder day is saved on its own.
  await page.getByLabel("Reminder day").selectOption({ label: "Thursday" });
  await page.getByRole("button", { name: "Save day" }).click();
  await expect(page.getByRole("form", { name: "When to remind you" }).getByRole("status")).toContainText("We'll remind you from Thursday.");
  await page.reload();
  await expect(page.getByLabel("Reminder day")).toHaveValue("4");
});

test("“Nothing this week” is recorded and shown in the history", async ({ page }) => {
  await signInAs(page, DEMO.lnd);
  await page.goto("/reflect");
  await page.getByRole("button", { name: "Nothing this week" }).click();
  await expect(page.getByRole("form", { name: "Nothing this week" }).getByRole("status")).toContainText("Noted: nothing this week.");
  const week = history(page)
    .getByRole("listitem")
    .filter({ hasText: weekLabel(weekStartOf(new Date())) })
    .first();
  await expect(week).toContainText("Nothing this week");
  await page.reload();
  await expect(
    history(page)
      .getByRole("listitem")
      .filter({ hasText: weekLabel(weekStartOf(new Date())) })
      .first(),
  ).toContainText("Nothing this week");
});

test("the reflection page fits a 375 px wide phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAs(page, DEMO.employee);
  await page.goto("/reflect");
  await expect(page.getByRole("heading", { level: 1, name: "Weekly reflection" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(reflectionForm(page).getByRole("button", { name: "Save reflection" })).toBeVisible();
});
