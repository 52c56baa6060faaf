/*
 * Identity: how a spoke names a person, and how people of two spokes are matched. A link names a
 * person on each spoke (Slack workspace + user, Entra tenant + object id, the e-mail a connected
 * system names them by); the spoke's directory lists its people with their linking key, the
 * lower-cased e-mail address, so an admin can link by e-mail.
 */

/** The ids a link holds (the store's Link has these fields). */
export interface LinkedIds {
  slackTeamId: string;
  slackUserId: string;
  tenantId: string;
  entraUserId: string;
  /** The linked person's e-mail (the linking key), which is how a connected system names them. */
  email?: string | null;
}

/** A Slack person: their workspace (or Grid org) and user id. */
export interface SlackPerson {
  teamId: string;
  userId: string;
}

/** A Microsoft person (Teams, Outlook): their Entra tenant and object id (lower case). */
export interface EntraPerson {
  tenantId: string;
  userId: string;
}

/** A person as a connected system (webhook spoke) names them: the connection and their linking key. */
export interface WebhookPerson {
  connectionId: string;
  /** `linkingKey(email)`: the contract names people by e-mail, in any case. */
  email: string;
}

/** One person of a spoke's directory. */
export interface DirectoryPerson<Person> {
  person: Person;
  /** The key people are linked by across spokes (`linkingKey(email)`); null when the spoke has no e-mail. */
  linkingKey: string | null;
  displayName: string;
  /** Deactivated or disabled accounts are listed, but never linked automatically. */
  deactivated: boolean;
}

export interface SpokeIdentity<Person> {
  /** The person a link names on this spoke. */
  personOf(link: LinkedIds): Person;
  /** A stable text key of the person (the same person always gives the same key). */
  key(person: Person): string;
  /** The spoke's people, read from the spoke itself (every page). */
  directory(): AsyncIterable<DirectoryPerson<Person>>;
}

/** The linking key of an e-mail address: trimmed and lower-cased; null for none. */
export function linkingKey(email: string | null | undefined): string | null {
  const key = email?.trim().toLowerCase() ?? "";
  return key === "" ? null : key;
}
