import type { App } from "@slack/bolt";
import { z } from "zod";

import type { HomeService } from "./home-service.ts";
import { presenceCommand } from "./presence-command.ts";

const ZActionBody = z
  .object({
    user: z.object({ id: z.string(), team_id: z.string().optional() }).loose(),
    team: z.object({ id: z.string() }).loose().nullish(),
  })
  .loose();
const ZAction = z
  .object({
    action_id: z.string(),
    value: z.string().optional(),
    selected_option: z.object({ value: z.string() }).loose().nullish(),
    selected_options: z.array(z.object({ value: z.string() }).loose()).optional(),
  })
  .loose();

/** App Home's buttons and menus, and the /presence command. */
export function registerHomeListeners(app: App, home: HomeService): void {
  app.action(/^presence_/, async ({ ack, body, action }) => {
    await ack();
    const parsedBody = ZActionBody.parse(body);
    const parsed = ZAction.parse(action);
    const teamId = parsedBody.team?.id ?? parsedBody.user.team_id;
    if (!teamId) return;
    await home.act(
      { teamId, userId: parsedBody.user.id },
      {
        actionId: parsed.action_id,
        ...((parsed.selected_option?.value ?? parsed.value) !== undefined
          ? { value: parsed.selected_option?.value ?? parsed.value }
          : {}),
        ...(parsed.selected_options ? { selected: parsed.selected_options.map((o) => o.value) } : {}),
      },
    );
  });

  app.command("/presence", async ({ command, ack }) => {
    const answer = await presenceCommand(
      home,
      { teamId: command.team_id, userId: command.user_id },
      command.text,
    );
    await ack({
      response_type: "ephemeral",
      text: answer.text,
      ...(answer.blocks ? { blocks: answer.blocks } : {}),
    });
  });
}
