// Generates syntaxes/dockerfile.tmLanguage.json.
//
// Why a generator: a TextMate grammar cannot carry state across a file, yet the Dockerfile escape
// character (`# escape=\`` vs the default backslash) changes what a line continuation is in every
// instruction. The only way to honour it is to nest the whole rest of the file inside a rule that
// begins at the escape directive, so every rule that mentions the escape character exists twice:
// once for backslash files (`-bs`) and once for backtick files (`-bt`). Writing those copies by hand
// would drift; this script builds both from one description.
//
// Usage: node syntaxes/generate.mjs          writes the grammar
//        node syntaxes/generate.mjs --check  exits 1 when the committed grammar is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'dockerfile.tmLanguage.json');
const SCOPE = 'source.dockerfile.docklens';

/** The two escape characters, as a regex fragment, with the suffix of their repository keys. */
const MODES = [
  { key: 'bs', esc: '\\\\', name: 'backslash' },
  { key: 'bt', esc: '`', name: 'backtick' },
];

// A parser directive BuildKit honours: the leading comment lines `# syntax=`, `# escape=`,
// `# check=` (name case-insensitive, blanks around `=` allowed). An unknown name, a plain comment, a
// blank line or an instruction ends the directive block (BuildKit's DirectiveParser sets `done`).
const KNOWN_DIRECTIVE = '[ \\t]*#[ \\t]*(?i:syntax|escape|check)[ \\t]*=[ \\t]*\\S';
// `$` also matches after the newline a continuation consumed (vscode-textmate scans once more at
// the very end of the line), so every "end of logical line" refuses to match right after a `\n`.
const EOL = '(?<!\\n)$';
const WORD_END = (esc) => `[ \\t]|\\n|${esc}[ \\t]*\\n`;
const END_OF_WORD = (esc) => `(?=${WORD_END(esc)})`;
/** Names may be preceded by `ONBUILD ` (the trigger is highlighted as the instruction it runs). */
const instructionBegin = (names) =>
  `^[ \\t]*(?:((?i:ONBUILD))[ \\t]+)?((?i:${names}))(?=[ \\t]|$)`;

function instructionRule(mode, names, extraName, patterns) {
  return {
    name: `meta.instruction.${extraName}.dockerfile`,
    begin: instructionBegin(names),
    beginCaptures: {
      1: { name: 'keyword.other.instruction.onbuild.dockerfile' },
      2: { name: `keyword.other.instruction.dockerfile` },
    },
    // `$` ends the instruction unless a continuation consumed the newline first; patterns win ties
    // so that a blank line inside a continuation (which BuildKit skips) does not end it.
    end: EOL,
    applyEndPatternLast: 1,
    patterns: [...lineStructure(mode), ...patterns],
  };
}

/** Continuations, comment lines and blank lines inside a continued instruction. */
function lineStructure(mode) {
  return [
    { include: `#line-continuation-${mode.key}` },
    { include: '#continuation-comment' },
    { include: '#continuation-blank-line' },
  ];
}

// The shell grammar starts a statement only after the start of a line or `;`, `|`, `&`, `(`, `{`,
// `` ` ``, `!`, so the first command of a RUN line (after `RUN `, after flags) would get no command,
// argument, string or variable scopes. This rule opens the statement where the shell text begins
// (`\G`) and hands its inside to the shell grammar's statement patterns; `if`, `for`, `case`... and
// `{`, `(`, `[[`, `!` are left to the shell grammar, which knows them anywhere. A line with a
// heredoc (`RUN cat <<EOF > f`) gets only its command name here: inside a shell statement the
// shell grammar's own heredoc rule would take the body from the Dockerfile heredoc rule.
const SHELL_KEYWORDS = 'if|then|elif|else|fi|for|while|until|do|done|case|esac|in|function|select|time|coproc';

