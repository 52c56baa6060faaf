import type { ServerResponse } from "node:http";
import { SIGN_IN_FIELDS } from "../oauth/email-sign-in.ts";
import type { Workspace } from "../world/types.ts";
import { escapeHtml } from "./html.ts";

export interface SignInPage {
  /** The authorize page's own path: the form posts back to it. */
  action: string;
  /** The original authorize parameters, carried as hidden inputs. */
  params: URLSearchParams;
  /** Where the person signs in; null = any workspace ("Sign in to Slack"). */
  workspace: Workspace | null;
  appName: string;
  /** Why the last attempt failed, and which field it was about. */
  alert?: { message: string; field: "email" | "password" };
  /** What was typed in the e-mail field last time. */
  email?: string;
}

const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4ede4;color:#1d1c1d}
main{box-sizing:border-box;max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
h1{font-size:1.75rem;margin:0 0 .25rem}
p{line-height:1.4}
.domain{margin:0 0 1.25rem;color:#454245}
label{display:block;font-weight:700;margin:1rem 0 .25rem}
.optional{font-weight:400;color:#454245}
input{box-sizing:border-box;width:100%;padding:.6rem .75rem;font:inherit;border:1px solid #696969;border-radius:4px}
input[aria-invalid=true]{border-color:#b3093c}
input:focus,button:focus{outline:3px solid #1264a3;outline-offset:1px}
button{margin-top:1.5rem;width:100%;padding:.75rem;font:inherit;font-weight:700;color:#fff;background:#611f69;border:0;border-radius:4px;cursor:pointer}
.alert{margin:0 0 1rem;padding:.75rem;border-left:4px solid #b3093c;background:#fdf0f4;color:#7a0a2e}
.note{margin:1.5rem 0 0;font-size:.875rem;color:#454245}
`;

/** Slack's sign-in page, reduced to what a test or a demo needs: e-mail, optional password, "Sign in". No script. */
export function signInPageHtml(page: SignInPage): string {
  const workspaceName = page.workspace?.name ?? "Slack";
  const hidden = [...page.params]
    .filter(([name]) => !(SIGN_IN_FIELDS as readonly string[]).includes(name))
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  const alertId = "sign-in-alert";
  const invalid = (field: "email" | "password"): string =>
    page.alert?.field === field ? ` aria-invalid="true" aria-describedby="${alertId}" autofocus` : "";
  const focusEmail = page.alert ? "" : " autofocus";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to ${escapeHtml(workspaceName)} | Slack</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Sign in to ${escapeHtml(workspaceName)}</h1>
${page.workspace ? `<p class="domain">${escapeHtml(page.workspace.domain)}.slack.com</p>` : ""}
<p>Sign in to continue to <strong>${escapeHtml(page.appName)}</strong>.</p>
${page.alert ? `<p class="alert" role="alert" id="${alertId}">${escapeHtml(page.alert.message)}</p>` : ""}
<form method="post" action="${escapeHtml(page.action)}">
${hidden}
<label for="email">E-mail address</label>
<input id="email" type="email" name="email" autocomplete="username" required value="${escapeHtml(page.email ?? "")}"${invalid("email")}${focusEmail}>
<label for="password">Password <span class="optional">(only if your account has one)</span></label>
<input id="password" type="password" name="password" autocomplete="current-password"${invalid("password")}>
<button type="submit">Sign in</button>
</form>
<p class="note">Slack emulator: sign in with the e-mail address of a person in the emulated workspace. A password is asked for only if one was set for them.</p>
</main>
</body>
</html>
`;
}

/** Answers 200 with the sign-in page (also after a failed attempt, with its alert). */
export function sendSignInPage(response: ServerResponse, page: SignInPage): void {
  const html = signInPageHtml(page);
  response.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html)),
    "cache-control": "no-store",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  });
  response.end(html);
}
