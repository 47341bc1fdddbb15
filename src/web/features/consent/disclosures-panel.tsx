import { useTranslation } from 'react-i18next';
import { formatDateTime, formatList } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { consentApi, type Disclosure } from './consent-api.ts';

/**
 * What has left the agency about the person: to whom, when, which information and on what basis –
 * disclosures the law required listed apart from those made with the person's consent.
 */
export function DisclosuresPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => consentApi.disclosures(personId), `disclosures:${personId}`);
  const items = loaded.data?.items ?? [];
  const byLaw = items.filter((d) => d.legalBasis !== null);
  const withConsent = items.filter((d) => d.legalBasis === null);
  return (
    <section aria-labelledby="person-disclosures" className="panel">
      <h2 id="person-disclosures">{t('consent.disclosures.title')}</h2>
      <p className="field__hint">{t('consent.disclosures.hint')}</p>
      <LoadStatus loaded={loaded} />
      {loaded.data && items.length === 0 && <p>{t('consent.disclosures.none')}</p>}
      {withConsent.length > 0 && (
        <DisclosureTable id="disclosures-consent" caption={t('consent.disclosures.withConsent')} items={withConsent} />
      )}
      {byLaw.length > 0 && <DisclosureTable id="disclosures-law" caption={t('consent.disclosures.byLaw')} items={byLaw} />}
    </section>
  );
}

function DisclosureTable({ id, caption, items }: { id: string; caption: string; items: Disclosure[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <h3 id={id}>{caption}</h3>
      <TableWrap label={caption}>
        <table aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{t('consent.disclosures.when')}</th>
              <th scope="col">{t('consent.disclosures.to')}</th>
              <th scope="col">{t('consent.disclosures.what')}</th>
              <th scope="col">{t('consent.disclosures.basis')}</th>
              <th scope="col">{t('consent.disclosures.document')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  {formatDateTime(d.disclosedAt, locale)}
                  <span className="field__hint"> – {d.disclosedByName}</span>
                </td>
                <td>
                  {d.recipientName}
                  <span className="field__hint"> – {t(`consent.purpose.${d.purpose}`)}</span>
                </td>
                <td>
                  {formatList(
                    d.categoriesGiven.map((c) => t(`consent.category.${c}`)),
                    locale,
                  )}
                  {d.answer.refused.length > 0 && (
                    <span className="field__hint">
                      {' '}
                      {t('consent.disclosures.leftOut', {
                        categories: formatList(
                          d.answer.refused.map((r) => t(`consent.category.${r.category}`)),
                          locale,
                        ),
                      })}
                    </span>
                  )}
                </td>
                <td>
                  {d.legalBasis
                    ? `${t(`consent.legalBasis.${d.legalBasis}`)}${d.legalReason ? ` – ${d.legalReason}` : ''}`
                    : t('consent.disclosures.onConsent')}
                </td>
                <td>
                  <a href={consentApi.disclosurePrintUrl(d.id)} target="_blank" rel="noopener">
                    {t('consent.disclosures.print', { recipient: d.recipientName })}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
