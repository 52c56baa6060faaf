import type { Direction, LinkPolicy, LinkStatus, SlackView, TeamsView } from "@presence/core";

/** Everything a person's App Home shows (loaded by HomeService). */
export interface HomeModel {
  slackConnected: boolean;
  link: {
    status: LinkStatus;
    statusReason: string;
    pausedUntil: Date | null;
    direction: Direction;
    policy: LinkPolicy;
    microsoftAccount: string;
    slackShows: SlackView;
    teamsShows: TeamsView;
  } | null;
  recent: { at: Date; message: string }[];
  /** Signed connect links; null when PUBLIC_BASE_URL is not configured. */
  connectSlackUrl: string | null;
  connectMicrosoftUrl: string | null;
}

/** Block action ids (App Home and the /presence message). */
export const ACTION = {
  direction: "presence_direction",
  pause: "presence_pause",
  resume: "presence_resume",
  sharing: "presence_sharing",
  disconnectSlack: "presence_disconnect_slack",
  unlink: "presence_unlink",
  connectSlack: "presence_connect_slack",
  connectMicrosoft: "presence_connect_microsoft",
} as const;

export const DIRECTION_LABELS: Record<Direction, string> = {
  both: "Both ways",
  teamsToSlack: "Teams → Slack only",
  slackToTeams: "Slack → Teams only",
};

