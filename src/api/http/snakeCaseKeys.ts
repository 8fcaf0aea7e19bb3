const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Domain data is camelCase; the API answers snake_case. Keys change at every depth, values never. */
export function snakeCaseKeys(data: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [snakeCase(key), snakeCaseValue(value)]));
}

const snakeCaseValue = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(snakeCaseValue) : typeof value === 'object' && value !== null ? snakeCaseKeys(value) : value;
