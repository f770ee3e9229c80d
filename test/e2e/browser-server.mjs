// Launches Debian's Chromium under a Playwright browser server and prints its WebSocket endpoint.
// The browser tests connect to it instead of launching in-process: Playwright's driver loaded
// inside Jest's per-file VM context fails its checks on frames of another process (a click into
// the cross-origin sidebar frame retries forever), while out here it works as in any Node script.
// It exits when its standard input closes, so it never outlives the test run that started it.
import { chromium } from 'playwright-core';

const server = await chromium.launchServer({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
process.stdout.write(`${server.wsEndpoint()}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.on('SIGTERM', stop);
process.stdin.resume();
