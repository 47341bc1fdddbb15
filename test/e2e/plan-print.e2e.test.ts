import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { firstUnitId } from '../support/server.ts';
import { pdfText, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('the printed service plan', () => {
  it("prints to PDF with both parts of seed 004's plan, in Russian and in Chinese", async () => {
    const unitId = await firstUnitId(server().db);
    const supervisor = await server().createStaff({ roles: ['supervisor'], unitId });
    const worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Маргарита Работник' });
    const sup = new ApiClient(server().app);
    await sup.signIn(supervisor.email, supervisor.password);
    const w = new ApiClient(server().app);
    await w.signIn(worker.email, worker.password);
    const person = (await sup.post('/persons', { givenName: 'Анна', familyName: 'Печатникова', languages: ['ru'] })).json();
    const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
    const assessment = (await w.post(`/cases/${theCase.id}/assessments`, { assessedOn: inDays(0) })).json();
    const need = (
      await w.post(`/assessments/${assessment.id}/needs`, {
        domain: 'housing',
        description: 'Собственное жильё',
        severity: 'high',
        identifiedOn: inDays(0),
      })
    ).json();
    const goal = randomUUID();
    const plan = (
      await w.post(`/cases/${theCase.id}/plans`, {
        content: {
          periodFrom: inDays(0),
          periodTo: inDays(180),
          reviewDate: inDays(90),
          goals: [
            {
              id: goal,
              level: 'long_term',
              needId: need.id,
              description: 'Живёт в собственной квартире по договору найма',
              indicator: 'Подписанный договор',
              baseline: 'Нет договора',
              target: 'Договор подписан',
              dueDate: inDays(170),
            },
          ],
          steps: [
            {
              id: randomUUID(),
              goalId: goal,
              what: 'Заполнить заявление на жильё вместе',
              responsibleKind: 'worker',
              dueDate: inDays(14),
              instructions: 'Взять паспорт',
            },
          ],
          services: [
            { id: randomUUID(), type: 'Консультация по жилью', provider: 'Юридическая служба', frequency: 'еженедельно', needId: need.id },
          ],
          meetings: [{ id: randomUUID(), date: inDays(30), purpose: 'Промежуточная встреча' }],
        },
      })
    ).json();
    const submitted = (await w.post(`/plans/${plan.id}/submit`, { version: plan.version })).json();
    const png = `data:image/png;base64,${Buffer.from('fictional signature stroke').toString('base64')}`;
    expect(
      (
        await w.post(`/plans/${plan.id}/signatures`, { signer: 'person', method: 'drawn', signatureImage: png, version: submitted.version })
      ).json().status,
    ).toBe('active');

    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/api/v1/plans/${plan.id}/document`);
    const russian = await pdfText(await page.pdf({ format: 'A4', printBackground: true }));
    for (const text of [
      'Индивидуальный план обслуживания',
      'Часть 1: план',
      'Часть 2: выполнение плана',
      'Анна Печатникова',
      'Маргарита Работник',
      'Собственное жильё',
      'Заполнить заявление на жильё вместе',
      'Консультация по жилью',
      'Юридическая служба',
      'Промежуточная встреча',
      'Первая версия плана.',
    ]) {
      expect(russian, text).toContain(text);
    }
    expect(russian).not.toContain('Эта версия не действует');
    // The case number is called that, not an ID number: the person has no national ID registered.
    expect(russian).toContain(`Номер дела ${theCase.caseNumber}`);
    expect(russian).not.toContain('Идентификационный номер');
    // A line for the responsible worker's signature beside the person's.
    expect(russian).toMatch(/Ответственный специалист Маргарита Работник Дата:/);

    await page.goto(`/api/v1/plans/${plan.id}/document?language=zh-Hans`);
    const chinese = await pdfText(await page.pdf({ format: 'A4' }));
    for (const text of ['个人服务计划', '第一部分：计划', '第二部分：计划执行', '负责社工', 'Анна Печатникова'])
      expect(chinese, text).toContain(text);
    await context.close();
  });

  it('leaves out sections with nothing in them and has signature lines for the person, the guardian and the responsible worker', async () => {
    const unitId = await firstUnitId(server().db);
    const worker = await server().createStaff({ roles: ['case_worker', 'supervisor'], unitId, displayName: 'Wenche Worker' });
    const w = new ApiClient(server().app);
    await w.signIn(worker.email, worker.password);
    // Twelve years old: a guardian signs with her.
    const father = (await w.post('/persons', { givenName: 'Geir', familyName: 'Tomrom' })).json();
    const person = (
      await w.post('/persons', {
        givenName: 'Tuva',
        familyName: 'Tomrom',
        birthDate: inDays(-12 * 366),
        guardianPersonId: father.id,
        guardianRelationship: 'father',
      })
    ).json();
    const theCase = (await w.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
    const goal = randomUUID();
    const plan = (
      await w.post(`/cases/${theCase.id}/plans`, {
        content: {
          periodFrom: inDays(0),
          periodTo: inDays(90),
          reviewDate: inDays(45),
          goals: [
            {
              id: goal,
              level: 'short_term',
              description: 'Goes to school every day',
              indicator: 'Days at school',
              baseline: 'Three days a week',
              target: 'Five days a week',
              dueDate: inDays(60),
            },
          ],
          steps: [{ id: randomUUID(), goalId: goal, what: 'Walk to school together', responsibleKind: 'relative', dueDate: inDays(7) }],
        },
      })
    ).json();
    expect(plan.guardianRequired).toBe(true);

    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/api/v1/plans/${plan.id}/document?language=en`);
    const english = await pdfText(await page.pdf({ format: 'A4' }));
    expect(english).toContain('Walk to school together');
    for (const empty of ['Services', 'Meetings', 'Needs']) expect(english, empty).not.toMatch(new RegExp(`\\b${empty}\\b`));
    expect(english).toContain(`Case number ${theCase.caseNumber}`);
    expect(english).toMatch(/The person Tuva Tomrom .*Not yet signed/);
    expect(english).toMatch(/Guardian Geir Tomrom .*Not yet signed/);
    expect(english).toMatch(/Responsible worker Wenche Worker Date:/);
    await page.screenshot({ path: path.join(screenshots, 'plan-print-signatures.png'), fullPage: true });
    await context.close();
  });
});
