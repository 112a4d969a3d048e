// Runs Doyensec's Electronegativity through its programmatic API (its CSV writer races with itself)
// and prints the findings as JSON: node --require ./no-network.cjs electronegativity-scan.cjs <input> <electron version>
const run = require('@doyensec/electronegativity');

const [input, electronVersion] = process.argv.slice(2);
(run.default ?? run)(
  {
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    // The only check that downloads something (Electron's release list); the version is pinned anyway.
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    customScan: [],
  },
  false,
).then(
  (result) => {
    const findings = result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location?.line ?? 0,
      manualReview: Boolean(issue.manualReview),
      description: issue.description,
    }));
    const errors = result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`);
    process.stdout.write(`\nFINDINGS ${JSON.stringify({ findings, errors })}\n`);
  },
  (error) => {
    process.stderr.write(String(error?.stack ?? error));
    process.exit(1);
  },
);
