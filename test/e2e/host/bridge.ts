/**
 * The bridge between the suite (in the extension host) and the page (in Chromium): a small HTTP
 * server on the loopback address that lets a test read what the workbench shows (the Problems
 * panel, the input box, notifications, the language status, the Output panel), type into the input
 * box, and save a screenshot. The suite finds it through
 * `KUBEREADY_E2E_BRIDGE`; under a host without a page (test-electron) the variable is absent and the
 * tests that need the page skip themselves.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Longest wait for something to show up on the page. */
const UI_DEADLINE_MS = 10_000;

/** What the input box shows: its placeholder, its value and its message (prompt or validation error). */
interface QuickInputState {
  visible: boolean;
  placeholder: string;
  value: string;
  message: string;
}

/** A running bridge: its URL for the suite, and `close()`. */
export interface Bridge {
  url: string;
  close(): Promise<void>;
}

/** Starts the bridge for `page`; screenshots go to `screenshotDir`. */
export async function startBridge(page: Page, screenshotDir: string): Promise<Bridge> {
  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    '/problems': () => problemRows(page),
    '/quick-input': () => quickInputState(page),
    '/quick-input/fill': async (body) => {
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: UI_DEADLINE_MS });
      await input.fill(String(body.text ?? ''));
      return quickInputState(page);
    },
    '/notifications': () => notificationTexts(page),
    '/language-status': () => languageStatus(page),
    '/output': () => outputView(page),
    '/keyboard': async (body) => {
      await page.keyboard.press(String(body.key));
      return {};
    },
    '/screenshot': async (body) => {
      mkdirSync(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${safeName(String(body.name ?? 'screenshot'))}.png`);
      await page.screenshot({ path });
      return { path };
    },
  };
  const server = createServer((request, response) => void handle(request, response, routes));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>>,
): Promise<void> {
  const route = request.method === 'POST' ? routes[request.url ?? ''] : undefined;
  if (!route) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    const result = await route(body);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: message }));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/** The text of each row of the Problems panel, as shown (file rows and problem rows). */
async function problemRows(page: Page): Promise<{ rows: string[] }> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  const texts = await rows.allInnerTexts();
  return { rows: texts.map((text) => text.replace(/\s+/g, ' ').trim()) };
}

/** The text of each notification on screen: toasts, and the rows of the notification center when it is open. */
async function notificationTexts(page: Page): Promise<{ texts: string[] }> {
  const texts = await page.locator('.notifications-toasts .notification-toast, .notifications-center .monaco-list-row').allInnerTexts();
  return { texts: texts.map((text) => text.replace(/\s+/g, ' ').trim()) };
}

/**
 * The language status items of the active editor, as the hover of the `{}` entry in the status bar
 * lists them (label and detail of each); opens the hover by clicking the entry and closes it again.
 */
async function languageStatus(page: Page): Promise<{ items: string[] }> {
  const entry = page.locator('[id="status.languageStatus"]');
  if (!(await entry.isVisible())) return { items: [] };
  const hover = page.locator('.hover-language-status').first();
  await entry.click({ timeout: UI_DEADLINE_MS });
  await hover.waitFor({ state: 'visible', timeout: UI_DEADLINE_MS });
  const items = await page.locator('.hover-language-status .element .left').allInnerTexts();
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden', timeout: UI_DEADLINE_MS });
  return { items: items.map((text) => text.replace(/\s+/g, ' ').trim()) };
}

/** What the bridge reads of an element in the page (the suite is compiled without the DOM's types). */
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}

/** The Output panel: the channel its picker shows, and the lines on screen, top to bottom. */
async function outputView(page: Page): Promise<{ channel: string; lines: string[] }> {
  const pickers = page.locator('.part.panel select');
  let channel = '';
  for (let i = 0; i < (await pickers.count()); i++) {
    if (!(await pickers.nth(i).isVisible())) continue;
    channel = ((await pickers.nth(i).locator('option:checked').textContent({ timeout: UI_DEADLINE_MS })) ?? '').trim();
    break;
  }
  // Read in one go (Monaco re-renders lines as the log grows); it positions each line absolutely,
  // so their order in the page is not the order on screen.
  const lines = await page
    .locator('.output-view .view-line')
    .evaluateAll((elements: PageElement[]) => elements.map((e) => ({ style: e.getAttribute('style') ?? '', text: e.textContent ?? '' })));
  const top = (style: string): number => Number(/top:\s*(-?[\d.]+)px/.exec(style)?.[1] ?? 0);
  return {
    channel,
    lines: lines.sort((a, b) => top(a.style) - top(b.style)).map((line) => line.text.replace(/\s+/g, ' ').trim()),
  };
}

async function quickInputState(page: Page): Promise<QuickInputState> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  if (!(await widget.isVisible()) || !(await input.isVisible())) return { visible: false, placeholder: '', value: '', message: '' };
  return {
    visible: true,
    placeholder: (await input.getAttribute('placeholder')) ?? '',
    value: await input.inputValue(),
    message: ((await widget.locator('.quick-input-message').allInnerTexts()).join(' ')).trim(),
  };
}

/** A file name from a test title: letters, digits, dots and dashes only. */
function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'screenshot';
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
