// The window's security settings: the content security policy and which addresses are the app's own.
// The window's webPreferences are written literally in index.ts, where Electronegativity reads them.

/** Also set as a <meta> in the renderer's index.html, and as a response header for every app page. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only the app's own pages may load: its files, or the local dev server while developing. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith('file://')) return true;
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith('devtools://');
}

/** Every request that would leave the machine is cancelled. */
export function isNetworkRequest(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return false;
  return /^(https?|wss?|ftp):/i.test(url);
}
