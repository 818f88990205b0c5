import { loadConfig } from '../config/config.js';
import { buildApp } from '../app.js';
import { isRole } from '../platform/auth/roles.js';
import type { CliCommand } from './command.js';

export const userCreateCommand: CliCommand = {
  name: 'user create',
  usage: 'user create --email E --role person|provider|moderator|analyst|admin [--name N] [--organization ID] [--trusted]',
  summary: 'Create an account; the password is read from ZESUMMEN_PASSWORD or standard input.',
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    organization: { type: 'string', multiple: false },
    trusted: { type: 'boolean' },
  },
  async run(options) {
    const email = String(options.email ?? '');
    const role = String(options.role ?? '');
    if (!email || !isRole(role)) {
      console.error('user create: --email and --role (person, provider, moderator, analyst or admin) are required');
      return 2;
    }
    const password = process.env.ZESUMMEN_PASSWORD ?? (await readStdin()).trim();
    const app = await buildApp(loadConfig());
    try {
      const result = await app.accounts.createUser({
        email,
        password,
        role,
        displayName: String(options.name ?? email),
        organizationIds: options.organization ? [String(options.organization)] : [],
        trusted: options.trusted === true,
      });
      if (!result.ok) {
        console.error(`user create: ${result.error.replace(/_/g, ' ')}`);
        return 1;
      }
      console.log(`Created ${result.value.role} ${result.value.email}`);
      return 0;
    } finally {
      await app.close();
    }
  },
};

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('Password (at least 12 characters): ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && chunk.includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}
