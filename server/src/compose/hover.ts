// Hover: every key's description and type from the schema, and plain-words explanations of the
// values people trip over: command/entrypoint against the Dockerfile, port mappings, volumes.
import type { Hover, Position } from 'vscode-languageserver-types';
import * as posix from 'node:path/posix';
import {
  isScalar,
  isSeq,
  lookupPair,
  nodeAtOffset,
  resolveNode,
  schemaPathOf,
  spanOf,
  type ComposeModel,
  type Node,
  type ServiceEntry,
  type YamlPath,
  type YAMLMap,
} from './model';
import { describeAt, schemasAt } from './schema';
import { typeInWords } from './typeWords';
import { loadDockerfile, type ComposeContext } from './dockerfiles';
import {
  effectiveComposeCommand,
  formatArgv,
  type CommandValue,
  type ComposeCommandValue,
} from '../dockerfile/services/effectiveCommand';
import { interpolateKnown, parsePortMapping, parseShortVolume } from './values';
import { reportInternalError } from './errors';
import { imagePageUrl, parseImageRef, registryDisplayName } from '../dockerfile/services/imageRef';
import { parseDocument } from '../dockerfile/parser/model';
import { baseImageMarkdown } from '../dockerfile/services/hover';
import { lookupBaseImage } from '../dockerfile/services/baseImage';
import { inlineCode } from '../common/markdown';
import { mergedCommand, mergedService, originOf, originText, serviceBuild } from './project/mergedService';
import { mergedServiceMarkdown } from './project/serviceHover';
import { t } from '../l10n';

export function composeHover(model: ComposeModel, position: Position, ctx?: ComposeContext): Hover | null {
  try {
    const offset = model.lines.offsetAt(position);
    const hit = nodeAtOffset(model.doc, offset);
    if (!hit.node || !hit.node.range || hit.path.length === 0) return null;
    const span = spanOf(hit.node);
    // Keys inside an anchored `x-` block are described where the block is merged in.
    const path = schemaPathOf(model, hit.path);
    const markdown = hit.onKey ? keyHover(model, path, ctx) : valueHover(model, path, hit.node, ctx);
    if (!markdown) return null;
    return { contents: { kind: 'markdown', value: markdown }, range: model.lines.rangeOf(span) };
  } catch (error) {
    reportInternalError('hover', error);
    return null;
  }
}

/** The schema path for a document path: inside `services`, the service name matches the pattern. */
function keyHover(model: ComposeModel, path: YamlPath, ctx: ComposeContext | undefined): string | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'string' && last.startsWith('x-')) {
    return `**${last}** — ${t('composeHover.extensionField')}\n\n${t('composeHover.extension')}`;
  }
  if (last === '<<') return `**<<** — ${t('composeHover.mergeKey')}\n\n${t('composeHover.merge')}`;
  const service = path[0] === 'services' && typeof path[1] === 'string' ? model.serviceByName.get(path[1]) : undefined;
  if (path.length === 2 && path[0] === 'services' && service) return serviceHover(model, service.name, ctx);
  if (path.length === 4 && service && path[2] === 'depends_on' && typeof last === 'string') {
    if (knownService(model, last, ctx)) return serviceHover(model, last, ctx);
  }
  if (path.length === 3 && service && (last === 'command' || last === 'entrypoint')) {
    return commandHover(model, service, last, ctx);
  }
  const description = describeAt(path);
  const schemas = schemasAt(path);
  if (!description && schemas.length === 0) return undefined;
  const type = schemas.length > 0 ? typeInWords(schemas[0]) : undefined;
  const lines = [`**${String(last)}**${type ? ` — ${type}` : ''}`];
  if (description) lines.push('', description);
  if (schemas.some((s) => s.deprecated)) lines.push('', t('composeHover.deprecated'));
  return lines.join('\n');
}

function valueHover(model: ComposeModel, path: YamlPath, node: Node, ctx: ComposeContext | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const service = path[0] === 'services' && typeof path[1] === 'string' ? model.serviceByName.get(path[1]) : undefined;
  if (!service) return undefined;
  const field = path[2];
  const text = node.value === null || node.value === undefined ? '' : String(node.value);
  if (field === 'image' && path.length === 3) return imageHover(text, model, service);
  if (field === 'ports' && path.length === 4) return portHover(text);
  if (field === 'volumes' && path.length === 4) return volumeHover(model, text, ctx);
  if ((field === 'command' || field === 'entrypoint') && path.length >= 3) return commandHover(model, service, field, ctx);
  if ((field === 'depends_on' || field === 'links') && path.length === 4) {
    const target = text.split(':')[0];
    return knownService(model, target, ctx) ? serviceHover(model, target, ctx) : undefined;
  }
  return undefined;
}

