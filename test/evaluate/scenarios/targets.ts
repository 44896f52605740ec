/** What the sign-in is for: applications (and app groups), user actions, authentication contexts. */
import { policy, type PolicySpec } from '../../helpers/tenant.js';
import { APP, type Expectation, type ScenarioCase } from './fixture.js';
import type { Scenario } from '../../../src/evaluate/whatif/index.js';

const APPLIES: Expectation = { applies: 'applies', reasons: [] };
const NOT_APP: Expectation = { applies: 'doesNotApply', reasons: ['application'] };
const NOT_ACTION: Expectation = { applies: 'doesNotApply', reasons: ['userActions'] };
const NOT_CONTEXT: Expectation = { applies: 'doesNotApply', reasons: ['authenticationContext'] };
const UNKNOWN: Expectation = { applies: 'cannotTell', reasons: ['notEnoughInformation'] };

type Target = Scenario['target'];
const app = (appId: string, attributes?: Record<string, string>): Target => ({ kind: 'application', appId, ...(attributes ? { attributes } : {}) });
const action = (a: string): Target => ({ kind: 'userAction', action: a });
const context = (id: string): Target => ({ kind: 'authenticationContext', id });

function make(area: string) {
  return (rule: string, name: string, spec: PolicySpec, target: Target, expect: Expectation): ScenarioCase => ({
    area,
    rule,
    name,
    policies: [policy(spec)],
    scenario: { target },
    expect,
  });
}
const apps = (includeApplications: string[], excludeApplications: string[] = []): PolicySpec => ({ applications: { includeApplications, excludeApplications } });

// ---------------------------------------------------------------- applications
const a = make('applications');
const ALL = 'graph README §5: Apps All matches every cloud resource';
const NONE = 'graph README §1: includeApplications None targets no resource';
const EXCLUDE = 'graph README §5: in scope = included and not excluded; exclude always wins';
const OFFICE = 'graph README §5/§4: Office365 expands to its app group (Microsoft Learn office-365-application-contents)';
const PORTALS = 'graph README §5/§4: MicrosoftAdminPortals expands to the admin portal app group (Azure portal c44b4083…)';
const WASM = 'concept-conditional-access-cloud-apps (checked 2026-12-04): Windows Azure Service Management API is enforced for Azure Resource Manager, the Azure portal (and Entra admin center), Azure Data Lake, Application Insights API and Log Analytics API';
const LOG_ANALYTICS = 'ca7f3f0b-7d91-482c-8e09-c5d840d0eac5';
const DATA_LAKE = 'e9f49c6b-5ce5-44c8-925d-015017e9f7ad';
const APP_INSIGHTS = 'f5c26e74-f226-4ae8-85f0-b4af0080ac9e';
const NAMES = 'graph README §1: GUIDs are appIds; calint resolves display names written where an id belongs';
const FILTER = 'graph README §1: applicationFilter (custom security attributes) include/exclude mode';

