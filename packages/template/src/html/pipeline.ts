// Rewriting a pipeline so that it ends in the escapers its context needs, merged with a
// predefined `html` or `urlquery` already there (Go's ensurePipelineContains).
import type { CommandNode, PipeNode } from '../parse/node.js';
import { isRedundant, normalizeEscFn, predefinedEscapers } from './funcs.js';

function identCmd(name: string, pos: number): CommandNode {
  return { kind: 'command', pos, args: [{ kind: 'identifier', pos, ident: name }] };
}

function firstIdent(cmd: CommandNode | undefined): string | undefined {
  const a = cmd?.args[0];
  return a?.kind === 'identifier' ? a.ident : undefined;
}

/** Appends `cmd` unless it is redundant after the pipeline's last command. */
function appendCmd(cmds: CommandNode[], cmd: CommandNode): void {
  const last = firstIdent(cmds[cmds.length - 1]);
  const next = firstIdent(cmd);
  if (last !== undefined && next !== undefined && isRedundant(last, next)) return;
  cmds.push(cmd);
}

/**
 * Makes the pipeline end with the escapers in `s`. A pipeline already ending in the
 * predefined `html` or `urlquery` keeps it in place of an equivalent contextual escaper.
 */
export function ensurePipelineContains(p: PipeNode, s: string[]): void {
  if (s.length === 0) return;
  s = [...s];
  let pipelineLen = p.cmds.length;
  const lastCmd = p.cmds[pipelineLen - 1];
  const lastArg = lastCmd?.args[0];
  if (lastCmd !== undefined && lastArg?.kind === 'identifier' && predefinedEscapers.has(lastArg.ident)) {
    const esc = lastArg.ident;
    if (p.cmds.length === 1 && lastCmd.args.length > 1) {
      // {{esc a b}} becomes {{_eval_args_ a b | esc}} so esc can merge with the escapers.
      lastCmd.args[0] = { kind: 'identifier', pos: lastArg.pos, ident: '_eval_args_' };
      appendCmd(p.cmds, identCmd(esc, p.pos));
      pipelineLen++;
    }
    let dup = false;
    for (let i = 0; i < s.length; i++) {
      if (normalizeEscFn(esc) === normalizeEscFn(s[i] ?? '')) {
        s[i] = esc;
        dup = true;
      }
    }
    // The predefined escaper is re-inserted with the others below.
    if (dup) pipelineLen--;
  }
  const newCmds = p.cmds.slice(0, pipelineLen);
  const inserted = new Set<string>();
  for (const cmd of newCmds) {
    const id = firstIdent(cmd);
    if (id !== undefined) inserted.add(normalizeEscFn(id));
  }
  for (const name of s) {
    // A tree shared by two templates may already hold escapers from an earlier pass.
    if (!inserted.has(normalizeEscFn(name))) appendCmd(newCmds, identCmd(name, p.pos));
  }
  p.cmds = newCmds;
}
