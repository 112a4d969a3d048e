import { z } from 'zod';

// The page's CSP forbids eval. Without this, zod probes `new Function` on first parse, and although
// it catches the refusal, the browser still logs and reports a CSP violation.
z.config({ jitless: true });
