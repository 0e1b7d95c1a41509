import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** Debian's Chromium, started as the machine's probe showed works here (no network chatter). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The browser, context and page a test file works with (filled in by the hooks below). */
export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Start a fresh context and page (closing the previous one), e.g. with touch or a phone viewport. */
  open(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One Chromium per test file. With `perTest` (the default) every test gets a fresh context (no
 * cookies, cache or clipboard carried over) and page at 1280×800; otherwise one page serves all.
 */
export function useChromium({ perTest = true }: { perTest?: boolean } = {}): Session {
  const t = {} as Session;
  t.open = async (options = {}) => {
    await t.context?.close();
    t.context = await t.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    t.page = await t.context.newPage();
    return t.page;
  };
  beforeAll(async () => {
    t.browser = await launch();
    if (!perTest) await t.open();
  });
  afterAll(() => t.browser.close());
  if (perTest) {
    beforeEach(async () => void (await t.open()));
    afterEach(() => t.context.close());
  }
  return t;
}
