import { z } from 'zod';

/** The plan tiers of the TechCorp seed; a plan sets how many requests a user may make. */
export const PLAN_NAMES = ['basic', 'professional', 'enterprise'] as const;

export const planName = z.enum(PLAN_NAMES);

export type PlanName = z.infer<typeof planName>;

export interface PlanLimits {
  perMinute: number;
  /** null: no daily limit. */
  perDay: number | null;
}

export const PLAN_LIMITS: Readonly<Record<PlanName, PlanLimits>> = {
  basic: { perMinute: 60, perDay: 10_000 },
  professional: { perMinute: 300, perDay: 100_000 },
  enterprise: { perMinute: 1_000, perDay: null },
};

/**
 * The plan of a user who was never given one. The seeds name the tiers but no default; the entry tier is
 * the one an account starts on until an operator moves it up (FILORA_DEFAULT_PLAN may choose another).
 */
export const DEFAULT_PLAN: PlanName = 'basic';
