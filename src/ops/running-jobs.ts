// The registration jobs running in this process, for a graceful shutdown: wait for them while
// the deadline allows, then cancel the rest. A cancelled run leaves every person resumable:
// the next call with the same input skips whoever the API already has.
import { registrationJobs, type JobEvent } from '../channels.js';

export class RunningJobs {
  private readonly jobs = new Set<JobEvent>();
  private readonly onJob = (message: unknown) => {
    const job = message as JobEvent;
    this.jobs.add(job);
    void job.finished.finally(() => this.jobs.delete(job));
  };

  constructor() {
    registrationJobs.subscribe(this.onJob);
  }

  get count(): number {
    return this.jobs.size;
  }

  /** Settles when every job that runs now has finished. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.jobs].map((j) => j.finished));
  }

  /** Cancels every running job and waits until each has recorded what it left undone. */
  async cancelAll(): Promise<number> {
    const jobs = [...this.jobs];
    for (const job of jobs) job.cancel();
    await Promise.allSettled(jobs.map((j) => j.finished));
    return jobs.length;
  }

  close(): void {
    registrationJobs.unsubscribe(this.onJob);
  }
}
