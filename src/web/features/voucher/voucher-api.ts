import type {
  cancelVoucherBody,
  inboxQuery,
  issueVoucherBody,
  partnerActionBody,
  partnerVoucher,
  partnerVoucherPage,
  personWordBody,
  reissueVoucherBody,
  visitBody,
  voucher,
  voucherList,
} from '../../../areas/voucher/voucher.contract.ts';
import { type Answer, type Body, type Query, request } from '../../api.ts';

export type Voucher = Answer<typeof voucher>;
export type PartnerVoucher = Answer<typeof partnerVoucher>;
export type InboxItem = Answer<typeof partnerVoucherPage>['items'][number];

const enc = encodeURIComponent;

/** Referral vouchers: the agency's side on a case, and the partner's portal. */
export const voucherApi = {
  ofCase: (caseId: string) => request<Answer<typeof voucherList>>('GET', `/api/v1/cases/${enc(caseId)}/vouchers`),
  issue: (caseId: string, body: Body<typeof issueVoucherBody>) =>
    request<Answer<typeof voucher>>('POST', `/api/v1/cases/${enc(caseId)}/vouchers`, { body }),
  cancel: (id: string, body: Body<typeof cancelVoucherBody>) =>
    request<Answer<typeof voucher>>('POST', `/api/v1/vouchers/${enc(id)}/cancel`, { body }),
  reissue: (id: string, body: Body<typeof reissueVoucherBody>) =>
    request<Answer<typeof voucher>>('POST', `/api/v1/vouchers/${enc(id)}/reissue`, { body }),
  personWord: (id: string, body: Body<typeof personWordBody>) =>
    request<Answer<typeof voucher>>('POST', `/api/v1/vouchers/${enc(id)}/person-word`, { body }),
  inbox: (query: Query<typeof inboxQuery>) => request<Answer<typeof partnerVoucherPage>>('GET', '/api/v1/partner/vouchers', { query }),
  forPartner: (id: string) => request<Answer<typeof partnerVoucher>>('GET', `/api/v1/partner/vouchers/${enc(id)}`),
  answer: (id: string, body: Body<typeof partnerActionBody>) =>
    request<Answer<typeof partnerVoucher>>('POST', `/api/v1/partner/vouchers/${enc(id)}/actions`, { body }),
  visit: (id: string, body: Body<typeof visitBody>) =>
    request<Answer<typeof partnerVoucher>>('POST', `/api/v1/partner/vouchers/${enc(id)}/visits`, { body }),
};

/** Where the printable voucher is, to open in a new tab. */
export const printAddress = (id: string) => `/api/v1/vouchers/${enc(id)}/print`;
