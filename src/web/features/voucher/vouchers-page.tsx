import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useSignedInSession } from '../../session/session-context.tsx';
import { CaseFrame } from '../cases/case-frame.tsx';
import { planApi } from '../plan/plan-api.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { VouchersPanel } from './vouchers-panel.tsx';

/** /cases/:id/partners – the case's referral vouchers to partners: issued, answered, visits, and the person's own word. */
export function VouchersPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { permissions } = useSignedInSession();
  const plans = useLoad(() => planApi.list(id).then((r) => r.items), `plans:${id}`);
  const active = plans.data?.find((p) => p.status === 'active');
  return (
    <CaseFrame caseId={id} title={(number) => t('voucher.pageTitle', { number })}>
      {(record) => (
        <section aria-labelledby="case-vouchers" className="panel">
          <h2 id="case-vouchers">{t('voucher.title')}</h2>
          <p>{t('voucher.intro')}</p>
          {!active && plans.data && <p className="notice notice--warning">{t('voucher.noPlanInForce')}</p>}
          <LoadStatus loaded={plans} />
          {plans.data && (
            <VouchersPanel
              caseId={record.id}
              plan={active?.content ?? { services: [], steps: [] }}
              mayWork={record.may.work && permissions.includes('vouchers.issue')}
            />
          )}
        </section>
      )}
    </CaseFrame>
  );
}
