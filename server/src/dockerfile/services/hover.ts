// Hover: teaches what is under the cursor, from the knowledge table, plus what this file makes of it
// (the command an image runs, where a variable comes from, which stage a name points to).
import type { Flag, Instruction, Span, VariableRef } from '../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../parser/model';
import {
  getDirectiveInfo,
  getFlagInfo,
  getInstructionInfo,
  getMountOption,
  getMountType,
  getPredefinedArg,
  getSignalInfo,
} from '../data';
import {
  codeBlock,
  directiveMarkdown,
  flagMarkdown,
  instructionMarkdown,
  mountOptionMarkdown,
  mountTypeMarkdown,
  predefinedArgMarkdown,
  signalMarkdown,
} from '../data/markdown';
import { effectiveCommand, formatArgv, runWith, type CommandValue, type EffectiveCommand } from './effectiveCommand';
import { imagePageUrl, parseImageRef, registryDisplayName } from './imageRef';
import { osLabel, type BaseImageLookup } from './baseImage';
import { stageBaseImage } from './stages';
import { baseImagesDate } from '../data/baseImages';
import { instructionNotes } from './instructionContext';
import { parseMountValue } from './mountOptions';
import { runCommandHover } from './runHover';
import { bindingAt, type VariableDeclaration } from './scopes';
import { t, type MessageKey } from '../../l10n';
import { inlineCode } from '../../common/markdown';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  span: Span;
}

const within = (span: Span | undefined, offset: number): span is Span => !!span && offset >= span.start && offset <= span.end;

