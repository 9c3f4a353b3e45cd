import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Programs besides Node that some suites need, and how to install them. The
 * global setup checks them once per run: a missing one skips its suites with
 * one line saying so, or, with CI=true, fails the run (CI never skips).
 * `.ci/run` installs them. The suites say what they need with `describeIfInstalled`.
 */
const PROGRAMS = {
  'redis-server': { suites: 'the Redis suites', install: 'apt-get install redis-server' },
  // Debian's Chromium: Playwright cannot download its own browsers on these machines.
  chromium: { suites: 'the browser suite', install: 'apt-get install chromium' },
} as const;

export type Program = keyof typeof PROGRAMS;

/** How the global setup tells the workers which programs are missing (comma-separated). */
const MISSING_ENV = 'TEST_MISSING_PROGRAMS';

/** Where `program` is on the PATH, if anywhere. */
export function programPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir || '.', program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function installed(program: string): boolean {
  return programPath(program) !== undefined;
}

function isCi(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}

/**
 * Run once by the global setup. Tells the workers which programs are missing
 * and returns one line per missing program for the run's header; under CI=true
 * a missing program throws instead.
 */
export function checkPrograms(): string {
  const missing = (Object.keys(PROGRAMS) as Program[]).filter((program) => !installed(program));
  process.env[MISSING_ENV] = missing.join(',');
  const why = (program: Program) => `${program} is not installed (${PROGRAMS[program].install})`;
  if (missing.length > 0 && isCi()) {
    const error = new Error(`CI=true: ${missing.map((p) => `${PROGRAMS[p].suites} cannot run: ${why(p)}`).join('; ')}`);
    error.stack = error.message; // the message says it all; a stack trace would only bury it
    throw error;
  }
  return missing.map((program) => `Skipping ${PROGRAMS[program].suites}: ${why(program)}\n`).join('');
}

/** `describe` when the program is installed, `describe.skip` when the global setup found it missing (and said so). */
export function describeIfInstalled(program: Program): jest.Describe {
  const missing = process.env[MISSING_ENV]?.split(',') ?? (installed(program) ? [] : [program]);
  return missing.includes(program) ? describe.skip : describe;
}
