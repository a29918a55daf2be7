/**
 * Secrets inside configuration files stored as text (a ConfigMap's `application.properties: |`):
 * lines that set a secret-named setting to a literal value (`spring.datasource.password=…`,
 * `password: …`, `"token": "…"`, `<password>…</password>`), and credential-looking text.
 * Results carry offsets and the setting's name, never the value.
 */
import { credentialMatch, isPlaceholderOrIndirect, isReference, isSecretName, isSwitchValue, nameWords } from './secrets';
import type { ExtraSecretWords } from './secrets';

/**
 * Words that, after the word that names the secret, make the name a setting about it rather than
 * the secret itself: `password_encryption`, `ssl_passphrase_command`, `token_lifetime`.
 */
const SETTING_WORDS = new Set([
  'encryption', 'command', 'cmd', 'hash', 'hashing', 'method', 'methods', 'scheme', 'rounds', 'iterations', 'interval',
  'lifetime', 'duration', 'reset', 'strength', 'complexity', 'prompt', 'validation', 'validator', 'validity', 'check',
  'pattern', 'regex', 'hint', 'label', 'field', 'param', 'parameter', 'column', 'attribute', 'claim', 'prefix', 'suffix',
  'seconds', 'minutes', 'hours', 'days', 'age', 'encoder', 'encoding', 'generator', 'rotation', 'audience', 'issuer',
]);

/** True when a setting named `name` holds a secret (see `isSecretName`), and is not a setting about one. */
export function isSecretSetting(name: string, extra?: ExtraSecretWords): boolean {
  if (!isSecretName(name, extra)) return false;
  const words = nameWords(name);
  let secretEnd = 1;
  while (secretEnd < words.length && !isSecretName(words.slice(0, secretEnd).join('_'), extra)) secretEnd++;
  return !words.slice(secretEnd).some((word) => SETTING_WORDS.has(word));
}

/**
 * Values that configure rather than hold a secret, besides switches (`on`, `1`): other flags,
 * empty values, numbers, durations and sizes (`30s`, `10Mi`).
 */
const SETTING_VALUE = /^(?:none|null|nil|~|enabled?|disabled?|required|optional|\d+(?:\.\d+)?[a-z]{0,3})$/i;

/** The written value without quotes, a trailing `,` or `;`, or a trailing ` # comment` after an unquoted value. */
function unquoted(written: string): string {
  let value = written.trim();
  if (!/^["']/.test(value)) value = value.replace(/\s+#.*$/, '');
  value = value.replace(/[,;]$/, '').trim();
  return /^(["']).*\1$/.test(value) && value.length >= 2 ? value.slice(1, -1).trim() : value;
}

/**
 * True when a setting's written value (quotes, a trailing `,` or `;` included) is a literal
 * secret: not empty, not a reference or template, not encrypted or hashed, not a flag, number,
 * placeholder, URL (one with a password is found by `credentialMatch`) or path.
 */
export function isLiteralSecret(written: string): boolean {
  const value = unquoted(written);
  if (value === '' || /^[|>][-+0-9]*$/.test(value) || /^[[{]/.test(value)) return false;
  if (isReference(value, 'kubernetes') || isPlaceholderOrIndirect(value)) return false;
  if (isSwitchValue(value) || SETTING_VALUE.test(value)) return false;
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^(?:\/[\w.@-]+){2,}\/?$/.test(value);
}

/** A line of a config file that holds a secret. Offsets are in the scanned text. */
export interface SecretLine {
  /** Zero-based line number within the scanned text. */
  line: number;
  /** What to report: the setting's name, or the credential-looking part. */
  start: number;
  end: number;
  /** The setting's name when it was found by name; null when found by its value. */
  setting: string | null;
  /** What the value looks like when found by value (`a private key`), else null. */
  kind: string | null;
}

const COMMENT = /^\s*(?:#|;|\/\/|<!--|--\s|\/\*)/;
/** `name = value`, `name: value`, `"name": "value"`, `export NAME=value`, `- name: value`. */
const KEY_VALUE = /^(\s*(?:-\s+)?(?:export\s+)?)(["']?)([A-Za-z_][\w.\-[\]]*)\2\s*[:=]\s*(.*)$/;
/** `<password>value</password>`, anywhere in a line. */
const XML_ELEMENT = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<]+)<\/\1>/g;
/** `"password": "value"`, anywhere in a line (JSON on one line). */
const JSON_PAIR = /"([A-Za-z_][\w.-]*)"\s*:\s*("(?:[^"\\]|\\.)*")/g;
/** `Passwd value`: a line of exactly two words (fluent-bit and similar); nginx's `name value;` is left out. */
const TWO_WORDS = /^(\s*)([A-Za-z_][\w.-]*)[ \t]+([^\s;]+)[ \t]*$/;

type Found = Omit<SecretLine, 'line'>;

/**
 * True for a value that reads as text rather than a credential: several words, or the setting's
 * own name (`"password": "Password"` in a translation file).
 */
function isText(name: string, written: string): boolean {
  const value = unquoted(written).toLowerCase();
  const words = nameWords(name);
  return /\s/.test(value) || value === name.toLowerCase() || value === words[words.length - 1];
}

/** A secret set by name: the setting's name says so and its value is a literal, not text. */
function byName(start: number, name: string, value: string, extra: ExtraSecretWords | undefined): Found | null {
  return isSecretSetting(name, extra) && isLiteralSecret(value) && !isText(name, value) ? { start, end: start + name.length, setting: name, kind: null } : null;
}

/** The first secret set by an element or pair that may appear anywhere in the line. */
function inlineSecret(line: string, pattern: RegExp, nameOffset: number, extra: ExtraSecretWords | undefined): Found | null {
  for (const match of line.matchAll(pattern)) {
    const found = byName((match.index ?? 0) + nameOffset, match[1], match[2], extra);
    if (found) return found;
  }
  return null;
}

/** The secret a single line sets, if any; offsets within the line. */
function lineSecret(line: string, extra: ExtraSecretWords | undefined): Found | null {
  if (COMMENT.test(line)) return null;
  const keyValue = KEY_VALUE.exec(line);
  const words = keyValue ? null : TWO_WORDS.exec(line);
  const found =
    (keyValue && byName(keyValue[1].length + keyValue[2].length, keyValue[3], keyValue[4], extra)) ||
    inlineSecret(line, XML_ELEMENT, 1, extra) ||
    inlineSecret(line, JSON_PAIR, 1, extra) ||
    (words && byName(words[1].length, words[2], words[3], extra));
  if (found) return found;
  const credential = credentialMatch(line, 'kubernetes');
  return credential ? { start: credential.start, end: credential.end, setting: null, kind: credential.kind } : null;
}

/** Every line of `text` that holds a secret, at most one finding per line (`extra`: more words that name a secret). */
export function secretLines(text: string, extra?: ExtraSecretWords): SecretLine[] {
  const result: SecretLine[] = [];
  const lines = /\r\n|\r|\n/g;
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    lines.lastIndex = start;
    const match = lines.exec(text);
    const end = match ? match.index : text.length;
    const found = lineSecret(text.slice(start, end), extra);
    if (found) result.push({ line, start: start + found.start, end: start + found.end, setting: found.setting, kind: found.kind });
    if (!match) break;
    start = match.index + match[0].length;
  }
  return result;
}
