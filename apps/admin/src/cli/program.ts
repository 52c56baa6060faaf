import { BridgeError, ZDirection, ZLinkStatus, parseInput, type LinkStatus } from "@presence/core";
import type { DbClient, KeyRing } from "@presence/db";
import { Command, CommanderError, Option } from "commander";
import {
  type Actor,
  linkAccounts,
  linkByEmail,
  listPeople,
  parseEntraRef,
  parseSlackRef,
  pausePerson,
  personTimeline,
  resumePerson,
  rotateEncryptionKey,
  unlinkPerson,
} from "@presence/services";

import { addDoctorCommand, type DoctorCommandDeps } from "../doctor/doctor-command.ts";
import { EVENT_HEADERS, eventRow, json, LINK_HEADERS, linkRow, table } from "./format.ts";
import { addAdminsCommands } from "./admins-commands.ts";
import { addGraphCommands } from "./graph-commands.ts";
import { parseDuration } from "./parse-duration.ts";
import { addWebhookCommands } from "./webhook-commands.ts";

export interface CliDeps extends DoctorCommandDeps {
  db: () => Promise<DbClient>;
  keyRing: () => KeyRing;
  out: (text: string) => void;
  err: (text: string) => void;
  actor: Actor;
  now?: () => number;
  /** Where the bridges are reached (PUBLIC_BASE_URL), for sign-in links. */
  publicBaseUrl?: string;
  /** Applies pending migrations to DATABASE_URL's database; returns the ones it applied. */
  migrate?: () => Promise<string[]>;
}

