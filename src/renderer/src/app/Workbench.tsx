import type { ReactNode } from 'react';
import { ROLE_LABELS } from '#contract/vocabulary.ts';
import { ChangePasswordScreen } from '../features/account/ChangePasswordScreen.tsx';
import { AdministrationScreen } from '../features/administration/AdministrationScreen.tsx';
import { AssessmentPage } from '../features/assessment/AssessmentPage.tsx';
import { StartAssessmentScreen } from '../features/assessment/StartAssessmentScreen.tsx';
import { CasePage } from '../features/cases/CasePage.tsx';
import { CasesScreen } from '../features/cases/CasesScreen.tsx';
import { OpenCaseScreen } from '../features/cases/OpenCaseScreen.tsx';
import { NewChildScreen } from '../features/children/NewChildScreen.tsx';
import { MyWorkScreen } from '../features/deadlines/MyWorkScreen.tsx';
import { FrameworksScreen } from '../features/frameworks/FrameworksScreen.tsx';
import { HsbScreen } from '../features/pathway/HsbScreen.tsx';
import { PatternMapScreen } from '../features/pattern-map/PatternMapScreen.tsx';
import { ProfileScreen } from '../features/profiles/ProfileScreen.tsx';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen.tsx';
import { ReportFormatScreen } from '../features/sign-off/ReportFormatScreen.tsx';
import { SignOffScreen } from '../features/sign-off/SignOffScreen.tsx';
import { SyncScreen } from '../features/sync/SyncScreen.tsx';
import { EditUserScreen } from '../features/users/EditUserScreen.tsx';
import { UsersScreen } from '../features/users/UsersScreen.tsx';
import { SuccessNotice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { LostChangesBanner } from './LostChangesBanner.tsx';
import { AppName } from './PublicLayout.tsx';
import { hrefFor, type Route, useRouter } from './router.tsx';
import { canDoCasework, isAdministrator, useSession } from './session.tsx';

/** The signed-in frame: header with the person and Lock / Sign out, the navigation, and the current screen. */
export function Workbench() {
  const { status, user, lock, signOut } = useSession();
  const { route, flash } = useRouter();
  const forced = status.mustChangePassword;

  return (
    <>
      <header className="app-header">
        <div className="width-container app-header__inner">
          <AppName />
          <p className="app-header__user">
            Signed in as <strong>{user.name}</strong>{' '}
            <span className="app-header__roles">({user.roles.map((r) => ROLE_LABELS[r]).join(', ')})</span>
          </p>
          <div className="app-header__actions">
            <button type="button" className="button button--inverse" onClick={() => void lock()}>
              Lock
            </button>
            <button type="button" className="button button--inverse" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      {forced ? null : (
        <MainNav route={route} administrator={isAdministrator(user)} casework={canDoCasework(user)} />
      )}
      <main className="width-container main" id="main">
        {status.lostChanges ? <LostChangesBanner lost={status.lostChanges} /> : null}
        {flash && !forced ? <SuccessNotice title={flash} /> : null}
        {forced ? <ChangePasswordScreen forced /> : <Screen key={hrefFor(route)} route={route} />}
      </main>
    </>
  );
}

function MainNav({
  route,
  administrator,
  casework,
}: {
  route: Route;
  administrator: boolean;
  casework: boolean;
}) {
  const section = sectionOf(route);
  const item = (name: Section, label: string) => (
    <li className="nav__item">
      <a
        className="nav__link"
        href={hrefFor({ name } as Route)}
        aria-current={section === name ? 'page' : undefined}
      >
        {label}
      </a>
    </li>
  );
  return (
    <nav className="nav" aria-label="Main">
      <ul className="width-container nav__list">
        {casework ? item('my-work', 'My work') : null}
        {item('cases', 'Cases')}
        {item('profiles', 'Profiles')}
        {administrator ? item('users', 'Users') : null}
        {administrator ? item('administration', 'Administration') : null}
        {administrator ? item('frameworks', 'Frameworks') : null}
        {administrator ? item('report-format', 'Report format') : null}
        {casework ? item('nfa-decisions', 'No further action decisions') : null}
        {item('change-password', 'Change password')}
      </ul>
    </nav>
  );
}

type Section =
  | 'my-work'
  | 'cases'
  | 'profiles'
  | 'users'
  | 'administration'
  | 'frameworks'
  | 'change-password'
  | 'report-format'
  | 'nfa-decisions';

function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'my-work':
      return 'my-work';
    case 'profiles':
    case 'profile':
      return 'profiles';
    case 'cases':
    case 'case':
    case 'pattern-map':
    case 'case-sync':
    case 'new-child':
    case 'open-case':
    case 'new-assessment':
    case 'assessment':
      return 'cases';
    case 'users':
    case 'user':
      return 'users';
    case 'administration':
      return 'administration';
    case 'frameworks':
      return 'frameworks';
    case 'change-password':
      return 'change-password';
    case 'sign-off':
      return 'cases';
    case 'report-format':
      return 'report-format';
    case 'hsb-concern':
    case 'hsb-category':
    case 'hsb-meetings':
    case 'hsb-meeting-new':
    case 'hsb-consultation':
    case 'hsb-plans':
    case 'hsb-steps':
      return 'cases';
    case 'nfa-decisions':
      return 'nfa-decisions';
  }
}

function Screen({ route }: { route: Route }) {
  const { user } = useSession();
  const casework = (screen: ReactNode) =>
    canDoCasework(user) ? screen : <NotPermitted need="the practitioner or manager role" />;
  const admin = (screen: ReactNode) =>
    isAdministrator(user) ? screen : <NotPermitted need="the administrator role" />;
  switch (route.name) {
    case 'my-work':
      return casework(<MyWorkScreen />);
    case 'cases':
      return <CasesScreen />;
    case 'case':
      return casework(<CasePage caseId={route.caseId} />);
    case 'pattern-map':
      return casework(<PatternMapScreen caseId={route.caseId} />);
    case 'case-sync':
      return casework(<SyncScreen caseId={route.caseId} />);
    case 'new-child':
      return casework(<NewChildScreen />);
    case 'open-case':
      return casework(<OpenCaseScreen childId={route.childId} />);
    case 'users':
      return admin(<UsersScreen />);
    case 'user':
      return admin(<EditUserScreen userId={route.userId} />);
    case 'administration':
      return admin(<AdministrationScreen />);
    case 'profiles':
      return <ProfilesScreen />;
    case 'profile':
      return <ProfileScreen profileId={route.profileId} version={route.version} />;
    case 'change-password':
      return <ChangePasswordScreen />;
    case 'new-assessment':
      return casework(<StartAssessmentScreen caseId={route.caseId} />);
    case 'assessment':
      return casework(<AssessmentPage assessmentId={route.assessmentId} />);
    case 'frameworks':
      return admin(<FrameworksScreen />);
    case 'sign-off':
      return casework(<SignOffScreen assessmentId={route.assessmentId} />);
    case 'report-format':
      return admin(<ReportFormatScreen />);
    case 'hsb-concern':
    case 'hsb-category':
    case 'hsb-meetings':
    case 'hsb-meeting-new':
    case 'hsb-consultation':
    case 'hsb-plans':
    case 'hsb-steps':
    case 'nfa-decisions':
      return casework(<HsbScreen route={route} />);
  }
}

function NotPermitted({ need }: { need: string }) {
  return (
    <>
      <PageHeading>You cannot use this page</PageHeading>
      <p className="body">This page needs {need}. An administrator can change your roles.</p>
    </>
  );
}
