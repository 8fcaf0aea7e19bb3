import { z } from 'zod';
import { SCOPES } from '../../domain/access/scopes';
import { DEFAULT_TOKEN_RATE_LIMIT_PER_HOUR } from '../../domain/token/tokenDecider';
import { IpAllowlist } from '../../security/ipAllowlist';
import { displayNameField } from '../users/userSchemas';

const MAX_ALLOWLIST_ENTRIES = 100;

export const scopesField = z
  .array(z.enum(SCOPES))
  .min(1)
  .max(SCOPES.length)
  .refine((scopes) => new Set(scopes).size === scopes.length, { message: 'each scope at most once' })
  .meta({ description: 'What the token may do; a 403 names the scope a call needed.' });

const ipAllowlistEntry = z
  .string()
  .max(64)
  .refine((entry) => IpAllowlist.accepts([entry]), { message: 'expected an IPv4 or IPv6 address, or a CIDR block such as 10.0.0.0/8' });

const ipAllowlistField = z
  .array(ipAllowlistEntry)
  .max(MAX_ALLOWLIST_ENTRIES)
  .meta({ description: 'Addresses or CIDR blocks (IPv4, IPv6) the token may be used from; empty allows any.' });

const rateLimitField = z.int().min(1).max(1_000_000).meta({ description: 'Requests per hour.' });

const expiresAtField = z.iso
  .datetime({ offset: true })
  .transform((at) => new Date(at).toISOString())
  .nullable()
  .meta({ description: 'When the token stops working; null never.' });

/** A token's settings whole: POST creates with them, PUT replaces them (what is left out takes its default). */
export const tokenSettingsInput = z.strictObject({
  name: displayNameField,
  scopes: scopesField,
  expires_at: expiresAtField.default(null),
  ip_allowlist: ipAllowlistField.default([]),
  rate_limit: rateLimitField.default(DEFAULT_TOKEN_RATE_LIMIT_PER_HOUR),
});

export const patchTokenInput = z
  .strictObject({
    name: displayNameField.optional(),
    scopes: scopesField.optional(),
    expires_at: expiresAtField.optional(),
    ip_allowlist: ipAllowlistField.optional(),
    rate_limit: rateLimitField.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'at least one field is required' })
  .meta({ minProperties: 1 });
