#!/usr/bin/env node
// Builds server/src/dockerfile/data/baseImages.json: what the Docker Official Images (and the distroless
// family) contain, read offline from the public sources they are built from.
//
//   node scripts/generate-base-images.mjs --official <official-images mirror> [--distroless <mirror>]
//        [--out <file>] [--date <YYYY-MM-DD>] <image repository mirror>...
//
// A mirror is a git directory (read with `git show <commit>:<path>`) or a plain folder holding the files
// (the test sample; commits are then ignored). A mirror is named by its folder, `owner+name` (or the
// folder above a `repo` git directory), or explicitly as `owner/name=<path>`.
// For each library/<image> file of docker-library/official-images: every entry's tags → GitRepo,
// GitCommit, Directory, File; the Dockerfile at that commit (the mirror's HEAD when the commit is not
// in the mirror: recorded as such); its last stage; its FROM chain through the other entries
// (python:3.12-slim → debian:trixie-slim → scratch + a root filesystem).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

// ------------------------------------------------------------------------------------------------
// Facts that no Dockerfile states: the operating systems that come as root file systems.

/** Package manager per OS family. */
const OS_PACKAGE_MANAGER = {
  debian: 'apt', ubuntu: 'apt', alpine: 'apk', fedora: 'dnf', almalinux: 'dnf', rockylinux: 'dnf', centos: 'yum',
  oraclelinux: 'dnf', amazonlinux: 'dnf', photon: 'tdnf', archlinux: 'pacman', clearlinux: 'swupd', mageia: 'dnf',
  alt: 'apt-rpm', opensuse: 'zypper', busybox: null, windows: null, cirros: null,
};
/** The accounts of each OS family's root file system (base-passwd, alpine-baselayout, setup, busybox). */
const OS_USERS = {
  debian: 'root daemon bin sys sync games man lp mail news uucp proxy www-data backup list irc _apt nobody',
  ubuntu: 'root daemon bin sys sync games man lp mail news uucp proxy www-data backup list irc _apt nobody ubuntu',
  alpine: 'root bin daemon lp sync shutdown halt mail news uucp cron ftp sshd games ntp guest nobody',
  busybox: 'root daemon bin sys sync mail www-data operator nobody',
  fedora: 'root bin daemon adm lp sync shutdown halt mail operator games ftp nobody',
};
/** Root images whose source is not on GitHub (so not mirrored): their Dockerfile's config. */
const ROOT_CONFIG = { ubuntu: { cmd: ['/bin/bash'] } };
const ROOT_OS = new Set(Object.keys(OS_PACKAGE_MANAGER));

// ------------------------------------------------------------------------------------------------
// Sources

function parseArgs(argv) {
  const opts = { mirrors: [], out: 'server/src/dockerfile/data/baseImages.json' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--official') opts.official = argv[++i];
    else if (a === '--distroless') opts.distroless = argv[++i];
    else if (a === '--out') opts.out = argv[++i];
    else if (a === '--date') opts.date = argv[++i];
    else opts.mirrors.push(a);
  }
  if (!opts.official) throw new Error('usage: generate-base-images.mjs --official <mirror> [--distroless <mirror>] [--out file] <mirror>...');
  return opts;
}

