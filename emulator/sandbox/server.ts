/**
 * The sandbox web server (`npm start`): serves the sandbox page (page/*.ts, bundled with esbuild
 * at start), the real build/sidebar.html with a google.script.run shim injected, the outbox and
 * the Drive files, and a small JSON API over a Sandbox. It listens on the loopback interface only.
 *
 * Origins: the page is served as http://localhost:PORT and the sidebar from http://127.0.0.1:PORT
 * (or the other way round), so the sidebar runs cross-origin in its frame as it does in Sheets,
 * where it comes from googleusercontent.com: it keeps its own storage and reaches the page only
 * through postMessage. Its CSP forbids any network request (connect-src 'none'): every server
 * call must go through google.script.run.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { readDriveFile } from '../services/drive';
import { injectShim, parseScriptRunRequest, type ShimConfig } from './protocol';
import { Sandbox, type SandboxOptions } from './sandbox';

export interface SandboxServerOptions extends SandboxOptions {
  /** 0 picks a free port. */
  port: number;
  /** The interface to listen on (loopback by default: the sandbox lets anyone act as anyone). */
  host?: string;
  /** How often the local scheduler moves the clock and fires due triggers. */
  tickMs?: number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  sandbox: Sandbox;
  close(): Promise<void>;
}

const PAGE_DIR = path.join(__dirname, 'page');
const JSON_LIMIT = 1024 * 1024;
/** google.script.run carries uploads as base64 strings; Apps Script's own ceiling is about 50 MB. */
const SCRIPT_RUN_LIMIT = 64 * 1024 * 1024;
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

interface PageAssets {
  html: string;
  js: string;
  css: string;
  shim: string;
}

/** Bundles the page and the shim (esbuild, in memory). */
export async function buildPageAssets(): Promise<PageAssets> {
  const common = {
    bundle: true,
    format: 'iife' as const,
    target: 'es2020',
    platform: 'browser' as const,
    write: false,
    legalComments: 'none' as const,
    charset: 'utf8' as const,
    logLevel: 'warning' as const,
  };
  const page = await build({ ...common, entryPoints: [path.join(PAGE_DIR, 'main.ts')], outdir: 'page-out' });
  const shim = await build({ ...common, minify: true, entryPoints: [path.join(PAGE_DIR, 'shim.ts')], outdir: 'shim' });
  const text = (files: typeof page.outputFiles, ext: string) =>
    (files ?? []).find((f) => f.path.endsWith(ext))?.text ?? '';
  return {
    html: readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8'),
    js: text(page.outputFiles, '.js'),
    css: text(page.outputFiles, '.css'),
    shim: text(shim.outputFiles, '.js'),
  };
}

