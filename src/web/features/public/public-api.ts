import type { publicReceipt, publicRequestBody } from '../../../areas/intake/intake.contract.ts';
import { type Answer, type Body, request } from '../../api.ts';

export type PublicRequestBody = Body<typeof publicRequestBody>;

/** The online request form: no session; a 401 is not expected here, and the answer is only a receipt number. */
export const publicApi = {
  submitRequest: (body: Body<typeof publicRequestBody>) =>
    request<Answer<typeof publicReceipt>>('POST', '/api/v1/public/requests', { body, expectUnauthenticated: true }),
};
