import { describe, expect, it } from "vitest";
import { emulatorForTest, slackError, webClient } from "../../test-helpers.ts";
import { BRIDGE_USER_SCOPES, seedWorkspace } from "../../testing/seed.ts";
import type { SlackEmulator } from "../../start-slack-emulator.ts";
import type { Role } from "../../world/types.ts";

function personWithToken(
  emulator: SlackEmulator,
  teamId: string,
  appId: string,
  name: string,
  role: Role,
  orgRole: Role | null = null,
): { id: string; token: string } {
  const user = emulator.control.createUser({ teamId, name, role, orgRole });
  return {
    id: user.id,
    token: emulator.control.authorizeUser({ appId, userId: user.id, userScopes: BRIDGE_USER_SCOPES }).token,
  };
}

describe("users.profile.set", () => {
  it("sets and clears a status with an expiration, and the profile reflects it", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const grace = seeded.people[1]?.id ?? "";
    const client = webClient(emulator, seeded.userTokens.get(grace));
    const until = Math.floor(Date.now() / 1000) + 3600;
    const set = await client.users.profile.set({
      profile: { status_text: "In a meeting", status_emoji: ":calendar:", status_expiration: until },
    });
    expect(set).toMatchObject({
      ok: true,
      username: "grace",
      profile: { status_text: "In a meeting", status_emoji: ":calendar:", status_expiration: until },
    });
    expect(emulator.control.getProfile({ userId: grace })).toMatchObject({
      status_text: "In a meeting",
      status_expiration: until,
    });
    const cleared = await client.users.profile.set({ profile: { status_text: "", status_emoji: "" } });
    expect(cleared.profile).toMatchObject({ status_text: "", status_emoji: "", status_expiration: 0 });
  });

  it("accepts name/value for a single field", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const grace = seeded.people[1]?.id ?? "";
    const result = await webClient(emulator, seeded.userTokens.get(grace)).users.profile.set({
      name: "status_text",
      value: "Commuting",
    });
    expect(result.profile?.status_text).toBe("Commuting");
  });

  it("rejects a 101-character status text (too_long) but takes 100, counting characters not bytes", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const client = webClient(emulator, seeded.userTokens.get(seeded.people[1]?.id ?? ""));
    expect(
      (
        await slackError(
          client.users.profile.set({ profile: { status_text: "x".repeat(101), status_emoji: ":x:" } }),
        )
      ).error,
    ).toBe("too_long");
    const hundred = "ä".repeat(99) + "🚆";
    expect(
      (await client.users.profile.set({ profile: { status_text: hundred, status_emoji: ":x:" } })).profile
        ?.status_text,
    ).toBe(hundred);
  });

  it("clearing needs both text and emoji empty (must_clear_both_status_text_and_status_emoji)", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const client = webClient(emulator, seeded.userTokens.get(seeded.people[1]?.id ?? ""));
    await client.users.profile.set({ profile: { status_text: "Focus", status_emoji: ":headphones:" } });
    expect((await slackError(client.users.profile.set({ profile: { status_text: "" } }))).error).toBe(
      "must_clear_both_status_text_and_status_emoji",
    );
    expect((await slackError(client.users.profile.set({ profile: { status_emoji: "" } }))).error).toBe(
      "must_clear_both_status_text_and_status_emoji",
    );
    // An emoji-only status and a text-only change are fine.
    expect(
      (await client.users.profile.set({ profile: { status_text: "", status_emoji: ":palm_tree:" } })).profile,
    ).toMatchObject({ status_text: "", status_emoji: ":palm_tree:" });
    expect((await client.users.profile.set({ profile: { status_text: "Vacation" } })).profile).toMatchObject({
      status_text: "Vacation",
      status_emoji: ":palm_tree:",
    });
  });

  it("rejects malformed profiles", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const client = webClient(emulator, seeded.userTokens.get(seeded.people[1]?.id ?? ""));
    expect((await slackError(client.apiCall("users.profile.set", { profile: "{not json" }))).error).toBe(
      "invalid_profile",
    );
    expect(
      (
        await slackError(
          client.users.profile.set({
            profile: {
              status_text: "x",
              status_emoji: ":x:",
              status_expiration: "soon" as unknown as number,
            },
          }),
        )
      ).error,
    ).toBe("invalid_profile");
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`field_${i}`, "v"]));
    expect((await slackError(client.users.profile.set({ profile: tooMany }))).error).toBe("invalid_profile");
  });

  describe("user= (someone else's profile)", () => {
    async function adminWorld(
      plan: "paid" | "free",
      profileSource: "api" | "slack",
    ): Promise<{ emulator: SlackEmulator; people: Record<Role, { id: string; token: string }> }> {
      const emulator = await emulatorForTest();
      const ws = emulator.control.createWorkspace({ plan, profileSource });
      const primary = emulator.control.createUser({ teamId: ws.id, name: "primary", role: "primary_owner" });
      const { app } = emulator.control.createApp({});
      const install = emulator.control.installApp({
        appId: app.id,
        installerUserId: primary.id,
        botScopes: ["users:read"],
        userScopes: BRIDGE_USER_SCOPES,
      });
      const people = {
        primary_owner: { id: primary.id, token: install.user?.token ?? "" },
        owner: personWithToken(emulator, ws.id, app.id, "owner", "owner"),
        admin: personWithToken(emulator, ws.id, app.id, "admin", "admin"),
        member: personWithToken(emulator, ws.id, app.id, "member", "member"),
        guest: personWithToken(emulator, ws.id, app.id, "guest", "guest"),
      };
      return { emulator, people };
    }
    const status = { status_text: "Out sick", status_emoji: ":face_with_thermometer:" };

    it("follows Primary Owner > Owner > Admin > Member > Guest", async () => {
      const { emulator, people } = await adminWorld("paid", "api");
      const as = (role: Role) => webClient(emulator, people[role].token);
      const tryEdit = async (actor: Role, target: Role): Promise<string> => {
        try {
          await as(actor).users.profile.set({ user: people[target].id, profile: status });
          return "ok";
        } catch (error) {
          return String((error as { data?: { error?: string } }).data?.error);
        }
      };
      expect(await tryEdit("admin", "member")).toBe("ok");
      expect(await tryEdit("admin", "guest")).toBe("ok");
      expect(await tryEdit("admin", "admin")).toBe("ok"); // own profile via user=
      expect(await tryEdit("owner", "admin")).toBe("ok");
      expect(await tryEdit("primary_owner", "owner")).toBe("ok");
      expect(await tryEdit("admin", "owner")).toBe("cannot_update_admin_user");
      expect(await tryEdit("owner", "primary_owner")).toBe("cannot_update_admin_user");
      expect(await tryEdit("member", "guest")).toBe("not_admin");
      expect(await tryEdit("guest", "member")).toBe("not_admin");
      expect(emulator.control.getProfile({ userId: people.member.id })).toMatchObject(status);
    });

    it("needs a paid plan and the API profile data source", async () => {
      const free = await adminWorld("free", "api");
      expect(
        (
          await slackError(
            webClient(free.emulator, free.people.admin.token).users.profile.set({
              user: free.people.member.id,
              profile: status,
            }),
          )
        ).error,
      ).toBe("permission_denied");
      const notApi = await adminWorld("paid", "slack");
      expect(
        (
          await slackError(
            webClient(notApi.emulator, notApi.people.admin.token).users.profile.set({
              user: notApi.people.member.id,
              profile: status,
            }),
          )
        ).error,
      ).toBe("permission_denied");
    });

    it("in Enterprise Grid needs an Org Admin/Owner", async () => {
      const emulator = await emulatorForTest();
      const org = emulator.control.createEnterprise({ name: "Starship" });
      const ws = emulator.control.createWorkspace({ enterpriseId: org.id, profileSource: "api" });
      const installer = emulator.control.createUser({
        teamId: ws.id,
        name: "installer",
        role: "owner",
        orgRole: "owner",
      });
      const { app } = emulator.control.createApp({});
      emulator.control.installApp({
        appId: app.id,
        installerUserId: installer.id,
        botScopes: ["users:read"],
      });
      const workspaceAdmin = personWithToken(emulator, ws.id, app.id, "wsadmin", "admin");
      const orgAdmin = personWithToken(emulator, ws.id, app.id, "orgadmin", "admin", "admin");
      const member = personWithToken(emulator, ws.id, app.id, "member", "member");
      expect(member.id).toMatch(/^W/);
      expect(
        (
          await slackError(
            webClient(emulator, workspaceAdmin.token).users.profile.set({ user: member.id, profile: status }),
          )
        ).error,
      ).toBe("not_admin");
      await webClient(emulator, orgAdmin.token).users.profile.set({ user: member.id, profile: status });
      expect(emulator.control.getProfile({ userId: member.id })).toMatchObject(status);
    });
  });

  it("clears an expired status itself, announcing it like any status change", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const grace = seeded.people[1]?.id ?? "";
    const now = emulator.control.now().seconds;
    await webClient(emulator, seeded.userTokens.get(grace)).users.profile.set({
      profile: { status_text: "Lunch", status_emoji: ":sandwich:", status_expiration: now + 1800 },
    });
    emulator.control.advanceTime({ ms: 1799_000 });
    expect(emulator.control.getProfile({ userId: grace })).toMatchObject({ status_text: "Lunch" });
    emulator.control.advanceTime({ ms: 2000 });
    expect(emulator.control.getProfile({ userId: grace })).toMatchObject({
      status_text: "",
      status_emoji: "",
      status_expiration: 0,
    });
    const changes = emulator.control.deliveries({ eventType: "user_status_changed" });
    expect(changes).toHaveLength(2);
    expect(
      changes.map(
        (d) => (d.body.event as { user: { profile: { status_text: string } } }).user.profile.status_text,
      ),
    ).toEqual(["Lunch", ""]);
  });
});
