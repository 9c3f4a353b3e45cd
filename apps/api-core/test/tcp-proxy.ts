import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy that a test can take down (connections cut, new ones
 * refused), stall (connections cut, new ones accepted and never answered: a
 * host behind a black hole), hold (open connections kept but no byte passes
 * either way, new ones never answered: a network partition or a stuck
 * primary) and bring back, to fail a dependency for real.
 */
export interface TcpProxy {
  port: number;
  down(): Promise<void>;
  stall(): void;
  hold(): void;
  /** Back to normal: held connections flow again (what they held is delivered), stalled ones are cut. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let server: Server | undefined;
  let port = 0;
  let stalled = false;
  let held = false;
  const flow = ([client, upstream]: [Socket, Socket]) => client.pipe(upstream).pipe(client);
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        if (stalled || held) {
          sockets.add(client);
          client.on('close', () => sockets.delete(client));
          client.on('error', () => undefined);
          return;
        }
        const upstream = connect(targetPort, targetHost);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        const pair: [Socket, Socket] = [client, upstream];
        pairs.add(pair);
        flow(pair);
        client.on('close', () => {
          upstream.destroy();
          pairs.delete(pair);
        });
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const down = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };
  const stall = () => {
    stalled = true;
    for (const socket of sockets) socket.destroy();
  };
  const hold = () => {
    held = true;
    for (const [client, upstream] of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  };
  const up = async () => {
    if (stalled || held) {
      // Connections accepted meanwhile never reached the target: cut them (the client reconnects).
      const relayed = new Set([...pairs].flat());
      for (const socket of sockets) if (!relayed.has(socket)) socket.destroy();
    }
    if (held) for (const pair of pairs) flow(pair);
    stalled = false;
    held = false;
    if (!server) await listen();
  };
  await listen();
  return { port, down, stall, hold, up, close: down };
}
