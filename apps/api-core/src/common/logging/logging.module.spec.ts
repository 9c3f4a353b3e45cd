import { pino } from 'pino';
import { LOG_REDACTION } from './logging.module';

describe('LOG_REDACTION', () => {
  function logged(entry: object): string {
    const lines: string[] = [];
    pino({ redact: LOG_REDACTION }, { write: (line: string) => lines.push(line) }).error(entry, 'request errored');
    return lines.join('');
  }

  it("keeps an unexpected error's URLs, keys and credentials out of the line", () => {
    const error = Object.assign(new Error('upstream failed'), {
      url: 'https://connect.stripe.com/express/acct_1/login/secret-link',
      config: {
        url: 'https://connect.stripe.com/setup/e/acct_1/onboarding-link',
        headers: { authorization: 'Bearer sk_test_leaked', cookie: 'session=leaked' },
      },
      options: { secretKey: 'sk_test_leaked_too' },
    });
    const line = logged({ err: error });

    for (const secret of ['secret-link', 'onboarding-link', 'sk_test_leaked', 'session=leaked', 'sk_test_leaked_too']) expect(line).not.toContain(secret);
    expect(line).toContain('upstream failed');
    expect(line).toContain('[redacted]');
  });

  it('leaves the request line as the app built it', () => {
    const line = JSON.parse(
      logged({ req: { method: 'POST', path: '/api/v1/creators/stripe-connect/dashboard-link' }, route: '/x', res: { statusCode: 200 } }),
    ) as object;
    expect(line).toMatchObject({ req: { method: 'POST', path: '/api/v1/creators/stripe-connect/dashboard-link' }, res: { statusCode: 200 } });
  });
});
