// VS Code prints diagnostic messages as plain text: a backtick in one is shown literally.

/** BuildKit's own wording that contains backticks: kept byte for byte, as BuildKit prints it. */
const BUILDKIT_VERBATIM: { code: string; pattern: RegExp }[] = [
  // linter.RuleInvalidDefinitionDescription
  { code: 'InvalidDefinitionDescription', pattern: /^Comment for (FROM|ARG) should follow the format: `# \S+ <description>`$/ },
  // instructions/parse.go's error for ONBUILD ONBUILD.
  { code: 'InvalidArguments', pattern: /^Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed$/ },
  // The parser's error for a bad `# escape=` value names the backtick itself.
  { code: 'SyntaxError', pattern: /^invalid escape token '.*' does not match ` or \\$/ },
];

/**
 * True when a message uses a backtick as Markdown. Inside quotes a backtick is the user's own text
 * ("Unknown instruction '`'" for a stray escape character), which a message shows as written.
 */
export function hasMarkdownBacktick(code: string | undefined, message: string): boolean {
  if (BUILDKIT_VERBATIM.some((v) => v.code === code && v.pattern.test(message))) return false;
  return message.replace(/'[^'\n]*'|"[^"\n]*"/g, '').includes('`');
}
