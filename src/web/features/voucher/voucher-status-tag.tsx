import { useTranslation } from 'react-i18next';
import type { VoucherStatus } from '../../../areas/voucher/voucher.contract.ts';
import { type StatusKind, StatusTag } from '../../ui/status-tag.tsx';

const kindOf: Record<VoucherStatus, StatusKind> = {
  issued: 'awaiting',
  accepted: 'info',
  declined: 'problem',
  in_progress: 'todo',
  service_provided: 'done',
  not_provided: 'missing',
  returned: 'done',
  cancelled: 'ended',
  expired: 'ended',
};

/** A voucher's state in words, with the "not answered in time" flag beside it. */
export function VoucherStatusTag({ status, unanswered = false }: { status: VoucherStatus; unanswered?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <StatusTag kind={kindOf[status]}>{t(`voucher.status.${status}`)}</StatusTag>
      {unanswered && (
        <>
          {' '}
          <StatusTag kind="overdue">{t('voucher.unanswered')}</StatusTag>
        </>
      )}
    </>
  );
}
