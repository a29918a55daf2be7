/**
 * Schemas for custom resources, named in `.kubeready.yaml`:
 *
 * ```yaml
 * schemas:
 *   - apiVersion: example.com/v1
 *     kind: Widget
 *     schema: schemas/widget.json        # relative to the config file
 *   - files: "deploy/crs/**"
 *     schema: schemas/cr.yaml
 * ```
 */
import * as path from 'node:path';
import { loadSchemaFile } from './schemas';
import type { CompiledSchema } from './schemas';

/** One `schemas:` entry as written in the config file. */
export type SchemaMapping = { apiVersion: string; kind: string; schema: string } | { files: string; schema: string };

/** A `schemas:` entry with its schema file read and compiled. */
export interface UserSchema {
  mapping: SchemaMapping;
  /** The config file's folder: `files` and `schema` are relative to it. */
  dir: string;
  /** The schema file's absolute path. */
  file: string;
  compiled: CompiledSchema;
}

/** Reads and compiles the schema of a mapping (relative to `dir`). Throws `SchemaFileError`. */
export function loadUserSchema(mapping: SchemaMapping, dir: string): UserSchema {
  const file = path.resolve(dir, mapping.schema);
  return { mapping, dir, file, compiled: loadSchemaFile(file) };
}