export const applicationCases: ScenarioCase[] = [
  a(ALL, 'All resources covers Exchange Online', apps(['All']), app(APP.exchange), APPLIES),
  a(ALL, 'All resources covers a tenant app', apps(['All']), app(APP.billing), APPLIES),
  a(NONE, 'None targets nothing', apps(['None']), app(APP.exchange), NOT_APP),
  a('graph README §1: specific appIds', 'listed app', apps([APP.exchange]), app(APP.exchange), APPLIES),
  a('graph README §1: specific appIds', 'unlisted app', apps([APP.exchange]), app(APP.graph), NOT_APP),
  a('graph README §1: specific appIds', 'one of several listed apps', apps([APP.exchange, APP.sharePoint, APP.billing]), app(APP.billing), APPLIES),
  a(OFFICE, 'Office365 group covers Exchange Online (member)', apps(['Office365']), app(APP.exchange), APPLIES),
  a(OFFICE, 'Office365 group covers Teams Services (member)', apps(['Office365']), app(APP.teams), APPLIES),
  a(OFFICE, 'Office365 group does not cover Microsoft Graph (non-member)', apps(['Office365']), app(APP.graph), NOT_APP),
  a(OFFICE, 'Office365 group does not cover a tenant app', apps(['Office365']), app(APP.billing), NOT_APP),
  a(OFFICE + '; ' + EXCLUDE, 'All minus Office365 leaves Exchange Online out', apps(['All'], ['Office365']), app(APP.exchange), NOT_APP),
  a(OFFICE + '; ' + EXCLUDE, 'All minus Office365 still covers Graph', apps(['All'], ['Office365']), app(APP.graph), APPLIES),
  a(PORTALS, 'admin portals group covers the Azure portal', apps(['MicrosoftAdminPortals']), app(APP.azurePortal), APPLIES),
  a(PORTALS, 'admin portals group does not cover Exchange Online', apps(['MicrosoftAdminPortals']), app(APP.exchange), NOT_APP),
  a(PORTALS, 'admin portals group does not cover Azure Service Management (a separate app)', apps(['MicrosoftAdminPortals']), app(APP.azureManagement), NOT_APP),
  a(WASM, 'Azure management covers the Azure portal', apps([APP.azureManagement]), app(APP.azurePortal), APPLIES),
  a(WASM, 'Azure management covers Log Analytics API', apps([APP.azureManagement]), app(LOG_ANALYTICS), APPLIES),
  a(WASM, 'Azure management covers Azure Data Lake', apps([APP.azureManagement]), app(DATA_LAKE), APPLIES),
  a(WASM, 'Azure management covers Application Insights API', apps([APP.azureManagement]), app(APP_INSIGHTS), APPLIES),
  a(WASM, 'Azure management does not cover Microsoft Graph', apps([APP.azureManagement]), app(APP.graph), NOT_APP),
  a(WASM + '; ' + EXCLUDE, 'All minus Azure management leaves the Azure portal out', apps(['All'], [APP.azureManagement]), app(APP.azurePortal), NOT_APP),
  a(WASM + '; ' + EXCLUDE, 'All minus Azure management leaves Log Analytics API out', apps(['All'], [APP.azureManagement]), app(LOG_ANALYTICS), NOT_APP),
  a(WASM, 'the Azure portal alone does not cover Azure management', apps([APP.azurePortal]), app(APP.azureManagement), NOT_APP),
  a(WASM, 'scenario names a member by display name', apps([APP.azureManagement]), app('Log Analytics API'), APPLIES),
  a(EXCLUDE, 'All minus one app: the excluded app', apps(['All'], [APP.graph]), app(APP.graph), NOT_APP),
  a(EXCLUDE, 'All minus one app: another app', apps(['All'], [APP.graph]), app(APP.exchange), APPLIES),
  a(EXCLUDE, 'app both included and excluded', apps([APP.exchange], [APP.exchange]), app(APP.exchange), NOT_APP),
  a(NAMES, 'policy names the app group by display name "Office 365"', apps(['Office 365']), app(APP.exchange), APPLIES),
  a(NAMES, 'policy names a first-party app by display name', apps(['Office 365 Exchange Online']), app(APP.exchange), APPLIES),
  a(NAMES, 'policy names a tenant app by its service principal display name', apps(['Billing API']), app(APP.billing), APPLIES),
  a(NAMES, 'scenario names the target app by display name', apps([APP.exchange]), app('Office 365 Exchange Online'), APPLIES),
  a(NAMES, 'appId compares case-insensitively', apps([APP.billing.toUpperCase()]), app(APP.billing), APPLIES),
  a(FILTER, 'include-mode app filter matches the app attributes', { applications: { includeApplications: ['All'], applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.Engineering_Project -eq "Baker"' } } }, app(APP.billing, { Engineering_Project: 'Baker' }), APPLIES),
  a(FILTER, 'include-mode app filter does not match', { applications: { includeApplications: ['All'], applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.Engineering_Project -eq "Baker"' } } }, app(APP.billing, { Engineering_Project: 'Cascade' }), NOT_APP),
  a(FILTER, 'exclude-mode app filter leaves a matching app out', { applications: { includeApplications: ['All'], applicationFilter: { mode: 'exclude', rule: 'CustomSecurityAttribute.Engineering_Project -eq "Baker"' } } }, app(APP.billing, { Engineering_Project: 'Baker' }), NOT_APP),
  a(FILTER + '; attributes not given → cannot tell', 'app filter and no attributes in the scenario', { applications: { includeApplications: ['All'], applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.Engineering_Project -eq "Baker"' } } }, app(APP.billing), UNKNOWN),
];

// ---------------------------------------------------------------- user actions
const ua = make('user actions');
const SEPARATE = 'graph README §5: user actions are a separate target kind; an app policy never applies to a user action';
const EVAL_EX3 = 'graph README §5: evaluate example 3 — All-resources policies apply to registerSecurityInformation';
const UNCLEAR = 'graph README §5: All resources vs registerOrJoinDevices undocumented → cannot tell';
const SECURITY_INFO = 'urn:user:registersecurityinfo';
const REGISTER_DEVICE = 'urn:user:registerdevice';
const actionPolicy = (a: string): PolicySpec => ({ applications: { includeApplications: [], includeUserActions: [a] } });

export const userActionCases: ScenarioCase[] = [
  ua('graph README §1: includeUserActions', 'register security info policy, register security info', actionPolicy(SECURITY_INFO), action(SECURITY_INFO), APPLIES),
  ua('graph README §1: includeUserActions', 'register device policy, register device', actionPolicy(REGISTER_DEVICE), action(REGISTER_DEVICE), APPLIES),
  ua('graph README §1: includeUserActions; the reason is named after the policy\'s own target kind', 'register security info policy, register device', actionPolicy(SECURITY_INFO), action(REGISTER_DEVICE), NOT_ACTION),
  ua('scenario: user actions compare case-insensitively', 'action written in another case', actionPolicy('urn:user:RegisterSecurityInfo'), action(SECURITY_INFO), APPLIES),
  ua(EVAL_EX3, 'All resources, register security info', apps(['All']), action(SECURITY_INFO), APPLIES),
  ua(UNCLEAR, 'All resources, register device', apps(['All']), action(REGISTER_DEVICE), UNKNOWN),
  ua(SEPARATE, 'specific app policy, register security info', apps([APP.exchange]), action(SECURITY_INFO), NOT_APP),
  ua(SEPARATE, 'Office365 policy, register device', apps(['Office365']), action(REGISTER_DEVICE), NOT_APP),
  ua(SEPARATE + '; the reason is named after the policy\'s own target kind', 'user-action policy, application sign-in', actionPolicy(SECURITY_INFO), app(APP.exchange), NOT_ACTION),
];

// ---------------------------------------------------------------- authentication contexts
const ac = make('authentication contexts');
const CONTEXT = 'graph README §1/§5: includeAuthenticationContextClassReferences (c1…c99) is a separate target kind';
const contextPolicy = (...ids: string[]): PolicySpec => ({ applications: { includeApplications: [], includeAuthenticationContextClassReferences: ids } });

export const authContextCases: ScenarioCase[] = [
  ac(CONTEXT, 'listed context c1', contextPolicy('c1'), context('c1'), APPLIES),
  ac(CONTEXT, 'one of several listed contexts', contextPolicy('c1', 'c2'), context('c2'), APPLIES),
  ac(CONTEXT, 'another context', contextPolicy('c1'), context('c2'), NOT_CONTEXT),
  ac('graph README §5: All resources vs an auth context undocumented → cannot tell', 'All resources, context c1', apps(['All']), context('c1'), UNKNOWN),
  ac(CONTEXT, 'specific app policy, context c1', apps([APP.sharePoint]), context('c1'), NOT_APP),
  ac(CONTEXT + '; the reason is named after the policy\'s own target kind', 'context policy, application sign-in', contextPolicy('c1'), app(APP.sharePoint), NOT_CONTEXT),
];
