/**
 * A referral voucher as FHIR R4, in the shape of the SDOH Clinical Care referral: a
 * ServiceRequest (what the agency asks for: the service, how much, when, why) and a Task that
 * follows it at the partner (Task.focus is the request; Task.status from `fhirTaskStatus`, the
 * voucher's own state in businessStatus, the reason code when declined, not provided or
 * cancelled). The agency and the partner are Organizations of the Bundle; so is the person, as a
 * Patient, only when the voucher discloses who they are. When it does not, the request's subject
 * (required) names the person only by the voucher's number, and the Task has no `for`.
 *
 * Ids: the ServiceRequest has the voucher's; the Task's is made from it; the partner keeps its
 * id (as in the directory's Bundle); the agency, whose id is a number, gets one made from it.
 * The directory's service, when the voucher names one, is not in the Bundle: the request's
 * performer is `HealthcareService/<its id>`, the id it has in the directory's Bundle.
 * No profile is claimed: without the person's identity the SDOH Clinical Care profiles (Task.for
 * 1..1) would not hold.
 */
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  FhirResource,
  Organization,
  Patient,
  Reference,
  ServiceRequest,
  Task,
} from 'fhir/r4.js';
import { v5 as uuidFrom } from 'uuid';
import type { VoucherStatus } from './voucher.contract.ts';
import { fhirTaskStatus } from './voucher.rules.ts';

export interface VoucherFhirInput {
  id: string;
  number: string;
  status: VoucherStatus;
  /** A reason code, e.g. 'no_capacity'. */
  statusReason: string | null;
  /** ISO instants. */
  issuedAt: string;
  lastChangedAt: string;
  /** Calendar dates. */
  validUntil: string;
  periodFrom: string | null;
  periodTo: string | null;
  sessions: number | null;
  serviceName: string;
  agency: { id: string; name: string };
  partner: { id: string; name: string };
  /** → ServiceRequest.performer HealthcareService ref when set. */
  directoryServiceId: string | null;
  /** Null when identity is not disclosed. */
  person: { id: string; name: string; birthDate: string | null } | null;
  /** Null when not disclosed. */
  reason: string | null;
  forPartner: string | null;
  outcome: string | null;
}

/** The systems Tillit's identifiers and codes are written in. */
export const voucherFhirSystems = {
  voucher: 'urn:tillit:voucher',
  agency: 'urn:tillit:agency',
  voucherStatus: 'urn:tillit:voucher-status',
  statusReason: 'urn:tillit:voucher-status-reason',
} as const;

/** The namespace of the ids made for resources that have no UUID of their own. */
const FHIR_ID_NAMESPACE = 'a295de89-a1b2-408a-b365-0130542aa210';
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
/** A UUID as FHIR's urn:uuid writes it; anything else, a UUID made from it and what it is. */
const fhirIdOf = (kind: string, id: string) => (isUuid(id) ? id.toLowerCase() : uuidFrom(`${kind}:${id}`, FHIR_ID_NAMESPACE));
const reference = (type: string, id: string, display?: string): Reference => ({
  reference: `urn:uuid:${id}`,
  type,
  ...(display ? { display } : {}),
});

/**
 * ServiceRequest.status: active while the partner may still give the service; completed once it
 * was given (a returned voucher with an outcome); revoked when it ended without it – declined,
 * not provided, cancelled, lapsed.
 */
export function serviceRequestStatus(status: VoucherStatus, outcome: string | null): ServiceRequest['status'] {
  switch (status) {
    case 'issued':
    case 'accepted':
    case 'in_progress':
      return 'active';
    case 'service_provided':
      return 'completed';
    case 'returned':
      return outcome ? 'completed' : 'revoked';
    case 'declined':
    case 'not_provided':
    case 'cancelled':
    case 'expired':
      return 'revoked';
  }
}

const voucherIdentifier = (number: string) => ({ system: voucherFhirSystems.voucher, value: number });
const codeOf = (system: string, code: string): CodeableConcept => ({ coding: [{ system, code }], text: code.replaceAll('_', ' ') });

