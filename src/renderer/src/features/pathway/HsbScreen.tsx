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

/** The HSB pathway's screens, one per route. */
export function HsbScreen({ route }: { route: HsbRoute }) {
  switch (route.name) {
    case 'hsb-concern':
      return <ConcernScreen caseId={route.caseId} />;
    case 'hsb-category':
      return <CategoryScreen caseId={route.caseId} />;
    case 'hsb-meetings':
      return <MeetingsScreen caseId={route.caseId} />;
    case 'hsb-meeting-new':
      return <StrategyMeetingScreen caseId={route.caseId} />;
    case 'hsb-consultation':
      return <ConsultationScreen caseId={route.caseId} />;
    case 'hsb-plans':
      return <PlansScreen caseId={route.caseId} />;
    case 'hsb-steps':
      return <StepsScreen caseId={route.caseId} />;
    case 'nfa-decisions':
      return <NfaDecisionsScreen />;
  }
}
