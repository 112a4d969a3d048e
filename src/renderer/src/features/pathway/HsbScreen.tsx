import type { ReactNode } from 'react';
import type { Route } from '../../app/router.tsx';
import { CategoryScreen } from './CategoryScreen.tsx';
import { ConcernScreen } from './ConcernScreen.tsx';
import { ConsultationScreen } from './ConsultationScreen.tsx';
import { MeetingsScreen } from './MeetingsScreen.tsx';
import { NfaDecisionsScreen } from './NfaDecisionsScreen.tsx';
import { PlansScreen } from './PlansScreen.tsx';
import { StepsScreen } from './StepsScreen.tsx';
import { StrategyMeetingScreen } from './StrategyMeetingScreen.tsx';

export type HsbRoute = Extract<
  Route,
  {
    name:
      | 'hsb-concern'
      | 'hsb-category'
      | 'hsb-meetings'
      | 'hsb-meeting-new'
      | 'hsb-consultation'
      | 'hsb-plans'
      | 'hsb-steps'
      | 'nfa-decisions';
  }
>;

type CaseRoute = Exclude<HsbRoute['name'], 'nfa-decisions'>;

/** The pathway's screens of one case, by route. */
const CASE_SCREENS: Record<CaseRoute, (props: { caseId: string }) => ReactNode> = {
  'hsb-concern': ConcernScreen,
  'hsb-category': CategoryScreen,
  'hsb-meetings': MeetingsScreen,
  'hsb-meeting-new': StrategyMeetingScreen,
  'hsb-consultation': ConsultationScreen,
  'hsb-plans': PlansScreen,
  'hsb-steps': StepsScreen,
};

/** The HSB pathway's screens, one per route. */
export function HsbScreen({ route }: { route: HsbRoute }) {
  if (route.name === 'nfa-decisions') return <NfaDecisionsScreen />;
  const CaseScreen = CASE_SCREENS[route.name];
  return <CaseScreen caseId={route.caseId} />;
}
