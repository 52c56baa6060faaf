import type { Response } from "express";

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** A small self-contained page (sign-in results); every text is escaped. */
export function sendPage(res: Response, status: number, title: string, lines: readonly string[]): void {
  const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n    ");
  res
    .status(status)
    .set({
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    })
    .type("html").send(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
  <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>
  <body>
    <h1>${escapeHtml(title)}</h1>
    ${body}
  </body>
</html>`);
}
