// What "Use Docklens for Dockerfile and Compose editing" would change, as pure functions over the
// installed peers and the current setting values. The client (prompt.ts) reads VS Code and applies.
import { PEERS, Peer, PeerSetting, PlanContext } from './peers';
import * as l10n from '@vscode/l10n';

/** An installed peer and the setting keys its package.json declares. */
export interface InstalledPeer {
  id: string;
  declares: ReadonlySet<string>;
}

/** What Docklens itself serves (its own switches); the peers keep what Docklens does not. */
export interface DocklensScope {
  dockerfile: boolean;
  compose: boolean;
  diagnostics: boolean;
}

/** A setting as VS Code's `inspect` sees it: the user-settings value and the value in effect. */
export interface SettingValues {
  user: unknown;
  effective: unknown;
}

export interface SettingChange {
  peer: string;
  key: string;
  /** The user-settings value before (undefined: not set there). */
  before: unknown;
  after: unknown;
  effect: string;
  needsRestart: boolean;
}

export interface TakeoverPlan {
  /** Names of installed peers that serve the same files with the same features. */
  peers: string[];
  changes: SettingChange[];
  /** Duplicates no peer setting removes. */
  remains: string[];
}

/** Setting keys declared in an extension manifest's `contributes.configuration` (an object or a list). */
export function declaredSettings(packageJSON: unknown): Set<string> {
  const keys = new Set<string>();
  const contributes = (packageJSON as { contributes?: { configuration?: unknown } } | undefined)?.contributes;
  const configuration = contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  for (const section of sections) {
    const properties = (section as { properties?: unknown } | null)?.properties;
    if (properties && typeof properties === 'object') for (const key of Object.keys(properties)) keys.add(key);
  }
  return keys;
}

function servesWhatDocklensServes(peer: Peer, scope: DocklensScope): boolean {
  const dockerfile = scope.dockerfile && (peer.serves.dockerfile ?? []).some((f) => f !== 'diagnostics' || scope.diagnostics);
  const compose = scope.compose && (peer.serves.dockercompose ?? []).some((f) => f !== 'diagnostics' || scope.diagnostics);
  return dockerfile || compose;
}

function applies(setting: PeerSetting, scope: DocklensScope): boolean {
  if (setting.language === 'dockerfile' && !scope.dockerfile) return false;
  if (setting.language === 'dockercompose' && !scope.compose) return false;
  return setting.feature !== 'diagnostics' || scope.diagnostics;
}

/**
 * The settings to write so that the installed peers step aside where Docklens serves the same files.
 * Only keys the installed peer declares are written (Docker 2.x declares none), each key once, and
 * only where the value in effect does not step aside already. New values build on the user-settings
 * value, so workspace values are never copied into user settings.
 */
export function planTakeover(
  installed: readonly InstalledPeer[],
  read: (key: string) => SettingValues,
  scope: DocklensScope,
  context: PlanContext,
  peers: readonly Peer[] = PEERS,
): TakeoverPlan {
  const plan: TakeoverPlan = { peers: [], changes: [], remains: [] };
  const planned = new Set<string>();
  for (const peer of peers) {
    const found = installed.find((p) => p.id.toLowerCase() === peer.id.toLowerCase());
    if (!found || !servesWhatDocklensServes(peer, scope)) continue;
    plan.peers.push(peer.name);
    for (const setting of peer.settings) {
      if (planned.has(setting.key) || !found.declares.has(setting.key) || !applies(setting, scope)) continue;
      const values = read(setting.key);
      if (setting.next(values.effective, context) === undefined) continue;
      const after = setting.next(values.user, context);
      if (after === undefined) continue;
      planned.add(setting.key);
      plan.changes.push({ peer: peer.name, key: setting.key, before: values.user, after, effect: setting.effect, needsRestart: !!setting.needsRestart });
    }
    if (peer.remains && scope.dockerfile) plan.remains.push(peer.remains());
  }
  return plan;
}

