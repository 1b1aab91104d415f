// A1. GET /profile: the user behind the token and their organisation. The path is SEEN ONCE (a
// help-centre title, listed with the OAuth methods); the body is INFERRED: `{"data": …}` as the
// newer methods answer, the user's member fields plus the organisation. In the sandbox every
// token is the organisation owner's, as an API key is on the real platform (api §11.1).
import { notFound } from '../errors.js';
import type { RouteContext, RouteResult, Router } from '../router.js';

export function registerProfileRoutes(router: Router): void {
  router.add('GET', '/profile', profile);
}

function profile({ state }: RouteContext): RouteResult {
  const { organization: org } = state;
  const user = state.members.get(org.ownerId);
  if (!user) throw notFound('User');
  return {
    status: 200,
    body: {
      data: {
        id: user.id,
        name: user.name,
        secondName: user.secondName,
        email: user.email,
        nickname: user.nickname,
        role: user.role,
        organization: { id: org.id, name: org.name, alias: org.alias },
      },
    },
  };
}
