import type { Job, Queue } from 'bullmq';
import { vi } from 'vitest';

/** Waits until a job has completed and returns what its processor returned. */
export async function completedOutcome(queue: Queue, jobId: string): Promise<unknown> {
  let value: unknown;
  await vi.waitFor(
    async () => {
      const state = await queue.getJobState(jobId);
      if (state !== 'completed') throw new Error(`job ${jobId} is ${state}`);
      // Read after the state: a job loaded before it completed has no return value yet.
      value = (await queue.getJob(jobId))!.returnvalue;
    },
    { timeout: 15_000, interval: 50 },
  );
  return value;
}

/** Waits until a job has failed for good and returns it as it stands then. */
export async function failedJob(queue: Queue, jobId: string): Promise<Job> {
  let job: Job | undefined;
  await vi.waitFor(
    async () => {
      const state = await queue.getJobState(jobId);
      if (state !== 'failed') throw new Error(`job ${jobId} is ${state}`);
      // Read after the state: a job loaded while it was still running shows no attempt yet.
      job = await queue.getJob(jobId);
    },
    { timeout: 15_000, interval: 50 },
  );
  return job!;
}
