// Signature help over the real server, by how it was asked for: it opens after an instruction keyword,
// at a flag's `=` and inside a JSON array, not on every space of a command line (where it would cover
// the completion list), closes once the command is being typed, and always answers Ctrl+Shift+Space.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SignatureHelp } from 'vscode-languageserver-types';
import { cursor, LspClient } from '../support/lspClient';

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

type Context = { triggerKind: 1 | 2 | 3; triggerCharacter?: string; isRetrigger: boolean };
const invoked: Context = { triggerKind: 1, isRetrigger: false };
const typed = (c: string): Context => ({ triggerKind: 2, triggerCharacter: c, isRetrigger: false });
const typedWhileOpen = (c?: string): Context => ({ triggerKind: c ? 2 : 3, triggerCharacter: c, isRetrigger: true });

interface Case {
  name: string;
  text: string;
  context: Context;
  /** The one signature's label, or null for no signature help. */
  label: string | null;
  /** The active parameter's text within the label. */
  parameter?: string;
}

const CASES: Case[] = [
  { name: 'space after RUN opens it', text: 'FROM alpine\nRUN |', context: typed(' '), label: 'RUN [OPTIONS] command param1 param2', parameter: 'command param1 param2' },
  { name: 'space between command words of a RUN does not open it', text: 'FROM alpine\nRUN apt-get install |', context: typed(' '), label: null },
  { name: 'typing the command while it is open closes it', text: 'FROM alpine\nRUN apt-get |', context: typedWhileOpen(' '), label: null },
  { name: 'typing a flag name while it is open keeps it on [OPTIONS]', text: 'FROM alpine\nRUN --netw|', context: typedWhileOpen(), label: 'RUN [OPTIONS] command param1 param2', parameter: '[OPTIONS]' },
  { name: "typing a flag's value while it is open shows the value's format", text: 'FROM alpine\nRUN --mount=type=cache,target=/root/.cache|', context: typedWhileOpen(), label: 'RUN --mount=type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>...]', parameter: 'type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>...]' },
  { name: "a flag's = shows that flag's value", text: 'FROM alpine\nRUN --network=|', context: typed('='), label: 'RUN --network=default|none|host', parameter: 'default|none|host' },
  { name: "COPY --from= shows the flag's value", text: 'FROM alpine\nCOPY --from=|', context: typed('='), label: 'COPY --from=<stage|image|context>', parameter: '<stage|image|context>' },
  { name: '= inside a command word does not open it', text: 'FROM alpine\nRUN make CC=|', context: typed('='), label: null },
  { name: 'a comma inside --mount does not open it (the completion list helps there)', text: 'FROM alpine\nRUN --mount=type=cache,|', context: typed(','), label: null },
  { name: '[ after CMD opens the exec form', text: 'FROM alpine\nCMD [|', context: typed('['), label: 'CMD ["executable", "param1", "param2"]' },
  { name: 'a comma in an exec form moves to the parameters', text: 'FROM alpine\nCMD ["python", |', context: typed(','), label: 'CMD ["executable", "param1", "param2"]', parameter: '"param1", "param2"' },
  { name: 'COPY keeps it open while its few arguments are typed', text: 'FROM alpine\nCOPY a.txt |', context: typedWhileOpen(' '), label: 'COPY [OPTIONS] <src> ... <dest>', parameter: '<dest>' },
  { name: 'Ctrl+Shift+Space in the middle of a command line answers', text: 'FROM alpine\nRUN apt-get install |', context: invoked, label: 'RUN [OPTIONS] command param1 param2', parameter: 'command param1 param2' },
  { name: 'no context at all is treated as asked for', text: 'FROM alpine\nEXPOSE |', context: undefined as unknown as Context, label: 'EXPOSE <port>[/<protocol>] [<port>[/<protocol>] ...]' },
];

describe('signature help triggers (LSP)', () => {
  let n = 0;
  for (const c of CASES) {
    it(c.name, async () => {
      const { text, position } = cursor(c.text);
      const uri = `file:///w/sig${n++}/Dockerfile`;
      await client.open(uri, text);
      const help = await client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position, context: c.context });
      if (c.label === null) {
        assert.equal(help, null);
        return;
      }
      assert.ok(help, 'expected signature help');
      assert.equal(help.signatures.length, 1, 'one signature, not "1/3"');
      const sig = help.signatures[0];
      assert.equal(sig.label, c.label);
      // One short line: no code blocks or paragraphs in the signature's own documentation.
      const doc = typeof sig.documentation === 'string' ? sig.documentation : (sig.documentation?.value ?? '');
      assert.ok(!doc.includes('\n'), `documentation is one line: ${JSON.stringify(doc)}`);
      if (c.parameter !== undefined) {
        const p = sig.parameters?.[help.activeParameter ?? 0];
        assert.ok(p);
        const label = typeof p.label === 'string' ? p.label : sig.label.slice(p.label[0], p.label[1]);
        assert.equal(label, c.parameter);
        const pdoc = typeof p.documentation === 'string' ? p.documentation : (p.documentation?.value ?? '');
        assert.ok(!pdoc.includes('\n'), `parameter documentation is one line: ${JSON.stringify(pdoc)}`);
      }
    });
  }
});
