// Work that must not hold up what waits for it (a stuck recognition, a pathological PDF): the answer, or
// null once the time is up. The work itself is not cancelled; its late answer is ignored.

/** `work`'s value, or null when it takes longer than `ms` or fails. */
export async function withinTime<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work, late]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
