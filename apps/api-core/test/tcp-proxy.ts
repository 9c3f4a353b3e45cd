import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy that a test can take down (connections cut, new ones
 * refused), stall (connections cut, new ones accepted and never answered: a
 * host behind a black hole) and bring back, to fail a dependency for real.
 */
export interface TcpProxy {
  port: number;
  down(): Promise<void>;
  stall(): void;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let stalled = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        if (stalled) {
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
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
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
  const up = async () => {
    if (stalled) {
      stalled = false;
      for (const socket of sockets) socket.destroy();
    }
    if (!server) await listen();
  };
  await listen();
  return { port, down, stall, up, close: down };
}
