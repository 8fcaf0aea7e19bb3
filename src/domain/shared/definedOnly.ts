/** The fields that are set: a change's `undefined` means "left as it is", never "cleared" (null clears). */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
