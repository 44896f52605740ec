/** The sign-in's circumstances: platform, location, client app, risk, authentication flow, device. */
import { policy, type PolicySpec } from '../../helpers/tenant.js';
import { CORP_DEVICE, LOC, type Expectation, type ScenarioCase } from './fixture.js';
import type { Scenario } from '../../../src/evaluate/whatif/index.js';

const APPLIES: Expectation = { applies: 'applies', reasons: [] };
const UNKNOWN: Expectation = { applies: 'cannotTell', reasons: ['notEnoughInformation'] };
const not = (reason: string): Expectation => ({ applies: 'doesNotApply', reasons: [reason] });

function make(area: string) {
  return (rule: string, name: string, conditions: PolicySpec['conditions'], scenario: Partial<Scenario>, expect: Expectation): ScenarioCase => ({
    area,
    rule,
    name,
    policies: [policy({ conditions })],
    scenario,
    expect,
  });
}

// ---------------------------------------------------------------- platforms
const p = make('platforms');
const platforms = (includePlatforms: string[], excludePlatforms: string[] = []) => ({ platforms: { includePlatforms, excludePlatforms } });
const INCLUDE = 'graph README §5: platform in scope = included and not excluded';
const ANY = 'graph README §5: platform all includes unknown platforms';
const UNCONFIGURED = 'graph README §5: an unconfigured condition (null) matches everything';
const FACT_MISSING = 'scenario: an undefined fact a condition depends on → cannot tell';
const EVERY_NAMED = ['android', 'iOS', 'windows', 'macOS', 'linux', 'windowsPhone'];

export const platformCases: ScenarioCase[] = [
  p(INCLUDE, 'included platform', platforms(['android']), { platform: 'android' }, APPLIES),
  p('scenario: enum values are read case-insensitively (normalizeScenario)', 'scenario platform written in another case', platforms(['iOS']), { platform: 'IOS' as never }, APPLIES),
  p(INCLUDE, 'platform not included', platforms(['android']), { platform: 'iOS' }, not('devicePlatform')),
  p(INCLUDE, 'one of several included platforms', platforms(['windows', 'macOS', 'linux']), { platform: 'linux' }, APPLIES),
  p(INCLUDE, 'windowsPhone is its own platform', platforms(['windowsPhone']), { platform: 'windowsPhone' }, APPLIES),
  p(INCLUDE, 'windowsPhone is not windows', platforms(['windows']), { platform: 'windowsPhone' }, not('devicePlatform')),
  p(ANY, 'any platform covers windows', platforms(['all']), { platform: 'windows' }, APPLIES),
  p(ANY, 'any platform covers an unknown platform', platforms(['all']), { platform: 'unknown' }, APPLIES),
  p(ANY + '; exclude wins', 'any platform minus iOS: iOS is out', platforms(['all'], ['iOS']), { platform: 'iOS' }, not('devicePlatform')),
  p(ANY + '; exclude wins', 'any platform minus iOS: macOS is in', platforms(['all'], ['iOS']), { platform: 'macOS' }, APPLIES),
  p(ANY, 'block-unknown-platforms pattern: an unknown platform is in', platforms(['all'], EVERY_NAMED), { platform: 'unknown' }, APPLIES),
  p(ANY, 'block-unknown-platforms pattern: a known platform is out', platforms(['all'], EVERY_NAMED), { platform: 'android' }, not('devicePlatform')),
  p('graph README §5: only "all" covers an unknown platform', 'an unknown platform vs specific includes', platforms(EVERY_NAMED), { platform: 'unknown' }, not('devicePlatform')),
  p(FACT_MISSING, 'platform condition, platform not given', platforms(['android']), { platform: undefined }, UNKNOWN),
  p(FACT_MISSING, 'platform all, platform not given (the exclusion needs it)', platforms(['all'], ['iOS']), { platform: undefined }, UNKNOWN),
  p(UNCONFIGURED, 'no platform condition, platform not given', { platforms: null }, { platform: undefined }, APPLIES),
];

