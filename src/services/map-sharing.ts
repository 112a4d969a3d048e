import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import { londonDay } from '../domain/dates.ts';
import { chronologyDocx } from '../export/chronology-docx.ts';
import { insertMapExport, saveReportMapImage } from '../store/pattern-map.ts';
import { consentBasis } from './consent-exceptions.ts';
import { saveExportFile } from './export-file.ts';
import { readMap } from './pattern-map.ts';
import { requirePng } from './png.ts';
import type { Workbench } from './workbench.ts';

// Exports of the map: who may export, to whom, and the record of each export.

export async function exportMap(wb: Workbench, req: ParsedRequest<'map.export'>) {
  const startedIn = wb.signedIn();
  const { user } = startedIn;
  const db = wb.db();
  const map = readMap(db, req.caseId);
  if (req.audience === 'internal' && user.id !== map.sharing.allocatedSocialWorkerId) {
    throw new WorkbenchError(
      'forbidden',
      `Only the allocated social worker, ${map.sharing.allocatedSocialWorkerName}, can share the map with the professionals involved.`,
    );
  }
  if (req.audience === 'external' && map.sharing.missingForExternal.length > 0) {
    throw new WorkbenchError(
      'rule-broken',
      `The map cannot be shared with an external agency yet. ${map.sharing.missingForExternal.join(' ')}`,
      { problems: map.sharing.missingForExternal.map((message) => ({ path: 'consent', message })) },
    );
  }
  if (req.format === 'png' && !req.pngBase64) {
    throw new WorkbenchError('invalid-request', 'The map image is missing from the request.', {
      problems: [{ path: 'pngBase64', message: 'is required for an image export' }],
    });
  }
  const now = wb.now();
  const content =
    req.format === 'png'
      ? Buffer.from(req.pngBase64 ?? '', 'base64')
      : await chronologyDocx(map, {
          view: req.view,
          exportedOn: londonDay(now.toISOString()),
          exportedBy: user.name,
          audience: req.recipient,
        });
  if (req.format === 'png') requirePng(content, 'pngBase64');
  const suggested = `pattern-map-${map.caseReference}-${req.view}-${londonDay(now.toISOString())}.${req.format}`;
  const path = await wb.host.chooseSaveFile(suggested);
  if (!path) return null;
  const id = randomUUID();
  // An external share rests on the consents; where a parent or carer could not be asked, the record and
  // the trail say so, with who recorded why and who approved.
  const basis = req.audience === 'external' ? consentBasis(map) : '';
  const basisInTrail = req.audience === 'external' ? consentBasis(map, { reasons: false }) : '';
  saveExportFile(wb, {
    startedIn,
    caseId: req.caseId,
    path,
    content,
    what: `the ${req.view} pattern map (${req.format.toUpperCase()})`,
    audit: {
      action: 'map.export',
      recordType: 'case',
      recordId: req.caseId,
      summary: `exported the ${req.view} pattern map as ${req.format.toUpperCase()} for ${req.audience === 'external' ? 'an external agency' : 'professionals involved'}; saved to ${path}${
        basisInTrail ? `. ${basisInTrail}` : ''
      }`,
    },
    record: {
      table: 'map_exports',
      id,
      insert: (store) =>
        insertMapExport(store, {
          id,
          caseId: req.caseId,
          at: now.toISOString(),
          by: user.id,
          audience: req.audience,
          recipient: req.recipient,
          view: req.view,
          format: req.format,
          savedTo: path,
          consentBasis: basis,
        }),
    },
  });
  return { savedTo: path };
}

export function useMapInReport(wb: Workbench, req: ParsedRequest<'map.useInReport'>) {
  const { user } = wb.signedIn();
  const png = Buffer.from(req.pngBase64, 'base64');
  requirePng(png, 'pngBase64');
  const now = wb.now().toISOString();
  wb.write((db, audit) => {
    readMap(db, req.caseId);
    saveReportMapImage(db, req.caseId, png, req.view, user.id, now);
    audit({
      action: 'map.use-in-report',
      recordType: 'case',
      recordId: req.caseId,
      summary: `chose the ${req.view} map picture for the AIM report`,
    });
  });
  return { capturedAt: now };
}
