// The fenced code blocks of a markdown text, each with the headings it sits under: what the
// recipes are read from. The markdown is read by `marked`'s lexer (code blocks inside list
// items included), so the lab keeps no markdown rules of its own.
import { lexer, type Token, type Tokens } from 'marked';

export interface CodeBlock {
  /** The fence's language as written ("dockerfile", "bash", "yaml"); "" when it names none. */
  lang: string;
  text: string;
  /** The headings above it, outermost first (e.g. ["6. Code Implementation", "Example 1: Simple Node.js App"]). */
  headings: string[];
  /** Its 0-based position among the text's code blocks. */
  index: number;
  /** Inside a list item: an illustration beside a point of a list, not an example's file. */
  inList: boolean;
}

/** Every code block of the text, in document order, indented ones included. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const trail: { depth: number; text: string }[] = [];
  const walk = (tokens: Token[], inList: boolean) => {
    for (const token of tokens) {
      if (token.type === 'heading') {
        const heading = token as Tokens.Heading;
        while (trail.length && (trail.at(-1)?.depth ?? 0) >= heading.depth) trail.pop();
        trail.push({ depth: heading.depth, text: heading.text.trim() });
      } else if (token.type === 'code') {
        const code = token as Tokens.Code;
        // The title (depth 1) is the whole text's: it says nothing about where a block is.
        blocks.push({
          lang: (code.lang ?? '').trim().toLowerCase(),
          text: code.text,
          headings: trail.filter((h) => h.depth > 1).map((h) => h.text),
          index: blocks.length,
          inList,
        });
      }
      if (token.type === 'list') for (const item of (token as Tokens.List).items) walk(item.tokens, true);
      else if ('tokens' in token && token.tokens && token.type !== 'heading') walk(token.tokens, inList);
    }
  };
  walk(lexer(markdown), false);
  return blocks;
}
