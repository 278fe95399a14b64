// The go-live check (entry: go-live-check.ts): an app checked through its CloudFront URL before
// alias records move users to it (phase 1 of a two-phase go-live; see docs/runbook.md).
// No AWS calls and no dependencies: Node's fetch against the URL given.

/** What to check. */
export interface GoLiveCheckOptions {
  /** Base URL, e.g. `https://d111111abcdef8.cloudfront.net` (no path). */
  readonly url: string;
  /** Path that answers 2xx when the app is healthy. */
  readonly healthPath: string;
  /** A static asset's path; found in the page at `/` (first `/_next/static/` or `/static/` reference) when not given. */
  readonly assetPath?: string;
  /** A path the app answers with a redirect (e.g. a page behind sign-in); the redirect check is skipped without one. */
  readonly redirectPath?: string;
  /** Host the redirect must point at: the URL's own host, or the domain the app is told it is served on (APP_URL). */
  readonly expectHost: string;
  /** Seconds each request may take. */
  readonly timeoutSeconds: number;
}

/** One check's verdict. */
export interface CheckResult {
  readonly name: string;
  readonly status: "ok" | "fail" | "skip";
  readonly detail: string;
}

export const USAGE = `Usage: go-live-check --url https://<distribution>.cloudfront.net [options]

Checks the app through the CDN before its alias records move users (two-phase go-live):
  1. the health path answers 2xx;
  2. a static asset answers 200 (from the assets bucket, or the app as fallback);
  3. a redirect keeps the viewer's scheme and host (not http://, not the load balancer's name);
  4. with an https URL, plain http is redirected to https on the same host.
Exits 0 when every check that ran passed, 1 when one failed, 2 on bad arguments.

Options:
  --url URL            base URL of the distribution (required), e.g. the cdn's *.cloudfront.net name
  --health PATH        health path (default /healthz)
  --asset PATH         a static asset (default: the first /_next/static/ or /static/ reference in the page at /)
  --redirect PATH      a path the app redirects (e.g. a page behind sign-in); skipped when not given
  --expect-host HOST   host the redirect must keep (default: the URL's host; pass the domain when the app's
                       APP_URL/AUTH_URL already names it, before the alias records exist)
  --timeout SECONDS    per request (default 10)
  --help               this text`;

/** Parse argv into options, or an error message. */
export function parseArgs(argv: readonly string[]): GoLiveCheckOptions | { readonly help: true } | { readonly error: string } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return { help: true };
    const match = /^--(url|health|asset|redirect|expect-host|timeout)(?:=(.*))?$/.exec(arg);
    if (!match) return { error: `unknown argument ${arg}` };
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === "") return { error: `--${match[1]} needs a value` };
    values[match[1]] = value;
  }
  if (!values.url) return { error: "--url is required" };
  let base: URL;
  try {
    base = new URL(values.url);
  } catch {
    return { error: `--url must be an absolute http(s) URL, got ${values.url}` };
  }
  if (!/^https?:$/.test(base.protocol) || (base.pathname !== "/" && base.pathname !== "")) {
    return { error: `--url must be an http(s) URL without a path, got ${values.url}` };
  }
  for (const key of ["health", "asset", "redirect"]) {
    if (values[key] !== undefined && !values[key].startsWith("/"))
      return { error: `--${key} must be a path starting with /, got ${values[key]}` };
  }
  const timeoutSeconds = Number(values.timeout ?? 10);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    return { error: `--timeout must be a positive number of seconds, got ${values.timeout}` };
  return {
    url: base.origin,
    healthPath: values.health ?? "/healthz",
    assetPath: values.asset,
    redirectPath: values.redirect,
    expectHost: values["expect-host"] ?? base.host,
    timeoutSeconds,
  };
}

async function get(url: string, timeoutSeconds: number): Promise<Response> {
  return fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutSeconds * 1000), headers: { "user-agent": "go-live-check" } });
}

