import type { EmulatorClock } from "../clock.ts";
import { EmulatorError } from "../emulator-error.ts";
import type {
  App,
  Enterprise,
  Grant,
  RefreshTokenRecord,
  StoredPassword,
  TokenRecord,
  User,
  Workspace,
} from "./types.ts";

/** What changed in the world; the event router turns these into Events API deliveries. */
export type WorldChange =
  | { kind: "user_changed"; userId: string; status: boolean; huddle: boolean }
  | { kind: "dnd_changed"; userId: string }
  | {
      kind: "tokens_revoked";
      appId: string;
      teamId: string | null;
      enterpriseId: string | null;
      oauth: string[];
      bot: string[];
    }
  | {
      kind: "app_uninstalled";
      appId: string;
      teamId: string | null;
      enterpriseId: string | null;
      botUserId: string;
    }
  | { kind: "app_home_opened"; appId: string; userId: string; tab: "home" | "messages" };

export interface WorldSettings {
  /** Lifetime of rotating access tokens (Slack: 43,200 s = 12 h). */
  tokenLifetimeSeconds: number;
}

export interface HomeView {
  id: string;
  appId: string;
  teamId: string;
  userId: string;
  botId: string | null;
  hash: string;
  view: Record<string, unknown>;
}

export interface PostedMessage {
  appId: string;
  teamId: string;
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | null;
  userId: string;
  botId: string | null;
}

/** The emulated Slack's state. Mutations that Slack would announce go through `emit`. */
export class SlackWorld {
  readonly enterprises = new Map<string, Enterprise>();
  readonly workspaces = new Map<string, Workspace>();
  readonly users = new Map<string, User>();
  readonly apps = new Map<string, App>();
  readonly grants = new Map<string, Grant>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** user id → password for the browser sign-in page (people without one sign in with their e-mail alone). */
  readonly passwords = new Map<string, StoredPassword>();
  readonly homeViews = new Map<string, HomeView>();
  readonly dmChannels = new Map<string, string>();
  readonly messages: PostedMessage[] = [];
  readonly #listeners: ((change: WorldChange) => void)[] = [];
  #tsCounter = 0;

  constructor(
    readonly clock: EmulatorClock,
    readonly settings: WorldSettings,
  ) {}

  onChange(listener: (change: WorldChange) => void): void {
    this.#listeners.push(listener);
  }

  emit(change: WorldChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** A Slack message/event timestamp (`1234567890.123456`), unique within this emulator. */
  nextTs(): string {
    this.#tsCounter = (this.#tsCounter + 1) % 1_000_000;
    return `${this.clock.nowSeconds()}.${String(this.#tsCounter).padStart(6, "0")}`;
  }

  workspace(id: string): Workspace {
    return found(this.workspaces.get(id), `workspace ${id}`);
  }

  enterprise(id: string): Enterprise {
    return found(this.enterprises.get(id), `enterprise ${id}`);
  }

  user(id: string): User {
    return found(this.users.get(id), `user ${id}`);
  }

  app(id: string): App {
    return found(this.apps.get(id), `app ${id}`);
  }

  grant(id: string): Grant {
    return found(this.grants.get(id), `grant ${id}`);
  }

  appByClientId(clientId: string): App | undefined {
    for (const app of this.apps.values()) if (app.clientId === clientId) return app;
    return undefined;
  }

  /** Members of a workspace, in creation order. */
  usersOfTeam(teamId: string): User[] {
    return [...this.users.values()].filter((user) => user.teamId === teamId);
  }

  /** The workspaces a grant covers: one, or every workspace of the org for an org-wide install. */
  teamIdsOfGrant(grant: Grant): string[] {
    if (grant.teamId !== null) return [grant.teamId];
    return [...this.workspaces.values()]
      .filter((ws) => ws.enterpriseId === grant.enterpriseId)
      .map((ws) => ws.id);
  }

  /** Active grants of an app that see events from `teamId` (workspace installs and org-wide installs). */
  activeGrantsFor(appId: string, teamId: string, kind: Grant["kind"]): Grant[] {
    const ws = this.workspace(teamId);
    return [...this.grants.values()].filter(
      (grant) =>
        grant.active &&
        grant.appId === appId &&
        grant.kind === kind &&
        (grant.teamId === teamId ||
          (grant.teamId === null && grant.enterpriseId !== null && grant.enterpriseId === ws.enterpriseId)),
    );
  }
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new EmulatorError(`unknown ${what}`, 404);
  return value;
}
