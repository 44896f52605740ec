/** The break-glass accounts of a run, as data: what rules, coverage and the report read (resolved by evaluate/break-glass). */
import type { PrincipalKind } from './resolve-given.js';

export interface BreakGlassAccount {
  kind: PrincipalKind;
  id: string;
  /** What a person reads (display name, or the id when the export does not hold the object). */
  name: string;
  origin: 'config' | 'command line' | 'inferred';
  /** For an id of unknown kind from the config: the list it was written in (presentation only; it matches either list). */
  declaredAs?: 'user' | 'group';
  /** Inferred accounts only. */
  confidence?: 'high' | 'medium' | 'low';
  why?: string;
}

export interface BreakGlassAccounts {
  /**
   * configured: from the config file (and --break-glass); given: from --break-glass only; inferred: from the
   * policies' exclusions; none: neither configured nor inferable.
   */
  source: 'configured' | 'given' | 'inferred' | 'none';
  accounts: BreakGlassAccount[];
  /** When none could be inferred: the weak candidates, for a note. */
  weakCandidates: Array<{ kind: 'user' | 'group'; id: string; name: string; confidence: 'high' | 'medium' | 'low'; why: string }>;
}

