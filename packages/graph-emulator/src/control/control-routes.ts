import express, { type Request, type Response } from "express";
import { ZodError } from "zod";
import { ControlError, type GraphEmulatorControl } from "./control-api.ts";

type Handler = (req: Request) => unknown;

/** Runs a control call and answers JSON: 200/201 with the result, 204 when none, 400/404 `{error}` otherwise. */
function call(handler: Handler, created = false) {
  return (req: Request, res: Response): void => {
    try {
      const result = handler(req);
      if (result === undefined) res.status(204).end();
      else res.status(created ? 201 : 200).json(result);
    } catch (error) {
      if (error instanceof ZodError) {
        res.status(400).json({
          error: "invalid input",
          issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        });
      } else if (error instanceof ControlError) {
        res.status(error.status).json({ error: error.message });
      } else throw error;
    }
  };
}

const param = (req: Request, name: string): string => String(req.params[name]);

/** The control API over HTTP under `/_emulator` (JSON; unauthenticated — bind the emulator to loopback). */
export function controlRoutes(control: GraphEmulatorControl, ca: string) {
  const router = express.Router();
  router.use(express.json({ limit: "1mb" }));

  router.get("/ca.pem", (_req, res) => {
    res.type("application/x-pem-file").send(ca);
  });
  router.get(
    "/tenants",
    call(() => control.tenants()),
  );
  router.post(
    "/tenants",
    call((req) => control.createTenant(req.body ?? {}), true),
  );
  router.get(
    "/tenants/:tenantId/users",
    call((req) => control.users(param(req, "tenantId"))),
  );
  router.post(
    "/users",
    call((req) => control.createUser(req.body), true),
  );
  router.patch(
    "/users/:userId",
    call((req) => control.updateUser(param(req, "userId"), req.body ?? {})),
  );
  router.get(
    "/tenants/:tenantId/groups",
    call((req) => control.groups(param(req, "tenantId"))),
  );
  router.post(
    "/groups",
    call((req) => control.createGroup(req.body), true),
  );
  router.post(
    "/groups/:groupId/members",
    call((req) => control.addGroupMembers(param(req, "groupId"), req.body)),
  );
  router.delete(
    "/groups/:groupId/members/:userId",
    call((req) => control.removeGroupMember(param(req, "groupId"), param(req, "userId"))),
  );
  router.get(
    "/apps",
    call(() => control.apps()),
  );
  router.post(
    "/apps",
    call((req) => control.createApp(req.body), true),
  );
  router.patch(
    "/apps/:clientId",
    call((req) => control.updateApp(param(req, "clientId"), req.body ?? {})),
  );
  router.post(
    "/sign-ins",
    call((req) => control.nextSignIn(req.body)),
  );
  router.delete(
    "/sign-ins",
    call(() => control.clearSignIns()),
  );
  router.post(
    "/revocations",
    call((req) => control.revokeGrants(req.body)),
  );

  router.get(
    "/users/:userId/presence",
    call((req) => control.presence(param(req, "userId"))),
  );
  router.get(
    "/users/:userId/sessions",
    call((req) => control.sessions(param(req, "userId"))),
  );
  router.post(
    "/users/:userId/sessions",
    call((req) => control.openTeamsSession(param(req, "userId"), req.body), true),
  );
  router.patch(
    "/users/:userId/sessions/:sessionId",
    call((req) => control.updateTeamsSession(param(req, "userId"), param(req, "sessionId"), req.body)),
  );
  router.delete(
    "/users/:userId/sessions/:sessionId",
    call((req) => control.closeTeamsSession(param(req, "userId"), param(req, "sessionId"))),
  );
  router.put(
    "/users/:userId/preferred-presence",
    call((req) => control.setPreferredPresence(param(req, "userId"), req.body)),
  );
  router.delete(
    "/users/:userId/preferred-presence",
    call((req) => control.clearPreferredPresence(param(req, "userId"))),
  );
  router.put(
    "/users/:userId/out-of-office",
    call((req) => control.setOutOfOffice(param(req, "userId"), req.body)),
  );
  router.put(
    "/users/:userId/status-message",
    call((req) => control.setStatusMessage(param(req, "userId"), req.body)),
  );

  router.get(
    "/users/:userId/events",
    call((req) => control.calendarEvents(param(req, "userId"))),
  );
  router.post(
    "/users/:userId/events",
    call((req) => control.addCalendarEvent(param(req, "userId"), req.body), true),
  );
  router.patch(
    "/users/:userId/events/:eventId",
    call((req) => control.updateCalendarEvent(param(req, "userId"), param(req, "eventId"), req.body ?? {})),
  );
  router.delete(
    "/users/:userId/events/:eventId",
    call((req) => control.removeCalendarEvent(param(req, "userId"), param(req, "eventId"))),
  );
  router.put(
    "/users/:userId/automatic-replies",
    call((req) => control.setAutomaticReplies(param(req, "userId"), req.body)),
  );
  router.get(
    "/users/:userId/mailbox-settings",
    call((req) => control.mailboxSettings(param(req, "userId"))),
  );

  router.get(
    "/faults",
    call(() => control.faults()),
  );
  router.post(
    "/faults",
    call((req) => control.injectFault(req.body), true),
  );
  router.delete(
    "/faults",
    call(() => control.clearFaults()),
  );
  router.get(
    "/subscriptions",
    call(() => control.subscriptions()),
  );
  router.delete(
    "/subscriptions/:id",
    call((req) => control.deleteSubscription(param(req, "id"))),
  );
  router.get(
    "/requests",
    call(() => control.requests()),
  );
  router.delete(
    "/requests",
    call(() => control.clearRequests()),
  );
  router.get(
    "/deliveries",
    call(() => control.deliveries()),
  );
  router.delete(
    "/deliveries",
    call(() => control.clearDeliveries()),
  );

  router.use((_req: Request, res: Response) => {
    res.status(404).json({ error: "no such control endpoint" });
  });
  return router;
}
