/**
 * The browser tests' Chromium (Debian's, driven by playwright-core), signing in at the provider's
 * login page, screenshots into test-artifacts/, and the check that no visible text is a raw code.
 *
 * Without Chromium on the machine the browser tests are skipped with a warning, unless
 * REQUIRE_BROWSER=1 (CI sets it, and installs Chromium), in which case its absence fails them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@kongchuo/identity';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);
if (!available) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
export const describeBrowser = available ? describe : describe.skip;

export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

/** a desktop and a phone (grid workers record visits in the field) */
export const VIEWPORTS = { desktop: { width: 1400, height: 1000 }, phone: { width: 390, height: 844 } } as const;
export type Viewport = keyof typeof VIEWPORTS;

/** A page of its own (its own cookies and storage); `violations` collects what the Content-Security-Policy refused. */
export async function newPage(browser: Browser, label: string, violations: string[], viewport: Viewport = 'desktop'): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport], locale: 'zh-CN', acceptDownloads: true,
    ...(viewport === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${label}: ${m.text().slice(0, 300)}`);
  });
  return page;
}

/** At the provider's login page (the dashboard sent the browser there): types the name and password and submits. */
export async function atLoginPage(page: Page, username: string, password: string): Promise<void> {
  await page.waitForSelector('#username');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[data-testid="sign-in"]');
}

/** Opens the dashboard at `at`, signs in through the provider's login page, and waits for the dashboard to say who is signed in. */
export async function signIn(page: Page, account: string, at: string, password = DEMO_PASSWORD): Promise<Page> {
  await page.goto(at);
  await page.click('[data-testid="sign-in"]');
  await atLoginPage(page, account, password);
  await page.waitForSelector('[data-testid="who"]');
  return page;
}

export const shot = (page: Page, name: string) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
};
export const settled = (page: Page, testId: string) => page.waitForSelector(`[data-testid="${testId}"]:not([data-state="loading"])`);

/**
 * Codes that must never be what a person reads: an enum value (`MET_FAMILY`, `DROPPED_OUT`, `DONE`),
 * a department's identifier (`community`, `public_security`), or a code the labels did not know
 * (`⟨…⟩`, what `label()` makes of one).
 */
const ENUM_VALUE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b(?:ASSIGNED|ACCEPTED|DONE|REJECTED|OPEN|CLOSED|ENROLLED|SUSPENDED|GRADUATED|DECEASED|RETURNED|TRANSFERRED|ACTED|DISMISSED|REFUSED|MALE|FEMALE|SENT|REPLIED|ACKNOWLEDGED|HIGH|MEDIUM|LOW|NONE|AID|QUEUED|RUNNING|FAILED|REPORTED|GUARDIAN|EMPLOYER)\b/;
const DEPARTMENT_ID = /\b(?:education|public_security|civil_affairs|community|joint_meeting|school_staff|grid_worker)\b/;
const UNKNOWN = /⟨[^⟩]*⟩/;

/** The raw codes in a text, if any (empty when there is none). */
export function rawCodesIn(text: string): string[] {
  const found: string[] = [];
  for (const re of [ENUM_VALUE, DEPARTMENT_ID, UNKNOWN]) {
    const g = new RegExp(re.source, 'g');
    for (const m of text.matchAll(g)) found.push(m[0]);
  }
  return found;
}

/** What a person reads on the page (option texts included), as one string. */
export const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);
