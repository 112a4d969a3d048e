/** The referrer's name and how to reach them, in one line for the case page, the report and the chronology. */
export function referrerLine(r: {
  referrerName: string;
  referrerPhone: string;
  referrerEmail: string;
}): string {
  return [
    r.referrerName,
    r.referrerPhone ? `phone ${r.referrerPhone}` : '',
    r.referrerEmail ? `e-mail ${r.referrerEmail}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
