/**
 * Recognising secrets: variable names that hold one, and values that look like a credential
 * whatever their name. Shared by the rules that look for secrets in plain text.
 */

/** Splits a name into lower-case words on `_`, `-`, `.` and camelCase boundaries. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.\-]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
}

/** Words that on their own name a secret. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'apikey', 'credential',
  'credentials', 'privatekey', 'secretkey', 'accesskey', 'signingkey',
]);
/** Parts of a single word that name a password (`DBPASSWORD`). */
const SECRET_INFIXES = ['password', 'passwd', 'passphrase'];
/** Words that make a following `key` a secret key (`API_KEY`, `PRIVATE_KEY`); `GPG_KEY` stays public. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'encryption', 'signing', 'master', 'client', 'app', 'license', 'session']);
/**
 * Words that make the variable describe a secret rather than hold it: where it is (`_FILE`, `_PATH`,
 * `_DIR`, `SECRET_NAMESPACE`), what it is called (`_SECRET_NAME`, `API_KEY_ENV_VAR`), or a setting about it
 * (`PASSWORD_MIN_LENGTH`, `TOKEN_LIFETIME`, `TOKEN_AUDIENCE`).
 */
const DESCRIBING_WORDS = new Set([
  'file', 'path', 'dir', 'directory', 'folder', 'name', 'names', 'ref', 'length', 'len', 'min', 'max', 'size', 'count',
  'enabled', 'enable', 'disabled', 'required', 'policy', 'type', 'ttl', 'timeout', 'expiry', 'expiration', 'expires',
  'header', 'public', 'url', 'uri', 'endpoint', 'host', 'version', 'id', 'algorithm', 'format', 'mode', 'store', 'provider',
  'namespace', 'lifetime', 'duration', 'interval', 'audience', 'issuer', 'var', 'variable',
]);

/** More words that name a secret, from a rule's `secretWords` option (lower case). */
export type ExtraSecretWords = ReadonlySet<string>;

const NO_EXTRA_WORDS: ExtraSecretWords = new Set();

/** The `secretWords` option as the set `isSecretName` takes: lower case. */
export function extraSecretWords(words: readonly string[]): ExtraSecretWords {
  return new Set(words.map((w) => w.toLowerCase()));
}

/** True when a variable named `name` is meant to hold a secret (`extra`: more words that name one). */
export function isSecretName(name: string, extra: ExtraSecretWords = NO_EXTRA_WORDS): boolean {
  const words = nameWords(name);
  if (words.some((w) => DESCRIBING_WORDS.has(w))) return false;
  return words.some(
    (w, i) =>
      SECRET_WORDS.has(w) ||
      extra.has(w) ||
      SECRET_INFIXES.some((infix) => w.includes(infix)) ||
      (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])),
  );
}

/** How a file refers to other variables: Kubernetes `$(VAR)` (and `${VAR}` for envsubst), Dockerfile `$VAR`, `${VAR}`. */
export type ReferenceSyntax = 'kubernetes' | 'dockerfile';

const REFERENCES: Record<ReferenceSyntax, RegExp> = {
  kubernetes: /\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}/,
  dockerfile: /\$\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|\$[A-Za-z_]/,
};

/** True when the value is (or contains) a reference to another variable, resolved elsewhere. */
export function isReference(value: string, syntax: ReferenceSyntax): boolean {
  return REFERENCES[syntax].test(value);
}

const CREDENTIAL_PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/ },
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

/** A URL that carries a password: `scheme://user:password@host`. */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/@]+)@[^\s/@]/i;

/** Where a credential sits in a text, and what kind it is (for messages). */
export interface CredentialMatch {
  kind: string;
  /** Offsets of the credential-looking part within the searched text. */
  start: number;
  end: number;
}

/**
 * The first credential-looking part of a text (a private key header, a token, a URL with a
 * password), or null. For a URL, the span is the whole URL.
 */
