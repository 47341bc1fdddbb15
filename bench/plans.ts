/**
 * The generated service plans' content, made in JavaScript (bench/README.md, "Data at scale").
 * One plan differs from another only in its ids (derived from the case id) and its dates (counted
 * from the day the case opened), so `PlanTemplate` writes the JSON once with placeholders and
 * fills in the values per case; PostgreSQL then only parses each plan once and compresses it,
 * instead of building ≈ 45 nested jsonb objects per plan. Ids are the md5 of the case id and a
 * key (`uuidOf`, as the generator's SQL makes them), so they are stable, and the needs the goals
 * and services serve are those of the case's assessment, made in SQL from the same case id.
 */
import { hash } from 'node:crypto';
import type { PlanContent } from '../src/areas/plan/plan.contract.ts';

const DAY_MS = 86_400_000;
const RESPONSIBLE_KINDS = ['person', 'worker', 'partner', 'relative'] as const;

/**
 * A deterministic, well-formed (version 4 shaped) uuid from a text: its md5 with the version and
 * variant digits set – in SQL `overlay(overlay(md5(text) placing '4' from 13) placing '8' from 17)::uuid`.
 */
export function uuidOf(text: string): string {
  const h = hash('md5', text);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** The generator's stock note: fictional, and long enough to look like a real one. */
export const fictionalNote = (label: string) =>
  `${label} – fictional text written for the benchmark, long enough to look like a real note about the person and their situation.`;

/** What differs between two cases' plans: ids made from a key (`goal1`, `step7`), and dates some days after the case opened. */
interface PlanValues {
  id: (key: string) => string;
  date: (days: number) => string;
}

/** The UTC date of a day number (days since 1970-01-01), memoised: the plans of a run share a few thousand dates. */
const dayTexts = new Map<number, string>();
function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) dayTexts.set(day, (text = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  return text;
}

/** The values of the case `caseId`, opened at `openedAt` (ms). */
function valuesOf(caseId: string, openedAt: number): PlanValues {
  const opened = Math.floor(openedAt / DAY_MS);
  return { id: (key) => uuidOf(`${caseId}${key}`), date: (days) => dayText(opened + days) };
}

/**
 * An active plan: four goals (one long-term, three short-term under it), `steps` steps, two
 * services, four meetings and a risk.
 */
function planContent(v: PlanValues, steps: number): PlanContent {
  return {
    periodFrom: v.date(20),
    periodTo: v.date(385),
    reviewDate: v.date(200),
    personWishes: fictionalNote('Wishes'),
    themes: [],
    goals: [1, 2, 3, 4].map((g) => ({
      id: v.id(`goal${g}`),
      level: g === 1 ? 'long_term' : 'short_term',
      parentGoalId: g === 1 ? null : v.id('goal1'),
      themeId: null,
      needId: v.id(`need${1 + (g % 3)}`),
      description: `Goal ${g}: lives in a home of her own with a tenancy in her name`,
      indicator: 'Signed tenancy agreement',
      baseline: 'None',
      target: 'Signed',
      dueDate: v.date(300),
    })),
    steps: Array.from({ length: steps }, (_, i) => {
      const s = i + 1;
      return {
        id: v.id(`step${s}`),
        goalId: v.id(`goal${1 + (s % 4)}`),
        what: `Step ${s}: fill in the application together and send it`,
        responsibleKind: RESPONSIBLE_KINDS[s % 4]!,
        responsibleName: '',
        responsibleStaffId: null,
        dueDate: v.date(20 + s * 10),
        instructions: 'Bring your ID and the last letter from the landlord',
      };
    }),
    services: [
      {
        id: v.id('service1'),
        type: 'Housing counselling',
        provider: 'Legal aid service',
        form: 'individual',
        frequency: 'weekly',
        duration: '3 months',
        place: 'Office',
        needId: v.id('need1'),
        directoryServiceId: null,
      },
      {
        id: v.id('service2'),
        type: 'Budget advice',
        provider: 'Social assistance service',
        form: 'group',
        frequency: 'monthly',
        duration: '6 months',
        place: 'Office',
        needId: v.id('need2'),
        directoryServiceId: null,
      },
    ],
    meetings: [1, 2, 3, 4].map((m) => ({ id: v.id(`meeting${m}`), date: v.date(m * 60), purpose: 'Follow-up', place: 'Office' })),
    risks: [
      { id: v.id('risk'), risk: 'Has to leave the current place early', contingency: 'Emergency shelter through the duty supervisor' },
    ],
    rightsAndDuties: fictionalNote('Rights'),
    evaluationMethod: fictionalNote('Evaluation'),
  };
}

/** The content of one case's plan as an object, made directly (slow, for checking the template). */
export const planContentOf = (caseId: string, openedAt: number, steps: number): PlanContent =>
  planContent(valuesOf(caseId, openedAt), steps);

/** A plan's tracked step, as plan_steps stores it. */
export interface TrackedStep {
  id: string;
  what: string;
  responsibleKind: string;
  dueDate: string;
  /** The due date as a day number (days since 1970-01-01). */
  dueDay: number;
}

// Placeholders: characters JSON.stringify leaves as they are, and that no text of the plan contains.
const ID = '\uE000';
const DATE = '\uE001';
const END = '\uE002';
const PLACEHOLDER = new RegExp(`([${ID}${DATE}])([^${END}]*)${END}`, 'g');

/**
 * `planContent` as JSON with a placeholder for every id and date, split into the text between
 * them: a case's plan is that text with its values in between. Each distinct id is hashed once
 * per case.
 */
export class PlanTemplate {
  /** Text between the values: one more than `values`. */
  private readonly texts: string[] = [];
  /** For each value in the text: an index into the ids (≥ 0) or, as −1 − index, into the dates. */
  private readonly values: number[] = [];
  private readonly idKeys: string[] = [];
  private readonly dateDays: number[] = [];
  private readonly steps: { id: number; date: number; what: string; responsibleKind: string }[];

  constructor(stepsPerPlan: number) {
    const content = planContent({ id: (key) => `${ID}${key}${END}`, date: (days) => `${DATE}${days}${END}` }, stepsPerPlan);
    // In ASCII: other characters as JSON escapes ("–" as \u2013). PostgreSQL reads the same
    // content, and JavaScript's strings stay one byte a character: half the bytes to join and copy.
    const json = JSON.stringify(content).replace(/[^ -~\uE000-\uE002]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const slot = (placeholder: string): number => {
      const [, kind, key] = new RegExp(PLACEHOLDER.source).exec(placeholder)!;
      if (kind === ID) {
        const at = this.idKeys.indexOf(key!);
        return at >= 0 ? at : this.idKeys.push(key!) - 1;
      }
      const days = Number(key);
      const at = this.dateDays.indexOf(days);
      return -1 - (at >= 0 ? at : this.dateDays.push(days) - 1);
    };
    let last = 0;
    for (const match of json.matchAll(PLACEHOLDER)) {
      this.texts.push(json.slice(last, match.index));
      this.values.push(slot(match[0]));
      last = match.index + match[0].length;
    }
    this.texts.push(json.slice(last));
    this.steps = content.steps.map((s) => ({
      id: slot(s.id),
      date: -1 - slot(s.dueDate!),
      what: s.what,
      responsibleKind: s.responsibleKind,
    }));
  }

  /** The plan of the case `caseId`, opened at `openedAt` (ms): its content as JSON, and its steps as plan_steps tracks them. */
  forCase(caseId: string, openedAt: number): { json: string; steps: TrackedStep[] } {
    const ids = this.idKeys.map((key) => uuidOf(`${caseId}${key}`));
    const opened = Math.floor(openedAt / DAY_MS);
    const dates = this.dateDays.map((days) => dayText(opened + days));
    let json = this.texts[0]!;
    for (let i = 0; i < this.values.length; i++) {
      const v = this.values[i]!;
      json += (v >= 0 ? ids[v] : dates[-1 - v]) + this.texts[i + 1]!;
    }
    return {
      json,
      steps: this.steps.map((s) => ({
        id: ids[s.id]!,
        what: s.what,
        responsibleKind: s.responsibleKind,
        dueDate: dates[s.date]!,
        dueDay: opened + this.dateDays[s.date]!,
      })),
    };
  }
}
