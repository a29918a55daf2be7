/** Shared by `latest-tag` and `untagged-image`: which images to check and how to pin them. */
import { ASPECTS } from '../compat/ids';
import { dockerfileImages } from '../dockerfile/images';
import type { DockerfileModel } from '../dockerfile/model';
import type { Fix } from '../findings';
import type { ImageOccurrence } from '../images';
import { containerImages } from '../kubernetes/images';
import type { Container, KubeFile } from '../kubernetes/model';
import type { Span } from '../text';
import type { DockerfileContext, KubernetesContext, WorkspaceFacts } from './rule';

/** The aspects of a finding on an image: `from` for a Dockerfile's base images (see compat/ids.ts). */
export function imageAspects(image: CheckedImage): string[] | undefined {
  return image.container === null && !image.copiedFrom ? [ASPECTS.from] : undefined;
}

/** Most "Pin to <tag>" choices offered at once. */
const MAX_TAG_CHOICES = 5;

export interface CheckedImage {
  occurrence: ImageOccurrence;
  /** Set for pod-spec images. */
  container: Container | null;
  /** True for `COPY --from=<image>` and `ADD --from=<image>`: the image gives files, not the base. */
  copiedFrom: boolean;
}

export function imagesOf(model: DockerfileModel | KubeFile): CheckedImage[] {
  if ('stages' in model) {
    return dockerfileImages(model).map((i) => ({ occurrence: i.occurrence, container: null, copiedFrom: i.stage === null }));
  }
  return containerImages(model).map((i) => ({ occurrence: i.occurrence, container: i.container, copiedFrom: false }));
}

/** What a moving image costs, said in the words of the file being checked and of where the image is used. */
export function movingImageConsequence(context: DockerfileContext | KubernetesContext, image: CheckedImage): string {
  if (!('stages' in context.model)) return 'each node that starts a pod may pull a different version, and a rollback cannot go back';
  return image.copiedFrom
    ? 'rebuilding the image can silently copy in files from a different version'
    : 'rebuilding the image can silently pick up a different base';
}

/** Orders tags newest-looking first: numeric parts compared as numbers (`1.10` after `1.9`). */
function compareTags(a: string, b: string): number {
  return b.localeCompare(a, 'en', { numeric: true });
}

/** The tags each image (by canonical name) uses in this file. */
export type FileTags = ReadonlyMap<string, ReadonlySet<string>>;

export function fileTags(images: readonly CheckedImage[]): FileTags {
  const index = new Map<string, Set<string>>();
  for (const { occurrence } of images) {
    const { canonical, tag } = occurrence.ref;
    if (!tag) continue;
    let tags = index.get(canonical);
    if (!tags) index.set(canonical, (tags = new Set()));
    tags.add(tag);
  }
  return index;
}

/** Tags the same image uses elsewhere in this file and in the workspace, `latest` excluded. */
export function knownTags(canonical: string, inFile: FileTags, workspace: WorkspaceFacts): string[] {
  const tags = new Set<string>([...workspace.imageTags(canonical), ...(inFile.get(canonical) ?? [])]);
  tags.delete('latest');
  return [...tags].sort(compareTags).slice(0, MAX_TAG_CHOICES);
}

/**
 * "Pin <image> to <tag>" for each known tag, then "Pin <image> to a tag…" which asks for one.
 * `target` is the span to replace (the tag, or an empty span where `:tag` goes); `prefix` is
 * written before the tag (`:` when inserting).
 */
export function pinFixes(name: string, tags: readonly string[], target: Span | null, prefix: string): Fix[] {
  if (!target) return [];
  const fixes: Fix[] = tags.map((tag, i) => ({
    title: `Pin ${name} to ${tag}`,
    safety: 'unsafe',
    preferred: i === 0 && tags.length === 1,
    edits: [{ start: target.start, end: target.end, newText: prefix + tag }],
  }));
  fixes.push({
    title: `Pin ${name} to a tag…`,
    safety: 'unsafe',
    edits: [],
    input: {
      kind: 'image-tag',
      prompt: `Tag for ${name} (a version such as 1.27.1; a digest reference stays as it is)`,
      placeholder: tags[0] ?? '1.0.0',
      start: target.start,
      end: target.end,
      prefix,
    },
  });
  return fixes;
}
