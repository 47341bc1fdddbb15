import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { Card } from '../../ui/card.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { voucherApi } from './voucher-api.ts';
import { VoucherStatusTag } from './voucher-status-tag.tsx';

type Shown = 'open' | 'finished' | 'all';

/**
 * The partner's voucher inbox: the vouchers addressed to their organisation, open ones first by
 * default, and a voucher found by the number the person brings (typed, or scanned from its QR code,
 * which opens this page with `?number=`).
 */
export function PartnerInbox() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const number = params.get('number') ?? '';
  const shown = (params.get('status') as Shown | null) ?? (number ? 'all' : 'open');
  const [typed, setTyped] = useState(number);
  const inbox = useLoad(() => voucherApi.inbox({ status: shown, ...(number ? { number } : {}), limit: 100 }), `inbox:${shown}:${number}`);
  const find = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (typed.trim()) next.set('number', typed.trim());
    else next.delete('number');
    setParams(next);
  };
  const items = inbox.data?.items ?? [];
  return (
    <section aria-labelledby="partner-inbox" className="panel">
      <h2 id="partner-inbox">{t('partner.inboxTitle')}</h2>
      <p>{t('partner.inboxIntro')}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: the search landmark on the form itself; older screen readers do not announce <search> */}
      <form noValidate onSubmit={find} className="form" role="search">
        <TextField
          id="voucher-number"
          label={t('partner.findByNumber')}
          hint={t('partner.findHint')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <SubmitButton submitting={false} variant="secondary">
          {t('partner.find')}
        </SubmitButton>
      </form>
      <SelectField
        id="voucher-shown"
        label={t('partner.shown')}
        value={shown}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          next.set('status', e.target.value);
          setParams(next);
        }}
      >
        {(['open', 'finished', 'all'] as const).map((s) => (
          <option key={s} value={s}>
            {t(`partner.shownOption.${s}`)}
          </option>
        ))}
      </SelectField>
      <LoadStatus loaded={inbox} />
      {inbox.data && items.length === 0 && (
        <p className="empty-state">{number ? t('partner.noneWithNumber', { number }) : t('partner.none')}</p>
      )}
      {items.map((v) => (
        <Card key={v.id} headingLevel={3} heading={<Link to={`/partner/vouchers/${v.id}`}>{`${v.number} · ${v.serviceName}`}</Link>}>
          <p>
            <VoucherStatusTag status={v.status} unanswered={v.unanswered} />
          </p>
          <p>
            {v.person ? <span dir="auto">{v.person.name}</span> : t('partner.personNotDisclosed')} · {v.agencyName} ·{' '}
            {t('partner.issuedOn', { date: formatDateTime(v.issuedAt, locale) })} ·{' '}
            {t('partner.validUntil', { date: formatDate(v.validUntil, locale) })}
            {v.visitCount > 0 && ` · ${t('partner.visitCount', { count: v.visitCount })}`}
          </p>
        </Card>
      ))}
    </section>
  );
}
