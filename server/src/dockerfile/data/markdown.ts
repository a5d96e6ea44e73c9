// Markdown renderings of the knowledge tables, shared by hover, completion documentation and signature help.
import type { DirectiveInfo, FlagInfo, InstructionInfo, LayerEffect, MountOptionInfo, MountTypeInfo, PredefinedArgInfo, SignalInfo } from './types';
import { referenceUrl } from './types';

const layerBadge: Record<LayerEffect, string> = {
  layer: '**Adds a layer.**',
  conditional: '**Adds a layer only when it creates the directory.**',
  metadata: '**No layer** (image metadata only).',
  base: '**Starts from the base image\u2019s layers.**',
};

export function codeBlock(code: string): string {
  return '```dockerfile\n' + code + '\n```';
}

function traps(list: readonly string[] | undefined): string {
  if (!list || list.length === 0) return '';
  return '**Watch out**\n\n' + list.map((t) => '- ' + t).join('\n');
}

function link(anchor: string, text = 'Dockerfile reference'): string {
  return `[${text}](${referenceUrl(anchor)})`;
}

/** A short list of an instruction's flags, for hover and the `[OPTIONS]` parameter of signature help. */
export function flagList(flags: readonly FlagInfo[]): string {
  return flags.map((f) => `- \`--${f.name}${f.valueHint ? '=' + f.valueHint : ''}\` ${firstSentence(f.summary)}`).join('\n');
}

export function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/s.exec(text);
  return m ? m[1] : text;
}

export function instructionMarkdown(info: InstructionInfo, options: { traps?: boolean } = {}): string {
  const parts: string[] = [`**${info.keyword}** \u2014 ${info.summary}`];
  if (info.deprecated) parts.push(`*Deprecated.* ${info.deprecated}`);
  if (info.details) parts.push(info.details);
  const forms = info.forms
    .map((f) => `*${f.name}*${f.note ? ' \u2014 ' + f.note : ''}\n${codeBlock(f.example)}`)
    .join('\n\n');
  parts.push(forms);
  parts.push(`${layerBadge[info.layer]} ${info.layerNote}`);
  if (info.flags.length > 0) parts.push('**Flags**\n\n' + flagList(info.flags));
  if (options.traps !== false) {
    const t = traps(info.traps);
    if (t) parts.push(t);
  }
  parts.push(link(info.anchor));
  return parts.join('\n\n');
}

export function flagMarkdown(keyword: string, flag: FlagInfo): string {
  const parts = [`**${keyword} --${flag.name}**${flag.valueHint ? ` \`=${flag.valueHint}\`` : ''}`, flag.summary];
  if (flag.values) parts.push(flag.values.map((v) => `- \`${v.value}\`: ${v.summary}`).join('\n'));
  const facts: string[] = [];
  if (flag.defaultValue) facts.push(`Default: \`${flag.defaultValue}\`.`);
  if (flag.repeatable) facts.push('May be repeated.');
  if (flag.since) facts.push(`Needs Dockerfile syntax ${flag.since}.`);
  if (facts.length) parts.push(facts.join(' '));
  parts.push(codeBlock(flag.example));
  const t = traps(flag.traps);
  if (t) parts.push(t);
  parts.push(link(flag.anchor));
  return parts.join('\n\n');
}

export function mountTypeMarkdown(mount: MountTypeInfo): string {
  const options = mount.options
    .map((o) => `- \`${[o.name, ...(o.aliases ?? [])].join('`/`')}\`${o.required ? ' (required)' : ''}: ${firstSentence(o.summary)}`)
    .join('\n');
  return [
    `**RUN --mount=type=${mount.type}**`,
    mount.summary,
    codeBlock(mount.example),
    '**Options**\n\n' + options,
    link(mount.anchor),
  ].join('\n\n');
}

export function mountOptionMarkdown(mount: MountTypeInfo, option: MountOptionInfo): string {
  const names = [option.name, ...(option.aliases ?? [])].map((n) => `\`${n}\``).join(' / ');
  const parts = [`**${names}** \u2014 option of \`--mount=type=${mount.type}\``, option.summary];
  if (option.values) parts.push(option.values.map((v) => `- \`${v.value}\`: ${v.summary}`).join('\n'));
  const facts: string[] = [];
  if (option.required) facts.push('Required.');
  if (option.defaultValue) facts.push(`Default: \`${option.defaultValue}\`.`);
  if (option.valueHint) facts.push(`Value: \`${option.valueHint}\`.`);
  if (option.bare) facts.push('May be written without a value.');
  if (facts.length) parts.push(facts.join(' '));
  parts.push(link(mount.anchor));
  return parts.join('\n\n');
}

export function directiveMarkdown(d: DirectiveInfo): string {
  const parts = [`**# ${d.name}=** \u2014 parser directive`, d.summary, codeBlock(d.example)];
  if (d.values) parts.push(d.values.map((v) => `- \`${v.value}\`: ${v.summary}`).join('\n'));
  const t = traps(d.traps);
  if (t) parts.push(t);
  parts.push(link(d.anchor));
  return parts.join('\n\n');
}

export function predefinedArgMarkdown(a: PredefinedArgInfo): string {
  const parts = [`**${a.name}** \u2014 predefined build argument`, a.summary];
  if (a.example) parts.push(a.example.startsWith('docker ') ? '```sh\n' + a.example + '\n```' : codeBlock(a.example));
  parts.push(link(a.anchor));
  return parts.join('\n\n');
}

export function signalMarkdown(s: SignalInfo): string {
  return `**${s.name}**${s.number !== undefined ? ` (${s.number})` : ''} \u2014 ${s.summary}\n\n${link('stopsignal')}`;
}
