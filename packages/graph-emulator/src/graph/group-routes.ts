import express, { type Request } from "express";
import type { EmulatorCore } from "../core.ts";
import { GROUP_PROPERTIES, getMemberObjectsBodySchema } from "../schemas/group-schemas.ts";
import { GraphError, sendGraphJson } from "./graph-errors.ts";
import { groupResource, type GroupProperty } from "./group-view.ts";
import { graphRoute, parseBody, type GraphCall } from "./graph-route.ts";
import { requirePermission } from "./permissions.ts";

function notFound(id: string): GraphError {
  return new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function parseSelect(req: Request): GroupProperty[] | undefined {
  for (const key of Object.keys(req.query)) {
    if (key.startsWith("$") && key !== "$select")
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `The query option '${key}' is not supported by the graph-emulator.`,
      );
  }
  const select = (req.query as Record<string, unknown>).$select;
  if (typeof select !== "string") return undefined;
  return select.split(",").map((raw) => {
    const name = raw.trim();
    const prop = GROUP_PROPERTIES.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!prop)
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${name}' on type 'microsoft.graph.group'.`,
      );
    return prop;
  });
}

/**
 * `GET /groups/{id}` (group-get: GroupMember.Read.All or higher) and the transitive memberships of a user,
 * `POST /users/{id | userPrincipalName}/getMemberObjects` and `POST /me/getMemberObjects` (directoryObject
 * getMemberObjects) — the endpoint a groups-overage claim points at. Groups do not nest, so direct membership is the
 * transitive one; directory roles and administrative units are not modelled.
 */
export function groupRoutes(core: EmulatorCore) {
  const router = express.Router();

  router.get(
    "/groups/:id",
    graphRoute(core, "groups", ({ req, res, principal }) => {
      requirePermission(principal, "groups.read");
      const select = parseSelect(req);
      const id = String(req.params.id);
      const group = core.directory.findGroup(principal.tenantId, id);
      if (!group) throw notFound(id);
      const resource = groupResource(group, core.directory.requireTenant(group.tenantId));
      const props = select ?? [...GROUP_PROPERTIES];
      sendGraphJson(res, 200, {
        "@odata.context": `https://${req.header("host")}/v1.0/$metadata#groups${select === undefined ? "" : `(${props.join(",")})`}/$entity`,
        ...Object.fromEntries(props.map((p) => [p, resource[p]])),
      });
    }),
  );

  const memberObjects = ({ req, res, principal }: GraphCall, idOrUpn: string): void => {
    const user = core.directory.findUser(principal.tenantId, idOrUpn);
    requirePermission(principal, "users.memberObjects", user?.id ?? idOrUpn);
    if (!user) throw notFound(idOrUpn);
    const { securityEnabledOnly } = parseBody(getMemberObjectsBodySchema, req.body);
    const ids = core.directory
      .groupsOf(user.id)
      .filter((g) => g.tenantId === principal.tenantId && (!securityEnabledOnly || g.securityEnabled))
      .map((g) => g.id);
    sendGraphJson(res, 200, {
      "@odata.context": `https://${req.header("host")}/v1.0/$metadata#Collection(Edm.String)`,
      value: ids,
    });
  };

  router.post(
    "/me/getMemberObjects",
    graphRoute(core, "users", (call) => {
      if (call.principal.kind !== "delegated")
        throw new GraphError(
          400,
          "BadRequest",
          "/me request is only valid with delegated authentication flow.",
        );
      memberObjects(call, call.principal.userId);
    }),
  );
  router.post(
    "/users/:id/getMemberObjects",
    graphRoute(core, "users", (call) => memberObjects(call, String(call.req.params.id))),
  );
  return router;
}
