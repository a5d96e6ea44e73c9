// `docklens graph [--format mermaid|dot|json] [--target NAME] [--compose] FILE|-`: the build as a graph.
import { resolve } from 'node:path';
import { parseDocument } from '../dockerfile/parser/model';
import { parseCompose } from '../compose/model';
import { composeGraph } from '../graph/composeGraph';
import { dockerfileGraph, toDot, toMermaid } from '../graph/buildGraph';
import { isComposeFileName } from './formatCommand';
import { maxSizeOption, parseOptions, readInput, UsageError } from './io';
import { t } from '../l10n';
import { choices } from './choices';

export function graphCommand(argv: string[]): number {
  const { options, positional } = parseOptions(argv, ['format', 'target'], ['compose']);
  const format = options.format ?? 'mermaid';
  if (positional.length !== 1) throw new UsageError(t('cli.error.needsOneFile', { command: 'graph' }));
  if (!['mermaid', 'dot', 'json'].includes(format)) throw new UsageError(t('cli.error.unknownFormat', { value: format, choices: choices('mermaid', 'dot', 'json') }));
  const file = positional[0];
  const text = readInput(file, maxSizeOption(options));
  const compose = !!options.compose || (file !== '-' && isComposeFileName(file));
  const graph = compose
    ? composeGraph(parseCompose(text), resolve(file === '-' ? 'compose.yaml' : file))
    : dockerfileGraph(parseDocument(text), options.target);
  if (graph.problem) {
    process.stderr.write(`docklens graph: ${graph.problem}\n`);
    return 1;
  }
  process.stdout.write(format === 'json' ? JSON.stringify(graph, null, 2) + '\n' : format === 'dot' ? toDot(graph) : toMermaid(graph));
  return 0;
}
