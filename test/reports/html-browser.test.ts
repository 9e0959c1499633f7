/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core. It renders, its filters
 * work, hostile strings in findings stay text, and its Content-Security-Policy stops a script that a missed
 * escape would let in. A screenshot is kept in test-artifacts/report.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reporters/html.ts';
import { FIXTURES } from '../../src/reporters/testing.ts';
import { HOSTILE_IMG, hostileResult } from './hostile.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

let dir: string;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium) to run the browser test`,
    );
  dir = mkdtempSync(join(tmpdir(), 'rampart-html-browser-'));
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1200, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  console: string[];
  requests: string[];
}

async function open(html: string, name: string): Promise<Opened> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const page = await context.newPage();
  const console: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
  page.on('requestfinished', (r) => requests.push(r.url()));
  // Chromium reports CSP blocks as events on the document (playwright does not surface them as console messages).
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(file).href);
  return { page, console, requests };
}

const visible = (page: Page) => page.locator('article.finding:visible').count();
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

describe('HTML report in Chromium', () => {
  it('renders, filters, keeps hostile strings as text and loads nothing', async () => {
    const { page, console, requests } = await open(renderHtml(hostileResult(), { cwd: FIXTURES }), 'report.html');
    await expect(page.locator('h1').textContent()).resolves.toBe('Rampart scan report');
    await expect(page.locator('#total').textContent()).resolves.toBe('7');
    await expect(page.locator('[data-count-severity="high"] .n').textContent()).resolves.toBe('2');
    expect(await visible(page)).toBe(7);
    // The charts drew one bar per severity and one per OWASP category found, sized by count.
    expect(await page.locator('svg.chart rect.bar').count()).toBe(5 + 6);
    const width = (cls: string) => page.locator(`svg.chart rect.bar.${cls}`).getAttribute('width');
    expect(Number(await width('low'))).toBeGreaterThan(Number(await width('high')));

    await page.selectOption('select[name=severity]', 'high');
    expect(await visible(page)).toBe(2);
    await expect(page.locator('#shown').textContent()).resolves.toBe('2');
    await page.selectOption('select[name=stage]', 'probe');
    expect(await visible(page)).toBe(1);
    await expect(page.locator('article.finding:visible h3').textContent()).resolves.toBe("A user can read another user's object");
    await page.selectOption('select[name=stage]', 'runtime');
    expect(await visible(page)).toBe(0);
    await expect(page.locator('#none-shown').isVisible()).resolves.toBe(true);

    await page.click('button[type=reset]');
    await page.waitForFunction(() => document.getElementById('shown')?.textContent === '7');
    expect(await visible(page)).toBe(7);
    await page.selectOption('select[name=owasp]', 'API4:2023');
    expect(await visible(page)).toBe(2);
    await page.selectOption('select[name=owasp]', '');
    await page.selectOption('select[name=source]', `config/${HOSTILE_IMG}.env`);
    expect(await visible(page)).toBe(1);
    await expect(page.locator('article.finding:visible .where code').first().textContent()).resolves.toBe(`config/${HOSTILE_IMG}.env:2:9`);
    await page.click('button[type=reset]');

    // The hostile strings are on the page as text, and none became an element or ran.
    await expect(page.locator('pre.response').textContent()).resolves.toContain(HOSTILE_IMG);
    await expect(page.locator('pre.response').textContent()).resolves.toContain('</script><script>window.__pwned=1</script>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await pwned(page)).toBeUndefined();
    expect(console).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(requests).toEqual([pathToFileURL(join(dir, 'report.html')).href]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(readFileSync(join(ARTIFACTS, 'report.png')).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  }, 60_000);

  it('blocks a script that a missed escape would let in (the CSP allows only the report’s own script)', async () => {
    const html = renderHtml(hostileResult(), { cwd: FIXTURES }).replace(
      '<main>',
      `<main><script>window.__pwned=1</script>${HOSTILE_IMG}<img src="https://example.com/x.png">`,
    );
    const { page, requests } = await open(html, 'tampered.html');
    expect(await pwned(page)).toBeUndefined();
    expect((await violations(page)).sort()).toEqual([
      'img-src file',
      'img-src https://example.com/x.png',
      'script-src-attr inline',
      'script-src-elem inline',
    ]);
    expect(requests, 'only the report itself is loaded').toEqual([pathToFileURL(join(dir, 'tampered.html')).href]);
    // Our own script still runs under the same policy.
    await page.selectOption('select[name=severity]', 'critical');
    expect(await visible(page)).toBe(1);
    await page.close();
  }, 60_000);
});
