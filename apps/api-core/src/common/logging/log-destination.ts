import { pino, type DestinationStream } from 'pino';

type Log = Record<string, unknown> & { req?: { method?: string; path?: string }; res?: { statusCode?: number }; responseTime?: number; context?: string };

/**
 * Where the logs go when no destination is given (`main.ts`): JSON lines on
 * stdout (pipes, files, containers, log collectors), or, when stdout is a
 * terminal, the same lines made readable by pino-pretty, one per entry. pino-pretty
 * is a dev dependency: without it (a production install) the terminal gets JSON too.
 * Both receive the lines after pino's redaction.
 */
export function logDestination(): DestinationStream {
  const stdout = pino.destination(1);
  const pretty = process.stdout.isTTY ? loadPrettifier() : undefined;
  return pretty ? { write: (line: string) => stdout.write(pretty(line)) } : stdout;
}

function loadPrettifier(): ((line: string) => string) | undefined {
  let prettyFactory: typeof import('pino-pretty').prettyFactory;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: a production install has no pino-pretty
    ({ prettyFactory } = require('pino-pretty') as typeof import('pino-pretty'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  return prettyFactory({
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: 'pid,hostname,context,req,res,responseTime',
    // "[Bootstrap] Listening on …"; a request line: "GET /api/v1/… → 401 in 7 ms {correlationId, route, clientIp}".
    messageFormat: (log: Log, messageKey: string) =>
      log.req && log.res
        ? `${log.req.method} ${log.req.path} → ${log.res.statusCode} in ${log.responseTime} ms`
        : `${log.context ? `[${log.context}] ` : ''}${String(log[messageKey])}`,
  });
}
