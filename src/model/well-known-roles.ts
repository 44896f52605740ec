/**
 * Built-in Entra directory role template ids (includeRoles / excludeRoles hold template ids).
 * Source: Microsoft Learn "Microsoft Entra built-in roles" and "Require MFA for administrators" (which roles count:
 * docs/graph-semantics.md, "Users, guests and roles").
 */
export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
export const DIRECTORY_SYNCHRONIZATION_ACCOUNTS = 'd29b2b05-8046-44ba-8758-1e26182fcf32';

/** The 14 roles of Microsoft's "Require MFA for administrators" policy. */
export const ADMIN_MFA_ROLES: readonly string[] = [
  GLOBAL_ADMINISTRATOR,
  'e8611ab8-c189-46e8-94e1-60213ab1f814',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  '29232cdf-9323-42fd-ade2-1d097af3e4de',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  '158c047a-c907-4556-b7ef-446551a6b5f7',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  '966707d0-3269-4727-9be2-8c3a10f19b9d',
  'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe',
];

export const WELL_KNOWN_ROLES: Readonly<Record<string, string>> = {
  [GLOBAL_ADMINISTRATOR]: 'Global Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': 'SharePoint Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '966707d0-3269-4727-9be2-8c3a10f19b9d': 'Password Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'Billing Administrator',
  [DIRECTORY_SYNCHRONIZATION_ACCOUNTS]: 'Directory Synchronization Accounts',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '95e79109-95c0-4d8e-aee3-d01accf2d47b': 'Guest Inviter',
  '3a2c62db-5318-420d-8d74-23affee5d9d5': 'Intune Administrator',
  '5d6b6bb7-de71-4623-b4af-96380a352509': 'Security Reader',
  '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f': 'Security Operator',
  '17315797-102d-40b4-93e0-432062caca18': 'Compliance Administrator',
  '69091246-20e8-4a56-aa4d-066075b2a7a8': 'Teams Administrator',
  'e3973bdf-4987-49ae-837a-ba8e231c7286': 'Azure DevOps Administrator',
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b': 'Directory Readers',
  '9360feb5-f418-4baa-8175-e2a00bac4301': 'Directory Writers',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
  '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e': 'Identity Governance Administrator',
  '0526716b-113d-4c15-b2c8-68e3c22b9f80': 'Authentication Policy Administrator',
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': 'Groups Administrator',
  'ac434307-12b9-4fa1-a708-88bf58caabc1': 'Global Secure Access Administrator',
  '10dae51f-b6af-4016-8d66-8c2a99b929b3': 'Guest User',
  '2af84b1e-32c8-42b7-82bc-daa82404023b': 'Restricted Guest User',
  'a0b1b346-4d3e-4e8b-98f8-753987be4970': 'User',
};
