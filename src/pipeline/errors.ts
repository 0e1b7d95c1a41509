/**
 * An input problem the author of a `.txt` file can fix. The CLI prints these as one line,
 * `path: reason`, without a stack trace; anything else is a bug and keeps its stack.
 */
export class InputError extends Error {
  override name = 'InputError';
}