// ---------------------------------------------------------------- locations
const l = make('locations');
const locations = (includeLocations: string[], excludeLocations: string[] = []) => ({ locations: { includeLocations, excludeLocations } });
const IP = 'graph README §2: ipNamedLocation ranges (CIDR inclusive of network and broadcast addresses)';
const RANGE = 'graph README §2: iPv4Range/iPv6Range lowerAddress…upperAddress, inclusive';
const MAPPED = 'IPv4-mapped IPv6 (::ffff:a.b.c.d) is the IPv4 address it maps';
const ALL_LOC = 'graph README §5: location All matches any IP';
const TRUSTED = 'graph README §1/§5: AllTrusted = trusted (isTrusted) IP locations + MFA trusted IPs';
/** MFA trusted IPs (legacy per-user MFA service settings) are not in Graph exports: calint cannot see them. */
const NOT_TRUSTED = TRUSTED + '; calint assumption: MFA trusted IPs are not exported, so an IP outside every trusted IP location counts as untrusted';
const COUNTRY = 'graph README §2: countryNamedLocation countriesAndRegions (ISO alpha-2)';
const UNKNOWN_COUNTRY = 'graph README §5: includeUnknownCountriesAndRegions matches unmapped IPs';
const UNRESOLVED = 'graph README §1: location ids not in the export are unresolved → cannot tell';

