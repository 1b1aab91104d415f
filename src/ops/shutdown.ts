// Graceful shutdown: stop taking work, let what runs finish within the deadline, cancel what
// is left (registration jobs stay resumable: the same call again skips whoever is registered),
// then close. A second signal during the wait ends the process at once.
import type { Logger } from '../log.js';
import type { RunningJobs } from './running-jobs.js';

/** What a transport offers a shutdown; stdio has no listener, so it passes none. */
interface Drainable {
  readonly inflight: number;
  stopAccepting(): void;
  whenIdle(): Promise<void>;
}

/** Resolves true when `work` settles within `ms`, false otherwise. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.then(() => true as const), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Until no call is being answered and no job runs (a running call may start a job). */
async function allDone(jobs: RunningJobs, transport?: Drainable): Promise<void> {
  while (jobs.count > 0 || (transport?.inflight ?? 0) > 0) {
    await Promise.all([jobs.settled(), transport?.whenIdle()]);
  }
}

export interface ShutdownPlan {
  deadlineMs: number;
  jobs: RunningJobs;
  transport?: Drainable;
  log: Logger;
  /** Closes listeners, pools and the sandbox; runs once, whatever happened before. */
  close: () => Promise<void>;
}

/**
 * Drains and closes; resolves with what happened. Cancelling needs a moment (the job records
 * every person it leaves), so jobs are cancelled a little before the deadline.
 */
export async function shutdown(plan: ShutdownPlan): Promise<{ cancelledJobs: number }> {
  const { deadlineMs, jobs, transport, log } = plan;
  const started = Date.now();
  transport?.stopAccepting();
  log.info('shutting down: no new connections', {
    runningCalls: transport?.inflight ?? 0,
    runningJobs: jobs.count,
    deadlineMs,
  });
  const reserve = Math.min(2000, deadlineMs / 4);
  let cancelledJobs = 0;
  if (!(await within(allDone(jobs, transport), deadlineMs - reserve))) {
    cancelledJobs = await jobs.cancelAll();
    if (cancelledJobs) {
      log.warn('registration jobs cancelled at the shutdown deadline; calling again resumes them', {
        cancelledJobs,
      });
    }
    const left = deadlineMs - (Date.now() - started);
    if (!(await within(allDone(jobs, transport), left))) {
      log.warn('calls still running at the shutdown deadline were cut', {
        runningCalls: transport?.inflight ?? 0,
      });
    }
  }
  await plan.close();
  log.info('shut down', { ms: Date.now() - started });
  return { cancelledJobs };
}

/** Runs `stop` on the first SIGTERM/SIGINT; a second one exits at once. */
export function onStopSignal(stop: () => Promise<void>, log: Logger): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { error: err instanceof Error ? err.message : String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
