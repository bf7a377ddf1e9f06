// How inline marks (emphasis, links, code) are written as Markdown.

export function destination(url) {
  url = url || "";
  if (/[\s<>]/.test(url) || url === "") return "<" + url.replace(/[<>\\]/g, "\\$&") + ">";
  return url.replace(/[()\\]/g, "\\$&");
}

export function titlePart(title) {
  return title ? ' "' + title.replace(/["\\]/g, "\\$&") + '"' : "";
}

function isPlainURL(link, parent, index) {
  // Written back as an autolink (<scheme:...>) when it was one.
  if (link.attrs.title || !/^[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*$/.test(link.attrs.href)) return false;
  const content = parent.child(index);
  if (!content.isText || content.text !== link.attrs.href) return false;
  // Other marks must already be open (they wrap the autolink), or the link be innermost.
  const prev = index > 0 ? parent.child(index - 1).marks : [];
  const last = content.marks[content.marks.length - 1] === link;
  if (!last && !content.marks.every((m) => m === link || m.type.name === "code" || m.isInSet(prev))) return false;
  if (content.marks.some((m) => m.type.name === "code")) return false;
  return index === parent.childCount - 1 || !link.isInSet(parent.child(index + 1).marks);
}

function backticksFor(node, side) {
  const ticks = /`+/g;
  let m, len = 0;
  if (node.isText) while ((m = ticks.exec(node.text))) len = Math.max(len, m[0].length);
  const pad = node.isText && (len > 0 || /^ .* $/.test(node.text) || /^`|`$/.test(node.text));
  let result = "`".repeat(len + 1);
  if (pad) result = side > 0 ? " " + result : result + " ";
  return result;
}

export const marks = {
  em: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
  strong: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
  strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
  link: {
    open(state, mark, parent, index) {
      state.inAutolink = isPlainURL(mark, parent, index);
      return state.inAutolink ? "<" : "[";
    },
    close(state, mark) {
      const auto = state.inAutolink;
      state.inAutolink = undefined;
      return auto ? ">" : "](" + destination(mark.attrs.href) + titlePart(mark.attrs.title) + ")";
    },
    mixable: true,
  },
  code: {
    open(_state, _mark, parent, index) { return backticksFor(parent.child(index), -1); },
    close(_state, _mark, parent, index) { return backticksFor(parent.child(index - 1), 1); },
    escape: false,
  },
};
