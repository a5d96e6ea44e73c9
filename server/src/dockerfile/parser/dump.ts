// Prints a parse in the exact text of BuildKit's `Node.Dump()` (its parser tests' `result` files).
import type { DockerfileAst, Instruction } from './ast';
import { goQuote } from './goQuote';

export function dumpBuildkit(ast: DockerfileAst): string {
  return ast.instructions.map((ins) => `(${dumpInstruction(ins)})\n`).join('');
}

function dumpInstruction(ins: Instruction): string {
  let out = ins.keywordText.toLowerCase();
  if (ins.flags.length > 0) out += ` [${ins.flags.map((f) => goQuote(f.raw)).join(' ')}]`;
  if (ins.inner) out += ` (${dumpInstruction(ins.inner)})`;
  else if (!ins.known) out += ' ""';
  else for (const arg of ins.args) out += ' ' + goQuote(arg.value);
  return out.trim();
}
