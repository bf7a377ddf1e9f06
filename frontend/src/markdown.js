// Markdown <-> document: Markdown stays the stored format; the editor holds a
// ProseMirror document. Parsing in parse.js, serialising in serialize.js.
export { tokenizer, parseMarkdown } from "./parse.js";
export { serializeWithMap, serializeMarkdown, serializeFragment } from "./serialize.js";
