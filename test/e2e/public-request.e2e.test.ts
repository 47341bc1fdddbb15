import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { firstUnitId } from '../support/server.ts';
import { expectAccessible, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

/** The ids (or tag names) of what Tab reaches, from the first control of the form to its submit button. */
async function tabOrder(page: Page, from: string, until: string): Promise<string[]> {
  await page.locator(`#${from}`).focus();
  const reached: string[] = [];
  for (let step = 0; step < 30; step += 1) {
    const active = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');
    reached.push(active);
    if ((await page.evaluate(() => document.activeElement?.textContent ?? '')) === until) return reached;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${until}": ${reached.join(', ')}`);
}

describe('the public online request form', () => {
  it('a person writes in Russian, keeps the draft over a reload, gets a receipt number, and intake sees the request', async () => {
    const { context, page } = await openPage();
    await page.goto('/request');
    await page.getByRole('heading', { level: 1, name: 'Ask us for help' }).waitFor();
    await expectAccessible(page, 'the public request form');

    // The honeypot is there for bots, but out of reach for people: off-screen, aria-hidden, not in the tab order.
    const honeypot = page.locator('input[name="website"]');
    await expect(honeypot.count()).resolves.toBe(1);
    const box = await honeypot.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(0);
    await expect(honeypot.getAttribute('tabindex')).resolves.toBe('-1');
    await expect(page.locator('[aria-hidden="true"]').filter({ has: honeypot }).count()).resolves.toBe(1);
    const reached = await tabOrder(page, 'public-request-ownWords', 'Send request');
    expect(reached).toContain('public-request-email');
    expect(reached).not.toContain('public-request-website');

    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', { level: 1, name: 'Обратиться за помощью' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');

    // Nothing written: the message sits next to the field, and the summary links to it.
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('alert').filter({ hasText: 'Нужно исправить' }).waitFor();
    const ownWords = page.getByLabel('С чем вам нужна помощь?');
    await expect(ownWords.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.locator('#public-request-ownWords-error').getByText('Заполните это поле').waitFor();
    await expectAccessible(page, 'the public form with an error, in Russian');
    await page.screenshot({ path: 'test-results/e2e/public-request-ru.png', fullPage: true });

    await ownWords.fill('Меня выселяют из квартиры, мне некуда идти с детьми.');
    await page.getByLabel('Ваше имя').fill('Анна Сергеевна Кузнецова');
    await page.getByLabel('Номер телефона').fill('+47 412 34 567');
    await page.getByLabel('Где вы живёте').fill('Harbour');

    // A reload keeps what was typed – in this tab's sessionStorage, never in localStorage.
    await page.reload();
    await expect.poll(() => page.getByLabel('Ваше имя').inputValue()).toBe('Анна Сергеевна Кузнецова');
    await expect(page.getByLabel('С чем вам нужна помощь?').inputValue()).resolves.toBe(
      'Меня выселяют из квартиры, мне некуда идти с детьми.',
    );
    await expect(page.evaluate(() => JSON.stringify({ ...localStorage }))).resolves.not.toContain('Кузнецова');

    // A field error in the server's problem document is shown at its field (the client checks the same
    // schema first, so the server's answer is stood in for here).
    await page.route('**/api/v1/public/requests', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Invalid',
          status: 400,
          code: 'validation_failed',
          errors: [{ field: 'body.phone', code: 'invalid_format', message: 'Номер не существует' }],
        }),
      }),
    );
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.locator('#public-request-phone-error').getByText('Номер не существует').waitFor();
    await expect(page.getByLabel('Номер телефона').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.unroute('**/api/v1/public/requests');

    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await page.getByRole('heading', { level: 1, name: 'Спасибо, ваше обращение получено' }).waitFor();
    const receipt = (await page.locator('.receipt-number').textContent()) ?? '';
    expect(receipt).toMatch(/^R-\d{8}-[0-9A-F]{8}$/);
    // Only the receipt: nothing that was typed is shown back, and the draft is gone.
    await expect(page.getByText('Кузнецова').count()).resolves.toBe(0);
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
    await expectAccessible(page, 'the receipt, in Russian');
    await context.close();

    // The intake worker finds it in the queue, under the name as written.
    const intake = await server().createStaff({ roles: ['intake_worker'], unitId: await firstUnitId(server().db) });
    const worker = await openPage();
    await signInFully(worker.page, intake.email, intake.password);
    await worker.page.goto('/intake');
    await worker.page.getByRole('heading', { level: 1, name: 'Intake queue' }).waitFor();
    const row = worker.page.getByRole('row').filter({ has: worker.page.getByRole('rowheader', { name: receipt }) });
    await row.getByText('Анна Сергеевна Кузнецова').waitFor();
    await row.getByText('Online form').waitFor();
    await row.getByRole('link', { name: receipt }).click();
    await worker.page.getByRole('heading', { level: 1, name: `Request ${receipt}` }).waitFor();
    await worker.page.getByText('Меня выселяют из квартиры, мне некуда идти с детьми.').waitFor();
    await worker.page.locator('dd', { hasText: 'Русский' }).waitFor();
    await worker.context.close();
  });
});
