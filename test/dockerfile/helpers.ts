import type { Span } from '../../server/src/text';

/** The text a span covers. */
export function slice(text: string, span: Span | null): string | null {
  return span ? text.slice(span.start, span.end) : null;
}

/** The span of the `nth` (0-based) occurrence of `needle` in `text`; throws when there is none. */
export function find(text: string, needle: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not in text`);
  }
  return { start: at, end: at + needle.length };
}

/** Every span-like object (`{start, end}` numbers) inside a value, for checks that apply to all of them. */
export function allSpans(value: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(value)) {
    for (const item of value) allSpans(item, out);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number') out.push({ start: record.start, end: record.end });
    for (const [key, item] of Object.entries(record)) if (key !== 'text') allSpans(item, out);
  }
  return out;
}
