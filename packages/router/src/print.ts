import type { Node, StaticNode } from './node.js';

/** Draws one method's tree, one node a line, each route's pattern after the node where it ends. */
export function printTree<T>(method: string, root: StaticNode<T>): string {
  const lines = [method];
  drawChildren(root, '', lines);
  return lines.join('\n');
}

function children<T>(node: Node<T>): Node<T>[] {
  switch (node.kind) {
    case 'static':
      return [...node.statics, ...node.params, ...(node.catchAll === null ? [] : [node.catchAll])];
    case 'param':
      return [...node.next.statics];
    case 'catch-all':
      return [];
    default:
      return unreachable(node);
  }
}

function label<T>(node: Node<T>): string {
  switch (node.kind) {
    case 'static':
      return JSON.stringify(node.path);
    case 'param':
      return node.token.kind === 'param' ? `:${node.token.name}` : node.token.source;
    case 'catch-all':
      return node.keepSlash ? `*${node.name} (with its "/")` : '*';
    default:
      return unreachable(node);
  }
}

function drawChildren<T>(node: Node<T>, indent: string, lines: string[]): void {
  const kids = children(node);
  kids.forEach((kid, k) => {
    const last = k === kids.length - 1;
    const route = kid.route === null ? '' : `  [${kid.route.pattern}]`;
    lines.push(`${indent}${last ? '└── ' : '├── '}${label(kid)}${route}`);
    drawChildren(kid, indent + (last ? '    ' : '│   '), lines);
  });
}

function unreachable(node: never): never {
  throw new Error(`unknown node ${JSON.stringify(node)}`);
}
