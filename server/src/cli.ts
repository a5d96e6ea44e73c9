// The `docklens` command line: the same services as the editor, for scripts and CI.
import { parseCommand } from './cli/parseCommand';
import { checkCommand } from './cli/checkCommand';
import { layersCommand } from './cli/layersCommand';
import { formatCommand } from './cli/formatCommand';
import { composeCommand } from './cli/composeCommand';
import { graphCommand } from './cli/graphCommand';
import { InputError, UsageError } from './cli/io';
import { loadShellParser } from './node/shellParser';
import { environmentLocale, useLocale } from './node/catalogues';
import { t, type MessageKey } from './l10n';

type Command = (argv: string[]) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; syntax: string; summary: MessageKey }> = {
  parse: { run: parseCommand, syntax: 'parse [--format buildkit|json] [--max-size SIZE] FILE|-', summary: 'cli.usage.parse' },
  check: { run: checkCommand, syntax: 'check [--format text|json|sarif] [--severity error|warning|info|hint] [--build-arg K=V]… [--lang dockerfile|compose] [--max-size SIZE] FILES…', summary: 'cli.usage.check' },
  format: { run: formatCommand, syntax: 'format [--check] [--write] [--tab-size N] [--use-tabs] [--compose] [--max-size SIZE] FILES…|-', summary: 'cli.usage.format' },
  compose: { run: composeCommand, syntax: 'compose config [-f FILE]... [--env-file FILE]... [--profile NAME]... [-p NAME] [--project-directory DIR] [--format json|yaml]', summary: 'cli.usage.compose' },
  layers: { run: layersCommand, syntax: 'layers [--format text|json] [--target NAME] [--max-size SIZE] FILE|-', summary: 'cli.usage.layers' },
  graph: { run: graphCommand, syntax: 'graph [--format mermaid|dot|json] [--target NAME] [--compose] FILE|-', summary: 'cli.usage.graph' },
};

function usage(): string {
  return (
    t('cli.usage', { command: 'docklens <command> [options]' }) +
    '\n\n' +
    Object.values(COMMANDS).map((c) => `  ${c.syntax}   ${t(c.summary)}`).join('\n') +
    `\n\n  --max-size SIZE   ${t('cli.usage.maxSize')}` +
    `\n  --locale LOCALE   ${t('cli.usage.locale')}\n`
  );
}

/** Takes `--locale X` / `--locale=X` out of the arguments (any command accepts it, before a `--`). */
function takeLocale(argv: string[]): { locale?: string; rest: string[] } {
  const rest: string[] = [];
  let locale: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--locale' && i + 1 < argv.length) locale = argv[++i];
    else if (arg.startsWith('--locale=')) locale = arg.slice('--locale='.length);
    else rest.push(arg);
  }
  return { locale, rest };
}

async function main(args: string[]): Promise<number> {
  const { locale, rest: argv } = takeLocale(args);
  useLocale(locale ?? environmentLocale());
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`docklens: ${t('cli.error.unknownCommand', { name })}\n\n${usage()}`);
    return 2;
  }
  try {
    const problem = await loadShellParser();
    if (problem) process.stderr.write(`docklens: ${t('cli.error.noShellParser', { problem })}\n`);
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`docklens ${name}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`docklens ${name}: ${err.message}\n`);
      return 1;
    }
    const e = err as NodeJS.ErrnoException;
    const message =
      e.code === 'ENOENT' || e.code === 'ENOTDIR'
        ? t('cli.error.noSuchFile', { path: String(e.path) })
        : e.code === 'EISDIR'
          ? e.path
            ? t('cli.error.isDirectory', { path: e.path })
            : t('cli.error.inputIsDirectory')
          : e.message;
    process.stderr.write(`docklens ${name}: ${message}\n`);
    return 1;
  }
}

// `docklens check … | head -1`: the reader went away; stop quietly instead of a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
