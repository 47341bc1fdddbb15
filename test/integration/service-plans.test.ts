import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../src/core/calendar-date.ts';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
let outsider: CreatedStaff;
let partner: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const png = `data:image/png;base64,${Buffer.from('fictional signature stroke').toString('base64')}`;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  outsider = await t.createStaff({ roles: ['case_worker'], unitId });
  const organisation = (
    await t.db.execute<{ id: string }>(sql`INSERT INTO partner_organisations (agency_id, name) VALUES (1, 'Harbour Shelter') RETURNING id`)
  ).rows[0]!.id;
  partner = await t.createStaff({ roles: ['partner_provider'], partnerOrganisationId: organisation });
});
afterAll(async () => {
  await t.close();
});

async function caseWithNeed(person: Record<string, unknown>) {
  const sup = await signedIn(supervisor);
  const p = (await sup.post('/persons', { familyName: 'Plan', ...person })).json();
  const theCase = (await sup.post('/cases', { personId: p.id, unitId, responsibleStaffId: worker.id })).json() as {
    id: string;
    personId: string;
    stage: string;
  };
  const w = await signedIn(worker);
  const a = (await w.post(`/cases/${theCase.id}/assessments`, { assessedOn: inDays(0) })).json();
  const need = (
    await w.post(`/assessments/${a.id}/needs`, {
      domain: 'housing',
      description: 'A home of her own',
      severity: 'high',
      identifiedOn: inDays(0),
    })
  ).json();
  return { theCase, need, person: p, w };
}

function planContent(needId: string) {
  const longTerm = randomUUID();
  const shortTerm = randomUUID();
  return {
    periodFrom: inDays(0),
    periodTo: inDays(180),
    reviewDate: inDays(90),
    personWishes: "To live near my daughter's school",
    goals: [
      {
        id: longTerm,
        level: 'long_term',
        needId,
        description: 'Lives in a flat of her own with a tenancy in her name',
        indicator: 'Signed tenancy agreement',
        baseline: 'No tenancy',
        target: 'Tenancy signed',
        dueDate: inDays(170),
      },
      {
        id: shortTerm,
        level: 'short_term',
        parentGoalId: longTerm,
        needId,
        description: 'Applies for municipal housing with the worker',
        indicator: '',
        baseline: '0 applications',
        target: '1 application sent',
        dueDate: inDays(30),
      },
    ],
    steps: [
      {
        id: randomUUID(),
        goalId: shortTerm,
        what: 'Fill in the housing application together',
        responsibleKind: 'worker',
        dueDate: inDays(-1),
        instructions: 'Bring your ID and last payslip',
      },
      { id: randomUUID(), goalId: shortTerm, what: 'Collect references from the landlord', responsibleKind: 'person', dueDate: inDays(20) },
    ],
    services: [
      {
        id: randomUUID(),
        type: 'Housing counselling',
        provider: 'Legal aid service',
        form: 'individual',
        frequency: 'weekly',
        duration: '3 months',
        place: 'Office',
        needId,
      },
    ],
    meetings: [{ id: randomUUID(), date: inDays(14), purpose: 'Follow-up', place: 'Office' }],
    risks: [
      {
        id: randomUUID(),
        risk: "Has to leave the friend's flat early",
        contingency: 'Emergency shelter place through the duty supervisor',
      },
    ],
    rightsAndDuties: 'You may withdraw from the plan at any time.',
    evaluationMethod: 'Review meeting with the person at the review date',
  };
}

