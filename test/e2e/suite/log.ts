/**
 * The suite's own output. Under the offline host every line carries the mark the host asked for
 * (`KUBEREADY_E2E_LOG_MARK`), so that the host can tell it from the workbench's log; elsewhere lines
 * are printed as they are.
 */
import { format } from 'node:util';

const MARK = process.env.KUBEREADY_E2E_LOG_MARK ?? '';

/** Prints like `console.log`, each line marked for the host. */
export function say(...args: unknown[]): void {
  const text = args.length === 0 ? '' : format(...args);
  console.log(text.split('\n').map((line) => MARK + line).join('\n'));
}
