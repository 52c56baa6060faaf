import type { z } from "zod";
import type { EmulatorCore } from "../core.ts";
import {
  DirectoryError,
  type AppRegistration,
  type DirectoryGroup,
  type DirectoryUser,
  type Tenant,
} from "../directory/directory.ts";
import type { ActiveFault } from "../faults.ts";
import { newGuid } from "../ids.ts";
import { mergeAutomaticReplies } from "../outlook/automatic-replies.ts";
import { eventEtag, type CalendarEvent } from "../outlook/calendar-event.ts";
import { CalendarError } from "../outlook/calendar-store.ts";
import { automaticRepliesResource, mailboxSettingsResource } from "../outlook/mailbox-settings-view.ts";
import type { PresenceSnapshot, SessionView } from "../presence/presence-store.ts";
import { isPairIn, PREFERRED_PRESENCE_PAIRS } from "../presence/vocabulary.ts";
import type { RequestLogEntry } from "../request-log.ts";
import type { DeliveryRecord } from "../subscriptions/delivery-log.ts";
import type { Subscription } from "../subscriptions/subscription-service.ts";
import {
  automaticRepliesSchema,
  calendarEventSchema,
  createAppSchema,
  createGroupSchema,
  createTenantSchema,
  createUserSchema,
  faultSchema,
  groupMembersSchema,
  nextSignInSchema,
  outOfOfficeSchema,
  preferredPresenceSchema,
  revokeGrantsSchema,
  statusMessageSchema,
  teamsSessionSchema,
  updateAppSchema,
  updateCalendarEventSchema,
  updateTeamsSessionSchema,
  updateUserSchema,
} from "./control-schemas.ts";

/** A control-API call that refers to something missing or asks for something impossible. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

export type AppView = Omit<AppRegistration, "certificates"> & { certificateThumbprints: string[] };
export type UserView = Omit<DirectoryUser, "password">;
export type GroupView = DirectoryGroup;

/** A calendar event as the control API shows it (UTC ISO times). */
export interface CalendarEventView {
  id: string;
  start: string;
  end: string;
  showAs: CalendarEvent["showAs"];
  isAllDay: boolean;
  isCancelled: boolean;
  subject: string;
  sensitivity: CalendarEvent["sensitivity"];
  body: string;
  location: string;
  changeKey: string;
  etag: string;
}

function eventView(event: CalendarEvent): CalendarEventView {
  return {
    id: event.id,
    start: new Date(event.start).toISOString(),
    end: new Date(event.end).toISOString(),
    showAs: event.showAs,
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    subject: event.subject,
    sensitivity: event.sensitivity,
    body: event.body,
    location: event.location,
    changeKey: event.changeKey,
    etag: eventEtag(event),
  };
}

function appView(app: AppRegistration): AppView {
  const { certificates, ...rest } = app;
  return { ...rest, certificateThumbprints: certificates.map((c) => c.x5t) };
}

function userView(user: DirectoryUser): UserView {
  const { password: _password, ...rest } = user;
  return rest;
}

function groupView(group: DirectoryGroup): GroupView {
  return { ...group, members: [...group.members] };
}

/**
 * The typed control API: set up the directory, act as people in Teams, inject faults, and inspect. Every input is
 * validated with the same zod schemas as the HTTP mirror under `/_emulator` (docs/emulators/graph.md).
 */
export class GraphEmulatorControl {
  constructor(private readonly core: EmulatorCore) {}

  createTenant(input: z.input<typeof createTenantSchema> = {}): Tenant {
    return this.#directory(() => this.core.directory.addTenant(createTenantSchema.parse(input)));
  }

  createUser(input: z.input<typeof createUserSchema>): UserView {
    return this.#directory(() => userView(this.core.directory.addUser(createUserSchema.parse(input))));
  }

  /** An admin edits a user: e.g. `{accountEnabled: false}` blocks their next sign-in and refresh (AADSTS50057). */
  updateUser(userId: string, change: z.input<typeof updateUserSchema>): UserView {
    const parsed = updateUserSchema.parse(change);
    const user = this.#user(userId);
    return this.#directory(() => userView(this.core.directory.updateUser(user.id, parsed)));
  }