describe('service plans', () => {
  it('become active only when signed by the person; the case moves to implementation and the steps are tracked', async () => {
    const { theCase, need, w } = await caseWithNeed({ givenName: 'Hege' });
    const content = planContent(need.id);
    const draft = (await w.post(`/cases/${theCase.id}/plans`, { content })).json();
    expect(draft).toMatchObject({ status: 'draft', planVersion: 1, missingSignatures: ['person'] });
    expect(draft.smartProblems).toEqual([
      expect.objectContaining({ goalId: content.goals[1]!.id, field: 'indicator', code: 'indicator_missing', severity: 'error' }),
    ]);

    const notSmart = await w.post(`/plans/${draft.id}/submit`, { version: draft.version });
    expect(notSmart.statusCode).toBe(400);
    expect(notSmart.json().errors).toEqual([expect.objectContaining({ field: 'content.goals.1.indicator', code: 'indicator_missing' })]);
    const early = await w.post(`/plans/${draft.id}/signatures`, {
      signer: 'person',
      method: 'drawn',
      signatureImage: png,
      version: draft.version,
    });
    expect(early.statusCode).toBe(409);

    content.goals[1]!.indicator = 'Application receipt from the housing office';
    const fixed = (await w.patch(`/plans/${draft.id}`, { content, version: draft.version })).json();
    expect(fixed.smartProblems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
    const submitted = (await w.post(`/plans/${draft.id}/submit`, { version: fixed.version })).json();
    expect(submitted.status).toBe('awaiting_signature');
    expect((await w.patch(`/plans/${draft.id}`, { content, version: submitted.version })).statusCode).toBe(409);
    const noImage = await w.post(`/plans/${draft.id}/signatures`, { signer: 'person', method: 'drawn', version: submitted.version });
    expect(noImage.json().errors[0].field).toBe('signatureImage');

    const active = (
      await w.post(`/plans/${draft.id}/signatures`, { signer: 'person', method: 'drawn', signatureImage: png, version: submitted.version })
    ).json();
    expect(active).toMatchObject({ status: 'active', missingSignatures: [] });
    expect((await w.get(`/cases/${theCase.id}`)).json().stage).toBe('implementation');
    const stages = await t.db.execute<{ to_value: string }>(
      sql`SELECT to_value FROM case_events WHERE case_id = ${theCase.id} AND kind = 'stage' ORDER BY at`,
    );
    expect(stages.rows.map((r) => r.to_value)).toEqual(['assessment', 'planning', 'implementation']);
    // Each stage was entered when its work began – the assessment, the first plan, the signature – in order, and the case says so.
    const passed = (await w.get(`/cases/${theCase.id}`)).json().stages as { stage: string; enteredAt: string }[];
    expect(passed.map((p) => p.stage)).toEqual(['intake', 'assessment', 'planning', 'implementation']);
    const times = passed.map((p) => Date.parse(p.enteredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(4);

    const steps = (await w.get(`/cases/${theCase.id}/steps`)).json().items as {
      stepId: string;
      overdue: boolean;
      status: string;
      version: number;
    }[];
    expect(steps.map((s) => [s.stepId, s.overdue])).toEqual([
      [content.steps[0]!.id, true],
      [content.steps[1]!.id, false],
    ]);
    const dueToday = (await w.get('/work/today')).json().steps as { stepId: string; overdue: boolean; caseId: string }[];
    expect(dueToday).toEqual([expect.objectContaining({ stepId: content.steps[0]!.id, caseId: theCase.id, overdue: true })]);
    const noResult = await w.patch(`/cases/${theCase.id}/steps/${content.steps[0]!.id}`, { status: 'done', version: steps[0]!.version });
    expect(noResult.json().errors[0].field).toBe('result');
    const done = (
      await w.patch(`/cases/${theCase.id}/steps/${content.steps[0]!.id}`, {
        status: 'done',
        result: 'Application sent on time',
        version: steps[0]!.version,
      })
    ).json();
    expect(done).toMatchObject({ status: 'done', overdue: false, result: 'Application sent on time' });
    expect(done.completedAt).not.toBeNull();
    expect((await w.get('/work/today')).json().steps).toEqual([]);
    const overview = (await w.get(`/cases/${theCase.id}/overview`)).json();
    expect(overview).toMatchObject({
      case: { id: theCase.id, stage: 'implementation' },
      activePlan: {
        id: draft.id,
        planVersion: 1,
        periodFrom: content.periodFrom,
        reviewDate: content.reviewDate,
        goalCount: content.goals.length,
      },
      planInPreparation: null,
    });
    expect(overview.steps.map((s: { stepId: string; status: string }) => [s.stepId, s.status])).toEqual([
      [content.steps[0]!.id, 'done'],
      [content.steps[1]!.id, 'planned'],
    ]);
    expect(overview.activePlan).not.toHaveProperty('content'); // the plan's own page reads it
    expect(overview.latestAssessment.needs).toEqual([expect.objectContaining({ id: need.id })]);
    expect((await (await signedIn(outsider)).get(`/cases/${theCase.id}/overview`)).statusCode).toBe(404);

    // A partner organisation's staff see none of the casework: to them those routes do not exist.
    const p = await signedIn(partner);
    for (const url of [
      `/cases/${theCase.id}/overview`,
      `/plans/${draft.id}`,
      `/plans/${draft.id}/document`,
      `/cases/${theCase.id}/steps`,
      `/cases/${theCase.id}/assessments`,
      `/cases/${theCase.id}/decisions`,
      `/cases/${theCase.id}/questionnaire-responses`,
    ]) {
      expect((await p.get(url)).statusCode, url).toBe(404);
    }

    const actions = (
      await t.db.execute<{ action: string }>(
        sql`SELECT DISTINCT action FROM audit_events WHERE person_id = ${theCase.personId} AND outcome = 'success'`,
      )
    ).rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'plan.create',
        'plan.update',
        'plan.submit',
        'plan.sign',
        'plan.steps.read',
        'plan.step',
        'plan.step.list',
        'case.stage',
        'case.read',
      ]),
    );
    const signedEvent = (
      await t.db.execute<{ details: { activated: boolean } }>(
        sql`SELECT details FROM audit_events WHERE entity_id = ${draft.id} AND action = 'plan.sign'`,
      )
    ).rows;
    expect(signedEvent.map((e) => e.details.activated)).toEqual([true]);
    expect((await w.get('/work/today')).json().planReviews).toEqual([]);
  });

  it('change only through a new version with a reason, signed again; every version is kept and a superseded one cannot be altered', async () => {
    const { theCase, need, w } = await caseWithNeed({ givenName: 'Ivar' });
    const content = planContent(need.id);
    content.goals[1]!.indicator = 'Application receipt';
    const v1 = (await w.post(`/cases/${theCase.id}/plans`, { content })).json();
    const s1 = (await w.post(`/plans/${v1.id}/submit`, { version: v1.version })).json();
    await w.post(`/plans/${v1.id}/signatures`, { signer: 'person', method: 'paper', witnessName: 'Kari Vitne', version: s1.version });
    await w.patch(`/cases/${theCase.id}/steps/${content.steps[0]!.id}`, { status: 'done', result: 'Sent', version: 1 });

    expect((await w.post(`/cases/${theCase.id}/plans`, {})).json().errors[0].field).toBe('changeReason');
    const v2 = (await w.post(`/cases/${theCase.id}/plans`, { changeReason: 'The person found a job; a budget step is added' })).json();
    expect(v2).toMatchObject({
      planVersion: 2,
      status: 'draft',
      previousId: v1.id,
      changeReason: 'The person found a job; a budget step is added',
    });
    expect(v2.content.steps.map((s: { id: string }) => s.id)).toEqual(content.steps.map((s) => s.id));
    expect((await w.post(`/cases/${theCase.id}/plans`, { changeReason: 'A second draft at once' })).statusCode).toBe(409);

    const budget = { id: randomUUID(), what: 'Make a monthly budget', responsibleKind: 'person', dueDate: inDays(10), instructions: '' };
    const edited = { ...v2.content, steps: [v2.content.steps[0], budget] };
    const v2b = (await w.patch(`/plans/${v2.id}`, { content: edited, version: v2.version })).json();
    const v2s = (await w.post(`/plans/${v2.id}/submit`, { version: v2b.version })).json();
    // Until the person signs version 2, version 1 stays the active plan.
    expect(
      ((await w.get(`/cases/${theCase.id}/plans`)).json().items as { planVersion: number; status: string }[]).map((p) => [
        p.planVersion,
        p.status,
      ]),
    ).toEqual([
      [2, 'awaiting_signature'],
      [1, 'active'],
    ]);
    await w.post(`/plans/${v2.id}/signatures`, { signer: 'person', method: 'drawn', signatureImage: png, version: v2s.version });
    const diff = (await w.get(`/plans/${v2.id}/changes`)).json();
    expect(diff).toMatchObject({ planVersion: 2, previousVersion: 1, changeReason: 'The person found a job; a budget step is added' });
    expect(diff.changes.map((c: { section: string; kind: string; label: string }) => [c.section, c.kind, c.label])).toEqual([
      ['steps', 'added', 'Make a monthly budget'],
      ['steps', 'removed', 'Collect references from the landlord'],
    ]);
    expect((await w.get(`/plans/${v2.id}/document`)).body).toContain('Make a monthly budget');
    const versions = (await w.get(`/cases/${theCase.id}/plans`)).json().items as { planVersion: number; status: string }[];
    expect(versions.map((p) => [p.planVersion, p.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);

    const steps = (await w.get(`/cases/${theCase.id}/steps`)).json().items as { stepId: string; status: string; result: string }[];
    const byId = new Map(steps.map((s) => [s.stepId, s]));
    expect(byId.get(content.steps[0]!.id)).toMatchObject({ status: 'done', result: 'Sent' });
    expect(byId.get(content.steps[1]!.id)).toMatchObject({ status: 'removed' });
    expect(byId.get(budget.id)).toMatchObject({ status: 'planned' });

    const tampering = await t.db.execute(sql`UPDATE service_plans SET change_reason = 'rewritten' WHERE id = ${v1.id}`).then(
      () => null,
      (e: Error) => e,
    );
    expect(String((tampering?.cause as Error | undefined)?.message)).toMatch(/settled service_plans refused/);
  });

  it("need a guardian's signature for a minor, and stay out of reach of others", async () => {
    const sup = await signedIn(supervisor);
    const guardian = (await sup.post('/persons', { givenName: 'Gunnar', familyName: 'Verge' })).json();
    const { theCase, need, w } = await caseWithNeed({
      givenName: 'Lina',
      birthDate: '2014-03-01',
      guardianPersonId: guardian.id,
      guardianRelationship: 'father',
    });
    const content = { ...planContent(need.id), reviewDate: inDays(7) };
    content.goals[1]!.indicator = 'Application receipt';
    const plan = (await w.post(`/cases/${theCase.id}/plans`, { content })).json();
    expect(plan).toMatchObject({ guardianRequired: true, missingSignatures: ['person', 'guardian'] });
    const sub = (await w.post(`/plans/${plan.id}/submit`, { version: plan.version })).json();
    const half = (
      await w.post(`/plans/${plan.id}/signatures`, { signer: 'person', method: 'drawn', signatureImage: png, version: sub.version })
    ).json();
    expect(half).toMatchObject({ status: 'awaiting_signature', missingSignatures: ['guardian'] });
    const full = (
      await w.post(`/plans/${plan.id}/signatures`, { signer: 'guardian', method: 'drawn', signatureImage: png, version: half.version })
    ).json();
    expect(full.status).toBe('active');
    expect((await w.get('/work/today')).json().planReviews).toContainEqual({
      planId: plan.id,
      caseId: theCase.id,
      caseNumber: expect.any(String),
      reviewDate: inDays(7),
      overdue: false,
    });

    const o = await signedIn(outsider);
    expect((await o.get(`/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await o.get(`/cases/${theCase.id}/steps`)).statusCode).toBe(404);
    expect((await o.post(`/cases/${theCase.id}/plans`, { content })).statusCode).toBe(404);
  });

  it('refuses a goal naming a need of another case and a review date outside the period, naming the field', async () => {
    const { theCase, w } = await caseWithNeed({ givenName: 'Other' });
    const elsewhere = await caseWithNeed({ givenName: 'Elsewhere' });
    const foreign = await w.post(`/cases/${theCase.id}/plans`, { content: planContent(elsewhere.need.id) });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'content.goals.0.needId', code: 'not_found' });
    const badReview = await w.post(`/cases/${theCase.id}/plans`, {
      content: { ...planContent(elsewhere.need.id), reviewDate: inDays(400) },
    });
    expect(badReview.json().errors[0].field).toBe('content.reviewDate');
    expect((await t.db.execute(sql`SELECT 1 FROM service_plans WHERE case_id = ${theCase.id}`)).rows.length).toBe(0);
  });

  it("prints both parts of seed 004's plan in the person's language", async () => {
    const { theCase, need, w } = await caseWithNeed({ givenName: 'Анна', languages: ['ru'], nationalId: null });
    const content = planContent(need.id);
    content.goals[1]!.indicator = 'Application receipt';
    const plan = (await w.post(`/cases/${theCase.id}/plans`, { content })).json();
    const page = await w.get(`/plans/${plan.id}/document`);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    for (const text of [
      'Индивидуальный план обслуживания',
      'Часть 1: план',
      'Часть 2: выполнение плана',
      'Эта версия не действует',
      'Анна Plan',
      'Fill in the housing application together',
      'A home of her own',
      'Housing counselling',
      'Ответственный специалист',
    ]) {
      expect(page.body).toContain(text);
    }
  });

  it('settle who signs when the plan is put to the person, check the staff named in steps, and discard a plan that never came into force', async () => {
    const sup = await signedIn(supervisor);
    const { theCase, need, person, w } = await caseWithNeed({ givenName: 'Mina', birthDate: '2013-05-05' });
    const content = planContent(need.id);
    content.goals[1]!.indicator = 'Application receipt';
    const unknownStaff = { ...content, steps: [{ ...content.steps[0]!, responsibleStaffId: randomUUID() }] };
    const refused = await w.post(`/cases/${theCase.id}/plans`, { content: unknownStaff });
    expect(refused.json().errors[0]).toMatchObject({ field: 'content.steps.0.responsibleStaffId', code: 'not_found' });

    const draft = (await w.post(`/cases/${theCase.id}/plans`, { content })).json();
    expect((await w.post(`/plans/${draft.id}/submit`, { version: draft.version })).json().errors[0].field).toBe('guardianPersonId');
    const guardian = (await sup.post('/persons', { givenName: 'Gro', familyName: 'Verge' })).json();
    const current = (await sup.get(`/persons/${person.id}`)).json();
    await sup.patch(`/persons/${person.id}`, { guardianPersonId: guardian.id, guardianRelationship: 'mother', version: current.version });
    const submitted = (await w.post(`/plans/${draft.id}/submit`, { version: draft.version })).json();
    expect(submitted).toMatchObject({ status: 'awaiting_signature', guardianRequired: true, missingSignatures: ['person', 'guardian'] });

    const discarded = await w.post(`/plans/${draft.id}/discard`, { version: submitted.version });
    expect(discarded.json()).toEqual({ ok: true });
    expect((await w.get(`/plans/${draft.id}`)).statusCode).toBe(404);
    expect((await w.post(`/cases/${theCase.id}/plans`, { content })).statusCode).toBe(201);
  });

  it('are guarded by the database too: a signed plan keeps its content and its signatures', async () => {
    const { theCase, need, w } = await caseWithNeed({ givenName: 'Vakt' });
    const content = planContent(need.id);
    content.goals[1]!.indicator = 'Application receipt';
    const plan = (await w.post(`/cases/${theCase.id}/plans`, { content })).json();
    const sub = (await w.post(`/plans/${plan.id}/submit`, { version: plan.version })).json();
    await w.post(`/plans/${plan.id}/signatures`, { signer: 'person', method: 'paper', witnessName: 'Kari Vitne', version: sub.version });
    const refusedBy = async (statement: ReturnType<typeof sql>) =>
      String(
        (
          (
            await t.db.execute(statement).then(
              () => null,
              (e: Error) => e,
            )
          )?.cause as Error | undefined
        )?.message,
      );
    expect(await refusedBy(sql`UPDATE service_plans SET content = '{}'::jsonb WHERE id = ${plan.id}`)).toMatch(/refused/);
    expect(await refusedBy(sql`UPDATE service_plans SET status = 'draft' WHERE id = ${plan.id}`)).toMatch(/refused/);
    expect(await refusedBy(sql`DELETE FROM plan_signatures WHERE plan_id = ${plan.id}`)).toMatch(/refused/);
    expect(await refusedBy(sql`DELETE FROM service_plans WHERE id = ${plan.id}`)).toMatch(/refused/);
    const closed = await (await signedIn(supervisor)).post(`/cases/${theCase.id}/stage`, {
      stage: 'closed',
      reason: 'Moved away',
      version: (await w.get(`/cases/${theCase.id}`)).json().version,
    });
    expect(closed.json().stage).toBe('closed');
    const steps = (await w.get(`/cases/${theCase.id}/steps`)).json().items as { stepId: string; version: number }[];
    const late = await w.patch(`/cases/${theCase.id}/steps/${steps[0]!.stepId}`, { status: 'in_progress', version: steps[0]!.version });
    expect(late.json().code).toBe('transition_not_allowed');
  });

  it('count "today" and "overdue" in the agency\'s time zone', async () => {
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const setZone = async (timeZone: string) => {
      const agency = (await admin.get('/agency')).json();
      const { version, ...rest } = agency;
      expect((await admin.put('/agency', { ...rest, timeZone, version })).statusCode).toBe(200);
    };
    const settings = (await admin.get('/agency')).json() as Record<string, unknown>;
    expect((await admin.put('/agency', { ...settings, timeZone: 'Mars/Olympus_Mons' })).json().errors[0].field).toBe('timeZone');
    // Pago Pago (UTC−11) and Kiritimati (UTC+14) are always on different calendar dates.
    const pagoToday = calendarDateIn('Pacific/Pago_Pago');
    await setZone('Pacific/Pago_Pago');
    try {
      const { theCase, need, w } = await caseWithNeed({ givenName: 'Sone' });
      const content = { ...planContent(need.id), periodFrom: pagoToday };
      content.goals[1]!.indicator = 'Application receipt';
      content.steps = [{ ...content.steps[1]!, dueDate: pagoToday }];
      const plan = (await w.post(`/cases/${theCase.id}/plans`, { content })).json();
      const sub = (await w.post(`/plans/${plan.id}/submit`, { version: plan.version })).json();
      expect(sub.status).toBe('awaiting_signature');
      await w.post(`/plans/${plan.id}/signatures`, { signer: 'person', method: 'paper', witnessName: 'Kari Vitne', version: sub.version });
      expect((await w.get(`/cases/${theCase.id}/steps`)).json().items[0].overdue).toBe(false);
      await setZone('Pacific/Kiritimati');
      expect((await w.get(`/cases/${theCase.id}/steps`)).json().items[0].overdue).toBe(true);
      expect((await w.get('/work/today')).json().steps).toContainEqual(expect.objectContaining({ caseId: theCase.id, overdue: true }));
      // A date that is already today in Kiritimati is not "in the future", wherever the server is.
      expect((await w.post(`/cases/${theCase.id}/assessments`, { assessedOn: calendarDateIn('Pacific/Kiritimati') })).statusCode).toBe(201);
    } finally {
      await setZone('UTC');
    }
  });
});
