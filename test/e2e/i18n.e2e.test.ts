import { describe, expect, it } from 'vitest';
import { expectAccessible, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

describe('languages and scripts', () => {
  it('switching to Russian changes the navigation, and names in Chinese and Cyrillic show as written', async () => {
    const admin = await server().createStaff({ roles: ['administrator'], displayName: '王小明' });
    await server().createStaff({ roles: ['case_worker'], displayName: 'Иван Петрович Сидоров' });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Welcome, 王小明');
    await expect(page.getByRole('button', { name: /Account menu/ }).textContent()).resolves.toContain('王小明');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Home' }).waitFor();

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByLabel('Language').selectOption('ru');
    const navRu = page.getByRole('navigation', { name: 'Главное меню' });
    await navRu.getByRole('link', { name: 'Главная' }).waitFor();
    await navRu.getByRole('link', { name: 'Сотрудники' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Добро пожаловать, 王小明');
    await expectAccessible(page, 'home in Russian');

    await navRu.getByRole('link', { name: 'Сотрудники' }).click();
    await page.getByRole('heading', { level: 1, name: 'Сотрудники' }).waitFor();
    await page.getByRole('rowheader', { name: 'Иван Петрович Сидоров' }).waitFor();
    await page.getByRole('rowheader', { name: '王小明' }).waitFor();
    // Dates follow the language, on a 24-hour clock and without the year's "г.": "23 нояб. 2025, 19:44".
    const ownRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '王小明' }) });
    await expect(ownRow.textContent()).resolves.toMatch(/\d{1,2}\s\S+\.?\s\d{4}, \d{2}:\d{2}/);
    await expect(ownRow.textContent()).resolves.not.toMatch(/г\.|AM|PM/);
    await page.screenshot({ path: 'test-results/e2e/staff-ru.png', fullPage: true });

    // The choice is saved as the preferred language: it survives a reload.
    await page.reload();
    await page.getByRole('navigation', { name: 'Главное меню' }).getByRole('link', { name: 'Главная' }).waitFor();

    // A name in Cyrillic given in account settings shows as typed.
    await page.goto('/account');
    await page.getByLabel('Отображаемое имя').fill('Мария Иванова');
    await page.getByRole('region', { name: 'Профиль' }).getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Профиль сохранен.').waitFor();
    await expect(page.getByRole('button', { name: /Меню учетной записи/ }).textContent()).resolves.toContain('Мария Иванова');

    await context.close();
  });

  it('the sign-in page offers the language switch before sign-in', async () => {
    const { context, page } = await openPage();
    await page.goto('/login');
    await page.getByLabel('Language').selectOption('zh-Hans');
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-Hans');
    await page.getByLabel('电子邮箱地址').fill('nobody@example.org');
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('电子邮箱地址或密码不正确。').waitFor();
    await expectAccessible(page, 'sign-in in Chinese with an error');
    await page.screenshot({ path: 'test-results/e2e/login-zh-Hans.png', fullPage: true });
    await context.close();
  });
});
