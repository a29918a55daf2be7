/** The mounts of `RUN --mount=type=cache,target=/root/.cache …`, read from the flag values. */
import type { Flag, Instruction } from './model';

export interface RunMount {
  /** `bind` (the builder's default), `cache`, `tmpfs`, `secret` or `ssh`, lower case. */
  type: string;
  /** The mount point as written (`target`, `dst` or `destination`), without trailing slashes; `null` when not given. */
  target: string | null;
  flag: Flag;
}

const TARGET_KEYS = new Set(['target', 'dst', 'destination']);

/** The `--mount` flags of an instruction, in order. */
export function runMounts(instruction: Instruction): RunMount[] {
  const mounts: RunMount[] = [];
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    let type = 'bind';
    let target: string | null = null;
    for (const field of flag.value.split(',')) {
      const equals = field.indexOf('=');
      const key = (equals < 0 ? field : field.slice(0, equals)).trim().toLowerCase();
      const value = equals < 0 ? '' : unquoteField(field.slice(equals + 1).trim());
      if (key === 'type') type = value.toLowerCase();
      else if (TARGET_KEYS.has(key)) target = value.replace(/\/+$/, '') || '/';
    }
    mounts.push({ type, target, flag });
  }
  return mounts;
}

/** A CSV field's value without the double quotes around it. */
function unquoteField(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
