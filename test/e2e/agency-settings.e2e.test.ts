import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreatedStaff } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, inViewport, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let admin: CreatedStaff;

async function openSettings(page: Page): Promise<void> {
  await page.goto('/admin/agency');
  await page.getByRole('heading', { level: 1, name: 'Agency settings' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Current settings' }).waitFor();
}

/** The line of the summary that names the setting. */
const summaryRow = (page: Page, label: string) =>
  page
    .getByRole('region', { name: 'Current settings' })
    .locator('.summary-list__row')
    .filter({ has: page.getByText(label, { exact: true }) });

beforeAll(async () => {
  admin = await server().createStaff({ roles: ['administrator'], displayName: 'Agnes Admin' });
  mkdirSync(screenshots, { recursive: true });
});

describe('the agency settings', () => {
  it('open with a summary of what is set and every group of settings closed, short and tidy on a desktop and a phone', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInFully(page, admin.email, admin.password);
    await openSettings(page);
    await expect(summaryRow(page, 'Time zone').locator('dd').first().textContent()).resolves.toBe('UTC');
    await expect(summaryRow(page, 'Roles that must use two-step verification').locator('dd').first().textContent()).resolves.toBe(
      'Required for every role',
    );
    for (const group of ['The agency', 'Services and catchment area', 'Intake rules', 'Casework', 'Sign-in and security'])
      await expect(page.getByRole('button', { name: new RegExp(`^${group}`) }).getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.getByLabel('Agency name').isVisible()).resolves.toBe(false);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.info(`Agency settings, groups closed: ${height} px tall at 1280×800`);
    expect(height).toBeLessThan(2000);
    await expectAccessible(page, 'the agency settings');
    await page.screenshot({ path: path.join(screenshots, 'agency-settings-1280.png'), fullPage: true });

    await page.getByRole('button', { name: /^Intake rules/ }).click();
    await page.getByLabel('Lowest age served').waitFor();
    await expectAccessible(page, 'the agency settings with a group open');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(screenshots, 'agency-settings-390.png'), fullPage: true });
    await expectNoSidewaysScroll(page, 'the agency settings');
    await context.close();
  });

  it('"Change" in the summary opens the group and puts the cursor in that setting', async () => {
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await openSettings(page);
    await page.getByRole('button', { name: 'Change Time zone' }).click();
    await expect(page.getByRole('button', { name: /^The agency/ }).getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('agency-timeZone');
    await context.close();
  });

  it('after saving, says so beside the save button, in view, and the summary shows the new value', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInFully(page, admin.email, admin.password);
    await openSettings(page);
    for (const group of ['The agency', 'Services and catchment area', 'Intake rules', 'Casework', 'Sign-in and security'])
      await page.getByRole('button', { name: new RegExp(`^${group}`) }).click();
    await page.getByLabel('First response to an urgent request within (hours)').fill('6');
    // The last field of the page: the save button stays in view all the same.
    await page.getByLabel('Maximum session length (hours)').focus();
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await expect(inViewport(page, save)).resolves.toBe(true);
    await save.click();
    const message = page.getByRole('status').filter({ hasText: 'The agency settings have been saved.' });
    await message.waitFor();
    await expect(inViewport(page, message)).resolves.toBe(true);
    await expect(summaryRow(page, 'First response to an urgent request within (hours)').locator('dd').first().textContent()).resolves.toBe(
      '6',
    );
    await context.close();
  });

  it('a problem on saving opens the group that holds it, and the summary of problems leads to the field', async () => {
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await openSettings(page);
    const intake = page.getByRole('button', { name: /^Intake rules/ });
    await intake.click();
    await page.getByLabel('Lowest age served').fill('30');
    await page.getByLabel('Highest age served').fill('20');
    await intake.click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const link = page.getByRole('link', { name: /^Highest age served: / });
    await link.waitFor();
    await expect(intake.getAttribute('aria-expanded')).resolves.toBe('true');
    await intake.getByText('Has a problem').waitFor();
    await intake.click();
    await link.click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('agency-maximumAge');
    await context.close();
  });
});
