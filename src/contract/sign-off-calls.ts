import { z } from 'zod';
import { ReportTemplateSchema } from '../domain/sign-off/report-template.ts';
import { ADMIN, CASEWORK, call, empty } from './call-spec.ts';
import { isoInstant, longText, passwordAttempt, recordId, shortText } from './primitives.ts';

export const signOffStatus = z.strictObject({
  assessmentId: recordId,
  versionNo: z.number().int(),
  state: z.string(),
  stateLabel: z.string(),
  contentHash: z.string().nullable(),
  /** Plain words: "Signed by … on …, unchanged since", or "Changed after sign-off: …". */
  verification: z.strictObject({
    status: z.enum(['not-signed', 'partly-signed', 'verified', 'changed']),
    message: z.string(),
  }),
  signatures: z.array(
    z.strictObject({
      signerName: z.string(),
      role: z.string(),
      signedAt: isoInstant,
      verified: z.boolean(),
      problem: z.string(),
    }),
  ),
  transitions: z.array(
    z.strictObject({
      action: z.string(),
      fromState: z.string(),
      toState: z.string(),
      comments: z.string(),
      at: isoInstant,
      byName: z.string(),
    }),
  ),
  allowed: z.strictObject({
    submit: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
    sign: z.boolean(),
  }),
  reasons: z.strictObject({ submit: z.string(), approve: z.string(), return: z.string(), sign: z.string() }),
  /** Who reviews the assessment jointly with the quality assurer under the profile (e.g. "CSC Team Manager"), or ''. */
  jointReviewRole: z.string(),
});
export type SignOffStatus = z.infer<typeof signOffStatus>;

const ofAssessment = { assessmentId: recordId };

/** A comment on returned work and the part it is about: 'whole', 'section:<key>' or 'domain:<id>'. */
export const returnComment = z.strictObject({
  about: z
    .string()
    .regex(/^(whole|(section|domain):[A-Za-z0-9_-]{1,80})$/, 'is not a part of this assessment'),
  comment: longText.min(1, 'write the comment'),
});

/** Quality assurance, signatures and Word exports; joined into the one list of calls in calls.ts. */
export const signOffCalls = {
  'signOff.status': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject(ofAssessment),
    response: signOffStatus,
  }),
  'signOff.submit': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ ...ofAssessment, comments: longText }),
    response: signOffStatus,
  }),
  'signOff.return': call({
    access: CASEWORK,
    writes: true,
    /** `comments` is about the whole assessment; `sectionComments` each about one part. At least one is needed. */
    request: z.strictObject({
      ...ofAssessment,
      comments: longText,
      sectionComments: z.array(returnComment).max(40).optional(),
    }),
    response: signOffStatus,
  }),
  'signOff.approve': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      comments: longText,
      /** Who reviewed it jointly with the quality assurer; required where the profile names a joint review. */
      jointReviewer: shortText.optional(),
    }),
    response: signOffStatus,
  }),
  /** The co-assessor enters their password again to sign. */
  'signOff.sign': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ ...ofAssessment, password: passwordAttempt }),
    response: signOffStatus,
  }),
  'reports.export': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      /** The pattern map drawn by the screen, to include as an image (optional). */
      mapPngBase64: z
        .string()
        .max(12_000_000)
        .regex(/^[A-Za-z0-9+/=]*$/, 'is not base64')
        .optional(),
    }),
    response: z.strictObject({ savedTo: z.string(), marking: z.string() }).nullable(),
    maxRequestBytes: 12_500_000,
  }),
  'reports.exportChronology': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ caseId: recordId }),
    response: z.strictObject({ savedTo: z.string() }).nullable(),
  }),
  'reports.exportStrategyMeeting': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ caseId: recordId, meetingId: recordId }),
    response: z.strictObject({ savedTo: z.string() }).nullable(),
  }),
  'reports.exportConsultation': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ caseId: recordId, consultationId: recordId }),
    response: z.strictObject({ savedTo: z.string() }).nullable(),
  }),
  'reports.template': call({
    access: 'signed-in',
    writes: false,
    request: empty,
    response: ReportTemplateSchema,
  }),
  'reports.updateTemplate': call({
    access: ADMIN,
    writes: true,
    request: ReportTemplateSchema,
    response: ReportTemplateSchema,
  }),
};
