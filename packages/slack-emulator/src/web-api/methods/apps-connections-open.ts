import { ApiError } from "../api-error.ts";
import type { MethodDefinition } from "../method-definition.ts";
import { authOf } from "../method-definition.ts";

/** Socket Mode: an app-level token opens a single-use websocket URL. */
export const appsConnectionsOpen: MethodDefinition = {
  name: "apps.connections.open",
  accepts: ["app"],
  handle(ctx) {
    if (ctx.request.httpMethod !== "POST") throw new ApiError("insecure_request");
    return { url: ctx.services.openSocketModeTicket(authOf(ctx).app.id) };
  },
};
