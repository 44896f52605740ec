/**
 * Session controls of applying policies, combined the way Conditional Access does: the most restrictive wins
 * (the shortest sign-in frequency, "never persistent" over "always", any enabled restriction).
 */
import type { ConditionalAccessPolicy } from '../../model/snapshot-types.js';
import { frequencyHours } from '../session-controls.js';

export interface SessionSettings {
  /** Hours between sign-ins; 0 = every time; null = not set. */
  signInFrequencyHours: number | null;
  persistentBrowser: 'always' | 'never' | null;
  applicationEnforcedRestrictions: boolean;
  cloudAppSecurity: string | null;
  tokenProtection: boolean;
  disableResilienceDefaults: boolean;
  continuousAccessEvaluation: string | null;
}

export function sessionOf(policy: ConditionalAccessPolicy): SessionSettings {
  const s = (policy.sessionControls ?? {}) as Record<string, { isEnabled?: unknown; mode?: unknown; cloudAppSecurityType?: unknown } | boolean | null | undefined>;
  const enabled = (k: string) => {
    const v = s[k];
    return !!v && typeof v === 'object' && v.isEnabled === true;
  };
  const pb = s.persistentBrowser as { isEnabled?: unknown; mode?: unknown } | null | undefined;
  const mcas = s.cloudAppSecurity as { isEnabled?: unknown; cloudAppSecurityType?: unknown } | null | undefined;
  const cae = s.continuousAccessEvaluation as { mode?: unknown } | null | undefined;
  return {
    signInFrequencyHours: frequencyHours(policy),
    persistentBrowser: pb?.isEnabled === true && (pb.mode === 'always' || pb.mode === 'never') ? pb.mode : null,
    applicationEnforcedRestrictions: enabled('applicationEnforcedRestrictions'),
    cloudAppSecurity: mcas?.isEnabled === true ? String(mcas.cloudAppSecurityType ?? 'mcasConfigured') : null,
    tokenProtection: enabled('secureSignInSession'),
    disableResilienceDefaults: s.disableResilienceDefaults === true,
    continuousAccessEvaluation: cae && typeof cae.mode === 'string' ? cae.mode : null,
  };
}

export interface SessionControlOutcome<T> {
  value: T;
  /** The policies that set it (for the winning value). */
  policyIds: string[];
}

export interface SessionOutcome {
  signInFrequencyHours?: SessionControlOutcome<number>;
  persistentBrowser?: SessionControlOutcome<'always' | 'never'>;
  applicationEnforcedRestrictions?: SessionControlOutcome<true>;
  cloudAppSecurity?: SessionControlOutcome<string>;
  tokenProtection?: SessionControlOutcome<true>;
  disableResilienceDefaults?: SessionControlOutcome<true>;
  continuousAccessEvaluation?: SessionControlOutcome<string>;
}

const MCAS_RANK: Record<string, number> = { blockDownloads: 3, mcasConfigured: 2, monitorOnly: 1 };
const CAE_RANK: Record<string, number> = { strictLocation: 3, strictEnforcement: 2, disabled: 1 };

export function combineSession(items: Array<{ ref: { policyId: string }; session: SessionSettings }>): SessionOutcome {
  const out: SessionOutcome = {};
  const pick = <K extends keyof SessionOutcome>(key: K, value: NonNullable<SessionOutcome[K]>['value'], id: string, better: (a: typeof value, b: typeof value) => number) => {
    const cur = out[key] as SessionControlOutcome<typeof value> | undefined;
    if (!cur || better(value, cur.value) > 0) (out as Record<string, unknown>)[key] = { value, policyIds: [id] };
    else if (better(value, cur.value) === 0) cur.policyIds.push(id);
  };
  for (const { ref, session: s } of items) {
    const id = ref.policyId;
    if (s.signInFrequencyHours !== null) pick('signInFrequencyHours', s.signInFrequencyHours, id, (a, b) => (b as number) - (a as number));
    if (s.persistentBrowser) pick('persistentBrowser', s.persistentBrowser, id, (a, b) => (a === b ? 0 : a === 'never' ? 1 : -1));
    if (s.applicationEnforcedRestrictions) pick('applicationEnforcedRestrictions', true, id, () => 0);
    if (s.cloudAppSecurity) pick('cloudAppSecurity', s.cloudAppSecurity, id, (a, b) => (MCAS_RANK[a as string] ?? 0) - (MCAS_RANK[b as string] ?? 0));
    if (s.tokenProtection) pick('tokenProtection', true, id, () => 0);
    if (s.disableResilienceDefaults) pick('disableResilienceDefaults', true, id, () => 0);
    if (s.continuousAccessEvaluation) pick('continuousAccessEvaluation', s.continuousAccessEvaluation, id, (a, b) => (CAE_RANK[a as string] ?? 0) - (CAE_RANK[b as string] ?? 0));
  }
  return out;
}
