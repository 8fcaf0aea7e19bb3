/** The expiry choices of the token form, and the instant (or null: never) each one means. */

export const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'date', label: 'On a date…' },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'] | 'keep';

const DAY_MS = 86_400_000;

/**
 * The `expires_at` to send: null for never, undefined to leave it as it is (editing), and for a date the end
 * of that day in the user's time zone (a token "until the 5th" works through the 5th).
 */
export function expiresAtOf(choice: ExpiryChoice, date: string, now = Date.now()): string | null | undefined {
  if (choice === 'keep') return undefined;
  if (choice === 'never') return null;
  if (choice === 'date') {
    const end = new Date(`${date}T23:59:59`);
    if (Number.isNaN(end.getTime())) throw new Error('Choose the date the token expires on.');
    return end.toISOString();
  }
  return new Date(now + Number(choice) * DAY_MS).toISOString();
}

/** Tomorrow as YYYY-MM-DD (local), the earliest date the date picker offers. */
export function tomorrow(now = new Date()): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
}
