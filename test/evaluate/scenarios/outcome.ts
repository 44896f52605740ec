/** Policy state, combining applying policies into one decision, and session controls. */
import { policy } from '../../helpers/tenant.js';
import { APP, LOC, STRENGTH, U, type ScenarioCase } from './fixture.js';

type Json = Record<string, unknown>;
const idOf = (p: Json) => p.id as string;
const block = { operator: 'OR', builtInControls: ['block'] };
const builtIn = (control: string) => ({ kind: 'builtIn', control });
/** Applies to nobody in these scenarios (alice signs in). */
const onlyBob = { includeUsers: [U.bob] };

// ---------------------------------------------------------------- state
const DISABLED = 'graph README §5: a policy applies only if state != disabled (reason policyNotEnabled)';
const REPORT_ONLY = 'graph README §5: report-only policies are evaluated and reported but never enforced';

const disabledMfa = policy({ state: 'disabled' });
const disabledBlock = policy({ state: 'disabled', grantControls: block });
const disabledNoMatch = policy({ state: 'disabled', users: onlyBob });
const roBlock = policy({ state: 'enabledForReportingButNotEnforced', grantControls: block });
const roMfa = policy({ state: 'enabledForReportingButNotEnforced' });
const roNoMatch = policy({ state: 'enabledForReportingButNotEnforced', users: onlyBob });
const roUnknown = policy({ state: 'enabledForReportingButNotEnforced', conditions: { platforms: { includePlatforms: ['android'], excludePlatforms: [] } } });
const enforcedMfa = policy({});
const noState = policy({ grantControls: block });
delete noState.state;

export const stateCases: ScenarioCase[] = [
  { area: 'state', rule: DISABLED, name: 'disabled policy whose conditions match', policies: [disabledMfa], scenario: {}, expect: { applies: 'doesNotApply', reasons: ['policyNotEnabled'], decision: 'allowed', certain: true, requirements: [] } },
  { area: 'state', rule: DISABLED, name: 'disabled policy whose conditions do not match: only policyNotEnabled', policies: [disabledNoMatch], scenario: {}, expect: { applies: 'doesNotApply', reasons: ['policyNotEnabled'] } },
  { area: 'state', rule: DISABLED, name: 'disabled block policy does not block', policies: [disabledBlock], scenario: {}, expect: { applies: 'doesNotApply', reasons: ['policyNotEnabled'], decision: 'allowed', blockedBy: [], reportOnly: [] } },
  { area: 'state', rule: DISABLED, name: 'disabled policy whose facts are unknown does not make the outcome uncertain', policies: [policy({ state: 'disabled', conditions: { platforms: { includePlatforms: ['android'], excludePlatforms: [] } } })], scenario: { platform: undefined }, expect: { applies: 'doesNotApply', reasons: ['policyNotEnabled'], decision: 'allowed', certain: true, undetermined: [] } },
  { area: 'state', rule: REPORT_ONLY, name: 'report-only block applies but does not block', policies: [roBlock], scenario: {}, expect: { applies: 'applies', reasons: [], decision: 'allowed', blockedBy: [], reportOnly: [{ policyId: idOf(roBlock), applies: 'applies' }] } },
  { area: 'state', rule: REPORT_ONLY, name: 'report-only MFA adds no requirement', policies: [roMfa, enforcedMfa], scenario: {}, expect: { policy: idOf(roMfa), applies: 'applies', reasons: [], decision: 'grant', requirements: [{ policyId: idOf(enforcedMfa), operator: 'OR', controls: [builtIn('mfa')] }], reportOnly: [{ policyId: idOf(roMfa), applies: 'applies' }] } },
  { area: 'state', rule: REPORT_ONLY, name: 'report-only policy that does not apply is not listed', policies: [roNoMatch], scenario: {}, expect: { applies: 'doesNotApply', reasons: ['users'], reportOnly: [] } },
  { area: 'state', rule: REPORT_ONLY + '; an undecided report-only policy is listed, and leaves the outcome certain', name: 'report-only policy that cannot be told', policies: [roUnknown], scenario: { platform: undefined }, expect: { applies: 'cannotTell', reasons: ['notEnoughInformation'], decision: 'allowed', certain: true, undetermined: [], reportOnly: [{ policyId: idOf(roUnknown), applies: 'cannotTell' }] } },
  { area: 'state', rule: 'calint policyState: a policy without state is read as report-only (the loader warns)', name: 'policy with no state', policies: [noState], scenario: {}, expect: { applies: 'applies', reasons: [], decision: 'allowed', blockedBy: [], reportOnly: [{ policyId: idOf(noState), applies: 'applies' }] } },
];

