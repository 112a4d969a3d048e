import { type ArrivalWatch, arrivalNotice } from '../services/arrivals.ts';

export interface NoticeWindow {
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export type ShowNotice = (notice: { title: string; body: string }, onClick: () => void) => void;

/**
 * One look at My work for the shell's timer: while the window is in the background, anything new raises
 * a desktop notice (clicking it brings the window back); while it is in front, the look only keeps
 * count, since the person can see the screen.
 */
export function lookForArrivals(watch: ArrivalWatch, window: NoticeWindow, show: ShowNotice): void {
  const count = watch.look();
  if (count === 0 || window.isFocused()) return;
  show(arrivalNotice(count), () => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
}
