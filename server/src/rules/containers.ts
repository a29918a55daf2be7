/** Shared by the rules that report on one container: where to point, and what to call it. */
import type { Container } from '../kubernetes/model';
import { nodeSpan } from '../kubernetes/nodes';
import type { Span } from '../text';

/** Where to report on a container: its name, or its first key when it has no name. */
export function containerSpan(container: Container): Span {
  if (container.name) return container.name.range;
  const first = container.node.items[0]?.key as { range?: [number, number, number] } | null;
  return first?.range ? nodeSpan(first as { range: [number, number, number] }) : container.range;
}

/** The container's name for messages, or its position (`#2`) when it has none. */
export function containerName(container: Container): string {
  return container.name?.value ?? `#${container.index + 1}`;
}