export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningSandbox> {
  const assets = await buildPageAssets();
  const sandbox = new Sandbox(options);
  const events = new Set<http.ServerResponse>();
  sandbox.onChange((revision) => {
    for (const client of events) client.write(`event: changed\ndata: ${revision}\n\n`);
  });

  let port = options.port;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    // DNS rebinding: a page on another site resolving its name to 127.0.0.1 is not let in.
    if (!LOOPBACK_HOSTS.includes(hostName(host))) return sendText(res, 421, 'Misdirected request');
    const url = new URL(req.url ?? '/', `http://${host}`);
    const route = url.pathname;

    if (req.method === 'GET') {
      if (route === '/' || route === '/index.html') return sendPage(res, assets.html);
      if (route === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', assets.js);
      if (route === '/app.css') return send(res, 200, 'text/css; charset=utf-8', assets.css);
      if (route === '/api/snapshot') return sendJson(res, 200, sandbox.snapshot(url.searchParams.get('user') ?? ''));
      if (route === '/api/events') return openEventStream(req, res);
      if (route.startsWith('/ui/')) return serveRendered(res, route.slice(4), url.searchParams.get('parent') ?? '');
      if (route.startsWith('/mail/')) return serveMail(res, decodeURIComponent(route.slice(6)));
      if (route.startsWith('/outbox/')) return serveEml(res, decodeURIComponent(route.slice(8)));
      if (route.startsWith('/drive/')) return serveDrive(res, decodeURIComponent(route.slice(7)));
      if (route === '/favicon.ico') return send(res, 204, 'text/plain', '');
      return sendText(res, 404, 'Not found');
    }

    if (req.method === 'POST' && route.startsWith('/api/')) {
      // A JSON body can only come from a page of ours: other sites cannot send it without a CORS
      // preflight, which this server never approves; the Origin check covers the rest.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: 'Expected application/json' });
      }
      const origin = req.headers.origin;
      if (origin && !isOwnOrigin(origin)) return sendJson(res, 403, { ok: false, error: 'Foreign origin' });
      const body = await readJson(req, route === '/api/script-run' ? SCRIPT_RUN_LIMIT : JSON_LIMIT);
      const b = body as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' ? v : '');
      switch (route) {
        case '/api/script-run':
          return sendJson(res, 200, sandbox.scriptRun(parseScriptRunRequest(body)));
        case '/api/menu':
          return sendJson(res, 200, sandbox.runMenuItem(str(b.user), str(b.functionName)));
        case '/api/select':
          return sendJson(res, 200, sandbox.select(str(b.user), str(b.sheet), str(b.a1) || undefined));
        case '/api/edit':
          return sendJson(res, 200, sandbox.editCell(str(b.user), str(b.sheet), str(b.a1), str(b.value)));
        case '/api/clock':
          return sendJson(res, 200, sandbox.advanceClock(Number(b.advanceMs)));
        case '/api/trigger':
          return sendJson(res, 200, sandbox.fireTrigger(str(b.id)));
        default:
          return sendJson(res, 404, { ok: false, error: `No such action: ${route}` });
      }
    }
    return sendText(res, 405, 'Method not allowed');
  }

  function isOwnOrigin(origin: string): boolean {
    return LOOPBACK_HOSTS.some((h) => origin === `http://${h}:${port}`);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(`event: changed\ndata: ${sandbox.revision}\n\n`);
    events.add(res);
    req.on('close', () => events.delete(res));
  }

  function serveRendered(res: http.ServerResponse, token: string, parent: string): void {
    const page = sandbox.renderedHtml(token);
    if (!page) return sendText(res, 404, 'This sidebar is no longer open: open it again from the menu.');
    if (!isOwnOrigin(parent)) return sendText(res, 400, 'The sidebar is shown only inside the sandbox page.');
    const config: ShimConfig = {
      functionNames: sandbox.emulator.functionNames.filter((n) => !n.endsWith('_')),
      parentOrigin: parent,
    };
    const csp = [
      "default-src 'none'",
      "script-src 'unsafe-inline'",
      "style-src 'unsafe-inline'",
      `img-src 'self' ${parent} data: blob:`,
      `media-src 'self' ${parent} data: blob:`,
      'font-src data:',
      "connect-src 'none'",
      "form-action 'none'",
      `frame-ancestors ${parent}`,
    ].join('; ');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(injectShim(page.html, config, assets.shim));
  }

  function serveMail(res: http.ServerResponse, id: string): void {
    const mail = sandbox.mail(id);
    if (!mail) return sendText(res, 404, 'No such mail');
    const headers = {
      // The body is the sender's HTML: no script runs, nothing loads from anywhere.
      'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (mail.htmlBody !== undefined) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(mail.htmlBody);
    } else {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(mail.body);
    }
  }

  function serveEml(res: http.ServerResponse, name: string): void {
    if (!/^[\w.-]+\.eml$/.test(name)) return sendText(res, 404, 'Not found');
    const file = path.join(sandbox.outboxDir, name);
    if (!existsSync(file)) return sendText(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Content-Length': statSync(file).size,
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  }

  function serveDrive(res: http.ServerResponse, id: string): void {
    const file = readDriveFile(sandbox.emulator.state, sandbox.driveDir, id);
    if (!file) return sendText(res, 404, 'No such file');
    res.writeHead(200, {
      'Content-Type': file.mimeType || 'application/octet-stream',
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name || id)}`,
      // An uploaded file is the uploader's content: shown, never run in the sandbox's origin.
      'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; media-src 'self'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(file.bytes);
  }

  // The sandbox runs each script execution synchronously on this thread, so a long one can delay
  // the server's 5-second keep-alive timer until a client has already reused the idle socket: the
  // client then reads a reset (ECONNRESET). Idle connections stay open for a minute instead; close()
  // ends them all.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const scheduler = setInterval(() => sandbox.tick(), options.tickMs ?? 5000);
  scheduler.unref();
  const keepAlive = setInterval(() => {
    for (const client of events) client.write(': keep-alive\n\n');
  }, 25_000);
  keepAlive.unref();

  return {
    url: `http://localhost:${port}`,
    port,
    sandbox,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(scheduler);
        clearInterval(keepAlive);
        sandbox.tick();
        sandbox.save();
        for (const client of events) client.end();
        events.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendPage(res: http.ServerResponse, html: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // The page builds its DOM with textContent only; this makes sure nothing else ever runs.
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      // The sidebar comes from the other loopback name (see the header comment).
      "frame-src 'self' http://localhost:* http://127.0.0.1:*",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  });
  res.end(html);
}

function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`Request body over ${Math.round(limit / 1024 / 1024)} MB`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new Error('The body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}
