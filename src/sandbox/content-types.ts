// Entities of the records, files and tests areas (api §5, §8, §9), kept in the SandboxState maps.

export type ViewAccess = 'owner' | 'memberships' | 'participants' | 'all';

/** An online recording (the in-platform replay) of one finished session. */
export interface RecordRec {
  id: number;
  eventSessionId: number;
  eventId: number;
  /** The member who owns the session (`userId` filter of R1). */
  ownerId: number;
  name: string;
  /** Length in seconds; 24 hours or more cannot be converted (api §5, CONFIRMED). */
  duration: number;
  size: number;
  isViewable: boolean;
  password: string;
  viewAccess: ViewAccess;
  createdAt: number;
  /** R4 marks it deleted; kept so that it is not re-created for its session. */
  deleted: boolean;
}

export type ConversionState = 'waiting' | 'processing' | 'completed' | 'failed' | 'canceled';

/** An MP4 conversion job. Its state follows the sandbox clock (see conversionStatus). */
export interface ConversionRec {
  id: number;
  recordId: number;
  eventSessionId: number;
  /** The member who asked: the API key's owner (every API call runs on their behalf). */
  ownerId: number;
  quality: 720 | 1080;
  view: string;
  createdAt: number;
  /** createdAt + knobs.conversionMs at creation; later knob changes do not move it. */
  readyAt: number;
  /** Set when a job ends otherwise than by time. */
  finalState: 'failed' | 'canceled' | null;
}

export interface FileRec {
  id: number;
  name: string;
  type: 'file' | 'folder';
  /** presentation, video, document, image, ... (api §12 `typeFile`). */
  typeFile: string;
  format: string;
  mimeType: string;
  size: number;
  parentId: number | null;
  ownerId: number;
  /** In the organisation's shared folder (F1 `isShared`). */
  shared: boolean;
  createdAt: number;
  /** Set while the bytes have not arrived on the storage host (F10, INFERRED). */
  uploadToken: string | null;
  deleted: boolean;
}

/** A file (or test) attached to a session or to a whole event (F3/F4). */
export interface FileRefRec {
  id: number;
  eventSessionId: number | null;
  eventId: number | null;
  /** A file-manager id or a test id. */
  fileId: number;
  /** Participants may download it (F7). */
  isShared: boolean;
  createdAt: number;
}

export interface TestAnswer {
  id: number;
  answerData: string;
  isCorrect: boolean;
  points: number;
  order: number;
  imageUrl: string | null;
}

export interface TestQuestion {
  id: number;
  questionData: string;
  allowCustomAnswer: boolean;
  order: number;
  answers: TestAnswer[];
}

export interface TestRec {
  id: number;
  userId: number;
  name: string;
  type: 'test' | 'poll';
  assessType: 'pointsSum' | 'answerCount';
  minPoints: number;
  minAnswers: number;
  /** Seconds; 0 = a real-time test. */
  duration: number;
  questions: TestQuestion[];
  createdAt: number;
  deleted: boolean;
}

/** One answer of one user to one question (T7); free text waits for a grade (T8). */
export interface UserAnswer {
  id: number; // userAnswerId
  questionId: number;
  answerIds: number[];
  customAnswer: string | null;
  /** null: a free-text answer not graded yet. */
  isCorrect: boolean | null;
  points: number;
}

/** One user's closed attempt (UserTestPassing). */
export interface Passing {
  id: number;
  userId: number;
  email: string;
  name: string;
  secondName: string;
  startTime: number;
  endTime: number;
  answers: UserAnswer[];
}

/** One run of a test in a session (T5). */
export interface TestSessionRec {
  id: number;
  testId: number;
  eventSessionId: number;
  startTime: number;
  /** Set by T6; a test also ends when its session stops (INFERRED). */
  endTime: number | null;
  complexResultsShared: boolean;
  individualResultsShared: boolean;
  passings: Passing[];
}
