// Every control can be reached by a click at 标准, 大 and 特大 in a 1280×720 window (issue 26, point 5): for
// each button, field and link on each screen, scrolled into view, the element at its centre is itself (or
// inside it) — so no column slides under another (the field panel's 无误 under the right-hand column at 特大
// was covered without anything scrolling sideways). Also: the board's table needs no inner sideways scroll,
// tick boxes and radio buttons grow with the text, and the app's name stays on one line.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiCall, importPaper, seedPerson, seedShanghaiClaim } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

const SIZES = ['normal', 'large', 'x-large'] as const;

/** Controls whose centre, once scrolled into view, is covered by something else. */
async function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Runs in the page; typed loosely because this file compiles without the DOM library.
    type El = {
      tagName: string;
      id: string;
      className: string;
      textContent: string | null;
      getAttribute(n: string): string | null;
      getBoundingClientRect(): { left: number; top: number; width: number; height: number };
      scrollIntoView(o: object): void;
      contains(o: unknown): boolean;
      closest(s: string): (El & { control?: unknown }) | null;
    };
    const g = globalThis as unknown as {
      document: {
        querySelectorAll(s: string): ArrayLike<El>;
        elementFromPoint(x: number, y: number): El | null;
      };
      getComputedStyle(e: El): { visibility: string; display: string };
    };
    const name = (e: El | null) =>
      e
        ? `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).trim().split(/\s+/).join('.')}` : ''}` +
          `「${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 16)}」`
        : 'nothing';
    const out: string[] = [];
    const controls = g.document.querySelectorAll(
      'main button, main input:not([type=hidden]), main select, main textarea, main a[href], nav button',
    );
    for (const el of Array.from(controls)) {
      if (el.closest('details:not([open]) > :not(summary)')) continue;
      const style = g.getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      let r = el.getBoundingClientRect();
      if (r.width <= 2 || r.height <= 2) continue; // visually hidden labels' helpers
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      r = el.getBoundingClientRect();
      const hit = g.document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const label = hit?.closest('label');
      if (hit && (hit === el || el.contains(hit) || (label && label.control === el))) continue;
      out.push(`${name(el)} ← ${name(hit)}`);
    }
    return out.slice(0, 8);
  });
}

/** Tick boxes and radio buttons smaller than the text they stand beside. */
async function smallTicks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    type El = { getBoundingClientRect(): { width: number; height: number } };
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<El>; documentElement: object };
      getComputedStyle(e: object): { fontSize: string };
    };
    const rem = parseFloat(g.getComputedStyle(g.document.documentElement).fontSize);
    return Array.from(g.document.querySelectorAll('main input[type=checkbox], main input[type=radio]'))
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.width < rem * 0.9)
      .map((r) => Math.round(r.width));
  });
}

test.use({ viewport: { width: 1280, height: 720 } });

test('every control is hit-testable at 标准, 大 and 特大 in 1280×720; ticks grow; one-line app name', async ({
  app: page,
  server,
}) => {
  test.setTimeout(600_000);
  const photos = await makeSamplePhotos();
  const person = await seedPerson(server, '欧阳秀英');
  const claim = await seedShanghaiClaim(server, person, {
    inpatient: true,
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  await importPaper(server, claim.id, 'invoice', [photos.clean.invoice.path]);
  for (const size of SIZES) {
    await apiCall(server, 'saveSettings', { language: 'zh-CN', textSize: size, maskNumbers: true });
    await page.reload();
    const screens: Array<[string, () => Promise<void>]> = [
      [
        '报销单',
        async () => {
          await page.getByRole('button', { name: '报销单', exact: true }).click();
          await page.getByRole('checkbox', { name: '全选本页' }).check();
        },
      ],
      [
        '新建报销',
        async () => page.getByRole('navigation').getByRole('button', { name: '新建报销' }).click(),
      ],
      ['家庭与人员', async () => page.getByRole('button', { name: '家庭与人员' }).click()],
      ['设置', async () => page.getByRole('button', { name: '设置' }).click()],
      [
        '报销单详情',
        async () => {
          await page.getByRole('button', { name: '报销单', exact: true }).click();
          await page.locator('.claims-table tbody tr').first().getByRole('button').first().click();
          await expect(page.locator('.field-panel tr[data-field="hospital"]')).toBeVisible({
            timeout: 60_000,
          });
        },
      ],
    ];
    for (const [name, open] of screens) {
      await open();
      await expect(page.locator('main h1')).toBeVisible();
      expect
        .soft(await coveredControls(page), `${size} · ${name}: controls covered by something else`)
        .toEqual([]);
      if (size === 'x-large')
        expect
          .soft(await smallTicks(page), `${size} · ${name}: tick boxes smaller than the text`)
          .toEqual([]);
      if (name === '报销单') {
        const inner = await page
          .locator('.table-scroll')
          .evaluate((e: { scrollWidth: number; clientWidth: number }) => e.scrollWidth - e.clientWidth);
        expect
          .soft(inner, `${size}: the board's table scrolls sideways inside itself`)
          .toBeLessThanOrEqual(0);
      }
    }
    // The app's name on one line: its text is one line box.
    const lines = await page.locator('.brand-name').evaluate((e) => {
      const g = globalThis as unknown as {
        document: {
          createRange(): {
            selectNodeContents(n: unknown): void;
            getClientRects(): ArrayLike<{ top: number }>;
          };
        };
      };
      const range = g.document.createRange();
      range.selectNodeContents(e);
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
    });
    expect.soft(lines, `${size}: 报销材料助手 on one line`).toBe(1);
  }
});
