/** Shared by the rules that report on one container: where to point, and what to call it. */
import type { Container } from '../kubernetes/model';
import { spanOf } from '../kubernetes/nodes';
import type { Span } from '../text';

/** Where to report on a container: its name, or its first key when it has no name. */
export function containerSpan(container: Container): Span {
  if (container.name) return container.name.range;
  return spanOf(container.node.items[0]?.key) ?? container.range;
}

/** The container's name for messages, or its position (`#2`) when it has none. */
export function containerName(container: Container): string {
  return container.name?.value ?? `#${container.index + 1}`;
}
