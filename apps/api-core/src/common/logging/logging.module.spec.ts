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
      response: { headers: { Authorization: 'Bearer capitalised_leak', Cookie: 'session=capitalised' } },
      options: { secretKey: 'sk_test_leaked_too' },
    });
    const line = logged({ err: error });

    for (const secret of [
      'secret-link',
      'onboarding-link',
      'sk_test_leaked',
      'session=leaked',
      'capitalised_leak',
      'session=capitalised',
      'sk_test_leaked_too',
    ])
      expect(line).not.toContain(secret);
    expect(line).toContain('upstream failed');
    expect(line).toContain('[redacted]');
  });
});