/** The hover at `offset`. Errors are not swallowed here: the server's request wrapper logs them and answers empty. */
export function getHover(model: DockerfileModel, offset: number): HoverResult | undefined {
  for (const d of model.ast.directives) {
    if (within(d, offset)) {
      const info = getDirectiveInfo(d.name);
      if (!info) return undefined;
      let contents = directiveMarkdown(info);
      if (info.name === 'syntax' && within(d.valueSpan, offset)) contents = imageMarkdown(d.value, t('image.title.frontend')) + '\n\n---\n\n' + contents;
      return { contents, span: { start: d.start, end: d.end } };
    }
  }
  const top = model.instructionAt(offset);
  if (!top) return undefined;
  const ins = top.inner && offset >= top.inner.start ? top.inner : top;

  if (within(ins.keywordSpan, offset)) return { contents: keywordHover(model, top, ins), span: ins.keywordSpan };

  const variable = ins.variables.find((v) => within(v, offset)) ?? top.variables.find((v) => within(v, offset));
  if (variable) return { contents: variableHover(model, variable, offset), span: { start: variable.start, end: variable.end } };

  for (const flag of ins.flags) {
    if (within(flag, offset)) return flagHover(model, ins, flag, offset);
  }

  if (ins.keyword === 'RUN') {
    const inScript = runCommandHover(model, top, offset);
    if (inScript) return inScript;
  }

  if (ins.heredocs.some((h) => within(h.body, offset) && offset > h.body.start)) return undefined;

  const word = ins.args.find((w) => within(w, offset));
  switch (ins.keyword) {
    case 'FROM':
      return word ? fromArgHover(model, ins, word, offset) : undefined;
    case 'STOPSIGNAL': {
      const signal = word && getSignalInfo(word.value);
      return signal && word ? { contents: signalMarkdown(signal), span: word } : undefined;
    }
    case 'ARG': {
      const kv = ins.keyValues.find((k) => within(k.key, offset));
      const info = kv && getPredefinedArg(kv.key.value);
      return info && kv ? { contents: predefinedArgMarkdown(info), span: kv.key } : undefined;
    }
    case 'HEALTHCHECK':
      if (word && /^(cmd|none)$/i.test(word.value)) {
        const info = getInstructionInfo('HEALTHCHECK')!;
        const form = info.forms.find((f) => f.params.some((p) => p.label.toUpperCase() === word.value.toUpperCase()));
        const param = form?.params.find((p) => p.label.toUpperCase() === word.value.toUpperCase());
        return param ? { contents: `**HEALTHCHECK ${param.label}** \u2014 ${param.summary}\n\n${codeBlock(form!.example)}`, span: word } : undefined;
      }
      return undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Keywords

function keywordHover(model: DockerfileModel, top: Instruction, ins: Instruction): string {
  const info = getInstructionInfo(ins.keyword);
  if (!info) return t('hover.unknownInstruction', { keyword: `**${ins.keywordText}**` });
  if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && top === ins) {
    const stage = model.stageAt(ins.start);
    if (stage) return commandContext(model, stage, ins) + '\n\n---\n\n' + instructionMarkdown(info);
  }
  if (top !== ins) {
    return t('hover.onbuild', { trigger: `**ONBUILD ${ins.keyword}**` }) + '\n\n---\n\n' + instructionMarkdown(info);
  }
  const notes = instructionNotes(ins, model);
  return (notes.length ? notes.join('\n\n') + '\n\n---\n\n' : '') + instructionMarkdown(info);
}

const code = inlineCode;

function lineOf(ins: Instruction): string {
  return t('common.line', { line: ins.startLine + 1 });
}

function stageLabel(model: DockerfileModel, index: number): string {
  const s = model.stages[index];
  return s?.name ? t('common.stageNamed', { name: code(s.name) }) : t('common.stageIndex', { index });
}

function describeValue(model: DockerfileModel, what: 'ENTRYPOINT' | 'CMD', value: CommandValue): string {
  const o = value.origin;
  switch (o.kind) {
    case 'default':
      return t('run.notSet');
    case 'cleared':
      return t('run.cleared', { line: lineOf(o.by) });
    case 'image':
      return t('run.fromImage', { image: code(o.image), inspect: code(`docker image inspect ${o.image}`) });
    case 'base':
      return value.argv ? t('run.fromBase', { argv: code('[' + value.argv.map((w) => JSON.stringify(w)).join(', ') + ']'), image: code(o.image) }) : t('run.notSetByBase', { image: code(o.image) });
    case 'instruction': {
      const written = value.form === 'exec' ? code('[' + (value.written ?? []).map((w) => JSON.stringify(w)).join(', ') + ']') : code(value.written?.[0] ?? '');
      const where = value.inheritedFromStage !== undefined ? t('run.inherited', { stage: stageLabel(model, value.inheritedFromStage), line: lineOf(o.instruction) }) : lineOf(o.instruction);
      return t('run.written', { written, form: t(value.form === 'exec' ? 'run.form.exec' : 'run.form.shell'), where });
    }
  }
  return what;
}

/** Sample run arguments for the "docker run IMAGE <args>" line: the CMD with its file argument renamed (`app.py` → `x.py`). */
function sampleArguments(effective: EffectiveCommand): string[] {
  const words = effective.cmd.form === 'exec' ? effective.cmd.written ?? [] : [];
  const last = words[words.length - 1];
  const ext = last && /\.([A-Za-z0-9]+)$/.exec(last);
  if (ext) return effective.entrypoint.argv?.length ? ['x.' + ext[1]] : [...words.slice(0, -1), 'x.' + ext[1]];
  return effective.entrypoint.form === 'exec' ? ['--help'] : ['sh'];
}

function commandContext(model: DockerfileModel, stage: Stage, ins: Instruction): string {
  const eff = effectiveCommand(model, stage.index);
  if (!eff) return '';
  const lines: string[] = [];
  const title = stage.index === model.stages.length - 1 ? t('run.title') : t('run.titleStage', { stage: stageLabel(model, stage.index) });
  lines.push(`**${title}**`);
  const list: string[] = [];
  const known = stageBaseImage(model, stage);
  if (known.kind === 'known' && !known.facts.configUnknown) {
    const f = known.facts;
    const entrypoint = f.entrypoint ? t('run.baseEntrypoint', { argv: code(formatArgv(f.entrypoint)) }) : t('run.baseNoEntrypoint');
    const cmd = f.cmd ? t('run.baseCmd', { argv: code(formatArgv(f.cmd)) }) : t('run.baseNoCmd');
    list.push(t('run.baseSets', { image: code(known.reference), entrypoint, cmd, source: f.source }));
  } else if (known.kind === 'unknownTag') {
    list.push(t('run.unknownTag', { image: code(known.reference), repository: code(known.repository) }));
  }
  list.push(`ENTRYPOINT: ${describeValue(model, 'ENTRYPOINT', eff.entrypoint)}`);
  list.push(`CMD: ${describeValue(model, 'CMD', eff.cmd)}`);
  const run = '`docker run IMAGE`';
  const base = code(stage.base);
  if (eff.argv) {
    list.push(t('run.runs', { run, argv: code(formatArgv(eff.argv)) }));
  } else if (eff.unknown) {
    if (eff.cmd.origin.kind === 'instruction' && eff.cmd.argv) {
      list.push(t('run.runsUnlessEntrypoint', { run, argv: code(formatArgv(eff.cmd.argv)), base }));
    } else {
      list.push(t('run.runsLikeBase', { run, base }));
    }
  } else {
    list.push(t('run.nothing', { run }));
  }
  const sampleArgs = sampleArguments(eff);
  const runSample = code(`docker run IMAGE ${formatArgv(sampleArgs)}`);
  const withArgs = runWith(eff, { args: sampleArgs });
  if (withArgs.argumentsIgnored) {
    list.push(t('run.argsIgnored', { run: runSample, argv: code(formatArgv(withArgs.argv ?? [])) }));
  } else if (withArgs.argv) {
    list.push(t(eff.entrypoint.form === 'exec' ? 'run.argsAppended' : 'run.argsReplace', { run: runSample, argv: code(formatArgv(withArgs.argv)) }));
  } else if (eff.entrypoint.origin.kind === 'image') {
    list.push(t('run.argsDependOnBase', { run: runSample, base }));
  }
  const override = runWith(eff, { entrypoint: ['sh'] });
  list.push(t('run.entrypointOverride', { run: '`docker run --entrypoint sh IMAGE`', argv: code(formatArgv(override.argv ?? ['sh'])) }));
  list.push(t('run.compose'));
  lines.push(list.map((l) => '- ' + l).join('\n'));

  const warnings = [...eff.warnings];
  const same = ins.keyword === 'CMD' ? eff.cmdInstructions : eff.entrypointInstructions;
  const last = same[same.length - 1];
  if (last && last !== ins) {
    const generic = warnings.indexOf(t(ins.keyword === 'CMD' ? 'run.warn.manyCmd' : 'run.warn.manyEntrypoint', { count: same.length, line: lineOf(last) }));
    if (generic >= 0) warnings.splice(generic, 1);
    warnings.unshift(t('run.noEffect', { keyword: ins.keyword, line: lineOf(last) }));
  }
  if (warnings.length > 0) lines.push(warnings.map((w) => '\u26a0\ufe0f ' + w).join('\n\n'));
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Flags

function flagHover(model: DockerfileModel, ins: Instruction, flag: Flag, offset: number): HoverResult | undefined {
  const info = getFlagInfo(ins.keyword, flag.name);
  const flagSpan: Span = { start: flag.start, end: flag.nameSpan.end };
  if (!info) {
    return { contents: t('hover.notAFlag', { flag: `\`--${flag.name}\``, keyword: ins.keyword }), span: flagSpan };
  }
  if (flag.valueSpan && within(flag.valueSpan, offset) && flag.value !== undefined) {
    if (info.name === 'mount') {
      const mount = parseMountValue(text(model, flag.valueSpan), flag.valueSpan.start);
      const option = mount.options.find((o) => within(o, offset));
      if (option) {
        if (option.key.toLowerCase() === 'type') {
          const type = getMountType(option.value ?? '');
          if (type) return { contents: mountTypeMarkdown(type), span: option };
        } else {
          const type = getMountType(mount.type);
          const opt = getMountOption(mount.type, option.key);
          if (type && opt) {
            let contents = mountOptionMarkdown(type, opt);
            if (opt.name === 'from' && option.value) {
              const stage = model.stageByName(option.value);
              if (stage) contents = stageMarkdown(model, stage) + '\n\n---\n\n' + contents;
            }
            return { contents, span: option };
          }
          if (type) return { contents: t('hover.notAMountOption', { option: code(option.key), mount: `\`--mount=type=${type.type}\`` }) + '\n\n' + mountTypeMarkdown(type), span: option.keySpan };
        }
      }
    }
    if (info.name === 'from') {
      const stage = model.stageByName(flag.value);
      const current = model.stageAt(ins.start);
      if (stage && (!current || stage.index < current.index)) {
        return { contents: stageMarkdown(model, stage), span: flag.valueSpan };
      }
      if (/^\d+$/.test(flag.value) && model.stages[Number(flag.value)]) {
        return { contents: stageMarkdown(model, model.stages[Number(flag.value)]), span: flag.valueSpan };
      }
      return { contents: imageMarkdown(flag.value, t('image.title.image')), span: flag.valueSpan };
    }
    const value = info.values?.find((v) => v.value === flag.value);
    if (value) return { contents: `**--${info.name}=${value.value}** \u2014 ${value.summary}\n\n---\n\n` + flagMarkdown(ins.keyword, info), span: flag.valueSpan };
  }
  return { contents: flagMarkdown(ins.keyword, info), span: flagSpan };
}

function text(model: DockerfileModel, span: Span): string {
  return model.ast.source.slice(span.start, span.end);
}

// ---------------------------------------------------------------------------------------------
// FROM, stages, images

function fromArgHover(model: DockerfileModel, ins: Instruction, word: { value: string } & Span, offset: number): HoverResult | undefined {
  const stage = model.stageAt(ins.start);
  if (!stage) return undefined;
  if (within(stage.nameSpan, offset)) {
    const users = model.stages.filter((s) => s.baseStage === stage.index).map((s) => lineOf(s.from));
    const copies = (stageCopies(model).get(stage.index) ?? []).map(lineOf);
    const parts = [t('hover.stage.title', { name: `**${t('hover.stage.heading', { name: code(stage.name ?? '') })}**`, index: stage.index, base: code(stage.base) })];
    if (users.length) parts.push(t('hover.stage.usedBy', { lines: users.join(', ') }));
    if (copies.length) parts.push(t('hover.stage.copiedFrom', { lines: copies.join(', ') }));
    if (!users.length && !copies.length && stage.index !== model.stages.length - 1) {
      parts.push(t('hover.stage.unused', { command: '`docker build --target ' + stage.name + '`' }));
    }
    parts.push(t('hover.stage.buildIt', { command: '`docker build --target ' + stage.name + ' .`' }));
    return { contents: parts.join('\n\n'), span: stage.nameSpan };
  }
  if (within(stage.baseSpan, offset)) {
    if (stage.baseStage !== undefined) return { contents: stageMarkdown(model, model.stages[stage.baseStage]), span: stage.baseSpan };
    const facts = baseImageMarkdown(stageBaseImage(model, stage));
    return { contents: imageMarkdown(stage.base, t('image.title.base'), model, ins.start) + (facts ? '\n\n---\n\n' + facts : ''), span: stage.baseSpan };
  }
  if (/^as$/i.test(word.value)) return { contents: t('hover.as'), span: word };
  return undefined;
}

const COPIES = derivedKey<Map<number, Instruction[]>>('stageCopies');

/** For each stage, the instructions that read from it with `--from=` (COPY, ADD, RUN --mount from=); computed once per model. */
function stageCopies(model: DockerfileModel): Map<number, Instruction[]> {
  return model.derived(COPIES, readCopies);
}

function readCopies(model: DockerfileModel): Map<number, Instruction[]> {
  const map = new Map<number, Instruction[]>();
  for (const s of model.stages) {
    for (const i of s.instructions) {
      const names = i.flags.flatMap((f) => {
        const n = f.name.toLowerCase();
        if (n === 'from' && f.value) return [f.value];
        if (n === 'mount' && f.valueSpan) {
          const from = parseMountValue(text(model, f.valueSpan), f.valueSpan.start).options.find((o) => o.key.toLowerCase() === 'from');
          return from?.value ? [from.value] : [];
        }
        return [];
      });
      for (const name of names) {
        const target = model.stageByName(name);
        if (target && target.index < s.index) {
          const list = map.get(target.index) ?? [];
          if (!list.includes(i)) list.push(i);
          map.set(target.index, list);
        }
      }
    }
  }
  return map;
}

function stageMarkdown(model: DockerfileModel, stage: Stage): string {
  const fromLine = stage.from.original || text(model, stage.from);
  const heading = `**${t('hover.stage.heading', { name: stage.name ? code(stage.name) : stage.index })}**`;
  return `${t('hover.stage.brief', { heading, stage: t('common.stageIndex', { index: stage.index }), line: lineOf(stage.from) })}\n\n${codeBlock(fromLine)}`;
}

function expandDefaults(value: string, model: DockerfileModel, at: number): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, fallback, plain) => {
    const name = braced ?? plain;
    const v = bindingAt(model, name, at).value;
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined && /:?-/.test(whole)) return fallback;
    return whole;
  });
}

