import { describe, expect, it } from 'vitest';
import { caseScopesOf, hasPermission, mayHandleAgreements, mayHoldCases, primaryRole, rolePermissions } from './access-policy.ts';

const actor = (roles: Parameters<typeof caseScopesOf>[0]['roles']) => ({
  id: 'a',
  agencyId: 1,
  roles,
  unitId: null,
  partnerOrganisationId: null,
});

describe('the access policy', () => {
  it('gives administrators staff management but no case content', () => {
    expect(hasPermission(['administrator'], 'staff.manage')).toBe(true);
    expect(hasPermission(['administrator'], 'persons.read')).toBe(false);
    expect(caseScopesOf(actor(['administrator'])).size).toBe(0);
  });
  it('lets an administrator who is also a case worker reach assigned cases', () => {
    expect([...caseScopesOf(actor(['administrator', 'case_worker']))]).toEqual(['assigned']);
    expect(hasPermission(['administrator', 'case_worker'], 'persons.read')).toBe(true);
  });
  it('gives auditors the access log only', () => {
    expect(hasPermission(['auditor'], 'audit.read')).toBe(true);
    expect(hasPermission(['auditor'], 'persons.read')).toBe(false);
    expect(
      Object.entries(rolePermissions)
        .filter(([, p]) => p.includes('audit.read'))
        .map(([r]) => r),
    ).toEqual(['auditor']);
  });
  it("gives the agency's key figures to the agency head only", () => {
    expect(
      Object.entries(rolePermissions)
        .filter(([, p]) => p.includes('reports.read'))
        .map(([r]) => r),
    ).toEqual(['agency_head']);
  });
  it('keeps partner providers out of every case: they reach only the vouchers addressed to their organisation', () => {
    expect([...caseScopesOf(actor(['partner_provider']))]).toEqual([]);
    expect(rolePermissions.partner_provider).toEqual(['session.self', 'vouchers.respond']);
  });
  it('lets case workers, intake workers and supervisors hold cases, and nobody else', () => {
    expect(mayHoldCases(['case_worker'])).toBe(true);
    expect(mayHoldCases(['intake_worker'])).toBe(true);
    expect(mayHoldCases(['supervisor'])).toBe(true);
    expect(mayHoldCases(['agency_head'])).toBe(false);
    expect(mayHoldCases(['partner_provider'])).toBe(false);
    expect(mayHoldCases(['administrator', 'auditor'])).toBe(false);
    expect(mayHoldCases(['administrator', 'case_worker'])).toBe(true);
  });
  it('lets those who update cases record agreement signatures, but not intake workers', () => {
    expect(mayHandleAgreements({ roles: ['case_worker'] })).toBe(true);
    expect(mayHandleAgreements({ roles: ['agency_head'] })).toBe(true);
    expect(mayHandleAgreements({ roles: ['intake_worker'] })).toBe(false);
  });
  it('names the most case-relevant role in audit events', () => {
    expect(primaryRole({ roles: ['administrator', 'supervisor'] })).toBe('supervisor');
    expect(primaryRole({ roles: [] })).toBeNull();
  });
});
