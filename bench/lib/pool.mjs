/** Runs `work(item, index)` over `items` with at most `concurrency` at once. */
export async function pool(items, concurrency, work) {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  });
  await Promise.all(runners);
}
