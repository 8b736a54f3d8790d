/**
 * Bad billing input, located precisely enough to find and fix it: the file,
 * the physical line, the 1-based column number and the column's name.
 */
export class FocusInputError extends Error {
  constructor(
    readonly reason: string,
    readonly location: {
      file: string;
      line?: number;
      column?: number;
      field?: string;
    },
  ) {
    super(describeLocation(location) + reason);
    this.name = 'FocusInputError';
  }
}

function describeLocation(location: FocusInputError['location']): string {
  const parts = [location.file];
  if (location.line !== undefined) {
    parts.push(`line ${location.line}`);
  }
  if (location.column !== undefined) {
    parts.push(`column ${location.column}${location.field ? ` (${location.field})` : ''}`);
  } else if (location.field) {
    parts.push(`column ${location.field}`);
  }
  return `${parts.join(', ')}: `;
}
