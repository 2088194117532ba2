/**
 * Reading the chat tools' answers as a test does: the quoted data blocks that `quoted()`
 * (src/core/chat/untrustedData.ts) writes, fenced as ```json boomtown-data <label>, with a fence
 * longer than any backtick run inside.
 */
const QUOTED_BLOCK = /^(`{3,})json boomtown-data[^\n]*\n[\s\S]*?\n\1$/gm;

/** The part of an answer outside every quoted block: what the tool itself says. */
export function outsideQuotedData(text: string): string {
  return text.replace(QUOTED_BLOCK, '');
}
