import { benchMapBrowser } from './map-browser.ts';
import { benchReportExport } from './report-export.ts';
import { benchServer } from './server.ts';
import { benchStore } from './store.ts';
import { benchSync } from './sync.ts';

// `npm run bench`: every benchmark prints figures measured side by side in one run.
for (const line of benchStore()) console.log(line);
for (const line of await benchReportExport()) console.log(line);
for (const line of await benchSync()) console.log(line);
for (const line of await benchMapBrowser()) console.log(line);
for (const line of await benchServer()) console.log(line);
if (process.env.HSB_BENCH_DATABASE_URL) {
  for (const line of await benchServer({
    name: 'PostgreSQL',
    databaseUrl: process.env.HSB_BENCH_DATABASE_URL,
  })) {
    console.log(line);
  }
}
