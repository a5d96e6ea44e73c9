// The client side of coexistence: read the installed peers and settings, ask once, write, undo.
// The decisions are in plan.ts; this file only talks to VS Code.
import { commands, ConfigurationTarget, Disposable, ExtensionContext, extensions, Uri, window, workspace } from 'vscode';
import { PEERS } from './peers';
import * as l10n from '@vscode/l10n';
import { declaredSettings, doneMessage, joinSentences, offerMessage, planTakeover, planUndo, sentences, shouldOffer, TakeoverPlan, undoRecord, UndoRecord } from './plan';

// The rule table's hadolint codes, put in by scripts/build.mjs (the client does not bundle the rules).
declare const DOCKLENS_HADOLINT_CODES: string[] | undefined;
const HADOLINT_CODES = typeof DOCKLENS_HADOLINT_CODES === 'undefined' ? [] : DOCKLENS_HADOLINT_CODES;

const DONT_ASK_AGAIN = 'docklens.peers.dontAskAgain'; // globalState
const ASKED = 'docklens.peers.asked'; // workspaceState
const UNDO = 'docklens.peers.undo'; // globalState

function emptySchema(context: ExtensionContext): Uri {
  return Uri.joinPath(context.globalStorageUri, 'empty-schema.json');
}

function currentPlan(context: ExtensionContext): TakeoverPlan {
  const installed = PEERS.flatMap((peer) => {
    const extension = extensions.getExtension(peer.id);
    return extension ? [{ id: extension.id, declares: declaredSettings(extension.packageJSON) }] : [];
  });
  // User settings are what Docklens writes: read them for no particular resource (null).
  const config = workspace.getConfiguration(undefined, null);
  const own = workspace.getConfiguration('docklens', null);
  return planTakeover(
    installed,
    (key) => ({ user: config.inspect(key)?.globalValue, effective: config.get(key) }),
    { dockerfile: own.get('dockerfile.enable', true), compose: own.get('compose.enable', true), diagnostics: own.get('diagnostics.enable', true) },
    { emptySchemaPath: emptySchema(context).fsPath, hadolintCodes: HADOLINT_CODES },
  );
}

async function apply(context: ExtensionContext, plan: TakeoverPlan): Promise<void> {
  if (plan.changes.some((c) => c.key === 'yaml.schemas')) {
    await workspace.fs.createDirectory(context.globalStorageUri);
    await workspace.fs.writeFile(emptySchema(context), new TextEncoder().encode('{}\n'));
  }
  const config = workspace.getConfiguration(undefined, null);
  for (const change of plan.changes) await config.update(change.key, change.after, ConfigurationTarget.Global);
  const previous = context.globalState.get<UndoRecord>(UNDO);
  await context.globalState.update(UNDO, { changes: [...(previous?.changes ?? []), ...undoRecord(plan.changes).changes] });
  const reload = plan.changes.some((c) => c.needsRestart) ? l10n.t('Reload Window') : undefined;
  const undoButton = l10n.t('Undo');
  const choice = await window.showInformationMessage(doneMessage(plan.changes, plan.remains), ...(reload ? [undoButton, reload] : [undoButton]));
  if (choice === undoButton) await undo(context);
  else if (choice === reload) await commands.executeCommand('workbench.action.reloadWindow');
}

async function undo(context: ExtensionContext): Promise<void> {
  const record = context.globalState.get<UndoRecord>(UNDO);
  if (!record || record.changes.length === 0) {
    void window.showInformationMessage(l10n.t('Docklens has not changed any settings of other extensions.'));
    return;
  }
  const config = workspace.getConfiguration(undefined, null);
  const { restore, kept } = planUndo(record, (key) => config.inspect(key)?.globalValue);
  for (const { key, value } of restore) await config.update(key, value, ConfigurationTarget.Global);
  await context.globalState.update(UNDO, undefined);
  const keys = restore.map((r) => r.key).join(', ');
  const restored = restore.length === 1 ? l10n.t('Docklens restored {0} setting: {1}.', restore.length, keys) : l10n.t('Docklens restored {0} settings: {1}.', restore.length, keys);
  const note = kept.length ? [l10n.t('Kept (changed since): {0}.', kept.join(', '))] : [];
  void window.showInformationMessage(joinSentences([restored, ...note]));
}

/** Asks once per workspace (never after "Don't Ask Again"); from the command, asks whatever was answered before. */
async function offer(context: ExtensionContext, fromCommand: boolean): Promise<void> {
  const plan = currentPlan(context);
  const memory = { dontAskAgain: context.globalState.get(DONT_ASK_AGAIN, false), askedInWorkspace: context.workspaceState.get(ASKED, false) };
  if (fromCommand) {
    if (plan.changes.length === 0) {
      const nothing = l10n.t("No other extension's settings to change.");
      void window.showInformationMessage(plan.remains.length ? joinSentences([nothing, sentences(plan.remains)]) : nothing);
      return;
    }
  } else if (!shouldOffer(plan, memory)) {
    return;
  }
  await context.workspaceState.update(ASKED, true);
  const use = l10n.t('Use Docklens for Dockerfile and Compose editing');
  const dontAsk = l10n.t("Don't Ask Again");
  const choice = await window.showInformationMessage(offerMessage(plan), use, l10n.t('Not Now'), dontAsk);
  if (choice === dontAsk) await context.globalState.update(DONT_ASK_AGAIN, true);
  if (choice === use) await apply(context, plan);
}

export function registerCoexistence(context: ExtensionContext): Disposable[] {
  // Not awaited: activation does not wait for the user's answer.
  void offer(context, false).catch((e) => console.error('Docklens: peer check failed', e));
  return [
    commands.registerCommand('docklens.usePeerSettings', () => offer(context, true)),
    commands.registerCommand('docklens.undoPeerSettings', () => undo(context)),
  ];
}
