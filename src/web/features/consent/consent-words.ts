import type { TFunction } from 'i18next';
import { formatDate, formatList } from '../../format.ts';
import type { StatusKind } from '../../ui/status-tag.tsx';
import type { Consent } from './consent-api.ts';

/** How each state of a consent is shown: in force is the one that allows anything. */
export const STATE_TAG: Record<Consent['state'], StatusKind> = {
  in_force: 'active',
  not_yet_valid: 'awaiting',
  signature_missing: 'missing',
  expired: 'ended',
  withdrawn: 'ended',
};

/** What a consent allows, in plain words: to whom, which information, for what. */
export function consentAllows(consent: Consent, t: TFunction, locale: string): string {
  if (consent.categories.length === 0 && consent.recipients.length === 0) return t(`consent.kindMeaning.${consent.kind}`);
  const recipients = consent.recipients.map((r) =>
    r.kind === 'category' && r.category ? t(`consent.recipientKind.${r.category}`) : r.name,
  );
  return t('consent.allows', {
    recipients: formatList(recipients, locale) || t('consent.nobodyNamed'),
    categories: formatList(
      consent.categories.map((c) => t(`consent.category.${c}`)),
      locale,
    ),
    purposes: formatList(
      consent.purposes.map((p) => t(`consent.purpose.${p}`)),
      locale,
    ),
  });
}

/** From when to when a consent holds. */
export function consentPeriod(consent: Consent, t: TFunction, locale: string): string {
  const from = formatDate(consent.validFrom, locale);
  return consent.validTo ? t('consent.period', { from, to: formatDate(consent.validTo, locale) }) : t('consent.periodOpen', { from });
}
