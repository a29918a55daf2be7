/** Generators of broken Dockerfiles and manifests for the property tests: real files, mutated. */
import fc from 'fast-check';
import { SEEDS } from './seeds';
import type { Seed } from './seeds';

/** Pieces that break YAML or Dockerfile structure, or stress the readers, inserted anywhere. */
export const HOSTILE_PIECES: readonly string[] = [
  '\t', '\r', '\r\n', '\n', '\0', '\uFEFF', '\u2028', '\u00a0', 'é', '😀', '\uD800', '\uDC00',
  '{{ .Values.image }}', '{{', '}}', '{%', '&anchor ', '*anchor', '*undefined', '<<: *anchor\n', '&a [*a]',
  '\n---\n', '---', '...', '\n--- !!map\n', '%YAML 1.2\n', '!!binary ', '? ', '- ', '- - ', ': ', ':', '#', ' # x',
  '<<EOF\n', '<<-EOF\n', 'EOF\n', '\\', '\\\n', '`', '# escape=`\n', '# syntax=docker/dockerfile:1\n',
  '"', "'", '"\\', '[', ']', '{', '}', '[[[[', ']]]]', ',', '|', '>-', '$', '${', '${A:-', '}',
  'FROM ', 'FROM scratch\n', 'RUN ', 'COPY --from=', 'USER 0\n', 'ARG A\n', 'ENV A=b\n', 'ONBUILD ',
  'apiVersion: v1\n', 'kind: Pod\n', 'kind: List\nitems:\n', 'image: nginx\n', 'containers: []\n', 'containers:\n- name: x\n',
  '# kubeready-ignore latest-tag\n', '# kubeready-ignore\n', '# hadolint ignore=DL3007\n', 'kubeready.dev/ignore: all\n',
  '  ', '    ', '\t\t', '0x1F', '1e999', '-1', '65536', 'null', '~', 'true', 'NaN',
];

/** One change to a text: an edit of lines or an insertion of a hostile piece. */
type Mutation =
  | { op: 'delete' | 'duplicate' | 'indent' | 'dedent'; line: number }
  | { op: 'swap'; line: number; other: number }
  | { op: 'insert'; at: number; piece: string }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'indent' as const, 'dedent' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyMutation(text: string, m: Mutation): string {
  if (m.op === 'insert') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.piece + text.slice(at);
  }
  if (m.op === 'truncate') return text.slice(0, m.at % (text.length + 1));
  const lines = text.split('\n');
  const i = m.line % lines.length;
  if (m.op === 'delete') lines.splice(i, 1);
  else if (m.op === 'duplicate') lines.splice(i, 0, lines[i]);
  else if (m.op === 'indent') lines[i] = `  ${lines[i]}`;
  else if (m.op === 'dedent') lines[i] = lines[i].replace(/^ {1,2}/, '');
  else if (m.op === 'swap') {
    const j = m.other % lines.length;
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return lines.join('\n');
}

/** A seed file after one to six mutations. */
export const mutatedFile: fc.Arbitrary<Seed> = fc
  .tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([index, mutations]) => ({ path: SEEDS[index].path, text: mutations.reduce(applyMutation, SEEDS[index].text) }));

/** A generated manifest: nested maps, sequences and flow collections of scalars the rules read, with anchors and aliases. */
export const generatedManifest: fc.Arbitrary<Seed> = fc
  .tuple(
    fc.constantFrom('Pod', 'Deployment', 'Service', 'ConfigMap', 'CronJob', 'List', 'Ingress', 'Secret'),
    fc.jsonValue({ maxDepth: 4 }),
    fc.boolean(),
  )
  .map(([kind, value, flow]) => {
    const body = flow ? JSON.stringify(value) : toBlockYaml(value, 1);
    const spec = kind === 'Pod' ? `spec:\n  containers:\n  - name: a\n    image: &img nginx\n    env: ${JSON.stringify(value)}\n` : '';
    return { path: 'generated.yaml', text: `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n  labels: &labels {app: x}\n${spec}data: ${body}\nextra: *labels\n` };
  });

/** A JSON value as block YAML, keys quoted when needed. */
function toBlockYaml(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.map((v) => `\n${pad}- ${toBlockYaml(v, depth + 1)}`).join('');
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : entries.map(([k, v]) => `\n${pad}${JSON.stringify(k)}: ${toBlockYaml(v, depth + 1)}`).join('');
  }
  return JSON.stringify(value);
}
