import { z } from 'zod';
import type { ZodType } from 'zod';
import type { JsonObject, JsonValue } from './jsonSchema';
import { isJsonObject, rewriteRefs } from './jsonSchema';

export type SchemaIo = 'input' | 'output';

const LOCAL_DEF = '#/$defs/';
const COMPONENT_SCHEMA = '#/components/schemas/';

/**
 * Turns zod schemas into JSON Schema for one OpenAPI document. Every schema named with `.meta({ id })`
 * is put once under components/schemas by that name, and references to it point there: z.toJSONSchema
 * answers them as `#/$defs/<id>` inside each schema it converts, which would not resolve in the document.
 * A name converted to different JSON (the input and the output side of a schema with defaults or
 * transforms) gets `Input`, or a number, appended, so no converted schema changes another.
 */
export class SchemaComponents {
  private readonly schemas = new Map<string, JsonObject>();
  /** Each component name with the JSON it was claimed for (local references left as they were). */
  private readonly fingerprints = new Map<string, string>();
  /** The component names given to each id so far. */
  private readonly namesOf = new Map<string, string[]>();

  convert(schema: ZodType, io: SchemaIo): JsonObject {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonObject;
    const { $schema: _dialect, $defs: defs, ...root } = converted;
    const localDefs = isJsonObject(defs) ? defs : {};
    const names = new Map(Object.entries(localDefs).map(([id, def]) => [id, this.claim(id, io, def)]));
    const rewrite = (ref: string) => {
      if (!ref.startsWith(LOCAL_DEF)) return ref;
      const name = names.get(ref.slice(LOCAL_DEF.length));
      if (name === undefined) throw new Error(`z.toJSONSchema answered a reference to no definition: ${ref}`);
      return `${COMPONENT_SCHEMA}${name}`;
    };
    for (const [id, def] of Object.entries(localDefs)) this.schemas.set(names.get(id)!, rewriteRefs(def, rewrite) as JsonObject);
    return rewriteRefs(root, rewrite) as JsonObject;
  }

  /** Every named schema converted so far, by component name, in name order. */
  all(): JsonObject {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * The component name for a definition: its id, unless that name holds other JSON. Definitions are
   * compared with their references to one another left local: exact whenever the named parts they
   * refer to are the same on both sides, and otherwise only splitting a name more than needed.
   */
  private claim(id: string, io: SchemaIo, def: JsonValue): string {
    const fingerprint = JSON.stringify(def);
    const claimed = this.namesOf.get(id) ?? [];
    const same = claimed.find((name) => this.fingerprints.get(name) === fingerprint);
    if (same !== undefined) return same;
    const base = claimed.length > 0 && io === 'input' ? `${id}Input` : id;
    let name = base;
    for (let n = 2; this.fingerprints.has(name); n++) name = `${base}${n}`;
    this.fingerprints.set(name, fingerprint);
    this.namesOf.set(id, [...claimed, name]);
    return name;
  }
}
