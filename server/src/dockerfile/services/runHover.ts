// Hover inside a RUN script: what a package manager, download or clean-up command and its options do
// to the layer, from the table in data/shellCommands.ts. Commands come from the shell module, so
// they are found after `&&`, inside `if`, past `sudo`, across continuation lines and in heredocs.
import type { Instruction, Span } from '../parser/ast';
import type { DockerfileModel } from '../parser/model';
import { shellCommands, type CleanupInfo, type ShellCommandInfo, type ShellOptionInfo } from '../data';
import { firstSentence } from '../data/markdown';
import { t } from '../../l10n';
import { programOf, type ShellCommand, type ShellWord } from '../shell';
import { commandsOf } from './instructionShell';

export interface RunHover {
  contents: string;
  span: Span;
}

const PIP = /^pip(?:[23](?:\.\d+)?)?$/;
const PYTHON = /^python(?:[23](?:\.\d+)?)?$/;

interface Invocation {
  cmd: ShellCommand;
  /** Program name as the table spells it (`pip` for `pip3`). */
  name: string;
  word: ShellWord;
  args: ShellWord[];
  sub?: ShellWord;
  program?: ShellCommandInfo;
  command?: ShellCommandInfo;
}

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** The hover for a command word, option, operand or variable prefix under the cursor in a RUN. */
export function runCommandHover(model: DockerfileModel, ins: Instruction, offset: number): RunHover | undefined {
  const commands = commandsOf(model, ins);
  const cmd = commands.find((c) => c.words.some((w) => within(w, offset)) || c.env.some((e) => within(e, offset)));
  if (!cmd) return undefined;
  const call = invocationOf(cmd);
  if (!call || (!call.program && !call.command)) return undefined;
  const title = call.command?.subcommand ? `${call.name} ${call.command.subcommand}` : call.name;

  const assignment = cmd.env.find((e) => within(e, offset));
  if (assignment) {
    const info = [call.command, call.program].flatMap((e) => e?.env ?? []).find((v) => v.name === assignment.name);
    return info ? { contents: `**\`${assignment.name}\`** \u2014 ${t('shellHover.envFor', { command: `\`${title}\`` })}\n\n${info.summary}`, span: assignment } : undefined;
  }

  const word = cmd.words.find((w) => within(w, offset))!;
  if (word === call.word || word === call.sub) {
    return { contents: commandMarkdown(call, title, commands), span: word };
  }
  if (call.args.indexOf(word) < 0) return undefined;

  const options = [...(call.command?.options ?? []), ...(call.program?.options ?? [])];
  if (word.value.startsWith('-') && word.value !== '-' && word.value !== '--') {
    const found = optionMarkdown(word.value, options, title);
    return found ? { contents: found, span: word } : undefined;
  }
  for (const operand of [...(call.command?.operands ?? []), ...(call.program?.operands ?? [])]) {
    if (new RegExp(operand.pattern).test(word.value)) {
      const parts = [`**\`${word.value}\`** \u2014 ${operand.summary}`];
      if (operand.cleanup) parts.push(...cleanupNotes(operand.cleanup, cmd, commands));
      return { contents: parts.join('\n\n'), span: word };
    }
  }
  // The value of an option written apart from it (`-r requirements.txt`): the option explains it.
  const before = call.args[call.args.indexOf(word) - 1];
  const option = before && findOption(before.value, options);
  if (option?.takesValue) return { contents: optionText(before.value, option, title), span: word };
  return undefined;
}

function invocationOf(cmd: ShellCommand): Invocation | undefined {
  const program = programOf(cmd);
  if (!program) return undefined;
  let name = program.name;
  let word = program.word;
  let args = program.args;
  if (PYTHON.test(name) && args[0]?.value === '-m' && args[1] && PIP.test(args[1].value)) {
    word = args[1];
    args = args.slice(2);
    name = 'pip';
  }
  if (PIP.test(name)) name = 'pip';
  const entries = shellCommands.filter((e) => e.programs.includes(name));
  const programEntry = entries.find((e) => !e.subcommand);
  const sub = subcommandWord(args, programEntry?.options ?? []);
  const command = sub && entries.find((e) => e.subcommand === sub.value || e.subcommandAliases?.includes(sub.value));
  return { cmd, name, word, args, sub: command ? sub : undefined, program: programEntry, command: command || undefined };
}

