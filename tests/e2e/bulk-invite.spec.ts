import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

// Administration for organisations of thousands: inviting many people from a CSV (with a
// preview and per-row errors before anything is created), finding people, and a new
// organisation's onboarding checklist. At desktop and phone width, with axe checks; the
// screenshots (both themes) go to test-results/screens for a person to look at.

const SHOTS = "test-results/screens";
mkdirSync(SHOTS, { recursive: true });

async function shoot(page: Page, name: string, width: number) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}-${theme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

const csvOf = (rows: string[][]) => rows.map((r) => r.map((v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(",")).join("\r\n") + "\r\n";

for (const width of [1280, 375]) {
  test(`an admin invites 20 people from a CSV, seeing every row's errors first (${width} px)`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    const stamp = `${Date.now()}-${width}`;
    const people = Array.from({ length: 20 }, (_, i) => [
      `Newcomer ${i + 1} ${stamp}`,
      `new${i + 1}-${stamp}@bulk.test`,
      i < 2 ? "Manager" : "Employee",
      i % 2 ? "Support EMEA" : "",
      i % 2 ? DEMO.manager : "",
    ]);
    const header = ["name", "email", "role", "team", "manager"];
    const file = (rows: string[][]) => ({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csvOf([header, ...rows])) });

    await signInAs(page, DEMO.admin);
    await page.goto("/admin");
    let interactions = 0;
    await page.getByRole("link", { name: "Invite people" }).click();
    interactions++;
    await expect(page.getByRole("heading", { level: 1, name: "Invite people" })).toBeVisible();

    // A file with mistakes: every row is shown with what is wrong, and nothing can be sent.
    const broken = [
      ...people.slice(0, 18),
      ["Typo", "not-an-address", "", "", ""],
      ["Nowhere", `nowhere-${stamp}@bulk.test`, "Boss", "Atlantis", ""],
      [people[0]![0]!, people[0]![1]!, "", "", ""],
    ];
    await page.getByLabel("Or choose a CSV file").setInputFiles(file(broken));
    const preview = page.getByRole("region", { name: /^Preview/ });
    await expect(preview.getByRole("heading", { name: "Preview: 21 people" })).toBeVisible();
    await expect(preview.getByText("3 rows have errors")).toBeVisible();
    await expect(preview.locator("[data-row='20']")).toContainText('"not-an-address" is not an e-mail address like name@example.com.');
    await expect(preview.locator("[data-row='21']")).toContainText('"Boss" is not a role.');
    await expect(preview.locator("[data-row='21']")).toContainText('There is no team called "Atlantis".');
    await expect(preview.locator("[data-row='22']")).toContainText("This address is already on row 2.");
    await expect(preview.getByRole("button", { name: /invitations/ })).toHaveCount(0);
    // The text stays in the box to correct.
    await expect(page.getByLabel("E-mail addresses or CSV")).toHaveValue(/not-an-address/);
    await expectAccessible(page);
    await shoot(page, "bulk-invite-errors", width);

    // The corrected file: all 20 ready, then created in one go.
    await page.getByLabel("Or choose a CSV file").setInputFiles(file(people));
    interactions++;
    await expect(preview.getByText("All 20 rows are ready.")).toBeVisible();
    await expect(preview.locator("[data-row='3']")).toContainText("Support EMEA");
    await expect(preview.locator("[data-row='3']")).toContainText("reports to Marco Rossi");
    await expectAccessible(page);
    await shoot(page, "bulk-invite-preview", width);
    await preview.getByRole("button", { name: "Create 20 invitations" }).click();
    interactions++;
    await expect(page.getByText("20 invitations created")).toBeVisible();
    await expect(page.locator("[data-invite-link]")).toHaveCount(20);
    await expect(page.getByRole("link", { name: "Download the links (CSV)" })).toBeVisible();
    await expectAccessible(page);
    await shoot(page, "bulk-invite-created", width);
    console.log(`inviting 20 people from a CSV at ${width} px: ${interactions} interactions from the People page`);

    // The invitations are listed, and a link works, with the name suggested.
    const link = await page.getByLabel(`Invitation link for ${people[3]![1]}`).inputValue();
    await page.goto("/admin/invites");
    await expect(page.getByText(people[3]![1]!, { exact: true })).toBeVisible();
    const context = await page.context().browser()!.newContext();
    const invitee = await context.newPage();
    await invitee.goto(link);
    await expect(invitee.getByLabel("Your name")).toHaveValue(people[3]![0]!);
    await context.close();

    // Sending the same file again: every row is already invited.
    await page.goto("/admin/invites/bulk");
    await page.getByLabel("Or choose a CSV file").setInputFiles(file(people.slice(0, 2)));
    await expect(page.getByText("2 rows have errors")).toBeVisible();
    await expect(page.locator("[data-row='2']")).toContainText("already has a pending invitation");
  });

  test(`an admin finds people by name, role, team and status (${width} px)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, DEMO.admin);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    const rows = page.locator("[data-person]:visible");
    await expect(rows.first()).toBeVisible();
    // A table on a wide screen, a compact list on a phone.
    await expect(page.getByRole("table")).toBeVisible({ visible: width >= 768 });
    await expectAccessible(page);
    await shoot(page, "people", width);

    await page.getByLabel("Name or e-mail").fill("marco");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/admin\?q=marco$/);
    await expect(page.getByRole("heading", { level: 2, name: "1 person" })).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Marco Rossi");

    await page.goto("/admin");
    await page.getByLabel("Team").selectOption({ label: "\u2014 Support EMEA" });
    await page.getByLabel("Role").selectOption({ label: "Employee" });
    await page.getByLabel("Status").selectOption({ label: "Active" });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/role=employee/);
    await expect(rows.filter({ hasText: "Ava Patel" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "Priya Shah" })).toHaveCount(1);
    await expect(page.locator(`[data-person="${DEMO.manager}"]:visible`)).toHaveCount(0); // a manager, in another team
    // The filters show what is applied, and the edit controls stay one tap away.
    await expect(page.getByLabel("Team").locator("option:checked")).toHaveText("\u2014 Support EMEA");
    await rows.filter({ hasText: "Ava Patel" }).getByRole("button", { name: "Edit Ava Patel" }).click();
    const dialog = page.getByRole("dialog", { name: "Ava Patel" });
    await expect(dialog.getByLabel("Manager", { exact: true })).toBeVisible();
    await expectAccessible(page);
    await shoot(page, "people-edit", width);
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.getByLabel("Name or e-mail").fill("nobody-is-called-this");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Nobody matches" })).toBeVisible();
    await page.getByRole("link", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/admin$/);
  });
}

test("a new organisation's admin gets an onboarding checklist on Home that ticks itself off", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill(`Onboard ${stamp}`);
  await page.getByLabel("Your name").fill("Olu Owner");
  await page.getByLabel("Work email").fill(`owner-${stamp}@onboard.test`);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create organisation" }).click();
  const checklist = page.getByRole("region", { name: `Get Onboard ${stamp} started` });
  await expect(checklist).toBeVisible();
  await expect(checklist.getByText("0 of 5 done")).toBeVisible();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
    await shoot(page, "onboarding", width);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await checklist.getByRole("link", { name: "Invite your colleagues" }).click();
  await page.getByLabel("E-mail addresses or CSV").fill(`first-${stamp}@onboard.test, second-${stamp}@onboard.test`);
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Create 2 invitations" }).click();
  await expect(page.getByText("2 invitations created")).toBeVisible();

  await page.goto("/");
  await expect(checklist.getByText("1 of 5 done")).toBeVisible();
  await expect(checklist.locator("[data-step='invite']")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByText("Invite your colleagues (done)")).toBeAttached();
  await checklist.getByRole("button", { name: "Hide this list" }).click();
  await expect(checklist).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: /^Hello,/ })).toBeVisible();
  await expect(checklist).toHaveCount(0);
});
