import { parse, type ParseError } from 'jsonc-parser';

/**
 * Reads a settings file as VS Code writes and accepts it (JSON with comments and trailing commas),
 * with VS Code's own JSONC parser. Returns undefined for anything that does not parse without error:
 * a broken file sets nothing.
 */
export function parseJsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 ? value : undefined;
}