/** Runs the checks in order; never throws (a network error is a failed check). */
export async function goLiveCheck(o: GoLiveCheckOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const attempt = async (name: string, check: () => Promise<Omit<CheckResult, "name">>): Promise<void> => {
    try {
      results.push({ name, ...(await check()) });
    } catch (e) {
      results.push({ name, status: "fail", detail: `request failed: ${(e as Error).message}` });
    }
  };

  await attempt("health", async () => {
    const res = await get(o.url + o.healthPath, o.timeoutSeconds);
    return res.ok
      ? { status: "ok", detail: `${o.healthPath} answered ${res.status}` }
      : { status: "fail", detail: `${o.healthPath} answered ${res.status}, expected 2xx` };
  });

  await attempt("static asset", async () => {
    let path = o.assetPath;
    if (path === undefined) {
      const page = await (await get(`${o.url}/`, o.timeoutSeconds)).text();
      path = /["'(](\/(?:_next\/)?static\/[^"'()\s?#]+)/.exec(page)?.[1];
      if (path === undefined)
        return { status: "fail", detail: "found no /_next/static/ or /static/ reference in the page at /; pass --asset PATH" };
    }
    const res = await get(o.url + path, o.timeoutSeconds);
    const cache = res.headers.get("x-cache");
    return res.status === 200
      ? { status: "ok", detail: `${path} answered 200${cache ? ` (${cache})` : ""}` }
      : { status: "fail", detail: `${path} answered ${res.status}, expected 200 (upload the build's static files to the assets bucket)` };
  });

  if (o.redirectPath === undefined) {
    results.push({ name: "redirect", status: "skip", detail: "no --redirect PATH given" });
  } else {
    const path = o.redirectPath;
    await attempt("redirect", async () => {
      const requested = o.url + path;
      const res = await get(requested, o.timeoutSeconds);
      const location = res.headers.get("location");
      if (res.status < 300 || res.status > 399 || !location)
        return { status: "fail", detail: `${path} answered ${res.status} without a redirect; pass a path the app redirects` };
      const target = new URL(location, requested);
      const scheme = new URL(o.url).protocol;
      const problems = [
        target.protocol !== scheme
          ? `scheme ${target.protocol.slice(0, -1)} instead of ${scheme.slice(0, -1)} (the app trusts X-Forwarded-Proto from an HTTP listener; build URLs from APP_URL or the Forwarded header)`
          : undefined,
        target.host !== o.expectHost
          ? `host ${target.host} instead of ${o.expectHost} (the app builds URLs from Host; use X-Forwarded-Host or APP_URL)`
          : undefined,
      ].filter((p): p is string => p !== undefined);
      return problems.length === 0
        ? { status: "ok", detail: `${path} redirects to ${target.href}` }
        : { status: "fail", detail: `${path} redirects to ${location}: ${problems.join("; ")}` };
    });
  }

  if (new URL(o.url).protocol === "https:") {
    await attempt("http to https", async () => {
      const plain = o.url.replace(/^https:/, "http:") + o.healthPath;
      const res = await get(plain, o.timeoutSeconds);
      const location = res.headers.get("location");
      const target = location ? new URL(location, plain) : undefined;
      return res.status >= 300 && res.status <= 399 && target?.protocol === "https:" && target.host === new URL(o.url).host
        ? { status: "ok", detail: `http answered ${res.status} to ${target.href}` }
        : {
            status: "fail",
            detail: `http answered ${res.status}${location ? ` to ${location}` : ""}, expected a redirect to https on the same host`,
          };
    });
  }
  return results;
}

/** The command: parse, check, print one line per check; the exit code. */
export async function main(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const parsed = parseArgs(argv);
  if ("help" in parsed) {
    out(USAGE);
    return 0;
  }
  if ("error" in parsed) {
    out(`go-live-check: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const results = await goLiveCheck(parsed);
  for (const r of results) out(`${r.status.toUpperCase().padEnd(4)} ${r.name}: ${r.detail}`);
  const failed = results.filter((r) => r.status === "fail").length;
  out(
    failed === 0
      ? `go-live-check: ${parsed.url} is ready for the alias records`
      : `go-live-check: ${failed} check(s) failed; keep the alias records off`,
  );
  return failed === 0 ? 0 : 1;
}
