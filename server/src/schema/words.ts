/**
 * The words schema messages are made of: what to call an object ("a container", "a Deployment's
 * `spec`"), a field ("`replicas`", "item 2 of `args`") and a JSON type ("an integer", "a list").
 */

/** Names for definitions whose generic name ("env var") reads badly. */
const DEFINITION_NOUNS: Readonly<Record<string, string>> = {
  'meta.v1.ObjectMeta': '`metadata`',
  'meta.v1.LabelSelector': 'a label selector',
  'core.v1.PodTemplateSpec': 'a pod template',
  'core.v1.EnvVar': 'an `env` entry',
  'core.v1.EnvVarSource': '`valueFrom`',
  'core.v1.EnvFromSource': 'an `envFrom` entry',
  'core.v1.ResourceRequirements': '`resources`',
  'core.v1.VolumeResourceRequirements': '`resources`',
  'core.v1.HTTPGetAction': '`httpGet`',
  'core.v1.TCPSocketAction': '`tcpSocket`',
  'core.v1.GRPCAction': '`grpc`',
  'core.v1.ExecAction': '`exec`',
  'core.v1.Lifecycle': '`lifecycle`',
  'core.v1.Affinity': '`affinity`',
  'core.v1.EmptyDirVolumeSource': '`emptyDir`',
  'core.v1.KeyToPath': 'an `items` entry',
  'networking.v1.HTTPIngressPath': 'an Ingress path',
  'networking.v1.IngressRule': 'an Ingress rule',
  'networking.v1.IngressBackend': 'an Ingress backend',
  'networking.v1.IngressServiceBackend': 'an Ingress backend `service`',
  'networking.v1.ServiceBackendPort': 'an Ingress backend `port`',
  'apiextensions.v1.JSONSchemaProps': 'a CRD schema',
  'apiextensions.v1.JSONSchemaPropsOrArray': 'a CRD schema',
  'apiextensions.v1.JSONSchemaPropsOrBool': 'a CRD schema',
  'apiextensions.v1.JSONSchemaPropsOrStringArray': 'a CRD schema',
};

/** Words kept in capitals inside generic names ("an HTTP header"). */
const ACRONYM = /^[A-Z0-9]{2,}$/;

/** "a" or "an" before a phrase, by its first sound. */
function withArticle(phrase: string): string {
  const word = phrase.replace(/^`/, '');
  const first = word.split(/\s/)[0];
  const vowelSound = ACRONYM.test(first) ? /^[AEFHILMNORSX]/.test(first) : /^[aeio]/i.test(first) || /^u(?!s|ni)/i.test(first);
  return `${vowelSound ? 'an' : 'a'} ${phrase}`;
}

/** The generic noun for a definition: `core.v1.ContainerPort` -> "a container port". */
function genericNoun(definition: string): string {
  const name = definition.slice(definition.lastIndexOf('.') + 1);
  const words = name.match(/[A-Z0-9]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? [name];
  return withArticle(words.map((w) => (ACRONYM.test(w) ? w : w.toLowerCase())).join(' '));
}

/**
 * What to call the object at `segments` in a manifest of kind `kind`: the manifest itself
 * ("a Deployment"), one of its top-level fields ("a Deployment's `spec`"), a built-in definition
 * ("a container"), or the field it is under ("`config`", "an item of `rules`").
 */
export function objectNoun(kind: string, segments: readonly string[], definition: string | null): string {
  if (segments.length === 0) return withArticle(kind);
  if (segments.length === 1) return `${withArticle(kind)}'s \`${segments[0]}\``;
  if (definition) return DEFINITION_NOUNS[definition] ?? genericNoun(definition);
  const last = segments[segments.length - 1];
  if (isIndex(last)) return `an item of \`${segments[segments.length - 2]}\``;
  return `\`${last}\``;
}

/** True for a JSON pointer segment that indexes a list. */
function isIndex(segment: string): boolean {
  return /^(?:0|[1-9][0-9]*)$/.test(segment);
}

/**
 * What to call the field at `segments`: "`replicas`", "`version` in `labels`" (an entry of a map
 * with free keys), "item 2 of `args`".
 */
export function fieldName(segments: readonly string[], entry: boolean): string {
  const last = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2];
  if (isIndex(last) && parent !== undefined && !isIndex(parent)) return `item ${Number(last) + 1} of \`${parent}\``;
  if (isIndex(last)) return `item ${Number(last) + 1}`;
  if (entry && parent !== undefined && !isIndex(parent)) return `\`${last}\` in \`${parent}\``;
  return `\`${last}\``;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
  null: 'empty',
};

/** "an integer or a string", for a schema's `type`. */
export function typeWords(types: readonly string[]): string {
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 2 ? words.join(' or ') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** What a value is, in the same words: "a string", "a number", "a boolean", "a map", "a list". */
export function valueWords(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a number with a fraction';
  return 'a string';
}

/** Capitalizes the first letter of a sentence ("a Deployment's" -> "A Deployment's"). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "`a`", "`a` and `b`", "`a`, `b` and `c`". */
export function codeList(items: readonly string[]): string {
  const quoted = items.map((i) => `\`${i}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
