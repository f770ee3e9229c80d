/**
 * Errors raised by the fakes. Apps Script reports failures as plain `Error`s whose message is
 * what the user sees; the fakes do the same, with the real service's wording where we know it.
 */

/** Thrown by every member of a real interface that the emulator does not model. */
export class NotModeledError extends Error {
  constructor(readonly member: string) {
    super(`${member} is not modeled by the Arbiter emulator; model it in emulator/ before using it`);
    this.name = 'NotModeledError';
  }
}

export function notModeled(member: string): never {
  throw new NotModeledError(member);
}

/** An error as Apps Script raises it ("Exception: ..." in the editor; `name` is 'Exception'). */
export function gasError(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}
