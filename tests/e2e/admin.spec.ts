import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

async function createInviteLink(page: Page, opts: { role: string; team?: string; manager?: string }): Promise<string> {
  await page.goto("/admin/invites");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: opts.role });
  if (opts.team) await page.getByLabel("Team", { exact: true }).selectOption({ label: opts.team });
  if (opts.manager) await page.getByLabel("Manager", { exact: true }).selectOption({ label: opts.manager });
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = page.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

async function signUpThroughInvite(browser: Browser, link: string, person: { name: string; email: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: /^Join .+ on Ripple$/ })).toBeVisible();
    await page.getByLabel("Your name").fill(person.name);
    await page.getByLabel("Work email").fill(person.email);
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Hello,/ })).toBeVisible();
    // Used once: the same link no longer works.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "This invitation link is not valid" })).toBeVisible();
  } finally {
    await context.close();
  }
}

test("an admin invites an employee and a manager by link, they sign up, and the admin sets the reporting line", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const employee = { name: `Erin Employee ${stamp}`, email: `erin-${stamp}@invited.test` };
  const manager = { name: `Milo Manager ${stamp}`, email: `milo-${stamp}@invited.test` };

  await signInAs(page, DEMO.admin);
  await page.getByRole("link", { name: "Admin" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();

  const employeeLink = await createInviteLink(page, { role: "Employee", team: "\u2014 Support EMEA" });
  await expectAccessible(page);
  const managerLink = await createInviteLink(page, { role: "Manager" });
  await expect(page.getByText("Pending").first()).toBeVisible();

  await signUpThroughInvite(browser, employeeLink, employee);
  await signUpThroughInvite(browser, managerLink, manager);

  // The People list: found by a search, edited in a dialog.
  const row = (email: string) => page.locator(`[data-person="${email}"]:visible`);
  await page.getByRole("link", { name: "People", exact: true }).click();
  await page.getByLabel("Name or e-mail").fill(String(stamp));
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  await expect(page.getByRole("heading", { level: 2, name: "2 people" })).toBeVisible();
  await expect(row(employee.email)).toContainText("Employee");
  await expect(row(employee.email)).toContainText("Support EMEA");
  await row(employee.email)
    .getByRole("button", { name: `Edit ${employee.name}` })
    .click();
  const edit = page.getByRole("dialog", { name: employee.name });
  await expect(edit.getByLabel("Role", { exact: true })).toHaveValue("EMPLOYEE");
  await edit.getByLabel("Manager", { exact: true }).selectOption({ label: manager.name });
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await page.reload();
  await expect(row(employee.email)).toContainText(manager.name);
  await expect(row(manager.email)).toContainText("Manager");
  await expectAccessible(page);

  // Deactivation asks first; afterwards the person cannot sign in.
  const editManager = async () => {
    await row(manager.email)
      .getByRole("button", { name: `Edit ${manager.name}` })
      .click();
    return page.getByRole("dialog", { name: manager.name });
  };
  await (await editManager()).getByRole("button", { name: `Deactivate ${manager.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Deactivate ${manager.name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page
    .getByRole("dialog", { name: manager.name })
    .getByRole("button", { name: `Deactivate ${manager.name}` })
    .click();
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(row(manager.email)).toContainText("Deactivated");
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto("/sign-in");
  await other.getByLabel("Email").fill(manager.email);
  await other.getByLabel("Password").fill("a-long-enough-password");
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.locator("#sign-in-error")).toBeVisible();
  await context.close();
  await (await editManager()).getByRole("button", { name: `Reactivate ${manager.name}` }).click();
  await page
    .getByRole("dialog", { name: `Reactivate ${manager.name}?` })
    .getByRole("button", { name: "Reactivate" })
    .click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(row(manager.email)).not.toContainText("Deactivated");

  // The audit log tells the story in plain words.
  await page.goto("/admin/audit?category=members");
  await expect(page.getByText(`Manager: none → ${manager.name}`).first()).toBeVisible();
  await page.getByLabel("Kind of event").selectOption({ label: "Invitations" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/category=invites/);
  await expect(page.getByText("Invitation accepted").first()).toBeVisible();
  await expectAccessible(page);
});

test("every admin page passes an accessibility check, at desktop and phone width", async ({ page }) => {
  test.setTimeout(240_000); // eight pages, two widths, each with axe
  await signInAs(page, DEMO.admin);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of [
      "/admin",
      "/admin/teams",
      "/admin/invites",
      "/admin/invites/bulk",
      "/admin/settings",
      "/admin/chat",
      "/admin/webhooks",
      "/admin/provisioning",
      "/admin/audit",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("navigation", { name: "Administration" })).toBeVisible();
      await expectAccessible(page);
      // Nothing forces the page sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
    }
  }
});

test("a non-admin gets a 404 at /admin and sees no Admin link", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  for (const path of ["/admin", "/admin/settings", "/admin/chat", "/admin/webhooks", "/admin/provisioning", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We could not find that" })).toBeVisible();
  }
});
