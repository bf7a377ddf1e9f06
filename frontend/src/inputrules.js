// Markdown shortcuts as in Ghost and Notion: "## ", "- ", "1. ", "> ",
// three backticks, "---", **bold**, *italic*, `code`, ~~strike~~, [text](url).
import { InputRule, inputRules, textblockTypeInputRule, wrappingInputRule, undoInputRule } from "prosemirror-inputrules";
import { TextSelection } from "prosemirror-state";
import { schema } from "./schema.js";

function markRule(regexp, markType, attrsOf) {
  // regexp groups: 1 = text before the opening delimiter, 2 = the content.
  return new InputRule(regexp, (state, match, start, end) => {
    const before = match[1] || "";
    const content = match[2];
    const from = start + before.length;
    const $from = state.doc.resolve(from);
    if (!$from.parent.type.allowsMarkType(markType)) return null;
    if (state.doc.rangeHasMark(from, end, schema.marks.code) && markType !== schema.marks.code) return null;
    const attrs = attrsOf ? attrsOf(match) : null;
    const tr = state.tr;
    tr.delete(from, end);
    tr.insertText(content, from);
    tr.addMark(from, from + content.length, markType.create(attrs));
    tr.removeStoredMark(markType);
    return tr;
  });
}

const hrRule = new InputRule(/^(?:---|\*\*\*|___)$/, (state, _match, start, end) => {
  const $start = state.doc.resolve(start);
  if ($start.parent.type !== schema.nodes.paragraph) return null;
  const from = $start.before(), to = $start.after();
  const tr = state.tr.replaceWith(from, to, [schema.nodes.horizontal_rule.create(), schema.nodes.paragraph.create()]);
  tr.setSelection(TextSelection.create(tr.doc, from + 2));
  return tr;
});

const fenceRule = new InputRule(/^```([A-Za-z0-9_+#.-]*)[ \u00a0]$/, (state, match, start, end) => {
  const $start = state.doc.resolve(start);
  if (!$start.node(-1).canReplaceWith($start.index(-1), $start.indexAfter(-1), schema.nodes.code_block)) return null;
  return state.tr.delete(start, end).setBlockType(start, start, schema.nodes.code_block, { params: match[1] || "" });
});

export function buildInputRules() {
  const rules = [
    textblockTypeInputRule(/^(#{1,6})\s$/, schema.nodes.heading, (m) => ({ level: m[1].length })),
    wrappingInputRule(/^\s*>\s$/, schema.nodes.blockquote),
    wrappingInputRule(/^\s*([-+*])\s$/, schema.nodes.bullet_list),
    wrappingInputRule(/^(\d+)[.)]\s$/, schema.nodes.ordered_list, (m) => ({ order: +m[1] }),
      (m, node) => node.childCount + node.attrs.order === +m[1]),
    fenceRule,
    hrRule,
    markRule(/(^|[^*\\])\*\*([^*\s](?:[^*]*[^*\s])?)\*\*$/, schema.marks.strong),
    markRule(/(^|[^_\\\w])__([^_\s](?:[^_]*[^_\s])?)__$/, schema.marks.strong),
    markRule(/(^|[^*\\])\*([^*\s](?:[^*]*[^*\s])?)\*$/, schema.marks.em),
    markRule(/(^|[^_\\\w])_([^_\s](?:[^_]*[^_\s])?)_$/, schema.marks.em),
    markRule(/(^|[^`\\])`([^`]+)`$/, schema.marks.code),
    markRule(/(^|[^~\\])~~([^~\s](?:[^~]*[^~\s])?)~~$/, schema.marks.strike),
    markRule(/(^|[^!\\])\[([^\]]+)\]\(([^()\s]+)\)$/, schema.marks.link, (m) => ({ href: m[3] })),
  ];
  return inputRules({ rules });
}

export { undoInputRule };
