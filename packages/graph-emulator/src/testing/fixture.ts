import type { AppView, UserView } from "../control/control-api.ts";
import type { Tenant } from "../directory/directory.ts";
import type { GraphEmulatorOptions } from "../options.ts";
import { TEST_REDIRECT_URI } from "./sign-in.ts";
import { startGraphEmulator, type GraphEmulator } from "../server.ts";

export interface Fixture {
  emulator: GraphEmulator;
  tenant: Tenant;
  users: UserView[];
  /** App with client secret and application permissions Presence.ReadWrite.All + User.Read.All. */
  app: AppView & { clientSecret: string };
}

/** An emulator with one tenant, `userCount` users and one confidential app, as most tests need. */
export async function startFixture(options: GraphEmulatorOptions = {}, userCount = 3): Promise<Fixture> {
  const emulator = await startGraphEmulator(options);
  const tenant = emulator.control.createTenant({ displayName: "Contoso", domain: "contoso.onmicrosoft.com" });
  const users = Array.from({ length: userCount }, (_, i) =>
    emulator.control.createUser({
      tenantId: tenant.id,
      displayName: `Person ${i + 1}`,
      userPrincipalName: `person${i + 1}@contoso.com`,
      password: "Passw0rd!",
    }),
  );
  const clientSecret = "app-secret-value";
  const app = emulator.control.createApp({
    tenantId: tenant.id,
    displayName: "Presence bridge",
    clientSecret,
    redirectUris: [TEST_REDIRECT_URI],
    applicationPermissions: ["Presence.ReadWrite.All", "User.Read.All"],
    delegatedScopes: ["Presence.Read.All", "Presence.ReadWrite", "User.Read", "offline_access"],
  });
  return { emulator, tenant, users, app: { ...app, clientSecret } };
}
