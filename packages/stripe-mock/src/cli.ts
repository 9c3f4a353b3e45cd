#!/usr/bin/env node
// Runs the stripe-mock stand-in on its own, on stripe-mock's default HTTP port.
import { DEFAULT_PORT, startStripeMock } from './server';

const port = Number(process.env.STRIPE_MOCK_PORT ?? DEFAULT_PORT);
startStripeMock({ port }).then(
  (mock) => {
    process.stdout.write(`stripe-mock stand-in listening on ${mock.url}\n`);
    const stop = () => void mock.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: Error) => {
    process.stderr.write(`stripe-mock stand-in failed to start: ${error.message}\n`);
    process.exit(1);
  },
);
