import type { AccessKind } from './audit.contract.ts';

const READS = /\.(read|list|overview|history|links|relations|search|attachment_read|fetch|check|reveal)$|^person\.access_log$/;
const PRINTS = /(\.print|_print|\.letter|\.document|\.subject_access_(export|download))$/;

/** How an audited action reads to the person it was about: their record read, printed, changed – or an attempt refused. */
export function accessKindOf(action: string, outcome: string): AccessKind {
  if (outcome === 'denied') return 'denied';
  if (PRINTS.test(action)) return 'printed';
  if (READS.test(action)) return 'read';
  return 'changed';
}
