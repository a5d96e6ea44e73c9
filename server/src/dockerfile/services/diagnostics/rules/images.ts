// Best practices about what goes into the image: pinned base images, COPY over ADD for local files,
// COPY --from that names a stage, the final USER, and secret files copied in.
import { type Finding, type Rule, instructionRule, stageRule } from '../rule';
import { parseImageRef } from '../../imageRef';
import { stageFacts, userChangeAt } from '../../stages';
import { hasKeyword, NO_FINDINGS, argValue, BEST_PRACTICES, finding, fix, flagOf, hadolintWiki, headSpan, matchCase, replace, suggest, withInner } from './helpers';

export const baseImageUnpinned: Rule = stageRule({
  code: 'BaseImageUnpinned',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3006'),
  description: "Base image without a version tag (or with 'latest'): the build changes when the image does",
  hadolint: ['DL3006', 'DL3007'],
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      if (!stage.baseSpan || stage.baseStage !== undefined || stage.base.includes('$') || stage.base.toLowerCase() === 'scratch') continue;
      // A name used as a stage later on is still an image here, but a stage of the same name defined later is a typo risk we leave alone.
      const ref = parseImageRef(stage.base);
      if (ref.digest) continue;
      if (ref.tagImplicit) (out ??= []).push(finding(stage.baseSpan, `Image '${stage.base}' has no tag, so it means '${stage.base}:latest', which moves: pin a version tag or a digest`));
      else if (ref.tag?.text === 'latest') (out ??= []).push(finding(stage.baseSpan, `'${stage.base}' moves with every release: pin a version tag or a digest`));
    }
    return out ?? NO_FINDINGS;
  },
});

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|gz|bz2|xz|zst|lz4)$/i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
const ADD_ONLY_FLAGS = ['checksum', 'keep-git-dir', 'unpack'];

export const addForLocalFile: Rule = instructionRule({
  code: 'AddForLocalFile',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3020'),
  description: 'ADD of local files that are not archives: COPY does the same with no surprises',
  hadolint: ['DL3020'],
  keywords: ['ADD'],
  checkInstruction(outer, { model }) {
    if (!hasKeyword(outer, 'ADD')) return NO_FINDINGS;
    let out: Finding[] | undefined;
    // ONBUILD ADD is checked like ADD (hadolint does the same).
    for (const ins of withInner(outer)) {
      if (ins.keyword !== 'ADD' || ins.flags.some((f) => ADD_ONLY_FLAGS.includes(f.name.toLowerCase()))) continue;
      const sources = ins.args.slice(0, -1).map((a) => argValue(ins, a));
      if (sources.length === 0 || sources.some((s) => REMOTE.test(s) || ARCHIVE.test(s) || s.includes('$'))) continue;
      const copy = matchCase('COPY', ins.keywordText);
      (out ??= []).push(finding(ins.keywordSpan, 'Use COPY instead of ADD for local files: ADD also fetches URLs and unpacks archives', [fix(`Change ADD to ${copy}`, [replace(ins.keywordSpan, copy)])]));
    }
    return out ?? NO_FINDINGS;
  },
});

export const copyFromUnknownStage: Rule = stageRule({
  code: 'CopyFromUnknownStage',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3022'),
  description: "'COPY --from' names no earlier stage (or its own stage)",
  hadolint: ['DL3022', 'DL3023'],
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      for (const ins of stage.instructions) {
        const from = ins.keyword === 'COPY' ? flagOf(ins, 'from') : undefined;
        if (!from?.value || !from.valueSpan || from.value.includes('$')) continue;
        const v = from.value;
        if (/^\d+$/.test(v)) {
          const n = Number(v);
          if (n === stage.index) (out ??= []).push(finding(from, `COPY --from=${v} refers to its own stage`));
          else if (n > stage.index) (out ??= []).push(finding(from, `COPY --from=${v} refers to a stage that does not come before this one (stages are numbered from 0; this is stage ${stage.index})`));
          continue;
        }
        const target = model.stageByName(v);
        if (target) {
          if (target.index === stage.index) (out ??= []).push(finding(from, `COPY --from=${v} refers to its own stage`));
          else if (target.index > stage.index) (out ??= []).push(finding(from, `Stage '${v}' is defined after this COPY: define it earlier`));
          continue;
        }
        if (/[/:@.]/.test(v)) continue; // an image reference: BuildKit pulls it
        const names = model.stages.filter((s) => s.name && s.index < stage.index).map((s) => s.name!);
        const hint = suggest(v, names, false);
        (out ??= []).push(finding(from.valueSpan, `'${v}' is not a stage of this Dockerfile: BuildKit will pull an image named '${v}'${hint ? ` (did you mean stage '${hint}'?)` : ''}`, hint ? [fix(`Change to ${hint}`, [replace(from.valueSpan, hint)])] : undefined));
      }
    }
    return out ?? NO_FINDINGS;
  },
});

export const lastUserRoot: Rule = {
  code: 'LastUserRoot',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3002'),
  description: 'The final stage switches back to root: the container runs as root',
  hadolint: ['DL3002'],
  check({ model }) {
    // The final image's USER is the last one of the final stage, else of the stage it is built FROM, and so on.
    const last = model.stages[model.stages.length - 1];
    const set = last && userChangeAt(stageFacts(model, last), Infinity);
    if (!set) return NO_FINDINGS;
    const user = set.instruction;
    const name = set.value.split(':')[0];
    if (name !== 'root' && name !== '0') return NO_FINDINGS;
    if (model.stageAt(user.start) === last) return [finding(headSpan(model, user), 'The last USER is root: the container will run as root; switch to an unprivileged user at the end')];
    const label = last.name ?? `stage ${last.index}`;
    return [finding(headSpan(model, user), `The final image (${label}, built FROM this stage) keeps this USER root: the container will run as root; switch to an unprivileged user at the end of ${label}`)];
  },
};

const SECRET_FILES = [
  /^\.env(?:\.(?!example$|sample$|template$|dist$|defaults?$|tpl$)[^/]+)?$/i,
  /^id_(?:rsa|dsa|ecdsa|ed25519)$/,
  /^\.(?:netrc|pgpass|git-credentials)$/,
  /^\.aws\/credentials$/,
];

export const secretFileCopied: Rule = instructionRule({
  code: 'SecretFileCopied',
  defaultSeverity: 'warning',
  url: BEST_PRACTICES,
  description: "COPY/ADD of a file that usually holds secrets ('.env', 'id_rsa'): it stays in the image layers",
  keywords: ['COPY', 'ADD'],
  checkInstruction(outer, { model }) {
    if (!hasKeyword(outer, 'COPY', 'ADD')) return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const ins of withInner(outer)) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || flagOf(ins, 'from')) continue;
      for (const src of ins.args.slice(0, -1)) {
        const value = argValue(ins, src);
        const path = value.replace(/\\/g, '/').replace(/\/+$/, '');
        const tail = path.split('/').slice(-2).join('/');
        const base = path.slice(path.lastIndexOf('/') + 1);
        if (SECRET_FILES.some((re) => re.test(base) || re.test(tail))) {
          (out ??= []).push(finding(src, `'${value}' usually holds secrets and stays in the image: use a build secret (RUN --mount=type=secret) instead`));
        }
      }
    }
    return out ?? NO_FINDINGS;
  },
});