/** Pause choices, in minutes; 0 = until resumed. */
export const PAUSE_CHOICES: { minutes: number; label: string }[] = [
  { minutes: 30, label: "30 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 120, label: "2 hours" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1440, label: "24 hours" },
  { minutes: 0, label: "Until I resume" },
];

export const SHARING_CHOICES: {
  key: "shareStatusText" | "hideMeetingTitles" | "respectManualStatus";
  label: string;
}[] = [
  { key: "shareStatusText", label: "Share my Slack status text with Teams" },
  { key: "hideMeetingTitles", label: "Hide meeting titles (show “In a meeting”)" },
  { key: "respectManualStatus", label: "Never overwrite a status I set myself" },
];

type Block = Record<string, unknown>;

/** The Home tab view (views.publish). */
export function homeView(model: HomeModel): { type: "home"; blocks: Block[] } {
  return {
    type: "home",
    blocks: [
      { type: "header", text: plain("Presence bridge") },
      section(summary(model)),
      ...accountBlocks(model),
      ...(model.link ? settingsBlocks(model.link) : []),
      ...recentBlocks(model.recent),
    ],
  };
}

/** The same state as a message (the /presence command's ephemeral answer). */
export function statusBlocks(model: HomeModel): Block[] {
  return [section(summary(model)), ...accountBlocks(model), ...(model.link ? [nowBlock(model.link)] : [])];
}

export function summary(model: HomeModel): string {
  const link = model.link;
  if (!link) {
    return model.slackConnected
      ? "Your availability is not mirrored yet: connect your Microsoft account below."
      : "Your availability is not mirrored yet: connect your Slack and Microsoft accounts below.";
  }
  switch (link.status) {
    case "active":
      return `:large_green_circle: Mirroring is on (${DIRECTION_LABELS[link.direction].toLowerCase()}).`;
    case "paused":
      return link.pausedUntil
        ? `:double_vertical_bar: Paused until ${slackDate(link.pausedUntil)}.`
        : ":double_vertical_bar: Paused until you resume.";
    case "needs_reauth":
      return `:warning: Mirroring stopped: ${escape(link.statusReason || "an account must be connected again")}.`;
    case "disabled":
      return `:no_entry: Mirroring is off: ${escape(link.statusReason || "disabled by an admin")}.`;
  }
}

function accountBlocks(model: HomeModel): Block[] {
  const slack = model.slackConnected
    ? withAccessory(section("*Slack account:* connected"), {
        type: "button",
        action_id: ACTION.disconnectSlack,
        text: plain("Disconnect"),
        confirm: confirm(
          "Disconnect your Slack account?",
          "The bridge stops changing your Slack status, DND and presence until you connect again.",
        ),
      })
    : withAccessory(
        section("*Slack account:* not connected — the bridge needs it to set your status, DND and presence."),
        model.connectSlackUrl
          ? {
              type: "button",
              action_id: ACTION.connectSlack,
              text: plain("Connect Slack"),
              url: model.connectSlackUrl,
              style: "primary",
            }
          : null,
      );
  const microsoft = model.link
    ? withAccessory(section(`*Microsoft account:* ${escape(model.link.microsoftAccount)}`), {
        type: "button",
        action_id: ACTION.unlink,
        text: plain("Unlink"),
        style: "danger",
        confirm: confirm(
          "Stop mirroring and unlink?",
          "Your Slack and Microsoft accounts are unlinked and the bridge forgets their tokens.",
        ),
      })
    : withAccessory(
        section("*Microsoft account:* not linked"),
        model.connectMicrosoftUrl
          ? {
              type: "button",
              action_id: ACTION.connectMicrosoft,
              text: plain("Connect Microsoft account"),
              url: model.connectMicrosoftUrl,
              style: "primary",
            }
          : null,
      );
  const blocks = [slack, microsoft];
  if (!model.connectSlackUrl && (!model.slackConnected || !model.link))
    blocks.push(context("Connect links need PUBLIC_BASE_URL; ask your admin."));
  return blocks;
}

function settingsBlocks(link: NonNullable<HomeModel["link"]>): Block[] {
  const pauseOrResume =
    link.status === "paused"
      ? { type: "button", action_id: ACTION.resume, text: plain("Resume"), style: "primary" }
      : {
          type: "static_select",
          action_id: ACTION.pause,
          placeholder: plain("Pause for…"),
          options: PAUSE_CHOICES.map((c) => option(c.label, String(c.minutes))),
        };
  const sharingOptions = SHARING_CHOICES.map((c) => option(c.label, c.key));
  const chosen = SHARING_CHOICES.filter((c) => link.policy[c.key]).map((c) => option(c.label, c.key));
  return [
    { type: "divider" },
    nowBlock(link),
    {
      type: "actions",
      elements: [
        {
          type: "static_select",
          action_id: ACTION.direction,
          placeholder: plain("Direction"),
          options: Object.entries(DIRECTION_LABELS).map(([value, label]) => option(label, value)),
          initial_option: option(DIRECTION_LABELS[link.direction], link.direction),
        },
        ...(link.status === "active" || link.status === "paused" ? [pauseOrResume] : []),
      ],
    },
    withAccessory(section("*What is shared*"), {
      type: "checkboxes",
      action_id: ACTION.sharing,
      options: sharingOptions,
      ...(chosen.length > 0 ? { initial_options: chosen } : {}),
    }),
  ];
}

function nowBlock(link: NonNullable<HomeModel["link"]>): Block {
  const status = link.slackShows.status;
  const slack =
    status && (status.text || status.emoji) ? `${status.emoji} ${escape(status.text)}`.trim() : "no status";
  const presence = link.teamsShows.presence;
  const teams = presence ? `${presence.availability} / ${presence.activity}` : "not seen yet";
  return { type: "section", fields: [mrkdwn(`*Slack shows*\n${slack}`), mrkdwn(`*Teams shows*\n${teams}`)] };
}

function recentBlocks(recent: HomeModel["recent"]): Block[] {
  if (recent.length === 0) return [];
  return [
    { type: "divider" },
    section("*Recent activity* (why did my status change?)"),
    context(recent.map((e) => `${slackDate(e.at)} — ${escape(e.message)}`).join("\n")),
  ];
}

function section(text: string): Block {
  return { type: "section", text: mrkdwn(text) };
}
function withAccessory(block: Block, accessory: Block | null): Block {
  return accessory ? { ...block, accessory } : block;
}
function context(text: string): Block {
  return { type: "context", elements: [mrkdwn(text)] };
}
function plain(text: string) {
  return { type: "plain_text", text, emoji: true };
}
function mrkdwn(text: string) {
  return { type: "mrkdwn", text };
}
function option(label: string, value: string) {
  return { text: plain(label), value };
}
function confirm(title: string, text: string) {
  return { title: plain(title), text: plain(text), confirm: plain("Yes"), deny: plain("Cancel") };
}
function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${date.toISOString()}>`;
}
function escape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
