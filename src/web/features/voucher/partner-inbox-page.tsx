import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/page.tsx';
import { PartnerInbox } from './partner-inbox.tsx';

/** /partner – the inbox on a page of its own, where a scanned voucher's QR code leads. */
export function PartnerInboxPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('partner.pageTitle')}>
      <PartnerInbox />
    </Page>
  );
}
