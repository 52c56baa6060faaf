import { useSearchParams } from "react-router";

import { useSession } from "../api/session";

/** Sign in with Microsoft (admins and employees) or Slack; in the demo, as the demo admin in one click. */
export function SignInPage() {
  const [params] = useSearchParams();
  const session = useSession().data;
  const next = params.get("next") ?? "";
  const error = params.get("error");
  const query = (extra: Record<string, string> = {}) =>
    `?${new URLSearchParams({ ...(next ? { next } : {}), ...extra }).toString()}`;
  const signedIn = session?.user;
  return (
    <main id="main" className="centered">
      <div className="card narrow">
        <h1>Presence bridge</h1>
        <p>Availability mirrored between Slack and Microsoft Teams.</p>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {signedIn ? (
          <p>
            You are signed in as {signedIn.email ?? signedIn.name}.{" "}
            <a href={signedIn.admin ? "/" : "/me"}>Continue</a>
          </p>
        ) : null}
        <div className="stack">
          {session?.demo ? (
            <a
              className="button primary"
              href={`/auth/microsoft${query({ login_hint: session.demo.adminLoginHint })}`}
            >
              Sign in as the demo admin
            </a>
          ) : null}
          {session?.signIn.microsoft ? (
            <a className={`button ${session.demo ? "" : "primary"}`} href={`/auth/microsoft${query()}`}>
              Sign in with Microsoft
            </a>
          ) : null}
          {session?.signIn.slack ? (
            <a className="button" href={`/auth/slack${query()}`}>
              Sign in with Slack
            </a>
          ) : null}
          {session && !session.signIn.microsoft && !session.signIn.slack ? (
            <p className="muted">
              No sign-in is configured. Set AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret (Microsoft) or
              SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Slack); scripts use ADMIN_API_TOKEN.
            </p>
          ) : null}
        </div>
        <p className="muted small">
          Admins manage links, rules and settings. Everyone else can sign in to choose what they share.
        </p>
      </div>
    </main>
  );
}
