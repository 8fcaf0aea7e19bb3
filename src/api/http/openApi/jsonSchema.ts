/** A JSON Schema or OpenAPI object, as plain JSON. */
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of `value` with every `$ref` string passed through `rewrite`. */
export function rewriteRefs(value: JsonValue, rewrite: (ref: string) => string): JsonValue {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rewrite));
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' ? rewrite(item) : rewriteRefs(item, rewrite),
    ]),
  );
}

export const componentRef = (kind: 'schemas' | 'headers' | 'parameters' | 'responses', name: string): JsonObject => ({
  $ref: `#/components/${kind}/${name}`,
});