export const locationCases: ScenarioCase[] = [
  l(ALL_LOC, 'any location, any IP', locations(['All']), { ip: '8.8.4.4' }, APPLIES),
  l(ALL_LOC, 'any location needs no IP', locations(['All']), { ip: undefined, country: undefined }, APPLIES),
  l(IP, 'IPv4 inside a CIDR range', locations([LOC.hq]), { ip: '203.0.113.77' }, APPLIES),
  l(IP, 'IPv4 outside every range', locations([LOC.hq]), { ip: '8.8.4.4' }, not('location')),
  l(IP, 'first address of the CIDR block (network address)', locations([LOC.hq]), { ip: '203.0.113.0' }, APPLIES),
  l(IP, 'last address of the CIDR block (broadcast address)', locations([LOC.hq]), { ip: '203.0.113.255' }, APPLIES),
  l(IP, 'address just below the block', locations([LOC.hq]), { ip: '203.0.112.255' }, not('location')),
  l(IP, 'address just above the block', locations([LOC.hq]), { ip: '203.0.114.0' }, not('location')),
  l(IP, 'IPv6 inside a /48', locations([LOC.hq]), { ip: '2001:db8:abcd:12::5' }, APPLIES),
  l(IP, 'last IPv6 address of the /48', locations([LOC.hq]), { ip: '2001:db8:abcd:ffff:ffff:ffff:ffff:ffff' }, APPLIES),
  l(IP, 'IPv6 just outside the /48', locations([LOC.hq]), { ip: '2001:db8:abce::' }, not('location')),
  l(IP, 'IPv6 written in full, upper case', locations([LOC.hq]), { ip: '2001:0DB8:ABCD:0000:0000:0000:0000:0001' }, APPLIES),
  l(MAPPED, 'IPv4-mapped IPv6 inside the IPv4 range', locations([LOC.hq]), { ip: '::ffff:203.0.113.9' }, APPLIES),
  l(MAPPED, 'IPv4-mapped IPv6 outside the IPv4 range', locations([LOC.hq]), { ip: '::ffff:8.8.4.4' }, not('location')),
  l(RANGE, 'lower bound of an iPv4Range', locations([LOC.branch]), { ip: '192.0.2.10' }, APPLIES),
  l(RANGE, 'upper bound of an iPv4Range', locations([LOC.branch]), { ip: '192.0.2.20' }, APPLIES),
  l(RANGE, 'just below the lower bound', locations([LOC.branch]), { ip: '192.0.2.9' }, not('location')),
  l(RANGE, 'just above the upper bound', locations([LOC.branch]), { ip: '192.0.2.21' }, not('location')),
  l(RANGE, 'inside an iPv6Range', locations([LOC.branch]), { ip: '2001:db8:ffff::80' }, APPLIES),
  l(RANGE, 'outside an iPv6Range', locations([LOC.branch]), { ip: '2001:db8:ffff::100' }, not('location')),
  l(TRUSTED, 'All minus AllTrusted: at a trusted location', locations(['All'], ['AllTrusted']), { ip: '203.0.113.5' }, not('location')),
  l(NOT_TRUSTED, 'All minus AllTrusted: at an untrusted named location', locations(['All'], ['AllTrusted']), { ip: '198.51.100.7' }, APPLIES),
  l(TRUSTED, 'All minus AllTrusted: IPv6 at a trusted location', locations(['All'], ['AllTrusted']), { ip: '2001:db8:abcd::1' }, not('location')),
  l(NOT_TRUSTED, 'include AllTrusted: untrusted named location is not trusted', locations(['AllTrusted']), { ip: '198.51.100.7' }, not('location')),
  l(TRUSTED, 'include AllTrusted: at a trusted location', locations(['AllTrusted']), { ip: '203.0.113.5' }, APPLIES),
  l(FACT_MISSING, 'All minus AllTrusted, IP not given', locations(['All'], ['AllTrusted']), { ip: undefined }, UNKNOWN),
  l('graph README §5: exclude always wins', 'location both included and excluded', locations([LOC.hq], [LOC.hq]), { ip: '203.0.113.5' }, not('location')),
  l('graph README §5: exclude always wins', 'All minus the branch: at the branch', locations(['All'], [LOC.branch]), { ip: '198.51.100.7' }, not('location')),
  l(COUNTRY, 'sign-in from a listed country', locations([LOC.sanctioned]), { country: 'RU' }, APPLIES),
  l(COUNTRY, 'country code compares case-insensitively', locations([LOC.sanctioned]), { country: 'kp' }, APPLIES),
  l(COUNTRY, 'sign-in from another country', locations([LOC.sanctioned]), { country: 'DE' }, not('location')),
  l(COUNTRY + '; without includeUnknownCountriesAndRegions', 'unknown country vs a country list', locations([LOC.sanctioned]), { country: 'unknown' }, not('location')),
  l(UNKNOWN_COUNTRY, 'unknown country vs a location that includes unknown countries', locations([LOC.cnOrUnknown]), { country: 'unknown' }, APPLIES),
  l(UNKNOWN_COUNTRY, 'listed country of a location that also includes unknown countries', locations([LOC.cnOrUnknown]), { country: 'CN' }, APPLIES),
  l(UNKNOWN_COUNTRY, 'known, unlisted country vs a location that includes unknown countries', locations([LOC.cnOrUnknown]), { country: 'FR' }, not('location')),
  l('graph README §5: All minus excluded countries', 'All minus sanctioned countries, signing in from DE', locations(['All'], [LOC.sanctioned]), { country: 'DE' }, APPLIES),
  l(FACT_MISSING + ' (a country location needs the country; calint has no geo-IP table)', 'country location, only the IP known', locations([LOC.sanctioned]), { country: undefined, ip: '8.8.4.4' }, UNKNOWN),
  l(FACT_MISSING, 'IP location, IP not given', locations([LOC.hq]), { ip: undefined }, UNKNOWN),
  l(UNRESOLVED, 'included location not in the export', locations([LOC.notExported]), { ip: '203.0.113.5' }, UNKNOWN),
  l(UNRESOLVED, 'All minus a location not in the export', locations(['All'], [LOC.notExported]), { ip: '8.8.4.4' }, UNKNOWN),
  l(UNRESOLVED + '; a known exclusion still wins', 'unresolved include but a matching exclusion', locations([LOC.notExported], [LOC.hq]), { ip: '203.0.113.5' }, not('location')),
  l(IP, 'IPv6 sign-in vs an IPv4-only location', locations([LOC.branch]), { ip: '2001:db8:1::1' }, not('location')),
  l(UNCONFIGURED, 'no location condition, IP and country not given', { locations: null }, { ip: undefined, country: undefined }, APPLIES),
];