function firstStatement(mode, heredocs) {
  const e = mode.esc;
  const start = `\\G(?=[^ \\t\\n!&|(){}\\[<>#;])(?!(?:${SHELL_KEYWORDS})(?:[ \\t;&|]|$))(?!${e}[ \\t]*$)`;
  const statement = {
    name: 'meta.statement.shell',
    begin: start + (heredocs ? '(?![^\\n]*<<)' : ''),
    // The shell statement's own end, except that a comment line inside a continued instruction
    // (`#` first on its line) does not end it: BuildKit drops such lines.
    end: '(?=;|\\||&|\\n|\\)|`|\\{|\\}|(?<=[^ \\t\\n])[ \\t]*#|\\])(?<!\\\\)',
    patterns: [...lineStructure(mode), { include: 'source.shell#typical_statements' }],
  };
  if (!heredocs) return statement;
  const nameOnly = {
    match: start + '([A-Za-z0-9_./+-]+)(?=[ \\t]|$)',
    captures: { 1: { name: 'entity.name.function.call.shell entity.name.command.shell' } },
  };
  return { patterns: [statement, nameOnly] };
}

function buildMode(mode) {
  const k = mode.key;
  const e = mode.esc;
  const repo = {};

  repo[`line-continuation-${k}`] = {
    match: `(${e})[ \\t]*\\n`,
    captures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
  };

  repo[`escape-${k}`] = {
    match: `${e}.`,
    name: 'constant.character.escape.dockerfile',
  };

  repo[`variable-${k}`] = {
    patterns: [
      { match: `${e}\\$`, name: 'constant.character.escape.dollar.dockerfile' },
      {
        name: 'meta.interpolation.dockerfile',
        begin: '(\\$)(\\{)([A-Za-z_][A-Za-z0-9_]*)?',
        beginCaptures: {
          1: { name: 'punctuation.definition.variable.dockerfile' },
          2: { name: 'punctuation.section.interpolation.begin.dockerfile' },
          3: { name: 'variable.other.dockerfile' },
        },
        end: `(\\})|${EOL}`,
        endCaptures: { 1: { name: 'punctuation.section.interpolation.end.dockerfile' } },
        patterns: [
          { match: '\\G(:?[-+?]|##?|%%?|//?)', name: 'keyword.operator.expansion.dockerfile' },
          { include: `#line-continuation-${k}` },
          { include: `#variable-${k}` },
          { include: `#string-${k}` },
          { match: '[^}$"\'\\n]+', name: 'string.unquoted.expansion-word.dockerfile' },
        ],
      },
      {
        match: '(\\$)([A-Za-z_][A-Za-z0-9_]*)',
        captures: {
          1: { name: 'punctuation.definition.variable.dockerfile' },
          2: { name: 'variable.other.dockerfile' },
        },
      },
    ],
  };

  repo[`string-${k}`] = {
    patterns: [
      {
        name: 'string.quoted.double.dockerfile',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: `(")|${EOL}`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
        // BuildKit joins continued lines (dropping comment lines) before it looks at quotes.
        patterns: [...lineStructure(mode), { include: `#escape-${k}` }, { include: `#variable-${k}` }],
      },
      {
        name: 'string.quoted.single.dockerfile',
        begin: "'",
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: `(')|${EOL}`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
        patterns: lineStructure(mode),
      },
    ],
  };

  // Plain words of instructions that BuildKit expands: variables, quotes and escapes.
  repo[`word-${k}`] = {
    patterns: [{ include: `#string-${k}` }, { include: `#variable-${k}` }, { include: `#escape-${k}` }],
  };

  // `--name`, `--name=value`, `--mount=type=cache,target=/root/.cache`.
  repo[`flag-${k}`] = {
    name: 'meta.flag.dockerfile',
    begin: '(?<=^|[ \\t])(--)([A-Za-z][A-Za-z0-9-]*)(=)?',
    beginCaptures: {
      1: { name: 'punctuation.definition.flag.dockerfile' },
      2: { name: 'entity.other.attribute-name.flag.dockerfile' },
      3: { name: 'keyword.operator.assignment.dockerfile' },
    },
    end: END_OF_WORD(e),
    contentName: 'string.unquoted.flag-value.dockerfile',
    patterns: [
      {
        match: '(?<=[=,])([A-Za-z][A-Za-z0-9_.-]*)(=)',
        captures: {
          1: { name: 'support.type.property-name.flag-option.dockerfile' },
          2: { name: 'keyword.operator.assignment.dockerfile' },
        },
      },
      { match: ',', name: 'punctuation.separator.comma.dockerfile' },
      { include: `#word-${k}` },
    ],
  };

  // Exec form: a JSON array of strings. `expand` says whether BuildKit substitutes variables
  // (COPY/ADD/VOLUME do; RUN/CMD/ENTRYPOINT/SHELL pass the strings untouched).
  for (const expand of [true, false]) {
    repo[`exec-form-${expand ? 'expand' : 'literal'}-${k}`] = {
      name: 'meta.array.exec-form.dockerfile',
      begin: `\\[(?=[ \\t]*(?:"|\\]|${e}?[ \\t]*\\n))`,
      beginCaptures: { 0: { name: 'punctuation.definition.array.begin.dockerfile' } },
      end: `(\\])|${EOL}`,
      applyEndPatternLast: 1,
      endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
      patterns: [
        ...lineStructure(mode),
        {
          name: 'string.quoted.double.json.dockerfile',
          begin: '"',
          beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
          end: `(")|${EOL}`,
          endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
          patterns: [
            { include: `#line-continuation-${k}` },
            { match: '\\\\(?:["\\\\/bfnrt]|u[0-9A-Fa-f]{4})', name: 'constant.character.escape.json.dockerfile' },
            ...(expand ? [{ include: `#variable-${k}` }] : []),
          ],
        },
        { match: ',', name: 'punctuation.separator.array.dockerfile' },
      ],
    };
  }

  // The command of RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD in shell form. Backslash files embed the
  // shell grammar; backtick files are Windows images whose shell is PowerShell or cmd (which the
  // grammar cannot see), so their commands get only Dockerfile-level highlighting.
  for (const heredocs of [true, false]) {
    const shellPatterns =
      k === 'bs'
        ? [
            // A shell comment that stops before a trailing continuation: BuildKit joins the next
            // line even when the shell would see the backslash as part of the comment.
            {
              match: `(?<=^|[ \\t;])(#).*?(?=${e}[ \\t]*\\n|\\n)`,
              name: 'comment.line.number-sign.shell',
              captures: { 1: { name: 'punctuation.definition.comment.shell' } },
            },
            ...(heredocs ? [{ include: `#heredoc-data-shell-${k}` }] : [{ match: '<<-?', name: 'keyword.operator.redirect.dockerfile' }]),
            firstStatement(mode, heredocs),
            { include: 'source.shell' },
          ]
        : [...(heredocs ? [{ include: `#heredoc-data-shell-${k}` }] : []), { include: `#string-${k}` }, { include: `#variable-${k}` }];
    repo[`shell-form-${heredocs ? 'heredoc' : 'plain'}-${k}`] = {
      begin: '(?=[^ \\t\\n])',
      end: EOL,
      applyEndPatternLast: 1,
      contentName: k === 'bs' ? 'meta.embedded.line.shellscript' : 'meta.shell-command.dockerfile',
      patterns: [...lineStructure(mode), ...shellPatterns],
    };
  }

  // Heredocs. `<<-` strips leading tabs, so its terminator may be indented with tabs.
  for (const [kind, bodyName, restPatterns] of [
    ['data-shell', 'string.unquoted.heredoc.dockerfile', k === 'bs' ? [{ include: 'source.shell' }] : [{ include: `#word-${k}` }]],
    ['data-words', 'string.unquoted.heredoc.dockerfile', [{ include: `#word-${k}` }]],
  ]) {
    // An unquoted delimiter means the body is expanded (variables are live); `<<'EOF'` keeps it
    // literal.
    repo[`heredoc-${kind}-${k}`] = {
      patterns: [
        twoHeredocsRule(bodyName, restPatterns),
        ...[false, true].flatMap((chomp) => [
        heredocRule(chomp, bodyName, restPatterns, false, 'quoted'),
        { ...heredocRule(chomp, bodyName, restPatterns, false, 'bare'), patterns: [{ include: `#variable-${k}` }] },
        ]),
      ],
    };
  }
  // `RUN <<EOF` with nothing after the marker: the body is the script the shell runs.
  repo[`heredoc-script-${k}`] = {
    patterns: [false, true].map((chomp) => ({
      ...heredocRule(chomp, undefined, [], true),
      contentName: k === 'bs' ? 'meta.embedded.block.shellscript' : 'meta.shell-command.dockerfile',
      patterns:
        k === 'bs'
          ? [
              // A shebang naming another interpreter (`#!/usr/bin/env python3`) makes the rest
              // plain text; the grammar cannot see the terminator from here, so the region stops
              // at the next line that is a single word, and the heredoc rule decides.
              {
                name: 'meta.heredoc.foreign-script.dockerfile',
                begin: '^(#!)(?!.*\\b(?:ba|da|z|k|a)?sh\\b)(.*)$',
                beginCaptures: { 0: { name: 'comment.line.shebang.dockerfile' } },
                end: '(?=^\\t*[A-Za-z_][A-Za-z0-9_.-]*$)',
                contentName: 'string.unquoted.heredoc.dockerfile',
              },
              { include: 'source.shell' },
            ]
          : [{ include: `#string-${k}` }, { include: `#variable-${k}` }],
    })),
  };

  const exprs = {
    run: [
      { include: `#flag-${k}` },
      { include: `#heredoc-script-${k}` },
      { include: `#exec-form-literal-${k}` },
      { include: `#shell-form-heredoc-${k}` },
    ],
    cmd: [{ include: `#exec-form-literal-${k}` }, { include: `#shell-form-plain-${k}` }],
  };

  repo[`instruction-${k}`] = {
    patterns: [
      instructionRule(mode, 'RUN', 'run', exprs.run),
      instructionRule(mode, 'CMD|ENTRYPOINT', 'command', exprs.cmd),
      instructionRule(mode, 'SHELL', 'shell', [{ include: `#exec-form-literal-${k}` }, { include: `#word-${k}` }]),
      instructionRule(mode, 'HEALTHCHECK', 'healthcheck', [
        { include: `#flag-${k}` },
        {
          match: '(?<=[ \\t])(?i:NONE)(?=[ \\t]|$)',
          name: 'constant.language.none.dockerfile',
        },
        {
          name: 'meta.healthcheck-command.dockerfile',
          begin: '(?<=[ \\t])((?i:CMD))(?=[ \\t]|$)',
          beginCaptures: { 1: { name: 'keyword.other.instruction.dockerfile' } },
          end: EOL,
          applyEndPatternLast: 1,
          patterns: [...lineStructure(mode), ...exprs.cmd],
        },
      ]),
      instructionRule(mode, 'FROM', 'from', [
        { include: `#flag-${k}` },
        {
          match: `(?<=[ \\t])((?i:AS))[ \\t]+([^ \\t\\n]+?)${END_OF_WORD(e)}`,
          captures: {
            1: { name: 'keyword.other.as.dockerfile' },
            2: { name: 'entity.name.type.stage.dockerfile' },
          },
        },
        {
          name: 'meta.image-reference.dockerfile',
          begin: '(?<=[ \\t])(?=[^ \\t\\n-])',
          end: END_OF_WORD(e),
          contentName: 'entity.name.type.image.dockerfile',
          patterns: [
            { include: `#variable-${k}` },
            {
              match: '(@)([A-Za-z][A-Za-z0-9]*:[0-9A-Fa-f]{32,})',
              captures: {
                1: { name: 'punctuation.separator.digest.dockerfile' },
                2: { name: 'constant.other.digest.dockerfile' },
              },
            },
            // A tag is the last `:` part, so `registry:5000/app` has none; it may be `${TAG:-x}`.
            {
              begin: `(:)(?=(?:\\$\\{[^}\\n]*\\}|[A-Za-z0-9_.$-])+(?:@|${WORD_END(e)}))`,
              beginCaptures: { 1: { name: 'punctuation.separator.tag.dockerfile' } },
              end: `(?=@|${WORD_END(e)})`,
              contentName: 'constant.other.tag.dockerfile',
              patterns: [{ include: `#variable-${k}` }],
            },
          ],
        },
      ]),
      instructionRule(mode, 'COPY|ADD', 'copy', [
        { include: `#flag-${k}` },
        { include: `#heredoc-data-words-${k}` },
        { include: `#exec-form-expand-${k}` },
        { include: `#word-${k}` },
      ]),
      instructionRule(mode, 'ENV', 'env', [
        // The legacy `ENV NAME value with spaces` form: one name, then the rest is the value.
        {
          begin: `\\G[ \\t]+([A-Za-z_][A-Za-z0-9_.-]*)(?=[ \\t])`,
          beginCaptures: { 1: { name: 'variable.other.definition.dockerfile' } },
          end: EOL,
          applyEndPatternLast: 1,
          contentName: 'string.unquoted.value.dockerfile',
          patterns: [...lineStructure(mode), { include: `#word-${k}` }],
        },
        { include: `#key-value-${k}` },
        { include: `#word-${k}` },
      ]),
      instructionRule(mode, 'ARG', 'arg', [
        { include: `#key-value-${k}` },
        {
          match: '(?<=[ \\t])[A-Za-z_][A-Za-z0-9_]*(?=[ \\t]|$)',
          name: 'variable.other.definition.dockerfile',
        },
        { include: `#word-${k}` },
      ]),
      instructionRule(mode, 'LABEL', 'label', [
        {
          name: 'meta.key-value.dockerfile',
          begin: '(?<=[ \\t])("(?:[^"\\\\]|\\\\.)*"|\'[^\']*\'|[^ \\t\\n="\'][^ \\t\\n=]*)(=)',
          beginCaptures: {
            1: { name: 'entity.other.attribute-name.label.dockerfile' },
            2: { name: 'keyword.operator.assignment.dockerfile' },
          },
          end: END_OF_WORD(e),
          contentName: 'string.unquoted.value.dockerfile',
          patterns: [{ include: `#word-${k}` }],
        },
        { include: `#word-${k}` },
      ]),
      instructionRule(mode, 'EXPOSE', 'expose', [
        {
          match: '(?<=[ \\t])([0-9]+)(?:(-)([0-9]+))?(?:(/)((?i:tcp|udp|sctp)))?(?=[ \\t]|$)',
          captures: {
            1: { name: 'constant.numeric.port.dockerfile' },
            2: { name: 'punctuation.separator.range.dockerfile' },
            3: { name: 'constant.numeric.port.dockerfile' },
            4: { name: 'punctuation.separator.protocol.dockerfile' },
            5: { name: 'constant.language.protocol.dockerfile' },
          },
        },
        { include: `#word-${k}` },
      ]),
      instructionRule(mode, 'STOPSIGNAL', 'stopsignal', [
        { match: '(?<=[ \\t])(?:(?i:SIG)[A-Za-z0-9+]+|[0-9]+)(?=[ \\t]|$)', name: 'constant.language.signal.dockerfile' },
        { include: `#word-${k}` },
      ]),
      instructionRule(mode, 'VOLUME', 'volume', [{ include: `#exec-form-expand-${k}` }, { include: `#word-${k}` }]),
      instructionRule(mode, 'USER', 'user', [
        { match: '(?<=[^ \\t]):(?=[^ \\t\\n])', name: 'punctuation.separator.user-group.dockerfile' },
        { include: `#word-${k}` },
      ]),
      instructionRule(mode, 'WORKDIR', 'workdir', [{ include: `#word-${k}` }]),
      {
        ...instructionRule(mode, 'MAINTAINER', 'maintainer', [{ include: `#word-${k}` }]),
        beginCaptures: {
          1: { name: 'keyword.other.instruction.onbuild.dockerfile' },
          2: { name: 'keyword.other.instruction.dockerfile invalid.deprecated.instruction.dockerfile' },
        },
      },
      // ONBUILD with nothing known after it, and any other word at the start of a line: BuildKit
      // rejects the instruction, but its continuation lines still belong to it.
      {
        ...instructionRule(mode, 'ONBUILD', 'onbuild', [{ include: `#word-${k}` }]),
        beginCaptures: { 2: { name: 'keyword.other.instruction.onbuild.dockerfile' } },
      },
      {
        name: 'meta.instruction.unknown.dockerfile',
        begin: '^[ \\t]*([A-Za-z][A-Za-z0-9_-]*)(?=[ \\t]|$)',
        beginCaptures: { 1: { name: 'invalid.illegal.unknown-instruction.dockerfile' } },
        end: EOL,
        applyEndPatternLast: 1,
        patterns: [...lineStructure(mode), { include: `#word-${k}` }],
      },
    ],
  };

  repo[`key-value-${k}`] = {
    name: 'meta.key-value.dockerfile',
    begin: '(?<=^|[ \\t])([A-Za-z_][A-Za-z0-9_.-]*)(=)',
    beginCaptures: {
      1: { name: 'variable.other.definition.dockerfile' },
      2: { name: 'keyword.operator.assignment.dockerfile' },
    },
    end: END_OF_WORD(e),
    contentName: 'string.unquoted.value.dockerfile',
    patterns: [{ include: `#word-${k}` }],
  };

  repo[`main-${k}`] = {
    patterns: [{ include: '#comment' }, { include: `#instruction-${k}` }],
  };
  return repo;

  // `COPY <<a.txt <<b.txt /dst/`: the bodies follow one another. The end pattern can only refer to
  // the begin's captures, so one region runs to the second terminator; the first terminator line
  // stays body text.
  function twoHeredocsRule(bodyName, restPatterns) {
    const one = (n) => `([0-9]?<<-?)(["']?)([A-Za-z0-9_][A-Za-z0-9_.-]*)(\\${n})`;
    return {
      name: 'meta.heredoc.dockerfile',
      begin: `${one(2)}([ \\t]+(?:.*?[ \\t])?)${one(7)}(.*)$`,
      beginCaptures: {
        1: { name: 'keyword.operator.heredoc.dockerfile' },
        2: { name: 'punctuation.definition.string.begin.dockerfile' },
        3: { name: 'keyword.control.heredoc-token.dockerfile' },
        4: { name: 'punctuation.definition.string.end.dockerfile' },
        5: { patterns: restPatterns },
        6: { name: 'keyword.operator.heredoc.dockerfile' },
        7: { name: 'punctuation.definition.string.begin.dockerfile' },
        8: { name: 'keyword.control.heredoc-token.dockerfile' },
        9: { name: 'punctuation.definition.string.end.dockerfile' },
        10: { patterns: restPatterns },
      },
      end: '^\\t*(\\8)$',
      endCaptures: { 1: { name: 'keyword.control.heredoc-token.dockerfile' } },
      contentName: bodyName,
    };
  }

  function heredocRule(chomp, bodyName, restPatterns, scriptOnly = false, quoting = 'any') {
    // The delimiter may be quoted (then the body is not expanded); a digit before `<<` names a
    // file descriptor. Script heredocs must end their line; data heredocs keep the rest of the
    // line (`cat <<EOF > /etc/conf`, `COPY <<EOF /dst`) highlighted by restPatterns.
    const quote = { any: `(["']?)`, quoted: `(["'])`, bare: '()' }[quoting];
    const marker = `([0-9]?<<${chomp ? '-' : ''})${quote}([A-Za-z0-9_][A-Za-z0-9_.-]*)(\\2)`;
    return {
      name: 'meta.heredoc.dockerfile',
      begin: scriptOnly ? `${marker}[ \\t]*$` : `${marker}(.*)$`,
      beginCaptures: {
        1: { name: 'keyword.operator.heredoc.dockerfile' },
        2: { name: 'punctuation.definition.string.begin.dockerfile' },
        3: { name: 'keyword.control.heredoc-token.dockerfile' },
        4: { name: 'punctuation.definition.string.end.dockerfile' },
        ...(scriptOnly ? {} : { 5: { patterns: restPatterns } }),
      },
      end: chomp ? '^(\\t*)(\\3)$' : '^(\\3)$',
      endCaptures: chomp
        ? { 2: { name: 'keyword.control.heredoc-token.dockerfile' } }
        : { 1: { name: 'keyword.control.heredoc-token.dockerfile' } },
      ...(bodyName ? { contentName: bodyName } : {}),
    };
  }
}

