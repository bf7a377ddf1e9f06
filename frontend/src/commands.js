// Editing commands shared by the keymap, the page's toolbar (ed.exec) and tests.
import { chainCommands, exitCode, setBlockType, toggleMark, wrapIn, lift } from "prosemirror-commands";
import { redo, undo } from "prosemirror-history";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { addColumnAfter, addRowAfter, deleteColumn, deleteRow, deleteTable, goToNextCell } from "prosemirror-tables";
import { TextSelection } from "prosemirror-state";
import { schema } from "./schema.js";

const n = schema.nodes, m = schema.marks;

export function insertHardBreak(state, dispatch) {
  if (state.selection.$from.parent.type.spec.code) return false;
  if (dispatch) dispatch(state.tr.replaceSelectionWith(n.hard_break.create()).scrollIntoView());
  return true;
}

export function insertRule(state, dispatch) {
  const { $from } = state.selection;
  const index = $from.index(0);
  if (dispatch) {
    const pos = $from.depth ? $from.after(1) : state.selection.from;
    const tr = state.tr.insert(pos, [n.horizontal_rule.create(), n.paragraph.create()]);
    tr.setSelection(TextSelection.create(tr.doc, pos + 2));
    dispatch(tr.scrollIntoView());
  }
  return index >= 0;
}

export function insertTable(state, dispatch) {
  return insertTableOf(3, 3)(state, dispatch);
}

export function insertTableOf(rows, cols) {
  return (state, dispatch) => insertTableNow(state, dispatch, rows, cols);
}

function insertTableNow(state, dispatch, rows, cols) {
  const cell = (type) => n[type].create(null, n.paragraph.create());
  const row = (type) => n.table_row.create(null, Array.from({ length: cols }, () => cell(type)));
  const table = n.table.create(null, [row("table_header"), ...Array.from({ length: rows - 1 }, () => row("table_cell"))]);
  const { $from } = state.selection;
  if (dispatch) {
    const pos = $from.depth ? $from.after(1) : state.selection.from;
    const tr = state.tr.insert(pos, table);
    tr.setSelection(TextSelection.create(tr.doc, pos + 4));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

function toggleBlock(type, attrs) {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const active = $from.parent.type === type && Object.entries(attrs || {}).every(([k, v]) => $from.parent.attrs[k] === v);
    return active ? setBlockType(n.paragraph)(state, dispatch) : setBlockType(type, attrs)(state, dispatch);
  };
}

function inList(state, type) {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === type) return true;
  return false;
}

function toggleList(type) {
  return (state, dispatch) => (inList(state, type) ? liftListItem(n.list_item)(state, dispatch) : wrapInList(type)(state, dispatch));
}

function toggleQuote(state, dispatch) {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === n.blockquote) return lift(state, dispatch);
  return wrapIn(n.blockquote)(state, dispatch);
}

export const commands = {
  bold: toggleMark(m.strong),
  italic: toggleMark(m.em),
  strike: toggleMark(m.strike),
  code: toggleMark(m.code),
  paragraph: setBlockType(n.paragraph),
  h1: toggleBlock(n.heading, { level: 1 }),
  h2: toggleBlock(n.heading, { level: 2 }),
  h3: toggleBlock(n.heading, { level: 3 }),
  h4: toggleBlock(n.heading, { level: 4 }),
  bullet_list: toggleList(n.bullet_list),
  ordered_list: toggleList(n.ordered_list),
  blockquote: toggleQuote,
  code_block: toggleBlock(n.code_block),
  hr: insertRule,
  hard_break: insertHardBreak,
  table: insertTable,
  add_row: addRowAfter,
  add_column: addColumnAfter,
  delete_row: deleteRow,
  delete_column: deleteColumn,
  delete_table: deleteTable,
  indent: sinkListItem(n.list_item),
  outdent: liftListItem(n.list_item),
  undo,
  redo,
};

