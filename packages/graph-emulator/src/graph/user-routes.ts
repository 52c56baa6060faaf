import express, { type Request } from "express";
import type { EmulatorCore } from "../core.ts";
import type { DirectoryUser } from "../directory/directory.ts";
import { USER_DEFAULT_PROPERTIES, USER_SELECTABLE_PROPERTIES } from "../schemas/user-schemas.ts";
import { GraphError, sendGraphJson } from "./graph-errors.ts";
import { graphRoute } from "./graph-route.ts";
import { requirePermission } from "./permissions.ts";
import { compileUserFilter } from "./user-filter.ts";

type UserProperty = (typeof USER_SELECTABLE_PROPERTIES)[number];

const SUPPORTED_QUERY = new Set(["$select", "$filter", "$top", "$skiptoken"]);

function query(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

function parseSelect(select: string | undefined): UserProperty[] {
  if (select === undefined) return [...USER_DEFAULT_PROPERTIES];
  return select.split(",").map((raw) => {
    const name = raw.trim();
    const prop = USER_SELECTABLE_PROPERTIES.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!prop)
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
      );
    return prop;
  });
}

function project(user: DirectoryUser, props: UserProperty[]): Record<string, unknown> {
  return Object.fromEntries(props.map((p) => [p, user[p]]));
}

function rejectUnsupported(req: Request): void {
  for (const key of Object.keys(req.query)) {
    if (key.startsWith("$") && !SUPPORTED_QUERY.has(key)) {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `The query option '${key}' is not supported by the graph-emulator.`,
      );
    }
  }
}

interface PageState {
  offset: number;
  filter?: string;
  select?: string;
  top: number;
}

/** `GET /users` ($select, $filter, $top ≤ 999, `@odata.nextLink` paging) and `GET /users/{id | userPrincipalName}`, `GET /me`. */
export function userRoutes(core: EmulatorCore) {
  const router = express.Router();

  router.get(
    "/users",
    graphRoute(core, "users", ({ req, res, principal }) => {
      requirePermission(principal, "users.read");
      rejectUnsupported(req);
      const token = query(req, "$skiptoken");
      let state: PageState;
      if (token !== undefined) {
        try {
          state = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as PageState;
        } catch {
          throw new GraphError(
            400,
            "Directory_ExpiredPageToken",
            "The specified page token value has expired and can no longer be included in your request.",
          );
        }
      } else {
        const topText = query(req, "$top");
        const top = topText === undefined ? core.config.usersPageSize : Number(topText);
        if (!Number.isInteger(top) || top < 1 || top > 999)
          throw new GraphError(
            400,
            "Request_BadRequest",
            `Invalid page size specified: '${topText ?? ""}'. Must be between 1 and 999 inclusive.`,
          );
        const filter = query(req, "$filter");
        const select = query(req, "$select");
        state = {
          offset: 0,
          top,
          ...(filter === undefined ? {} : { filter }),
          ...(select === undefined ? {} : { select }),
        };
      }
      const props = parseSelect(state.select);
      const matches = state.filter === undefined ? () => true : compileUserFilter(state.filter);
      const all = core.directory.users(principal.tenantId).filter(matches);
      const page = all.slice(state.offset, state.offset + state.top);
      const origin = `https://${req.header("host")}`;
      const body: Record<string, unknown> = {
        "@odata.context": `${origin}/v1.0/$metadata#users${state.select === undefined ? "" : `(${props.join(",")})`}`,
        value: page.map((u) => project(u, props)),
      };
      if (state.offset + state.top < all.length) {
        const next: PageState = { ...state, offset: state.offset + state.top };
        body["@odata.nextLink"] =
          `${origin}/v1.0/users?$skiptoken=${Buffer.from(JSON.stringify(next)).toString("base64url")}`;
      }
      sendGraphJson(res, 200, body);
    }),
  );

  const one = (call: Parameters<Parameters<typeof graphRoute>[2]>[0], idOrUpn: string): void => {
    const { req, res, principal } = call;
    rejectUnsupported(req);
    const user = core.directory.findUser(principal.tenantId, idOrUpn);
    requirePermission(principal, "users.read", user?.id ?? idOrUpn);
    if (!user) {
      throw new GraphError(
        404,
        "Request_ResourceNotFound",
        `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    const select = query(req, "$select");
    const props = parseSelect(select);
    sendGraphJson(res, 200, {
      "@odata.context": `https://${req.header("host")}/v1.0/$metadata#users${select === undefined ? "" : `(${props.join(",")})`}/$entity`,
      ...project(user, props),
    });
  };

  router.get(
    "/me",
    graphRoute(core, "users", (call) => {
      if (call.principal.kind !== "delegated")
        throw new GraphError(
          400,
          "BadRequest",
          "/me request is only valid with delegated authentication flow.",
        );
      one(call, call.principal.userId);
    }),
  );
  router.get(
    "/users/:id",
    graphRoute(core, "users", (call) => one(call, String(call.req.params.id))),
  );
  return router;
}