// ---------------------------------------------------------------- client app types
const ca = make('client apps');
const clientApps = (...types: string[]) => ({ clientAppTypes: types });
const ALL_CLIENTS = 'graph README §5: clientAppTypes ["all"] or empty = all';
const TYPES = 'graph README §1: clientAppTypes browser / mobileAppsAndDesktopClients / exchangeActiveSync / other';

export const clientAppCases: ScenarioCase[] = [
  ca(ALL_CLIENTS, '"all" covers a browser', clientApps('all'), { clientApp: 'browser' }, APPLIES),
  ca(ALL_CLIENTS, '"all" covers legacy other clients', clientApps('all'), { clientApp: 'other' }, APPLIES),
  ca(ALL_CLIENTS, 'empty list covers every client', clientApps(), { clientApp: 'exchangeActiveSync' }, APPLIES),
  ca(ALL_CLIENTS, '"all" needs no client app type', clientApps('all'), { clientApp: undefined }, APPLIES),
  ca(TYPES, 'browser listed, browser sign-in', clientApps('browser'), { clientApp: 'browser' }, APPLIES),
  ca(TYPES, 'browser listed, desktop client sign-in', clientApps('browser'), { clientApp: 'mobileAppsAndDesktopClients' }, not('clientApps')),
  ca(TYPES, 'modern clients listed, desktop client sign-in', clientApps('mobileAppsAndDesktopClients'), { clientApp: 'mobileAppsAndDesktopClients' }, APPLIES),
  ca(TYPES + ' (legacy authentication block)', 'legacy types, Exchange ActiveSync', clientApps('exchangeActiveSync', 'other'), { clientApp: 'exchangeActiveSync' }, APPLIES),
  ca(TYPES + ' (legacy authentication block)', 'legacy types, other legacy client', clientApps('exchangeActiveSync', 'other'), { clientApp: 'other' }, APPLIES),
  ca(TYPES + ' (legacy authentication block)', 'legacy types, browser', clientApps('exchangeActiveSync', 'other'), { clientApp: 'browser' }, not('clientApps')),
  ca(TYPES, '"other" does not cover Exchange ActiveSync', clientApps('other'), { clientApp: 'exchangeActiveSync' }, not('clientApps')),
  ca('Graph conditionalAccessConditionSet: easSupported is Exchange ActiveSync (on supported platforms)', 'easSupported alias, Exchange ActiveSync', clientApps('easSupported'), { clientApp: 'exchangeActiveSync' }, APPLIES),
  ca(FACT_MISSING, 'client app condition, client app not given', clientApps('browser'), { clientApp: undefined }, UNKNOWN),
];

// ---------------------------------------------------------------- risk levels
const r = make('risk');
const RISK = 'graph README §5: risk matches if the sign-in level is listed; empty list = any risk';
const NONE_LEVEL = 'Graph riskLevel: "none" is a listable level (portal "No risk"): matches only no-risk sign-ins';
const INSIDER = 'graph README §1/§5: insiderRiskLevels flags (wire "minor,moderate") match if listed';

