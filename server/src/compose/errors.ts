// Requests never throw: each one catches, answers empty, and reports here. The server can log
// these (setComposeErrorSink); tests use it to prove that nothing was swallowed.
let sink: ((where: string, error: unknown) => void) | undefined;

export function setComposeErrorSink(fn: ((where: string, error: unknown) => void) | undefined): void {
  sink = fn;
}

export function reportInternalError(where: string, error: unknown): void {
  try {
    sink?.(where, error);
  } catch {
    // A failing logger must not break a request.
  }
}
