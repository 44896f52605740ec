/**
 * The break-glass (emergency access) accounts of a run, resolved once and used the same way by every rule, by coverage
 * and by the report: the configured ones (calint.config.json, plus --break-glass), else those inferred from the
 * policies' exclusions with their confidence, else none. Each id or name is resolved against the export; an id the
 * export does not hold is of unknown kind and counts wherever a user id or a group id may stand.
 */
import type { TenantIndex } from '../model/tenant-index.js';
import { resolvePrincipal, type GivenSource } from '../model/resolve-given.js';
import type { BreakGlassAccounts, BreakGlassAccount } from '../model/break-glass-accounts.js';

export type { BreakGlassAccounts, BreakGlassAccount };
import { breakGlassPolicyScope, inferBreakGlass, BREAK_GLASS_NAME_PATTERN } from './break-glass-inference.js';

export const NO_BREAK_GLASS: BreakGlassAccounts = { source: 'none', accounts: [], weakCandidates: [] };

export interface BreakGlassInput {
  /** From the config file: users and groups as written (ids, UPNs or names), with where each one stands. */
  configured?: { users?: readonly string[]; groups?: readonly string[] };
  /** Locates a config value for an error (`/breakGlass/users/0`). */
  configSource?: (pointer: string) => GivenSource;
  /** From --break-glass. */
  given?: readonly string[];
  /** Infer from the policies when nothing is configured (tenant scope only: one policy tells nothing). */
  infer: boolean;
  namePattern?: string;
}

/** Resolve the run's break-glass accounts. Throws NameError for a value that resolves to nothing. */
export function resolveBreakGlass(index: TenantIndex, input: BreakGlassInput): BreakGlassAccounts {
  const accounts: BreakGlassAccount[] = [];
  const add = (a: BreakGlassAccount) => {
    const dup = accounts.find((x) => x.id.toLowerCase() === a.id.toLowerCase());
    if (!dup) accounts.push(a);
  };
  for (const list of ['users', 'groups'] as const) {
    (input.configured?.[list] ?? []).forEach((value, i) => {
      const source = input.configSource?.(`/breakGlass/${list}/${i}`) ?? { label: `breakGlass.${list}[${i}]` };
      const p = resolvePrincipal(index, value, source);
      add({ ...p, origin: 'config', ...(p.kind === 'unknown' ? { declaredAs: list === 'users' ? ('user' as const) : ('group' as const) } : {}) });
    });
  }
  const fromConfig = accounts.length > 0;
  for (const value of input.given ?? []) add({ ...resolvePrincipal(index, value, { label: '--break-glass' }), origin: 'command line' });
  if (accounts.length > 0) return { source: fromConfig ? 'configured' : 'given', accounts, weakCandidates: [] };
  if (!input.infer) return NO_BREAK_GLASS;
  const { candidates, chosen } = inferBreakGlass(index, breakGlassPolicyScope(index), input.namePattern ?? BREAK_GLASS_NAME_PATTERN);
  if (chosen.length === 0) {
    return { source: 'none', accounts: [], weakCandidates: candidates.map(({ kind, id, name, confidence, why }) => ({ kind, id, name, confidence, why })) };
  }
  return {
    source: 'inferred',
    accounts: chosen.map((c) => ({ kind: c.kind, id: c.id, name: c.name, origin: 'inferred' as const, confidence: c.confidence, why: c.why })),
    weakCandidates: [],
  };
}

/** One line for a person: `user "Break Glass 01" (b9e1…) (high confidence: excluded from 9 of 10 user policies)`. */
export function describeBreakGlass(bg: BreakGlassAccounts): string {
  if (bg.source === 'none') return 'none configured, and none could be inferred from the policies';
  return bg.accounts
    .map((a) => {
      const what = a.kind === 'unknown' ? `id ${a.id}` : `${a.kind} "${a.name}"${a.name !== a.id ? ` (${a.id})` : ''}`;
      return a.origin === 'inferred' ? `${what} (${a.confidence} confidence: ${a.why})` : what;
    })
    .join('; ');
}

/**
 * The ids coverage treats as expected gaps, as users and as groups: an id of unknown kind is both (a user class or a
 * group class with that id is a break-glass class either way).
 */
export function breakGlassIdSets(bg: BreakGlassAccounts): { users: string[]; groups: string[] } {
  return {
    users: bg.accounts.filter((a) => a.kind !== 'group').map((a) => a.id),
    groups: bg.accounts.filter((a) => a.kind !== 'user').map((a) => a.id),
  };
}
