// Every API area registers its routes here, one `routes/<area>.ts` file each.
import { Router } from '../router.js';
import { registerChatRoutes } from './chat.js';
import { registerContactRoutes } from './contacts.js';
import { registerEventRoutes } from './events.js';
import { registerFileRoutes } from './files.js';
import { registerMemberRoutes } from './members.js';
import { registerParticipantRoutes } from './participants.js';
import { registerProfileRoutes } from './profile.js';
import { registerQuestionRoutes } from './questions.js';
import { registerReactionRoutes } from './reactions.js';
import { registerRecordRoutes } from './records.js';
import { registerStatsRoutes } from './stats.js';
import { registerTestRoutes } from './tests.js';
import { registerWebhookRoutes } from './webhooks.js';

export function buildRouter(): Router {
  const router = new Router();
  registerEventRoutes(router);
  registerParticipantRoutes(router);
  registerContactRoutes(router);
  registerMemberRoutes(router);
  registerChatRoutes(router);
  registerQuestionRoutes(router);
  registerStatsRoutes(router);
  registerRecordRoutes(router);
  registerFileRoutes(router);
  registerTestRoutes(router);
  registerProfileRoutes(router);
  registerWebhookRoutes(router);
  registerReactionRoutes(router);
  return router;
}
