import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/core/jobs.ts';
import { createLogger } from '../../src/core/logger.ts';
import { deliverDueMail, MAX_ATTEMPTS, MailDelivery, queueMail } from '../../src/core/mail.ts';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, insertAgency, type TestApp } from '../support/server.ts';

/** A local SMTP server that keeps what it is sent (no TLS, no sign-in: it listens on the loopback only). */
interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  raw: string;
}
const caught: CaughtMail[] = [];
const catcher = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, done) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      simpleParser(raw).then(
        (parsed) => {
          caught.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            raw,
          });
          done();
        },
        (error: Error) => done(error),
      );
    });
  },
});

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let otherWorker: CreatedStaff;
let supervisor: CreatedStaff;
let head: CreatedStaff;
let secondHead: CreatedStaff;
let admin: CreatedStaff;
let partner: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Waited ${ms} ms for ${what}`);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.1', resolve));
  const { port } = catcher.server.address() as AddressInfo;
  t = await createTestApp({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'Tillit <tillit@example.org>',
    TILLIT_PUBLIC_URL: 'https://tillit.example.org',
  });
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId, email: 'ingrid.worker@example.org' });
  otherWorker = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  head = await t.createStaff({ roles: ['agency_head'], email: 'astrid.head@example.org' });
  secondHead = await t.createStaff({ roles: ['agency_head'], email: 'bjorn.head@example.org' });
  admin = await t.createStaff({ roles: ['administrator'] });
  partner = await t.createStaff({ roles: ['partner_provider'] });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => catcher.close(() => resolve()));
});

async function openCase(givenName: string, familyName: string, languages: string[] = []) {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName, familyName, languages })).json();
  const opened = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
  return opened as { id: string; personId: string; caseNumber: string; version: number };
}

const byHand = {
  occurredAt: minutesAgo(30),
  whatHappened: 'Said on the phone she had pills ready and did not want to go on',
  immediateActions: 'Stayed on the line; her sister went over',
  informed: 'Her sister Kari',
};

async function openCrisis(w: ApiClient, caseId: string) {
  const opened = await w.post(`/cases/${caseId}/crises`, byHand);
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json();
}

/** The database refuses the statement by a trigger of its own (drizzle wraps the error). */
async function refusedByDatabase(statement: Promise<unknown>) {
  const error = await statement.then(
    () => null,
    (e: Error & { cause?: Error }) => e,
  );
  expect(error, 'the statement should have been refused').not.toBeNull();
  expect(String(error!.cause?.message ?? error!.message)).toMatch(/refused/);
}

const fields = (response: { json: () => { errors?: { field: string }[] } }) => (response.json().errors ?? []).map((e) => e.field);

describe('a crisis opened by hand', () => {
  it('raises the crisis flag, makes the case urgent and shows on the case, in Today and in the unit view until closed', async () => {
    const theCase = await openCase('Solveig', 'Brennhaug');
    const w = await signedIn(worker);
    const crisis = await openCrisis(w, theCase.id);
    expect(crisis).toMatchObject({
      status: 'open',
      source: 'manual',
      sourceId: null,
      whatHappened: byHand.whatHappened,
      supportContacts: [],
    });
    expect(crisis.may).toEqual({ change: true, close: false });
    const flagged = (await w.get(`/cases/${theCase.id}`)).json();
    expect(flagged).toMatchObject({ priority: 'urgent', crisisRaisedAt: crisis.openedAt });
    expect((await w.get(`/cases/${theCase.id}/overview`)).json().openCrisis).toEqual({
      id: crisis.id,
      openedAt: crisis.openedAt,
      source: 'manual',
    });
    const sup = await signedIn(supervisor);
    const urgent = (await sup.get('/work/today')).json().urgentCases.find((c: { id: string }) => c.id === theCase.id);
    expect(urgent.crisis).toEqual({ id: crisis.id, openedAt: crisis.openedAt, source: 'manual' });
    const unit = (await sup.get('/work/unit')).json();
    expect(unit.openCrises).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: crisis.id, caseId: theCase.id, caseNumber: theCase.caseNumber })]),
    );
    expect(JSON.stringify(unit)).not.toContain('Brennhaug');

    const closed = await sup.post(`/crises/${crisis.id}/close`, {
      outcome: 'Admitted to the psychiatric emergency ward for the night; home next day with a plan',
      followUpOn: inDays(2),
      version: crisis.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', followUpOn: inDays(2), may: { change: false, close: false } });
    expect((await w.get(`/cases/${theCase.id}`)).json().crisisRaisedAt).toBeNull();
    expect((await w.get(`/cases/${theCase.id}/overview`)).json().openCrisis).toBeNull();
    expect((await sup.get('/work/unit')).json().openCrises.some((c: { id: string }) => c.id === crisis.id)).toBe(false);
    const history = await t.db.execute<{ kind: string; reason: string }>(
      sql`SELECT kind, reason FROM case_events WHERE case_id = ${theCase.id} AND kind LIKE 'crisis%' ORDER BY at`,
    );
    expect(history.rows.map((e) => e.kind)).toEqual(['crisis_raised', 'crisis_cleared']);
  });

  it('alerts every active agency head of the agency at once, but not the one who opened it nor a head of another agency', async () => {
    const second = await insertAgency(t.db, 'Fjordside Agency', 'FJO');
    const elsewhere = await t.createStaff({ roles: ['agency_head'], agencyId: second.agencyId });
    const away = await t.createStaff({ roles: ['agency_head'] });
    await t.db.execute(sql`UPDATE staff SET status = 'disabled' WHERE id = ${away.id}`);
    const theCase = await openCase('Oddny', 'Kvalheim');
    const crisis = await openCrisis(await signedIn(head), theCase.id);
    expect(crisis.agencyHeadsNotified).toBe(1);
    const alerts = await t.db.execute<{ recipient_id: string }>(
      sql`SELECT recipient_id FROM alerts WHERE case_id = ${theCase.id} AND kind = 'crisis_opened'`,
    );
    const told = alerts.rows.map((a) => a.recipient_id);
    expect(told).toContain(secondHead.id);
    expect(told).toContain(supervisor.id);
    expect(told).not.toContain(head.id);
    expect(told).not.toContain(away.id);
    expect(told).not.toContain(elsewhere.id);
    const seen = (await (await signedIn(secondHead)).get('/alerts')).json().items.find((a: { caseId: string }) => a.caseId === theCase.id);
    expect(seen).toMatchObject({ kind: 'crisis_opened', caseNumber: theCase.caseNumber });
  });

  it('mails the agency heads a link to the crisis, without the name, the case number or anything of the case', async () => {
    const theCase = await openCase('Torunn', 'Heggelund');
    const crisis = await openCrisis(await signedIn(worker), theCase.id);
    expect(crisis.agencyHeadsMailed).toBeGreaterThanOrEqual(2);
    const mails = await waitFor('the mails to both heads', () => {
      const found = caught.filter((m) => m.text.includes(`/cases/${theCase.id}/crisis`));
      return found.length >= 2 ? found : undefined;
    });
    expect(mails.flatMap((m) => m.to).sort()).toEqual(expect.arrayContaining(['astrid.head@example.org', 'bjorn.head@example.org']));
    for (const mail of mails) {
      expect(mail.subject).toBe('Tillit: a crisis was opened on a case of your agency');
      expect(mail.text).toContain(`https://tillit.example.org/cases/${theCase.id}/crisis`);
      for (const secret of ['Torunn', 'Heggelund', theCase.caseNumber, 'pills', 'Kari', 'ingrid.worker'])
        expect(mail.raw.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    // Marked sent once the SMTP server took it.
    const until = Date.now() + 10_000;
    let sent = 0;
    while (sent < mails.length && Date.now() < until) {
      const outbox = await t.db.execute<{ sent: number }>(
        sql`SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent FROM mail_outbox WHERE body LIKE ${`%${theCase.id}%`}`,
      );
      sent = outbox.rows[0]!.sent;
      if (sent < mails.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sent).toBe(mails.length);
  });

  it('writes the mail in the head’s own language', async () => {
    await t.db.execute(sql`UPDATE staff SET locale = 'nb' WHERE id = ${secondHead.id}`);
    const theCase = await openCase('Gunnvor', 'Rustad');
    await openCrisis(await signedIn(worker), theCase.id);
    const mail = await waitFor('the Norwegian mail', () =>
      caught.find((m) => m.to.includes('bjorn.head@example.org') && m.text.includes(`/cases/${theCase.id}/crisis`)),
    );
    expect(mail.subject).toBe('Tillit: en krise er åpnet i en sak ved kontoret deres');
    await t.db.execute(sql`UPDATE staff SET locale = 'en' WHERE id = ${secondHead.id}`);
  });

  it('is one at a time on a case', async () => {
    const theCase = await openCase('Liv', 'Aasen');
    const w = await signedIn(worker);
    await openCrisis(w, theCase.id);
    const second = await w.post(`/cases/${theCase.id}/crises`, byHand);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('already_exists');
  });

  it('may come from a journal entry, named by its id', async () => {
    const theCase = await openCase('Eli', 'Nordby');
    const w = await signedIn(worker);
    const draft = (
      await w.post(`/cases/${theCase.id}/journal`, {
        kind: 'home_visit',
        occurredOn: new Date().toISOString().slice(0, 10),
        text: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Spoke of ending his life' }] }] },
      })
    ).json();
    const entry = (await w.post(`/journal-entries/${draft.id}/sign`, { version: draft.version })).json().id;
    const opened = await w.post(`/cases/${theCase.id}/crises`, {
      ...byHand,
      source: 'journal_entry',
      sourceId: entry,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ source: 'journal_entry', sourceId: entry });
  });
});

