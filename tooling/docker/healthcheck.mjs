// The image's HEALTHCHECK: GET /readyz of the app in this container (the URL given, else the all-in-one's PORT).
const url = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}/readyz`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
