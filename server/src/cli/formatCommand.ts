// `docklens format [--check] [--write] [--tab-size N] [--use-tabs] [--compose] FILE…`
// One FILE without --check/--write prints the formatted text. --write rewrites each file in place
// atomically (a temporary file in the same folder, then a rename); --check lists the files that
// would change and exits 1. Compose files are told apart by name (compose.yaml, docker-compose.yml,
// compose.*.yaml, *.yml/*.yaml); `-` reads standard input (a Dockerfile unless --compose).
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseDocument } from '../dockerfile/parser/model';
import { formatDockerfile } from '../dockerfile/services/format';
import { formatCompose } from '../compose/format';
import { maxSizeOption, parseOptions, readInput, UsageError } from './io';
import { t } from '../l10n';

const COMPOSE_NAME = /^(docker-)?compose([.-][^/\\]*)?\.ya?ml$|\.ya?ml$/i;

export function isComposeFileName(path: string): boolean {
  return COMPOSE_NAME.test(basename(path));
}

export function formatText(text: string, compose: boolean, tabSize: number, insertSpaces: boolean): string {
  if (compose) return formatCompose(text, { tabSize });
  return formatDockerfile(parseDocument(text), { tabSize, insertSpaces });
}

/** Replaces `path` with `text` in one step: readers see the old file or the new one, never half of it. */
export function writeAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.docklens-${process.pid}.tmp`);
  const mode = statSync(path).mode & 0o7777;
  try {
    writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx', mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing to clean up
    }
    throw err;
  }
}

export function formatCommand(argv: string[]): number {
  const { options, positional } = parseOptions(argv, ['tab-size'], ['check', 'write', 'use-tabs', 'compose']);
  const maxBytes = maxSizeOption(options);
  const tabSize = options['tab-size'] === undefined ? undefined : Number(options['tab-size']);
  if (tabSize !== undefined && !(Number.isInteger(tabSize) && tabSize >= 1 && tabSize <= 16)) throw new UsageError(t('cli.error.tabSize', { option: '--tab-size' }));
  const check = !!options.check;
  const write = !!options.write;
  if (positional.length === 0) throw new UsageError(t('cli.error.needsFiles', { command: 'format' }));
  if (!check && !write && positional.length > 1) throw new UsageError(t('cli.error.severalFiles', { write: '--write', check: '--check' }));
  if (write && positional.includes('-')) throw new UsageError(t('cli.error.writeStdin', { write: '--write' }));
  let changed = 0;
  for (const file of positional) {
    const text = readInput(file, maxBytes);
    const compose = !!options.compose || (file !== '-' && isComposeFileName(file));
    // YAML cannot indent with tabs: Compose files always use spaces (2 unless --tab-size).
    const formatted = formatText(text, compose, tabSize ?? (compose ? 2 : 4), compose || !options['use-tabs']);
    if (!check && !write) process.stdout.write(formatted);
    if (formatted === text) continue;
    changed++;
    if (check) process.stdout.write(`${file === '-' ? '<stdin>' : file}\n`);
    if (write) writeAtomically(file, formatted);
  }
  return check && changed > 0 ? 1 : 0;
}