/** The voucher as a FHIR R4 collection Bundle: ServiceRequest, Task, the two organisations and, when disclosed, the person. */
export function voucherAsFhir(input: VoucherFhirInput): Bundle {
  const requestId = fhirIdOf('voucher', input.id);
  const taskId = uuidFrom(`task:${requestId}`, FHIR_ID_NAMESPACE);
  const agencyId = fhirIdOf('agency', input.agency.id);
  const partnerId = fhirIdOf('partner', input.partner.id);
  const patientId = input.person ? fhirIdOf('person', input.person.id) : null;
  const agency = reference('Organization', agencyId, input.agency.name);
  const partner = reference('Organization', partnerId, input.partner.name);
  const patient = input.person && patientId ? reference('Patient', patientId, input.person.name) : null;
  const provided = (input.status === 'service_provided' || input.status === 'returned') && !!input.outcome;

  const serviceRequest: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: requestId,
    identifier: [voucherIdentifier(input.number)],
    status: serviceRequestStatus(input.status, input.outcome),
    intent: 'order',
    code: { text: input.serviceName },
    ...(input.sessions !== null
      ? { quantityQuantity: { value: input.sessions, unit: 'sessions', system: 'http://unitsofmeasure.org', code: '{session}' } }
      : {}),
    // Without the person's identity the request names them by the voucher alone (subject is 1..1).
    subject: patient ?? { type: 'Patient', identifier: voucherIdentifier(input.number), display: `Voucher ${input.number}` },
    ...(input.periodFrom || input.periodTo
      ? {
          occurrencePeriod: {
            ...(input.periodFrom ? { start: input.periodFrom } : {}),
            ...(input.periodTo ? { end: input.periodTo } : {}),
          },
        }
      : {}),
    authoredOn: input.issuedAt,
    requester: agency,
    performer: [
      input.directoryServiceId
        ? {
            reference: `HealthcareService/${fhirIdOf('directory-service', input.directoryServiceId)}`,
            type: 'HealthcareService',
            display: input.serviceName,
          }
        : partner,
    ],
    ...(input.reason ? { reasonCode: [{ text: input.reason }] } : {}),
    ...(input.forPartner ? { note: [{ text: input.forPartner }] } : {}),
  };

  const task: Task = {
    resourceType: 'Task',
    id: taskId,
    identifier: [voucherIdentifier(input.number)],
    status: fhirTaskStatus[input.status],
    ...(input.statusReason ? { statusReason: codeOf(voucherFhirSystems.statusReason, input.statusReason) } : {}),
    businessStatus: codeOf(voucherFhirSystems.voucherStatus, input.status),
    intent: 'order',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: reference('ServiceRequest', requestId, `Voucher ${input.number}`),
    ...(patient ? { for: patient } : {}),
    authoredOn: input.issuedAt,
    lastModified: input.lastChangedAt,
    requester: agency,
    owner: partner,
    restriction: { period: { end: input.validUntil } },
    ...(provided ? { output: [{ type: { text: 'Outcome' }, valueString: input.outcome! }] } : {}),
  };

  const organisations: Organization[] = [
    {
      resourceType: 'Organization',
      id: agencyId,
      identifier: [{ system: voucherFhirSystems.agency, value: input.agency.id }],
      name: input.agency.name,
    },
    { resourceType: 'Organization', id: partnerId, name: input.partner.name },
  ];
  const people: Patient[] =
    input.person && patientId
      ? [
          {
            resourceType: 'Patient',
            id: patientId,
            name: [{ text: input.person.name }],
            ...(input.person.birthDate ? { birthDate: input.person.birthDate } : {}),
          },
        ]
      : [];
  const entry = (resource: FhirResource): BundleEntry => ({ fullUrl: `urn:uuid:${resource.id}`, resource });
  return { resourceType: 'Bundle', type: 'collection', entry: [serviceRequest, task, ...organisations, ...people].map(entry) };
}
