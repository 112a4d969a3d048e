import { useEffect } from 'react';
import type { CallResponse } from '#contract/calls.ts';
import { call, whenSomethingIsSaved } from '../../app/api.ts';
import { hrefFor, type Route, RouteLink } from '../../app/router.tsx';
import { DayText } from '../../ui/DateText.tsx';
import { LoadedListSection } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';

type Item = CallResponse<'work.inbox'>[number];

/** Where an item is done, as an address in the workbench: ratings and agreements at the domains. */
function placeOf({ place, kind }: Item): Route {
  switch (place.screen) {
    case 'hsb-consultation':
      return { name: 'hsb-consultation', caseId: place.id };
    case 'hsb-meetings':
      return { name: 'hsb-meetings', caseId: place.id };
    case 'sign-off':
      return { name: 'sign-off', assessmentId: place.id };
    case 'assessment':
      return kind === 'finish-ratings' || kind === 'confirm-agreement'
        ? { name: 'assessment', assessmentId: place.id, section: 'domains' }
        : { name: 'assessment', assessmentId: place.id };
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
              <RouteLink to={placeOf(i)} className="inbox__title">
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

/**
 * "My work" in the navigation, with how many things wait for the person (read again on each screen,
 * when changes arrive, and after each change saved on any screen, since saving often hands work on or
 * takes it off the list). The number is for the eye; a screen reader hears it as the link's
 * description, so the link's name stays "My work".
 */
export function MyWorkNavItem({ current }: { current: boolean }) {
  const [loaded, reload] = useLoad(() => call('work.inbox', {}));
  useEffect(() => whenSomethingIsSaved(() => void reload()), [reload]);
  const n = loaded.state === 'ready' ? loaded.data.length : 0;
  return (
    <li className="nav__item">
      <a
        href={hrefFor({ name: 'my-work' })}
        className="nav__link"
        aria-current={current ? 'page' : undefined}
        aria-describedby="my-work-count"
      >
        My work
        {n > 0 ? (
          <span className="nav__count" aria-hidden="true">
            {n}
          </span>
        ) : null}
      </a>
      <span id="my-work-count" hidden>
        {n === 0
          ? 'Nothing is waiting for you'
          : `${n} ${n === 1 ? 'thing is' : 'things are'} waiting for you`}
      </span>
    </li>
  );
}
