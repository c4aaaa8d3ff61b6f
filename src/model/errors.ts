// What went wrong, as one line, whatever was thrown: an Error's message (or any object's message
// field, as some libraries throw plain objects), anything else as text.

export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null | undefined)?.message
  return typeof message === 'string' ? message : String(error)
}
