import { parseImageRef } from '../image';
import { literalOccurrence, opaqueOccurrence } from '../images';
import type { ImageOccurrence } from '../images';
import { oncePer } from '../memo';
import type { Container, KubeFile } from './model';

export interface ContainerImage {
  container: Container;
  occurrence: ImageOccurrence;
}

/**
 * The image of every container that names a concrete reference (not a variable or template).
 * Read once per file: the workspace index and several rules ask.
 */
export const containerImages: (model: KubeFile) => readonly ContainerImage[] = oncePer(readImages);

function readImages(file: KubeFile): ContainerImage[] {
  const result: ContainerImage[] = [];
  for (const manifest of file.manifests) {
    for (const container of manifest.podSpec?.containers ?? []) {
      const image = container.image;
      if (!image) continue;
      const ref = parseImageRef(image.value);
      if (!ref) continue;
      const occurrence = image.content ? literalOccurrence(ref, image.content.start) : opaqueOccurrence(ref, image.range);
      result.push({ container, occurrence });
    }
  }
  return result;
}
