// Organisation members, M1 (CONFIRMED query; item fields from one client model, SEEN ONCE).
import { fieldError } from '../errors.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import type { Member, SandboxState } from '../state.js';

const PAGE_SIZES = [10, 50, 100, 250, 500] as const;

export function registerMemberRoutes(router: Router): void {
  router.add('GET', '/organization/members', listMembers);
}

function view(state: SandboxState, m: Member) {
  const photo = { url: `https://events.webinar.ru/api-storage/avatars/${m.id}.png` };
  return {
    id: m.id,
    membershipId: m.membershipId,
    name: m.name,
    secondName: m.secondName,
    patrName: m.patrName,
    email: m.email,
    nickname: m.nickname,
    role: m.role,
    phone: m.phone,
    position: m.position,
    organization: state.organization.name,
    sex: m.sex,
    avatar: { ...photo, thumbnails: [] },
  };
}

/**
 * Filters: `id`, `role` (lower case), `email` (exact, case-insensitive) and `position`
 * (INFERRED: case-insensitive substring). Without `perPage` every member comes back (SEEN ONCE).
 */
function listMembers({ state, input }: RouteContext): RouteResult {
  const id = input.int('id');
  const role = input.oneOf('role', ['admin', 'lecturer'] as const);
  const email = input.str('email')?.trim().toLowerCase();
  const position = input.str('position')?.trim().toLowerCase();
  const page = input.int('page', { min: 1 }) ?? 1;
  const perPage = input.int('perPage');
  if (perPage !== undefined && !(PAGE_SIZES as readonly number[]).includes(perPage)) {
    throw fieldError('perPage', `must be one of ${PAGE_SIZES.join(', ')}`);
  }
  const hits = [...state.members.values()]
    .filter(
      (m) =>
        (id === undefined || m.id === id) &&
        (role === undefined || m.role === role) &&
        (!email || m.email.toLowerCase() === email) &&
        (!position || m.position.toLowerCase().includes(position)),
    )
    .sort((a, b) => a.id - b.id);
  const slice = perPage === undefined ? hits : hits.slice((page - 1) * perPage, page * perPage);
  return { status: 200, body: slice.map((m) => view(state, m)) };
}
