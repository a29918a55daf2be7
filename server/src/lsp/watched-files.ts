/**
 * The files the server watches (registered with the client, so that any editor sends their
 * events) and what a change to each means: a Dockerfile or manifest changes the workspace index;
 * a config, a kustomization or a build context ignore file changes how other files are checked.
 */
import * as nodePath from 'node:path';
import type { FileSystemWatcher } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAMES } from '../config/config';
import { KUSTOMIZATION_FILE_NAMES } from '../kubernetes/kustomize';

/** Glob patterns for the client's file watchers; together they cover every name the server reads. */
export const WATCHED_GLOBS: readonly string[] = [
  // Manifests, kustomizations, `.kubeready.yaml`/`.yml`, `.hadolint.yaml`/`.yml`.
  '**/*.{yaml,yml}',
  '**/{.kubeready.json,Kustomization}',
  '**/{Dockerfile,Containerfile,dockerfile,containerfile,Dockerfile.*,Containerfile.*,dockerfile.*,containerfile.*,*.Dockerfile,*.Containerfile,*.dockerfile,*.containerfile}',
  // copy-without-dockerignore looks for these next to a Dockerfile (`Dockerfile.prod.dockerignore` too).
  '**/{.dockerignore,.containerignore,*.dockerignore,*.containerignore}',
];

/** The watchers to register with `workspace/didChangeWatchedFiles` (all kinds of change). */
export function fileWatchers(): FileSystemWatcher[] {
  return WATCHED_GLOBS.map((globPattern) => ({ globPattern }));
}

const CONFIG_NAMES: ReadonlySet<string> = new Set(CONFIG_FILE_NAMES);
const PROJECT_NAMES: ReadonlySet<string> = new Set([...CONFIG_FILE_NAMES, ...KUSTOMIZATION_FILE_NAMES, '.hadolint.yaml', '.hadolint.yml']);

/** True for our config files: a change may change which files are ignored. */
export function isConfigFile(file: string): boolean {
  return CONFIG_NAMES.has(nodePath.basename(file));
}

/**
 * True for the files that change how other files are checked: configs, kustomizations, build
 * context ignore files (cached answers about them must be dropped).
 */
export function isProjectFile(file: string): boolean {
  const name = nodePath.basename(file);
  return PROJECT_NAMES.has(name) || /\.(?:dockerignore|containerignore)$/i.test(name);
}
