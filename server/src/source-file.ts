/** Reading a Dockerfile or manifest from disk (or stdin) the same way in the CLI and the language server. */
import * as fs from 'node:fs';
import { MAX_FILE_BYTES } from './engine';
import { stripBom } from './text';

/** A file's text without its BOM, or the reason it is not checked (too large, not UTF-8). */
export type SourceText = { text: string; bom: boolean } | { skipped: string };

const TOO_LARGE = `larger than the ${MAX_FILE_BYTES / (1024 * 1024)} MB limit`;

/** Reads a file as UTF-8 text without its BOM; a reason instead when it cannot be checked. Throws on I/O errors. */
export function readSourceFile(file: string): SourceText {
  if (fs.statSync(file).size > MAX_FILE_BYTES) return { skipped: TOO_LARGE };
  return decodeSource(fs.readFileSync(file));
}

/** Bytes as UTF-8 text without the BOM; a reason instead when they cannot be checked. */
export function decodeSource(bytes: Uint8Array): SourceText {
  if (bytes.length > MAX_FILE_BYTES) return { skipped: TOO_LARGE };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { skipped: 'not UTF-8 text' };
  }
  return stripBom(text);
}
