// The registry of the product's subscription-message templates (config/templates.json).
//
// Shape: `{ "<key>": { "id": "<template id>", "title": "<title>", "fields": { "<field key>":
// { "type": "<value type>", "title": "<field title>" } } } }`. `<key>` is the name the code uses
// (e.g. `petitionProgress`); `id` is the template id of the MP console (43 characters); a field key
// is the keyword WeChat assigns (`thing1`, `character_string1`, …) and its prefix is its value type
// (see subscribe-rules.ts).

import { readFileSync } from 'node:fs';
import { type SubscribeValueType, isSubscribeValueType, typeOfFieldKey } from './subscribe-rules';

export interface TemplateField {
  type: SubscribeValueType;
  title: string;
}

export interface TemplateSpec {
  id: string;
  title: string;
  fields: Record<string, TemplateField>;
}

export type TemplateRegistry = Record<string, TemplateSpec>;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Checks the registry's shape (field key prefix = type, ids unique); throws naming the fault. */
export function parseTemplates(json: unknown, source = 'templates'): TemplateRegistry {
  if (!isRecord(json)) throw new Error(`${source}: expected an object of templates`);
  const out: TemplateRegistry = {};
  const ids = new Set<string>();
  for (const [key, spec] of Object.entries(json)) {
    const where = `${source}: ${key}`;
    if (!isRecord(spec)) throw new Error(`${where}: expected an object`);
    const { id, title, fields } = spec;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{10,64}$/.test(id)) {
      throw new Error(`${where}: id must be a template id string`);
    }
    if (ids.has(id)) throw new Error(`${where}: duplicate template id ${id}`);
    ids.add(id);
    if (typeof title !== 'string' || title === '') throw new Error(`${where}: title missing`);
    if (!isRecord(fields) || Object.keys(fields).length === 0) {
      throw new Error(`${where}: fields missing`);
    }
    const parsed: Record<string, TemplateField> = {};
    for (const [fieldKey, field] of Object.entries(fields)) {
      if (!isRecord(field)) throw new Error(`${where}.${fieldKey}: expected { type, title }`);
      const { type, title: fieldTitle } = field;
      if (typeof type !== 'string' || !isSubscribeValueType(type)) {
        throw new Error(`${where}.${fieldKey}: unknown type ${String(type)}`);
      }
      if (typeOfFieldKey(fieldKey) !== type) {
        throw new Error(`${where}.${fieldKey}: key prefix does not match type ${type}`);
      }
      if (typeof fieldTitle !== 'string' || fieldTitle === '') {
        throw new Error(`${where}.${fieldKey}: title missing`);
      }
      parsed[fieldKey] = { type, title: fieldTitle };
    }
    out[key] = { id, title, fields: parsed };
  }
  return out;
}

export function loadTemplates(file: string): TemplateRegistry {
  return parseTemplates(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** The template with this WeChat template id, or undefined. */
export function templateById(registry: TemplateRegistry, id: string): TemplateSpec | undefined {
  return Object.values(registry).find((t) => t.id === id);
}
