// Large text in a small window: at 标准, 大 and 特大 in a 1280×720 window no screen scrolls sideways, no name
// in the people table wraps one character per line, and moving to a screen puts keyboard focus on its title.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiCall, seedOutpatientClaim, seedPerson } from './support/api';

const SIZES = ['normal', 'large', 'x-large'] as const;

/** How far the page or any element of the screen pokes past the window's right edge, in CSS pixels. */
async function overflowOf(page: Page): Promise<{ page: number; culprits: string[] }> {
  return page.evaluate(() => {
    type Box = {
      tagName: string;
      className: string;
      getBoundingClientRect(): { width: number; right: number };
    };
    const doc = (
      globalThis as unknown as {
        document: {
          documentElement: { clientWidth: number; scrollWidth: number };
          querySelectorAll(s: string): ArrayLike<Box>;
        };
      }
    ).document;
    const width = doc.documentElement.clientWidth;
    const culprits: string[] = [];
    for (const el of Array.from(doc.querySelectorAll('main *'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1)
        culprits.push(`${el.tagName.toLowerCase()}.${el.className} → ${Math.round(r.right - width)}px`);
    }
    return { page: doc.documentElement.scrollWidth - width, culprits: culprits.slice(0, 5) };
  });
}

/** Names must stay on one or two lines (a four-character name on four lines is one character per line). */
async function squeezedNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Runs in the page; typed loosely because this file compiles without the DOM library.
    type Cell = { textContent: string | null };
    const g = globalThis as unknown as {
      document: {
        querySelectorAll(s: string): ArrayLike<Cell>;
        createRange(): { selectNodeContents(n: Cell): void; getClientRects(): ArrayLike<{ top: number }> };
      };
    };
    // The text's own line boxes: more than two lines for a short name means it was squeezed.
    const linesOf = (cell: Cell) => {
      const range = g.document.createRange();
      range.selectNodeContents(cell);
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
    };
    return Array.from(
      g.document.querySelectorAll('td.person-name, td.hospital, .claims-table td:nth-child(2)'),
    )
      .filter((td) => linesOf(td) > 2)
      .map((td) => td.textContent ?? '');
  });
}

test.use({ viewport: { width: 1280, height: 720 } });

test('no screen scrolls sideways at 标准, 大 and 特大 in 1280×720, and focus lands on each screen title', async ({
  app: page,
  server,
}) => {
  const person = await seedPerson(server, '欧阳秀英');
  await apiCall(server, 'createPerson', {
    householdId: 1,
    name: '司马长风',
    idNumber: '110105197001011234'.slice(0, 17) + 'X',
    relation: 'child',
    insuranceType: 'resident',
    insuredRegion: '江苏省南京市',
  }).catch(() => undefined);
  const claim = await seedOutpatientClaim(server, person, '南京医科大学第二附属医院（江苏省第二中医院）');
  for (const size of SIZES) {
    await apiCall(server, 'saveSettings', { language: 'zh-CN', textSize: size, maskNumbers: true });
    await page.reload();
    const screens: Array<[string, () => Promise<void>]> = [
      ['报销单', async () => page.getByRole('button', { name: '报销单', exact: true }).click()],
      [
        '新建报销',
        async () => page.getByRole('navigation').getByRole('button', { name: '新建报销' }).click(),
      ],
      [
        '家庭与人员',
        async () => {
          await page.getByRole('button', { name: '家庭与人员' }).click();
          await page.getByRole('button', { name: /欧阳秀英家/ }).click();
        },
      ],
      ['设置', async () => page.getByRole('button', { name: '设置' }).click()],
      [
        claim.reference,
        async () => {
          await page.getByRole('button', { name: '报销单', exact: true }).click();
          await page.locator('.claims-table tbody tr').first().getByRole('button').first().click();
          await page.getByRole('button', { name: '修改', exact: true }).click();
        },
      ],
    ];
    for (const [name, open] of screens) {
      await open();
      await expect(page.locator('main h1')).toBeVisible();
      const o = await overflowOf(page);
      expect(
        o.page,
        `${size} · ${name}: page scrolls sideways (${o.culprits.join('; ')})`,
      ).toBeLessThanOrEqual(0);
      expect(o.culprits, `${size} · ${name}: elements past the right edge`).toEqual([]);
      expect(await squeezedNames(page), `${size} · ${name}: names wrapped one character per line`).toEqual(
        [],
      );
    }
    // Focus follows navigation: the new screen's title, so a keyboard or screen-reader user starts there.
    await page.getByRole('button', { name: '设置' }).click();
    await expect(page.locator('main h1')).toBeFocused();
  }
});