describe('the support sought in a crisis', () => {
  it('records each service contacted with when, in the order contacted, and who recorded it', async () => {
    const theCase = await openCase('Berit', 'Lunde');
    const w = await signedIn(worker);
    const crisis = await openCrisis(w, theCase.id);
    await w.post(`/crises/${crisis.id}/support-contacts`, {
      kind: 'psychiatric',
      contactedAt: minutesAgo(10),
      contact: 'Emergency psychiatric team',
    });
    const after = await w.post(`/crises/${crisis.id}/support-contacts`, {
      kind: 'emergency_services',
      contactedAt: minutesAgo(20),
      contact: '113',
      note: 'Ambulance sent',
    });
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().supportContacts.map((c: { kind: string }) => c.kind)).toEqual(['emergency_services', 'psychiatric']);
    expect(after.json().supportContacts[0]).toMatchObject({ contact: '113', note: 'Ambulance sent', recordedByName: expect.any(String) });
  });

  it('refuses a contact in the future and an unknown kind, naming the field', async () => {
    const theCase = await openCase('Randi', 'Moe');
    const w = await signedIn(worker);
    const crisis = await openCrisis(w, theCase.id);
    const future = await w.post(`/crises/${crisis.id}/support-contacts`, {
      kind: 'police',
      contactedAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual(['contactedAt']);
    const unknown = await w.post(`/crises/${crisis.id}/support-contacts`, { kind: 'fire_brigade', contactedAt: minutesAgo(1) });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual(['kind']);
  });

  it('is recorded only while the crisis is open, and a recorded contact never changes', async () => {
    const theCase = await openCase('Hilde', 'Berg');
    const w = await signedIn(worker);
    const crisis = await openCrisis(w, theCase.id);
    const withContact = (
      await w.post(`/crises/${crisis.id}/support-contacts`, { kind: 'child_protection', contactedAt: minutesAgo(5) })
    ).json();
    await (await signedIn(supervisor)).post(`/crises/${crisis.id}/close`, {
      outcome: 'Safe at her sister’s',
      followUpOn: inDays(1),
      version: withContact.version,
    });
    const late = await w.post(`/crises/${crisis.id}/support-contacts`, { kind: 'other', contactedAt: minutesAgo(1) });
    expect(late.statusCode).toBe(409);
    const edit = await w.patch(`/crises/${crisis.id}`, { whatHappened: 'Something else', version: withContact.version + 1 });
    expect(edit.statusCode).toBe(409);
    await refusedByDatabase(t.db.execute(sql`UPDATE crisis_support_contacts SET note = 'changed' WHERE crisis_id = ${crisis.id}`));
    await refusedByDatabase(t.db.execute(sql`UPDATE crises SET outcome = 'changed' WHERE id = ${crisis.id}`));
  });
});

describe('closing a crisis', () => {
  it('is supervision’s: the responsible worker is refused', async () => {
    const theCase = await openCase('Anne', 'Holm');
    const w = await signedIn(worker);
    const crisis = await openCrisis(w, theCase.id);
    const refused = await w.post(`/crises/${crisis.id}/close`, { outcome: 'Calmer now', followUpOn: inDays(1), version: crisis.version });
    expect(refused.statusCode).toBe(403);
  });

  it('needs an outcome and a follow-up date that is not in the past', async () => {
    const theCase = await openCase('Mona', 'Strand');
    const crisis = await openCrisis(await signedIn(worker), theCase.id);
    const sup = await signedIn(supervisor);
    const past = await sup.post(`/crises/${crisis.id}/close`, { outcome: 'Calmer now', followUpOn: inDays(-2), version: crisis.version });
    expect(past.statusCode).toBe(400);
    expect(fields(past)).toEqual(['followUpOn']);
    const bare = await sup.post(`/crises/${crisis.id}/close`, { followUpOn: inDays(1), version: crisis.version });
    expect(bare.statusCode).toBe(400);
    expect(fields(bare)).toEqual(['outcome']);
  });

  it('through ending the crisis flag closes the open crisis with the follow-up as its outcome', async () => {
    const theCase = await openCase('Sigrid', 'Vik');
    const crisis = await openCrisis(await signedIn(worker), theCase.id);
    const sup = await signedIn(supervisor);
    const flagged = (await sup.get(`/cases/${theCase.id}`)).json();
    const cleared = await sup.post(`/cases/${theCase.id}/crisis/clear`, {
      followUp: 'Seen at home, safe',
      followUpOn: inDays(3),
      version: flagged.version,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect((await sup.get(`/crises/${crisis.id}`)).json()).toMatchObject({
      status: 'closed',
      outcome: 'Seen at home, safe',
      followUpOn: inDays(3),
    });
  });
});

describe('the crisis routes', () => {
  it('answer 404 to a worker the case is out of reach of, as for a case that does not exist', async () => {
    const theCase = await openCase('Turid', 'Dahl');
    const crisis = await openCrisis(await signedIn(worker), theCase.id);
    const stranger = await signedIn(otherWorker);
    const plan = (await (await signedIn(worker)).post(`/cases/${theCase.id}/safety-plans`, {})).json().draft;
    const attempts = [
      await stranger.post(`/cases/${theCase.id}/crises`, byHand),
      await stranger.get(`/cases/${theCase.id}/crises`),
      await stranger.get(`/crises/${crisis.id}`),
      await stranger.patch(`/crises/${crisis.id}`, { informed: 'probe', version: crisis.version }),
      await stranger.post(`/crises/${crisis.id}/support-contacts`, { kind: 'police', contactedAt: minutesAgo(1) }),
      await stranger.get(`/cases/${theCase.id}/safety-plan`),
      await stranger.post(`/cases/${theCase.id}/safety-plans`, {}),
      await stranger.patch(`/safety-plans/${plan.id}`, { language: 'ru', version: plan.version }),
      await stranger.post(`/safety-plans/${plan.id}/sign`, { signedOn: inDays(0), method: 'on_paper', version: plan.version }),
      await stranger.get(`/safety-plans/${plan.id}/document`),
    ];
    expect(
      attempts.map((r) => r.statusCode),
      attempts.map((r) => r.body).join('\n'),
    ).toEqual(attempts.map(() => 404));
    // A supervisor of another unit: the close is out of reach too.
    const otherUnit = (await t.db.execute<{ id: string }>(sql`INSERT INTO units (agency_id, name) VALUES (1, 'Harbour unit') RETURNING id`))
      .rows[0]!.id;
    const farSupervisor = await signedIn(await t.createStaff({ roles: ['supervisor'], unitId: otherUnit }));
    expect(
      (await farSupervisor.post(`/crises/${crisis.id}/close`, { outcome: 'probe', followUpOn: inDays(1), version: crisis.version }))
        .statusCode,
    ).toBe(404);
    const denied = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE outcome = 'denied' AND entity_id = ${crisis.id} AND person_id = ${theCase.personId}`,
    );
    expect(denied.rows[0]!.n).toBeGreaterThan(0);
  });

  it('are closed to a partner provider and an administrator', async () => {
    const theCase = await openCase('Vigdis', 'Lie');
    const crisis = await openCrisis(await signedIn(worker), theCase.id);
    for (const who of [partner, admin]) {
      const c = await signedIn(who);
      const attempts = [
        await c.post(`/cases/${theCase.id}/crises`, byHand),
        await c.get(`/cases/${theCase.id}/crises`),
        await c.get(`/crises/${crisis.id}`),
        await c.patch(`/crises/${crisis.id}`, { informed: 'probe', version: crisis.version }),
        await c.post(`/crises/${crisis.id}/support-contacts`, { kind: 'police', contactedAt: minutesAgo(1) }),
        await c.post(`/crises/${crisis.id}/close`, { outcome: 'probe', followUpOn: inDays(1), version: crisis.version }),
        await c.get(`/cases/${theCase.id}/safety-plan`),
        await c.post(`/cases/${theCase.id}/safety-plans`, {}),
      ];
      expect(attempts.map((r) => r.statusCode)).toEqual(attempts.map(() => (who === partner ? 404 : 403)));
    }
  });

  it('refuse bad input with 400 naming the field', async () => {
    const theCase = await openCase('Aud', 'Haugen');
    const w = await signedIn(worker);
    const cases: [unknown, string][] = [
      [{ ...byHand, whatHappened: '' }, 'whatHappened'],
      [{ ...byHand, occurredAt: 'yesterday' }, 'occurredAt'],
      [{ ...byHand, occurredAt: new Date(Date.now() + 86_400_000).toISOString() }, 'occurredAt'],
      [{ ...byHand, source: 'journal_entry' }, 'sourceId'],
      [{ ...byHand, source: 'questionnaire' }, 'source'],
      [{ ...byHand, mood: 'low' }, 'mood'],
    ];
    for (const [body, field] of cases) {
      const answer = await w.post(`/cases/${theCase.id}/crises`, body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(fields(answer)).toEqual([field]);
    }
  });
});

describe('a questionnaire answer that raises the crisis flag', () => {
  it('opens a crisis from the answers, telling the agency heads', async () => {
    const theCase = await openCase('Kjersti', 'Foss');
    const w = await signedIn(worker);
    const templates = (await w.get('/questionnaire-templates?status=published')).json().items as { id: string; key: string }[];
    const answers = {
      ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, i === 8 ? 'several_days' : 'not_at_all'])),
      phq9_difficulty: 'somewhat_difficult',
    };
    const started = (
      await w.post(`/cases/${theCase.id}/questionnaire-responses`, { templateId: templates.find((x) => x.key === 'phq-9')!.id, answers })
    ).json();
    const done = await w.post(`/questionnaire-responses/${started.id}/complete`, { version: started.version });
    expect(done.json().flags).toEqual(['crisis']);
    const [crisis] = (await w.get(`/cases/${theCase.id}/crises`)).json().items;
    expect(crisis).toMatchObject({ status: 'open', source: 'questionnaire', sourceId: started.id, agencyHeadsNotified: 2 });
    await waitFor('the mail about the flag', () => caught.find((m) => m.text.includes(`/cases/${theCase.id}/crisis`)));
  });
});

describe('the mail outbox', () => {
  it('keeps no mail of a transaction that rolled back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('tillit.agency_id', '1', true)`);
        await queueMail(tx, [{ recipientStaffId: null, to: 'rolled.back@example.org', subject: 'Never', body: 'Never', kind: 'test' }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = 'rolled.back@example.org'`,
    );
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('sends after a restart what was committed but never sent', async () => {
    // Committed, and then the process died before the delivery job was woken.
    await t.db.execute(
      sql`INSERT INTO mail_outbox (agency_id, to_address, subject, body, kind) VALUES (1, 'after.crash@example.org', 'Still here', 'Sent after the restart', 'test')`,
    );
    const { port } = catcher.server.address() as AddressInfo;
    const jobs = new JobQueue(t.db, { logger: createLogger('silent'), pollingIntervalSeconds: 0.5 });
    await jobs.start();
    const restarted = new MailDelivery(t.db, jobs, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Tillit <tillit@example.org>',
      logger: createLogger('silent'),
    });
    await restarted.start();
    try {
      await waitFor('the mail committed before the crash', () => caught.find((m) => m.to.includes('after.crash@example.org')));
    } finally {
      await jobs.stop();
      restarted.close();
    }
  });

  it('tries a mail again later when the SMTP server fails, and gives up after the last attempt', async () => {
    await t.db.execute(
      sql`INSERT INTO mail_outbox (agency_id, to_address, subject, body, kind) VALUES (1, 'bounce@example.org', 'Retry', 'Retry', 'test')`,
    );
    const failing = { sendMail: async () => Promise.reject(new Error('451 try again later')) };
    // Another delivery may claim it first: stop the app's own by claiming under a lease is not needed – the rows are read back below.
    await deliverDueMail(t.db, failing, { from: 'x@example.org' });
    const [row] = (
      await t.db.execute<{ attempts: number; last_error: string; later: boolean; failed_at: string | null }>(
        sql`SELECT attempts, last_error, next_attempt_at > now() AS later, failed_at FROM mail_outbox WHERE to_address = 'bounce@example.org'`,
      )
    ).rows;
    expect(row).toMatchObject({ attempts: 1, last_error: '451 try again later', later: true, failed_at: null });
    await t.db.execute(
      sql`UPDATE mail_outbox SET attempts = ${MAX_ATTEMPTS - 1}, next_attempt_at = now() WHERE to_address = 'bounce@example.org'`,
    );
    await deliverDueMail(t.db, failing, { from: 'x@example.org' });
    const [last] = (
      await t.db.execute<{ failed: boolean }>(
        sql`SELECT failed_at IS NOT NULL AS failed FROM mail_outbox WHERE to_address = 'bounce@example.org'`,
      )
    ).rows;
    expect(last!.failed).toBe(true);
  });
});

describe('the safety plan', () => {
  const complete = {
    warningSigns: ['Я перестаю отвечать на звонки'],
    copingSteps: ['Гулять с собакой у озера'],
    distractions: [{ name: 'Кафе в библиотеке' }],
    helpers: [{ name: 'Брат Иван', phone: '+47 913 45 678' }],
    professionals: [{ name: 'Телефон доверия', phone: '116 123' }],
    safeSurroundings: ['Иван хранит таблетки у себя'],
    reasonForLiving: 'Моя дочь',
  };

  it('is written in the person’s language, signed only when complete, and then in force until a later version is signed', async () => {
    const theCase = await openCase('Olga', 'Petrova', ['ru']);
    const w = await signedIn(worker);
    const crisis = await openCrisis(w, theCase.id);
    const started = await w.post(`/cases/${theCase.id}/safety-plans`, { crisisId: crisis.id });
    expect(started.statusCode, started.body).toBe(201);
    const draft = started.json().draft;
    expect(draft).toMatchObject({ planVersion: 1, status: 'draft', language: 'ru', crisisId: crisis.id });
    expect(draft.missing.map((m: { section: string }) => m.section)).toEqual([
      'warningSigns',
      'copingSteps',
      'distractions',
      'helpers',
      'professionals',
      'safeSurroundings',
    ]);
    expect((await w.post(`/cases/${theCase.id}/safety-plans`, {})).statusCode).toBe(409);

    const partial = (
      await w.patch(`/safety-plans/${draft.id}`, {
        content: { ...complete, professionals: [{ name: 'Врач', phone: '' }] },
        version: draft.version,
      })
    ).json().draft;
    const early = await w.post(`/safety-plans/${draft.id}/sign`, { signedOn: inDays(0), method: 'on_screen', version: partial.version });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual(['content.professionals']);

    const filled = (await w.patch(`/safety-plans/${draft.id}`, { content: complete, version: partial.version })).json().draft;
    expect(filled.missing).toEqual([]);
    const signed = await w.post(`/safety-plans/${draft.id}/sign`, { signedOn: inDays(0), method: 'on_paper', version: filled.version });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      inForce: { id: draft.id, status: 'signed', signatureMethod: 'on_paper' },
      draft: null,
      may: { start: true },
    });
    await refusedByDatabase(t.db.execute(sql`UPDATE safety_plans SET content = '{}' WHERE id = ${draft.id}`));

    const revised = (await w.post(`/cases/${theCase.id}/safety-plans`, {})).json();
    expect(revised.draft).toMatchObject({ planVersion: 2, language: 'ru', content: complete });
    const signedAgain = await w.post(`/safety-plans/${revised.draft.id}/sign`, {
      signedOn: inDays(0),
      method: 'on_screen',
      version: revised.draft.version,
    });
    expect(signedAgain.json().inForce.planVersion).toBe(2);
    const statuses = await t.db.execute<{ plan_version: number; status: string }>(
      sql`SELECT plan_version, status FROM safety_plans WHERE case_id = ${theCase.id} ORDER BY plan_version`,
    );
    expect(statuses.rows).toEqual([
      { plan_version: 1, status: 'superseded' },
      { plan_version: 2, status: 'signed' },
    ]);
  });

  it('prints in the plan’s language with the steps, the person’s lines and a line for both signatures', async () => {
    const theCase = await openCase('Nadia', 'Sokolova', ['ru']);
    const w = await signedIn(worker);
    const draft = (await w.post(`/cases/${theCase.id}/safety-plans`, {})).json().draft;
    await w.patch(`/safety-plans/${draft.id}`, { content: complete, version: draft.version });
    const page = await w.get(`/safety-plans/${draft.id}/document`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    for (const text of [
      '<html lang="ru">',
      'Мой план безопасности',
      'Признаки того, что мне становится тяжело',
      'Специалисты и службы, куда я могу обратиться',
      'Телефон доверия',
      '116 123',
      'Nadia Sokolova',
      'Социальный работник',
    ])
      expect(page.body).toContain(text);
    expect(page.body).not.toContain('My safety plan');
    expect(page.body).not.toContain('Signs that things are getting hard');
  });

  it('refuses a signing day in the future and an unknown way of signing, naming the field', async () => {
    const theCase = await openCase('Irina', 'Volkova', ['ru']);
    const w = await signedIn(worker);
    const draft = (await w.post(`/cases/${theCase.id}/safety-plans`, {})).json().draft;
    const filled = (await w.patch(`/safety-plans/${draft.id}`, { content: complete, version: draft.version })).json().draft;
    const future = await w.post(`/safety-plans/${draft.id}/sign`, { signedOn: inDays(3), method: 'on_paper', version: filled.version });
    expect(fields(future)).toEqual(['signedOn']);
    const how = await w.post(`/safety-plans/${draft.id}/sign`, { signedOn: inDays(0), method: 'by_fax', version: filled.version });
    expect(fields(how)).toEqual(['method']);
    const empty = await w.patch(`/safety-plans/${draft.id}`, { content: { ...complete, warningSigns: [''] }, version: filled.version });
    expect(fields(empty)).toEqual(['content.warningSigns.0']);
  });
});
