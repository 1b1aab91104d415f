// Every API area registers its routes here, one `routes/<area>.ts` file each.
import { Router } from '../router.js';
import { registerEventRoutes } from './events.js';

export function buildRouter(): Router {
  const router = new Router();
  registerEventRoutes(router);
  return router;
}
