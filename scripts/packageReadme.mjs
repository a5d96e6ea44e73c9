// What scripts/package.mjs needs besides vsce, apart so that tests can import it: the base URLs for the
// README's relative links, a zip entry reader, and the check of the packaged README's links.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** vsce's own arguments for the README's relative links (none when vsce detects the host itself). */
export function baseUrlArgs(manifest, env = process.env) {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url ?? '';
  const base = env.DOCKLENS_BASE_URL?.replace(/\/+$/, '');
  if (base) return ['--baseContentUrl', base, '--baseImagesUrl', base];
  if (/^(https:\/\/|git@)(github|gitlab)\.com[/:]/.test(repository)) return [];
  const web = repository.replace(/^git\+/, '').replace(/\.git$/, '');
  if (!/^https:\/\//.test(web)) throw new Error(`package.json repository "${repository}" is not an https URL: set DOCKLENS_BASE_URL`);
  return ['--baseContentUrl', `${web}/blob/HEAD`, '--baseImagesUrl', `${web}/raw/HEAD`];
}

/** One file of a zip (stored or deflated), by name; undefined when absent. */
export function readZipEntry(zip, name) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  let pos = zip.readUInt32LE(eocd + 16);
  for (let i = zip.readUInt16LE(eocd + 10); i > 0; i--) {
    const method = zip.readUInt16LE(pos + 10);
    const size = zip.readUInt32LE(pos + 20);
    const nameLength = zip.readUInt16LE(pos + 28);
    const next = pos + 46 + nameLength + zip.readUInt16LE(pos + 30) + zip.readUInt16LE(pos + 32);
    if (zip.toString('utf8', pos + 46, pos + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(pos + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    pos = next;
  }
  return undefined;
}

/** What is wrong with the links of the packaged README (empty when nothing). */
export function readmeLinkProblems(readme, root = '.') {
  const problems = [];
  for (const m of readme.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)) {
    const [, image, link] = m;
    if (link.startsWith('#') || /^mailto:/i.test(link)) continue;
    if (!/^https:\/\//.test(link)) problems.push(`${image ? 'image' : 'link'} not absolute https: ${link}`);
    const local = /\/(docs\/images\/[^/?#]+\.png)$/.exec(link)?.[1];
    if (image && local && !existsSync(join(root, local))) problems.push(`picture missing in the repository: ${local}`);
  }
  return problems;
}
