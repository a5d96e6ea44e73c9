// `npm run screenshots`: runs the editor's UI smoke test (code-server + Chromium, test/e2e/ui/smoke.mjs)
// and copies the pictures the docs show from test/e2e/artifacts/ into docs/images/. Needs the e2e tools
// (node test/e2e/install-tools.mjs) and a build; takes the shared e2e lock when flock is there.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** artifact name → docs/images name. */
const PICTURES = {
  'hover.png': 'cmd-hover.png',
  'codelens.png': 'layer-lens.png',
  'layers-quickpick.png': 'layer-list.png',
  'run-hover.png': 'run-hover.png',
  'completion-list.png': 'completion-list.png',
  'compose-value-completion.png': 'compose-value-completion.png',
};
const ARTIFACTS = join('test', 'e2e', 'artifacts');
const runner = ['test/e2e/run-code-server.mjs', '--ui-only', '--ui', 'smoke'];
const flock = spawnSync('flock', ['--version']).status === 0;
const run = flock
  ? spawnSync('flock', ['/tmp/docklens-e2e.lock', process.execPath, ...runner], { stdio: 'inherit' })
  : spawnSync(process.execPath, runner, { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
mkdirSync(join('docs', 'images'), { recursive: true });
for (const [from, to] of Object.entries(PICTURES)) {
  const source = join(ARTIFACTS, from);
  if (!existsSync(source)) { console.error(`screenshots: ${source} was not written`); process.exit(1); }
  copyFileSync(source, join('docs', 'images', to));
  console.log(`docs/images/${to} (${Math.round(statSync(source).size / 1024)} KB)`);
}
