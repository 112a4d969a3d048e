import type { CallResponse } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { type Route, RouteLink } from '../../app/router.tsx';
import { DayText } from '../../ui/DateText.tsx';
import { LoadedListSection } from '../../ui/Section.tsx';

type Item = CallResponse<'work.inbox'>[number];

/** Where an item is done, as an address in the workbench. */
function placeOf(place: Item['place']): Route {
  switch (place.screen) {
    case 'hsb-consultation':
      return { name: 'hsb-consultation', caseId: place.id };
    case 'hsb-meetings':
      return { name: 'hsb-meetings', caseId: place.id };
    case 'sign-off':
      return { name: 'sign-off', assessmentId: place.id };
    case 'assessment':
      return { name: 'assessment', assessmentId: place.id };
  }
}

/** My work's inbox: what other people have handed to this person, each linking to where it is done. */
export function WaitingForYou() {
  return (
    <LoadedListSection
      id="waiting-title"
      title="Waiting for you"
      what="what is waiting for you"
      load={() => call('work.inbox', {})}
      none="Nothing is waiting for you. Consultation requests to screen, assessments to quality-assure or sign, work returned to you and meeting actions you own appear here."
    >
      {(items) => (
        <ul className="inbox">
          {items.map((i) => (
            <li key={`${i.kind}-${i.place.id}-${i.title}`} className="inbox__item">
              <RouteLink to={placeOf(i.place)} className="inbox__title">
                {i.title}
              </RouteLink>
              <span className="inbox__case">
                <span className="nowrap">{i.caseReference}</span> {i.childName}
              </span>
              <span className="inbox__detail">{i.detail}</span>
              {i.due ? (
                <span className="inbox__due">
                  Due <DayText value={i.due} />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </LoadedListSection>
  );
}
