// The validators compile the FHIR schema's definitions the first time a resource type is checked: seconds on a loaded machine.
import { describe, expect, it } from 'vitest';
import { bundleProblems, resourcesOf } from '../../../test/support/fhir.ts';
import { type VoucherStatus, voucherStatus } from './voucher.contract.ts';
import { fhirTaskStatus } from './voucher.rules.ts';
import { serviceRequestStatus, type VoucherFhirInput, voucherAsFhir, voucherFhirSystems } from './voucher-fhir.rules.ts';

const partnerId = '5b0c3a8e-1f2d-4c6b-9a7e-3d2c1b0a9f8e';
const personId = '2c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';
const directoryServiceId = '7f1e2d3c-4b5a-4968-8776-655443322110';

const issued: VoucherFhirInput = {
  id: '0f9e8d7c-6b5a-4948-8372-615049382716',
  number: 'V-2026-0042',
  status: 'issued',
  statusReason: null,
  issuedAt: '2026-11-30T09:15:00.000Z',
  lastChangedAt: '2026-11-30T09:15:00.000Z',
  validUntil: '2026-12-31',
  periodFrom: '2026-12-07',
  periodTo: '2027-02-26',
  sessions: 6,
  serviceName: 'Budget advice',
  agency: { id: '1', name: 'Sorrel Family Services' },
  partner: { id: partnerId, name: 'Nordlys Frivilligsentral' },
  directoryServiceId,
  person: { id: personId, name: 'Amina Haddad', birthDate: '1988-04-17' },
  reason: 'Rent arrears after a job loss',
  forPartner: 'Prefers appointments in the morning',
  outcome: null,
};
/** The same voucher carrying nothing of the record: the disclosure gate allowed no category. */
const withheld: VoucherFhirInput = { ...issued, person: null, reason: null, forPartner: null };

/** What a voucher in each state carries: a reason where one is asked, an outcome once the service was given. */
const inState = (status: VoucherStatus, base = issued): VoucherFhirInput => ({
  ...base,
  status,
  lastChangedAt: '2026-12-08T14:00:00.000Z',
  statusReason:
    ({ declined: 'no_capacity', not_provided: 'did_not_come', cancelled: 'person_withdrew' } as Partial<Record<VoucherStatus, string>>)[
      status
    ] ?? null,
  outcome: status === 'service_provided' || status === 'returned' ? 'Six sessions; a payment plan agreed with the landlord' : null,
});

const partsOf = (input: VoucherFhirInput) => {
  const bundle = voucherAsFhir(input);
  return {
    bundle,
    request: resourcesOf(bundle, 'ServiceRequest')[0]!,
    task: resourcesOf(bundle, 'Task')[0]!,
    patients: resourcesOf(bundle, 'Patient'),
  };
};