/**
 * Runs one `presence` command. Returns the exit code: 0 done, 2 bad input, unknown person or
 * conflict (nothing was changed), 1 anything else (`doctor`: a check failed).
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(deps, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(["node", "presence", ...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const bridgeError = BridgeError.from(error);
    deps.err(`error: ${bridgeError.message}`);
    return ["invalid_input", "not_found", "conflict"].includes(bridgeError.code) ? 2 : 1;
  }
}

function buildProgram(deps: CliDeps, setExitCode: (code: number) => void): Command {
  const now = deps.now ?? Date.now;
  const program = new Command("presence")
    .description("Administer the Slack ⇄ Teams presence bridge: link people, pause, inspect, rotate keys.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.out(s.trimEnd()), writeErr: (s) => deps.err(s.trimEnd()) });

  program
    .command("link")
    .description("Link a Slack account and a Microsoft account (by ids, or both found by e-mail)")
    .option("--slack <team/user>", "Slack account, e.g. T0123ABCD/U0456EFGH")
    .option("--entra <tenant/user>", "Microsoft account: tenant id / user object id")
    .option(
      "--email <address>",
      "link the accounts that have this e-mail (or record it with --slack/--entra)",
    )
    .option("--name <display name>", "how the person is shown")
    .addOption(
      new Option("--direction <direction>", "what is mirrored").choices(ZDirection.options).default("both"),
    )
    .option("--json", "print JSON")
    .action(
      async (options: {
        slack?: string;
        entra?: string;
        email?: string;
        name?: string;
        direction: string;
        json?: boolean;
      }) => {
        const direction = parseInput(ZDirection, options.direction, "Invalid --direction");
        const db = await deps.db();
        let link;
        if (options.slack || options.entra) {
          if (!options.slack || !options.entra)
            throw new BridgeError("invalid_input", "Give both --slack and --entra (or only --email)");
          link = await linkAccounts(
            db,
            {
              slack: parseSlackRef(options.slack),
              entra: parseEntraRef(options.entra),
              email: options.email ?? null,
              displayName: options.name ?? "",
              direction,
            },
            deps.actor,
          );
        } else if (options.email) {
          link = await linkByEmail(db, options.email, deps.actor, {
            direction,
            displayName: options.name ?? "",
          });
        } else {
          throw new BridgeError("invalid_input", "Say whom to link: --slack and --entra, or --email");
        }
        deps.out(
          options.json
            ? json(link)
            : `Linked ${link.displayName || link.email || link.slackUserId} (link ${link.id})`,
        );
      },
    );

  program
    .command("unlink")
    .description("Remove a person's link and their stored tokens")
    .argument(
      "<person>",
      "link id, e-mail, slack:T…/U…, entra:<tenant>/<user>, Slack user id or Entra object id",
    )
    .action(async (person: string) => {
      const link = await unlinkPerson(await deps.db(), person, deps.actor);
      deps.out(`Unlinked ${link.displayName || link.email || link.slackUserId} (link ${link.id})`);
    });

  program
    .command("links")
    .description("List links and their state")
    .addOption(new Option("--status <status>", "only links in this state").choices(ZLinkStatus.options))
    .option("--search <text>", "match e-mail, name or user id")
    .option("--limit <n>", "at most this many", "100")
    .option("--json", "print JSON")
    .action(async (options: { status?: LinkStatus; search?: string; limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new BridgeError("invalid_input", "--limit must be a positive whole number");
      const links = await listPeople(await deps.db(), {
        ...(options.status ? { status: options.status } : {}),
        ...(options.search ? { search: options.search } : {}),
        limit,
      });
      deps.out(
        options.json
          ? json(links)
          : links.length === 0
            ? "No links."
            : table(LINK_HEADERS, links.map(linkRow)),
      );
    });

  program
    .command("pause")
    .description("Stop mirroring for a person (for a while, or until resumed)")
    .argument("<person>")
    .option("--for <duration>", "resume automatically after 30m, 2h, 1d …")
    .option("--until <time>", "resume automatically at this ISO 8601 time")
    .option("--reason <text>", "why (shown to admins)")
    .action(async (person: string, options: { for?: string; until?: string; reason?: string }) => {
      if (options.for && options.until)
        throw new BridgeError("invalid_input", "Give --for or --until, not both");
      let until: Date | undefined;
      if (options.for) until = new Date(now() + parseDuration(options.for));
      if (options.until) {
        until = new Date(options.until);
        if (Number.isNaN(until.getTime()))
          throw new BridgeError("invalid_input", `--until “${options.until}” is not an ISO 8601 time`);
      }
      const link = await pausePerson(
        await deps.db(),
        person,
        { ...(until ? { until } : {}), ...(options.reason ? { reason: options.reason } : {}) },
        deps.actor,
      );
      deps.out(
        `Paused ${link.displayName || link.email || link.slackUserId}${until ? ` until ${until.toISOString()}` : " until resumed"}`,
      );
    });

  program
    .command("resume")
    .description("Mirror a paused person again")
    .argument("<person>")
    .action(async (person: string) => {
      const link = await resumePerson(await deps.db(), person, deps.actor);
      deps.out(`Resumed ${link.displayName || link.email || link.slackUserId}`);
    });

  program
    .command("events")
    .description("A person's recent sync events: why their status changed")
    .argument("<person>")
    .option("--limit <n>", "how many", "20")
    .option("--json", "print JSON")
    .action(async (person: string, options: { limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new BridgeError("invalid_input", "--limit must be between 1 and 1000");
      const { events } = await personTimeline(await deps.db(), person, limit);
      deps.out(
        options.json
          ? json(events)
          : events.length === 0
            ? "No events yet."
            : table(EVENT_HEADERS, events.map(eventRow)),
      );
    });

  program
    .command("rotate-key")
    .description(
      "Re-encrypt every stored token under TOKEN_ENCRYPTION_KEY (old keys in TOKEN_ENCRYPTION_OLD_KEYS)",
    )
    .action(async () => {
      const ring = deps.keyRing();
      const result = await rotateEncryptionKey(await deps.db(), ring);
      deps.out(`Re-encrypted ${result.reencrypted} secret(s) under key ${result.keyId}`);
    });

  program
    .command("migrate")
    .description(
      "Apply pending database migrations (the store's and the job queue's); apps started with MIGRATE_ON_START=false wait for it",
    )
    .action(async () => {
      if (!deps.migrate) throw new BridgeError("config", "DATABASE_URL is not set: nothing to migrate");
      const applied = await deps.migrate();
      deps.out(
        applied.length === 0
          ? "The database is up to date."
          : `Applied ${applied.length} migration(s): ${applied.join(", ")}`,
      );
    });

  addGraphCommands(program, deps);
  addAdminsCommands(program, deps);
  addWebhookCommands(program, deps);
  addDoctorCommand(program, deps, setExitCode);
  return program;
}