function imageMarkdown(reference: string, title: string, model?: DockerfileModel, at?: number): string {
  const parts: string[] = [];
  let shown = reference;
  if (reference.includes('$') && model && at !== undefined) {
    const expanded = expandDefaults(reference, model, at);
    if (expanded !== reference) {
      parts.push(t('image.withDefaults', { image: code(expanded) }));
      shown = expanded;
    } else {
      parts.push(t('image.unknownArgs'));
    }
  }
  if (shown.toLowerCase() === 'scratch') {
    return `**${title}: \`scratch\`** \u2014 ${t('image.scratch')}`;
  }
  const ref = parseImageRef(shown);
  const rows = [
    `| ${t('image.row.registry')} | ${code(ref.registry?.text ?? ref.domain)}${ref.registry ? '' : t('image.dockerHubDefault')} |`,
    `| ${t('image.row.repository')} | ${code(ref.repository)}${ref.official ? t('image.official') : ''} |`,
  ];
  if (ref.effectiveTag) rows.push(`| ${t('image.row.tag')} | ${code(ref.effectiveTag)}${ref.tagImplicit ? t('image.tagImplicit') : ''} |`);
  if (ref.digest) rows.push(`| ${t('image.row.digest')} | ${code(ref.digest.text)} |`);
  const table = `| ${t('image.table.part')} | ${t('image.table.value')} |\n| --- | --- |\n` + rows.join('\n');
  const notes: string[] = [];
  if (ref.tagImplicit) notes.push('\u26a0\ufe0f ' + t('image.noTag'));
  if (ref.digest) notes.push(t('image.digestPins'));
  const page = imagePageUrl(ref);
  if (page) notes.push(`[${t('image.page', { registry: registryDisplayName(ref) })}](${page})`);
  return [`**${title}** ${code(reference)}`, ...parts, table, ...notes].join('\n\n');
}

