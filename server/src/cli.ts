// The `docklens` command line: the same services as the editor, for scripts and CI.
import { parseCommand } from './cli/parseCommand';
import { checkCommand } from './cli/checkCommand';
import { layersCommand } from './cli/layersCommand';
import { UsageError } from './cli/io';

type Command = (argv: string[]) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  parse: { run: parseCommand, usage: 'parse [--format buildkit|json] FILE|-   print the parse (BuildKit dump or our tree)' },
  check: { run: checkCommand, usage: 'check [--format text|json|sarif] [--severity error|warning|info|hint] FILES…   build checks and best practices; exit 1 on errors' },
  layers: { run: layersCommand, usage: 'layers [--format text|json] [--target NAME] FILE|-   layers per stage and in the final image' },
};

function usage(): string {
  return 'usage: docklens <command> [options]\n\n' + Object.values(COMMANDS).map((c) => '  ' + c.usage).join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
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
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`docklens ${name}: ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`docklens ${name}: ${e.code === 'ENOENT' ? `no such file: ${e.path}` : e.message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
