import type { Command } from "commander";
import {
  GRAPH_READ_MODES,
  listGraphServiceAccounts,
  serviceAccountSignInLink,
  setGraphReadMode,
} from "@presence/services";
import { BridgeError } from "@presence/core";

import { json, table } from "./format.ts";
import type { CliDeps } from "./program.ts";

/** `presence graph …`: the Teams bridge's notify-mode service accounts and read mode. */
export function addGraphCommands(program: Command, deps: CliDeps): void {
  const graph = program
    .command("graph")
    .description("Teams bridge: service accounts for notify mode, and how presence is read");

  graph
    .command("add-account")
    .description("Print a sign-in link (30 min) that adds a Microsoft service account for notify mode")
    .option("--login-hint <upn>", "the account to sign in")
    .action(async (options: { loginHint?: string }) => {
      deps.out(
        await serviceAccountSignInLink(await deps.db(), deps.keyRing(), deps.publicBaseUrl, {
          ...(options.loginHint ? { loginHint: options.loginHint } : {}),
          ...(deps.now ? { now: deps.now() } : {}),
        }),
      );
    });

  graph
    .command("accounts")
    .description("List the service accounts and how many people each watches")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const accounts = await listGraphServiceAccounts(await deps.db());
      if (options.json) return deps.out(json(accounts));
      deps.out(
        accounts.length === 0
          ? "No service accounts (notify mode polls everyone until one is added: presence graph add-account)."
          : table(
              ["ACCOUNT", "STATUS", "PEOPLE", "SINCE", "REASON"],
              accounts.map((a) => [
                a.userPrincipalName || a.userId,
                a.status.replace("_", "-"),
                String(a.userIds.length),
                a.createdAt.toISOString(),
                a.statusReason,
              ]),
            ),
      );
    });

  graph
    .command("read-mode")
    .description("Set how presence is read: poll, notify, or default (GRAPH_READ_MODE)")
    .argument("<mode>", "poll | notify | default")
    .option("--tenant <id>", "the Entra tenant (when the bridge knows several)")
    .action(async (mode: string, options: { tenant?: string }) => {
      const wanted = mode === "default" ? null : GRAPH_READ_MODES.find((m) => m === mode);
      if (wanted === undefined)
        throw new BridgeError("invalid_input", "mode must be poll, notify or default");
      const tenant = await setGraphReadMode(await deps.db(), wanted, options.tenant);
      deps.out(`Tenant ${tenant.tenantId}: ${tenant.readMode ?? "GRAPH_READ_MODE"} (within a minute)`);
    });
}