/** A source tree: git (by commit) or a plain folder. */
export function openSource(path, name) {
  const full = resolve(path);
  const isGit = existsSync(join(full, 'HEAD')) && existsSync(join(full, 'objects'));
  const git = (...args) => execFileSync('git', ['--git-dir', full, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  const cache = new Map();
  return {
    name,
    isGit,
    head() {
      if (!isGit) return { commit: 'sample', date: undefined };
      const [commit, date] = git('log', '-1', '--format=%H %cI').trim().split(' ');
      return { commit, date };
    },
    hasCommit(commit) {
      if (!isGit || !commit) return !isGit;
      try {
        git('cat-file', '-e', commit + '^{commit}');
        return true;
      } catch {
        return false;
      }
    },
    read(commit, file) {
      const key = commit + ':' + file;
      if (cache.has(key)) return cache.get(key);
      let text;
      try {
        if (isGit) text = git('show', `${commit}:${file}`);
        else {
          const p = join(full, file);
          text = existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined;
        }
      } catch {
        text = undefined;
      }
      cache.set(key, text);
      return text;
    },
    branches() {
      if (!isGit) return [];
      if (!this._branches) this._branches = git('for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n').filter(Boolean);
      return this._branches;
    },
    files() {
      if (!isGit) return [];
      if (!this._files) this._files = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
      return this._files;
    },
    list(dir) {
      if (isGit) return git('ls-tree', '--name-only', 'HEAD', dir + '/').split('\n').filter(Boolean).map((p) => p.slice(dir.length + 1));
      return existsSync(join(full, dir)) ? readdir(join(full, dir)) : [];
    },
    deletedFiles(dir) {
      if (!isGit) return [];
      const out = git('log', '--diff-filter=D', '--format=@%cs', '--name-only', 'HEAD', '--', dir + '/');
      const result = [];
      let date;
      for (const line of out.split('\n')) {
        if (line.startsWith('@')) date = line.slice(1);
        else if (line.trim()) result.push({ file: line.trim(), date });
      }
      return result;
    },
  };
}

function readdir(p) {
  return execFileSync('ls', ['-1', p], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** `owner+name` from a mirror path (its folder, or the folder above a `repo` git directory). */
function mirrorName(arg) {
  const eq = arg.indexOf('=');
  if (eq > 0 && arg.slice(0, eq).includes('/')) return { name: arg.slice(0, eq).toLowerCase(), path: arg.slice(eq + 1) };
  const p = resolve(arg);
  const folder = basename(p) === 'repo' ? basename(dirname(p)) : basename(p);
  return { name: folder.replace('+', '/').toLowerCase(), path: p };
}

function repoOfUrl(url) {
  const m = /github\.com[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/i.exec(url ?? '');
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}

// ------------------------------------------------------------------------------------------------
// library/* files: RFC 2822-like paragraphs.

export function parseLibraryFile(text) {
  const paragraphs = [];
  let current = {};
  let lastKey;
  const flush = () => {
    if (Object.keys(current).length) paragraphs.push(current);
    current = {};
    lastKey = undefined;
  };
  for (const raw of text.split('\n')) {
    if (raw.startsWith('#')) continue;
    if (!raw.trim()) {
      flush();
      continue;
    }
    if (/^\s/.test(raw) && lastKey) {
      current[lastKey] += ' ' + raw.trim();
      continue;
    }
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(raw);
    if (m) {
      lastKey = m[1];
      current[m[1]] = m[2].trim();
    }
  }
  flush();
  const global = paragraphs[0] && !paragraphs[0].Tags ? paragraphs.shift() : {};
  const list = (v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
  return paragraphs
    .filter((p) => p.Tags)
    .map((p) => {
      const f = { ...global, ...p };
      const arches = list(f.Architectures || global.Architectures || 'amd64');
      const arch = arches.includes('amd64') ? 'amd64' : arches[0];
      const pick = (key) => f[`${arch}-${key}`] ?? f[key];
      return {
        tags: list(f.Tags),
        sharedTags: list(f.SharedTags),
        architectures: arches,
        windows: arches.some((a) => a.startsWith('windows-')),
        gitRepo: pick('GitRepo'),
        gitCommit: pick('GitCommit'),
        directory: (pick('Directory') ?? '.').replace(/\/+$/, ''),
        file: pick('File') ?? 'Dockerfile',
        gitFetch: pick('GitFetch'),
      };
    });
}

// ------------------------------------------------------------------------------------------------
// Dockerfiles: just enough of the format to read the last stage's configuration.

export function parseDockerfile(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let escape = '\\';
  for (const l of lines) {
    const m = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(l);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape') escape = m[2];
  }
  const instructions = [];
  let buf = '';
  for (const raw of lines) {
    const t = raw.trim();
    if (!buf && (t === '' || t.startsWith('#'))) continue;
    if (buf && t.startsWith('#')) continue;
    if (t.endsWith(escape)) {
      buf += t.slice(0, -escape.length) + ' ';
      continue;
    }
    buf += t;
    const m = /^(\S+)\s*([\s\S]*)$/.exec(buf.trim());
    if (m) instructions.push({ keyword: m[1].toUpperCase(), rest: m[2].trim() });
    buf = '';
  }
  const args = new Map();
  const stages = [];
  const substitute = (s, vars) =>
    s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (w, a, def, b) => vars.get(a ?? b) ?? def ?? w);
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && stages.length === 0) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=("?)(.*)\2)?$/.exec(ins.rest);
      if (m) args.set(m[1], m[3]);
      continue;
    }
    if (ins.keyword === 'FROM') {
      const words = ins.rest.split(/\s+/).filter((w) => !w.startsWith('--'));
      stages.push({ from: substitute(words[0] ?? 'scratch', args), name: /^as$/i.test(words[1] ?? '') ? words[2]?.toLowerCase() : undefined, instructions: [] });
      continue;
    }
    stages[stages.length - 1]?.instructions.push(ins);
  }
  return { stages, escape };
}

function jsonArray(rest) {
  if (!rest.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(rest);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

const PACKAGE_COMMANDS = /\b(apt-get|apt|apk|dnf|microdnf|yum|tdnf|zypper|pacman)\s+(install|add|update|upgrade|-S)/g;
const CREATED_USER = /\b(?:useradd|adduser)\b([^;&|]*)/g;

/** The configuration one stage sets, on top of its base. */
export function stageConfig(stage, shellDefault) {
  const c = { set: {}, expose: [], users: [], packageManagers: [], rootfs: false, copiesShell: false };
  let shell = shellDefault;
  let cmdSet = false;
  const env = new Map();
  const expand = (v) => v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (w, a, b) => env.get(a ?? b) ?? w);
  for (const ins of stage.instructions) {
    const rest = ['USER', 'WORKDIR', 'EXPOSE', 'STOPSIGNAL'].includes(ins.keyword) ? expand(ins.rest) : ins.rest;
    if (ins.keyword === 'ENV') {
      const pairs = [...ins.rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|(\S*))/g)];
      if (pairs.length) for (const m of pairs) env.set(m[1], expand(m[3] ?? m[4]));
      else {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(ins.rest);
        if (m) env.set(m[1], expand(m[2]));
      }
    }
    switch (ins.keyword) {
      case 'USER':
        c.set.user = rest.split(/\s+/)[0];
        break;
      case 'WORKDIR':
        c.set.workdir = rest.startsWith('/') || !c.set.workdir ? rest : c.set.workdir.replace(/\/$/, '') + '/' + rest;
        break;
      case 'SHELL': {
        const a = jsonArray(rest);
        if (a) {
          c.set.shell = a;
          shell = a;
        }
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const a = jsonArray(rest);
        const value = a ?? [...shell, rest];
        if (ins.keyword === 'CMD') {
          c.set.cmd = value;
          cmdSet = true;
        } else {
          c.set.entrypoint = value;
          if (!cmdSet) c.set.cmd = null;
        }
        break;
      }
      case 'EXPOSE':
        for (const p of rest.split(/\s+/)) if (/^\d+(\/(tcp|udp))?$/.test(p)) c.expose.push(p.replace('/tcp', ''));
        break;
      case 'STOPSIGNAL':
        c.set.stopsignal = rest;
        break;
      case 'ADD':
      case 'COPY':
        for (const m of rest.matchAll(/--chown=([a-z_][a-z0-9_-]*)/gi)) if (!c.users.includes(m[1])) c.users.push(m[1]);
        if (/\.tar(\.\w+)?\s+\/\s*$/.test(rest) && ins.keyword === 'ADD') c.rootfs = true;
        if (/\bbusybox\b/.test(rest)) c.copiesShell = true;
        break;
      case 'RUN': {
        for (const m of rest.matchAll(PACKAGE_COMMANDS)) if (!c.packageManagers.includes(m[1])) c.packageManagers.push(m[1]);
        // an account the script hands files to exists (often made by a package's install script)
        for (const m of rest.matchAll(/\bchown\s+(?:-\S+\s+)*([a-z_][a-z0-9_-]*)[:.\s]/g)) if (!c.users.includes(m[1])) c.users.push(m[1]);
        for (const m of rest.matchAll(CREATED_USER)) {
          const words = m[1].trim().split(/\s+/).filter((w) => w && !w.startsWith('-') && !w.startsWith('$') && /^[a-z_][a-z0-9_-]*$/i.test(w));
          // adduser/useradd take options with values (-u 1000, -G group, -h /home): the account is the last plain word
          const optionValues = new Set();
          const all = m[1].trim().split(/\s+/);
          for (let i = 0; i < all.length - 1; i++) if (/^-[a-zA-Z]$|^--(uid|gid|home|shell|ingroup|gecos|comment|group|groups|home-dir)$/.test(all[i])) optionValues.add(i + 1);
          const plain = all.filter((w, i) => !optionValues.has(i) && words.includes(w));
          const name = plain[plain.length - 1] ?? words[words.length - 1];
          if (name && !c.users.includes(name)) c.users.push(name);
        }
        break;
      }
    }
  }
  if (c.set.user && /^[a-z_][a-z0-9_-]*$/i.test(c.set.user.split(':')[0]) && !c.users.includes(c.set.user.split(':')[0])) c.users.push(c.set.user.split(':')[0]);
  return c;
}

// ------------------------------------------------------------------------------------------------
// Image references and the FROM chain.

function normalizeRef(ref) {
  let r = ref.toLowerCase().replace(/@sha256:[0-9a-f]+$/, '');
  r = r.replace(/^(docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)/, '').replace(/^library\//, '');
  const slash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  return colon > slash ? { repo: r.slice(0, colon), tag: r.slice(colon + 1) } : { repo: r, tag: 'latest' };
}

export function generate({ official, distroless, mirrors, date }) {
  const sources = new Map();
  for (const m of mirrors) {
    const { name, path } = mirrorName(m);
    sources.set(name, openSource(path, name));
  }
  const officialSource = openSource(official, 'docker-library/official-images');
  const officialHead = officialSource.head();
  const usedSources = new Map([['docker-library/official-images', officialHead]]);
  const missingCommit = new Map();

  /** repo name → parsed entries; tag → entry. */
  const images = new Map();
  for (const file of officialSource.list('library')) {
    const text = officialSource.read(officialHead.commit, 'library/' + file);
    if (!text) continue;
    const entries = parseLibraryFile(text);
    const byTag = new Map();
    for (const e of entries) for (const t of e.tags) byTag.set(t, e);
    for (const e of entries) for (const t of e.sharedTags) if (!byTag.has(t)) byTag.set(t, e);
    images.set(file, { entries, byTag });
  }

  const resolved = new Map();
  const resolving = new Set();

  function entryDockerfile(image, entry) {
    const repo = repoOfUrl(entry.gitRepo);
    const source = repo && sources.get(repo);
    if (!source) return undefined;
    if (!usedSources.has(repo)) usedSources.set(repo, source.head());
    const dir = entry.directory === '.' ? '' : entry.directory;
    const join = (d, f) => (d ? `${d}/${f}` : f);
    // oci-import entries name an OCI layout (index.json); the Dockerfile that made it sits beside it or one folder up
    const paths = entry.file.endsWith('.json')
      ? [join(dir, 'Dockerfile'), join(dir.replace(/\/?[^/]+$/, ''), 'Dockerfile')]
      : [join(dir, entry.file)];
    const exact = source.hasCommit(entry.gitCommit);
    const branch = /^refs\/(?:heads|tags)\/(.+)$/.exec(entry.gitFetch ?? '')?.[1];
    // not in the mirror: the branch it was fetched from, else the newest branch of the same kind (v3.20 for v3.24)
    const prefix = branch?.replace(/[\d.]+$/, '');
    const similar = branch && prefix !== branch && !source.branches().includes(branch) ? source.branches().filter((b) => b.startsWith(prefix) && /^[\d.]+$/.test(b.slice(prefix.length))) : [];
    similar.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    const refs = exact ? [entry.gitCommit] : source.isGit ? [branch, ...similar.slice(0, 1), 'HEAD'].filter(Boolean) : ['sample'];
    for (const ref of refs) {
      for (const p of paths) {
        const text = source.read(ref, p);
        if (text !== undefined) {
          if (!exact && source.isGit) missingCommit.set(image, (missingCommit.get(image) ?? 0) + 1);
          return text;
        }
      }
    }
    if (source.isGit && !entry.file.endsWith('.json')) {
      // the layout moved since the mirror's snapshot: the newest `<version>/<directory>/<file>` at HEAD
      const suffix = '/' + join(dir, entry.file);
      const candidates = source.files().filter((f) => f.endsWith(suffix) && /^[\d.]+\//.test(f));
      candidates.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
      if (candidates[0]) {
        missingCommit.set(image, (missingCommit.get(image) ?? 0) + 1);
        return source.read('HEAD', candidates[0]);
      }
    }
    return undefined;
  }

  /** The configuration of `repo:tag`, with its FROM chain applied; undefined when unknown. */
  function resolveRef(ref, depth = 0) {
    const { repo, tag } = normalizeRef(ref);
    if (repo === 'scratch') return { os: undefined, sh: false, config: {}, expose: [], users: [], root: 'scratch' };
    if (/^mcr\.microsoft\.com\/windows/.test(repo)) {
      return { os: 'windows', release: tag, sh: false, config: {}, expose: [], users: [], root: 'windows' };
    }
    const image = images.get(repo);
    let entry = image?.byTag.get(tag);
    if (!entry && image) {
      // an older Dockerfile (mirror HEAD) can name a tag since removed: take the current tag of the same variant
      const variant = tag.replace(/^[\d.]+(-|$)/, '');
      if (variant !== tag) entry = image.byTag.get(variant || 'latest');
    }
    if (!entry || depth > 12) return undefined;
    return resolveEntry(repo, entry, depth);
  }

  function resolveEntry(repo, entry, depth = 0) {
    if (resolved.has(entry)) return resolved.get(entry);
    if (resolving.has(entry)) return undefined;
    resolving.add(entry);
    let result;
    const text = entryDockerfile(repo, entry);
    if (text === undefined) {
      if (ROOT_OS.has(repo) && !entry.windows) result = rootResult(repo, entry, ROOT_CONFIG[repo] ?? {}, true);
    } else {
      const df = parseDockerfile(text);
      const stageIndex = df.stages.length - 1;
      const chain = [];
      // a last stage FROM an earlier stage of the same file: apply the earlier stages first
      let s = df.stages[stageIndex];
      while (s) {
        chain.unshift(s);
        const from = s.from.toLowerCase();
        s = df.stages.slice(0, df.stages.indexOf(s)).reverse().find((p) => p.name === from);
      }
      const baseRef = chain[0]?.from ?? 'scratch';
      let base = resolveRef(baseRef, depth + 1);
      if (!base) base = { os: undefined, config: {}, expose: [], users: [], unknownBase: baseRef };
      let acc = { ...base, config: { ...base.config }, expose: [...base.expose], users: [...base.users], from: baseRef };
      for (const stage of chain) {
        const shellDefault = acc.config.shell ?? (acc.os === 'windows' ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c']);
        const c = stageConfig(stage, shellDefault);
        if (acc.root === 'scratch' && c.rootfs && !acc.os) {
          const os = ROOT_OS.has(repo) ? repo : undefined;
          acc = { ...rootResult(repo, entry, {}, false), from: baseRef };
          if (!os) acc.sh = true;
        }
        if (c.copiesShell) acc.sh = true;
        Object.assign(acc.config, c.set);
        // a root whose Dockerfile was not read: its ENTRYPOINT is unknown until a later one sets it
        if ('entrypoint' in c.set) acc.unseen = false;
        for (const p of c.expose) if (!acc.expose.includes(p)) acc.expose.push(p);
        for (const u of c.users) if (!acc.users.includes(u)) acc.users.push(u);
        if (!acc.pm && c.packageManagers.length) acc.pm = c.packageManagers[0];
      }
      result = acc;
    }
    resolving.delete(entry);
    if (result && entry.windows) {
      result = { ...result, os: 'windows', sh: false };
    }
    resolved.set(entry, result);
    return result;
  }

  function rootResult(repo, entry, config, unseen) {
    const os = ROOT_OS.has(repo) ? repo : undefined;
    const release = releaseOf(repo, entry.tags);
    return {
      os,
      release,
      pm: os ? OS_PACKAGE_MANAGER[os] ?? undefined : undefined,
      sh: os !== 'windows',
      config: { ...config },
      expose: [],
      users: (OS_USERS[os] ?? (['almalinux', 'rockylinux', 'centos', 'oraclelinux', 'amazonlinux'].includes(os) ? OS_USERS.fedora : '')).split(' ').filter(Boolean),
      root: repo,
      unseen,
    };
  }

  // ---- output: profiles shared across tags; per image, [tags, profile] pairs in the library file's order
  const profiles = [];
  const profileKeys = new Map();
  const userSets = [];
  const userSetKeys = new Map();
  const profileOf = (r) => {
    const p = {};
    if (r.os) p.os = r.os;
    const rootRelease = r.release;
    if (rootRelease) p.release = rootRelease;
    if (r.pm) p.pm = r.pm;
    if (r.sh === false) p.sh = false;
    const c = r.config;
    if (c.user) p.user = c.user;
    if (c.workdir) p.workdir = c.workdir;
    if (c.entrypoint?.length) p.entrypoint = c.entrypoint;
    if (c.cmd) p.cmd = c.cmd;
    if (c.shell) p.shell = c.shell;
    if (c.stopsignal) p.stopsignal = c.stopsignal;
    if (r.expose.length) p.expose = r.expose;
    if (r.unknownBase) p.unknownBase = r.unknownBase;
    if (r.unseen && !ROOT_CONFIG[r.root]) p.configUnknown = true;
    if (r.users.length) {
      const key = r.users.join(' ');
      if (!userSetKeys.has(key)) {
        userSetKeys.set(key, userSets.length);
        userSets.push(key);
      }
      p.users = userSetKeys.get(key);
    }
    if (r.from && r.from !== 'scratch') p.from = r.from.replace(/^(docker\.io\/)?(library\/)?/, '');
    const key = JSON.stringify(p);
    if (!profileKeys.has(key)) {
      profileKeys.set(key, profiles.length);
      profiles.push(p);
    }
    return profileKeys.get(key);
  };

  const out = {};
  for (const [name, image] of [...images].sort(([a], [b]) => a.localeCompare(b))) {
    const families = [];
    let repo;
    for (const entry of image.entries) {
      const r = resolveEntry(name, entry);
      if (!r) continue;
      repo ??= repoOfUrl(entry.gitRepo);
      const shared = entry.sharedTags.filter((t) => image.byTag.get(t) === entry);
      families.push([[...entry.tags, ...shared].join(' '), profileOf(r)]);
    }
    if (families.length) out[name] = { source: repo ?? 'official-images', ...(missingCommit.has(name) ? { headFallback: true } : {}), tags: families };
  }
  if (distroless) Object.assign(out, distrolessImages(openSource(distroless, 'googlecontainertools/distroless'), profileOf, usedSources));

  const retired = {};
  for (const { file, date: d } of officialSource.deletedFiles('library')) {
    const name = file.replace(/^library\//, '');
    if (!images.has(name) && !retired[name]) retired[name] = d;
  }

  return {
    $comment:
      'Generated by scripts/generate-base-images.mjs from the public sources named below (see baseImages.NOTICE.md). Do not edit by hand.',
    generated: date ?? (officialHead.date ?? '').slice(0, 10),
    sources: Object.fromEntries([...usedSources].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [v.commit, (v.date ?? '').slice(0, 10)]])),
    userSets,
    profiles,
    images: out,
    retired,
  };
}

// ------------------------------------------------------------------------------------------------
// distroless: built by Bazel, not Dockerfiles. Its rule files state the entrypoints and users.

function distrolessImages(source, profileOf, usedSources) {
  const head = source.head();
  usedSources.set('googlecontainertools/distroless', head);
  const read = (p) => source.read(head.commit, p) ?? '';
  const distros = [...read('distro.bzl').matchAll(/\("(debian\d+)",\s*"(\w+)",\s*"(\d+)"\)/g)].map((m) => ({ id: m[1], codename: m[2] }));
  const listOf = (text, name) => {
    const m = new RegExp(name + '\\s*=\\s*\\[([^\\]]*)\\]').exec(text);
    return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
  };
  const dictOf = (text, name) => {
    const m = new RegExp(name + '\\s*=\\s*\\{([\\s\\S]*?)\\n\\}').exec(text);
    const d = {};
    if (m) for (const e of m[1].matchAll(/"(\w+)":\s*\[([^\]]*)\]/g)) d[e[1]] = [...e[2].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
    return d;
  };
  const literalEntrypoint = (file) => {
    const m = /entrypoint\s*=\s*\[\s*"([^"]+)"(?:,\s*"([^"]+)")?/.exec(read(file));
    return m ? [m[1], ...(m[2] ? [m[2]] : [])] : undefined;
  };
  const pyVersions = {};
  for (const m of read('python3/python.bzl').matchAll(/"(debian\d+)":\s*"(3\.\d+)"/g)) pyVersions[m[1]] = m[2];
  const kinds = [];
  for (const d of distros) {
    for (const k of ['static', 'base', 'base-nossl', 'cc']) kinds.push({ name: `${k}-${d.id}`, distro: d });
  }
  const python = listOf(read('python3/config.bzl'), 'PYTHON_DISTROS');
  for (const id of python) {
    const d = distros.find((x) => x.id === id);
    if (d) kinds.push({ name: `python3-${id}`, distro: d, entrypoint: [`/usr/bin/python${pyVersions[id] ?? '3'}`] });
  }
  const java = dictOf(read('java/config.bzl'), 'JAVA_MAJOR_VERSIONS');
  const javaEntry = literalEntrypoint('java/java.bzl');
  for (const [id, versions] of Object.entries(java)) {
    const d = distros.find((x) => x.id === id);
    if (d) for (const v of versions) kinds.push({ name: `java${v}-${id}`, distro: d, entrypoint: javaEntry });
  }
  const nodeEntry = literalEntrypoint('nodejs/nodejs.bzl');
  const nodeConfig = read('nodejs/config.bzl');
  const nodeMajors = listOf(nodeConfig, 'NODEJS_MAJOR_VERSIONS');
  for (const id of listOf(nodeConfig, 'NODEJS_DISTROS')) {
    const d = distros.find((x) => x.id === id);
    if (d) for (const v of nodeMajors) kinds.push({ name: `nodejs${v}-${id}`, distro: d, entrypoint: nodeEntry });
  }
  const users = 'root nonroot nobody';
  const out = {};
  for (const k of kinds) {
    const tags = [];
    for (const [tag, user, workdir, debug] of [
      ['latest', '0', '/', false],
      ['nonroot', '65532', '/home/nonroot', false],
      ['debug', '0', '/', true],
      ['debug-nonroot', '65532', '/home/nonroot', true],
    ]) {
      const config = { user, workdir };
      if (k.entrypoint) config.entrypoint = k.entrypoint;
      else if (debug) config.entrypoint = ['/busybox/sh'];
      const r = { os: 'debian', release: k.distro.codename, pm: undefined, sh: false, config, expose: [], users: users.split(' '), root: 'distroless' };
      if (user === '0') delete r.config.user;
      tags.push([tag, profileOf(r)]);
    }
    out[`gcr.io/distroless/${k.name}`] = { source: 'googlecontainertools/distroless', tags };
  }
  return out;
}

// ------------------------------------------------------------------------------------------------

function releaseOf(repo, tags) {
  if (repo === 'debian' || repo === 'ubuntu') {
    const codename = tags.find((t) => /^[a-z]+$/.test(t) && !['latest', 'rolling', 'devel', 'stable', 'oldstable', 'testing', 'unstable', 'sid', 'experimental', 'rc-buggy', 'oldoldstable'].includes(t));
    if (codename) return codename;
    const word = tags.find((t) => /^[a-z]+(-slim)?$/.test(t) && t !== 'latest');
    if (word) return word.replace(/-slim$/, '');
  }
  const version = tags.find((t) => /^\d+(\.\d+)?$/.test(t)) ?? tags.find((t) => /^\d/.test(t));
  return (version ?? tags[0])?.replace(/-slim$/, '');
}

if (process.argv[1]?.endsWith("generate-base-images.mjs")) {
  const opts = parseArgs(process.argv.slice(2));
  const table = generate(opts);
  const text = JSON.stringify(table) + '\n';
  writeFileSync(opts.out, text);
  const tags = Object.values(table.images).reduce((n, i) => n + i.tags.reduce((m, [t]) => m + t.split(' ').length, 0), 0);
  console.log(`${opts.out}: ${Object.keys(table.images).length} images, ${tags} tags, ${table.profiles.length} profiles, ${(text.length / 1024).toFixed(1)} KB`);
}