function directiveLine(knownNames) {
  return {
    name: 'meta.directive.dockerfile',
    match: `^[ \\t]*(#)[ \\t]*((?i:${knownNames}))[ \\t]*(=)[ \\t]*(.*?)[ \\t]*$`,
    captures: {
      1: { name: 'punctuation.definition.directive.dockerfile' },
      2: { name: 'keyword.control.directive.dockerfile' },
      3: { name: 'keyword.operator.assignment.dockerfile' },
      4: { name: 'string.unquoted.directive-value.dockerfile', patterns: [{ include: '#directive-value' }] },
    },
  };
}

function build() {
  const repository = {
    comment: {
      name: 'comment.line.number-sign.dockerfile',
      match: '^[ \\t]*(#).*$',
      captures: { 1: { name: 'punctuation.definition.comment.dockerfile' } },
    },
    'continuation-comment': {
      match: '^[ \\t]*((#).*)\\n',
      captures: {
        1: { name: 'comment.line.number-sign.dockerfile' },
        2: { name: 'punctuation.definition.comment.dockerfile' },
      },
    },
    'continuation-blank-line': { match: '^[ \\t]*\\n' },
    // `check=skip=JSONArgsRecommended,StageNameCasing;error=true`
    'directive-value': {
      patterns: [
        {
          match: '(?<=[=;]|[=;][ \\t]|[=;][ \\t]{2})([A-Za-z]+)(=)',
          captures: {
            1: { name: 'support.type.property-name.directive-option.dockerfile' },
            2: { name: 'keyword.operator.assignment.dockerfile' },
          },
        },
        { match: '[;,]', name: 'punctuation.separator.dockerfile' },
      ],
    },
    // The block of parser directives at the top of the file. Anything after it is ordinary.
    'directive-prologue': {
      begin: `\\A(?=${KNOWN_DIRECTIVE})`,
      end: `^(?!${KNOWN_DIRECTIVE})`,
      patterns: [{ include: '#escape-backtick-file' }, directiveLine('syntax|escape|check')],
    },
    // `# escape=\`` switches the rest of the file, directives after it included, to backtick mode.
    // The rule never ends: its end pattern cannot match.
    'escape-backtick-file': {
      begin: '^[ \\t]*(#)[ \\t]*((?i:escape))[ \\t]*(=)[ \\t]*(`)[ \\t]*$',
      beginCaptures: {
        0: { name: 'meta.directive.dockerfile' },
        1: { name: 'punctuation.definition.directive.dockerfile' },
        2: { name: 'keyword.control.directive.dockerfile' },
        3: { name: 'keyword.operator.assignment.dockerfile' },
        4: { name: 'string.unquoted.directive-value.dockerfile' },
      },
      end: '(?!)',
      patterns: [
        // Directives after the escape line: \\G holds only right after this rule's begin.
        {
          begin: '\\G',
          end: `^(?!${KNOWN_DIRECTIVE})`,
          patterns: [directiveLine('syntax|escape|check')],
        },
        { include: '#main-bt' },
      ],
    },
    // BuildKit skips a `#!` first line when it looks for `syntax` and `check`; the escape
    // directive is read by the main parser, which does not skip it, so after a shebang `escape`
    // is an ordinary comment.
    'shebang-prologue': {
      begin: '\\A(#!.*)$\\n?',
      beginCaptures: { 1: { name: 'comment.line.shebang.dockerfile' } },
      end: `^(?![ \\t]*#[ \\t]*(?i:syntax|check)[ \\t]*=[ \\t]*\\S)`,
      patterns: [directiveLine('syntax|check')],
    },
  };
  for (const mode of MODES) Object.assign(repository, buildMode(mode));
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Dockerfile (Docklens)',
    scopeName: SCOPE,
    comment: 'Generated by syntaxes/generate.mjs; edit that file, not this one.',
    patterns: [{ include: '#shebang-prologue' }, { include: '#directive-prologue' }, { include: '#main-bs' }],
    repository,
  };
}

const text = JSON.stringify(build(), null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // missing file: out of date
  }
  if (current !== text) {
    console.error(`${OUT} is out of date: run node syntaxes/generate.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
}