describe('a voucher as FHIR', { timeout: 60_000 }, () => {
  it.each(voucherStatus.options)('is, when %s, a collection of ServiceRequest and Task that both checkers accept', (status) => {
    const { bundle, request, task } = partsOf(inState(status));
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(request.resourceType).toBe('ServiceRequest');
    expect(task.resourceType).toBe('Task');
    expect(bundleProblems(bundle)).toEqual([]);
  });

  it.each(voucherStatus.options)('is, when %s and without the person’s identity, still accepted by both checkers', (status) => {
    expect(bundleProblems(voucherAsFhir(inState(status, withheld)))).toEqual([]);
  });

  it('has a Task that carries out the ServiceRequest, ordered by the agency and owned by the partner', () => {
    const { bundle, request, task } = partsOf(issued);
    const [agency, partner] = resourcesOf(bundle, 'Organization');
    expect(task).toMatchObject({
      intent: 'order',
      code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
      focus: { reference: `urn:uuid:${request.id}`, type: 'ServiceRequest' },
      requester: { reference: `urn:uuid:${agency!.id}`, display: 'Sorrel Family Services' },
      owner: { reference: `urn:uuid:${partnerId}`, display: 'Nordlys Frivilligsentral' },
    });
    expect(request.requester).toEqual(task.requester);
    expect(partner).toEqual({ resourceType: 'Organization', id: partnerId, name: 'Nordlys Frivilligsentral' });
  });

  it('keeps the voucher’s id on the ServiceRequest, and makes the same ids from it every time', () => {
    const { request, task, bundle } = partsOf(issued);
    expect(request.id).toBe(issued.id);
    expect(voucherAsFhir(issued)).toEqual(bundle);
    expect(task.id).not.toBe(request.id);
  });

  it('names the agency by its number as an identifier, under an id made from it', () => {
    const agency = resourcesOf(voucherAsFhir(issued), 'Organization')[0]!;
    expect(agency.identifier).toEqual([{ system: voucherFhirSystems.agency, value: '1' }]);
    expect(agency.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is numbered with the voucher’s number, on the request and on the Task', () => {
    const { request, task } = partsOf(issued);
    expect(request.identifier).toEqual([{ system: 'urn:tillit:voucher', value: 'V-2026-0042' }]);
    expect(task.identifier).toEqual(request.identifier);
  });
});

describe('the Task’s status', { timeout: 60_000 }, () => {
  it.each(voucherStatus.options)(
    'is, for a voucher %s, the FHIR status of the lifecycle with the voucher’s own as business status',
    (status) => {
      const { task } = partsOf(inState(status));
      expect(task.status).toBe(fhirTaskStatus[status]);
      expect(task.businessStatus!.coding).toEqual([{ system: voucherFhirSystems.voucherStatus, code: status }]);
    },
  );

  it.each([
    ['declined', 'no_capacity'],
    ['not_provided', 'did_not_come'],
    ['cancelled', 'person_withdrew'],
  ] as const)('has, when %s, the reason code as its status reason', (status, reason) => {
    expect(partsOf(inState(status)).task.statusReason).toEqual({
      coding: [{ system: voucherFhirSystems.statusReason, code: reason }],
      text: reason.replaceAll('_', ' '),
    });
  });

  it('has no status reason where the voucher gives none', () => {
    expect(partsOf(inState('accepted')).task.statusReason).toBeUndefined();
  });

  it('has the outcome as its output once the service was provided, and none before', () => {
    expect(partsOf(inState('service_provided')).task.output).toEqual([
      { type: { text: 'Outcome' }, valueString: 'Six sessions; a payment plan agreed with the landlord' },
    ]);
    expect(partsOf(inState('in_progress')).task.output).toBeUndefined();
  });

  it('was authored when the voucher was issued and last modified at its last change, and must be taken on by its last valid day', () => {
    const { task } = partsOf(inState('accepted'));
    expect(task).toMatchObject({
      authoredOn: '2026-11-30T09:15:00.000Z',
      lastModified: '2026-12-08T14:00:00.000Z',
      restriction: { period: { end: '2026-12-31' } },
    });
  });
});

describe('the ServiceRequest', { timeout: 60_000 }, () => {
  it.each([
    ['issued', null, 'active'],
    ['accepted', null, 'active'],
    ['in_progress', null, 'active'],
    ['service_provided', 'Done', 'completed'],
    ['returned', 'Done', 'completed'],
    ['returned', null, 'revoked'],
    ['declined', null, 'revoked'],
    ['not_provided', null, 'revoked'],
    ['cancelled', null, 'revoked'],
    ['expired', null, 'revoked'],
  ] as const)('is, for a voucher %s with outcome %s, %s', (status, outcome, expected) => {
    expect(serviceRequestStatus(status, outcome)).toBe(expected);
  });

  it('asks for the service by name, so many sessions, in the period, of the directory’s service', () => {
    expect(partsOf(issued).request).toMatchObject({
      intent: 'order',
      code: { text: 'Budget advice' },
      quantityQuantity: { value: 6, unit: 'sessions', system: 'http://unitsofmeasure.org', code: '{session}' },
      occurrencePeriod: { start: '2026-12-07', end: '2027-02-26' },
      authoredOn: '2026-11-30T09:15:00.000Z',
      performer: [{ reference: `HealthcareService/${directoryServiceId}`, type: 'HealthcareService', display: 'Budget advice' }],
    });
  });

  it('asks the partner organisation when the voucher names no service of the directory', () => {
    expect(partsOf({ ...issued, directoryServiceId: null }).request.performer).toEqual([
      { reference: `urn:uuid:${partnerId}`, type: 'Organization', display: 'Nordlys Frivilligsentral' },
    ]);
  });

  it('leaves out the quantity and the period when the voucher has none', () => {
    const { request } = partsOf({ ...issued, sessions: null, periodFrom: null, periodTo: null });
    expect(request.quantityQuantity).toBeUndefined();
    expect(request.occurrencePeriod).toBeUndefined();
  });
});

describe('the person on a voucher', { timeout: 60_000 }, () => {
  it('is, when their identity is disclosed, a Patient that the request is for and the Task is for', () => {
    const { request, task, patients } = partsOf(issued);
    expect(patients).toEqual([{ resourceType: 'Patient', id: personId, name: [{ text: 'Amina Haddad' }], birthDate: '1988-04-17' }]);
    expect(request.subject).toEqual({ reference: `urn:uuid:${personId}`, type: 'Patient', display: 'Amina Haddad' });
    expect(task.for).toEqual(request.subject);
  });

  it('is, when their identity is withheld, no Patient: the request names them by the voucher’s number only, and the Task for no one', () => {
    const { bundle, request, task, patients } = partsOf(withheld);
    expect(patients).toEqual([]);
    expect(request.subject).toEqual({
      type: 'Patient',
      identifier: { system: 'urn:tillit:voucher', value: 'V-2026-0042' },
      display: 'Voucher V-2026-0042',
    });
    expect(task.for).toBeUndefined();
    expect(JSON.stringify(bundle)).not.toContain('Amina');
  });

  it('is referred for the reason, with what the partner should know, when those are disclosed', () => {
    const { request } = partsOf(issued);
    expect(request.reasonCode).toEqual([{ text: 'Rent arrears after a job loss' }]);
    expect(request.note).toEqual([{ text: 'Prefers appointments in the morning' }]);
  });

  it('is referred with neither reason nor note when those are withheld', () => {
    const { request } = partsOf(withheld);
    expect(request.reasonCode).toBeUndefined();
    expect(request.note).toBeUndefined();
  });

  it('has no birth date when the record has none', () => {
    expect(partsOf({ ...issued, person: { id: personId, name: 'Amina Haddad', birthDate: null } }).patients[0]!.birthDate).toBeUndefined();
  });
});
