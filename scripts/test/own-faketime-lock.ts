/**
 * Under `faketime` (`npm run test:clock-ahead`) every process of the run shares one
 * libfaketime semaphore, which libfaketime 0.9.10 takes around every stat(). A child that a
 * crash test kills with SIGKILL while holding it left it taken, and every process started
 * after froze in libfaketime's start-up (seen: a whole run stuck, workers waiting on it).
 * Without FAKETIME_SHARED, libfaketime gives each process a semaphore of its own; the faked
 * clock itself comes from FAKETIME, which stays. Loaded by vitest.config.ts (the run's main
 * process, before its workers start) and as a setup file (each worker, before its tests spawn).
 */
delete process.env.FAKETIME_SHARED;
