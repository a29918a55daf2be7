/**
 * The suite's side of the offline host's bridge (test/e2e/host/bridge.ts): what the page shows and
 * what a user types. Present only when the host has a page to drive (`KUBEREADY_E2E_BRIDGE`); tests
 * that need it skip themselves under other hosts.
 */
import { say } from './log';

/** What the input box shows. */
export interface QuickInputState {
  visible: boolean;
  placeholder: string;
  value: string;
  message: string;
}

/** Reads and drives the workbench page. */
export interface PageDriver {
  /** The text of each row of the Problems panel. */
  problemRows(): Promise<string[]>;
  /** The input box's state (`visible: false` when none is open). */
  quickInput(): Promise<QuickInputState>;
  /** Waits for the input box, replaces its value by `text`, and returns its state. */
  fillQuickInput(text: string): Promise<QuickInputState>;
  /** The text of each notification on screen (toasts, and the notification center's rows when it is open). */
  notifications(): Promise<string[]>;
  /** The language status items of the active editor (label and detail of each), read from the status bar's hover. */
  languageStatus(): Promise<string[]>;
  /** The Output panel: the channel it shows and its lines on screen. */
  output(): Promise<{ channel: string; lines: string[] }>;
  /** Presses a key (Playwright's names: `Enter`, `Escape`) in the focused element. */
  press(key: string): Promise<void>;
  /** Saves a screenshot of the page; returns its path. */
  screenshot(name: string): Promise<string>;
}

/** The page driver of the offline host, or null under a host without one (test-electron). */
export function pageDriver(): PageDriver | null {
  const base = process.env.KUBEREADY_E2E_BRIDGE;
  if (!base) return null;
  const call = async <T>(route: string, body: object = {}): Promise<T> => {
    const response = await fetch(`${base}${route}`, { method: 'POST', body: JSON.stringify(body) });
    const result = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`The page driver failed on ${route}: ${result.error ?? response.status}`);
    return result;
  };
  return {
    problemRows: async () => (await call<{ rows: string[] }>('/problems')).rows,
    quickInput: () => call<QuickInputState>('/quick-input'),
    fillQuickInput: (text) => call<QuickInputState>('/quick-input/fill', { text }),
    notifications: async () => (await call<{ texts: string[] }>('/notifications')).texts,
    languageStatus: async () => (await call<{ items: string[] }>('/language-status')).items,
    output: () => call<{ channel: string; lines: string[] }>('/output'),
    press: async (key) => {
      await call('/keyboard', { key });
    },
    screenshot: async (name) => (await call<{ path: string }>('/screenshot', { name })).path,
  };
}

/** A value for a message: titles of code actions, or JSON. */
function describe(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof (v as { title?: unknown })?.title === 'string')) return value.map((v) => (v as { title: string }).title).join(' | ') || '(none)';
  return JSON.stringify(value);
}

/**
 * A `teardown` hook: saves a screenshot when the test failed (under a host with a page), before
 * `cleanUp` changes what is on screen, then runs `cleanUp`.
 */
export function afterTest(cleanUp: () => Promise<void>): (this: Mocha.Context) => Promise<void> {
  return async function (this: Mocha.Context) {
    const page = pageDriver();
    const current = this.currentTest;
    if (page && current?.state === 'failed') {
      try {
        say(`    screenshot of the failure: ${await page.screenshot(current.fullTitle())}`);
      } catch (error) {
        say(`    no screenshot: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await cleanUp();
  };
}

/**
 * Polls `read` until `done` holds for what it returns; rejects after `deadlineMs` with the last value.
 * For page state, which sends no event the extension host could wait on.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, deadlineMs = 10_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what}; last seen: ${describe(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
