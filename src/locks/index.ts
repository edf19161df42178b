// Single-holder Redis locks with expiry: conversations in the worker, token refreshes in channels.
export { type HeldLock, tryLock, waitForRelease } from './redis-lock.ts';
