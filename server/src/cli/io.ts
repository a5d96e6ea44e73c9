// Reading inputs for the CLI: a path, or `-` for standard input.
import { readFileSync } from 'node:fs';

export function readInput(path: string): string {
  return readFileSync(path === '-' ? 0 : path, 'utf8');
}

export class UsageError extends Error {}

/** Splits `--name value` / `--name=value` options from positional arguments. */
export function parseOptions(argv: string[], withValue: string[]): { options: Record<string, string>; positional: string[] } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) options[name] = arg.slice(eq + 1);
      else if (withValue.includes(name)) {
        if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
        options[name] = argv[++i];
      } else options[name] = 'true';
    } else positional.push(arg);
  }
  return { options, positional };
}
