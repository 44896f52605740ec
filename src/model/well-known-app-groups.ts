/**
 * Applications that stand for a set of services: a policy that includes (or excludes) the application is enforced for
 * (or leaves out) tokens issued to each member too. Dated data, each row citing its article.
 */
import {
  APPLICATION_INSIGHTS_API,
  AZURE_DATA_LAKE,
  AZURE_PORTAL,
  AZURE_SERVICE_MANAGEMENT,
  LOG_ANALYTICS_API,
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

export const APP_GROUPS: readonly AppGroup[] = [AZURE_MANAGEMENT_GROUP];

/** The app ids (lower-case) a policy naming `appId` also covers, itself included. */
export function coveredApps(appId: string): string[] {
  const key = appId.toLowerCase();
  const group = APP_GROUPS.find((g) => g.appId === key);
  return group ? [key, ...Object.keys(group.members)] : [key];
}
