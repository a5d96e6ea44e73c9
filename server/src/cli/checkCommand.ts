// `docklens check [--format text|json|sarif] [--severity error|warning|info|hint] [--build-arg K=V]… [--hadolint-config FILE] [--max-size SIZE] FILES…`
// `docklens check --list-rules [--format json]`: every rule with its default severity and origin.
// Runs the editor's diagnostics over files, for CI. Exit code 1 when any error is reported.
import { basename, relative, resolve } from 'node:path';
import { composeProblems, parseCompose, type ComposeProblem } from '../compose';
import { ProjectResolver } from '../compose/project/resolver';
import { dockerignoreFor } from '../dockerfile/services/diagnostics/rules/dockerignore';
import { parseDocument } from '../dockerfile/parser/model';
import { parseBuildArgList, RULES, runDiagnostics, type ReportedFinding, type RuleSeverity } from '../dockerfile/services/diagnostics';
import { ruleDescription } from '../dockerfile/services/diagnostics/descriptions';
import { findHadolintConfig } from '../node/hadolintConfigFile';
import { InputError, maxSizeOption, parseOptions, readInput, sideFileHost, UsageError } from './io';
import { t, tn } from '../l10n';
import { choices } from './choices';
import type { FileHost } from '../common/files';
import { version as packageVersion } from '../../../package.json';

const RANK: Record<RuleSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export interface CheckRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: RuleSeverity;
  message: string;
}

const COMPOSE_FILE_NAME = /^(?:docker-)?compose(?:[.-][^/\\]*)?\.ya?ml$/i;
const COMPOSE_SEVERITY: Record<ComposeProblem['severity'], RuleSeverity> = { error: 'error', warning: 'warning', information: 'info' };

/** Compose checks on one file, read with its project (override files with their base, `.env`), as docker compose would. */
function checkComposeFile(file: string, maxBytes: number, host: FileHost): CheckRecord[] {
  const text = readInput(file, maxBytes);
  const model = parseCompose(text);
  const path = file === '-' ? undefined : resolve(file).replace(/\\/g, '/');
  const shell = new Map(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const project = path ? new ProjectResolver(host).forDocument(path, { shell }) : undefined;
  const name = file === '-' ? '<stdin>' : file;
  return composeProblems(model, path ? { host, path, project } : undefined).map((p) => {
    const start = model.lines.positionAt(p.span.start);
    const end = model.lines.positionAt(p.span.end);
    return { file: name, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, code: p.code, severity: COMPOSE_SEVERITY[p.severity], message: p.message };
  });
}

interface CheckOptions {
  maxBytes: number;
  host: FileHost;
  buildArgs: Record<string, string>;
  /** `--hadolint-config FILE`, else `HADOLINT_CONFIG`. */
  hadolintConfig?: string;
}

function checkFile(file: string, opts: CheckOptions): { records: CheckRecord[]; findings: ReportedFinding[]; failureThreshold?: RuleSeverity | 'none' } {
  const { maxBytes, host, buildArgs } = opts;
  const text = readInput(file, maxBytes);
  const model = parseDocument(text);
  // The team's .hadolint.yaml: the named one, else the nearest above the Dockerfile (stdin: the current folder's).
  const hadolint = findHadolintConfig(file === '-' ? resolve('Dockerfile') : resolve(file), host, { envPath: opts.hadolintConfig });
  for (const problem of hadolint?.config.problems ?? []) process.stderr.write(`docklens check: ${hadolint!.path}: ${problem}\n`);
  const findings = runDiagnostics(model, { filePath: file === '-' ? undefined : resolve(file), host, buildArgs, hadolint: hadolint?.config });
  const name = file === '-' ? '<stdin>' : file;
  const records = findings.map((f) => {
    const start = model.lines.positionAt(f.span.start);
    const end = model.lines.positionAt(f.span.end);
    return { file: name, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, code: f.code, severity: f.severity, message: f.message };
  });
  // Invalid .dockerignore patterns fail the build: reported on the ignore file's own lines.
  const ignore = file === '-' ? undefined : dockerignoreFor(resolve(file), host);
  for (const p of ignore?.parsed.problems ?? []) {
    const rel = relative(process.cwd(), ignore!.path);
    const shown = rel && !rel.startsWith('..') ? rel : ignore!.path;
    records.push({ file: shown, line: p.line + 1, column: p.start + 1, endLine: p.line + 1, endColumn: p.end + 1, code: 'InvalidIgnorePattern', severity: 'error', message: p.message });
  }
  return { records, findings, failureThreshold: hadolint?.config.failureThreshold };
}

const SARIF_LEVEL: Record<RuleSeverity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function toSarif(records: CheckRecord[]): unknown {
  const used = new Set(records.map((r) => r.code));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'docklens',
            // The extension's version (package.json, inlined by the bundler): SARIF viewers show it per run.
            version: packageVersion,
            semanticVersion: packageVersion,
            informationUri: 'https://docs.docker.com/reference/build-checks/',
            rules: RULES.filter((r) => used.has(r.code)).map((r) => ({ id: r.code, shortDescription: { text: ruleDescription(r) }, helpUri: r.url, defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] } })),
          },
        },
        results: records.map((r) => ({
          ruleId: r.code,
          level: SARIF_LEVEL[r.severity],
          message: { text: r.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.file.replace(/\\/g, '/') }, region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn } } }],
        })),
      },
    ],
  };
}

