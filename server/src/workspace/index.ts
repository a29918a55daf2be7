/**
 * The workspace index: what each file contributes to the checks of the other files (image tags
 * today), and the `WorkspaceFacts` the rules read, built over every file's contribution. The CLI
 * builds it over the files of a run, the language server over the workspace's files (open
 * documents win over their saved text). A contribution's `key` tells the faces whether a change to
 * one file can change the findings of the others.
 */
import { dockerfileImages } from '../dockerfile/images';
import type { Analysis } from '../engine';
import { containerImages } from '../kubernetes/images';
import type { WorkspaceFacts } from '../rules/rule';

export interface ImageTag {
  /** `ImageRef.canonical` of the image. */
  canonical: string;
  tag: string;
}

/** What one file tells the checks of the others. */
export interface FileContribution {
  /** The file's path as the face gave it to the engine (`SourceInput.path`); undefined for an untitled document. */
  path: string | undefined;
  /** Every tagged image reference in the file. */
  imageTags: readonly ImageTag[];
  /** Equal keys mean equal contributions: a change that keeps the key needs no re-check of other files. */
  key: string;
}

/** The contribution of an analysed file (nothing for a file that is not checked). */
export function contributionOf(analysis: Analysis | null): FileContribution {
  const path = analysis?.path;
  const tags = analysis ? imageTags(analysis) : [];
  const key = tags.map((t) => `${t.canonical}:${t.tag}`).sort().join('\n');
  return { path, imageTags: tags, key };
}

function imageTags(analysis: Analysis): ImageTag[] {
  const occurrences =
    analysis.kind === 'dockerfile'
      ? dockerfileImages(analysis.model).map((i) => i.occurrence)
      : analysis.kind === 'kubernetes'
        ? containerImages(analysis.model).map((i) => i.occurrence)
        : [];
  return occurrences.filter((o) => o.ref.tag !== null).map((o) => ({ canonical: o.ref.canonical, tag: o.ref.tag as string }));
}

/**
 * Workspace facts over the files' contributions; `fileExists` answers for the file system when
 * the face has one (the CLI and the language server pass `fs.existsSync`).
 */
export function workspaceFacts(
  contributions: Iterable<FileContribution>,
  fileExists: (path: string) => boolean | null = () => null,
): WorkspaceFacts {
  const index = new Map<string, Set<string>>();
  for (const contribution of contributions) {
    for (const { canonical, tag } of contribution.imageTags) {
      let tags = index.get(canonical);
      if (!tags) index.set(canonical, (tags = new Set()));
      tags.add(tag);
    }
  }
  return { imageTags: (canonical) => [...(index.get(canonical) ?? [])].sort(), fileExists };
}
