import { z } from 'zod';
import { AGENCIES, GENDERS, ROLES } from './vocabulary.ts';

// Every string has a ceiling, so an oversized request is refused before it reaches a service.
export const MAX_SHORT_TEXT = 200;
export const MAX_LONG_TEXT = 20_000;

const trimmed = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const shortText = trimmed(MAX_SHORT_TEXT);
export const requiredText = trimmed(MAX_SHORT_TEXT).min(1, 'is required');
/** Required text with a ceiling above the short one (a `.max()` on requiredText could only lower it). */
export const requiredTextUpTo = (max: number) => trimmed(max).min(1, 'is required');
export const longText = trimmed(MAX_LONG_TEXT);
export const optionalText = shortText.optional().default('');

export const recordId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'is not a record id');
export const isoDay = z.iso.date({ message: 'must be a date (yyyy-mm-dd)' });
export const isoInstant = z.iso.datetime({ offset: true, message: 'must be a date and time' });

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'must be 3–40 letters, digits, dots, dashes or underscores');

export const MIN_PASSWORD_LENGTH = 10;
export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'must be at most 200 characters');
/** A password being checked, not set: no length rule beyond the ceiling. */
export const passwordAttempt = z.string().min(1, 'is required').max(200, 'must be at most 200 characters');

export const agency = z.enum(AGENCIES, { message: 'is not a known agency' });
export const role = z.enum(ROLES, { message: 'is not a known role' });
export const gender = z.enum(GENDERS, { message: 'is not a known option' });
export const recordVersion = z.number().int().min(1);
