/**
 * Preloaded (`node -r`) into services profiled by `npm run bench -- --profile`. Nest's
 * shutdown hook closes the app on SIGTERM and then re-raises the signal, which would end
 * the process before `--cpu-prof` writes its profile; this listener turns the re-raised
 * signal into a normal exit so the profile is written.
 */
let signals = 0;
process.on('SIGTERM', () => {
  signals += 1;
  if (signals > 1) process.exit(0);
});
