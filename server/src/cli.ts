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

type Command = (argv: string[]) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  parse: { run: parseCommand, usage: 'parse [--format buildkit|json] [--max-size SIZE] FILE|-   print the parse (BuildKit dump or our tree)' },
  check: { run: checkCommand, usage: 'check [--format text|json|sarif] [--severity error|warning|info|hint] [--build-arg K=V]… [--lang dockerfile|compose] [--max-size SIZE] FILES…   build checks and best practices (Compose files by name or --lang compose, with their project); exit 1 on errors' },
  format: { run: formatCommand, usage: 'format [--check] [--write] [--tab-size N] [--use-tabs] [--compose] [--max-size SIZE] FILES…|-   print one file formatted, rewrite files in place, or list those that would change (exit 1)' },
  compose: { run: composeCommand, usage: 'compose config [-f FILE]... [--env-file FILE]... [--profile NAME]... [-p NAME] [--project-directory DIR] [--format json|yaml]   the resolved Compose project, as docker compose config prints it' },
  layers: { run: layersCommand, usage: 'layers [--format text|json] [--target NAME] [--max-size SIZE] FILE|-   layers per stage and in the final image' },
  graph: { run: graphCommand, usage: 'graph [--format mermaid|dot|json] [--target NAME] [--compose] FILE|-   the build as a graph: stages and what connects them, or Compose services' },
};

function usage(): string {
  return (
    'usage: docklens <command> [options]\n\n' +
    Object.values(COMMANDS).map((c) => '  ' + c.usage).join('\n') +
    '\n\n  --max-size SIZE   largest input file read (default 10M; side files such as .dockerignore: at most 1M)' +
    '\n  --locale LOCALE   language of messages and explanations, e.g. zh-cn (default: LC_ALL / LC_MESSAGES / LANG)\n'
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
    process.stderr.write(`docklens: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const problem = await loadShellParser();
    if (problem) process.stderr.write(`docklens: ${problem}; RUN scripts are not analysed\n`);
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
      e.code === 'ENOENT' || e.code === 'ENOTDIR' ? `${e.path}: no such file` : e.code === 'EISDIR' ? `${e.path ?? 'the input'} is a directory` : e.message;
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
