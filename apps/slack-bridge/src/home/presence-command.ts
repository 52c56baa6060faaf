import { BridgeError } from "@presence/core";

import type { HomeService, Person } from "./home-service.ts";
import { DIRECTION_LABELS, statusBlocks } from "./home-view.ts";

export interface CommandAnswer {
  text: string;
  blocks?: Record<string, unknown>[];
}

const HELP = [
  "*/presence* — your mirrored status and links",
  "*/presence pause [30m|2h|1d]* — pause mirroring (no duration: until you resume)",
  "*/presence resume* — mirror again",
  "*/presence direction both|teams-to-slack|slack-to-teams* — what is mirrored",
  "Everything else (sharing, connecting accounts) is in the app's Home tab.",
].join("\n");

const DIRECTIONS: Record<string, string> = {
  both: "both",
  "teams-to-slack": "teamsToSlack",
  "slack-to-teams": "slackToTeams",
};

/** The /presence slash command: the same changes as App Home, answered ephemerally. */
export async function presenceCommand(
  home: HomeService,
  person: Person,
  text: string,
): Promise<CommandAnswer> {
  const [verb = "", ...rest] = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  try {
    switch (verb) {
      case "":
      case "status": {
        const model = await home.model(person);
        return { text: "Your presence bridge", blocks: statusBlocks(model) };
      }
      case "pause": {
        const minutes = rest[0] ? parseMinutes(rest[0]) : 0;
        const link = await home.pause(person, minutes);
        return {
          text: link.pausedUntil
            ? `Paused until ${link.pausedUntil.toISOString()}.`
            : "Paused until you resume.",
        };
      }
      case "resume":
        await home.resume(person);
        return { text: "Mirroring again." };
      case "direction": {
        const direction = DIRECTIONS[rest[0] ?? ""];
        if (!direction) return { text: `Say one of: ${Object.keys(DIRECTIONS).join(", ")}.` };
        const link = await home.setDirection(person, direction);
        return { text: `Direction: ${DIRECTION_LABELS[link.direction]}.` };
      }
      default:
        return { text: HELP };
    }
  } catch (thrown) {
    const error = BridgeError.from(thrown);
    if (error.code === "internal") throw error;
    return { text: error.message };
  }
}

/** "30m", "2h", "1d" or a bare number of minutes. */
export function parseMinutes(text: string): number {
  const match = /^(\d+)\s*(m|min|h|d)?$/.exec(text);
  if (!match) throw new BridgeError("invalid_input", `“${text}” is not a duration: try 30m, 2h or 1d`);
  const amount = Number(match[1]);
  const unit = match[2] ?? "m";
  const minutes = unit === "d" ? amount * 1440 : unit === "h" ? amount * 60 : amount;
  if (minutes <= 0 || minutes > 7 * 1440)
    throw new BridgeError("invalid_input", "Pause between 1 minute and 7 days");
  return minutes;
}
