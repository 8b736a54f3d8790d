/**
 * A copy of `text` that refers to no larger string. V8 cuts substrings as
 * views of their parent, so a short value kept from a parsed chunk would
 * keep the whole decoded chunk (megabytes) alive for as long as it lives.
 * Use it for values that outlive the row they came from.
 */
export function ownString(text: string): string {
  // Concatenation makes a rope; slicing it flattens the rope into a new string first.
  return ` ${text}`.slice(1);
}
