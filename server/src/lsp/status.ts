/**
 * The `kubeready/status` notification: after each check the server tells the client how it read
 * the document (as a Dockerfile, as Kubernetes manifests, not at all and why), so the editor can
 * say so next to the language mode. Sent only to clients that ask for it in their
 * initialization options (`{ "fileStatus": true }`); other editors never see it.
 */
import type { CheckOutcome } from './checker';

/** The method of the notification. Must match `STATUS_METHOD` in client/src/status-text.ts. */
export const STATUS_NOTIFICATION = 'kubeready/status';

/**
 * How a document was read: `dockerfile` and `kubernetes` were checked; `skipped` was not (the
 * reason says why); `off` means `kubeready.enable` is false for it; `failed` means checking threw.
 */
export type FileState = 'dockerfile' | 'kubernetes' | 'skipped' | 'off' | 'failed';

/** The parameters of `kubeready/status`, for one document version. */
export interface FileStatus {
  uri: string;
  version: number;
  state: FileState;
  /** Why the file was skipped or failed, in plain words; absent when it was checked. */
  reason?: string;
}

/** True when a client asked for `kubeready/status` in its `initializationOptions`. */
export function wantsFileStatus(initializationOptions: unknown): boolean {
  return typeof initializationOptions === 'object' && initializationOptions !== null && (initializationOptions as { fileStatus?: unknown }).fileStatus === true;
}

/**
 * The status of a document version from its check outcome (`null`: not checked because
 * `kubeready.enable` is off for it).
 */
export function fileStatus(uri: string, version: number, outcome: CheckOutcome | null): FileStatus {
  if (outcome === null) return { uri, version, state: 'off', reason: 'the setting kubeready.enable is off for this file' };
  switch (outcome.status) {
    case 'checked':
      return { uri, version, state: outcome.kind };
    case 'skipped':
      return { uri, version, state: 'skipped', reason: outcome.reason };
    case 'unsupported':
      return { uri, version, state: 'skipped', reason: 'neither a Dockerfile nor YAML' };
    case 'failed':
      return { uri, version, state: 'failed', reason: 'checking it failed; the Kube Ready output has the details' };
  }
}
