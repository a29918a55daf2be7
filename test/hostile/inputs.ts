/** The hostile inputs of issue 6, each with what a check of it must end with; shared by the engine, CLI and server tests. */
import { MEGABYTE } from '../../server/src/limits';

export const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:latest\n';

/** Billion laughs: nine levels of nine aliases each, 10^9 strings if expanded. */
export function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) lines.push(`lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  lines.push('data:', '  laughs: *l9');
  return `${lines.join('\n')}\n`;
}

/** A ConfigMap of `bytes` characters or more. */
export function bigManifest(bytes: number): string {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n';
  const line = '  key: value\n';
  return head + line.repeat(Math.ceil(bytes / line.length));
}

export const TEN_MEGABYTES = bigManifest(10 * MEGABYTE);

/** One line of a megabyte, in a manifest and in a Dockerfile. */
export const LONG_LINE_MANIFEST = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  key: ${'x'.repeat(MEGABYTE)}\n`;
export const LONG_LINE_DOCKERFILE = `FROM alpine:3.20\nRUN echo ${'x'.repeat(MEGABYTE)}\nUSER 10001\n`;

/** Flow collections nested `depth` levels deep. */
export function nestedFlow(depth: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  key: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/** A manifest followed by 100,000 more documents. */
export const HUNDRED_THOUSAND_DOCUMENTS = POD + '---\n{}\n'.repeat(100_000);

export const TABS = 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n';
export const CRLF = POD.replace(/\n/g, '\r\n');
export const BOM_POD = `\uFEFF${POD}`;

/** A Dockerfile whose RUN goes on over 10,000 continuation lines. */
export const CONTINUATIONS = `FROM alpine:3.20\nRUN apk add --no-cache curl \\\n${'    && echo step \\\n'.repeat(10_000)}    && true\nUSER 10001\n`;

export const UNTERMINATED_HEREDOC = 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\n';

/** Bytes that are not UTF-8 (a Latin-1 é), and bytes of a binary file. */
export const INVALID_UTF8 = Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]);
export const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
/** Valid UTF-8 that holds NUL characters: a binary file with a name the engine reads. */
export const NUL_TEXT = 'FROM alpine\0\0\0\nRUN x\0\n';