function listRules(format: string): number {
  const rows = RULES.map((r) => ({
    code: r.code,
    severity: r.defaultSeverity,
    origin: r.experimental ? 'buildkit-experimental' : r.buildkit ? 'buildkit' : 'docklens',
    hadolint: r.hadolint ?? [],
    description: ruleDescription(r),
    url: r.url,
  }));
  if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else for (const r of rows) process.stdout.write(`${r.code.padEnd(32)} ${r.severity.padEnd(8)} ${r.origin.padEnd(22)} ${(r.hadolint.join(',') || '-').padEnd(16)} ${r.description}\n`);
  return 0;
}

export function checkCommand(argv: string[]): number {
  const { options, positional, lists } = parseOptions(argv, ['format', 'severity', 'hadolint-config', 'lang'], ['list-rules'], ['build-arg']);
  if (options.lang !== undefined && options.lang !== 'compose' && options.lang !== 'dockerfile') throw new UsageError(t('cli.error.unknownLanguage', { value: options.lang, choices: choices('dockerfile', 'compose') }));
  // `--build-arg K=V` as docker build takes it; a bare `--build-arg K` reads K from the environment.
  const buildArgs = parseBuildArgList(lists['build-arg'] ?? [], process.env);
  const format = options.format ?? 'text';
  if (options['list-rules']) return listRules(format);
  const minimum = (options.severity ?? 'hint') as RuleSeverity;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(t('cli.error.unknownFormat', { value: format, choices: choices('text', 'json', 'sarif') }));
  if (!(minimum in RANK)) throw new UsageError(t('cli.error.unknownSeverity', { value: minimum, choices: choices('error', 'warning', 'info', 'hint') }));
  if (positional.length === 0) throw new UsageError(t('cli.error.needsFiles', { command: 'check' }));
  const maxBytes = maxSizeOption(options);
  const host = sideFileHost(maxBytes);
  const records: CheckRecord[] = [];
  // A file that cannot be read (missing, a directory, binary, too large) is one error line; the others are still checked.
  let unreadable = 0;
  // Exit 1 on an error, or on a finding at the failure-threshold of the file's .hadolint.yaml.
  let failed = false;
  const hadolintConfig = options['hadolint-config'] ?? process.env.HADOLINT_CONFIG;
  for (const file of positional) {
    try {
      const compose = options.lang === 'compose' || (options.lang === undefined && file !== '-' && COMPOSE_FILE_NAME.test(basename(file)));
      if (compose) {
        const found = checkComposeFile(file, maxBytes, host);
        if (found.some((r) => r.severity === 'error')) failed = true;
        records.push(...found.filter((r) => RANK[r.severity] <= RANK[minimum]));
        continue;
      }
      const result = checkFile(file, { maxBytes, host, buildArgs, hadolintConfig });
      const threshold = result.failureThreshold;
      if (threshold === undefined ? result.records.some((r) => r.severity === 'error') : threshold !== 'none' && result.records.some((r) => RANK[r.severity] <= RANK[threshold])) failed = true;
      records.push(...result.records.filter((r) => RANK[r.severity] <= RANK[minimum]));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`docklens check: ${e.message}\n`);
      unreadable++;
    }
  }
  if (format === 'json') process.stdout.write(JSON.stringify(records, null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(records), null, 2) + '\n');
  else {
    for (const r of records) process.stdout.write(`${r.file}:${r.line}:${r.column}: ${r.severity}: ${r.message} [${r.code}]\n`);
    const counts = (['error', 'warning', 'info', 'hint'] as RuleSeverity[]).map((s) => [s, records.filter((r) => r.severity === s).length] as const).filter(([, n]) => n > 0);
    if (unreadable < positional.length) process.stdout.write(counts.length ? counts.map(([s, n]) => tn(`cli.count.${s}`, n)).join(t('cli.countSeparator')) + '\n' : t('cli.noProblems') + '\n');
  }
  return unreadable > 0 || failed ? 1 : 0;
}
