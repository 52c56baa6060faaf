import type { PresenceStore } from "../presence/presence-store.ts";
import { defaultAutomaticReplies, type AutomaticRepliesState } from "./automatic-replies.ts";
import { newChangeKey, newEventId, newICalUId, type CalendarEvent } from "./calendar-event.ts";

/** What an event is made from: the event without what the store stamps on it (id optional). */
export type EventInput = Omit<
  CalendarEvent,
  "id" | "changeKey" | "iCalUId" | "createdAt" | "lastModifiedAt"
> & {
  id?: string;
};

export type EventChangeType = "created" | "updated" | "deleted";

export interface EventChange {
  userId: string;
  changeType: EventChangeType;
  event: CalendarEvent;
}

/** The mailbox settings the emulator keeps besides automatic replies (served by GET mailboxSettings). */
export interface MailboxState {
  automaticReplies: AutomaticRepliesState;
  timeZone: string;
  dateFormat: string;
  timeFormat: string;
}

export class CalendarError extends Error {}

interface Mailbox extends MailboxState {
  events: Map<string, CalendarEvent>;
}

/**
 * Each user's default calendar and mailbox settings. Every change is pushed to presence (meetings, out of office) and
 * told to listeners (event change notifications).
 */
export class CalendarStore {
  readonly #mailboxes = new Map<string, Mailbox>();
  readonly #listeners = new Set<(change: EventChange) => void>();

  constructor(private readonly presence: PresenceStore) {}

  onEventChange(listener: (change: EventChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Events sorted by start, then id. */
  events(userId: string): CalendarEvent[] {
    return [...this.#mailbox(userId).events.values()].sort(
      (a, b) => a.start - b.start || a.id.localeCompare(b.id),
    );
  }

  find(userId: string, eventId: string): CalendarEvent | undefined {
    return this.#mailbox(userId).events.get(eventId);
  }

  add(userId: string, input: EventInput): CalendarEvent {
    const mailbox = this.#mailbox(userId);
    const id = input.id ?? newEventId();
    if (mailbox.events.has(id)) throw new CalendarError(`event ${id} already exists`);
    checkTimes(input.start, input.end);
    const now = Date.now();
    const { id: _id, ...fields } = input;
    const event: CalendarEvent = {
      ...fields,
      id,
      changeKey: newChangeKey(),
      iCalUId: newICalUId(),
      createdAt: now,
      lastModifiedAt: now,
    };
    mailbox.events.set(id, event);
    this.#changed(userId, "created", event);
    return event;
  }

  update(
    userId: string,
    eventId: string,
    change: Partial<Omit<EventInput, "id">>,
  ): CalendarEvent | undefined {
    const existing = this.find(userId, eventId);
    if (!existing) return undefined;
    const next: CalendarEvent = {
      ...existing,
      ...change,
      changeKey: newChangeKey(),
      lastModifiedAt: Date.now(),
    };
    checkTimes(next.start, next.end);
    this.#mailbox(userId).events.set(eventId, next);
    this.#changed(userId, "updated", next);
    return next;
  }

  remove(userId: string, eventId: string): CalendarEvent | undefined {
    const existing = this.find(userId, eventId);
    if (!existing) return undefined;
    this.#mailbox(userId).events.delete(eventId);
    this.#changed(userId, "deleted", existing);
    return existing;
  }

  mailbox(userId: string): MailboxState {
    const { events: _events, ...state } = this.#mailbox(userId);
    return { ...state, automaticReplies: { ...state.automaticReplies } };
  }

  updateMailbox(
    userId: string,
    change: Partial<Omit<MailboxState, "automaticReplies">> & { automaticReplies?: AutomaticRepliesState },
  ): MailboxState {
    const mailbox = this.#mailbox(userId);
    Object.assign(mailbox, change);
    this.#pushSignals(userId);
    return this.mailbox(userId);
  }

  #mailbox(userId: string): Mailbox {
    let mailbox = this.#mailboxes.get(userId);
    if (!mailbox) {
      mailbox = {
        events: new Map(),
        automaticReplies: defaultAutomaticReplies(),
        timeZone: "UTC",
        dateFormat: "M/d/yyyy",
        timeFormat: "h:mm tt",
      };
      this.#mailboxes.set(userId, mailbox);
    }
    return mailbox;
  }

  #changed(userId: string, changeType: EventChangeType, event: CalendarEvent): void {
    this.#pushSignals(userId);
    for (const listener of this.#listeners) listener({ userId, changeType, event: { ...event } });
  }

  #pushSignals(userId: string): void {
    const mailbox = this.#mailbox(userId);
    this.presence.setOutlookSignals(userId, {
      events: [...mailbox.events.values()].map((e) => ({
        start: e.start,
        end: e.end,
        showAs: e.showAs,
        isCancelled: e.isCancelled,
      })),
      automaticReplies: { ...mailbox.automaticReplies },
    });
  }
}

function checkTimes(start: number, end: number): void {
  if (!Number.isFinite(start) || !Number.isFinite(end))
    throw new CalendarError("start and end must be dates");
  if (end < start) throw new CalendarError("end must not be before start");
}
