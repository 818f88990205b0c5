import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { ChatRegistration } from '../../../config/config.js';
import type { Chat } from '../chat.service.js';
import { bodySchema, queryString, readBody } from '../chat.http.js';
import { MatrixError, forbidden, invalidParam, missingParam } from '../matrix-error.js';
import type { StageCheck } from '../auth/user-interactive.js';
import { AuthDict } from './auth-dict.js';
import { checkPasswordStrength } from './passwords.js';
import { REGISTRATION_TOKEN_STAGE } from './registration-tokens.js';
import { FailureBudget } from './failure-budget.js';

/** The registration token stage carries its token in the auth dict. */
const RegistrationAuth = Type.Composite([AuthDict, Type.Object({ token: Type.Optional(Type.Unknown()) })]);

const RegisterBody = bodySchema(
  Type.Object({
    auth: Type.Optional(RegistrationAuth),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    device_id: Type.Optional(Type.String()),
    initial_device_display_name: Type.Optional(Type.String()),
    inhibit_login: Type.Optional(Type.Boolean()),
    refresh_token: Type.Optional(Type.Boolean()),
  }),
);

const DUMMY_STAGE = 'm.login.dummy';

function registrationFlows(mode: Exclude<ChatRegistration, 'closed'>): string[][] {
  return mode === 'open' ? [[DUMMY_STAGE], [REGISTRATION_TOKEN_STAGE]] : [[REGISTRATION_TOKEN_STAGE]];
}

/** New accounts per client address and hour: enough for a family or a course room behind one address, not for a bot. */
const ACCOUNTS_PER_ADDRESS_HOUR = 30;

export function registerRegistrationRoutes(scope: FastifyInstance, chat: Chat): void {
  const newAccounts = new FailureBudget({ maxFailures: ACCOUNTS_PER_ADDRESS_HOUR, windowMs: 3_600_000, clock: chat.clock });

  scope.post('/client/v3/register', async (request) => {
    const kind = queryString(request, 'kind') ?? 'user';
    if (kind === 'guest') throw new MatrixError(403, 'M_GUEST_ACCESS_FORBIDDEN', 'Guest accounts are not available on this server');
    if (kind !== 'user') throw invalidParam('kind must be user or guest');
    const mode = chat.config.registration;
    if (mode === 'closed') throw forbidden('Registration is disabled on this server');
    const body = readBody(request, RegisterBody);

    // The spec wants name and password problems reported before the client goes through the stages.
    if (body.username !== undefined) await chat.accounts.availableLocalpart(body.username);
    if (body.password !== undefined) checkPasswordStrength(body.password);
    const stages: Record<string, StageCheck> = {
      [DUMMY_STAGE]: async () => undefined,
      [REGISTRATION_TOKEN_STAGE]: chat.accounts.registrationTokens.stage(),
    };
    await chat.accounts.registrationTokens.guardGuesses(request.ip, () =>
      chat.uia.require({ auth: body.auth, flows: registrationFlows(mode), stages, purpose: 'register' }),
    );
    if (body.password === undefined) throw missingParam('password is required');
    newAccounts.check(request.ip);

    // Every flow has one stage, so the request that completes it carries that stage's auth.
    const token = body.auth?.type === REGISTRATION_TOKEN_STAGE ? body.auth.token : undefined;
    const account = await chat.accounts.createUser({
      username: body.username,
      password: body.password,
      registrationToken: typeof token === 'string' ? token : undefined,
    });
    newAccounts.recordFailure(request.ip);
    const registered = { user_id: account.userId, home_server: chat.config.serverName };
    if (body.inhibit_login) return registered;
    const session = await chat.accounts.startSession(account.userId, {
      deviceId: body.device_id,
      displayName: body.initial_device_display_name,
      ip: request.ip,
    });
    return { ...registered, access_token: session.accessToken, device_id: session.deviceId };
  });

  scope.get('/client/v3/register/available', async (request) => {
    const username = queryString(request, 'username');
    if (username === undefined) throw missingParam('username is required');
    await chat.accounts.availableLocalpart(username);
    return { available: true };
  });

  scope.get('/client/v1/register/m.login.registration_token/validity', async (request) => {
    if (chat.config.registration === 'closed') throw forbidden('Registration is disabled on this server');
    const token = queryString(request, 'token');
    if (token === undefined) throw missingParam('token is required');
    return { valid: await chat.accounts.registrationTokens.checkValidity(token, request.ip) };
  });
}
