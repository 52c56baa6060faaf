import { describe, expect, it } from "vitest";
import { SpecValidator } from "./spec-validator.ts";

const spec = SpecValidator.shared();

describe("SpecValidator (official spec subset + documented overlays)", () => {
  it("covers every method the emulator serves", () => {
    expect(spec.methods().sort()).toEqual(
      [
        "apps.connections.open",
        "auth.revoke",
        "auth.test",
        "chat.postMessage",
        "dnd.endSnooze",
        "dnd.info",
        "dnd.setSnooze",
        "oauth.v2.access",
        "openid.connect.token",
        "openid.connect.userInfo",
        "users.getPresence",
        "users.info",
        "users.list",
        "users.lookupByEmail",
        "users.profile.get",
        "users.profile.set",
        "users.setPresence",
        "views.publish",
      ].sort(),
    );
  });

  it("reads required scopes from the spec", () => {
    expect(spec.scopesOf("users.profile.set")).toEqual(["users.profile:write"]);
    expect(spec.scopesOf("users.lookupByEmail")).toEqual(["users:read.email"]);
    expect(spec.scopesOf("auth.test")).toEqual([]);
    expect(spec.scopesOf("chat.postMessage")).toEqual(["chat:write"]);
  });

  it("rejects a response the spec forbids and accepts the spec's own example", () => {
    expect(
      spec.validateResponse("auth.test", {
        ok: true,
        url: "https://x.slack.com/",
        team: "X",
        user: "grace",
        team_id: "T12345678",
        user_id: "W12345678",
      }),
    ).toEqual([]);
    expect(spec.validateResponse("auth.test", { ok: true, team: "X" })).not.toEqual([]);
    expect(
      spec.validateResponse("auth.test", {
        ok: true,
        url: "u",
        team: "X",
        user: "g",
        team_id: "T12345678",
        user_id: "W12345678",
        surprise: 1,
      }),
    ).not.toEqual([]);
  });

  it("reads tuple-style items as anyOf, so user objects are really checked", () => {
    const base = {
      ok: true,
      user: { id: "U12345678", name: "a", is_bot: false, updated: 1, is_app_user: false },
    };
    expect(spec.validateResponse("users.info", base)).not.toEqual([]); // profile missing
    expect(
      spec.validateResponse("users.info", { ...base, user: { ...base.user, unknown_field: 1 } }),
    ).not.toEqual([]);
  });

  it("accepts documented error codes and rejects invented ones", () => {
    expect(spec.validateResponse("users.profile.set", { ok: false, error: "too_long" })).toEqual([]);
    expect(
      spec.validateResponse("users.profile.set", {
        ok: false,
        error: "missing_scope",
        needed: "users.profile:write",
        provided: "users:read",
      }),
    ).toEqual([]);
    expect(spec.validateResponse("users.profile.set", { ok: false, error: "made_up_error" })).not.toEqual([]);
  });

  it("coerces form strings to the spec's argument types and reports missing required ones", () => {
    expect(spec.validateArgs("users.list", { limit: "20" })).toEqual([]);
    expect(spec.validateArgs("users.list", { limit: "twenty" })).not.toEqual([]);
    expect(spec.validateArgs("users.lookupByEmail", {})).toEqual([
      { argument: "email", message: "`email` must have required property 'email'" },
    ]);
    expect(spec.validateArgs("users.profile.set", { profile: { status_text: "x" } })).toEqual([]);
  });
});
