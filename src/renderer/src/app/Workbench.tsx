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
import { MyWorkNavItem } from '../features/deadlines/WaitingForYou.tsx';
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
import { hrefFor, type Route, screenOf, useRouter } from './router.tsx';
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
        {forced ? <ChangePasswordScreen forced /> : <Screen key={hrefFor(screenOf(route))} route={route} />}
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
        {casework ? <MyWorkNavItem key={hrefFor(route)} current={section === 'my-work'} /> : null}
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

/** Who may open a screen: anyone signed in, practitioners and managers, or administrators. */
type Who = 'anyone' | 'casework' | 'admin';
interface ScreenOf<N extends Route['name']> {
  who: Who;
  /** The navigation section the screen belongs to. */
  section: Section;
  show: (route: Extract<Route, { name: N }>) => ReactNode;
}
type HsbName = Extract<Route['name'], `hsb-${string}` | 'nfa-decisions'>;

const HSB_NAMES: readonly HsbName[] = [
  'hsb-concern',
  'hsb-category',
  'hsb-meetings',
  'hsb-meeting-new',
  'hsb-consultation',
  'hsb-plans',
  'hsb-steps',
  'nfa-decisions',
];
const HSB_SCREENS = Object.fromEntries(
  HSB_NAMES.map((name) => [
    name,
    {
      who: 'casework',
      section: name === 'nfa-decisions' ? 'nfa-decisions' : 'cases',
      show: (route: Extract<Route, { name: HsbName }>) => <HsbScreen route={route} />,
    },
  ]),
) as { [N in HsbName]: ScreenOf<N> };

/** Each route's screen, who may open it and where it sits in the navigation. */
const SCREENS: { [N in Route['name']]: ScreenOf<N> } = {
  'my-work': { who: 'casework', section: 'my-work', show: () => <MyWorkScreen /> },
  cases: { who: 'anyone', section: 'cases', show: () => <CasesScreen /> },
  case: {
    who: 'casework',
    section: 'cases',
    show: (r) => <CasePage caseId={r.caseId} section={r.section} />,
  },
  'pattern-map': { who: 'casework', section: 'cases', show: (r) => <PatternMapScreen caseId={r.caseId} /> },
  'case-sync': { who: 'casework', section: 'cases', show: (r) => <SyncScreen caseId={r.caseId} /> },
  'new-child': { who: 'casework', section: 'cases', show: () => <NewChildScreen /> },
  'open-case': { who: 'casework', section: 'cases', show: (r) => <OpenCaseScreen childId={r.childId} /> },
  users: { who: 'admin', section: 'users', show: () => <UsersScreen /> },
  user: { who: 'admin', section: 'users', show: (r) => <EditUserScreen userId={r.userId} /> },
  administration: { who: 'admin', section: 'administration', show: () => <AdministrationScreen /> },
  profiles: { who: 'anyone', section: 'profiles', show: () => <ProfilesScreen /> },
  profile: {
    who: 'anyone',
    section: 'profiles',
    show: (r) => <ProfileScreen profileId={r.profileId} version={r.version} />,
  },
  'change-password': { who: 'anyone', section: 'change-password', show: () => <ChangePasswordScreen /> },
  'new-assessment': {
    who: 'casework',
    section: 'cases',
    show: (r) => <StartAssessmentScreen caseId={r.caseId} />,
  },
  assessment: {
    who: 'casework',
    section: 'cases',
    show: (r) => <AssessmentPage assessmentId={r.assessmentId} />,
  },
  frameworks: { who: 'admin', section: 'frameworks', show: () => <FrameworksScreen /> },
  'sign-off': {
    who: 'casework',
    section: 'cases',
    show: (r) => <SignOffScreen assessmentId={r.assessmentId} />,
  },
  'report-format': { who: 'admin', section: 'report-format', show: () => <ReportFormatScreen /> },
  ...HSB_SCREENS,
};

function sectionOf(route: Route): Section {
  return SCREENS[route.name].section;
}

function Screen({ route }: { route: Route }) {
  const { user } = useSession();
  const screen = SCREENS[route.name] as ScreenOf<Route['name']>;
  if (screen.who === 'casework' && !canDoCasework(user))
    return <NotPermitted need="the practitioner or manager role" />;
  if (screen.who === 'admin' && !isAdministrator(user)) return <NotPermitted need="the administrator role" />;
  return screen.show(route as never);
}

function NotPermitted({ need }: { need: string }) {
  return (
    <>
      <PageHeading>You cannot use this page</PageHeading>
      <p className="body">This page needs {need}. An administrator can change your roles.</p>
    </>
  );
}
