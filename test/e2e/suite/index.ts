/**
 * The suite's entry point, loaded by VS Code's extension host in both hosts (`extensionTestsPath`):
 * runs mocha (TDD interface) over the compiled `*.test.js` files next to this one and prints one
 * closing line, `e2e: N passed, N failed, N skipped`. `KUBEREADY_E2E_GREP` runs only the tests whose
 * full title contains it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { say } from './log';

/** Runs the suite; rejects when a test failed (the host then exits with a non-zero code). */
export function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = say;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.KUBEREADY_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0, pending = 0, tests = 0 } = runner.stats ?? {};
      say(`e2e: ${passes} passed, ${failed} failed, ${pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed.`));
      else if (tests === 0) reject(new Error('No end-to-end test ran.'));
      else resolve();
    });
  });
}