export function credentialMatch(value: string, syntax: ReferenceSyntax): CredentialMatch | null {
  for (const { kind, pattern } of CREDENTIAL_PATTERNS) {
    const match = pattern.exec(value);
    if (match) return { kind, start: match.index, end: match.index + match[0].length };
  }
  const url = URL_WITH_PASSWORD.exec(value);
  if (url && !isReference(url[1], syntax) && !isPlaceholderOrIndirect(url[1])) {
    let end = url.index + url[0].length;
    while (end < value.length && !/[\s"'<>]/.test(value[end])) end++;
    return { kind: 'a URL with a password', start: url.index, end };
  }
  return null;
}

/** What kind of credential a value looks like (for messages), or null. Never returns the value itself. */
export function credentialKind(value: string, syntax: ReferenceSyntax): string | null {
  return credentialMatch(value, syntax)?.kind ?? null;
}

/**
 * A switch value (`1`, `true`, `yes`, `off`…): the variable or setting turns a feature on or off
 * (`MYSQL_ALLOW_EMPTY_PASSWORD=1`, `MYSQL_RANDOM_ROOT_PASSWORD=yes`) rather than holding a secret.
 */
const SWITCH_VALUE = /^(?:0|1|true|false|yes|no|on|off|y|n)$/i;

/** True for a switch value (see SWITCH_VALUE). */
export function isSwitchValue(value: string): boolean {
  return SWITCH_VALUE.test(value.trim());
}

/**
 * A placeholder that stands where the secret will go: `<your-token>`, `<>`, `[...]`, `[YOUR TOKEN]`,
 * `...`, `…`, `***`, `x`, `xxxx`. A word such as `changeme` is not one: it is a weak password that
 * gets deployed as it is.
 */
const PLACEHOLDER_VALUE = /^(?:<[^<>]*>|\[(?:\.{3}|…|[A-Za-z][A-Za-z _-]*)\]|\.{3}|…|\*+|x+)$/i;

/** A value kept encrypted or hashed (`ENC(…)`, `{cipher}…`, `vault:…`, bcrypt `$2b$…`, `$argon2…`, `{SSHA}…`), or fetched from a vault. */
const PROTECTED_VALUE = /^(?:ENC\(|\{cipher\}|vault:|\$2[abxy]?\$|\$argon2|\{(?:bcrypt|ssha|sha|pbkdf2)[^}]*\})/i;

/**
 * A template that a renderer or the program fills in later: `{{ .Values.password }}`, `{% … %}`,
 * `${…}`, `%(…)s`, `#{…}`, `@token@`, `$VAR`.
 */
const TEMPLATE_VALUE = /\{\{|\{%|\$\{|%\(|#\{|^@[\w.-]+@$|^\$[A-Za-z_]/;

/** True when a value is a placeholder where the secret will go (see PLACEHOLDER_VALUE). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_VALUE.test(value.trim());
}

/**
 * True when a value points at the secret rather than holding it in plain text: a template filled
 * in later, or the secret kept encrypted or hashed.
 */
export function isIndirect(value: string): boolean {
  const trimmed = value.trim();
  return PROTECTED_VALUE.test(trimmed) || TEMPLATE_VALUE.test(trimmed);
}

/**
 * True when a value, whatever its name, is not a plain-text secret because it is a placeholder or
 * an indirection (see `isPlaceholder` and `isIndirect`). Shared by environment variables and
 * config files, so that both judge the same values the same way.
 */
export function isPlaceholderOrIndirect(value: string): boolean {
  return isPlaceholder(value) || isIndirect(value);
}

/**
 * Why a variable's literal value is a plaintext secret, or null when it is not: its name says it
 * holds a secret, or its value looks like a credential. Empty values, references, switch values,
 * placeholders and indirections (templates, encrypted or hashed values) are not.
 */
export function secretReason(name: string, value: string, syntax: ReferenceSyntax, extra: ExtraSecretWords = NO_EXTRA_WORDS): string | null {
  if (value.trim() === '') return null;
  const kind = credentialKind(value, syntax);
  if (kind) return `its value looks like ${kind}`;
  if (isReference(value, syntax) || isSwitchValue(value) || isPlaceholderOrIndirect(value)) return null;
  return isSecretName(name, extra) ? 'its name says it holds a secret' : null;
}

/** `DB_PASSWORD`, `dbPassword` -> `db-password`: a Secret key name. */
export function kebabCase(name: string): string {
  return nameWords(name).join('-');
}
