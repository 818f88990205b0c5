import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, readBody, routeParam } from '../chat.http.js';
import { forbidden, missingParam, notFound } from '../matrix-error.js';
import type { Profile } from './profile.service.js';

const Nullable = Type.Union([Type.String(), Type.Null()]);
const DisplayNameBody = bodySchema(Type.Object({ displayname: Type.Optional(Nullable) }));
const AvatarUrlBody = bodySchema(Type.Object({ avatar_url: Type.Optional(Nullable) }));
const SearchBody = bodySchema(
  Type.Object({ search_term: Type.String(), limit: Type.Optional(Type.Integer({ minimum: 0 })) }),
);

const DEFAULT_SEARCH_LIMIT = 10;

/** Unset fields are left out, as the spec describes them. */
function profileJson(profile: Profile): Record<string, string> {
  const json: Record<string, string> = {};
  if (profile.displayname !== null) json.displayname = profile.displayname;
  if (profile.avatar_url !== null) json.avatar_url = profile.avatar_url;
  return json;
}

export function registerProfileRoutes(scope: FastifyInstance, chat: Chat): void {
  const profiles = chat.accounts.profiles;

  const profileOf = async (request: FastifyRequest): Promise<Profile> => {
    const profile = await profiles.get(routeParam(request, 'userId'));
    if (!profile) throw notFound('Profile not found');
    return profile;
  };

  /** Only the user changes their own profile. */
  const ownUserId = async (request: FastifyRequest): Promise<string> => {
    const requester = await authenticate(request, chat.tokens);
    const userId = routeParam(request, 'userId');
    if (requester.userId !== userId) throw forbidden("You cannot change another user's profile");
    return userId;
  };

  scope.get('/client/v3/profile/:userId', async (request) => profileJson(await profileOf(request)));

  scope.get('/client/v3/profile/:userId/displayname', async (request) => {
    const { displayname } = await profileOf(request);
    if (displayname === null) throw notFound('No display name set');
    return { displayname };
  });

  scope.get('/client/v3/profile/:userId/avatar_url', async (request) => {
    const { avatar_url } = await profileOf(request);
    if (avatar_url === null) throw notFound('No avatar set');
    return { avatar_url };
  });

  scope.put('/client/v3/profile/:userId/displayname', async (request) => {
    const userId = await ownUserId(request);
    const { displayname } = readBody(request, DisplayNameBody);
    if (displayname === undefined) throw missingParam('displayname is required');
    await profiles.set(userId, { displayname });
    return {};
  });

  scope.put('/client/v3/profile/:userId/avatar_url', async (request) => {
    const userId = await ownUserId(request);
    const { avatar_url } = readBody(request, AvatarUrlBody);
    if (avatar_url === undefined) throw missingParam('avatar_url is required');
    await profiles.set(userId, { avatar_url });
    return {};
  });

  scope.post('/client/v3/user_directory/search', async (request) => {
    await authenticate(request, chat.tokens);
    const body = readBody(request, SearchBody);
    const { results, limited } = await profiles.search(body.search_term, body.limit ?? DEFAULT_SEARCH_LIMIT);
    return {
      results: results.map((entry) => {
        const json: Record<string, string> = { user_id: entry.userId };
        if (entry.displayname !== null) json.display_name = entry.displayname;
        if (entry.avatar_url !== null) json.avatar_url = entry.avatar_url;
        return json;
      }),
      limited,
    };
  });
}
