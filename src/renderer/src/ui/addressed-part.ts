import { type MouseEvent, useEffect } from 'react';
import { useRouter } from '../app/router.tsx';

// A long screen's parts each have an address (`#/cases/<id>/map/share`, `#/assessments/<id>/sessions`):
// a link or a reload opens the screen at that part, and the contents list moves between them.

/** The part of the current screen its address points at, if any. */
export function useAddressedPart(): string | undefined {
  const { route } = useRouter();
  return 'section' in route ? route.section : undefined;
}

/** Scrolls a part's heading into view (to the top of the window, or only as far as needed) and focuses it. */
export function showHeading(heading: HTMLElement, block: 'start' | 'nearest' = 'start') {
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.scrollIntoView({ block });
  heading.focus({ preventScroll: true });
}

/** Shows the part whose heading has this id; false if it is not on the page (yet). */
export function showPart(headingId: string): boolean {
  const heading = document.getElementById(headingId);
  if (heading) showHeading(heading);
  return heading !== null;
}

/**
 * Brings the addressed part into view, its heading focused, when the screen opens at that address and
 * each time the address moves to another part. A part drawn a little later (after its data loads, or
 * after the first paint) is looked for on each frame for up to two seconds.
 */
export function useShowAddressedPart(headingId: string | null) {
  useEffect(() => {
    if (!headingId) return;
    let tries = 0;
    let frame = 0;
    const find = () => {
      if (!showPart(headingId) && tries++ < 120) frame = requestAnimationFrame(find);
    };
    find();
    return () => cancelAnimationFrame(frame);
  }, [headingId]);
}

/**
 * For a contents link to the part already addressed: the address does not change, so nothing else would
 * bring the part back into view after the person scrolled away.
 */
export function againToPart(event: MouseEvent<HTMLAnchorElement>, headingId: string) {
  if (window.location.hash !== event.currentTarget.getAttribute('href')) return;
  if (showPart(headingId)) event.preventDefault();
}
