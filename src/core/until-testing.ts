/**
 * Test support: waits until `condition` holds, polling. The budget is generous on purpose
 * (a budget, not a speed goal: it must hold on a loaded two-core machine) and is measured
 * on the monotonic clock, so tests that fake or shift Date are not affected.
 */
export async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 120_000, everyMs = 10): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`condition not met in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
