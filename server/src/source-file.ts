/** Reading a Dockerfile or manifest from disk (or stdin) the same way in the CLI and the language server. */
import * as fs from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE, tooLargeReason } from './limits';
import { stripBom } from './text';

/** A file's text without its BOM, or the reason it is not checked (too large, not UTF-8). */
export type SourceText = { text: string; bom: boolean } | { skipped: string };

/** Reads a file as UTF-8 text without its BOM; a reason instead when it cannot be checked. Throws on I/O errors. */
export function readSourceFile(file: string, maxFileSize = DEFAULT_MAX_FILE_SIZE): SourceText {
  if (fs.statSync(file).size > maxFileSize) return { skipped: tooLargeReason(maxFileSize) };
  return decodeSource(fs.readFileSync(file), maxFileSize);
}

/** Bytes as UTF-8 text without the BOM; a reason instead when they cannot be checked. */
export function decodeSource(bytes: Uint8Array, maxFileSize = DEFAULT_MAX_FILE_SIZE): SourceText {
  if (bytes.length > maxFileSize) return { skipped: tooLargeReason(maxFileSize) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { skipped: 'not UTF-8 text' };
  }
  return stripBom(text);
}
