// Reading inputs for the CLI (a path, or `-` for standard input) through the same bounded file access
// as the editor, and strict option parsing: an option the command does not know is a usage error.
import { readSync } from 'node:fs';
import { describeFileProblem, formatBytes, looksBinary, parseByteSize } from '../common/files';
import { createFileHost, DEFAULT_SIDE_FILE_MAX_BYTES, FileAccess } from '../node/fileAccess';
import type { FileHost, FileRead } from '../common/files';
import { t } from '../l10n';

export class UsageError extends Error {}
/** A file the command cannot use (missing, a directory, binary, too large): reported, exit 1. */
export class InputError extends Error {}

export const DEFAULT_INPUT_MAX_BYTES = 10 * 1024 * 1024;

/** Options every command takes. */
const COMMON_WITH_VALUE = ['max-size'];

/**
 * Splits `--name value` / `--name=value` options from positional arguments. `withValue` and `flags`
 * are the options the command knows; anything else is a usage error. `--` ends the options.
 */
export function parseOptions(
  argv: string[],
  withValue: string[],
  flags: string[] = [],
  repeatable: string[] = [],
): { options: Record<string, string>; positional: string[]; lists: Record<string, string[]> } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  // Options given several times (`--build-arg A=1 --build-arg B=2`) keep every value, in order.
  const lists: Record<string, string[]> = {};
  const valued = [...withValue, ...repeatable, ...COMMON_WITH_VALUE];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (valued.includes(name)) {
        if (eq >= 0) options[name] = arg.slice(eq + 1);
        else {
          if (i + 1 >= argv.length) throw new UsageError(t('cli.error.needsValue', { option: `--${name}` }));
          options[name] = argv[++i];
        }
        if (repeatable.includes(name)) (lists[name] ??= []).push(options[name]);
      } else if (flags.includes(name)) {
        if (eq >= 0) throw new UsageError(t('cli.error.takesNoValue', { option: `--${name}` }));
        options[name] = 'true';
      } else throw new UsageError(t('cli.error.unknownOption', { option: `--${name}` }));
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(t('cli.error.unknownOption', { option: arg }));
    else positional.push(arg);
  }
  return { options, positional, lists };
}

/** `--max-size` in bytes (accepts `10M`, `512k`, `2048`). */
export function maxSizeOption(options: Record<string, string>): number {
  if (options['max-size'] === undefined) return DEFAULT_INPUT_MAX_BYTES;
  const n = parseByteSize(options['max-size']);
  if (n === undefined) throw new UsageError(t('cli.error.maxSize', { option: '--max-size', value: String(options['max-size']) }));
  return n;
}

/**
 * Side files (`.dockerignore`, `.hadolint.yaml`) for the rules: the editor's bounded access, never
 * more than the input cap. A command runs once and writes no side file, so each path is read once:
 * `check` over a folder asks every Dockerfile's `.hadolint.yaml` in every folder above and its
 * `.dockerignore` twice, almost always the same missing paths.
 */
export function sideFileHost(maxInputBytes: number): FileHost {
  const host = createFileHost(new FileAccess({ maxBytes: Math.min(DEFAULT_SIDE_FILE_MAX_BYTES, maxInputBytes) }));
  const reads = new Map<string, FileRead>();
  const read = (absPath: string): FileRead => {
    let found = reads.get(absPath);
    if (!found) reads.set(absPath, (found = host.read!(absPath)));
    return found;
  };
  return {
    ...host,
    read,
    readFile(absPath) {
      const r = read(absPath);
      return 'text' in r ? r.text : undefined;
    },
  };
}

export function readInput(path: string, maxBytes = DEFAULT_INPUT_MAX_BYTES): string {
  if (path === '-') return readStdin(maxBytes);
  const r = new FileAccess({ maxBytes }).read(path);
  if ('text' in r) return r.text;
  switch (r.problem) {
    case 'missing':
      throw new InputError(t('cli.error.noSuchFile', { path }));
    case 'too-large':
      throw new InputError(t('cli.error.tooLarge', { what: path, size: formatBytes(maxBytes), option: '--max-size' }));
    default:
      throw new InputError(describeFileProblem(r.problem, path, maxBytes, t));
  }
}

function readStdin(maxBytes: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new InputError(t('cli.error.tooLarge', { what: t('cli.stdin'), size: formatBytes(maxBytes), option: '--max-size' }));
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (looksBinary(text)) throw new InputError(t('cli.error.notText', { what: t('cli.stdin') }));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
