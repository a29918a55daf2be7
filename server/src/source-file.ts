/** Reading a Dockerfile or manifest from disk the same way in the CLI and the language server. */
import * as fs from 'node:fs';
import { MAX_FILE_BYTES } from './engine';
import { stripBom } from './text';

/** A file's text without its BOM, or the reason it is not checked (too large, not UTF-8). */
export type SourceText = { text: string; bom: boolean } | { skipped: string };

/** Reads a file as UTF-8 text without its BOM; a reason instead when it cannot be checked. Throws on I/O errors. */
export function readSourceFile(file: string): SourceText {
  if (fs.statSync(file).size > MAX_FILE_BYTES) return { skipped: `larger than the ${MAX_FILE_BYTES / (1024 * 1024)} MB limit` };
  const bytes = fs.readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { skipped: 'not UTF-8 text' };
  }
  return stripBom(text);
}
