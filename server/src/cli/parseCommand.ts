// `docklens parse [--format buildkit|json] [--max-size SIZE] FILE|-`
import { dumpBuildkit } from '../dockerfile/parser/dump';
import { parseDockerfile } from '../dockerfile/parser/parser';
import { computeLineStarts, LineIndex } from '../common/lineIndex';
import { maxSizeOption, parseOptions, readInput, UsageError } from './io';
import { t } from '../l10n';
import { choices } from './choices';

export function parseCommand(argv: string[]): number {
  const { options, positional } = parseOptions(argv, ['format']);
  const format = options.format ?? 'buildkit';
  if (positional.length !== 1) throw new UsageError(t('cli.error.needsOneFile', { command: 'parse' }));
  if (format !== 'buildkit' && format !== 'json') throw new UsageError(t('cli.error.unknownFormat', { value: format, choices: choices('buildkit', 'json') }));
  const file = positional[0];
  const text = readInput(file, maxSizeOption(options));
  const ast = parseDockerfile(text);
  const errors = ast.problems.filter((p) => p.severity === 'error');
  const lines = new LineIndex(text, computeLineStarts(text));
  for (const p of ast.problems) {
    const pos = lines.positionAt(p.start);
    process.stderr.write(`${file === '-' ? '<stdin>' : file}:${pos.line + 1}:${pos.character + 1}: ${p.severity}: ${p.message}\n`);
  }
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ escapeChar: ast.escapeChar, directives: ast.directives, instructions: ast.instructions, problems: ast.problems }, null, 2) + '\n');
  } else if (errors.length === 0) {
    process.stdout.write(dumpBuildkit(ast));
  }
  return errors.length > 0 ? 1 : 0;
}
