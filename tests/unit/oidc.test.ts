import { describe, expect, it } from "vitest";
import { parseOidcConfig } from "@/lib/auth/oidc";

const ALL = { OIDC_ISSUER: "https://login.example.com/realms/acme", OIDC_CLIENT_ID: "ripple", OIDC_CLIENT_SECRET: "s3cret" };

describe("parseOidcConfig", () => {
  it.each([
    ["nothing set", {}],
    ["all explicitly undefined", { OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined }],
    ["all empty", { OIDC_ISSUER: "", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "" }],
    ["only a display name", { OIDC_DISPLAY_NAME: "Acme SSO" }],
  ])("is off (null) with %s", (_label, e) => {
    expect(parseOidcConfig(e)).toBeNull();
  });

  it("returns the configuration when all three are set, with the default display name", () => {
    expect(parseOidcConfig(ALL)).toEqual({
      issuer: "https://login.example.com/realms/acme",
      clientId: "ripple",
      clientSecret: "s3cret",
      displayName: "Single sign-on",
      wellKnown: "https://login.example.com/realms/acme/.well-known/openid-configuration",
    });
  });

  it("uses the display name when given", () => {
    expect(parseOidcConfig({ ...ALL, OIDC_DISPLAY_NAME: "Acme Okta" })?.displayName).toBe("Acme Okta");
  });

  it.each([
    ["https://login.example.com/realms/acme/", "https://login.example.com/realms/acme"],
    ["https://login.example.com/realms/acme///", "https://login.example.com/realms/acme"],
    ["https://login.example.com/", "https://login.example.com"],
    ["http://localhost:8080/realms/dev", "http://localhost:8080/realms/dev"],
  ])("strips trailing slashes from %s", (issuer, expected) => {
    const config = parseOidcConfig({ ...ALL, OIDC_ISSUER: issuer });
    expect(config?.issuer).toBe(expected);
    expect(config?.wellKnown).toBe(`${expected}/.well-known/openid-configuration`);
    expect(config?.wellKnown).not.toContain("//.well-known");
  });

  it.each([
    [{ OIDC_ISSUER: ALL.OIDC_ISSUER }, ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"], ["OIDC_ISSUER"]],
    [{ OIDC_CLIENT_ID: "ripple" }, ["OIDC_ISSUER", "OIDC_CLIENT_SECRET"], ["OIDC_CLIENT_ID"]],
    [{ OIDC_CLIENT_SECRET: "s" }, ["OIDC_ISSUER", "OIDC_CLIENT_ID"], ["OIDC_CLIENT_SECRET"]],
    [{ OIDC_ISSUER: ALL.OIDC_ISSUER, OIDC_CLIENT_ID: "ripple" }, ["OIDC_CLIENT_SECRET"], ["OIDC_ISSUER", "OIDC_CLIENT_ID"]],
    [{ OIDC_CLIENT_ID: "ripple", OIDC_CLIENT_SECRET: "s" }, ["OIDC_ISSUER"], ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]],
    [{ ...ALL, OIDC_CLIENT_SECRET: "" }, ["OIDC_CLIENT_SECRET"], ["OIDC_ISSUER", "OIDC_CLIENT_ID"]],
  ])("half-configured %j throws naming the missing variables", (e, missing, present) => {
    let message = "";
    try {
      parseOidcConfig(e);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/half configured/);
    // "... set A and B too, or unset all OIDC_ variables.": exactly the missing ones, in order.
    expect(message.match(/set (.+?) too/)?.[1]).toBe(missing.join(" and "));
    for (const name of present) expect(message).not.toContain(name);
  });

  it.each(["not a url", "login.example.com", "ftp://login.example.com", "javascript:alert(1)"])("refuses the issuer %j", (issuer) => {
    expect(() => parseOidcConfig({ ...ALL, OIDC_ISSUER: issuer })).toThrow(/OIDC_ISSUER must be the issuer's URL/);
  });

  it("refuses a display name longer than 60 characters", () => {
    expect(() => parseOidcConfig({ ...ALL, OIDC_DISPLAY_NAME: "x".repeat(61) })).toThrow(/Single sign-on settings/);
    expect(parseOidcConfig({ ...ALL, OIDC_DISPLAY_NAME: "x".repeat(60) })?.displayName).toHaveLength(60);
  });
});