export const riskCases: ScenarioCase[] = [
  r(RISK, 'sign-in risk high listed', { signInRiskLevels: ['high', 'medium'] }, { signInRisk: 'high' }, APPLIES),
  r(RISK, 'sign-in risk medium listed', { signInRiskLevels: ['high', 'medium'] }, { signInRisk: 'medium' }, APPLIES),
  r(RISK, 'sign-in risk low not listed', { signInRiskLevels: ['high', 'medium'] }, { signInRisk: 'low' }, not('signInRisk')),
  r(RISK, 'no sign-in risk vs high/medium', { signInRiskLevels: ['high', 'medium'] }, { signInRisk: 'none' }, not('signInRisk')),
  r(FACT_MISSING, 'sign-in risk condition, risk not given', { signInRiskLevels: ['high'] }, { signInRisk: undefined }, UNKNOWN),
  r(RISK, 'empty sign-in risk list, risk not given', { signInRiskLevels: [] }, { signInRisk: undefined }, APPLIES),
  r(NONE_LEVEL, 'sign-in risk ["none"], no-risk sign-in', { signInRiskLevels: ['none'] }, { signInRisk: 'none' }, APPLIES),
  r(NONE_LEVEL, 'sign-in risk ["none"], high-risk sign-in', { signInRiskLevels: ['none'] }, { signInRisk: 'high' }, not('signInRisk')),
  r(NONE_LEVEL, 'sign-in risk ["low","none"], no-risk sign-in', { signInRiskLevels: ['low', 'none'] }, { signInRisk: 'none' }, APPLIES),
  r(RISK, 'user risk high listed', { userRiskLevels: ['high'] }, { userRisk: 'high' }, APPLIES),
  r(RISK, 'user risk medium not listed', { userRiskLevels: ['high'] }, { userRisk: 'medium' }, not('userRisk')),
  r(FACT_MISSING, 'user risk condition, risk not given', { userRiskLevels: ['high'] }, { userRisk: undefined }, UNKNOWN),
  r(NONE_LEVEL, 'user risk ["none"], low-risk user', { userRiskLevels: ['none'] }, { userRisk: 'low' }, not('userRisk')),
  r('graph README §5: every configured condition must match', 'sign-in and user risk both configured, only one matches', { signInRiskLevels: ['high'], userRiskLevels: ['high'] }, { signInRisk: 'high', userRisk: 'low' }, not('userRisk')),
  r(INSIDER, 'insider risk elevated listed', { insiderRiskLevels: 'elevated' }, { insiderRisk: 'elevated' }, APPLIES),
  r(INSIDER, 'insider risk minor in "minor,moderate"', { insiderRiskLevels: 'minor,moderate' }, { insiderRisk: 'minor' }, APPLIES),
  r(INSIDER, 'insider risk moderate vs elevated only', { insiderRiskLevels: 'elevated' }, { insiderRisk: 'moderate' }, not('insiderRisk')),
  r(INSIDER, 'no insider risk vs elevated', { insiderRiskLevels: 'elevated' }, { insiderRisk: 'none' }, not('insiderRisk')),
  r(FACT_MISSING, 'insider risk condition, insider risk not given', { insiderRiskLevels: 'elevated' }, { insiderRisk: undefined }, UNKNOWN),
  r(UNCONFIGURED, 'insiderRiskLevels null, insider risk not given', { insiderRiskLevels: null }, { insiderRisk: undefined }, APPLIES),
];

// ---------------------------------------------------------------- authentication flows
const f = make('authentication flows');
const FLOW = 'graph README §5: authentication flows match if a listed transfer method was used';
const flows = (transferMethods: string) => ({ authenticationFlows: { transferMethods } });

export const flowCases: ScenarioCase[] = [
  f(FLOW, 'device code flow listed, device code sign-in', flows('deviceCodeFlow'), { authenticationFlow: 'deviceCodeFlow' }, APPLIES),
  f(FLOW, 'device code flow listed, no transfer flow', flows('deviceCodeFlow'), { authenticationFlow: 'none' }, not('authenticationFlow')),
  f(FLOW, 'device code flow listed, authentication transfer', flows('deviceCodeFlow'), { authenticationFlow: 'authenticationTransfer' }, not('authenticationFlow')),
  f(FLOW, 'both methods listed (one comma-separated string), authentication transfer', flows('deviceCodeFlow,authenticationTransfer'), { authenticationFlow: 'authenticationTransfer' }, APPLIES),
  f(FACT_MISSING, 'flow condition, flow not given', flows('deviceCodeFlow'), { authenticationFlow: undefined }, UNKNOWN),
  f(UNCONFIGURED, 'no flow condition, flow not given', { authenticationFlows: null }, { authenticationFlow: undefined }, APPLIES),
];

