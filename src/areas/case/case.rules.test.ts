import { describe, expect, it } from 'vitest';
import { caseStage } from './case.contract.ts';
import { availableTargets, type CaseStage, caseStages, forwardPath, type StageActor, stageTransitions, transition } from './case.rules.ts';

/**
 * Every pair of stages, row = from, column = to, in the order of caseStages.
 * - same stage, x not allowed, E everyday move (responsible worker or supervision),
 * S supervision only, with a reason.
 */
const table: Record<CaseStage, string> = {
  //              int ass pla imp eva clo
  intake: '-   E   x   x   x   S',
  assessment: 'x   -   E   x   x   S',
  planning: 'x   x   -   E   x   S',
  implementation: 'x   x   x   -   E   S',
  evaluation: 'x   x   E   E   -   S',
  closed: 'x   S   x   x   x   -',
};
const pairs = caseStages.flatMap((from) => table[from].split(/\s+/).map((kind, i) => ({ from, to: caseStages[i]!, kind })));

const reason = 'The person has moved to another municipality';
const actors = {
  responsibleWorker: { roles: ['case_worker'], isResponsible: true },
  responsibleIntakeWorker: { roles: ['intake_worker'], isResponsible: true },
  otherWorker: { roles: ['case_worker'], isResponsible: false },
  supervisor: { roles: ['supervisor'], isResponsible: false },
  agencyHead: { roles: ['agency_head'], isResponsible: false },
  partner: { roles: ['partner_provider'], isResponsible: false },
} satisfies Record<string, StageActor>;

describe('the case stage state machine', () => {
  it('has the stages of the API, in process order', () => {
    expect(caseStages).toEqual(caseStage.options);
  });

  it('has a table row for every stage and a column for every stage', () => {
    expect(pairs).toHaveLength(caseStages.length ** 2);
    expect(stageTransitions).toHaveLength(pairs.filter((p) => p.kind === 'E' || p.kind === 'S').length);
  });

  describe.each(pairs)('from $from to $to', ({ from, to, kind }) => {
    if (kind === '-') {
      it('is no move at all', () => {
        for (const actor of Object.values(actors))
          expect(transition(from, to, { ...actor, reason })).toMatchObject({ ok: false, code: 'same_stage' });
      });
    } else if (kind === 'x') {
      it('is refused to everyone, supervisors included', () => {
        for (const actor of Object.values(actors))
          expect(transition(from, to, { ...actor, reason })).toMatchObject({ ok: false, code: 'transition_not_allowed' });
      });
    } else if (kind === 'E') {
      it('is open to the responsible worker, supervisors and the agency head, without a reason', () => {
        for (const actor of [actors.responsibleWorker, actors.responsibleIntakeWorker, actors.supervisor, actors.agencyHead]) {
          expect(transition(from, to, actor)).toMatchObject({ ok: true });
        }
      });
      it('is refused to a worker who is not responsible for the case and to partners', () => {
        for (const actor of [actors.otherWorker, actors.partner])
          expect(transition(from, to, { ...actor, reason })).toMatchObject({ ok: false, code: 'role_not_allowed' });
      });
    } else {
      it('is open to supervisors and the agency head, with a reason', () => {
        for (const actor of [actors.supervisor, actors.agencyHead])
          expect(transition(from, to, { ...actor, reason })).toMatchObject({ ok: true });
      });
      it('needs a reason of a few characters', () => {
        for (const missing of [undefined, '', '   ', 'ok']) {
          expect(transition(from, to, { ...actors.supervisor, reason: missing })).toMatchObject({ ok: false, code: 'reason_required' });
        }
      });
      it('is refused to workers, even the responsible one', () => {
        for (const actor of [actors.responsibleWorker, actors.otherWorker, actors.partner]) {
          expect(transition(from, to, { ...actor, reason })).toMatchObject({ ok: false, code: 'role_not_allowed' });
        }
      });
    }
  });

  it('names the kind of move it allowed', () => {
    expect(transition('evaluation', 'planning', actors.responsibleWorker)).toEqual({ ok: true, move: 'revise_plan' });
    expect(transition('evaluation', 'implementation', actors.responsibleWorker)).toEqual({ ok: true, move: 'continue' });
    expect(transition('planning', 'closed', { ...actors.supervisor, reason })).toEqual({ ok: true, move: 'close' });
    expect(transition('closed', 'assessment', { ...actors.agencyHead, reason })).toEqual({ ok: true, move: 'reopen' });
  });

  it('explains a refusal in words', () => {
    const refused = transition('intake', 'closed', { ...actors.responsibleWorker, reason });
    expect(refused).toEqual({
      ok: false,
      code: 'role_not_allowed',
      message: 'Only a supervisor or the agency head may move a case from intake to closed',
    });
  });

  it('lets someone holding several roles use the strongest', () => {
    expect(transition('assessment', 'closed', { roles: ['case_worker', 'supervisor'], isResponsible: true, reason })).toMatchObject({
      ok: true,
    });
  });

  it('lists the stages an actor can move a case to', () => {
    expect(availableTargets('evaluation', actors.responsibleWorker)).toEqual(['planning', 'implementation']);
    expect(availableTargets('evaluation', actors.supervisor)).toEqual(['planning', 'implementation', 'closed']);
    expect(availableTargets('closed', actors.responsibleWorker)).toEqual([]);
    expect(availableTargets('closed', actors.agencyHead)).toEqual(['assessment']);
    expect(availableTargets('intake', actors.otherWorker)).toEqual([]);
  });
});

describe('the forward path', () => {
  it('follows the forward moves up to the target, and is empty when the target is not ahead', () => {
    expect(forwardPath('intake', 'implementation')).toEqual(['assessment', 'planning', 'implementation']);
    expect(forwardPath('planning', 'implementation')).toEqual(['implementation']);
    expect(forwardPath('implementation', 'implementation')).toEqual([]);
    expect(forwardPath('evaluation', 'implementation')).toEqual([]);
    expect(forwardPath('closed', 'implementation')).toEqual([]);
  });
});
