// What the language services may ask about files beside the document (a Compose file's Dockerfile,
// a Dockerfile's .dockerignore, an `extends.file`). The services never touch the file system: the
// editor's server and the CLI each pass a host; node/fileAccess.ts is the one that reads.
import { fill, type MessageArgs, type MessageKey } from '../l10n';
import { english } from '../l10n/messages';

/** A `file://` URI for an absolute POSIX path. */
export function fileUri(absPath: string): string {
  return 'file://' + absPath.split('/').map((s) => encodeURIComponent(s).replace(/%3A/g, ':')).join('/');
}

/** Why a side file could not be read. */
export type FileProblem =
  | 'missing' // nothing there (or a dangling link)
  | 'directory'
  | 'not-a-file' // a FIFO, socket or device: never read, it could block or never end
  | 'too-large' // over the size limit (`docklens.files.maxSize`, `--max-size`)
  | 'not-text' // NUL bytes: a binary file
  | 'outside-project'; // Restricted Mode: outside the workspace folders, existence not revealed

export type FileRead = { text: string } | { problem: FileProblem };

export interface FileHost {
  /** Text of a file, or undefined when it cannot be read (see `read` for why). Paths are absolute. */
  readFile(absPath: string): string | undefined;
  /** A file or folder is there (false for paths the host may not look at). */
  exists(absPath: string): boolean;
  /** The text, or why there is none. Hosts without it are treated as reporting only `missing`. */
  read?(absPath: string): FileRead;
  /** Whether a link or definition may point at the path (never system paths, devices, or outside the project when untrusted). */
  linkable?(absPath: string): boolean;
}

/** The reason a host gives for a path, or undefined when it reads (or when the host cannot say). */
export function fileProblem(host: Pick<FileHost, 'read' | 'readFile'>, absPath: string): FileProblem | undefined {
  if (host.read) {
    const r = host.read(absPath);
    return 'problem' in r ? r.problem : undefined;
  }
  return host.readFile(absPath) === undefined ? 'missing' : undefined;
}

/** Whether an editor link may target the path. */
export function canLink(host: Pick<FileHost, 'exists' | 'linkable'>, absPath: string): boolean {
  return host.linkable ? host.linkable(absPath) : host.exists(absPath);
}

const PROBLEM_KEYS: Record<FileProblem, MessageKey> = {
  missing: 'frag.file.missing',
  directory: 'frag.file.directory',
  'not-a-file': 'frag.file.notAFile',
  'too-large': 'frag.file.tooLarge',
  'not-text': 'frag.file.notText',
  'outside-project': 'frag.file.outsideProject',
};

type Say = (key: MessageKey, args: MessageArgs) => string;
const inEnglish: Say = (key, args) => fill(english[key], args);

/**
 * Plain-text sentence for a problem: "`shown` is …". `shown` is the path as the user wrote or sees it.
 * English by default: diagnostics are written in English and translated by pattern (`frag.file.*`);
 * pass `t` for the reader's language (CLI errors).
 */
export function describeFileProblem(problem: FileProblem, shown: string, maxBytes?: number, say: Say = inEnglish): string {
  if (problem === 'too-large' && maxBytes === undefined) return say('frag.file.tooLargeUnknown', { path: shown });
  return say(PROBLEM_KEYS[problem], { path: shown, size: maxBytes === undefined ? '' : formatBytes(maxBytes) });
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

/** `10M`, `512k`, `1.5MB`, `2048` (bytes) → bytes; undefined when malformed. */
export function parseByteSize(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = Math.floor(Number(m[1]) * unit);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** True when the text looks binary (a NUL character in its first 8,000 characters, as git decides). */
export function looksBinary(text: string): boolean {
  const head = text.length > 8000 ? text.slice(0, 8000) : text;
  return head.includes('\0');
}
