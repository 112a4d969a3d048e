import { useEffect, useRef } from 'react';
import { call } from './api.ts';

const TOUCH_EVERY_MS = 30_000;
const CHECK_EVERY_MS = 1_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Lock the workbench after `minutes` without keyboard, pointer or wheel activity, and tell the main
 * process the person is still active at most every 30 seconds (it enforces the same timeout itself).
 */
export function useIdleLock(active: boolean, minutes: number, onIdle: () => void) {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (!active || minutes <= 0) return;
    let lastActivity = Date.now();
    let lastTouch = Date.now();
    const onActivity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastTouch >= TOUCH_EVERY_MS) {
        lastTouch = lastActivity;
        void call('session.touch', {});
      }
    };
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, onActivity, { capture: true, passive: true });
    }
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity >= minutes * 60_000) {
        window.clearInterval(timer);
        onIdleRef.current();
      }
    }, CHECK_EVERY_MS);
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [active, minutes]);
}

/** Run `poll` every `everyMs` while `active`, so a lock imposed by the main process shows promptly. */
export function usePoll(active: boolean, everyMs: number, poll: () => void) {
  const pollRef = useRef(poll);
  pollRef.current = poll;
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => pollRef.current(), everyMs);
    return () => window.clearInterval(timer);
  }, [active, everyMs]);
}
