// Language ids as other editors send them: each becomes `dockerfile` or `dockercompose`, or stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docklensLanguageId } from '../../server/src/common/languageIds';

const cases: [id: string, uri: string, expected: string][] = [
  ['dockerfile', 'file:///p/Dockerfile', 'dockerfile'],
  ['Dockerfile', 'file:///p/Dockerfile', 'dockerfile'], // Sublime's syntax name
  ['containerfile', 'file:///p/Containerfile', 'dockerfile'],
  ['dockercompose', 'file:///p/compose.yaml', 'dockercompose'],
  ['yaml.docker-compose', 'file:///p/compose.yaml', 'dockercompose'], // Neovim's filetype
  ['docker-compose', 'file:///p/x.yml', 'dockercompose'], // Helix's language name
  ['yaml', 'file:///p/compose.yaml', 'dockercompose'],
  ['yaml', 'file:///p/compose.prod.yml', 'dockercompose'],
  ['yaml', 'file:///p/docker-compose.override.yaml', 'dockercompose'],
  ['yaml', 'file:///p/compose.yaml?x=1', 'dockercompose'],
  ['yaml', 'file:///p/.github/workflows/ci.yaml', 'yaml'],
  ['yaml', 'file:///p/compose/values.yaml', 'yaml'],
  ['yaml', 'file:///p/mycompose.yaml', 'yaml'],
  ['python', 'file:///p/compose.yaml', 'python'],
];
for (const [id, uri, expected] of cases) {
  test(`language id ${id} for ${uri.slice('file:///p/'.length)} is ${expected}`, () => assert.equal(docklensLanguageId(id, uri), expected));
}
