// How the engine talks to whoever runs it: the action maps this onto the runner's protocol
// (runner.ts), the CLI onto the terminal, the tests onto an array. The engine never imports @actions/*.

export interface Logger {
  info(message: string): void
  warning(message: string): void
  error(message: string): void
  debug(message: string): void
  /** Output of `fn` is folded under `name` where the host supports it. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** A secret value is known: hide it from the host's log from now on (core.setSecret in the action). */
  mask(value: string): void
}
