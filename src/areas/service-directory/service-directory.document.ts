import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { installRoot } from '../../core/install-root.ts';
import type { HsdsObject } from './hsds.rules.ts';

/*
 * The files of the directory in HSDS 3.0: the JSON export checked against the official compiled
 * service schema, and the tabular data package – one CSV per kind of object with the schema's own
 * file names and columns, each row tied to its parent by the schema's `…_id` columns, and
 * datapackage.json describing them. The schema is read when first needed (2.3 MB).
 */

/** A JSON Schema object as the HSDS compiled schema writes it, with its CSV file name and columns. */
interface SchemaObject {
  name?: string;
  path?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  required?: string[];
  datapackage_metadata?: { order?: number };
}

const schemaFile = path.join(installRoot, 'src', 'areas', 'service-directory', 'hsds', 'service-schema-compiled.json');
let serviceSchema: SchemaObject | undefined;
let validator: ValidateFunction | undefined;

/** The official HSDS 3.0 compiled service schema. */
export function hsdsServiceSchema(): SchemaObject {
  serviceSchema ??= JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as SchemaObject;
  return serviceSchema;
}

// ajv-formats is CommonJS: its default export is the function, under `default` when bundled.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** Problems of one HSDS service document against the schema, each as "/path: message"; empty when it conforms. */
export function hsdsProblems(service: unknown): string[] {
  if (!validator) {
    // The schema carries HSDS's own keywords (name, path, constraints …): not strict about unknown ones.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validator = ajv.compile(hsdsServiceSchema());
  }
  if (validator(service)) return [];
  return (validator.errors ?? []).slice(0, 20).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? 'is not valid'}`);
}

const isNested = (property: SchemaObject) => property.type === 'array' || property.type === 'object';
const objectSchemaOf = (property: SchemaObject): SchemaObject => (property.type === 'array' ? (property.items ?? {}) : property);

interface Table {
  schema: SchemaObject;
  columns: string[];
  rows: Map<string, HsdsObject>;
}

/** Every object of the services in rows by file, once each (an organisation or a term shared by services is one row). */
export function hsdsTables(services: readonly HsdsObject[]): Map<string, Table> {
  const tables = new Map<string, Table>();
  const visit = (object: HsdsObject, schema: SchemaObject, parent: { name: string; id: string } | null) => {
    const file = schema.path;
    const name = schema.name;
    const properties = schema.properties ?? {};
    if (!file || !name || typeof object.id !== 'string') return;
    const columns = Object.keys(properties).filter((key) => !isNested(properties[key]!));
    const row: HsdsObject = Object.fromEntries(columns.map((column) => [column, object[column]]));
    if (parent) {
      const foreignKey = `${parent.name}_id`;
      if (columns.includes(foreignKey) && row[foreignKey] == null) row[foreignKey] = parent.id;
      if (name === 'attribute') {
        row.link_id ??= parent.id;
        row.link_entity ??= parent.name;
        row.link_type ??= parent.name;
      }
      if (name === 'metadata') {
        row.resource_id ??= parent.id;
        row.resource_type ??= parent.name;
      }
    }
    for (const [key, property] of Object.entries(properties)) {
      if (!isNested(property)) continue;
      const childSchema = objectSchemaOf(property);
      const value = object[key];
      const children = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
      for (const child of children as HsdsObject[]) {
        // A single object held by its parent (a service's organisation, a place's location): the parent names it.
        const heldKey = `${childSchema.name}_id`;
        if (!Array.isArray(value) && columns.includes(heldKey) && row[heldKey] == null) row[heldKey] = child.id;
        visit(child, childSchema, { name, id: object.id });
      }
    }
    const table = tables.get(file) ?? { schema, columns, rows: new Map() };
    tables.set(file, table);
    if (!table.rows.has(object.id)) table.rows.set(object.id, row);
  };
  const schema = hsdsServiceSchema();
  for (const service of services) visit(service, schema, null);
  return tables;
}

const cell = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** Table Schema field types for the JSON Schema types HSDS uses. */
function fieldOf(name: string, property: SchemaObject, required: boolean) {
  const type = property.format === 'date-time' ? 'datetime' : property.type === 'number' ? 'number' : 'string';
  const format = property.format && ['uuid', 'email', 'uri'].includes(property.format) ? property.format : undefined;
  return {
    name,
    type,
    ...(format ? { format } : {}),
    ...(property.description ? { description: property.description } : {}),
    constraints: { required },
  };
}

/** The tabular data package: a CSV per object and datapackage.json, zipped. */
export function hsdsTabularPackage(services: readonly HsdsObject[], title: string, created: Date): Uint8Array {
  const tables = [...hsdsTables(services).entries()].sort(
    ([, a], [, b]) => (a.schema.datapackage_metadata?.order ?? 99) - (b.schema.datapackage_metadata?.order ?? 99),
  );
  const files: Record<string, Uint8Array> = {};
  for (const [file, table] of tables) {
    files[file] = strToU8(stringify([table.columns, ...[...table.rows.values()].map((row) => table.columns.map((c) => cell(row[c])))]));
  }
  const datapackage = {
    profile: 'tabular-data-package',
    name: 'tillit-service-directory',
    title,
    created: created.toISOString(),
    resources: tables.map(([file, table]) => ({
      name: table.schema.name,
      path: file,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: table.columns.map((c) => fieldOf(c, table.schema.properties![c]!, (table.schema.required ?? []).includes(c))),
        primaryKey: 'id',
      },
    })),
  };
  files['datapackage.json'] = strToU8(JSON.stringify(datapackage, null, 2));
  return zipSync(files);
}
