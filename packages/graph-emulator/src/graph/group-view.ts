import type { DirectoryGroup, Tenant } from "../directory/directory.ts";
import type { GROUP_PROPERTIES } from "../schemas/group-schemas.ts";

export type GroupProperty = (typeof GROUP_PROPERTIES)[number];

/**
 * A group's `securityIdentifier` as Entra derives it from the object id: `S-1-12-1-` and the GUID's 16 bytes (in
 * .NET byte order) read as four little-endian 32-bit numbers (group-get sample: 02bd9fd6-… → S-1-12-1-45981654-…).
 */
export function securityIdentifier(objectId: string): string {
  const hex = objectId.replace(/-/g, "");
  const bytes = Buffer.from(hex, "hex");
  // .NET Guid.ToByteArray: the first three fields little-endian, the last eight bytes as written.
  const net = Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8, 16),
  ]);
  const parts = [0, 4, 8, 12].map((offset) => net.readUInt32LE(offset));
  return `S-1-12-1-${parts.join("-")}`;
}

/** The Graph `group` resource of a directory group (a security group, or a mail-enabled one when so created). */
export function groupResource(group: DirectoryGroup, tenant: Tenant): Record<GroupProperty, unknown> {
  const mail = group.mailEnabled ? `${group.mailNickname}@${tenant.domain}` : null;
  return {
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: group.createdDateTime,
    description: group.description,
    displayName: group.displayName,
    expirationDateTime: null,
    groupTypes: [],
    isAssignableToRole: null,
    mail,
    mailEnabled: group.mailEnabled,
    mailNickname: group.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: mail === null ? [] : [`SMTP:${mail}`],
    renewedDateTime: group.createdDateTime,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: group.securityEnabled,
    securityIdentifier: securityIdentifier(group.id),
    theme: null,
    visibility: null,
  };
}
