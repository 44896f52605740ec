/**
 * Applications and app groups that stand for a set of services: a policy that includes (or excludes) one is enforced
 * for (or leaves out) tokens issued to each member too. The one place calint keeps these lists; dated data, each citing
 * its article.
 */
import {
  APP_GROUP_ADMIN_PORTALS,
  APP_GROUP_OFFICE_365,
  APPLICATION_INSIGHTS_API,
  AZURE_DATA_LAKE,
  AZURE_PORTAL,
  AZURE_SERVICE_MANAGEMENT,
  EXCHANGE_ONLINE,
  LOG_ANALYTICS_API,
  SHAREPOINT_ONLINE,
  TEAMS_SERVICES,
} from './well-known-apps.js';

export interface AppGroup {
  /** The app id a policy names (lower-case). */
  appId: string;
  /** The services it also covers (lower-case app ids), with their names for a person. */
  members: Readonly<Record<string, string>>;
  source: string;
  checked: string;
}

/**
 * "Windows Azure Service Management API": enforced for Azure Resource Manager (the API's own id), the Azure portal
 * (which also covers the Microsoft Entra admin center and the Microsoft Engage Center), Azure Data Lake, Application
 * Insights API and Log Analytics API. Azure DevOps is no longer covered.
 */
export const AZURE_MANAGEMENT_GROUP: AppGroup = {
  appId: AZURE_SERVICE_MANAGEMENT,
  members: {
    [AZURE_PORTAL]: 'Azure portal (and the Microsoft Entra admin center)',
    [AZURE_DATA_LAKE]: 'Azure Data Lake',
    [APPLICATION_INSIGHTS_API]: 'Application Insights API',
    [LOG_ANALYTICS_API]: 'Log Analytics API',
  },
  source: 'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#windows-azure-service-management-api',
  checked: '2026-12-04',
};

/**
 * The "Office 365" app group (keyword Office365): the services Microsoft lists under "Apps included in Conditional
 * Access Office 365 app suite" (reference-office-365-application-contents). The group holds more services than these and
 * the list changes; these are the ones an export names by app id (ids from Microsoft's first-party app list).
 */
const OFFICE_365_MEMBERS: Readonly<Record<string, string>> = {
  [EXCHANGE_ONLINE]: 'Office 365 Exchange Online',
  [SHAREPOINT_ONLINE]: 'Office 365 SharePoint Online',
  [TEAMS_SERVICES]: 'Microsoft Teams Services',
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Microsoft Teams',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346': 'Microsoft Teams Web Client',
  '1996141e-2b07-4491-927a-5a024b335c78': 'Microsoft Teams UIS',
  'e1979c22-8b73-4aed-a4da-572cc4d0b832': 'App Studio for Microsoft Teams',
  '48ac35b8-9aa8-4d74-927d-1f4a14a0b239': 'Skype and Teams Tenant Admin API',
  '00000004-0000-0ff1-ce00-000000000000': 'Skype for Business Online',
  '1e70cd27-4707-4589-8ec5-9bd20c472a46': 'Skype Presence Service',
  '39aaf054-81a5-48c7-a4f8-0293012095b9': 'IC3 Gateway',
  '00000005-0000-0ff1-ce00-000000000000': 'Viva Engage (Yammer)',
  '00000006-0000-0ff1-ce00-000000000000': 'Microsoft Office 365 Portal',
  '00000007-0000-0ff1-ce00-000000000000': 'Microsoft Exchange Online Protection',
  '4765445b-32c6-49b0-83e6-1d93765276ca': 'OfficeHome',
  'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft Office',
  '0f698dd4-f011-4d23-a33e-b36416dcb1e6': 'OfficeClientService',
  '9e4a5442-a5c9-4f6f-b03f-5b9fcaaf24b1': 'OfficeServicesManager',
  '6b91db1b-f05b-405a-a0b2-e3f60b28d645': 'M365 Admin Services',
  '48af08dc-f6d2-435f-b2a7-069abd99c086': 'Connectors',
  'c9a559d2-7aab-4f13-a6ed-e7e9c52aec87': 'Microsoft Forms',
  '09abbdfd-ed23-44ee-a2d9-a627aa1c90f3': 'Microsoft Planner (ProjectWorkManagement)',
  'cf53fce8-def6-4aeb-8d30-b158e7b1cf83': 'Microsoft Stream Portal',
  '2634dd23-5e5a-431c-81ca-11710d9079f4': 'Microsoft Stream Service',
  '905fcf26-4eb7-48a0-9ff0-8dcc7194b5ba': 'Sway',
  '2d4d3d8e-2be3-4bef-9f87-7875a61c29de': 'OneNote',
  '94c63fef-13a3-47bc-8074-75af8c65887a': 'Office Delve',
  '166f1b03-5b19-416f-a94b-1d7aa2d247dc': 'Office Hive',
  '475226c6-020e-4fb2-8a90-7a972cbfc1d4': 'PowerApps Service',
  '394866fc-eedb-4f01-8536-3ff84b16be2a': 'Microsoft People Cards Service',
  '00695ed2-3202-4156-8da1-69f60065e255': 'Microsoft Visio Data Visualizer',
  '0cd196ee-71bf-4fd6-a57c-b491ffd4fb1e': 'Media Analysis and Transformation Service',
  '08e18876-6177-487e-b8b5-cf950c1e598c': 'SharePoint Online Web Client Extensibility',
  '3bc2296e-aa22-4ed2-9e1e-946d05afa6a2': 'SharePoint Online Web Client Extensibility Isolated',
};


export const OFFICE_365_GROUP: AppGroup = {
  appId: APP_GROUP_OFFICE_365.toLowerCase(),
  members: OFFICE_365_MEMBERS,
  source: 'https://learn.microsoft.com/entra/identity/conditional-access/reference-office-365-application-contents',
  checked: '2026-12-06',
};

/**
 * The "Microsoft Admin Portals" app group (keyword MicrosoftAdminPortals). Microsoft does not publish member app ids for
 * every portal; the Azure portal is the one an export names by id.
 */
export const ADMIN_PORTALS_GROUP: AppGroup = {
  appId: APP_GROUP_ADMIN_PORTALS.toLowerCase(),
  members: { [AZURE_PORTAL]: 'Azure portal' },
  source: 'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#microsoft-admin-portals',
  checked: '2026-12-06',
};

export const APP_GROUPS: readonly AppGroup[] = [AZURE_MANAGEMENT_GROUP, OFFICE_365_GROUP, ADMIN_PORTALS_GROUP];

/** The app ids (lower-case) a policy naming `appId` (an app id or an app-group keyword) also covers, itself included. */
export function coveredApps(appId: string): string[] {
  const key = appId.toLowerCase();
  const group = APP_GROUPS.find((g) => g.appId === key);
  return group ? [key, ...Object.keys(group.members)] : [key];
}

/** The app id (canonical case) when `value` is a member of the Office 365 app group, else null. */
export function office365MemberApp(value: string): string | null {
  const lower = value.toLowerCase();
  return Object.keys(OFFICE_365_MEMBERS).find((id) => id === lower) ?? null;
}

/** The members of the Office 365 app group (app id → name). */
export const OFFICE_365_MEMBER_APPS = OFFICE_365_MEMBERS;

/** The member a coverage class stands for when a requirement names the whole Office 365 group. */
export const OFFICE_365_REPRESENTATIVE = EXCHANGE_ONLINE;
export { SHAREPOINT_ONLINE, TEAMS_SERVICES };
