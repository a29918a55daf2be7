/**
 * Parser error messages without the user's text. The `yaml` package quotes the source in some
 * messages (an unknown tag, an alias, a block scalar header), and V8's `JSON.parse` quotes the
 * text around a bad token. A password that starts with `!` or `*` would end up in a finding, a
 * log line or a CI report: these functions keep the parser's words and drop what it quoted.
 */

/** `yaml` messages that end with a piece of the source, and the words to say instead. */
const YAML_QUOTING: readonly [RegExp, string][] = [
  [/^(?:Could not resolve tag|Unresolved tag|Not a valid tag)\b|^The .* tag has no suffix$|^Verbatim tags aren't resolved\b/s, 'A value that starts with ! reads as a YAML tag that does not exist; quote the value'],
  [/^Unresolved alias\b/, 'A value that starts with * reads as an alias of an anchor that does not exist; quote the value'],
  [/^Block scalar header includes extra characters\b/, 'Block scalar header includes extra characters'],
  [/^Unresolved plain scalar\b/, 'Unresolved plain scalar'],
  // A short escape (`\q`, `\x4g`) is named: it tells what to fix and gives nothing away.
  [/^Invalid escape sequence \S{5,}/, 'Invalid escape sequence in a double-quoted value'],
  [/^Unknown directive\b/, 'Unknown directive'],
  [/^Unsupported YAML version\b/, 'Unsupported YAML version'],
];

/** The first line of a `yaml` error message, without its position and without any text it quoted from the source. */
export function yamlErrorMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return YAML_QUOTING.find(([pattern]) => pattern.test(first))?.[1] ?? first;
}

/**
 * The first line of a `JSON.parse` error message without the excerpt V8 quotes
 * (`Unexpected token 'x', "…" is not valid JSON` becomes `Unexpected token 'x'`).
 */
export function jsonErrorMessage(message: string): string {
  const first = message.split('\n')[0];
  if (!/ is not valid JSON$/.test(first)) return first;
  const token = /^(Unexpected token '.{1,2}'),/su.exec(first);
  return token ? token[1] : 'Not valid JSON';
}
