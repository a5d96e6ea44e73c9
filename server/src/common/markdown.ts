// Markdown for values that come from files (image names, paths, commands): one place that makes sure
// a value cannot break out of its code span or fence, and that plain text is not read as Markdown.
// Hovers never set `isTrusted` or `supportHtml` (test/reliability/markdown.test.ts checks it).

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** `text` as an inline code span: the fence is longer than any backtick run inside (CommonMark). */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  // A span that starts or ends with a backtick (or is all spaces) needs a space inside the fence.
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.length > 0 && flat.trim() === '') ? ' ' : '';
  return fence + pad + flat + pad + fence;
}

/** `text` as a fenced code block, the fence longer than any backtick run inside. */
export function fencedCode(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Plain text that Markdown shows as written (no emphasis, links, HTML or headings). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (c) => '\\' + c);
}
