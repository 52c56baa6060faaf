import { BridgeError } from "@presence/core";
import { listAdminPrincipals } from "@presence/db";
import { addAdmin, removeAdmin } from "@presence/services";
import type { Command } from "commander";

import { json, table } from "./format.ts";
import type { CliDeps } from "./program.ts";

/**
 * `presence admins …`: who may use the admin UI. The first admin is added here (or with the API token):
 * the UI itself only admits people already on the list.
 */
export function addAdminsCommands(program: Command, deps: CliDeps): void {
  const admins = program
    .command("admins")
    .description("Who may use the admin UI (Entra users and groups, e-mails, Slack users)");

  admins
    .command("add")
    .description("Allow someone (or an Entra group) to use the admin UI")
    .option(
      "--entra-group <objectId>",
      "members of this Entra security group (needs group claims in the app registration)",
    )
    .option("--entra-user <objectId>", "this Entra user")
    .option(
      "--email <address>",
      "whoever signs in with this e-mail (Entra email/UPN, or a verified Slack e-mail)",
    )
    .option("--slack <team/user>", "this Slack user, e.g. T0123ABCD/U0456EFGH")
    .option("--note <text>", "why, for the list")
    .action(
      async (options: {
        entraGroup?: string;
        entraUser?: string;
        email?: string;
        slack?: string;
        note?: string;
      }) => {
        const given = (
          [
            ["entra_group", options.entraGroup],
            ["entra_user", options.entraUser],
            ["email", options.email],
            ["slack_user", options.slack],
          ] as const
        ).filter(([, value]) => value !== undefined);
        const [entry] = given;
        if (given.length !== 1 || !entry)
          throw new BridgeError(
            "invalid_input",
            "Give exactly one of --entra-group, --entra-user, --email, --slack",
          );
        const added = await addAdmin(
          await deps.db(),
          { kind: entry[0], value: entry[1] ?? "", ...(options.note ? { note: options.note } : {}) },
          deps.actor,
        );
        deps.out(`Admin: ${added.kind} ${added.value} (${added.id})`);
      },
    );

  admins
    .command("list")
    .description("List the admin allow-list")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const entries = await listAdminPrincipals(await deps.db());
      if (options.json) return deps.out(json(entries));
      deps.out(
        entries.length === 0
          ? "Nobody yet: add someone with `presence admins add --entra-group <id>` (or --email, --entra-user, --slack)."
          : table(
              ["ID", "KIND", "VALUE", "NOTE", "ADDED BY"],
              entries.map((e) => [e.id, e.kind, e.value, e.note, e.addedBy]),
            ),
      );
    });

  admins
    .command("remove")
    .description("Remove an entry from the admin allow-list (--force even if it is the last one)")
    .argument("<id>", "the entry's id (presence admins list)")
    .option("--force", "allow removing the last entry")
    .action(async (id: string, options: { force?: boolean }) => {
      const removed = await removeAdmin(await deps.db(), id, deps.actor, {
        allowEmpty: options.force === true,
      });
      deps.out(`Removed: ${removed.kind} ${removed.value}`);
    });
}