/** A service this file or, with a project, any file of the project defines. */
function knownService(model: ComposeModel, name: string, ctx: ComposeContext | undefined): boolean {
  return model.serviceByName.has(name) || !!ctx?.project?.serviceNames.has(name);
}

function serviceHover(model: ComposeModel, name: string, ctx: ComposeContext | undefined): string {
  const service = model.serviceByName.get(name);
  const lines = [`**${name}** — ${t('composeHover.service')}`];
  const merged = ctx?.project ? mergedService(ctx.project.resolved, name) : undefined;
  const image = merged ? (typeof merged.raw.image === 'string' ? merged.raw.image : undefined) : service?.map && scalarField(model, service.map, 'image');
  if (image) lines.push('', t('composeHover.runsImage', { image: inlineCode(image) }));
  const info = ctx && service ? serviceBuild(model, service, ctx) : undefined;
  if (info) {
    const where =
      info.inline !== undefined
        ? t('composeHover.anInlineDockerfile')
        : t('composeHover.dockerfileInContext', { dockerfile: inlineCode(info.dockerfile), context: inlineCode(info.context) });
    lines.push('', info.target ? t('composeHover.buildsStage', { where, stage: inlineCode(info.target) }) : t('composeHover.builds', { where }));
  }
  const definition = ctx?.project && mergedServiceMarkdown(ctx.project, name);
  if (definition) lines.push('', '---', '', definition);
  return lines.join('\n');
}

