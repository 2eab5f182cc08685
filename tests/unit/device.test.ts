import { describe, expect, it } from "vitest";
import { deviceCookieName, newDeviceId, readCookie, signDevice, verifyDevice } from "@/lib/auth/device";

const secret = "s".repeat(43);

describe("trusted-device cookie", () => {
  it("verifies for the e-mail it was made for, and only with the secret that made it", () => {
    const id = newDeviceId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const value = signDevice(secret, id, "ada@example.test");
    expect(verifyDevice(secret, value, "ada@example.test")).toBe(id);
    expect(verifyDevice(secret, value, "eve@example.test")).toBeNull();
    expect(verifyDevice("t".repeat(43), value, "ada@example.test")).toBeNull();
  });

  it.each([
    ["nothing", null],
    ["empty", ""],
    ["no signature", "AAAAAAAAAAAAAAAAAAAAAA"],
    ["an empty signature", "AAAAAAAAAAAAAAAAAAAAAA."],
    ["a short id", "AAAA.xyz"],
    ["a signature of another id", `${"B".repeat(22)}.${signDevice(secret, "A".repeat(22), "ada@example.test").split(".")[1]}`],
    ["far too long", `${"A".repeat(22)}.${"x".repeat(300)}`],
  ])("refuses %s", (_label, value) => {
    expect(verifyDevice(secret, value, "ada@example.test")).toBeNull();
  });

  it("is named with the __Host- prefix over HTTPS only", () => {
    expect(deviceCookieName(true)).toBe("__Host-ripple-device");
    expect(deviceCookieName(false)).toBe("ripple-device");
  });

  it.each([
    ["ripple-device=abc.def", "abc.def"],
    ["a=1; ripple-device=abc.def; b=2", "abc.def"],
    ["xripple-device=abc; ripple-device=ok", "ok"],
    ["ripple-device=", null],
    ["other=1", null],
    ["", null],
  ])("reads %j from a Cookie header as %j", (header, value) => {
    expect(readCookie(header, "ripple-device")).toBe(value);
  });
});
