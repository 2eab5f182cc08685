// The onboarding checklist an admin of a new organisation sees on Home. Each step checks
// itself off from what the organisation holds (never from a click on the list); the list
// goes away when every step is done or when the admin hides it.

export type OnboardingFacts = {
  /** People other than the admin who signed up, and invitations made. */
  otherPeople: number;
  invites: number;
  teams: number;
  /** People who have a manager. */
  reportingLines: number;
  /** Changes to the settings, channels or indicator catalogue. */
  catalogueChanges: number;
  stories: number;
};

export type OnboardingStep = { key: string; label: string; hint: string; href: string; done: boolean };

export function onboardingSteps(f: OnboardingFacts): OnboardingStep[] {
  return [
    {
      key: "invite",
      label: "Invite your colleagues",
      hint: "Paste their e-mail addresses or upload a CSV.",
      href: "/admin/invites/bulk",
      done: f.otherPeople > 0 || f.invites > 0,
    },
    { key: "teams", label: "Set up your teams", hint: "Teams and sub-teams, as your organisation is built.", href: "/admin/teams", done: f.teams > 0 },
    { key: "lines", label: "Add reporting lines", hint: "Managers review what their reports share with them.", href: "/admin", done: f.reportingLines > 0 },
    {
      key: "catalogue",
      label: "Review channels and the indicator catalogue",
      hint: "Where learning happens in your organisation, and what you count as value.",
      href: "/admin/settings",
      done: f.catalogueChanges > 0,
    },
    { key: "capture", label: "Capture a first moment", hint: "Press C on any page, type one line, Enter.", href: "/#qc-home-what", done: f.stories > 0 },
  ];
}

/** Shown until every step is done, or the admin hid it. */
export function showOnboarding(steps: readonly OnboardingStep[], dismissed: boolean): boolean {
  return !dismissed && steps.some((s) => !s.done);
}