// ---------------------------------------------------------------- combining
const COMBINE = 'graph README §5: applying enforced policies AND together';
const BLOCK_WINS = 'graph README §5: any block ⇒ blocked';
const GRANT_OPS = 'graph README §5: inside a policy OR = any one control, AND = all';
const NO_POLICY = 'graph README §5: no policy applies ⇒ allowed';
const UNDETERMINED = 'whatIf: an enforced policy calint cannot decide makes the outcome uncertain (certain = false)';
const STRENGTH_RULE = 'graph README §2: authentication strength resolved to its allowedCombinations (exported or inline)';

const blockAll = policy({ grantControls: block });
const mfaAll = policy({});
const compliantAll = policy({ grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } });
const andPolicy = policy({ grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] } });
const orPolicy = policy({ grantControls: { operator: 'OR', builtInControls: ['mfa', 'compliantDevice', 'domainJoinedDevice'] } });
const customStrength = policy({ grantControls: { operator: 'OR', authenticationStrength: { id: STRENGTH.custom } } });
const builtInStrength = policy({ grantControls: { operator: 'OR', authenticationStrength: { id: STRENGTH.phishingResistant, displayName: 'Phishing-resistant MFA' } } });
const inlineStrength = policy({
  grantControls: { operator: 'OR', authenticationStrength: { id: '57e00000-0000-4000-8000-0000000000ff', displayName: 'Inline only', allowedCombinations: ['x509CertificateMultiFactor'] } },
});
const termsAndMfa = policy({ grantControls: { operator: 'AND', builtInControls: ['mfa'], termsOfUse: ['a9a9a9a9-0000-4000-8000-000000000001'] } });
const customControl = policy({ grantControls: { operator: 'OR', builtInControls: [], customAuthenticationFactors: ['duo-mfa'] } });
const passwordChange = policy({ conditions: { userRiskLevels: ['high'] }, grantControls: { operator: 'AND', builtInControls: ['mfa', 'passwordChange'] } });
const blockOnAndroid = policy({ grantControls: block, conditions: { platforms: { includePlatforms: ['android'], excludePlatforms: [] } } });
const mfaOutsideTrusted = policy({ conditions: { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } } });
const blockBob = policy({ grantControls: block, users: onlyBob });
const sessionOnly = policy({ grantControls: null, sessionControls: { signInFrequency: { isEnabled: true, type: 'hours', value: 8, frequencyInterval: 'timeBased', authenticationType: 'primaryAndSecondaryAuthentication' } } });
const blockReportOnlyAndMfa = policy({ state: 'enabledForReportingButNotEnforced', grantControls: block });

const combine = (name: string, rule: string, policies: Json[], expect: ScenarioCase['expect'], scenario: ScenarioCase['scenario'] = {}): ScenarioCase => ({
  area: 'combining',
  name,
  rule,
  policies,
  scenario,
  expect,
});