export function isActive(state, name) {
  const { from, $from, to, empty } = state.selection;
  const markOn = (type) => (empty ? !!type.isInSet(state.storedMarks || $from.marks()) : state.doc.rangeHasMark(from, to, type));
  switch (name) {
    case "bold": return markOn(m.strong);
    case "italic": return markOn(m.em);
    case "strike": return markOn(m.strike);
    case "code": return markOn(m.code);
    case "link": return markOn(m.link);
    case "h1": case "h2": case "h3": case "h4":
      return $from.parent.type === n.heading && $from.parent.attrs.level === +name[1];
    case "paragraph": return $from.parent.type === n.paragraph;
    case "code_block": return $from.parent.type === n.code_block;
    case "bullet_list": return inList(state, n.bullet_list);
    case "ordered_list": return inList(state, n.ordered_list);
    case "blockquote": {
      for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === n.blockquote) return true;
      return false;
    }
    default: return false;
  }
}

// Enter on a paragraph holding just ```lang turns it into a code block.
export function fenceOnEnter(state, dispatch) {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type !== n.paragraph) return false;
  const match = /^```([A-Za-z0-9_+#.-]*)$/.exec($from.parent.textContent);
  if (!match || $from.parentOffset !== $from.parent.content.size) return false;
  if (dispatch) {
    const start = $from.start();
    dispatch(state.tr.delete(start, $from.end()).setBlockType(start, start, n.code_block, { params: match[1] }));
  }
  return true;
}

// Enter on a code block's last line after two empty lines leaves the block.
export function exitCodeOnTripleEnter(state, dispatch) {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type !== n.code_block || $from.parentOffset !== $from.parent.content.size) return false;
  if (!$from.parent.textContent.endsWith("\n\n")) return false;
  if (dispatch) {
    const tr = state.tr.delete($from.pos - 2, $from.pos);
    const after = tr.mapping.map($from.after());
    tr.insert(after, n.paragraph.create());
    tr.setSelection(TextSelection.create(tr.doc, after + 1));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

// ArrowDown at the end of a code block or raw block that ends the document
// opens a paragraph after it (otherwise there is no way out).
export function arrowOutOfLastBlock(state, dispatch, view) {
  const { $head, empty } = state.selection;
  if (!empty || !$head.parent.type.spec.code || $head.depth !== 1) return false;
  if ($head.index(0) !== state.doc.childCount - 1) return false;
  if (view && !view.endOfTextblock("down")) return false;
  if (dispatch) {
    const end = state.doc.content.size;
    const tr = state.tr.insert(end, n.paragraph.create());
    tr.setSelection(TextSelection.create(tr.doc, end + 1));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

export function baseKeys(openLink) {
  return {
    "Mod-b": commands.bold,
    "Mod-i": commands.italic,
    "Mod-e": commands.code,
    "Mod-Shift-x": commands.strike,
    "Mod-k": (state, dispatch, view) => { if (view) openLink(); return true; },
    "Mod-z": undo,
    "Shift-Mod-z": redo,
    "Mod-y": redo,
    "Mod-Alt-0": commands.paragraph,
    "Mod-Alt-1": commands.h1,
    "Mod-Alt-2": commands.h2,
    "Mod-Alt-3": commands.h3,
    "Shift-Mod-8": commands.bullet_list,
    "Shift-Mod-7": commands.ordered_list,
    "Shift-Mod-9": commands.blockquote,
    "Shift-Enter": chainCommands(exitCode, insertHardBreak),
    "Mod-Enter": chainCommands(exitCode, insertHardBreak),
    Enter: chainCommands(fenceOnEnter, exitCodeOnTripleEnter, splitListItem(n.list_item)),
    ArrowDown: arrowOutOfLastBlock,
    Tab: chainCommands(goToNextCell(1), sinkListItem(n.list_item)),
    "Shift-Tab": chainCommands(goToNextCell(-1), liftListItem(n.list_item)),
  };
}
