/** The message of what `fn` throws; fails the test when it does not throw. */
export function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the call to fail');
}