/** What the table knows of a base image: OS, package manager, user, what it runs, its tag family. */
export function baseImageMarkdown(lookup: BaseImageLookup): string | undefined {
  if (lookup.kind === 'unknownTag') {
    if (lookup.retired) return '\u26a0\ufe0f ' + t('baseImage.retired', { repository: code(lookup.repository), date: lookup.retired });
    return '\u26a0\ufe0f ' + t('baseImage.unknownTag', { tag: code(lookup.tag), repository: code(lookup.repository), date: baseImagesDate });
  }
  if (lookup.kind !== 'known') return undefined;
  const f = lookup.facts;
  const rows: string[] = [];
  const os = osLabel(f);
  if (os) rows.push(`| ${t('baseImage.row.system')} | ${os} |`);
  rows.push(`| ${t('baseImage.row.packageManager')} | ${f.packageManager ? code(f.packageManager) : t('baseImage.none')} |`);
  const shell = f.hasShell ? '`/bin/sh`' : f.windows ? (f.shell ? code(f.shell[0]) : '`cmd`') + t('baseImage.noBinSh') : t('baseImage.noShell');
  rows.push(`| ${t('baseImage.row.shell')} | ${shell} |`);
  rows.push(`| ${t('baseImage.row.user')} | ${f.user ? code(f.user) : '`root`'} |`);
  if (f.workdir) rows.push(`| WORKDIR | ${code(f.workdir)} |`);
  if (!f.configUnknown) {
    rows.push(`| ENTRYPOINT | ${f.entrypoint ? code(formatArgv(f.entrypoint)) : t('run.notSet')} |`);
    rows.push(`| CMD | ${f.cmd ? code(formatArgv(f.cmd)) : t('run.notSet')} |`);
  }
  if (f.expose.length) rows.push(`| ${t('baseImage.row.exposes')} | ${f.expose.map(code).join(', ')} |`);
  if (f.stopsignal) rows.push(`| ${t('baseImage.row.stopSignal')} | ${code(f.stopsignal)} |`);
  if (f.from) rows.push(`| ${t('baseImage.row.builtFrom')} | ${code(f.from)} |`);
  const others = f.family.filter((tag) => tag !== f.tag);
  const tags = others.slice(0, 8).map(code).join(t('baseImage.listSeparator')) + (others.length > 8 ? t('baseImage.listSeparator') + '\u2026' : '');
  const family = others.length ? t('baseImage.family', { tags }) : '';
  const notes: string[] = [];
  if (lookup.prerelease) notes.push('\u26a0\ufe0f ' + t('baseImage.prerelease', { tag: code(f.tag) }));
  const title = t('baseImage.title', { image: code(lookup.reference), source: f.source, date: baseImagesDate });
  return [title, '| | |\n| --- | --- |\n' + rows.join('\n'), family, ...notes]
    .filter(Boolean)
    .join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Variables

function declarationLine(d: VariableDeclaration): string {
  return codeBlock(d.instruction.original || `${d.kind.toUpperCase()} ${d.name}`);
}

function variableHover(model: DockerfileModel, v: VariableRef, offset: number): string {
  // The binding of the reference itself (the cursor may be on `$`, `{` or the modifier).
  const b = bindingAt(model, v.name, v.nameSpan.start);
  const head = `**\`$${v.name}\`**`;
  const modifierNote =
    v.modifier && v.modifierValue !== undefined
      ? `\n\n\`${v.modifier}${v.modifierValue}\`: ${modifierMeaning(v.modifier, v.modifierValue)}`
      : '';
  const predefined = b.predefined ? '\n\n---\n\n' + predefinedArgMarkdown(b.predefined) : '';
  if (b.declaration) {
    const d = b.declaration;
    const scope = d.stage === undefined ? t('hover.var.globalArg') : d.kind === 'env' ? 'ENV' : t('hover.var.buildArg');
    const where = d.stage !== undefined && model.stageAt(offset)?.index !== d.stage ? t('hover.var.inStage', { stage: stageLabel(model, d.stage) }) : '';
    let value: string;
    if (d.value !== undefined) value = t(d.kind === 'env' ? 'hover.var.value' : 'hover.var.default', { value: code(d.value) });
    else if (b.defaultFrom?.value !== undefined) {
      const from = b.defaultFrom;
      value =
        from.stage === undefined
          ? t('hover.var.defaultFromGlobal', { line: lineOf(from.instruction), value: code(from.value!) })
          : t('hover.var.keepsValue', { line: lineOf(from.instruction), value: code(from.value!) });
    } else value = t('hover.var.noDefault', { flag: '`--build-arg ' + v.name + '=...`' });
    const extra = d.kind === 'arg' ? ' ' + t('hover.var.override', { command: `\`docker build --build-arg ${v.name}=...\`` }) : '';
    const declared = t(d.onbuild ? 'hover.var.declaredOnbuild' : 'hover.var.declared', { scope, line: lineOf(d.instruction), where });
    return `${head} \u2014 ${declared}\n\n${declarationLine(d)}\n\n${value}${t('hover.var.stop')}${extra}${modifierNote}${predefined}`;
  }
  if (b.hiddenGlobal) {
    return (
      `${head} \u2014 \u26a0\ufe0f ${t('hover.var.hiddenGlobal', { line: lineOf(b.hiddenGlobal.instruction), arg: `\`ARG ${v.name}\`` })}${modifierNote}${predefined}`
    );
  }
  if (b.predefined) return predefinedArgMarkdown(b.predefined) + modifierNote;
  return (
    `${head} \u2014 ${t('hover.var.undeclared')}${modifierNote}`
  );
}

function modifierMeaning(modifier: string, word: string): string {
  const key = MODIFIER_MEANINGS[modifier];
  return key ? t(key, { word: code(word) }) : '';
}

const MODIFIER_MEANINGS: Record<string, MessageKey> = {
  ':-': 'var.modifier.defaultUnsetOrEmpty',
  '-': 'var.modifier.defaultUnset',
  ':+': 'var.modifier.alternateNotEmpty',
  '+': 'var.modifier.alternateSet',
  ':?': 'var.modifier.errorUnsetOrEmpty',
  '?': 'var.modifier.errorUnset',
  '#': 'var.modifier.shortestPrefix',
  '##': 'var.modifier.longestPrefix',
  '%': 'var.modifier.shortestSuffix',
  '%%': 'var.modifier.longestSuffix',
  '/': 'var.modifier.replaceFirst',
  '//': 'var.modifier.replaceEvery',
};
