import { useTranslation } from 'react-i18next';
import { type StatusKind, StatusTag } from '../../ui/status-tag.tsx';
import type { ServicePlan } from './plan-api.ts';

const planStatusKinds: Record<ServicePlan['status'], StatusKind> = {
  draft: 'draft',
  awaiting_signature: 'awaiting',
  active: 'active',
  superseded: 'superseded',
};

/** A plan version's status – draft, awaiting signature, active, superseded – in words, colour and icon. */
export function PlanStatusTag({ status }: { status: ServicePlan['status'] }) {
  const { t } = useTranslation();
  return <StatusTag kind={planStatusKinds[status]}>{t(`plan.status.${status}`)}</StatusTag>;
}
