/**
 * A tiny server-side JSX runtime: elements render straight to strings, and every string child or
 * attribute is escaped unless it is already SafeHtml. Views therefore escape by default.
 */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Child = SafeHtml | string | number | boolean | null | undefined | Child[];
export type Component<P = Record<string, unknown>> = (props: P & { children?: Child }) => SafeHtml;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = SafeHtml;
    interface IntrinsicElements {
      [element: string]: Record<string, unknown>;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NEEDS_ESCAPING = /[&<>"']/;

export function escapeHtml(value: string): string {
  // Most texts have nothing to escape; testing first spares a copy of each.
  return NEEDS_ESCAPING.test(value) ? value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string) : value;
}

export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof SafeHtml) return child.html;
  if (Array.isArray(child)) {
    let out = '';
    for (const item of child) out += renderChild(item);
    return out;
  }
  return escapeHtml(String(child));
}

function renderAttributes(props: Record<string, unknown>): string {
  let out = '';
  for (const name in props) {
    const value = props[name];
    if (name === 'children' || value === undefined || value === null || value === false) continue;
    if (value === true) out += ` ${name}`;
    else out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

export function h(
  tag: string | Component<any>,
  props: Record<string, unknown> | null,
  ...children: Child[]
): SafeHtml {
  if (typeof tag === 'function') {
    return tag({ ...(props ?? {}), children: children.length <= 1 ? children[0] : children });
  }
  const attributes = renderAttributes(props ?? {});
  if (VOID.has(tag)) return new SafeHtml(`<${tag}${attributes}>`);
  return new SafeHtml(`<${tag}${attributes}>${renderChild(children)}</${tag}>`);
}

export function Fragment(props: { children?: Child }): SafeHtml {
  return new SafeHtml(renderChild(props.children));
}

export function renderDocument(root: SafeHtml): string {
  return `<!doctype html>\n${root.html}`;
}

/** JSON inside <script type="application/ld+json">: "<" is escaped so no text can close the tag. */
export function jsonScript(value: unknown): SafeHtml {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c'));
}
