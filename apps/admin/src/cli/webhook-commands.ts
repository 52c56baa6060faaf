import { listWebhookConnections, type WebhookConnection } from "@presence/db";
import {
  addWebhookConnection,
  parseConnectionId,
  removeWebhookConnection,
  rotateWebhookSecret,
  setWebhookConnectionEnabled,
} from "@presence/services";
import { Option, type Command } from "commander";

import { json, table } from "./format.ts";
import type { CliDeps } from "./program.ts";

/**
 * `presence webhook …`: third-party systems connected through the webhook spoke (docs/webhook-spoke.md).
 * A secret is printed only when it is made (add, rotate-secret).
 */
export function addWebhookCommands(program: Command, deps: CliDeps): void {
  const webhook = program
    .command("webhook")
    .description("Third-party systems (phone systems, contact-centre tools) connected by signed webhooks");

  webhook
    .command("add")
    .description("Connect a system; prints its secret once")
    .argument(
      "<id>",
      "the connection's id: lower-case letters, digits and dashes (its URL is /webhooks/<id>)",
    )
    .requiredOption("--name <name>", "what the system is, e.g. “Contoso phones”")
    .option("--url <https url>", "where people's states are sent (direction out or both)")
    .addOption(
      new Option("--direction <direction>", "in: it reports states; out: it receives them; both")
        .choices(["in", "out", "both"])
        .default("both"),
    )
    .option("--json", "print JSON")
    .action(
      async (
        id: string,
        options: { name: string; url?: string; direction: "in" | "out" | "both"; json?: boolean },
      ) => {
        const added = await addWebhookConnection(
          await deps.db(),
          deps.keyRing(),
          { id, name: options.name, url: options.url ?? null, direction: options.direction },
          deps.actor,
        );
        deps.out(
          options.json ? json(added) : secretMessage(added.connection, added.secret, deps.publicBaseUrl),
        );
      },
    );

  webhook
    .command("list")
    .description("List the connections (never their secrets)")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const connections = await listWebhookConnections(await deps.db());
      if (options.json) return deps.out(json(connections));
      deps.out(
        connections.length === 0
          ? "No webhook connections: add one with `presence webhook add <id> --name … [--url https://…]`."
          : table(
              ["ID", "NAME", "DIRECTION", "STATUS", "URL", "LAST DELIVERY"],
              connections.map((c) => [
                c.id,
                c.name,
                c.direction,
                c.status === "active" ? "active" : `disabled${c.statusReason ? ` (${c.statusReason})` : ""}`,
                c.url ?? "",
                c.lastDeliveryAt ? `${c.lastDeliveryStatus} at ${c.lastDeliveryAt.toISOString()}` : "",
              ]),
            ),
      );
    });

  webhook
    .command("rotate-secret")
    .description("Replace a connection's secret (the old one stops working at once); prints the new one once")
    .argument("<id>")
    .option("--json", "print JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      const rotated = await rotateWebhookSecret(
        await deps.db(),
        deps.keyRing(),
        parseConnectionId(id),
        deps.actor,
      );
      deps.out(
        options.json ? json(rotated) : secretMessage(rotated.connection, rotated.secret, deps.publicBaseUrl),
      );
    });

  webhook
    .command("disable")
    .description("Turn a connection off: its reports are refused and nothing is sent to it")
    .argument("<id>")
    .option("--reason <text>", "why (shown in the list)")
    .action(async (id: string, options: { reason?: string }) => {
      const row = await setWebhookConnectionEnabled(
        await deps.db(),
        parseConnectionId(id),
        false,
        deps.actor,
        options.reason ?? "",
      );
      deps.out(`Disabled webhook connection ${row.id}`);
    });

  webhook
    .command("enable")
    .description("Turn a connection on again")
    .argument("<id>")
    .action(async (id: string) => {
      const row = await setWebhookConnectionEnabled(await deps.db(), parseConnectionId(id), true, deps.actor);
      deps.out(`Enabled webhook connection ${row.id}`);
    });

  webhook
    .command("remove")
    .description("Remove a connection and its secret")
    .argument("<id>")
    .action(async (id: string) => {
      const row = await removeWebhookConnection(await deps.db(), parseConnectionId(id), deps.actor);
      deps.out(`Removed webhook connection ${row.id} (${row.name})`);
    });
}

function secretMessage(
  connection: WebhookConnection,
  secret: string,
  publicBaseUrl: string | undefined,
): string {
  const base = publicBaseUrl?.replace(/\/+$/, "") ?? "<PUBLIC_BASE_URL>";
  return [
    `Webhook connection ${connection.id} (${connection.name}), direction ${connection.direction}.`,
    `Secret (shown only now; store it in the system): ${secret}`,
    ...(connection.direction !== "out"
      ? [`The system reports states to: POST ${base}/webhooks/${connection.id}`]
      : []),
    ...(connection.url ? [`States are sent to: ${connection.url}`] : []),
    "The contract: docs/webhook-spoke.md",
  ].join("\n");
}
