/** How a service process (or a test) starts one instance of a service. */
export interface ServiceStartOptions {
  /** HTTP port; 0 picks a free one. Defaults to `PORT`, then the service's own default. */
  port?: number;
  /** Settings to read instead of `process.env` (tests start several instances in one process). */
  env?: NodeJS.ProcessEnv;
}
