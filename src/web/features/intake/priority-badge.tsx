import { useTranslation } from 'react-i18next';

/** A request's or case's priority in words; urgent stands out. */
export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge${priority === 'urgent' ? ' badge--urgent' : ''}`}>{t(`priority.${priority}`, { defaultValue: priority })}</span>
  );
}
