// Lints snippets as if they were files of the repo, with the repo's eslint.config.mjs. A separate
// process because ESLint loads its config with import(), which jest's module sandbox refuses.
// stdin: [{ filePath, code }]; stdout: one array of { ruleId, message } per probe.
import { Buffer } from 'node:buffer';
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const probes = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push((result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(results));
