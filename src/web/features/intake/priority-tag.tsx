import { useTranslation } from 'react-i18next';
import { type StatusKind, StatusTag } from '../../ui/status-tag.tsx';

const priorityKinds: Record<string, StatusKind> = { urgent: 'urgent', high: 'high', normal: 'normal', low: 'low' };

/** A request's or case's priority in words, colour and icon; urgent stands out. */
export function PriorityTag({ priority }: { priority: string }) {
  const { t } = useTranslation();
  return <StatusTag kind={priorityKinds[priority] ?? 'normal'}>{t(`priority.${priority}`, { defaultValue: priority })}</StatusTag>;
}
