import type { z } from "zod";

import type { ZDemoChangeBody } from "../api/api-schemas.ts";

export type DemoChange = z.infer<typeof ZDemoChangeBody>;

/** One demo person as both emulators show them right now. */
export interface DemoPersonView {
  email: string;
  name: string;
  slack: { userId: string; statusText: string; statusEmoji: string; inHuddle: boolean } | null;
  teams: {
    userId: string;
    availability: string;
    activity: string;
    outOfOffice: boolean;
    statusMessage: string;
  } | null;
}

/**
 * The zero-config demo's control panel: changes a demo person's state "in Slack" or "in Teams"
 * through the built-in emulators (as the person would in the real apps), so an admin can watch the
 * bridge mirror it. The all-in-one process provides it; it never exists with real Slack or Microsoft.
 */
export interface DemoPanel {
  people(): Promise<DemoPersonView[]>;
  change(change: DemoChange): Promise<void>;
}