export const combiningCases: ScenarioCase[] = [
  combine('no policy at all', NO_POLICY, [], { decision: 'allowed', certain: true, requirements: [], blockedBy: [], reportOnly: [], undetermined: [], session: {} }),
  combine('only a policy that does not apply', NO_POLICY, [blockBob], { applies: 'doesNotApply', reasons: ['users'], decision: 'allowed', certain: true }),
  combine('block wins over a grant', BLOCK_WINS, [mfaAll, blockAll], { decision: 'blocked', blockedBy: [idOf(blockAll)], requirements: [], certain: true }),
  combine('two applying blocks are both named', BLOCK_WINS, [blockAll, blockOnAndroid], { decision: 'blocked', blockedBy: [idOf(blockAll), idOf(blockOnAndroid)], certain: true }, { platform: 'android' }),
  combine('a block that does not apply leaves the grant', BLOCK_WINS, [mfaAll, blockBob], { decision: 'grant', blockedBy: [], requirements: [{ policyId: idOf(mfaAll), operator: 'OR', controls: [builtIn('mfa')] }] }),
  combine('single control', GRANT_OPS, [mfaAll], { decision: 'grant', requirements: [{ policyId: idOf(mfaAll), operator: 'OR', controls: [builtIn('mfa')] }] }),
  combine('AND: every control', GRANT_OPS, [andPolicy], { decision: 'grant', requirements: [{ policyId: idOf(andPolicy), operator: 'AND', controls: [builtIn('mfa'), builtIn('compliantDevice')] }] }),
  combine('OR: any one control', GRANT_OPS, [orPolicy], { decision: 'grant', requirements: [{ policyId: idOf(orPolicy), operator: 'OR', controls: [builtIn('mfa'), builtIn('compliantDevice'), builtIn('domainJoinedDevice')] }] }),
  combine('two applying policies: both requirements listed', COMBINE, [mfaAll, compliantAll], {
    decision: 'grant',
    requirements: [
      { policyId: idOf(mfaAll), operator: 'OR' as const, controls: [builtIn('mfa')] },
      { policyId: idOf(compliantAll), operator: 'OR' as const, controls: [builtIn('compliantDevice')] },
    ].sort((x, y) => (x.policyId < y.policyId ? -1 : 1)),
  }),
  combine('custom authentication strength resolved from the export', STRENGTH_RULE, [customStrength], {
    decision: 'grant',
    requirements: [{ policyId: idOf(customStrength), operator: 'OR', controls: [{ kind: 'authenticationStrength', id: STRENGTH.custom, name: 'Contoso FIDO2 or WHfB', allowedCombinations: ['fido2', 'windowsHelloForBusiness'] }] }],
  }),
  combine('built-in phishing-resistant strength resolved from the export', STRENGTH_RULE, [builtInStrength], {
    requirements: [{ policyId: idOf(builtInStrength), operator: 'OR', controls: [{ kind: 'authenticationStrength', id: STRENGTH.phishingResistant, name: 'Phishing-resistant MFA', allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'] }] }],
  }),
  combine('strength inlined in the policy (not in the strengths export)', STRENGTH_RULE, [inlineStrength], {
    requirements: [{ policyId: idOf(inlineStrength), operator: 'OR', controls: [{ kind: 'authenticationStrength', id: '57e00000-0000-4000-8000-0000000000ff', name: '57e00000-0000-4000-8000-0000000000ff', allowedCombinations: ['x509CertificateMultiFactor'] }] }],
  }),
  combine('terms of use count as a control', 'graph README §5: terms of use and custom controls count as controls', [termsAndMfa], {
    requirements: [{ policyId: idOf(termsAndMfa), operator: 'AND', controls: [builtIn('mfa'), { kind: 'termsOfUse', ids: ['a9a9a9a9-0000-4000-8000-000000000001'] }] }],
  }),
  combine('custom control counts as a control', 'graph README §5: terms of use and custom controls count as controls', [customControl], {
    decision: 'grant',
    requirements: [{ policyId: idOf(customControl), operator: 'OR', controls: [{ kind: 'customControl', ids: ['duo-mfa'] }] }],
  }),
  combine('password change with MFA for a high-risk user', 'graph README §1: passwordChange needs mfa + AND and userRiskLevels', [passwordChange], { decision: 'grant', requirements: [{ policyId: idOf(passwordChange), operator: 'AND', controls: [builtIn('mfa'), builtIn('passwordChange')] }] }, { userRisk: 'high' }),
  combine('undecided block policy: grant, not certain', UNDETERMINED, [mfaAll, blockOnAndroid], { policy: idOf(blockOnAndroid), applies: 'cannotTell', reasons: ['notEnoughInformation'], decision: 'grant', certain: false, undetermined: [idOf(blockOnAndroid)], blockedBy: [] }, { platform: undefined }),
  combine('undecided MFA policy: allowed, not certain', UNDETERMINED, [mfaOutsideTrusted], { applies: 'cannotTell', reasons: ['notEnoughInformation'], decision: 'allowed', certain: false, undetermined: [idOf(mfaOutsideTrusted)], requirements: [] }, { ip: undefined }),
  combine('the same policy decided once the fact is given', UNDETERMINED, [mfaOutsideTrusted], { applies: 'doesNotApply', reasons: ['location'], decision: 'allowed', certain: true, undetermined: [] }, { ip: '203.0.113.10' }),
  combine('a block that applies makes the decision certain whatever else is undecided', BLOCK_WINS, [blockAll, blockOnAndroid], { decision: 'blocked', blockedBy: [idOf(blockAll)], certain: false }, { platform: undefined }),
  combine('session-only policy: a grant with no grant control, session applied', 'graph README §5: an enforced policy that applies with session controls only is an applying policy — nothing to satisfy, its session controls apply', [sessionOnly], { decision: 'grant', requirements: [], session: { signInFrequencyHours: { value: 8, policyIds: [idOf(sessionOnly)] } } }),
  combine('report-only block next to an enforced MFA', REPORT_ONLY, [blockReportOnlyAndMfa, mfaAll], { decision: 'grant', blockedBy: [], reportOnly: [{ policyId: idOf(blockReportOnlyAndMfa), applies: 'applies' }] }),
  combine('service principal blocked by a workload policy, user MFA policy not involved', 'graph README §5: workload-identity policies apply to SPs only', [mfaAll, policy({ users: { includeUsers: ['None'] }, conditions: { clientApplications: { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], excludeServicePrincipals: [] } }, grantControls: block })], { decision: 'blocked', requirements: [] }, { identity: { kind: 'servicePrincipal', servicePrincipalId: '5b111100-0000-4000-8000-000000000001' }, target: { kind: 'application', appId: APP.graph } }),
  combine('an MFA policy outside trusted locations, at HQ', COMBINE, [mfaOutsideTrusted, compliantAll], { decision: 'grant', requirements: [{ policyId: idOf(compliantAll), operator: 'OR', controls: [builtIn('compliantDevice')] }] }, { ip: '203.0.113.10' }),
  combine('every condition that leaves the sign-in out is listed', 'whatIf: doesNotApply lists every failing condition, in Graph reason order', [policy({ conditions: { platforms: { includePlatforms: ['iOS'], excludePlatforms: [] }, locations: { includeLocations: [LOC.hq], excludeLocations: [] }, clientAppTypes: ['other'] } })], { applies: 'doesNotApply', reasons: ['devicePlatform', 'clientApps', 'location'] }),
  combine('a failing condition outweighs a missing fact', 'whatIf: one condition that does not match decides, whatever is unknown', [policy({ conditions: { platforms: { includePlatforms: ['iOS'], excludePlatforms: [] }, locations: { includeLocations: [LOC.hq], excludeLocations: [] } } })], { applies: 'doesNotApply', reasons: ['devicePlatform'] }, { ip: undefined }),
];

// ---------------------------------------------------------------- session controls
const MOST_RESTRICTIVE = 'graph README §5: session controls: the most restrictive wins';
const freq = (value: number | null, type: 'hours' | 'days' | null, interval = 'timeBased') => ({
  signInFrequency: { isEnabled: true, type, value, frequencyInterval: interval, authenticationType: 'primaryAndSecondaryAuthentication' },
});
const sf4h = policy({ sessionControls: freq(4, 'hours') });
const sf1d = policy({ sessionControls: freq(1, 'days') });
const sf4hB = policy({ sessionControls: freq(4, 'hours') });
const sfEvery = policy({ sessionControls: freq(null, null, 'everyTime') });
const sf1h = policy({ sessionControls: freq(1, 'hours') });
const sfOff = policy({ sessionControls: { signInFrequency: { isEnabled: false, type: 'hours', value: 1, frequencyInterval: 'timeBased' } } });
const pbAlways = policy({ sessionControls: { persistentBrowser: { isEnabled: true, mode: 'always' } } });
const pbNever = policy({ sessionControls: { persistentBrowser: { isEnabled: true, mode: 'never' } } });
const tokenProtection = policy({ sessionControls: { secureSignInSession: { isEnabled: true } } });
const mcasMonitor = policy({ sessionControls: { cloudAppSecurity: { isEnabled: true, cloudAppSecurityType: 'monitorOnly' } } });
const mcasBlock = policy({ sessionControls: { cloudAppSecurity: { isEnabled: true, cloudAppSecurityType: 'blockDownloads' } } });
const aer = policy({ sessionControls: { applicationEnforcedRestrictions: { isEnabled: true } } });
const roFreq = policy({ state: 'enabledForReportingButNotEnforced', sessionControls: freq(1, 'hours') });
const blockWithFreq = policy({ grantControls: block, sessionControls: freq(1, 'hours') });
const sortIds = (...ps: Json[]) => ps.map(idOf).sort();

const session = (name: string, rule: string, policies: Json[], expected: ScenarioCase['expect']['session'], extra: ScenarioCase['expect'] = {}): ScenarioCase => ({
  area: 'session',
  name,
  rule,
  policies,
  scenario: {},
  expect: { session: expected, ...extra },
});

export const sessionCases: ScenarioCase[] = [
  session('sign-in frequency: the shortest wins', MOST_RESTRICTIVE, [sf1d, sf4h], { signInFrequencyHours: { value: 4, policyIds: [idOf(sf4h)] } }),
  session('sign-in frequency: every time beats one hour', MOST_RESTRICTIVE, [sf1h, sfEvery], { signInFrequencyHours: { value: 0, policyIds: [idOf(sfEvery)] } }),
  session('sign-in frequency: equal values name both policies', MOST_RESTRICTIVE, [sf4h, sf4hB], { signInFrequencyHours: { value: 4, policyIds: sortIds(sf4h, sf4hB) } }),
  session('sign-in frequency switched off is ignored', 'graph README §1: session controls take effect only when isEnabled', [sfOff, sf1d], { signInFrequencyHours: { value: 24, policyIds: [idOf(sf1d)] } }),
  session('persistent browser: never wins over always', MOST_RESTRICTIVE, [pbAlways, pbNever], { persistentBrowser: { value: 'never', policyIds: [idOf(pbNever)] } }),
  session('persistent browser: always alone', MOST_RESTRICTIVE, [pbAlways], { persistentBrowser: { value: 'always', policyIds: [idOf(pbAlways)] } }),
  session('token protection (secureSignInSession)', 'graph README §1: secureSignInSession is "Require token protection for sign-in sessions"', [tokenProtection, sf1d], { tokenProtection: { value: true, policyIds: [idOf(tokenProtection)] }, signInFrequencyHours: { value: 24, policyIds: [idOf(sf1d)] } }),
  session('Defender for Cloud Apps: block downloads beats monitor only', MOST_RESTRICTIVE, [mcasMonitor, mcasBlock], { cloudAppSecurity: { value: 'blockDownloads', policyIds: [idOf(mcasBlock)] } }),
  session('app-enforced restrictions', MOST_RESTRICTIVE, [aer], { applicationEnforcedRestrictions: { value: true, policyIds: [idOf(aer)] } }),
  session('report-only session controls are not applied', REPORT_ONLY, [roFreq, sf1d], { signInFrequencyHours: { value: 24, policyIds: [idOf(sf1d)] } }),
  session('blocked sign-in has no session', BLOCK_WINS, [blockWithFreq, sf1d], {}, { decision: 'blocked' }),
];