/** What the prompt remembers: "Don't ask again" (for good) and "asked in this workspace". */
export interface PromptMemory {
  dontAskAgain: boolean;
  askedInWorkspace: boolean;
}

/** One offer per workspace, none after "Don't ask again", and only when there is something to change. */
export function shouldOffer(plan: TakeoverPlan, memory: PromptMemory): boolean {
  return !memory.dontAskAgain && !memory.askedInWorkspace && plan.changes.length > 0;
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return l10n.t('{0} and {1}', names.slice(0, -1).join(l10n.t(', ')), names[names.length - 1]);
}

export function offerMessage(plan: TakeoverPlan): string {
  const peers = plan.peers.filter((name) => plan.changes.some((c) => c.peer === name));
  const undo = l10n.t("Docklens: Undo Changes to Other Extensions' Settings");
  return peers.length === 1
    ? l10n.t(
        '{0} also serves Dockerfiles or Compose files, so you may see two hovers, merged completions and duplicate problems. Docklens can change {1} of their settings (in your user settings; undo with "{2}").',
        list(peers),
        plan.changes.length,
        undo,
      )
    : l10n.t(
        '{0} also serve Dockerfiles or Compose files, so you may see two hovers, merged completions and duplicate problems. Docklens can change {1} of their settings (in your user settings; undo with "{2}").',
        list(peers),
        plan.changes.length,
        undo,
      );
}

function show(value: unknown): string {
  if (Array.isArray(value) && value.length > 4) return `[${value.slice(0, 4).map((v) => JSON.stringify(v)).join(', ')}, … ${value.length} items]`;
  if (value && typeof value === 'object') return `{… ${Object.keys(value).length} keys}`;
  return JSON.stringify(value);
}

/** Sentences one after another: `a b` in English, `ab` in Chinese (no space after a full stop). */
export function joinSentences(parts: readonly string[]): string {
  return parts.reduce((text, next) => l10n.t('{0} {1}', text, next));
}

/** Clauses as sentences: `a. b.` in English, `a。b。` in Chinese. */
export function sentences(clauses: readonly string[]): string {
  return joinSentences(clauses.map((c) => l10n.t('{0}.', c)));
}

/** The message after the change: every key written, what still duplicates, and whether to reload. */
export function doneMessage(changes: readonly SettingChange[], remains: readonly string[]): string {
  const written = changes.map((c) => `${c.key} = ${show(c.after)}`).join('; ');
  const parts = [changes.length === 1 ? l10n.t('Docklens changed {0} user setting: {1}.', changes.length, written) : l10n.t('Docklens changed {0} user settings: {1}.', changes.length, written)];
  if (remains.length) parts.push(sentences(remains));
  if (changes.some((c) => c.needsRestart)) parts.push(l10n.t('Reload the window for the Compose changes to take effect.'));
  return joinSentences(parts);
}

/** Stored after the change, for the undo command. */
export interface UndoRecord {
  changes: { key: string; before: unknown; after: unknown }[];
}

export function undoRecord(changes: readonly SettingChange[]): UndoRecord {
  return { changes: changes.map(({ key, before, after }) => ({ key, before, after })) };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The writes that undo the change: each key back to its user-settings value from before (undefined
 * removes it). A key the user has changed since is left alone and listed as kept.
 */
export function planUndo(record: UndoRecord, readUser: (key: string) => unknown): { restore: { key: string; value: unknown }[]; kept: string[] } {
  const restore: { key: string; value: unknown }[] = [];
  const kept: string[] = [];
  // Newest first, so a key changed twice ends at its first value.
  for (const change of [...record.changes].reverse()) {
    if (restore.some((r) => r.key === change.key)) {
      restore.find((r) => r.key === change.key)!.value = change.before;
      continue;
    }
    if (sameValue(readUser(change.key), change.after)) restore.push({ key: change.key, value: change.before });
    else kept.push(change.key);
  }
  return { restore, kept };
}