  /** A group (security group unless `securityEnabled: false`) with optional initial members (user ids of its tenant). */
  createGroup(input: z.input<typeof createGroupSchema>): GroupView {
    return this.#directory(() => groupView(this.core.directory.addGroup(createGroupSchema.parse(input))));
  }

  groups(tenantId: string): GroupView[] {
    return this.core.directory.groups(tenantId).map(groupView);
  }

  /** Adds users to the group (users already in it are left as they are). */
  addGroupMembers(groupId: string, input: z.input<typeof groupMembersSchema>): GroupView {
    const { userIds } = groupMembersSchema.parse(input);
    return this.#directory(() => groupView(this.core.directory.addGroupMembers(groupId, userIds)));
  }

  removeGroupMember(groupId: string, userId: string): GroupView {
    return this.#directory(() => groupView(this.core.directory.removeGroupMember(groupId, userId)));
  }

  createApp(input: z.input<typeof createAppSchema>): AppView {
    return this.#directory(() => appView(this.core.directory.addApp(createAppSchema.parse(input))));
  }

  updateApp(clientId: string, change: z.input<typeof updateAppSchema>): AppView {
    return this.#directory(() =>
      appView(this.core.directory.updateApp(clientId, updateAppSchema.parse(change))),
    );
  }

  tenants(): Tenant[] {
    return this.core.directory.tenants();
  }

  users(tenantId: string): UserView[] {
    return this.core.directory.users(tenantId).map(userView);
  }

  apps(): AppView[] {
    return this.core.directory.apps().map(appView);
  }

  /** The next interactive sign-in (authorize endpoint) signs in this user, or is cancelled (`{deny: true}`). */
  nextSignIn(input: z.input<typeof nextSignInSchema>): void {
    const next = nextSignInSchema.parse(input);
    if ("userId" in next) this.#user(next.userId);
    this.core.grants.queueSignIn(next);
  }

  clearSignIns(): void {
    this.core.grants.clearSignIns();
  }

  /**
   * Revokes the user's refresh tokens (for one app, or every app) — an admin revoking sessions or consent. Their
   * subscriptions get `reauthorizationRequired` and hold notifications until reauthorized with a fresh token.
   */
  revokeGrants(input: z.input<typeof revokeGrantsSchema>): void {
    const { userId, clientId } = revokeGrantsSchema.parse(input);
    this.#user(userId);
    this.core.grants.revoke(userId, clientId);
  }

  /** The person opens a Teams client (desktop, web, mobile): a session of its own, e.g. Busy/InAMeeting when they join a meeting. */
  openTeamsSession(userId: string, input: z.input<typeof teamsSessionSchema>): { sessionId: string } {
    const session = teamsSessionSchema.parse(input);
    const user = this.#user(userId);
    const now = Date.now();
    const sessionId = session.sessionId ?? newGuid();
    this.core.presence.setSession(user.id, {
      sessionId,
      kind: "teams-client",
      availability: session.availability,
      activity: session.activity,
      lastSetAt: now,
      fades: session.fades ?? false,
      ...(session.expiresInMs === undefined ? {} : { expiresAt: now + session.expiresInMs }),
    });
    return { sessionId };
  }

  /** Their client reports a new state (joins or leaves a meeting, sets DND in that client). */
  updateTeamsSession(
    userId: string,
    sessionId: string,
    input: z.input<typeof updateTeamsSessionSchema>,
  ): void {
    const pair = updateTeamsSessionSchema.parse(input);
    const user = this.#user(userId);
    const session = this.core.presence
      .sessions(user.id)
      .find((s) => s.sessionId === sessionId && s.kind === "teams-client");
    if (!session) throw new ControlError(`no Teams session ${sessionId} for user ${userId}`, 404);
    const { shown: _shown, ...stored } = session;
    this.core.presence.setSession(user.id, { ...stored, ...pair, lastSetAt: Date.now() });
  }

  closeTeamsSession(userId: string, sessionId: string): void {
    const user = this.#user(userId);
    if (!this.core.presence.removeSession(user.id, sessionId))
      throw new ControlError(`no session ${sessionId} for user ${userId}`, 404);
  }

  /** The person picks a state in Teams (user-preferred presence, one of the six pairs of setUserPreferredPresence). */
  setPreferredPresence(userId: string, input: z.input<typeof preferredPresenceSchema>): void {
    const preferred = preferredPresenceSchema.parse(input);
    const user = this.#user(userId);
    if (!isPairIn(PREFERRED_PRESENCE_PAIRS, preferred)) {
      throw new ControlError(
        `${preferred.availability}/${preferred.activity} is not a user-preferred presence Teams offers`,
      );
    }
    const busy = preferred.availability === "DoNotDisturb" || preferred.availability === "Busy";
    const now = Date.now();
    const lifetime =
      preferred.expiresInMs ??
      (busy ? this.core.config.preferredBusyExpiryMs : this.core.config.preferredOtherExpiryMs);
    this.core.presence.setPreferred(user.id, {
      availability: preferred.availability,
      activity: preferred.activity,
      setAt: now,
      expiresAt: now + lifetime,
    });
  }

  /** "Reset status" in Teams. */
  clearPreferredPresence(userId: string): void {
    this.core.presence.setPreferred(this.#user(userId).id, undefined);
  }

  setOutOfOffice(userId: string, input: z.input<typeof outOfOfficeSchema>): void {
    const oof = outOfOfficeSchema.parse(input);
    this.core.presence.setOutOfOffice(this.#user(userId).id, {
      isOutOfOffice: oof.isOutOfOffice,
      message: oof.message ?? null,
    });
  }

  /** The person's own status message in Teams; empty content clears it. */
  setStatusMessage(userId: string, input: z.input<typeof statusMessageSchema>): void {
    const message = statusMessageSchema.parse(input);
    const user = this.#user(userId);
    if (message.content === "") {
      this.core.presence.setStatusMessage(user.id, undefined);
      return;
    }
    const now = Date.now();
    const expiresAt = message.expiresInMs === undefined ? undefined : now + message.expiresInMs;
    this.core.presence.setStatusMessage(user.id, {
      content: message.content,
      contentType: "text",
      publishedAt: now,
      ...(expiresAt === undefined
        ? {}
        : {
            expiresAt,
            expiry: { dateTime: new Date(expiresAt).toISOString().slice(0, 23), timeZone: "UTC" },
          }),
    });
  }

  /** Effective presence now (the same the Graph reads return, with full status message). */
  presence(userId: string): PresenceSnapshot {
    return this.core.presence.read(this.#user(userId).id);
  }

  /** Live sessions (app sessions keyed by client id, Teams clients by their id) with what each shows now. */
  sessions(userId: string): SessionView[] {
    return this.core.presence.sessions(this.#user(userId).id);
  }

  /**
   * An event appears in the person's Outlook calendar. Presence follows it (busy/tentative in progress → Busy /
   * InAMeeting; oof in progress → out of office) and event subscriptions get `created`.
   */
  addCalendarEvent(userId: string, input: z.input<typeof calendarEventSchema>): CalendarEventView {
    const event = calendarEventSchema.parse(input);
    const user = this.#user(userId);
    return this.#calendar(() =>
      eventView(
        this.core.calendars.add(user.id, {
          ...(event.id === undefined ? {} : { id: event.id }),
          start: Date.parse(event.start),
          end: Date.parse(event.end),
          showAs: event.showAs ?? "busy",
          isAllDay: event.isAllDay ?? false,
          isCancelled: event.isCancelled ?? false,
          subject: event.subject ?? "",
          sensitivity: event.sensitivity ?? "normal",
          body: event.body ?? "",
          location: event.location ?? "",
        }),
      ),
    );
  }

  /** The person edits the event (new times, showAs, cancelled…): event subscriptions get `updated`. */
  updateCalendarEvent(
    userId: string,
    eventId: string,
    input: z.input<typeof updateCalendarEventSchema>,
  ): CalendarEventView {
    const change = updateCalendarEventSchema.parse(input);
    const user = this.#user(userId);
    const { start, end, ...rest } = change;
    const updated = this.#calendar(() =>
      this.core.calendars.update(user.id, eventId, {
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        ...(start === undefined ? {} : { start: Date.parse(start) }),
        ...(end === undefined ? {} : { end: Date.parse(end) }),
      }),
    );
    if (!updated) throw new ControlError(`no event ${eventId} for user ${userId}`, 404);
    return eventView(updated);
  }

  /** The event is deleted from the calendar: event subscriptions get `deleted`. */
  removeCalendarEvent(userId: string, eventId: string): void {
    if (!this.core.calendars.remove(this.#user(userId).id, eventId))
      throw new ControlError(`no event ${eventId} for user ${userId}`, 404);
  }

  calendarEvents(userId: string): CalendarEventView[] {
    return this.core.calendars.events(this.#user(userId).id).map(eventView);
  }

  /**
   * The person sets automatic replies in Outlook: `alwaysEnabled`, or `scheduled` between two instants (presence is
   * out of office inside the window, with internalReplyMessage as its message), or `disabled`. Omitted fields keep
   * their value. Answers the automaticRepliesSetting as Graph shows it.
   */
  setAutomaticReplies(userId: string, input: z.input<typeof automaticRepliesSchema>) {
    const replies = automaticRepliesSchema.parse(input);
    const user = this.#user(userId);
    const current = this.core.calendars.mailbox(user.id).automaticReplies;
    const merged = mergeAutomaticReplies(current, {
      status: replies.status,
      ...(replies.externalAudience === undefined ? {} : { externalAudience: replies.externalAudience }),
      ...(replies.internalReplyMessage === undefined
        ? {}
        : { internalReplyMessage: replies.internalReplyMessage }),
      ...(replies.externalReplyMessage === undefined
        ? {}
        : { externalReplyMessage: replies.externalReplyMessage }),
      ...(replies.scheduledStartDateTime === undefined
        ? {}
        : { scheduledStart: Date.parse(replies.scheduledStartDateTime) }),
      ...(replies.scheduledEndDateTime === undefined
        ? {}
        : { scheduledEnd: Date.parse(replies.scheduledEndDateTime) }),
    });
    if (!merged.ok) throw new ControlError(merged.reason);
    const updated = this.core.calendars.updateMailbox(user.id, { automaticReplies: merged.state });
    return automaticRepliesResource(updated.automaticReplies);
  }

  /** The user's mailboxSettings as `GET /users/{id}/mailboxSettings` answers them. */
  mailboxSettings(userId: string) {
    const user = this.#user(userId);
    return mailboxSettingsResource(user.id, this.core.calendars.mailbox(user.id));
  }

  injectFault(input: z.input<typeof faultSchema>): ActiveFault {
    const parsed = faultSchema.parse(input);
    return this.core.faults.add(parsed);
  }

  faults(): ActiveFault[] {
    return this.core.faults.list();
  }

  clearFaults(): void {
    this.core.faults.clear();
  }

  subscriptions(): Subscription[] {
    return this.core.subscriptions.list().map((s) => ({ ...s, userIds: [...s.userIds] }));
  }

  /** Graph deletes a subscription behind the app's back: no lifecycle event, later GETs answer 404. */
  deleteSubscription(id: string): void {
    if (!this.core.subscriptions.delete(id)) throw new ControlError(`no subscription ${id}`, 404);
  }

  requests(filter?: Parameters<EmulatorCore["log"]["entries"]>[0]): RequestLogEntry[] {
    return this.core.log.entries(filter);
  }

  clearRequests(): void {
    this.core.log.clear();
  }

  /** Every validation handshake, change notification and lifecycle notification POSTed, with its outcome. */
  deliveries(): DeliveryRecord[] {
    return this.core.subscriptions.deliveriesLog.records();
  }

  clearDeliveries(): void {
    this.core.subscriptions.deliveriesLog.clear();
  }

  #user(userId: string): DirectoryUser {
    const user = this.core.directory.userById(userId);
    if (!user) throw new ControlError(`unknown user ${userId}`, 404);
    return user;
  }

  #calendar<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof CalendarError) throw new ControlError(error.message, 400);
      throw error;
    }
  }

  #directory<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof DirectoryError)
        throw new ControlError(error.message, /unknown/.test(error.message) ? 404 : 400);
      throw error;
    }
  }
}
