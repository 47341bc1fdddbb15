/**
 * What changed between two versions of a service plan, section by section and field by field,
 * for the person and the worker to read before agreeing to the new version. Items are matched by
 * id; a change of order alone is no change, and empty text, null and a missing value are the
 * same. Text is compared without surrounding white space. Field names are the contract's.
 */
import type { PlanContent } from './plan.contract.ts';
import { type PlanListSection, type PlanSection, planItemFields, planItemLabel, planSections } from './plan.rules.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** itemId and label are null for the plan's own fields (period, texts). */
export interface PlanChange {
  section: PlanSection;
  kind: 'added' | 'removed' | 'changed';
  itemId: string | null;
  label: string | null;
  fields: FieldChange[];
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);
const comparable = (value: unknown) => (isEmpty(value) ? null : typeof value === 'string' ? value.trim() : value);

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

type Row = { id: string };

function fieldChanges(fields: readonly string[], beforeRow: object | null, afterRow: object | null): FieldChange[] {
  const before = beforeRow as Record<string, unknown> | null;
  const after = afterRow as Record<string, unknown> | null;
  return fields
    .filter((field) => !sameValue(before?.[field], after?.[field]))
    .map((field) => ({ field, before: comparable(before?.[field]), after: comparable(after?.[field]) }));
}

function listChanges(section: PlanListSection, before: readonly Row[], after: readonly Row[]): PlanChange[] {
  const fields = planItemFields[section];
  const label = (row: Row) => planItemLabel(section, row as never);
  const earlier = new Map(before.map((row) => [row.id, row]));
  const later = new Set(after.map((row) => row.id));
  const changes: PlanChange[] = [];
  for (const row of after) {
    const previous = earlier.get(row.id);
    const changed = fieldChanges(fields, previous ?? null, row);
    if (!previous) changes.push({ section, kind: 'added', itemId: row.id, label: label(row), fields: changed });
    else if (changed.length > 0) changes.push({ section, kind: 'changed', itemId: row.id, label: label(row), fields: changed });
  }
  for (const row of before) {
    if (!later.has(row.id))
      changes.push({ section, kind: 'removed', itemId: row.id, label: label(row), fields: fieldChanges(fields, row, null) });
  }
  return changes;
}

function sectionChanges(section: PlanSection, before: PlanContent, after: PlanContent): PlanChange[] {
  if (
    section === 'period' ||
    section === 'reviewDate' ||
    section === 'rightsAndDuties' ||
    section === 'evaluationMethod' ||
    section === 'personWishes'
  ) {
    const fields = fieldChanges(section === 'period' ? ['periodFrom', 'periodTo'] : [section], before, after);
    return fields.length > 0 ? [{ section, kind: 'changed', itemId: null, label: null, fields }] : [];
  }
  return listChanges(section, before[section], after[section]);
}

/** The changes from `before` to `after`, in the order of the plan's sections. */
export function diffPlans(before: PlanContent, after: PlanContent): PlanChange[] {
  return planSections.flatMap((section) => sectionChanges(section, before, after));
}
