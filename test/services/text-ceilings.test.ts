import { describe, expect, it } from 'vitest';
import { calls } from '#contract/calls.ts';
import { meetingAction } from '#contract/meeting.ts';
import { lifeEventFields } from '#contract/pattern-map-schemas.ts';

// Text fields longer than a name have their own ceiling. Found in a review: they were built on the
// 200-character required text, whose ceiling a later `.max(2000)` could only lower, so a map item or a
// "cannot be asked" reason of 201 characters was refused with "must be at most 200 characters".

const FIELDS = [
  ['a map item’s “what happened”', lifeEventFields.shape.what, 2000],
  ['a theme on the map', calls['map.addTheme'].request.shape.text, 2000],
  ['why a parent or carer cannot be asked', calls['consents.recordCannotBeAsked'].request.shape.reason, 2000],
  ['an action agreed at a meeting', meetingAction.shape.text, 1000],
  ['an assessment item’s label', calls['assessments.addItem'].request.shape.label, 500],
] as const;

describe('long text fields', () => {
  it.each(FIELDS)(
    'take %s up to its own ceiling, and refuse one character more in words',
    (_what, field, max) => {
      expect(field.safeParse('x'.repeat(201)).success).toBe(true);
      expect(field.safeParse('x'.repeat(max)).success).toBe(true);
      const over = field.safeParse('x'.repeat(max + 1));
      expect(over.success).toBe(false);
      expect(over.error?.issues[0]?.message).toBe(`must be at most ${max} characters`);
      expect(field.safeParse('   ').error?.issues[0]?.message).toBe('is required');
    },
  );
});
