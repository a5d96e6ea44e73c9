// `npm run screenshots`: runs the editor's UI checks that take the README pictures (code-server + Chromium:
// test/e2e/ui/smoke.mjs and test/e2e/ui/pictures.mjs) and copies the pictures from test/e2e/artifacts/ into
// docs/images/, reduced to a 256-colour palette by pngquant when it is installed (apt-get install pngquant:
// about a third of the bytes, no visible change on these flat-colour screenshots). Needs the e2e tools
// (node test/e2e/install-tools.mjs) and a build; takes the shared e2e lock when flock is there.
// `npm run screenshots -- pictures` (or `smoke`) runs one of the two checks only.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** UI check → its artifact names → docs/images names. */
const PICTURES = {
  smoke: {
    'hover.png': 'cmd-hover.png',
    'codelens.png': 'layer-lens.png',
    'layers-quickpick.png': 'layer-list.png',
    'run-hover.png': 'run-hover.png',
    'completion-list.png': 'completion-list.png',
    'compose-value-completion.png': 'compose-value-completion.png',
  },
  pictures: {
    'problems.png': 'problems.png',
    'merge-before.png': 'merge-before.png',
    'merge-after.png': 'merge-after.png',
    'compose-command-hover.png': 'compose-command-hover.png',
  },
};
const ARTIFACTS = join('test', 'e2e', 'artifacts');
const only = process.argv.slice(2);
const flock = spawnSync('flock', ['--version']).status === 0;
const pngquant = spawnSync('pngquant', ['--version']).status === 0;
if (!pngquant) console.warn('screenshots: pngquant not found (apt-get install pngquant); copying the pictures unreduced');

mkdirSync(join('docs', 'images'), { recursive: true });
for (const [check, pictures] of Object.entries(PICTURES)) {
  if (only.length && !only.includes(check)) continue;
  const runner = ['test/e2e/run-code-server.mjs', '--ui-only', '--ui', check];
  const run = flock
    ? spawnSync('flock', ['/tmp/docklens-e2e.lock', process.execPath, ...runner], { stdio: 'inherit' })
    : spawnSync(process.execPath, runner, { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  for (const [from, to] of Object.entries(pictures)) {
    const source = join(ARTIFACTS, from);
    const target = join('docs', 'images', to);
    if (!existsSync(source)) { console.error(`screenshots: ${source} was not written`); process.exit(1); }
    const reduced = pngquant && spawnSync('pngquant', ['--quality=70-95', '--speed', '1', '--strip', '--force', '--output', target, source]).status === 0;
    if (!reduced) copyFileSync(source, target);
    console.log(`${target}: ${Math.round(statSync(target).size / 1024)} KB${reduced ? ` (${Math.round(statSync(source).size / 1024)} KB before pngquant)` : ''}`);
  }
}
