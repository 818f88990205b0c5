/**
 * Starts the Demo tax portal: `CLIENT_ID=… CLIENT_SECRET=… npx tsx examples/relying-service/main.ts`.
 * PLATFORM_URL is the platform's PUBLIC_URL (default http://localhost:3000); PORT defaults to 4000.
 */
import { createRelyingService } from './relying-service.js';

const clientId = process.env.CLIENT_ID;
const clientSecret = process.env.CLIENT_SECRET;
if (!clientId || !clientSecret) {
  console.error('Set CLIENT_ID and CLIENT_SECRET: `npx zesummen mandates add-service "Demo tax portal" http://localhost:4000/callback` prints them.');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 4000);
const platformUrl = process.env.PLATFORM_URL ?? 'http://localhost:3000';

const server = createRelyingService({ platformUrl, clientId, clientSecret });
server.listen(port, '127.0.0.1', () => {
  console.log(`Demo tax portal on http://localhost:${port}/ (platform ${platformUrl})`);
});