// ---------------------------------------------------------------- device filters
const d = make('device filters');
const filter = (mode: 'include' | 'exclude', rule: string) => ({ devices: { deviceFilter: { mode, rule } } });
const MODES = 'graph README §3: include mode → only matching devices; exclude mode → all devices except matches';
const UNREG_POS = 'graph README §3: unregistered device: every property null, positive operators never match';
const UNREG_NEG = 'graph README §3: unregistered device: negative operators (ne, notStartsWith, notEndsWith, notContains, notIn) match';
const OPS = 'graph README §3: device filter operators';
const COLLECTION = 'graph README §3: systemLabels/physicalIds are collections: -contains/-notContains match whole elements';
const SYNTAX = 'graph README §3: anything else is invalid → cannot tell, reason invalidCondition (Graph whatIfAnalysisReasons)';
const ENTRA_JOINED = 'device.trustType -eq "AzureAD"';
const WORKPLACE = { ...CORP_DEVICE, trustType: 'Workplace', isCompliant: false, deviceOwnership: 'Personal', systemLabels: [] };

export const deviceFilterCases: ScenarioCase[] = [
  d(MODES, 'include mode, matching device', filter('include', ENTRA_JOINED), { device: CORP_DEVICE }, APPLIES),
  d(MODES, 'include mode, device that does not match', filter('include', ENTRA_JOINED), { device: WORKPLACE }, not('devices')),
  d(MODES, 'exclude mode, matching device is left out', filter('exclude', ENTRA_JOINED), { device: CORP_DEVICE }, not('devices')),
  d(MODES, 'exclude mode, other device stays in', filter('exclude', ENTRA_JOINED), { device: WORKPLACE }, APPLIES),
  d(UNREG_POS, 'include mode -eq, unregistered device', filter('include', ENTRA_JOINED), { device: null }, not('devices')),
  d(UNREG_POS, 'exclude mode -eq, unregistered device is not excluded', filter('exclude', ENTRA_JOINED), { device: null }, APPLIES),
  d(UNREG_NEG, 'include mode -ne, unregistered device matches', filter('include', 'device.isCompliant -ne "True"'), { device: null }, APPLIES),
  d(UNREG_NEG, 'exclude mode -ne, unregistered device is excluded', filter('exclude', 'device.isCompliant -ne "True"'), { device: null }, not('devices')),
  d(UNREG_NEG, 'include mode -notStartsWith, unregistered device matches', filter('include', 'device.displayName -notStartsWith "CONTOSO-"'), { device: null }, APPLIES),
  d(UNREG_NEG, 'include mode -notIn, unregistered device matches', filter('include', 'device.model -notIn ["Surface Laptop 5", "Surface Pro 9"]'), { device: null }, APPLIES),
  d(UNREG_POS, 'include mode -startsWith, unregistered device does not match', filter('include', 'device.displayName -startsWith "CONTOSO-"'), { device: null }, not('devices')),
  d(UNREG_POS, 'include mode -in, unregistered device does not match', filter('include', 'device.trustType -in ["AzureAD", "ServerAD"]'), { device: null }, not('devices')),
  d('graph README §3: -and / -or clauses, grouped with ( )', 'hybrid-or-Entra-joined and compliant, corporate device', filter('include', '(device.trustType -eq "ServerAD" -or device.trustType -eq "AzureAD") -and device.isCompliant -eq "True"'), { device: CORP_DEVICE }, APPLIES),
  d('graph README §3: -and / -or clauses, grouped with ( )', 'hybrid-or-Entra-joined and compliant, non-compliant device', filter('include', '(device.trustType -eq "ServerAD" -or device.trustType -eq "AzureAD") -and device.isCompliant -eq "True"'), { device: { ...CORP_DEVICE, isCompliant: false } }, not('devices')),
  d('graph README §3: property names and operators are case-insensitive', 'upper-case property, operator and -AND', filter('include', 'device.TRUSTTYPE -EQ "AzureAD" -AND device.ISCOMPLIANT -eq "True"'), { device: CORP_DEVICE }, APPLIES),
  d(OPS + ': -in takes a list', 'deviceId -in, listed device', filter('include', `device.deviceId -in ["${CORP_DEVICE.deviceId}", "d0d0d0d0-0000-4000-8000-000000000002"]`), { device: CORP_DEVICE }, APPLIES),
  d(OPS + ': -in takes a list', 'deviceId -in, unlisted device', filter('include', 'device.deviceId -in ["d0d0d0d0-0000-4000-8000-000000000002"]'), { device: CORP_DEVICE }, not('devices')),
  d(OPS + ': -notIn takes a list', 'model -notIn, listed model', filter('include', 'device.model -notIn ["Surface Laptop 5"]'), { device: CORP_DEVICE }, not('devices')),
  d(OPS + ': -contains on strings is a substring', 'displayName -contains', filter('include', 'device.displayName -contains "LT-00"'), { device: CORP_DEVICE }, APPLIES),
  d(OPS + ': -endsWith', 'displayName -endsWith, no match', filter('include', 'device.displayName -endsWith "-9999"'), { device: CORP_DEVICE }, not('devices')),
  d(COLLECTION, 'systemLabels -contains a label the device has', filter('include', 'device.systemLabels -contains "M365Managed"'), { device: CORP_DEVICE }, APPLIES),
  d(COLLECTION, 'systemLabels -contains a label the device lacks', filter('include', 'device.systemLabels -contains "MultiUser"'), { device: CORP_DEVICE }, not('devices')),
  d(COLLECTION, 'systemLabels -contains matches whole elements, not substrings', filter('include', 'device.systemLabels -contains "M365"'), { device: CORP_DEVICE }, not('devices')),
  d(COLLECTION, 'exclude mode systemLabels -notContains: a device without the label is excluded', filter('exclude', 'device.systemLabels -notContains "M365Managed"'), { device: WORKPLACE }, not('devices')),
  d(OPS + ': extensionAttributes are set only for managed devices', 'extensionAttribute1 -eq on a device without it', filter('include', 'device.extensionAttribute1 -eq "SAW"'), { device: CORP_DEVICE }, not('devices')),
  d(FACT_MISSING, 'device filter, device not given', filter('include', ENTRA_JOINED), { device: undefined }, UNKNOWN),
  d(SYNTAX, 'unterminated string', filter('include', 'device.trustType -eq "AzureAD'), { device: CORP_DEVICE }, { applies: 'cannotTell', reasons: ['invalidCondition'] }),
  d(SYNTAX, 'missing value after the operator', filter('exclude', 'device.isCompliant -eq'), { device: CORP_DEVICE }, { applies: 'cannotTell', reasons: ['invalidCondition'] }),
];

// ---------------------------------------------------------------- deprecated deviceStates
const ds = make('device states (deprecated)');
const STATES = 'graph README §1: deprecated deviceStates include All / exclude Compliant, DomainJoined';
const states = (...excludeStates: string[]) => ({ deviceStates: { includeStates: ['All'], excludeStates } });

export const deviceStateCases: ScenarioCase[] = [
  ds(STATES, 'exclude Compliant: compliant device is left out', states('Compliant'), { device: CORP_DEVICE }, not('devices')),
  ds(STATES, 'exclude Compliant: non-compliant device stays in', states('Compliant'), { device: WORKPLACE }, APPLIES),
  ds(STATES, 'exclude Compliant: unregistered device stays in', states('Compliant'), { device: null }, APPLIES),
  ds(STATES, 'exclude DomainJoined: hybrid-joined device is left out', states('DomainJoined'), { device: { ...WORKPLACE, trustType: 'ServerAD' } }, not('devices')),
  ds(FACT_MISSING, 'exclude Compliant, device not given', states('Compliant'), { device: undefined }, UNKNOWN),
];
