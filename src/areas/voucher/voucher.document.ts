import QRCode from 'qrcode';
import { documentLanguage, documentStyles, escapeHtml as e, formatDocumentDate, translatorFor } from '../../core/documents/documents.ts';
import type { DisclosedContent } from './voucher.service.ts';
import type { VoucherRow } from './voucher.store.ts';

/**
 * The referral voucher the person takes to the partner, in the person's language: the number in
 * large type and as a QR code (the partner types it or scans it into their inbox), the service and
 * how much of it, where, and until when – and of the person only what was disclosed to the partner.
 */
export async function renderVoucher(input: {
  voucher: VoucherRow;
  partnerName: string;
  agencyName: string;
  timeZone: string;
  disclosed: DisclosedContent;
  lookupUrl: string;
}): Promise<string> {
  const { voucher: v, disclosed } = input;
  const lng = documentLanguage(v.language);
  const t = translatorFor(lng);
  const date = (value: string) => formatDocumentDate(lng, value, input.timeZone);
  const qr = await QRCode.toString(input.lookupUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  const row = (label: string, value: string | null | undefined) => (value ? `<dt>${e(label)}</dt><dd>${e(value)}</dd>` : '');
  const period = v.periodFrom || v.periodTo ? `${v.periodFrom ? date(v.periodFrom) : ''} – ${v.periodTo ? date(v.periodTo) : ''}` : null;
  const who = disclosed.identity;
  return `<!doctype html>
<html lang="${e(lng)}">
<head><meta charset="utf-8"><title>${e(t('voucherTitle'))} ${e(v.number)}</title><style>${documentStyles}
  .voucher-number { font-size: 1.6rem; font-weight: 700; letter-spacing: .05em; font-family: monospace; }
  .voucher-code { display: flex; gap: 1.5rem; align-items: center; }
  .voucher-code svg { width: 9rem; height: 9rem; }
</style></head>
<body>
<h1>${e(t('voucherTitle'))}</h1>
<div class="voucher-code"><div>${qr}</div><div><p>${e(t('voucherNumber'))}</p><p class="voucher-number">${e(v.number)}</p></div></div>
<dl>
  ${row(t('from'), input.agencyName)}
  ${row(t('to'), input.partnerName)}
  ${who ? row(t('voucherPerson'), who.latinName ? `${who.name} (${who.latinName})` : who.name) : ''}
  ${who?.birthDate ? row(t('voucherBorn'), date(who.birthDate)) : ''}
  ${row(t('voucherService'), v.serviceName)}
  ${row(t('voucherPlace'), v.locationName)}
  ${v.sessions ? row(t('voucherSessions'), String(v.sessions)) : ''}
  ${row(t('voucherPeriod'), period)}
  ${row(t('voucherValidUntil'), date(v.validUntil))}
</dl>
${disclosed.request_assessment?.reason ? `<section><h2>${e(t('voucherReason'))}</h2><p class="pre-wrap">${e(disclosed.request_assessment.reason)}</p></section>` : ''}
<p>${e(t('voucherHowTo'))}</p>
</body></html>`;
}
