/**
 * The token-protection capability table (src/model/token-protection.ts) and what the rules read from it: details the
 * fixtures' expected lists do not show (severities, evidence of tenant-wide findings, the table's own answers).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import type { LintResult } from '../../../src/engine/result-types.js';
import {
  TOKEN_PROTECTION_ARTICLES,
  TOKEN_PROTECTION_CHECKED,
  TOKEN_PROTECTION_CLIENT_APP_TYPES,
  TOKEN_PROTECTION_PLATFORMS,
  TOKEN_PROTECTION_RESOURCES,
  WINDOWS_SUPPORTED_REGISTRATIONS,
  WINDOWS_UNSUPPORTED_REGISTRATIONS,
  clientsOf,
  platformStatus,
  previewScenarios,
  resourcesOnEveryPlatform,
  supportedPlatforms,
  supportedResources,
} from '../../../src/model/token-protection.js';
import {
  AZURE_SERVICE_MANAGEMENT,
  AZURE_VIRTUAL_DESKTOP,
  EXCHANGE_ONLINE,
  SHAREPOINT_ONLINE,
  TEAMS_SERVICES,
  WINDOWS_365,
  WINDOWS_CLOUD_LOGIN,
} from '../../../src/model/well-known-apps.js';
import { EMPTY_CONFIG, REPO_ROOT } from '../fixtures.js';

const DIR = 'test/rules/token-protection';
const run = (file: string): Promise<LintResult> =>
  lint({ inputs: [`${DIR}/${file}`], cwd: REPO_ROOT, configFile: EMPTY_CONFIG, now: new Date(0), scope: 'tenant' });
const of = (result: LintResult, rule: string) => result.findings.filter((f) => f.ruleId === `token-protection/${rule}`);
const ids = (rows: ReadonlyArray<{ appId: string }>) => rows.map((r) => r.appId);

describe('token-protection capability table', () => {
  it('every row cites one of the token-protection articles and the day it was checked', () => {
    const articles: string[] = Object.values(TOKEN_PROTECTION_ARTICLES);
    const rows = [
      ...TOKEN_PROTECTION_PLATFORMS,
      ...TOKEN_PROTECTION_RESOURCES,
      ...TOKEN_PROTECTION_CLIENT_APP_TYPES,
      ...WINDOWS_SUPPORTED_REGISTRATIONS,
      ...WINDOWS_UNSUPPORTED_REGISTRATIONS,
    ];
    for (const row of rows) {
      expect(articles).toContain(row.source.article);
      expect(row.source.checked).toBe(TOKEN_PROTECTION_CHECKED);
    }
    expect(TOKEN_PROTECTION_CHECKED).toBe('2026-12-06');
  });

  it('native apps: Windows generally available, iOS/iPadOS and macOS in preview; Android, Linux and unknown platforms not supported', () => {
    expect(supportedPlatforms(['native'])).toEqual(['windows', 'iOS', 'macOS']);
    expect(['windows', 'iOS', 'macOS'].map((p) => platformStatus(p))).toEqual(['ga', 'preview', 'preview']);
    expect(['android', 'linux', 'windowsPhone', 'unknown'].map((p) => platformStatus(p))).toEqual([null, null, null, null]);
    expect(platformStatus('Windows')).toBe('ga');
  });

  it('browser sign-ins: a preview on Windows and macOS, for the Windows Azure Service Management API only', () => {
    expect(supportedPlatforms(['browser'])).toEqual(['windows', 'macOS']);
    expect(platformStatus('macOS', ['browser'])).toBe('preview');
    expect(platformStatus('iOS', ['browser'])).toBeNull();
    expect(platformStatus('windows', ['native', 'browser'])).toBe('ga');
    expect(ids(supportedResources(null, ['browser']))).toEqual([AZURE_SERVICE_MANAGEMENT]);
  });

  it('resources: Exchange, SharePoint and Teams on every platform; Azure Virtual Desktop, Windows 365 and Windows Cloud Login on Windows', () => {
    expect(ids(resourcesOnEveryPlatform())).toEqual([EXCHANGE_ONLINE, SHAREPOINT_ONLINE, TEAMS_SERVICES]);
    expect(ids(supportedResources(['iOS', 'macOS']))).toEqual([EXCHANGE_ONLINE, SHAREPOINT_ONLINE, TEAMS_SERVICES]);
    expect(ids(supportedResources(['windows']))).toEqual([
      EXCHANGE_ONLINE,
      SHAREPOINT_ONLINE,
      TEAMS_SERVICES,
      AZURE_VIRTUAL_DESKTOP,
      WINDOWS_365,
      WINDOWS_CLOUD_LOGIN,
    ]);
    expect(ids(supportedResources(null))).toEqual(ids(supportedResources(['windows'])));
  });

  it('client app types: mobile apps and desktop clients are native, browser is the browser kind, legacy clients none', () => {
    expect(clientsOf(['mobileAppsAndDesktopClients'])).toEqual(['native']);
    expect(clientsOf(['browser'])).toEqual(['browser']);
    expect(clientsOf([])).toEqual(['native', 'browser']);
    expect(clientsOf(['All'])).toEqual(['native', 'browser']);
    expect(clientsOf(['exchangeActiveSync', 'other'])).toEqual([]);
  });

  it('preview scenarios: the browser preview for Azure management, and native apps on Apple platforms; not Windows native apps', () => {
    expect(previewScenarios({ platforms: ['windows'], clientAppTypes: ['mobileAppsAndDesktopClients'], resources: [EXCHANGE_ONLINE] })).toEqual([]);
    expect(previewScenarios({ platforms: ['iOS', 'macOS'], clientAppTypes: ['mobileAppsAndDesktopClients'], resources: [EXCHANGE_ONLINE] }).length).toBeGreaterThan(0);
    const [scenario, ...rest] = previewScenarios({ platforms: ['windows', 'macOS'], clientAppTypes: ['browser'], resources: [AZURE_SERVICE_MANAGEMENT] });
    expect(rest).toEqual([]);
    expect(scenario).toMatchObject({ client: 'browser', appId: AZURE_SERVICE_MANAGEMENT, platforms: ['windows', 'macOS'] });
    expect(scenario!.source.article).toBe(TOKEN_PROTECTION_ARTICLES.webApps);
  });

  it('the Windows known limitation lists the four registrations, each with trustType AzureAD', () => {
    expect(WINDOWS_UNSUPPORTED_REGISTRATIONS.map((r) => r.systemLabel)).toEqual(['CloudPC', 'AzureVirtualDesktop', 'MicrosoftPowerAutomate', 'AzureResource']);
    for (const r of WINDOWS_UNSUPPORTED_REGISTRATIONS) {
      expect(r.platform).toBe('windows');
      expect(r.device.trustType).toBe('AzureAD');
    }
  });
});

describe('token-protection rules read the table', () => {
  it('the seed case stays a high finding: the Office 365 app group names the supported resources to select instead', async () => {
    const [f, ...rest] = of(await run('resource-scope/fail/office365-group.json'), 'resource-scope');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ messageId: 'appGroup', severity: 'high' });
    expect(f!.message).toContain('Office 365 app group');
    expect(f!.message).toContain('Microsoft Teams Services');
  });

  it('preview notes are info findings, not high or medium ones', async () => {
    const result = await run('resource-scope/fail/azure-management-browser-preview.json');
    const notes = result.findings.filter((f) => f.ruleId.startsWith('token-protection/'));
    expect(notes.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual(
      expect.arrayContaining([
        ['token-protection/resource-scope', 'browserPreview', 'info'],
        ['token-protection/client-app-types', 'browserPreview', 'info'],
        ['token-protection/unsupported-devices', 'platformPreview', 'info'],
      ]),
    );
    for (const f of notes.filter((x) => /Preview$/.test(x.messageId))) expect(f.message).toContain(TOKEN_PROTECTION_CHECKED);
  });

  it('an Apple-only policy gets no Windows device-filter finding, only an info note that Apple platforms are in preview', async () => {
    const result = await run('unsupported-devices/fail/ios-macos-preview-no-cloudpc-filter.json');
    expect(of(result, 'unsupported-devices').map((f) => [f.messageId, f.severity])).toEqual([['platformPreview', 'info']]);
    expect(of(result, 'resource-scope')).toEqual([]);
    expect(of(result, 'client-app-types')).toEqual([]);
  });

  it('an Android policy is told Android is unsupported, and which platforms are', async () => {
    const result = await run('unsupported-devices/fail/android-platform.json');
    // The platform is what is wrong; resource-scope does not repeat it for every resource.
    expect(of(result, 'resource-scope')).toEqual([]);
    const [f] = of(result, 'unsupported-devices');
    expect(f!.evidence).toMatchObject({ unsupportedPlatforms: ['android'], expected: { includePlatforms: ['windows', 'iOS', 'macOS'] } });
    expect(f!.message).not.toMatch(/only on Windows|Windows only/);
  });

  it('companion-policies asks for compliance on the platforms the token-protection policies leave out', async () => {
    const [f] = of(await run('companion-policies/fail/windows-token-protection-compliance-android-linux-only.json'), 'companion-policies');
    expect(f!.evidence.uncoveredPlatforms).toEqual(['iOS', 'macOS']);
    expect(f!.evidence.coveredPlatforms).toEqual([
      { platform: 'android', by: ['Require a compliant device - Android and Linux'] },
      { platform: 'linux', by: ['Require a compliant device - Android and Linux'] },
    ]);
    expect(f!.message).toContain('on iOS, macOS;');
  });
});
