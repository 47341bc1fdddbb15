import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/support/pdf.ts';
import { renderSubjectAccessPdf, subjectAccessJson } from './subject-access.document.ts';
import type { HeldOnPerson } from './subject-access.store.ts';

const workerId = '0b3c2a52-58a4-4f7e-9f5c-2f1c1e0d9a11';
const held: HeldOnPerson = {
  personId: 'f4a1c8c6-1f2e-4d6a-8a0b-6c3b2f1e0d77',
  sections: [
    {
      table: 'persons',
      rows: [
        { given_name: 'Вера', family_name: 'Иванова', name_in_other_script: 'Vera Ivanova', languages: ['ru'], birth_date: '1990-03-14' },
      ],
    },
    { table: 'cases', rows: [{ case_number: 'TIL-2026-000007', stage: 'assessment', responsible_staff_id: workerId }] },
    { table: 'needs', rows: [] },
    {
      table: 'access_log',
      rows: [
        {
          occurred_at: '2026-12-01T09:30:00.000Z',
          actor_id: workerId,
          actor_role: 'case_worker',
          action: 'case.read',
          entity_type: 'case',
          outcome: 'success',
        },
      ],
    },
  ],
  files: [],
  names: { [workerId]: 'Kari Saksbehandler' },
};
const meta = {
  agencyName: 'Tillit Nord',
  timeZone: 'Europe/Oslo',
  language: 'ru',
  madeAt: new Date('2026-12-03T10:00:00Z'),
  madeBy: 'Siri Supervisor',
  note: '',
};

describe('the readable subject-access copy', () => {
  it('names the fields, the stored values and the staff in the person’s language', async () => {
    const text = await pdfText(await renderSubjectAccessPdf(held, meta));
    expect(text).toContain('Копия сведений, которые мы о вас храним');
    expect(text).toContain('Вера Иванова (Vera Ivanova)');
    expect(text).toContain('Номер дела: TIL-2026-000007');
    expect(text).toContain('Этап: Оценка');
    expect(text).toContain('Ответственный сотрудник: Kari Saksbehandler');
    expect(text).toContain('Дата рождения: 14 марта 1990');
  });

  it('lists in its contents only what holds something, and shows the access log in the agency’s time zone', async () => {
    const text = await pdfText(await renderSubjectAccessPdf(held, meta));
    expect(text).toContain('Дела: 1');
    expect(text).not.toContain('Потребности: 0');
    expect(text).toContain('1 дек. 2026 г., 10:30 · Kari Saksbehandler');
  });

  it('gives the same rows as JSON, with the names of those they refer to', () => {
    const json = JSON.parse(subjectAccessJson(held, { agencyName: 'Tillit Nord', madeAt: meta.madeAt, language: 'ru' }));
    expect(json.tables.cases[0].stage).toBe('assessment');
    expect(json.names[workerId]).toBe('Kari Saksbehandler');
  });
});
