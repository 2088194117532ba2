import assert from 'node:assert/strict';
import type { LeadNode } from '../../../src/core/leads/leadsModel';

/** Small questions the leads-model tests ask of a list of tree rows. */
type Kind = LeadNode['kind'];

export const kinds = (nodes: LeadNode[]): Kind[] => nodes.map((node) => node.kind);
export const leadIds = (nodes: LeadNode[]) => nodes.flatMap((node) => (node.kind === 'lead' ? [node.id] : []));

/** The one row of a kind; fails when there is none or more than one. */
export function only<K extends Kind>(nodes: LeadNode[], kind: K): Extract<LeadNode, { kind: K }> {
  const found = nodes.filter((node): node is Extract<LeadNode, { kind: K }> => node.kind === kind);
  assert.equal(found.length, 1, `one ${kind} node in ${JSON.stringify(kinds(nodes))}`);
  return found[0];
}
