/**
 * Canary secrets for the "secrets stay secret" tests: made-up values, each unique, planted in
 * fixtures where real secrets live, then searched for in everything Kube Ready says.
 *
 * The leak rule: a canary leaks when any 8 consecutive characters of its secret part appear in
 * an output, in any letter case (a message that upper-cases a word still gives it away). Eight characters of a random value are enough to recognise it (and to narrow a brute
 * force), while no 8-character run of these values occurs in any honest output by chance (they
 * are random; the public parts of a value's shape, such as a PEM armour line, a JWT header or the
 * `AKIA` prefix, are not part of the secret part and may appear).
 *
 * What is not a secret: key and variable names (`DB_PASSWORD`, a Secret's key `api-key`), file
 * names, rule ids. Messages may name them; the fixtures never put a canary in a name.
 */

/** A planted value: `value` goes into the fixture, `secret` (a part of it, or all) must never come out. */
export interface Canary {
  label: string;
  value: string;
  secret: string;
}

/** The length of a run of a canary's characters that counts as a leak. */
export const LEAK_WINDOW = 8;

/** A deterministic generator of random-looking text (xorshift), so that runs compare. */
function generator(seed: number): (alphabet: string, length: number) => string {
  let state = seed >>> 0 || 1;
  return (alphabet, length) => {
    let out = '';
    for (let i = 0; i < length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out += alphabet[state % alphabet.length];
    }
    return out;
  };
}

const random = generator(0x5ec7e75);
const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${ALNUM}+/`;
const BASE64URL = `${ALNUM}-_`;

/** `kr-canary-<hex>`: a value nobody else writes. */
function plain(label: string): Canary {
  const secret = random(HEX, 24);
  return { label, value: `kr-canary-${secret}`, secret };
}

/** A password with the punctuation real ones have (no quotes or backslashes, so YAML and JSON keep it verbatim). */
function password(label: string): Canary {
  const value = `Pw!${random(ALNUM, 10)}#${random(ALNUM, 8)}@9`;
  return { label, value, secret: value };
}

function awsKeyId(label: string): Canary {
  const tail = random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16);
  return { label, value: `AKIA${tail}`, secret: tail };
}

function awsSecretKey(label: string): Canary {
  const value = random(`${ALNUM}/+`, 40);
  return { label, value, secret: value };
}

/** A JWT: the header is the common public one; payload and signature are the secret. */
function jwt(label: string): Canary {
  const secret = `${random(BASE64URL, 60)}.${random(BASE64URL, 43)}`;
  return { label, value: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${secret}`, secret };
}

/** A PEM private key block (64-character lines); the body is the secret. */
function pemKey(label: string): Canary {
  const lines = Array.from({ length: 6 }, () => random(BASE64, 64));
  const secret = lines.join('\n');
  return { label, value: `-----BEGIN RSA PRIVATE KEY-----\n${secret}\n-----END RSA PRIVATE KEY-----`, secret };
}

/** The canaries, by where the fixtures plant them. */
export const CANARIES = {
  secretData: plain('a Secret data value (base64 in the file)'),
  secretStringData: password('a Secret stringData password'),
  secretJwt: jwt('a Secret stringData JWT'),
  secretWrongType: plain('a Secret field of the wrong type'),
  secretPem: pemKey('a PEM private key in a Secret'),
  configMapPassword: password('a password in a ConfigMap'),
  configMapEnvFile: plain('a token in an .env file a ConfigMap embeds'),
  configMapAws: awsSecretKey('an AWS secret key in a ConfigMap'),
  envPassword: password('a pod env value'),
  envAwsKey: awsKeyId('an AWS key id in a pod env value'),
  envAnchor: plain('an env value behind a YAML anchor'),
  envMerge: plain('a value under a merge key'),
  argsPassword: plain('a --password= in container args'),
  annotation: plain('an annotation value'),
  helmValues: password('a Helm values.yaml password'),
  helmTemplate: plain('a literal in a Helm template'),
  kustomizeLiteral: plain('a secretGenerator literal'),
  kustomizeEnvFile: plain('a value in a secretGenerator .env file'),
  brokenQuote: plain('a value in an unclosed quote'),
  brokenCompact: plain('a value in a broken compact mapping'),
  brokenIndent: password('a value on a badly indented line'),
  brokenAlias: password('a password that reads as an alias'),
  brokenTag: password('a password that reads as a tag'),
  brokenFlow: plain('a value in an unclosed flow mapping'),
  dockerEnv: password('a Dockerfile ENV'),
  dockerArg: plain('a Dockerfile ARG default'),
  dockerCurl: password('curl -u user:pass in a RUN'),
  dockerFlag: plain('--password= in a RUN'),
  dockerJwt: jwt('a bearer token in a RUN'),
  dockerPem: pemKey('a PEM key echoed in a RUN'),
  dockerBroken: plain('a value on a line left without its backslash'),
  dockerSpaced: password('the rest of an ENV value after an unquoted space'),
  configSyntax: plain('a value near a syntax error in .kubeready.yaml'),
  configSeverity: plain('a value where .kubeready.yaml wants a severity'),
  configRegistry: plain('a value where .kubeready.yaml wants a list'),
  configJson: plain('a value near a syntax error in .kubeready.json'),
  hadolintSyntax: plain('a value near a syntax error in .hadolint.yaml'),
  hadolintValue: plain('a value where .hadolint.yaml wants a list'),
  stdin: password('a value read from stdin'),
} satisfies Record<string, Canary>;

/** Every canary, with the base64 form of the Secret's `data` value as one more secret part. */
export function allSecrets(): Canary[] {
  const list: Canary[] = Object.values(CANARIES);
  const data = CANARIES.secretData;
  list.push({ label: `${data.label}, as base64`, value: base64(data.value), secret: base64(data.value) });
  return list;
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The runs of `LEAK_WINDOW` characters of every secret part, each with the canary it belongs to. */
function windows(): Map<string, Canary> {
  const map = new Map<string, Canary>();
  for (const canary of allSecrets()) {
    const secret = canary.secret.replace(/\n/g, '');
    for (let i = 0; i + LEAK_WINDOW <= secret.length; i++) map.set(secret.slice(i, i + LEAK_WINDOW).toLowerCase(), canary);
  }
  return map;
}

let cached: Map<string, Canary> | null = null;

/** The canaries an output gives away (see the leak rule above), described for an assertion message. */
export function leaks(output: string): string[] {
  cached ??= windows();
  const found = new Map<string, string>();
  // A PEM body's lines may be joined by `\n` escapes (JSON) or line breaks: compare without them too.
  for (const text of [output, output.replace(/\\n|\n/g, '')].map((t) => t.toLowerCase())) {
    for (let i = 0; i + LEAK_WINDOW <= text.length; i++) {
      const canary = cached.get(text.slice(i, i + LEAK_WINDOW));
      if (canary && !found.has(canary.label)) found.set(canary.label, excerpt(text, i));
    }
  }
  return [...found].map(([label, where]) => `${label}: …${where}…`);
}

function excerpt(text: string, at: number): string {
  return text.slice(Math.max(0, at - 60), at + 40).replace(/\n/g, '⏎');
}