/** The first word after the program that is neither an option nor an option's value. */
function subcommandWord(args: ShellWord[], options: ShellOptionInfo[]): ShellWord | undefined {
  for (let i = 0; i < args.length; i++) {
    const w = args[i].value;
    if (!w.startsWith('-')) return args[i];
    if (!w.includes('=') && findOption(w, options)?.takesValue) i++;
  }
  return undefined;
}

function findOption(written: string, options: ShellOptionInfo[]): ShellOptionInfo | undefined {
  const exact = options.find((o) => o.names.includes(written));
  if (exact || !written.includes('=')) return exact;
  const name = written.slice(0, written.indexOf('='));
  return options.find((o) => o.names.includes(name));
}

function optionText(written: string, option: ShellOptionInfo, title: string): string {
  const names = option.names.map((n) => `\`${n}\``).join(', ');
  const parts = [`**${names}** \u2014 ${t('shellHover.optionOf', { command: `\`${title}\`` })}`, option.summary];
  const value = written.includes('=') ? written.slice(written.indexOf('=') + 1) : undefined;
  const known = value !== undefined && option.values?.find((v) => v.value === value);
  if (known) parts.splice(1, 0, t('shellHover.value', { value: `\`${written}\``, meaning: known.summary }));
  return parts.join('\n\n');
}

function optionMarkdown(written: string, options: ShellOptionInfo[], title: string): string | undefined {
  const option = findOption(written, options);
  if (option) return optionText(written, option, title);
  // A bundle of one-letter options: `-fsSL`, `-rf`, `-eux`.
  if (!/^-[A-Za-z]{2,}$/.test(written)) return undefined;
  const letters = [...written.slice(1)].map((c) => ({ flag: '-' + c, info: findOption('-' + c, options) }));
  if (letters.every((l) => !l.info)) return undefined;
  const list = letters.map((l) => `- \`${l.flag}\` ${l.info ? l.info.summary : t('shellHover.notDescribed')}`);
  return [`**\`${written}\`** \u2014 ${t('shellHover.optionsOf', { command: `\`${title}\`` })}`, list.join('\n')].join('\n\n');
}

function commandMarkdown(call: Invocation, title: string, commands: ShellCommand[]): string {
  const info = call.command ?? call.program!;
  const parts = [`**\`${title}\`** \u2014 ${info.summary}`];
  if (info.layer) parts.push(`${t('shellHover.inLayer')} ${info.layer}`);
  if (info.traps?.length) parts.push(t('doc.watchOut') + '\n\n' + info.traps.map((t) => '- ' + t).join('\n'));
  if (info.cleanup) parts.push(...cleanupNotes(info.cleanup, call.cmd, commands));
  const options = [...(call.command?.options ?? []), ...(call.command ? call.program?.options ?? [] : [])];
  if (options.length > 0) parts.push(t('doc.options') + '\n\n' + options.map((o) => `- ${o.names.map((n) => `\`${n}\``).join(', ')} ${firstSentence(o.summary)}`).join('\n'));
  return parts.join('\n\n');
}

/** Whether what a clean-up removes was written earlier in the same RUN, and the lesson. */
function cleanupNotes(cleanup: CleanupInfo, cmd: ShellCommand, commands: ShellCommand[]): string[] {
  const notes: string[] = [];
  if (cleanup.after) {
    const earlier = commands.filter((c) => c.start < cmd.start).map(invocationOf);
    const writer = cleanup.after.find((spec) => earlier.some((c) => c && matches(c, spec)));
    if (writer) {
      notes.push(`\u2714\ufe0f ${t('shellHover.cleanupSameRun', { writer: `\`${writer}\``, what: cleanup.what })}`);
    } else {
      notes.push(`\u26a0\ufe0f ${t('shellHover.cleanupEarlierLayer', { what: cleanup.what, writer: `\`${cleanup.after[0]}\`` })}`);
    }
  }
  notes.push(t('shellHover.layerLesson'));
  return notes;
}

function matches(call: Invocation, spec: string): boolean {
  const [program, sub] = spec.split(' ');
  if (call.name !== program) return false;
  if (!sub) return true;
  const first = subcommandWord(call.args, call.program?.options ?? []);
  return first?.value === sub;
}
