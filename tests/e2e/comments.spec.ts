import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

const TITLE = "An agency's urgent question answered by my network in four minutes";

async function unread(page: Page): Promise<number> {
  const label = (await page.getByRole("link", { name: /^Notifications/ }).getAttribute("aria-label")) ?? "";
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

test("a manager comments on an employee's story; the employee is notified and follows the notification to the comment", async ({ browser }) => {
  const employeeContext = await browser.newContext();
  const managerContext = await browser.newContext();
  try {
    // The employee's organisation-wide story, found through their own list.
    const employee = await employeeContext.newPage();
    await signInAs(employee, DEMO.employee);
    const before = await unread(employee);
    await employee.goto("/stories");
    const href = await employee.getByRole("link", { name: TITLE }).first().getAttribute("href");
    expect(href).toMatch(/^\/stories\/[0-9a-f-]{36}$/);

    const manager = await managerContext.newPage();
    await signInAs(manager, DEMO.manager);
    await manager.goto(href!);
    await expect(manager.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    const thread = manager.getByRole("region", { name: "Comments" });
    await expect(thread).toContainText("No comments yet.");

    // Nothing typed: a clear message on the field, which gets the focus.
    await thread.getByRole("button", { name: "Post comment" }).click();
    await expect(thread.getByLabel("Add a comment")).toHaveAccessibleDescription(/Write a comment before posting\./);
    await expect(thread.getByLabel("Add a comment")).toBeFocused();

    const text = `Brilliant use of your network. Could we share the template with the whole team?\nLet's discuss on Monday. ${Date.now()}`;
    await thread.getByLabel("Add a comment").fill(text);
    await thread.getByRole("button", { name: "Post comment" }).click();
    await expect(thread.getByRole("status")).toContainText("Comment posted.");
    await expect(thread.getByLabel("Add a comment")).toHaveValue("");
    const posted = thread.getByRole("listitem").filter({ hasText: "Brilliant use of your network" });
    await expect(posted).toContainText("(you)");
    await expect(posted.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
    await expectAccessible(manager);

    // The employee sees the bell count go up, opens the notifications and follows the new one.
    await employee.goto("/");
    await expect(employee.getByRole("link", { name: `Notifications, ${before + 1} unread` })).toBeVisible();
    await employee.getByRole("link", { name: /^Notifications/ }).click();
    await expect(employee.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await expectAccessible(employee);
    // Opening the page marks nothing read.
    await expect(employee.getByRole("link", { name: `Notifications, ${before + 1} unread` })).toBeVisible();
    await employee
      .getByRole("button", { name: new RegExp(`commented on “${TITLE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”`) })
      .first()
      .click();
    await expect(employee).toHaveURL(new RegExp(`${href}#comments$`));
    const seen = employee.getByRole("region", { name: "Comments" });
    await expect(seen.getByRole("listitem").filter({ hasText: "Brilliant use of your network" })).toContainText("Let's discuss on Monday.");
    await expect(employee.getByRole("link", { name: before ? `Notifications, ${before} unread` : "Notifications" })).toBeVisible();

    // The employee replies, then deletes the reply (with a confirmation), by keyboard.
    await seen.getByLabel("Add a comment").fill("Thanks! Monday works.");
    await seen.getByRole("button", { name: "Post comment" }).click();
    const reply = seen.getByRole("listitem").filter({ hasText: "Thanks! Monday works." });
    await expect(reply).toBeVisible();
    await reply.getByRole("button", { name: "Delete your comment" }).focus();
    await employee.keyboard.press("Enter");
    const dialog = employee.getByRole("dialog", { name: "Delete your comment?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete comment" }).focus();
    await employee.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(seen).toContainText("Comment removed");
    await expect(seen).not.toContainText("Thanks! Monday works.");
    await expectAccessible(employee);

    // At 375 px the thread fits without sideways scrolling.
    await employee.setViewportSize({ width: 375, height: 800 });
    await expect(seen.getByRole("button", { name: "Post comment" })).toBeVisible();
    expect(await employee.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  } finally {
    await employeeContext.close();
    await managerContext.close();
  }
});
