import { useState } from 'react';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { TeamSection } from '../team/TeamSection.tsx';
import { TeamServerSection } from '../team/TeamServerSection.tsx';
import { AuditSection } from './AuditSection.tsx';
import { AutoLockSection } from './AutoLockSection.tsx';
import { BackupSection } from './BackupSection.tsx';
import { ClosureDaysSection } from './ClosureDaysSection.tsx';
import { KeyRotationSection } from './KeyRotationSection.tsx';

/** Settings, closure days, the audit trail and backups. Administrators only. */
export function AdministrationScreen() {
  // After a restore, the settings and audit trail shown are those of the backup: load them afresh.
  const [restores, setRestores] = useState(0);
  return (
    <>
      <PageHeading>Administration</PageHeading>
      <AutoLockSection key={`auto-lock-${restores}`} />
      <ClosureDaysSection key={`closure-days-${restores}`} />
      <AuditSection key={`audit-${restores}`} />
      <BackupSection onRestored={() => setRestores((n) => n + 1)} />
      <KeyRotationSection />
      <TeamSection key={`team-${restores}`} />
      <TeamServerSection key={`team-server-${restores}`} />
    </>
  );
}
