import { loadConfig } from './config/config.js';
import { buildApp } from './app.js';

/** Starts the server and stops it cleanly on SIGINT/SIGTERM so no request or write is cut off. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config, { housekeeping: true });
  await app.http.listen({ port: config.port, host: config.host });
  console.log(`Zesummen is running at ${config.publicUrl}/ (${app.dialect})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, closing`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
