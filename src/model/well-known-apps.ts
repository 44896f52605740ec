/**
 * Well-known Microsoft first-party application ids (appId) and Conditional Access app-group keywords.
 * Source: Microsoft Learn (apps and app groups in Conditional Access; first-party app ids) and merill/microsoft-info's
 * MicrosoftApps.csv; docs/graph-semantics.md, "Target resources", says how calint reads them.
 */
export const EXCHANGE_ONLINE = '00000002-0000-0ff1-ce00-000000000000';
export const SHAREPOINT_ONLINE = '00000003-0000-0ff1-ce00-000000000000';
export const TEAMS_SERVICES = 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe';
export const AZURE_VIRTUAL_DESKTOP = '9cdead84-a844-4324-93f2-b2e6bb768d07';
export const WINDOWS_365 = '0af06dc6-e4b5-4f28-818e-e78e62d137a5';
export const WINDOWS_CLOUD_LOGIN = '270efc09-cd0d-444b-a71f-39af4910ec45';
export const AZURE_SERVICE_MANAGEMENT = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
/** The Azure portal's app id; it also serves the Microsoft Entra admin center. */
export const AZURE_PORTAL = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';
export const AZURE_DATA_LAKE = 'e9f49c6b-5ce5-44c8-925d-015017e9f7ad';
export const APPLICATION_INSIGHTS_API = 'f5c26e74-f226-4ae8-85f0-b4af0080ac9e';
export const LOG_ANALYTICS_API = 'ca7f3f0b-7d91-482c-8e09-c5d840d0eac5';
export const MICROSOFT_GRAPH = '00000003-0000-0000-c000-000000000000';
export const INTUNE_ENROLLMENT = 'd4ebce55-015a-49b5-a083-c84d1797ae8c';
export const RIGHTS_MANAGEMENT_SERVICES = '00000012-0000-0000-c000-000000000000';
export const AZURE_DEVOPS = '499b84ac-1321-427f-aa17-267ca6975798';
/** Windows Azure Active Directory (Azure AD Graph): the resource baseline scopes are evaluated against. */
export const AZURE_AD_GRAPH = '00000002-0000-0000-c000-000000000000';

/** Special values of includeApplications / excludeApplications. */
export const APP_ALL = 'All';
export const APP_NONE = 'None';
export const APP_GROUP_OFFICE_365 = 'Office365';
export const APP_GROUP_ADMIN_PORTALS = 'MicrosoftAdminPortals';


export const SPECIAL_APP_NAMES: Record<string, string> = {
  [APP_ALL]: 'All resources',
  [APP_NONE]: 'None',
  [APP_GROUP_OFFICE_365]: 'Office 365 (app group)',
  [APP_GROUP_ADMIN_PORTALS]: 'Microsoft Admin Portals (app group)',
};

export const WELL_KNOWN_APPS: Readonly<Record<string, string>> = {
  [EXCHANGE_ONLINE]: 'Office 365 Exchange Online',
  [SHAREPOINT_ONLINE]: 'Office 365 SharePoint Online',
  [TEAMS_SERVICES]: 'Microsoft Teams Services',
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Microsoft Teams',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346': 'Microsoft Teams Web Client',
  [AZURE_SERVICE_MANAGEMENT]: 'Windows Azure Service Management API',
  'c44b4083-3bb0-49c1-b47d-974e53cbdf3c': 'Azure Portal',
  '04b07795-8ddb-461a-bbee-02f9e1bf7b46': 'Microsoft Azure CLI',
  '1950a258-227b-4e31-a9cf-717495945fc2': 'Microsoft Azure PowerShell',
  [AZURE_DATA_LAKE]: 'Azure Data Lake',
  [APPLICATION_INSIGHTS_API]: 'Application Insights API',
  [LOG_ANALYTICS_API]: 'Log Analytics API',
  [MICROSOFT_GRAPH]: 'Microsoft Graph',
  '00000002-0000-0000-c000-000000000000': 'Windows Azure Active Directory',
  '14d82eec-204b-4c2f-b7e8-296a70dab67e': 'Microsoft Graph Command Line Tools',
  'de8bc8b5-d9f9-48b1-a8ad-b748da725064': 'Graph Explorer',
  '0000000a-0000-0000-c000-000000000000': 'Microsoft Intune',
  [INTUNE_ENROLLMENT]: 'Microsoft Intune Enrollment',
  '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223': 'Microsoft Intune Company Portal',
  '01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9': 'Device Registration Service',
  '29d9ed98-a469-4536-ade2-f981bc1d605e': 'Microsoft Authentication Broker',
  [AZURE_VIRTUAL_DESKTOP]: 'Azure Virtual Desktop',
  'a85cf173-4192-42f8-81fa-777a763e6e2c': 'Azure Virtual Desktop Client',
  [WINDOWS_365]: 'Windows 365',
  [WINDOWS_CLOUD_LOGIN]: 'Windows Cloud Login',
  'a4a365df-50f1-4397-bc59-1a1564b8bb9c': 'Microsoft Remote Desktop',
  '2793995e-0a7d-40d7-bd35-6968ba142197': 'My Apps',
  '8c59ead7-d703-4a27-9e55-c96a0054c8d2': 'My Profile',
  '19db86c3-b2b9-44cc-b339-36da233a3be2': 'My Sign-ins',
  '4765445b-32c6-49b0-83e6-1d93765276ca': 'OfficeHome',
  'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft Office',
  '00000004-0000-0ff1-ce00-000000000000': 'Skype for Business Online',
  '00000005-0000-0ff1-ce00-000000000000': 'Viva Engage (Yammer)',
  '372140e0-b3b7-4226-8ef9-d57986796201': 'Azure Windows VM Sign-In',
  '00000009-0000-0000-c000-000000000000': 'Power BI Service',
  '00000007-0000-0000-c000-000000000000': 'Dataverse',
  [AZURE_DEVOPS]: 'Azure DevOps',
  '05a65629-4c1b-48c1-a78b-804c4abdd4af': 'Microsoft Defender for Cloud Apps',
  [RIGHTS_MANAGEMENT_SERVICES]: 'Microsoft Rights Management Services',
};

/**
 * Display names seen in hand-edited exports where an app id or app-group keyword belongs
 * (e.g. "Office 365", "Microsoft Azure Management"), mapped to what they mean. Lower-case keys.
 */
export const APP_DISPLAY_NAME_ALIASES: Readonly<Record<string, string>> = {
  'office 365': APP_GROUP_OFFICE_365,
  'microsoft admin portals': APP_GROUP_ADMIN_PORTALS,
  'microsoft azure management': AZURE_SERVICE_MANAGEMENT,
  'azure resource manager': AZURE_SERVICE_MANAGEMENT,
  'all cloud apps': APP_ALL,
  'all resources': APP_ALL,
};

/**
 * What token protection supports (platforms, client kinds, resources, the Windows registrations to exclude) is dated
 * data in ./token-protection.ts, each row citing its Microsoft Learn article.
 */
