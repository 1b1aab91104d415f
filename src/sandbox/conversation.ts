// Chat messages and questions of a session (api §6, §7), kept in state.chatMessages and
// state.questions, plus how a user id resolves to an author in a session.
import { registrationsOf, type SandboxState, type SessionRec } from './state.js';

export interface ChatMessage {
  id: number;
  eventSessionId: number;
  /** Sender's user id (a member, or a participant's platform user). */
  authorId: number;
  authorName: string;
  /** Private message recipient; null for the public chat. */
  toUserId: number | null;
  toName: string | null;
  text: string;
  /** true = published, false = hidden / waiting for pre-moderation. */
  isModerated: boolean;
  sentByAdmin: boolean;
  createdAt: number;
  updatedAt: number;
  updateUserId: number | null;
}

interface Answer {
  id: number;
  userId: number;
  nickname: string;
  text: string;
  isModerated: boolean;
  createdAt: number;
}

export interface Question {
  id: number;
  eventSessionId: number;
  userId: number;
  nickname: string;
  text: string;
  /** true = published; participants' questions wait for moderation (INFERRED default). */
  isModerated: boolean;
  answers: Answer[];
  createdAt: number;
}

/** Who a user id is inside a session: a member (host side) or a registered participant. */
export interface Author {
  userId: number;
  nickname: string;
  isMember: boolean;
}

/** A member, or someone registered on the session (or on its whole series) with that user id. */
export function findAuthor(state: SandboxState, s: SessionRec, userId: number): Author | undefined {
  const m = state.members.get(userId);
  if (m) return { userId, nickname: m.nickname || `${m.name} ${m.secondName}`, isMember: true };
  const p = registrationsOf(state, s).find((r) => r.userId === userId);
  if (!p) return undefined;
  const nickname = p.nickname || [p.name, p.secondName].filter(Boolean).join(' ');
  return { userId, nickname: nickname || p.email, isMember: false };
}

export function messagesOf(state: SandboxState, sessionId: number): ChatMessage[] {
  return [...state.chatMessages.values()].filter((m) => m.eventSessionId === sessionId);
}

export function questionsOf(state: SandboxState, sessionId: number): Question[] {
  return [...state.questions.values()].filter((q) => q.eventSessionId === sessionId);
}
