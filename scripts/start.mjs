// `npm start`: builds the add-on, then serves the local sandbox (emulator/sandbox/server.ts) on
// http://localhost:8080 (PORT to change). The workbook lives in .arbiter/ and survives restarts;
// `npm start -- --fresh` starts over with the demo workbook. Run with tsx (package.json), which
// loads the TypeScript emulator directly.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'stop-clock': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`npm start [-- options]
  --fresh          forget the saved workbook (.arbiter/) and start over with the demo
  --port N         listen on port N (default: $PORT or 8080)
  --data-dir DIR   keep the workbook, outbox and Drive files in DIR (default: .arbiter)
  --stop-clock     the workbook's clock moves only when advanced (default: it runs in real time)`);
  process.exit(0);
}

const port = Number(values.port ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Not a port: ${values.port ?? process.env.PORT}`);
  process.exit(2);
}

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const { startSandboxServer } = await import('../emulator/sandbox/server.ts');
const dataDir = path.resolve(root, values['data-dir'] ?? '.arbiter');
let running;
try {
  running = await startSandboxServer({
    buildDir: path.join(root, 'build'),
    dataDir,
    fresh: values.fresh,
    port,
    clockRate: values['stop-clock'] ? 0 : 1,
  });
} catch (error) {
  if (error && error.code === 'EADDRINUSE') {
    console.error(`Port ${port} is taken: PORT=8081 npm start, or stop what listens there.`);
    process.exit(1);
  }
  throw error;
}

const { sandbox } = running;
const shown = (file) => (file.startsWith(root + path.sep) ? path.relative(root, file) : file);
console.log(
  `\nArbiter sandbox: ${running.url}\n` +
    `  workbook: ${shown(sandbox.stateFile)}${sandbox.meta.demo ? ' (demo data)' : ''}, ` +
    `mail: ${shown(sandbox.outboxDir)}/, Drive: ${shown(sandbox.driveDir)}/\n  Ctrl+C to stop.`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    running.close().then(() => process.exit(0));
  });
}
