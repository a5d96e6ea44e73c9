// `docklens compose config [-f FILE]... [--env-file FILE]... [--profile NAME]... [-p NAME]
//   [--project-directory DIR] [--format json|yaml]`: the resolved project, shaped like
// `docker compose config` (canonical long forms, `$` doubled). The CLI is a shell command, so like
// docker compose it reads the process environment (the editor does not, unless asked).
import * as posix from 'node:path/posix';
import { discoverProject, DEFAULT_FILES, DEFAULT_OVERRIDES, type ProjectSpec } from '../compose/project/discovery';
import { resolveProject } from '../compose/project/projects';
import { configJsonText, configYamlText } from '../compose/project/configOutput';
import { maxSizeOption, sideFileHost, UsageError } from './io';
import type { FileHost } from '../common/files';
import { t } from '../l10n';
import { choices } from './choices';

interface ConfigArgs {
  files: string[];
  envFiles: string[];
  profiles: string[];
  projectDirectory?: string;
  projectName?: string;
  format: 'json' | 'yaml';
  maxSize?: string;
}

const WITH_VALUE: Record<string, keyof ConfigArgs> = {
  '-f': 'files',
  '--file': 'files',
  '--env-file': 'envFiles',
  '--profile': 'profiles',
  '--project-directory': 'projectDirectory',
  '-p': 'projectName',
  '--project-name': 'projectName',
  '--format': 'format',
  '--max-size': 'maxSize',
};

function parseArgs(argv: string[]): ConfigArgs {
  const args: ConfigArgs = { files: [], envFiles: [], profiles: [], format: 'yaml' };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const field = WITH_VALUE[arg];
    if (!field) throw new UsageError(arg.startsWith('-') ? t('cli.error.unknownOption', { option: arg }) : t('cli.error.unexpectedArgument', { arg }));
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(t('cli.error.needsValue', { option: arg }));
      value = argv[++i];
    }
    const current = args[field];
    if (Array.isArray(current)) current.push(value);
    else (args as unknown as Record<string, string>)[field] = value;
  }
  if (args.format !== 'json' && args.format !== 'yaml') throw new UsageError(t('cli.error.unknownFormat', { value: args.format, choices: choices('json', 'yaml') }));
  return args;
}

const toPosix = (p: string) => p.replace(/\\/g, '/');

function isFile(host: FileHost, path: string): boolean {
  return host.read ? 'text' in host.read(path) : host.readFile(path) !== undefined;
}

/** The files docker compose would pick in `dir` or its parents when no -f is given. */
function defaultFiles(host: FileHost, cwd: string, env: NodeJS.ProcessEnv): string[] | undefined {
  if (env.COMPOSE_FILE) {
    const sep = env.COMPOSE_PATH_SEPARATOR || ':';
    return env.COMPOSE_FILE.split(sep).filter(Boolean).map((f) => posix.resolve(cwd, toPosix(f)));
  }
  for (let dir = cwd; ; dir = posix.dirname(dir)) {
    const main = DEFAULT_FILES.map((f) => posix.join(dir, f)).find((f) => isFile(host, f));
    if (main) {
      const override = DEFAULT_OVERRIDES.map((f) => posix.join(dir, f)).find((f) => isFile(host, f));
      return override ? [main, override] : [main];
    }
    if (dir === posix.dirname(dir)) return undefined;
  }
}

export function composeCommand(argv: string[]): number {
  const [sub, ...rest] = argv;
  if (sub !== 'config') throw new UsageError(sub ? t('cli.error.unknownComposeCommand', { value: sub, choices: choices('config') }) : t('cli.error.composeNeedsCommand', { command: 'config' }));
  const args = parseArgs(rest);
  const host = sideFileHost(maxSizeOption(args.maxSize ? { 'max-size': args.maxSize } : {}));
  const cwd = toPosix(process.cwd());
  let files = args.files.map((f) => posix.resolve(cwd, toPosix(f)));
  if (files.length === 0) {
    const found = defaultFiles(host, cwd, process.env);
    if (!found) {
      process.stderr.write('no configuration file provided: not found\n');
      return 1;
    }
    files = found;
  }
  const projectDir = args.projectDirectory ? posix.resolve(cwd, toPosix(args.projectDirectory)) : posix.dirname(files[0]);
  const discovered = discoverProject(files[0], host, { projects: [{ files }], base: cwd });
  const envFiles = args.envFiles.map((f) => posix.resolve(cwd, toPosix(f)));
  const spec: ProjectSpec = {
    ...discovered,
    files,
    projectDir,
    envFiles: envFiles.length > 0 ? envFiles : isFile(host, posix.join(projectDir, '.env')) ? [posix.join(projectDir, '.env')] : [],
    explicitEnvFiles: envFiles.length > 0,
    profiles: args.profiles.length > 0 ? args.profiles : undefined,
    name: args.projectName ?? process.env.COMPOSE_PROJECT_NAME,
  };
  for (const f of files) {
    if (!isFile(host, f)) {
      process.stderr.write(`open ${f}: no such file or directory\n`);
      return 1;
    }
  }
  const shell = new Map(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const project = resolveProject(spec, host, { shell });
  const failure = project.errors.find((e) => e.severity === 'error');
  if (failure) {
    process.stderr.write(failure.message + '\n');
    return 1;
  }
  process.stdout.write(args.format === 'json' ? configJsonText(project.canonical) : configYamlText(project.canonical));
  return 0;
}
