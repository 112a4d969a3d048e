import { z } from 'zod';
import { CANNOT_BE_ASKED } from '../domain/profiles/schema-parts.ts';
import { CASEWORK, call } from './call-spec.ts';
import { meeting } from './meeting.ts';
import {
  CONSENT_SUBJECTS,
  casePerson,
  consentMethod,
  consentStatus,
  itemFields,
  LINK_KINDS,
  mapItem,
  mapMeeting,
  patternMap,
  personFields,
} from './pattern-map-schemas.ts';
import {
  isoDay,
  longText,
  recordId,
  recordVersion,
  requiredText,
  requiredTextUpTo,
  shortText,
} from './primitives.ts';

/** The pattern-map calls; joined into the one list of calls in calls.ts. */
export const patternMapCalls = {
  'map.get': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ caseId: recordId }),
    response: patternMap,
  }),
  'map.addItem': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ caseId: recordId, item: itemFields }),
    response: mapItem,
  }),
  'map.updateItem': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ itemId: recordId, expectedVersion: recordVersion, item: itemFields }),
    response: mapItem,
  }),
  'map.moveItem': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      itemId: recordId,
      expectedVersion: recordVersion,
      lane: z.string().min(1).max(40),
    }),
    response: mapItem,
  }),
  'map.removeItem': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      itemId: recordId,
      expectedVersion: recordVersion,
      reason: longText.min(1, 'is required'),
    }),
    response: z.null(),
  }),
  'map.addLink': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      fromId: recordId,
      toId: recordId,
      kind: z.enum(LINK_KINDS),
      label: shortText,
    }),
    response: patternMap,
  }),
  'map.removeLink': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ linkId: recordId }),
    response: patternMap,
  }),
  'map.addTheme': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      fromDay: isoDay,
      toDay: isoDay,
      text: requiredTextUpTo(2000),
    }),
    response: patternMap,
  }),
  'map.removeTheme': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ themeId: recordId }),
    response: patternMap,
  }),
  'map.saveMeeting': call({
    access: CASEWORK,
    writes: true,
    request: meeting.safeExtend({
      caseId: recordId,
      meetingId: recordId.nullable(),
      expectedVersion: recordVersion.nullable(),
      notes: longText,
    }),
    response: mapMeeting,
  }),
  'map.addLifeEventType': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ label: requiredText.max(60) }),
    response: patternMap.shape.lifeEventTypes,
  }),
  'map.export': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      audience: z.enum(['internal', 'external']),
      recipient: requiredText,
      view: z.enum(['named', 'anonymised']),
      format: z.enum(['png', 'docx']),
      /** The map drawn by the screen, as a base64 PNG (format 'png' only). */
      pngBase64: z
        .string()
        .max(12_000_000)
        .regex(/^[A-Za-z0-9+/=]*$/, 'is not base64')
        .optional(),
    }),
    response: z.strictObject({ savedTo: z.string() }).nullable(),
    maxRequestBytes: 12_500_000,
  }),
  /** Keeps a picture of the map, drawn by the screen, to go into the AIM report. */
  'map.useInReport': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      view: z.enum(['named', 'anonymised']),
      pngBase64: z
        .string()
        .min(1)
        .max(12_000_000)
        .regex(/^[A-Za-z0-9+/=]*$/, 'is not base64'),
    }),
    response: z.strictObject({ capturedAt: z.string() }),
    maxRequestBytes: 12_500_000,
  }),
  'people.add': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ caseId: recordId, ...personFields }),
    response: casePerson,
  }),
  'people.update': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ personId: recordId, expectedVersion: recordVersion, ...personFields }),
    response: casePerson,
  }),
  'map.markIdentifying': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      word: requiredText.max(200),
      shownAs: shortText,
    }),
    response: patternMap,
  }),
  'map.unmarkIdentifying': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ caseId: recordId, wordId: recordId }),
    response: patternMap,
  }),
  'consents.recordCannotBeAsked': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      personId: recordId,
      circumstance: z.enum(CANNOT_BE_ASKED, { message: 'is not a reason the workbench knows' }),
      reason: requiredTextUpTo(2000),
    }),
    response: patternMap,
  }),
  'consents.approveCannotBeAsked': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ caseId: recordId, exceptionId: recordId }),
    response: patternMap,
  }),
  'consents.record': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      purpose: z.enum(['map-sharing-external', 'hub-referral', 'information-sharing']),
      subject: z.enum(CONSENT_SUBJECTS),
      personId: recordId.nullable(),
      status: consentStatus,
      reason: longText,
      method: consentMethod.optional(),
      givenOn: isoDay.nullable().optional(),
      /** A consent already recorded on the case (at referral) that this one rests on (issue 14). */
      restsOn: recordId.nullable().optional(),
    }),
    response: patternMap.shape.consents,
  }),
};
