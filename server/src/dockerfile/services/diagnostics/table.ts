// Every diagnostic rule, in one table. The order is the order findings are reported in for one offset.
import type { Rule } from './rule';
import { instructionBeforeFrom, invalidArguments, invalidCheckDirective, setKnownCodes, syntaxError, unknownFlag, unknownInstruction } from './rules/syntax';
import { duplicateStageName, fromAsCasing, reservedStageName, stageNameCasing } from './rules/stageNames';
import { consistentInstructionCasing } from './rules/instructionCasing';
import { noEmptyContinuation } from './rules/noEmptyContinuation';
import { jsonArgsRecommended, legacyKeyValueFormat, maintainerDeprecated, multipleInstructionsDisallowed, workdirRelativePath } from './rules/instructionForms';
import { fromPlatformFlagConstDisallowed, invalidBaseImageName, invalidFromExpansion, invalidDefaultArgInFrom, redundantTargetPlatform, undefinedArgInFrom } from './rules/fromLine';
import { secretsUsedInArgOrEnv, undefinedVar } from './rules/variables';
import { exposeInvalidFormat, exposeProtoCasing } from './rules/expose';
import { copyIgnoredFile, invalidDefinitionDescription } from './rules/experimental';
import { apkAddNoCache, aptGetInstallNoConfirm, aptInsteadOfAptGet, aptListsNotCleaned, aptNoInstallRecommends, pipNoCacheDir } from './rules/packages';
import { apkPackageUnpinned, aptPackageUnpinned, gemPackageUnpinned, goPackageUnpinned, npmPackageUnpinned, pipPackageUnpinned, rpmPackageUnpinned } from './rules/packagePinning';
import { dnfCacheNotCleaned, dnfInstallNoConfirm, yarnCacheNotCleaned, yumCacheNotCleaned, yumInstallNoConfirm, zypperCacheNotCleaned, zypperInstallNoConfirm } from './rules/rpmManagers';
import { linkBinSh, useraddHighUid } from './rules/systemCommands';
import { cdWithoutCheck, declarationMasksStatus, uselessCat } from './rules/shellScripts';
import { cdInRun, curlPipeShell, pipefailMissing, sudoInRun } from './rules/shellUsage';
import { addForLocalFile, baseImageUnpinned, copyFromUnknownStage, lastUserRoot, secretFileCopied } from './rules/images';
import { MERGE_RUN_RULES } from './rules/mergeRun';
import { invalidMount } from './rules/mounts';
import { copyDestinationNotDirectory, copyRelativeWithoutWorkdir, copyWholeFilesystem, envSelfReference, invalidExposePort, untrustedRegistry } from './rules/hadolintRules';
import { invalidLabelKey, labelSchema } from './rules/labels';
import { BASE_IMAGE_RULES } from './rules/baseImage';
import { healthcheckComposeSpelling } from './rules/healthcheck';

export const RULES: readonly Rule[] = [
  // Fatal: BuildKit stops.
  syntaxError,
  unknownInstruction,
  unknownFlag,
  invalidArguments,
  instructionBeforeFrom,
  invalidBaseImageName,
  invalidFromExpansion,
  invalidCheckDirective,
  invalidMount,
  invalidExposePort,
  // BuildKit's build checks, same names and messages.
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  duplicateStageName,
  reservedStageName,
  jsonArgsRecommended,
  maintainerDeprecated,
  undefinedArgInFrom,
  workdirRelativePath,
  undefinedVar,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  secretsUsedInArgOrEnv,
  invalidDefaultArgInFrom,
  fromPlatformFlagConstDisallowed,
  copyIgnoredFile,
  invalidDefinitionDescription,
  exposeProtoCasing,
  exposeInvalidFormat,
  // Best practices (hadolint's ideas, our codes and words).
  baseImageUnpinned,
  aptGetInstallNoConfirm,
  aptNoInstallRecommends,
  aptListsNotCleaned,
  aptInsteadOfAptGet,
  apkAddNoCache,
  pipNoCacheDir,
  aptPackageUnpinned,
  apkPackageUnpinned,
  pipPackageUnpinned,
  npmPackageUnpinned,
  goPackageUnpinned,
  gemPackageUnpinned,
  rpmPackageUnpinned,
  yumInstallNoConfirm,
  dnfInstallNoConfirm,
  zypperInstallNoConfirm,
  yumCacheNotCleaned,
  dnfCacheNotCleaned,
  zypperCacheNotCleaned,
  yarnCacheNotCleaned,
  useraddHighUid,
  linkBinSh,
  cdWithoutCheck,
  declarationMasksStatus,
  uselessCat,
  cdInRun,
  sudoInRun,
  pipefailMissing,
  curlPipeShell,
  addForLocalFile,
  copyFromUnknownStage,
  lastUserRoot,
  secretFileCopied,
  copyDestinationNotDirectory,
  envSelfReference,
  copyRelativeWithoutWorkdir,
  copyWholeFilesystem,
  untrustedRegistry,
  invalidLabelKey,
  labelSchema,
  healthcheckComposeSpelling,
  // Layer rules (merge RUN instructions), written with services/mergeRun.ts.
  ...MERGE_RUN_RULES,
  // What the base image contains (data/baseImages.json).
  ...BASE_IMAGE_RULES,
];

export const RULE_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.code, r]));

/** hadolint code (`DL3008`) → our rule codes, for `# hadolint ignore=`. */
export const RULES_BY_HADOLINT: ReadonlyMap<string, string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const r of RULES) for (const h of r.hadolint ?? []) m.set(h, [...(m.get(h) ?? []), r.code]);
  return m;
})();

setKnownCodes(RULES.map((r) => r.code));
