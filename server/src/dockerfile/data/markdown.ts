// Markdown renderings of the knowledge tables, shared by hover, completion documentation and signature help.
import type { DirectiveInfo, FlagInfo, InstructionInfo, LayerEffect, MountOptionInfo, MountTypeInfo, PredefinedArgInfo, SignalInfo } from './types';
import { referenceUrl } from './types';
import { t, translation } from '../../l10n';
import { fencedCode } from '../../common/markdown';

const layerBadge = (effect: LayerEffect): string => t(`doc.layer.${effect}`);

export function codeBlock(code: string): string {
  return fencedCode(code, 'dockerfile');
}

function traps(list: readonly string[] | undefined): string {
  if (!list || list.length === 0) return '';
  return t('doc.watchOut') + '\n\n' + list.map((item) => '- ' + item).join('\n');
}

function link(anchor: string, text = t('doc.reference')): string {
  return `[${text}](${referenceUrl(anchor)})`;
}

/** A short list of an instruction's flags, for hover and the `[OPTIONS]` parameter of signature help. */
export function flagList(flags: readonly FlagInfo[]): string {
  return flags.map((f) => `- \`--${f.name}${f.valueHint ? '=' + f.valueHint : ''}\` ${firstSentence(f.summary)}`).join('\n');
}

export function firstSentence(text: string): string {
  // A full stop ends a sentence before a blank or the end; Chinese and Japanese stops end one anywhere.
  const m = /^(.*?(?:[.!?](?=\s|$)|[\u3002\uff01\uff1f]))/s.exec(text);
  return m ? m[1] : text;
}

export function instructionMarkdown(info: InstructionInfo, options: { traps?: boolean } = {}): string {
  const parts: string[] = [`**${info.keyword}** \u2014 ${info.summary}`];
  if (info.deprecated) parts.push(`${t('doc.deprecated')} ${info.deprecated}`);
  if (info.details) parts.push(info.details);
  const forms = info.forms
    .map((f, i) => `*${translation(`instruction.${info.keyword}.forms.${i}.name`) ?? f.name}*${f.note ? ' \u2014 ' + f.note : ''}\n${codeBlock(f.example)}`)
    .join('\n\n');
  parts.push(forms);
  parts.push(`${layerBadge(info.layer)} ${info.layerNote}`);
  if (info.flags.length > 0) parts.push(t('doc.flags') + '\n\n' + flagList(info.flags));
  if (options.traps !== false) {
    const watch = traps(info.traps);
    if (watch) parts.push(watch);
  }
  parts.push(link(info.anchor));
  return parts.join('\n\n');
}

export function flagMarkdown(keyword: string, flag: FlagInfo): string {
  const parts = [`**${keyword} --${flag.name}**${flag.valueHint ? ` \`=${flag.valueHint}\`` : ''}`, flag.summary];
  if (flag.values) parts.push(flag.values.map((v) => `- \`${v.value}\`: ${v.summary}`).join('\n'));
  const facts: string[] = [];
  if (flag.defaultValue) facts.push(t('doc.default', { value: `\`${flag.defaultValue}\`` }));
  if (flag.repeatable) facts.push(t('doc.repeatable'));
  if (flag.since) facts.push(t('doc.since', { version: flag.since }));
  if (facts.length) parts.push(facts.join(' '));
  parts.push(codeBlock(flag.example));
  const watch = traps(flag.traps);
  if (watch) parts.push(watch);
  parts.push(link(flag.anchor));
  return parts.join('\n\n');
}

export function mountTypeMarkdown(mount: MountTypeInfo): string {
  const options = mount.options
    .map((o) => `- \`${[o.name, ...(o.aliases ?? [])].join('`/`')}\`${o.required ? t('doc.requiredTag') : ''}: ${firstSentence(o.summary)}`)
    .join('\n');
  return [
    `**RUN --mount=type=${mount.type}**`,
    mount.summary,
    codeBlock(mount.example),
    t('doc.options') + '\n\n' + options,
    link(mount.anchor),
  ].join('\n\n');
}

export function mountOptionMarkdown(mount: MountTypeInfo, option: MountOptionInfo): string {
  const names = [option.name, ...(option.aliases ?? [])].map((n) => `\`${n}\``).join(' / ');
  const parts = [`**${names}** \u2014 ${t('doc.mountOptionOf', { mount: `\`--mount=type=${mount.type}\`` })}`, option.summary];
  if (option.values) parts.push(option.values.map((v) => `- \`${v.value}\`: ${v.summary}`).join('\n'));
  const facts: string[] = [];
  if (option.required) facts.push(t('doc.required'));
  if (option.defaultValue) facts.push(t('doc.default', { value: `\`${option.defaultValue}\`` }));
  if (option.valueHint) facts.push(t('doc.value', { value: `\`${option.valueHint}\`` }));
  if (option.bare) facts.push(t('doc.bare'));
  if (facts.length) parts.push(facts.join(' '));
  parts.push(link(mount.anchor));
  return parts.join('\n\n');
}

export function directiveMarkdown(d: DirectiveInfo): string {
  const parts = [`**# ${d.name}=** \u2014 ${t('doc.directive')}`, d.summary, codeBlock(d.example)];
  if (d.values) parts.push(d.values.map((v) => `- \`${v.value}\`: ${v.summary}`).join('\n'));
  const watch = traps(d.traps);
  if (watch) parts.push(watch);
  parts.push(link(d.anchor));
  return parts.join('\n\n');
}

export function predefinedArgMarkdown(a: PredefinedArgInfo): string {
  const parts = [`**${a.name}** \u2014 ${t('doc.predefinedArg')}`, a.summary];
  if (a.example) parts.push(a.example.startsWith('docker ') ? '```sh\n' + a.example + '\n```' : codeBlock(a.example));
  parts.push(link(a.anchor));
  return parts.join('\n\n');
}

export function signalMarkdown(s: SignalInfo): string {
  return `**${s.name}**${s.number !== undefined ? ` (${s.number})` : ''} \u2014 ${s.summary}\n\n${link('stopsignal')}`;
}
