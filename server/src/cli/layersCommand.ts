// `docklens layers [--format json|text] [--target NAME] FILE|-`
import { parseDocument } from '../dockerfile/parser/model';
import { computeLayers, type ImageLayers } from '../dockerfile/services/layers';
import { maxSizeOption, parseOptions, readInput, UsageError } from './io';
import { t, tn } from '../l10n';
import { choices } from './choices';

export function layersCommand(argv: string[]): number {
  const { options, positional } = parseOptions(argv, ['format', 'target']);
  const format = options.format ?? 'text';
  if (positional.length !== 1) throw new UsageError(t('cli.error.needsOneFile', { command: 'layers' }));
  if (format !== 'json' && format !== 'text') throw new UsageError(t('cli.error.unknownFormat', { value: format, choices: choices('json', 'text') }));
  const model = parseDocument(readInput(positional[0], maxSizeOption(options)));
  const image = computeLayers(model, options.target);
  if (image.targetError) {
    process.stderr.write(`docklens layers: ${image.targetError}\n`);
    return 1;
  }
  process.stdout.write(format === 'json' ? layersJson(image) + '\n' : layersTable(image));
  return 0;
}

/**
 * The documented JSON shape, keys in this order. `name` is the stage's `AS` name or null; `label` is how
 * every view spells it ("build", "stage 0"). A stage's `layers` are its own (what its instructions
 * add); `finalLayers` adds the layers carried through `FROM <stage>` chains down to the external base.
 */
export function layersJson(image: ImageLayers): string {
  return JSON.stringify({
    stages: image.stages.map((s) => ({ name: s.name ?? null, label: s.label, line: s.line + 1, base: s.base, layers: s.own.length, final: s.final })),
    finalLayers: image.finalLayers,
  });
}

export function layersTable(image: ImageLayers): string {
  const header = ['stage', 'line', 'base', 'own', 'layers', 'role'];
  const rows = image.stages.map((s) => [
    s.label,
    String(s.line + 1),
    s.baseKind === 'stage' ? `${s.base} (stage)` : s.baseKind === 'scratch' ? 'scratch' : `${s.base} (image)`,
    String(s.own.length),
    String(s.total),
    s.final ? 'final' : s.usedBy.length === 0 ? 'unused' : `used by ${[...new Set(s.usedBy.map((u) => image.stages[u.stage].label))].join(', ')}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd() + '\n';
  let out = line(header) + rows.map(line).join('');
  const final = image.finalStage !== undefined ? image.stages[image.finalStage] : undefined;
  if (final) out += `\n${t('layers.finalImage', { base: final.rootBase, layers: tn('layers.count', image.finalLayers) })}\n`;
  else out += '\nno stages\n';
  return out;
}