function scalarField(model: ComposeModel, map: YAMLMap, key: string): string | undefined {
  const pair = lookupPair(model, map, key);
  const v = pair && resolveNode(model, pair.value as Node | null);
  return isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

/** The service's `command:`/`entrypoint:` as Compose reads them; undefined when absent. */
function overrideValue(model: ComposeModel, service: ServiceEntry, key: string): ComposeCommandValue {
  if (!service.map) return undefined;
  const pair = lookupPair(model, service.map, key);
  if (!pair) return undefined;
  const v = resolveNode(model, pair.value as Node | null);
  if (!v || (isScalar(v) && v.value === null)) return null;
  if (isScalar(v)) return String(v.value);
  if (isSeq(v)) return v.items.map((i) => String(isScalar(i) ? i.value : ''));
  return undefined;
}

const COMMAND_TEXT = {
  get command() {
    return [t('composeHover.command')];
  },
  get entrypoint() {
    return [t('composeHover.entrypoint')];
  },
};

function shown(value: CommandValue, baseImage: string): string {
  switch (value.origin.kind) {
    case 'instruction':
      return (
        inlineCode(formatArgv(value.argv ?? [])) +
        (value.form === 'shell' ? t('composeHover.shellForm') : '') +
        ` — ${t('common.line', { line: value.origin.instruction.startLine + 1 })}`
      );
    case 'cleared':
      return t('composeHover.cleared', { line: t('common.line', { line: value.origin.by.startLine + 1 }) });
    case 'image':
      return t('composeHover.inheritedFromImage', { image: inlineCode(value.origin.image || baseImage) });
    case 'base':
      return value.argv
        ? t('composeHover.fromBase', { argv: inlineCode(formatArgv(value.argv)), image: inlineCode(value.origin.image) })
        : t('composeHover.notSetByBase', { image: inlineCode(value.origin.image) });
    default:
      return t('run.notSet');
  }
}

/** command/entrypoint/image of the service as the project merges them (this file's when there is no project). */
function serviceSettings(model: ComposeModel, service: ServiceEntry, ctx: ComposeContext | undefined) {
  const merged = ctx?.project ? mergedService(ctx.project.resolved, service.name) : undefined;
  if (!merged) {
    return {
      merged,
      command: overrideValue(model, service, 'command'),
      entrypoint: overrideValue(model, service, 'entrypoint'),
      image: service.map && scalarField(model, service.map, 'image'),
    };
  }
  return {
    merged,
    command: mergedCommand(merged, 'command'),
    entrypoint: mergedCommand(merged, 'entrypoint'),
    image: typeof merged.raw.image === 'string' ? merged.raw.image : undefined,
  };
}

/** What the project does with this file's `command:`/`entrypoint:` (replaced by a later file, removed). */
function projectNote(model: ComposeModel, service: ServiceEntry, key: 'command' | 'entrypoint', ctx: ComposeContext | undefined): string | undefined {
  const project = ctx?.project?.resolved;
  if (!ctx || !project || !project.loaded.files.has(ctx.path) || !mergedService(project, service.name)) return undefined;
  const local = overrideValue(model, service, key) !== undefined;
  const value = (mergedService(project, service.name) as { raw: Record<string, unknown> }).raw[key];
  if (value === undefined) return local ? t('compose.command.removed', { key }) : undefined;
  const origin = originOf(project, 'services', service.name, key);
  if (!origin || origin.file === ctx.path) return undefined;
  return t(local ? 'compose.command.replacedBy' : 'compose.command.fromProject', { key, where: inlineCode(originText(project, origin) ?? origin.file) });
}

function commandHover(model: ComposeModel, service: ServiceEntry, key: 'command' | 'entrypoint', ctx: ComposeContext | undefined): string {
  const lines = [`**${key}** — ${typeInWords(schemasAt(['services', service.name, key])[0])}`, '', ...COMMAND_TEXT[key]];
  lines.push('', t('composeHover.commandWords'));
  const note = projectNote(model, service, key, ctx);
  if (note) lines.push('', note);
  const settings = serviceSettings(model, service, ctx);
  const info = ctx ? serviceBuild(model, service, ctx) : undefined;
  const dockerfile = ctx && info ? loadDockerfile(ctx, info) : undefined;
  if (!info || !dockerfile) return lines.concat(knownImageRun(settings)).join('\n');
  const result = effectiveComposeCommand(dockerfile, {
    command: settings.command,
    entrypoint: settings.entrypoint,
    target: info.target,
  });
  if (!result) {
    const dockerfileName = info.inline !== undefined ? t('frag.compose.inlineDockerfile') : inlineCode(info.dockerfile);
    if (info.target !== undefined) lines.push('', t('composeHover.unknownTarget', { target: inlineCode(info.target), dockerfile: dockerfileName }));
    return lines.join('\n');
  }
  const { effective, run } = result;
  const base = dockerfile.stages[effective.stage]?.base ?? '';
  const name = info.inline !== undefined ? t('frag.compose.inlineDockerfile') : inlineCode(info.dockerfile);
  lines.push('', info.target ? t('composeHover.inDockerfileStage', { dockerfile: name, stage: inlineCode(info.target) }) : t('composeHover.inDockerfile', { dockerfile: name }), '');
  lines.push(`- ENTRYPOINT: ${shown(effective.entrypoint, base)}`);
  lines.push(`- CMD: ${shown(effective.cmd, base)}`);
  lines.push('');
  if (run.argv) {
    lines.push(t('composeHover.containerRuns', { argv: inlineCode(formatArgv(run.argv)) }));
  } else if (run.unknown) {
    const known = [...(run.entrypoint ?? []), ...(run.command ?? [])];
    const key = settings.entrypoint === undefined ? 'composeHover.runsBaseEntrypoint' : 'composeHover.runsBaseSettings';
    lines.push(known.length ? t(`${key}With`, { argv: inlineCode(formatArgv(known)) }) : t(key));
  } else {
    lines.push(t('composeHover.noCommand'));
  }
  if (run.argumentsIgnored) lines.push('', t('composeHover.argumentsIgnored'));
  return lines.join('\n');
}

/** For a service that runs a known image (data/baseImages.json): what that image sets, and what runs. */
function knownImageRun(settings: { image?: string; command: ComposeCommandValue; entrypoint: ComposeCommandValue }): string[] {
  const image = settings.image;
  if (!image || image.includes('$') || image.includes('\n')) return [];
  const result = effectiveComposeCommand(parseDocument(`FROM ${image}\n`), { command: settings.command, entrypoint: settings.entrypoint });
  if (!result || result.effective.entrypoint.origin.kind !== 'base') return [];
  const { effective, run } = result;
  const lines = ['', t('composeHover.imageSets', { image: inlineCode(image) }), '', `- ENTRYPOINT: ${shown(effective.entrypoint, image)}`, `- CMD: ${shown(effective.cmd, image)}`, ''];
  if (run.argv) lines.push(t('composeHover.containerRuns', { argv: inlineCode(formatArgv(run.argv)) }));
  else lines.push(t('composeHover.noCommand'));
  return lines;
}

function imageHover(text: string, model: ComposeModel, service: ServiceEntry): string {
  const ref = parseImageRef(text);
  const lines = [`**${text}** — ${t('composeHover.image')}`, ''];
  const row = (name: string, value: string, note = '') => `- ${name}${t('composeHover.rowSeparator')}${inlineCode(value)}${note}`;
  lines.push(row(t('image.row.registry'), ref.registry?.text ?? ref.domain, ref.registry ? '' : t('composeHover.dockerHubDefault')));
  lines.push(row(t('image.row.repository'), ref.repository, ref.official ? t('composeHover.official') : ''));
  if (ref.digest) lines.push(row(t('image.row.digest'), ref.digest.text, t('composeHover.digestPinned')));
  if (ref.effectiveTag) lines.push(row(t('image.row.tag'), ref.effectiveTag, ref.tagImplicit ? t('composeHover.tagAssumed') : ''));
  if (ref.hasVariables) lines.push('', t('composeHover.imageVariables'));
  const hasBuild = !!service.map && !!lookupPair(model, service.map, 'build');
  if (hasBuild) lines.push('', t('composeHover.imageWithBuild'));
  const url = imagePageUrl(ref);
  if (url) lines.push('', `[${t('image.page', { registry: registryDisplayName(ref) })}](${url})`);
  const known = ref.hasVariables ? undefined : baseImageMarkdown(lookupBaseImage(text));
  if (known) lines.push('', '---', '', known);
  return lines.join('\n');
}

function portHover(text: string): string {
  const value = interpolateKnown(text) ?? text;
  const p = parsePortMapping(value);
  const protocol = (p.protocol ?? 'tcp').toUpperCase();
  const lines = [`**${t('composeHover.portMapping')}** ${inlineCode(text)} — \`[IP:][HOST:]CONTAINER[/PROTOCOL]\``, ''];
  if (p.host === undefined || p.host === '') {
    lines.push(t('composeHover.portRandom', { container: p.container, protocol, command: inlineCode(`docker compose port <service> ${p.container.split('-')[0]}`) }));
  } else {
    lines.push(t('composeHover.portMapped', { host: p.host, container: p.container, protocol }));
  }
  const local = p.ip === '127.0.0.1' || p.ip === '::1';
  lines.push('', p.ip ? t(local ? 'composeHover.portBoundLocal' : 'composeHover.portBound', { ip: inlineCode(p.ip) }) : t('composeHover.portBoundAll'));
  if (!p.protocol) lines.push('', t('composeHover.portProtocol'));
  if (text !== value) lines.push('', t('composeHover.withDefaults', { value: inlineCode(value) }));
  return lines.join('\n');
}

function volumeHover(model: ComposeModel, text: string, ctx: ComposeContext | undefined): string {
  const v = parseShortVolume(text);
  const mode = v.mode ? t(v.mode.split(',').includes('ro') ? 'composeHover.modeReadOnly' : 'composeHover.mode', { mode: inlineCode(v.mode) }) : '';
  const target = inlineCode(v.target);
  if (v.kind === 'anonymous') {
    return `${t('composeHover.anonymousVolume', { target })}\n\n${t('composeHover.anonymous')}`;
  }
  if (v.kind === 'bind') {
    const abs = ctx && v.source && !v.source.startsWith('$') && !v.source.startsWith('~') ? posix.resolve(posix.dirname(ctx.path), v.source) : undefined;
    const bind = abs ? t('composeHover.bindAt', { path: inlineCode(abs), target }) : t('composeHover.bind', { target });
    return `**${t('composeHover.bindMount')}** ${inlineCode(v.source ?? '')} → ${target}\n\n${bind}${mode}`;
  }
  const declared = model.declared.volumes.some((d) => d.name === v.source);
  return (
    `**${t('composeHover.namedVolume')}** ${inlineCode(v.source ?? '')} → ${target}\n\n` +
    t('composeHover.named') +
    t(declared ? 'composeHover.namedDeclared' : 'composeHover.namedUndeclared') +
    mode +
    '\n\n' +
    t('composeHover.namedNotBind')
  );
}

