import { ZRuleSet, type RuleSet, type RuleSetInput } from "./rule-set.ts";

/** Transient Teams states get a safety expiry on Slack; the bridge refreshes it while the state lasts. */
const TRANSIENT_MINUTES = 240;

/**
 * The default mapping, documented row by row in docs/mapping.md. Version 1 of the rules in a new
 * store is exactly this.
 */
const DEFAULT_RULES: RuleSetInput = {
  teamsToSlack: [
    {
      id: "presenting",
      description: "Presenting in Teams → Slack status and DND",
      when: { activity: ["Presenting"] },
      slack: {
        status: { text: "Presenting", emoji: ":desktop_computer:", expiresInMinutes: TRANSIENT_MINUTES },
        dnd: { minutes: TRANSIENT_MINUTES },
        presence: "auto",
      },
    },
    {
      id: "in-a-call",
      when: { activity: ["InACall"] },
      slack: {
        status: { text: "In a call", emoji: ":telephone_receiver:", expiresInMinutes: TRANSIENT_MINUTES },
        dnd: "off",
        presence: "auto",
      },
    },
    {
      id: "in-a-conference-call",
      when: { activity: ["InAConferenceCall"] },
      slack: {
        status: {
          text: "In a conference call",
          emoji: ":telephone_receiver:",
          expiresInMinutes: TRANSIENT_MINUTES,
        },
        dnd: "off",
        presence: "auto",
      },
    },
    {
      id: "in-a-meeting",
      when: { activity: ["InAMeeting"] },
      slack: {
        status: { text: "In a meeting", emoji: ":spiral_calendar_pad:", expiresInMinutes: TRANSIENT_MINUTES },
        dnd: "off",
        presence: "auto",
      },
    },
    {
      id: "urgent-interruptions-only",
      when: { activity: ["UrgentInterruptionsOnly"] },
      slack: {
        status: {
          text: "Urgent interruptions only",
          emoji: ":no_entry:",
          expiresInMinutes: TRANSIENT_MINUTES,
        },
        dnd: { minutes: TRANSIENT_MINUTES },
        presence: "auto",
      },
    },
    {
      id: "do-not-disturb",
      when: { availability: ["DoNotDisturb"] },
      slack: {
        status: { text: "Do not disturb", emoji: ":no_entry:", expiresInMinutes: TRANSIENT_MINUTES },
        dnd: { minutes: TRANSIENT_MINUTES },
        presence: "auto",
      },
    },
    {
      id: "out-of-office",
      description: "Out of office (automatic replies or an OOF calendar event) combines with any other state",
      when: { outOfOffice: true },
      slack: {
        status: { text: "Out of office", emoji: ":palm_tree:", expiresInMinutes: null },
        dnd: "off",
        presence: "away",
      },
    },
    {
      id: "out-of-office-activity",
      when: { activity: ["OutOfOffice"] },
      slack: {
        status: { text: "Out of office", emoji: ":palm_tree:", expiresInMinutes: null },
        dnd: "off",
        presence: "away",
      },
    },
    {
      id: "busy",
      when: { availability: ["Busy", "BusyIdle"] },
      slack: {
        status: { text: "Busy", emoji: ":red_circle:", expiresInMinutes: TRANSIENT_MINUTES },
        dnd: "off",
        presence: "auto",
      },
    },
    {
      id: "be-right-back",
      when: { availability: ["BeRightBack"] },
      slack: {
        status: { text: "Be right back", emoji: ":hourglass_flowing_sand:", expiresInMinutes: 60 },
        dnd: "off",
        presence: "away",
      },
    },
    {
      id: "off-work",
      when: { activity: ["OffWork"] },
      slack: { status: "clear", dnd: "off", presence: "away" },
    },
    {
      id: "away",
      when: { availability: ["Away"] },
      slack: { status: "clear", dnd: "off", presence: "away" },
    },
    {
      id: "offline",
      when: { availability: ["Offline"] },
      slack: { status: "clear", dnd: "off", presence: "away" },
    },
    {
      id: "available",
      when: { availability: ["Available", "AvailableIdle"] },
      slack: { status: "clear", dnd: "off", presence: "auto" },
    },
    {
      id: "fallback",
      description: "PresenceUnknown and values Graph may add later: change nothing",
      when: {},
      slack: { status: "keep", dnd: "keep", presence: "keep" },
    },
  ],
  slackToTeams: [
    {
      id: "dnd-or-focus",
      description: "Shows as Presenting in Teams; user-preferred Do not disturb only where a policy opts in",
      when: { kind: ["dnd", "focus"] },
      teams: {
        presence: { availability: "DoNotDisturb", activity: "Presenting" },
        statusMessage: "statusText",
        preferred: { availability: "DoNotDisturb", activity: "DoNotDisturb" },
      },
    },
    {
      id: "huddle",
      when: { kind: ["huddle"] },
      teams: { presence: { availability: "Busy", activity: "InACall" }, statusMessage: "statusText" },
    },
    {
      id: "meeting",
      when: { kind: ["meeting"] },
      teams: {
        presence: { availability: "Busy", activity: "InAConferenceCall" },
        statusMessage: "statusText",
      },
    },
    {
      id: "commuting-or-lunch",
      when: { kind: ["commuting", "lunch"] },
      teams: { presence: { availability: "Away", activity: "Away" }, statusMessage: "statusText" },
    },
    {
      id: "sick-or-vacation",
      description: "Graph cannot set out of office: the status message carries it",
      when: { kind: ["sick", "vacation"] },
      teams: { presence: "clear", statusMessage: "statusText" },
    },
    {
      id: "custom",
      when: { kind: ["custom", "away"] },
      teams: { presence: "clear", statusMessage: "statusText" },
    },
    {
      id: "cleared",
      when: { kind: ["cleared"] },
      teams: { presence: "clear", statusMessage: "clear" },
    },
  ],
  slackClassifier: [
    {
      kind: "meeting",
      emoji: [":spiral_calendar_pad:", ":calendar:", ":date:"],
      textPattern: "\\b(meeting|on a call|in a call)\\b",
    },
    {
      kind: "focus",
      emoji: [":headphones:", ":brain:", ":no_bell:"],
      textPattern: "\\b(focus|focusing|heads[ -]?down)\\b",
    },
    {
      kind: "commuting",
      emoji: [":bus:", ":train:", ":train2:", ":car:", ":red_car:", ":bike:", ":bicyclist:"],
      textPattern: "\\bcommut",
    },
    {
      kind: "sick",
      emoji: [":face_with_thermometer:", ":pill:", ":nauseated_face:"],
      textPattern: "\\b(sick|ill)\\b",
    },
    {
      kind: "vacation",
      emoji: [":palm_tree:", ":desert_island:", ":beach_with_umbrella:", ":airplane:"],
      textPattern: "\\b(vacation|vacationing|holiday|out of (the )?office|ooo|pto|on leave)\\b",
    },
    {
      kind: "lunch",
      emoji: [":hamburger:", ":knife_fork_plate:", ":sandwich:", ":fork_and_knife:"],
      textPattern: "\\blunch\\b",
    },
  ],
};

/** A fresh copy of the validated default rule set. */
export function defaultRuleSet(): RuleSet {
  return ZRuleSet.parse(structuredClone(DEFAULT_RULES));
}
