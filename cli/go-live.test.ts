import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USAGE, main, parseArgs } from "./go-live";

const ROOT = join(__dirname, "..");

/** A local stand-in for the app behind the CDN: routes by path, on 127.0.0.1 only (no network). */
function serve(
  routes: Record<string, (req: IncomingMessage, res: ServerResponse, base: string) => void>,
): Promise<{ server: Server; base: string }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const base = `http://${req.headers.host}`;
      const route = routes[new URL(req.url ?? "/", base).pathname];
      if (route) route(req, res, base);
      else res.writeHead(404).end("not found");
    });
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

const PAGE = '<html><head><script src="/_next/static/chunks/main-abc123.js" defer></script></head><body>hi</body></html>';
const GOOD = {
  "/healthz": (_: IncomingMessage, res: ServerResponse) => res.writeHead(200).end("ok"),
  "/": (_: IncomingMessage, res: ServerResponse) => res.writeHead(200, { "content-type": "text/html" }).end(PAGE),
  "/_next/static/chunks/main-abc123.js": (_: IncomingMessage, res: ServerResponse) =>
    res.writeHead(200, { "content-type": "application/javascript" }).end("1"),
  // A redirect built from X-Forwarded-Host / Host: the viewer's own scheme and host.
  "/dashboard": (_: IncomingMessage, res: ServerResponse, base: string) => res.writeHead(302, { location: `${base}/login` }).end(),
};

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(argv, (l) => lines.push(l));
  return { code, out: lines.join("\n") };
}

describe("go-live-check", () => {
  let good: { server: Server; base: string };
  let bad: { server: Server; base: string };
  beforeAll(async () => {
    good = await serve(GOOD);
    bad = await serve({
      ...GOOD,
      "/": (_, res) => res.writeHead(200).end("<html>no assets</html>"),
      // What an app behind an HTTP listener does when it trusts X-Forwarded-Proto and Host: the load balancer's name, over http.
      "/dashboard": (_, res) => res.writeHead(302, { location: "http://internal-shop-dev-123.us-east-1.elb.amazonaws.com/login" }).end(),
      "/healthz": (_, res) => res.writeHead(503).end("starting"),
    });
  });
  afterAll(() => {
    good.server.close();
    bad.server.close();
  });

  it("prints its usage with --help and exits 0, as the installed command does", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, "scripts/app.js"), "cli/go-live-check.ts", "--help"], {
      cwd: ROOT,
    });
    expect(stdout.trim()).toBe(USAGE);
    expect(await run(["--help"])).toEqual({ code: 0, out: USAGE });
  });

  it("is shipped as the go-live-check command: bin points at the compiled entry, which keeps its shebang", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.bin["go-live-check"]).toBe("dist/cli/go-live-check.js");
    expect(pkg.files).toContain("dist/cli/**/*.js");
    expect(readFileSync(join(__dirname, "go-live-check.ts"), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("passes an app whose health, asset (found in the page) and redirect are right, and says it is ready", async () => {
    const { code, out } = await run(["--url", good.base, "--redirect", "/dashboard"]);
    expect(out).toContain("OK   health: /healthz answered 200");
    expect(out).toContain("OK   static asset: /_next/static/chunks/main-abc123.js answered 200");
    expect(out).toContain(`OK   redirect: /dashboard redirects to ${good.base}/login`);
    expect(out).toContain(`go-live-check: ${good.base} is ready for the alias records`);
    // An http URL has no http-to-https check to run.
    expect(out).not.toContain("http to https");
    expect(code).toBe(0);
  });

  it("fails an unhealthy app, a page without assets and a redirect to another scheme and host, naming each", async () => {
    const { code, out } = await run([`--url=${bad.base}`, "--redirect", "/dashboard", "--expect-host", "d111111abcdef8.cloudfront.net"]);
    expect(out).toContain("FAIL health: /healthz answered 503, expected 2xx");
    expect(out).toContain("FAIL static asset: found no /_next/static/ or /static/ reference in the page at /; pass --asset PATH");
    expect(out).toMatch(
      /FAIL redirect: \/dashboard redirects to http:\/\/internal-shop-dev-123\.us-east-1\.elb\.amazonaws\.com\/login: host internal-shop-dev-123\.us-east-1\.elb\.amazonaws\.com instead of d111111abcdef8\.cloudfront\.net/,
    );
    expect(out).toContain("go-live-check: 3 check(s) failed; keep the alias records off");
    expect(code).toBe(1);
  });

  it("checks the scheme of a redirect too, and an asset path given", async () => {
    const { out } = await run(["--url", good.base, "--asset", "/missing.css", "--redirect", "/healthz"]);
    expect(out).toContain("FAIL static asset: /missing.css answered 404, expected 200");
    expect(out).toContain("FAIL redirect: /healthz answered 200 without a redirect");
    const https = parseArgs(["--url", "https://d111111abcdef8.cloudfront.net"]);
    expect(https).toMatchObject({
      url: "https://d111111abcdef8.cloudfront.net",
      expectHost: "d111111abcdef8.cloudfront.net",
      healthPath: "/healthz",
    });
  });

  it("skips the redirect check without --redirect, and reports an unreachable URL as a failure", async () => {
    const closed = await serve({});
    closed.server.close();
    const { code, out } = await run(["--url", closed.base, "--timeout", "2"]);
    expect(out).toContain("SKIP redirect: no --redirect PATH given");
    expect(out).toMatch(/FAIL health: request failed/);
    expect(code).toBe(1);
  });

  it.each([
    [[], /--url is required/],
    [["--url", "d111.cloudfront.net"], /--url must be an absolute http\(s\) URL/],
    [["--url", "https://d111.cloudfront.net/app"], /--url must be an http\(s\) URL without a path/],
    [["--url", "https://d111.cloudfront.net", "--health", "healthz"], /--health must be a path starting with \//],
    [["--url", "https://d111.cloudfront.net", "--timeout", "0"], /--timeout must be a positive number/],
    [["--bogus"], /unknown argument --bogus/],
  ])("refuses %j with exit code 2", async (argv, message) => {
    const { code, out } = await run(argv as string[]);
    expect(code).toBe(2);
    expect(out).toMatch(message);
  });
});
